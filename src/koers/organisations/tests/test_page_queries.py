"""The director's pages run a constant number of queries, however many KPIs, goals, actions."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.goals.models import AnnualGoal
from koers.meetings.models import Action
from koers.organisations.models import Unit
from koers.testing import KoersTestCase, add_values, make_kpi

PAGES = ("/acme/", "/acme/units/acme/", "/acme/goals/", "/acme/health/")


class ConstantQueriesTests(KoersTestCase):
    def add_kpis(self, n: int, prefix: str) -> None:
        today = date.today()
        team = Unit.objects.create(
            organisation=self.org, parent=self.productie, name=f"Team {prefix}", kind="team"
        )
        for i in range(n):
            kpi = make_kpi(self.org, team, f"{prefix}-{i}")
            add_values(kpi, date(today.year - 2, 1, 1), [10 + (i + k) % 5 for k in range(24)])
            goal = AnnualGoal.objects.create(
                organisation=self.org,
                year=today.year,
                unit=team,
                title=f"Goal {prefix}{i}",
                target_kpi=kpi,
                target_value=Decimal(100),
            )
            goal.kpis.add(kpi)
            action = Action.objects.create(
                organisation=self.org,
                unit=team,
                title=f"Action {prefix}{i}",
                status=Action.Status.DONE,
                started_on=today - timedelta(days=400),
                completed_on=today - timedelta(days=300),
            )
            action.kpis.add(kpi)

    def count(self, url: str) -> int:
        self.client.get(url)  # cached verdicts and effects for the new rows
        with CaptureQueriesContext(connection) as ctx:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(ctx.captured_queries)

    def test_it_runs_the_same_number_of_queries_with_more_kpis_goals_and_actions(self):
        self.login(self.alice)
        self.add_kpis(2, "A")
        before = {url: self.count(url) for url in PAGES}
        self.add_kpis(6, "B")
        after = {url: self.count(url) for url in PAGES}
        self.assertEqual(before, after)

    def test_it_writes_the_session_only_when_the_organisation_changes(self):
        self.login(self.alice)
        self.client.get("/acme/")
        self.assertEqual(self.client.session["koers_org"], "acme")  # the landing remembers it
        with CaptureQueriesContext(connection) as ctx:
            self.assertEqual(self.client.get("/acme/units/acme/").status_code, 200)
        writes = [
            q["sql"]
            for q in ctx.captured_queries
            if "django_session" in q["sql"] and not q["sql"].lstrip().startswith("SELECT")
        ]
        self.assertEqual(writes, [])


class PageUrlTests(KoersTestCase):
    def test_it_answers_what_reverse_answers_also_under_a_script_prefix(self):
        from django.urls import reverse, set_script_prefix

        from koers.organisations.models import page_url

        kpi = make_kpi(self.org, self.productie, "Q-1")
        self.assertEqual(kpi.get_absolute_url(), reverse("kpi", args=["acme", "Q-1"]))
        self.assertEqual(self.productie.get_absolute_url(), "/acme/units/productie/")
        try:
            set_script_prefix("/koers/")
            self.assertEqual(page_url("kpi", "acme", "Q-1"), "/koers/acme/kpis/Q-1/")
        finally:
            set_script_prefix("/")
        self.assertEqual(page_url("kpi", "acme", "Q-1"), "/acme/kpis/Q-1/")
