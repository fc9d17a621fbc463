import json
from datetime import date
from io import StringIO

from django.contrib.auth import authenticate as _authenticate
from django.core.management import call_command
from django.test import RequestFactory, TestCase

from koers.goals.models import AnnualGoal
from koers.kpis.models import KPI, Measurement
from koers.organisations.models import Organisation, Unit
from koers.periods import last_finished
from koers.trends.display import verdicts


def authenticate(**credentials):
    """Log in as the login page does: with a request (the login throttle needs one)."""
    return _authenticate(RequestFactory().post("/accounts/login/"), **credentials)


class DemoTestCase(TestCase):
    def run_demo(self, *args, **env):
        out = StringIO()
        call_command("demo", *args, stdout=out)
        return out.getvalue()

    def test_it_creates_a_convincing_demo_organisation(self):
        output = json.loads(self.run_demo("--password", "demo-pass-1", "--json"))
        org = Organisation.objects.get(slug="demo")
        self.assertEqual(output["organisation"], "demo")
        self.assertEqual(
            {login["username"] for login in output["logins"]},
            {"directie", "manager", "medewerker", "kijker"},
        )
        self.assertIsNotNone(authenticate(username="manager", password="demo-pass-1"))
        names = set(Unit.objects.filter(organisation=org).values_list("name", flat=True))
        self.assertTrue(
            {"Verkoop", "Marketing", "Productie", "Inkoop", "Financiën", "Klantenservice"} <= names
        )
        self.assertTrue(org.vision and org.mission)
        self.assertGreaterEqual(org.core_competences.count(), 3)
        self.assertGreaterEqual(KPI.objects.filter(organisation=org).count(), 25)
        years = set(AnnualGoal.objects.filter(organisation=org).values_list("year", flat=True))
        today = date.today()
        self.assertEqual(years, {today.year - 1, today.year, today.year + 1})
        # The customer-focus hierarchy: complaints at the top, returns below.
        returns = KPI.objects.get(organisation=org, code="KS-RET")
        self.assertEqual(returns.parent.code, "KLT-KLA")

    def test_it_fills_three_years_up_to_the_last_finished_period(self):
        self.run_demo("--password", "x")
        today = date.today()
        for code in ["PR-LEV", "PW-STL", "MK-MRK"]:
            kpi = KPI.objects.get(code=code)
            starts = list(
                Measurement.objects.filter(kpi=kpi)
                .order_by("period_start")
                .values_list("period_start", flat=True)
            )
            last = last_finished(kpi.frequency, today)
            self.assertEqual(starts[-1], last.start, code)
            per_year = {"week": 52, "month": 12, "quarter": 4}[kpi.frequency]
            self.assertEqual(len(starts), 3 * per_year, code)
        self.assertFalse(Measurement.objects.filter(kpi__code="MK-MAI").exists())  # a draft

    def test_it_refreshes_instead_of_duplicating(self):
        self.run_demo("--password", "first")
        first = Measurement.objects.count()
        self.run_demo("--password", "second")
        self.assertEqual(Organisation.objects.filter(slug="demo").count(), 1)
        self.assertEqual(Measurement.objects.count(), first)
        self.assertIsNotNone(authenticate(username="directie", password="second"))

    def test_it_takes_the_password_from_the_environment_or_makes_one(self):
        import os
        from unittest import mock

        with mock.patch.dict(os.environ, {"KOERS_DEMO_PASSWORD": "from-env-7"}):
            self.run_demo()
        self.assertIsNotNone(authenticate(username="kijker", password="from-env-7"))
        output = json.loads(self.run_demo("--json"))
        password = output["logins"][0]["password"]
        self.assertGreaterEqual(len(password), 10)
        self.assertNotEqual(password, "from-env-7")

    def test_it_loads_only_into_an_empty_database_with_if_empty(self):
        self.run_demo("--password", "one")
        count = KPI.objects.count()
        output = self.run_demo("--if-empty")
        self.assertEqual(KPI.objects.count(), count)
        self.assertIn("directie", output)

    def test_it_speaks_english_when_asked(self):
        self.run_demo("--password", "x", "--lang", "en")
        org = Organisation.objects.get(slug="demo")
        self.assertEqual(org.name, "Van der Berg Metal Works")
        self.assertTrue(KPI.objects.filter(organisation=org, name="Delivery reliability").exists())


class DemoTrendTestCase(TestCase):
    def test_it_has_the_real_changes_the_trend_engine_should_find(self):
        call_command("demo", "--password", "x", stdout=StringIO())
        shown = verdicts(KPI.objects.filter(organisation__slug="demo"))
        kpis = {d.kpi.code: d for d in shown}
        self.assertEqual(kpis["PR-LEV"].trend.verdict, "improving")
        self.assertEqual(kpis["PW-STL"].trend.verdict, "deteriorating")  # weekly, lower is better
        self.assertEqual(kpis["IN-PRI"].trend.verdict, "deteriorating")  # a slow drift upwards
        # Noise stays noise: the customer-focus totals show routine variation.
        self.assertEqual(kpis["KLT-TEV"].trend.verdict, "stable")
        self.assertEqual(kpis["KLT-KLA"].trend.verdict, "stable")
