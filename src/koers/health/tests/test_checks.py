"""Each health check on constructed KPIs: passing, failing and not yet checkable."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from koers.goals.models import AnnualGoal
from koers.health.checks import CHECKS, checks_for_kpi, health_for
from koers.health.models import HealthSettings
from koers.kpis.models import KPI
from koers.meetings.models import Action
from koers.organisations.models import CoreCompetence
from koers.testing import KoersTestCase, add_values, make_kpi

TODAY = date(2025, 3, 15)  # the last finished month is February 2025
GOOD_DEFINITION = (
    "Number of production orders finished in the period divided by the hours worked on them."
)


def trend(verdict: str):
    return SimpleNamespace(verdict=verdict, verdict_label=verdict.replace("_", " "))


class ChecksTestCase(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.competence = CoreCompetence.objects.create(organisation=cls.org, name="Vakmanschap")
        cls.good = cls.kpi_in(cls.plaatwerk, "GOOD", serves_mission=True)
        add_values(cls.good, date(2024, 12, 1), [10, 11, 12])  # Dec, Jan, Feb
        cls.goal = AnnualGoal.objects.create(
            organisation=cls.org, year=2025, unit=cls.plaatwerk, title="Sneller leveren"
        )
        cls.goal.kpis.add(cls.good)

    @classmethod
    def kpi_in(cls, unit, code, **fields) -> KPI:
        defaults = {
            "definition": GOOD_DEFINITION,
            "data_source": "ERP, production order report",
            "name": f"Orders {code}",
        }
        return make_kpi(cls.org, unit, code, **{**defaults, **fields})

    def checks(self, kpi, verdict: str | None = "stable", today=TODAY):
        kpi = KPI.objects.select_related("unit").get(pk=kpi.pk)
        trends = {kpi.pk: trend(verdict)} if verdict else {}
        with translation.override("en"):
            results = health_for([kpi], self.org, today, trends=trends)
            return {c.check: c for c in results[kpi.pk]}


class GoodKPITests(ChecksTestCase):
    def test_it_passes_every_check_for_a_good_kpi(self):
        checks = self.checks(self.good)
        self.assertEqual(list(checks), list(CHECKS))
        failing = {k: c.message for k, c in checks.items() if c.ok is not True}
        self.assertEqual(failing, {})
        self.assertIn("Sneller leveren", checks["goal"].message)
        self.assertIsNone(checks["goal"].fix_url)

    def test_it_checks_one_kpi_as_the_kpi_page_loads_it(self):
        kpi = KPI.objects.select_related("unit", "organisation").get(pk=self.good.pk)
        checks = checks_for_kpi(kpi, today=TODAY, trend=trend("stable"))
        self.assertEqual([c.check for c in checks], list(CHECKS))
        self.assertTrue(all(c.ok for c in checks))

    def test_it_gives_the_json_shape_of_a_check(self):
        result = self.checks(self.good)["goal"]
        self.assertEqual(set(result.as_dict()), {"check", "ok", "message"})


class GoalAndMissionTests(ChecksTestCase):
    def test_it_fails_a_kpi_served_only_by_last_years_goal(self):
        kpi = self.kpi_in(self.plaatwerk, "OLD", serves_mission=True)
        old = AnnualGoal.objects.create(
            organisation=self.org, year=2024, unit=self.plaatwerk, title="Vorig jaar"
        )
        old.kpis.add(kpi)
        result = self.checks(kpi)["goal"]
        self.assertIs(result.ok, False)
        self.assertIn("No annual goal of 2025", result.message)
        self.assertEqual(result.fix_url, "/acme/goals/?year=2025")

    def test_it_counts_a_goal_whose_target_kpi_it_is(self):
        kpi = self.kpi_in(self.plaatwerk, "TGT")
        AnnualGoal.objects.create(
            organisation=self.org, year=2025, unit=self.plaatwerk, title="Doel", target_kpi=kpi
        )
        self.assertIs(self.checks(kpi)["goal"].ok, True)

    def test_it_fails_a_kpi_without_mission_or_core_competence(self):
        kpi = self.kpi_in(self.plaatwerk, "LOOSE")
        result = self.checks(kpi)["mission"]
        self.assertIs(result.ok, False)
        self.assertIn("mission or a core competence", result.message)
        self.assertEqual(result.fix_url, "/acme/kpis/LOOSE/edit/")

    def test_it_passes_a_kpi_that_serves_a_core_competence(self):
        kpi = self.kpi_in(self.plaatwerk, "CC")
        kpi.core_competences.add(self.competence)
        result = self.checks(kpi)["mission"]
        self.assertIs(result.ok, True)
        self.assertEqual(result.message, "Serves a core competence.")

    def test_it_passes_a_kpi_whose_annual_goal_serves_the_mission(self):
        kpi = self.kpi_in(self.plaatwerk, "VIA")
        goal = AnnualGoal.objects.create(
            organisation=self.org, year=2025, unit=self.plaatwerk, title="Missiedoel"
        )
        goal.kpis.add(kpi)
        goal.core_competences.add(self.competence)
        result = self.checks(kpi)["mission"]
        self.assertIs(result.ok, True)
        self.assertIn("Missiedoel", result.message)


class TeamTests(ChecksTestCase):
    def test_it_flags_wording_per_employee(self):
        kpi = self.kpi_in(self.verkoop, "IND", name="Offertes per medewerker")
        result = self.checks(kpi)["team"]
        self.assertIs(result.ok, False)
        self.assertIn("per medewerker", result.message)
        self.assertIn("team responsibility", result.message)

    def test_it_flags_an_individual_definition_in_english(self):
        kpi = self.kpi_in(
            self.verkoop, "IND2", definition=GOOD_DEFINITION + " Counted for each individual."
        )
        self.assertIs(self.checks(kpi)["team"].ok, False)

    def test_it_flags_a_kpi_named_after_a_person(self):
        self.carol.first_name = "Carola"
        self.carol.save()
        kpi = self.kpi_in(self.verkoop, "NAME", name="Omzet Carola")
        result = self.checks(kpi)["team"]
        self.assertIs(result.ok, False)
        self.assertIn("Carola", result.message)

    def test_it_passes_a_team_indicator(self):
        result = self.checks(self.good)["team"]
        self.assertIs(result.ok, True)
        self.assertIn("Plaatwerk", result.message)


class DefinitionTests(ChecksTestCase):
    def test_it_fails_a_short_definition(self):
        kpi = self.kpi_in(self.plaatwerk, "SHORT", definition="Orders per hour.")
        result = self.checks(kpi)["definition"]
        self.assertIs(result.ok, False)
        self.assertIn("only 3 words", result.message)
        self.assertEqual(result.fix_url, "/acme/kpis/SHORT/edit/")

    def test_it_fails_a_definition_that_repeats_the_name(self):
        kpi = self.kpi_in(
            self.plaatwerk, "SAME", name="Orders per uur", definition="orders per uur"
        )
        self.assertIn("repeats the name", self.checks(kpi)["definition"].message)

    def test_it_fails_without_a_direction(self):
        kpi = self.kpi_in(self.plaatwerk, "NODIR", direction="")
        result = self.checks(kpi)["definition"]
        self.assertIs(result.ok, False)
        self.assertIn("no direction", result.message)

    def test_it_fails_without_a_data_source_and_passes_with_one(self):
        kpi = self.kpi_in(self.plaatwerk, "NOSRC", data_source="  ")
        result = self.checks(kpi)["data_source"]
        self.assertIs(result.ok, False)
        self.assertIn("where the number comes from", result.message)
        self.assertIs(self.checks(self.good)["data_source"].ok, True)


class UpToDateTests(ChecksTestCase):
    def test_it_fails_when_the_last_finished_period_has_no_value(self):
        kpi = self.kpi_in(self.plaatwerk, "LATE")
        add_values(kpi, date(2025, 1, 1), [5])  # January only
        result = self.checks(kpi)["up_to_date"]
        self.assertIs(result.ok, False)
        self.assertIn("Feb 2025", result.message)
        self.assertEqual(result.fix_url, "/acme/kpis/LATE/?period=2025-02#enter")

    def test_it_uses_the_kpis_own_frequency(self):
        kpi = self.kpi_in(self.plaatwerk, "QTR", frequency="quarter")
        add_values(kpi, date(2024, 10, 1), [5])  # Q4 2024: the last finished quarter
        self.assertIs(self.checks(kpi)["up_to_date"].ok, True)
        later = self.checks(kpi, today=date(2025, 4, 2))["up_to_date"]
        self.assertIs(later.ok, False)


class TrendAndActionTests(ChecksTestCase):
    def test_it_reports_not_yet_checkable_without_a_verdict(self):
        checks = self.checks(self.good, verdict=None)
        self.assertIsNone(checks["trend"].ok)
        self.assertIsNone(checks["action"].ok)
        self.assertIn("Not yet checkable", checks["trend"].message)

    def test_it_fails_the_trend_with_too_little_data(self):
        result = self.checks(self.good, verdict="insufficient_data")["trend"]
        self.assertIs(result.ok, False)
        self.assertIn("Not enough values", result.message)

    def test_it_passes_the_trend_with_a_verdict(self):
        result = self.checks(self.good, verdict="improving")["trend"]
        self.assertIs(result.ok, True)
        self.assertIn("improving", result.message)

    def test_it_needs_no_action_when_not_deteriorating(self):
        self.assertIs(self.checks(self.good, verdict="improving")["action"].ok, True)

    def test_it_fails_a_deteriorating_kpi_without_an_open_action(self):
        done = Action.objects.create(
            organisation=self.org, unit=self.plaatwerk, title="Oud", status="done"
        )
        done.kpis.add(self.good)
        result = self.checks(self.good, verdict="deteriorating")["action"]
        self.assertIs(result.ok, False)
        self.assertIn("no open improvement action", result.message)

    def test_it_passes_a_deteriorating_kpi_with_an_action_in_progress(self):
        action = Action.objects.create(
            organisation=self.org, unit=self.plaatwerk, title="Omstellen", status="in_progress"
        )
        action.kpis.add(self.good)
        result = self.checks(self.good, verdict="deteriorating")["action"]
        self.assertIs(result.ok, True)


class FocusTests(ChecksTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # Plaatwerk: PW-1, GOOD and six more = 8 active KPIs; drafts do not count.
        for n in range(6):
            cls.kpi_in(cls.plaatwerk, f"EXTRA-{n}")
        cls.kpi_in(cls.plaatwerk, "DRAFT", status="draft")

    def test_it_warns_above_seven_active_kpis_by_default(self):
        result = self.checks(self.good)["focus"]
        self.assertIs(result.ok, False)
        self.assertIn("tracks 8 active KPIs, more than 7", result.message)
        self.assertEqual(result.fix_url, "/acme/units/plaatwerk/")

    def test_it_uses_the_organisations_own_threshold(self):
        HealthSettings.objects.create(organisation=self.org, max_kpis_per_unit=8)
        result = self.checks(self.good)["focus"]
        self.assertIs(result.ok, True)
        self.assertIn("at most 8", result.message)

    def test_it_does_not_count_other_units(self):
        self.assertIs(self.checks(self.sales_kpi)["focus"].ok, True)


class QueryCountTests(ChecksTestCase):
    def fresh(self, codes):
        return list(KPI.objects.filter(code__in=codes).select_related("unit"))

    def test_it_checks_many_kpis_in_the_same_number_of_queries_as_one(self):
        codes = []
        for n, unit in enumerate([self.plaatwerk, self.verkoop, self.productie] * 4):
            kpi = self.kpi_in(unit, f"Q-{n}", serves_mission=n % 2 == 0)
            kpi.core_competences.add(self.competence)
            self.goal.kpis.add(kpi)
            add_values(kpi, date(2024, 1, 1), range(10, 24))
            codes.append(kpi.code)
        one = self.kpi_in(self.plaatwerk, "Q-ONE")
        one.core_competences.add(self.competence)
        self.goal.kpis.add(one)
        add_values(one, date(2024, 1, 1), range(10, 24))

        with CaptureQueriesContext(connection) as single:
            health_for(self.fresh(["Q-ONE"]), self.org, TODAY)
        count = len(single.captured_queries)
        self.assertGreater(count, 5)
        with self.assertNumQueries(count):
            results = health_for(self.fresh(codes), self.org, TODAY)
        self.assertEqual(len(results), 12)
