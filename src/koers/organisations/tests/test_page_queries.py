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
