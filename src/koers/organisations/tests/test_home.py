"""The home page for each role (issue 11.5): what needs attention comes first — counts by
verdict, KPIs getting worse (reason, whether an action is open), goals at risk, missing numbers,
overdue actions — and vision, mission and competences follow; managers and members land on
their own team's page with the same list for their team and a link to the whole company."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings

from koers.goals.models import AnnualGoal
from koers.meetings.models import Action
from koers.periods import last_finished
from koers.testing import KoersTestCase, add_values

TODAY = date.today()
ATTENTION = ["Getting worse", "Goals at risk", "Numbers missing", "Overdue actions"]
AFTER = ["Vision", "Mission", "Core competences"]


class HomePageTests(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Plaatwerk's KPI (higher is better) falls to a new, lower level up to last month.
        last = last_finished("month", TODAY)
        first = last
        for _ in range(17):
            first = first.previous()
        add_values(cls.kpi, first.start, [50, 51, 49, 50, 52, 50, 49, 51, 50, 51])
        start = first
        for _ in range(10):
            start = start.next()
        add_values(cls.kpi, start.start, [30, 31, 29, 30, 31, 30, 29, 30])
        # Verkoop's KPI has no value for the last finished month: a number missing.
        cls.goal = AnnualGoal.objects.create(
            organisation=cls.org,
            year=TODAY.year,
            unit=cls.plaatwerk,
            title="Vijftig orders per uur",
            target_kpi=cls.kpi,
            target_value=Decimal(5000),  # the KPI sums its months: far off course
        )
        Action.objects.create(
            organisation=cls.org,
            unit=cls.verkoop,
            title="Offertes nabellen",
            due_date=TODAY - timedelta(days=3),
        )

    def page(self, user, lang="en"):
        self.login(user)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
        return self.client.get("/", follow=True)

    def assert_in_order(self, html: str, texts: list[str]) -> None:
        places = [html.find(t) for t in texts]
        self.assertNotIn(-1, places, dict(zip(texts, places, strict=True)))
        self.assertEqual(places, sorted(places), dict(zip(texts, places, strict=True)))

    def test_it_puts_attention_before_vision_for_an_administrator_and_a_viewer(self):
        for user in (self.alice, self.victor):
            response = self.page(user)
            self.assertEqual(response.redirect_chain[-1][0], "/acme/")
            html = response.content.decode()
            self.assert_in_order(html, ["What needs attention", *ATTENTION, *AFTER])
            self.assertIn('data-verdict="deteriorating"', html)
            worse = html[html.find("Getting worse") : html.find("Goals at risk")]
            self.assertIn("Orders per uur", worse)
            self.assertIn("no action open", worse)
            self.assertIn("Vijftig orders per uur", html[html.find("Goals at risk") :])
            self.assertIn("Offertes nabellen", html[html.find("Overdue actions") :])

    def test_it_lands_a_manager_on_the_own_team_with_the_units_below_and_the_company(self):
        response = self.page(self.bob, "nl")
        self.assertEqual(response.redirect_chain[-1][0], self.productie.get_absolute_url())
        html = response.content.decode()
        self.assert_in_order(html, ["Wat aandacht vraagt", "Wordt slechter", "Doelen in gevaar"])
        worse = html[html.find("Wordt slechter") : html.find("Doelen in gevaar")]
        self.assertIn("Orders per uur", worse)  # Plaatwerk is below Productie
        self.assertIn('href="/acme/"', html)
        self.assertIn("Het hele bedrijf", html)
        self.assertNotIn("Offertes nabellen", html)  # Verkoop's action: not this team's

    def test_it_lands_a_member_on_the_own_team_with_its_own_list(self):
        response = self.page(self.carol)
        self.assertEqual(response.redirect_chain[-1][0], self.verkoop.get_absolute_url())
        html = response.content.decode()
        self.assert_in_order(html, ["What needs attention", "Numbers missing", "Overdue actions"])
        self.assertIn("Offertes nabellen", html)
        self.assertNotIn("Vijftig orders per uur", html)  # Plaatwerk's goal
        self.assertIn("The whole company", html)
