from decimal import Decimal

from koers.goals.models import AnnualGoal
from koers.organisations.models import CoreCompetence
from koers.testing import KoersTestCase


class AnnualGoalTestCase(KoersTestCase):
    def data(self, **overrides):
        data = {
            "year": 2026,
            "unit": self.plaatwerk.pk,
            "title": "Sneller leveren",
            "description": "",
            "serves_mission": "on",
            "kpis": [self.kpi.pk],
            "target_kpi": self.kpi.pk,
            "target_value": "1.250,5",
        }
        data.update(overrides)
        return data

    def test_it_creates_a_goal_with_a_dutch_target_value(self):
        competence = CoreCompetence.objects.create(organisation=self.org, name="Precisie")
        self.login(self.bob)
        response = self.client.post(
            "/acme/goals/new/",
            self.data(core_competences=[competence.pk]),
            HTTP_ACCEPT_LANGUAGE="nl",
        )
        self.assertRedirects(response, "/acme/goals/?year=2026")
        goal = AnnualGoal.objects.get()
        self.assertEqual(goal.target_value, Decimal("1250.5"))
        self.assertEqual(list(goal.kpis.all()), [self.kpi])
        self.assertEqual(list(goal.core_competences.all()), [competence])
        page = self.client.get("/acme/goals/?year=2026", HTTP_ACCEPT_LANGUAGE="nl")
        self.assertContains(page, "Sneller leveren")
        self.assertContains(page, "1.250,5")
        # The KPI page shows the goal it serves.
        self.assertContains(self.client.get("/acme/kpis/PW-1/"), "Sneller leveren")

    def test_it_needs_a_kpi_for_a_target_value(self):
        self.login(self.alice)
        response = self.client.post(
            "/acme/goals/new/", self.data(target_kpi=""), HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertContains(response, "Choose the KPI the target value is for.")
        self.assertFalse(AnnualGoal.objects.exists())

    def test_it_gives_goal_rights_to_managers_of_the_unit_only(self):
        self.login(self.bob)
        response = self.client.post("/acme/goals/new/", self.data(unit=self.verkoop.pk))
        self.assertEqual(response.status_code, 200)  # not a choice for bob
        for user, status in [(self.carol, 403), (self.victor, 403), (self.charlie, 404)]:
            self.login(user)
            self.assertEqual(self.client.post("/acme/goals/new/", self.data()).status_code, status)
        self.assertFalse(AnnualGoal.objects.exists())

    def test_it_edits_and_deletes_only_for_managers(self):
        goal = AnnualGoal.objects.create(
            organisation=self.org, year=2026, unit=self.verkoop, title="Meer offertes"
        )
        for user, status in [(self.bob, 403), (self.carol, 403), (self.charlie, 404)]:
            self.login(user)
            self.assertEqual(self.client.post(f"/acme/goals/{goal.pk}/delete/").status_code, status)
        self.login(self.alice)
        self.client.post(
            f"/acme/goals/{goal.pk}/edit/",
            self.data(unit=self.verkoop.pk, title="Meer gewonnen offertes", target_value=""),
        )
        goal.refresh_from_db()
        self.assertEqual(goal.title, "Meer gewonnen offertes")
        self.client.post(f"/acme/goals/{goal.pk}/delete/")
        self.assertFalse(AnnualGoal.objects.exists())

    def test_it_lists_goals_by_year(self):
        for year, title in [(2025, "Oud"), (2026, "Nieuw")]:
            AnnualGoal.objects.create(
                organisation=self.org, year=year, unit=self.verkoop, title=title
            )
        self.login(self.victor)
        page = self.client.get("/acme/goals/?year=2025")
        self.assertContains(page, "Oud")
        self.assertNotContains(page, "Nieuw")
