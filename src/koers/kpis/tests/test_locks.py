"""Two saves of the same KPI at once: the stale check and the write of each are one step
(``kpis.locks``), so the second save sees the first one's value and is refused, never a lost
update. Needs row locks (PostgreSQL); SQLite serialises writers at BEGIN IMMEDIATE instead."""

import threading
from datetime import date
from decimal import Decimal
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client, TransactionTestCase, skipUnlessDBFeature

from koers.kpis import views
from koers.kpis.models import Measurement, MeasurementChange
from koers.organisations.models import Membership, Organisation, Unit
from koers.testing import PASSWORD, add_values, make_kpi

PAUSE = 1.5  # how long a save that has planned waits for the other one to plan too


@skipUnlessDBFeature("has_select_for_update")
class SimultaneousSavesTestCase(TransactionTestCase):
    def setUp(self):
        self.org = Organisation.objects.create(name="Race", slug="race")
        unit = Unit.objects.create(organisation=self.org, name="Race", slug="race", kind="company")
        self.kpi = make_kpi(self.org, unit, "R-1", decimals=1)
        add_values(self.kpi, date(2025, 1, 1), [10])
        User = get_user_model()
        self.users = [User.objects.create_user(n, f"{n}@example.org", PASSWORD) for n in "ab"]
        for user in self.users:
            Membership.objects.create(organisation=self.org, user=user, role="admin")

    def _race(self, patch_target, post) -> list[int]:
        """Both users post at once, each from the version they both started from (10). Each
        save that has made its plan waits (up to PAUSE) until the other has planned as well:
        without a lock both plan against 10 and both write."""
        planned = threading.Barrier(2)
        real = getattr(*patch_target)

        def plan_then_wait(*args, **kwargs):
            plan = real(*args, **kwargs)
            try:
                planned.wait(PAUSE)
            except threading.BrokenBarrierError:
                pass  # the other save is waiting for our lock: go on and write
            return plan

        statuses: list[int] = []
        start = threading.Barrier(2)

        def save(user, value):
            try:
                client = Client()
                client.force_login(user)
                start.wait()
                statuses.append(post(client, value).status_code)
            finally:
                connection.close()

        with mock.patch.object(*patch_target, plan_then_wait):
            threads = [
                threading.Thread(target=save, args=(user, value))
                for user, value in zip(self.users, ["11", "12"], strict=True)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        return sorted(statuses)

    def _stored(self):
        value = Measurement.objects.get(kpi=self.kpi, period_start=date(2025, 1, 1)).value
        changes = MeasurementChange.objects.filter(kpi=self.kpi).count()
        return value, changes

    def test_it_refuses_the_second_of_two_simultaneous_web_saves(self):
        def post(client, value):
            fields = {"period": "2025-01", "value": value, "version": "2025-01=10", "confirm": "1"}
            return client.post("/race/kpis/R-1/values/", fields)

        statuses = self._race((views, "make_plan"), post)
        self.assertEqual(statuses, [302, 409])  # one saved, one told of the newer value
        value, changes = self._stored()
        self.assertIn(value, {Decimal(11), Decimal(12)})
        self.assertEqual(changes, 2)  # the first value and the one save that went through

    def test_it_refuses_the_second_of_two_simultaneous_api_saves(self):
        from koers.api import v1
        from koers.api.models import issue_token

        tokens = [issue_token(self.org, user, "race")[1] for user in self.users]
        self.kpi.refresh_from_db()
        revision = self.kpi.revision

        def post(client, value):
            token = tokens[0] if value == "11" else tokens[1]
            body = {"period": "2025-01", "value": value, "confirm": True, "revision": revision}
            return client.post(
                "/api/v1/kpis/R-1/measurements",
                body,
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {token}",
            )

        statuses = self._race((v1, "make_plan"), post)
        self.assertEqual(statuses[1], 409)
        self.assertIn(statuses[0], (200, 201))
        _value, changes = self._stored()
        self.assertEqual(changes, 2)
