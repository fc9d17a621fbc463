"""The year-end review: carry the goals into the new year, then keep, change or retire each
KPI; decisions remembered, every change through the domain's write functions."""

from datetime import date
from decimal import Decimal
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.goals.models import AnnualGoal
from koers.health.models import ReviewDecision
from koers.kpis.models import KPIChange, Status
from koers.organisations.models import CoreCompetence
from koers.testing import KoersTestCase, add_values, make_kpi
from koers.trends.models import Rebaseline
from koers.trends.verdicts import trend_for


class YearReviewTestCase(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.competence = CoreCompetence.objects.create(organisation=cls.org, name="Precisie")
        cls.goal = AnnualGoal.objects.create(
            organisation=cls.org,
            year=2026,
            unit=cls.plaatwerk,
            title="Meer orders per uur",
            serves_mission=True,
            target_kpi=cls.kpi,
            target_value=Decimal("12"),
        )
        cls.goal.kpis.set([cls.kpi])
        cls.goal.core_competences.set([cls.competence])
        cls.sales_goal = AnnualGoal.objects.create(
            organisation=cls.org, year=2026, unit=cls.verkoop, title="Vijftig nieuwe klanten"
        )

    def copy(self, goal, target, lang="nl"):
        return self.client.post(
            f"/acme/review/2026/goals/{goal.pk}/copy/",
            {f"goal-{goal.pk}-target_value": target},
            HTTP_ACCEPT_LANGUAGE=lang,
        )


class CarryGoalsTests(YearReviewTestCase):
    def test_it_copies_a_goal_into_the_new_year_with_an_adjusted_dutch_target(self):
        self.login(self.alice)
        response = self.copy(self.goal, "1.234,5")
        self.assertRedirects(response, f"/acme/review/2026/#goal-{self.goal.pk}")
        new = AnnualGoal.objects.get(year=2027)
        self.assertEqual(
            (new.title, new.unit, new.target_kpi, new.target_value, new.serves_mission),
            ("Meer orders per uur", self.plaatwerk, self.kpi, Decimal("1234.5"), True),
        )
        self.assertEqual(list(new.kpis.all()), [self.kpi])
        self.assertEqual(list(new.core_competences.all()), [self.competence])
        self.goal.refresh_from_db()
        self.assertEqual(self.goal.target_value, Decimal("12"))  # last year's stays
        decision = ReviewDecision.objects.get(goal=self.goal)
        self.assertEqual(
            (decision.decision, decision.new_goal, decision.decided_by), ("copied", new, self.alice)
        )
        change = KPIChange.objects.filter(kpi=self.kpi).latest("id")
        self.assertEqual(change.user, self.alice)
        self.assertIn("2027", change.summary)
        page = self.client.get("/acme/review/2026/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "1 of 2 goals decided")
        # Copying twice is refused: one goal in the new year.
        self.copy(self.goal, "13")
        self.assertEqual(AnnualGoal.objects.filter(year=2027).count(), 1)

    def test_it_sets_the_target_of_a_goal_already_set_up_for_the_new_year_without_a_second(self):
        ahead = AnnualGoal.objects.create(
            organisation=self.org,
            year=2027,
            unit=self.plaatwerk,
            title="Meer orders per uur",
            target_kpi=self.kpi,
            target_value=Decimal("13"),
        )
        self.login(self.alice)
        page = self.client.get("/acme/review/2026/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "already set up for 2027")
        self.assertContains(page, f'name="goal-{self.goal.pk}-target_value" value="13"')
        self.copy(self.goal, "14,5")
        self.assertEqual(list(AnnualGoal.objects.filter(year=2027)), [ahead])
        ahead.refresh_from_db()
        self.assertEqual(ahead.target_value, Decimal("14.5"))
        self.assertEqual(ReviewDecision.objects.get(goal=self.goal).new_goal, ahead)

    def test_it_prefills_last_years_target_and_shows_the_final_progress(self):
        add_values(self.kpi, date(2026, 1, 1), [10, 11, 12])
        self.login(self.alice)
        page = self.client.get("/acme/review/2026/", HTTP_ACCEPT_LANGUAGE="nl")
        self.assertContains(page, f'name="goal-{self.goal.pk}-target_value" value="12"')
        self.assertContains(page, 'class="goal-progress')
        self.assertContains(page, "Meer orders per uur")

    def test_it_drops_a_goal_keeping_last_years(self):
        self.login(self.alice)
        response = self.client.post(f"/acme/review/2026/goals/{self.sales_goal.pk}/drop/")
        self.assertEqual(response.status_code, 302)
        self.assertFalse(AnnualGoal.objects.filter(year=2027).exists())
        self.assertTrue(AnnualGoal.objects.filter(pk=self.sales_goal.pk).exists())
        self.assertEqual(ReviewDecision.objects.get(goal=self.sales_goal).decision, "dropped")
        page = self.client.get("/acme/review/2026/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, 'data-decision="dropped"')

    def test_it_refuses_a_target_that_is_no_number_in_dutch_saving_nothing(self):
        self.login(self.alice)
        response = self.copy(self.goal, "twaalf")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Streefwaarde voor het nieuwe jaar")
        self.assertContains(response, 'class="field-errors"')
        self.assertContains(response, "getal")
        self.assertFalse(AnnualGoal.objects.filter(year=2027).exists())
        self.assertFalse(ReviewDecision.objects.exists())
        empty = self.copy(self.goal, "")
        self.assertContains(empty, "Dit veld is verplicht")
        self.assertFalse(AnnualGoal.objects.filter(year=2027).exists())

    def test_it_lets_a_manager_carry_only_his_own_units_goals(self):
        self.login(self.bob)
        page = self.client.get("/acme/review/2026/")
        self.assertContains(page, "Meer orders per uur")
        self.assertNotContains(page, "Vijftig nieuwe klanten")
        self.assertEqual(self.copy(self.sales_goal, "50").status_code, 403)
        self.assertEqual(self.copy(self.goal, "14").status_code, 302)

    def test_it_forbids_a_viewer_and_shows_no_link(self):
        self.login(self.victor)
        self.assertEqual(self.client.get("/acme/review/").status_code, 403)
        self.assertEqual(self.client.get("/acme/review/2026/").status_code, 403)
        self.assertEqual(self.copy(self.goal, "14").status_code, 403)
        self.assertEqual(self.client.post("/acme/review/2026/kpis/PW-1/keep/").status_code, 403)
        self.assertNotContains(self.client.get("/acme/goals/?year=2026"), "/acme/review/")
        with mock.patch("koers.organisations.attention.date") as fake:
            fake.today.return_value = date(2026, 12, 2)
            self.assertNotContains(self.client.get("/acme/"), "/acme/review/")
        self.assertFalse(AnnualGoal.objects.filter(year=2027).exists())

    def test_it_hides_the_review_of_another_organisation(self):
        self.login(self.charlie)
        self.assertEqual(self.client.get("/acme/review/2026/").status_code, 404)
        self.assertEqual(self.copy(self.goal, "14").status_code, 404)
        self.assertEqual(self.client.post("/acme/review/2026/kpis/PW-1/retire/").status_code, 404)
        self.assertFalse(ReviewDecision.objects.exists())

    def test_it_is_linked_from_the_goals_page_and_the_home_page_at_the_turn_of_the_year(self):
        self.login(self.alice)
        self.assertContains(self.client.get("/acme/goals/?year=2026"), "/acme/review/2026/")
        with mock.patch("koers.organisations.attention.date") as fake:
            fake.today.return_value = date(2027, 1, 5)
            self.assertContains(self.client.get("/acme/"), "/acme/review/2026/")
        with mock.patch("koers.organisations.attention.date") as fake:
            fake.today.return_value = date(2026, 6, 5)
            self.assertNotContains(self.client.get("/acme/"), "/acme/review/")


class ReviewKPITests(YearReviewTestCase):
    def test_it_keeps_a_kpi_and_counts_it_reviewed(self):
        self.login(self.alice)
        response = self.client.post("/acme/review/2026/kpis/PW-1/keep/")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(ReviewDecision.objects.get(kpi=self.kpi).decision, "kept")
        page = self.client.get("/acme/review/2026/kpis/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "1 of 2 KPIs reviewed")
        self.assertContains(page, 'data-check="definition"')  # with its health checks
        self.assertContains(page, 'data-decision="kept"')

    def test_it_retires_a_kpi_through_the_write_path(self):
        self.login(self.bob)
        self.client.post("/acme/review/2026/kpis/PW-1/retire/")
        self.kpi.refresh_from_db()
        self.assertEqual(self.kpi.status, Status.RETIRED)
        self.assertEqual(KPIChange.objects.filter(kpi=self.kpi).latest("id").user, self.bob)
        page = self.client.get("/acme/review/2026/kpis/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, 'data-decision="retired"')
        self.assertContains(page, "1 of 1 KPIs reviewed")
        self.assertEqual(self.client.post("/acme/review/2026/kpis/VK-1/retire/").status_code, 403)

    def change(self, **overrides):
        data = {
            "unit": self.plaatwerk.pk,
            "code": "PW-1",
            "name": "Orders per uur",
            "definition": "Afgeronde productieorders per gewerkt uur, zonder spoedorders.",
            "unit_of_measure": "count",
            "decimals": 1,
            "frequency": "month",
            "direction": "higher",
            "area": "production",
            "importance": 3,
            "aggregation": "sum",
            "status": "active",
            "annual_goals": [self.goal.pk],
        }
        data.update(overrides)
        return self.client.post("/acme/review/2026/kpis/PW-1/change/", data)

    def test_it_changes_the_definition_and_starts_a_new_chart_segment_in_the_new_year(self):
        add_values(self.kpi, date(2025, 1, 1), [10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 12, 11] * 2)
        self.login(self.alice)
        self.assertContains(self.client.get("/acme/review/2026/kpis/PW-1/change/"), "2027")
        response = self.change()
        self.assertEqual(
            response.status_code,
            302,
            getattr(response, "context", None) and response.context["form"].errors,
        )
        self.kpi.refresh_from_db()
        self.assertIn("spoedorders", self.kpi.definition)
        level = Rebaseline.objects.get(kpi=self.kpi)
        self.assertEqual((level.period_start, level.created_by), (date(2027, 1, 1), self.alice))
        self.assertEqual(ReviewDecision.objects.get(kpi=self.kpi).decision, "changed")
        summaries = list(KPIChange.objects.filter(kpi=self.kpi).values_list("summary", flat=True))
        self.assertIn("Definitie gewijzigd", summaries)
        # Once values of the new year come in, the chart has a second segment from there.
        add_values(self.kpi, date(2027, 1, 1), [30, 31, 30])
        self.kpi.refresh_from_db()
        limits = trend_for(self.kpi).analysis.to_dict()["segments"]
        self.assertEqual(len(limits), 2)
        self.assertEqual(limits[1]["start"], 24)  # jan 2027, after 24 months

    def test_it_keeps_a_kpi_whose_definition_did_not_change_without_a_new_segment(self):
        self.login(self.alice)
        self.kpi.definition = "Afgeronde productieorders per gewerkt uur, zonder spoedorders."
        self.kpi.importance = 3
        self.kpi.save()
        self.change()
        self.assertFalse(Rebaseline.objects.exists())
        self.assertEqual(ReviewDecision.objects.get(kpi=self.kpi).decision, "kept")

    def test_it_saves_nothing_when_the_new_definition_is_invalid(self):
        self.login(self.alice)
        response = self.change(name="")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(ReviewDecision.objects.exists())
        self.assertFalse(Rebaseline.objects.exists())


class ReviewQueryTests(YearReviewTestCase):
    def count(self, url):
        self.client.get(url)  # warm the verdict cache
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(url).status_code, 200)
        return len(queries)

    def test_it_runs_a_constant_number_of_queries_as_goals_and_kpis_grow(self):
        self.login(self.alice)
        kpis, goals = self.count("/acme/review/2026/kpis/"), self.count("/acme/review/2026/")
        for n in range(6):
            kpi = make_kpi(self.org, self.productie, f"PR-{n}")
            add_values(kpi, date(2026, 1, 1), [3, 4, 5])
            ReviewDecision.objects.create(
                organisation=self.org, year=2026, kpi=kpi, decision="kept"
            )
            AnnualGoal.objects.create(
                organisation=self.org,
                year=2026,
                unit=self.productie,
                title=f"Doel {n}",
                target_kpi=kpi,
                target_value=Decimal("20"),
            )
        self.assertEqual(self.count("/acme/review/2026/kpis/"), kpis)
        self.assertEqual(self.count("/acme/review/2026/"), goals)
