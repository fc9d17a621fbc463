"""Goal progress in the meeting: the unit's annual goals with where they stand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from koers.goals.models import AnnualGoal
from koers.meetings.models import Meeting
from koers.testing import KoersTestCase, add_values

TODAY = date.today()


class AgendaProgressTests(KoersTestCase):
    def test_it_shows_the_units_goals_with_their_progress_in_the_meeting(self):
        AnnualGoal.objects.create(
            organisation=self.org,
            year=TODAY.year,
            unit=self.plaatwerk,
            title="Duizend orders",
            target_kpi=self.kpi,
            target_value=Decimal(1000),
        )
        AnnualGoal.objects.create(
            organisation=self.org, year=TODAY.year, unit=self.verkoop, title="Niet van Productie"
        )
        add_values(self.kpi, date(TODAY.year, 1, 1), [10] * max(TODAY.month - 1, 1))
        meeting = Meeting.objects.create(organisation=self.org, unit=self.productie, date=TODAY)
        self.login(self.bob)
        page = self.client.get(f"/acme/meetings/{meeting.pk}/", HTTP_ACCEPT_LANGUAGE="nl")
        self.assertContains(page, f"Jaardoelen {TODAY.year}: waar staan we?")
        self.assertContains(page, "Duizend orders")
        self.assertContains(page, 'data-status="off_course"')
        self.assertNotContains(page, "Niet van Productie")
