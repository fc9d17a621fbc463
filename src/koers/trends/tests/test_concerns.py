"""A new signal of concern tells the KPI's team: one e-mail from `koers remind`, and a mark on
the unit and KPI pages until someone of the team opens the KPI."""

from __future__ import annotations

from datetime import date
from io import StringIO

from django.core import mail
from django.core.management import call_command

from koers.testing import KoersTestCase, add_values
from koers.trends.concerns import sync_concerns, unopened
from koers.trends.models import Concern

MARK = "New signal of concern"


class ConcernTests(KoersTestCase):
    def setUp(self):
        self.carol.email = "carol@example.org"
        self.carol.save()
        # Verkoop's KPI (higher is better) falls to a new, lower level: getting worse.
        add_values(self.sales_kpi, date(2024, 1, 1), [50, 51, 49, 50, 52, 50, 49, 51, 50, 51])
        add_values(self.sales_kpi, date(2024, 11, 1), [30, 31, 29, 30, 31, 30, 29, 30])

    def remind(self):
        call_command("remind", "--all", "--lang", "en", "--today", "2025-07-10", stdout=StringIO())

    def test_it_mails_the_team_once_about_a_new_concern(self):
        self.remind()
        mails = [m for m in mail.outbox if m.to == ["carol@example.org"]]
        self.assertEqual(len(mails), 1)
        self.assertIn("KPI VK-1", mails[0].body.replace("Succesratio offertes (VK-1)", "KPI VK-1"))
        self.assertIn("is getting worse", mails[0].body)
        self.assertIn("/acme/kpis/VK-1/", mails[0].body)
        concern = Concern.objects.get(kpi=self.sales_kpi)
        self.assertIsNotNone(concern.mailed_at)
        mail.outbox.clear()
        call_command("remind", "--all", "--today", "2025-07-11", stdout=StringIO())
        self.assertFalse(any("getting worse" in m.body for m in mail.outbox))
        self.assertEqual(Concern.objects.count(), 1)  # still the same concern, not a new one

    def test_it_marks_the_kpi_until_someone_of_its_team_opens_it(self):
        sync_concerns(self.org)
        self.login(self.victor)  # a viewer, not of the team: the mark stays
        self.assertContains(self.client.get("/acme/kpis/VK-1/", HTTP_ACCEPT_LANGUAGE="en"), MARK)
        self.assertContains(
            self.client.get("/acme/units/verkoop/", HTTP_ACCEPT_LANGUAGE="en"), MARK
        )
        self.login(self.carol)  # of the team: sees it this once
        self.assertContains(self.client.get("/acme/kpis/VK-1/", HTTP_ACCEPT_LANGUAGE="en"), MARK)
        self.assertEqual(unopened([self.sales_kpi.pk]), set())
        self.login(self.victor)
        page = self.client.get("/acme/units/verkoop/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertNotContains(page, MARK)
        self.assertEqual(Concern.objects.get().opened_by, self.carol)

    def test_it_ends_the_concern_when_the_kpi_no_longer_gets_worse(self):
        sync_concerns(self.org)
        self.sales_kpi.status = "retired"
        self.sales_kpi.save()
        self.assertEqual(sync_concerns(self.org), [])
        self.assertIsNotNone(Concern.objects.get().ended_at)
