"""The KPI page's health panel from what the page has read (``Known``): the same checks as
when they read it themselves, in fewer queries."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from koers.health.checks import Known, checks_for_kpi
from koers.kpis.models import KPI
from koers.meetings.markers import kpi_actions_of
from koers.meetings.models import Action
from koers.organisations.models import CoreCompetence
from koers.testing import KoersTestCase, add_values, make_kpi

from .test_checks import GOOD_DEFINITION, trend


class KnownTestCase(KoersTestCase):
    def setUp(self):
        self.subject = make_kpi(
            self.org, self.plaatwerk, "KN-1", definition=GOOD_DEFINITION, data_source="ERP"
        )
        add_values(self.subject, date(2024, 12, 1), [10, 11, 12])  # Dec, Jan, Feb

    def known(self, kpi) -> Known:
        series = list(kpi.measurements.order_by("period_start"))
        return Known(kpi, series, list(kpi.core_competences.all()), kpi_actions_of(kpi))

    def both(self, today: date, verdict="deteriorating"):
        kpi = KPI.objects.select_related("unit", "organisation").get(pk=self.subject.pk)
        known = self.known(kpi)
        with translation.override("en"):
            with CaptureQueriesContext(connection) as given:
                from_page = checks_for_kpi(kpi, today, trend(verdict), known)
            with CaptureQueriesContext(connection) as read:
                own = checks_for_kpi(kpi, today, trend(verdict))
        self.assertEqual(len(given), len(read) - 3)
        return from_page, own

    def action(self, status: str) -> Action:
        action = Action.objects.create(
            organisation=self.org, unit=self.plaatwerk, title=f"Actie {status}", status=status
        )
        action.kpis.add(self.subject)
        return action

    def test_it_gives_the_same_checks_as_reading_them(self):
        competence = CoreCompetence.objects.create(organisation=self.org, name="Vakmanschap")
        situations = [
            ("nothing", lambda: None),
            ("done", lambda: self.action("done")),
            ("dropped", lambda: self.action("dropped")),
            ("open", lambda: self.action("open")),
            ("in progress", lambda: self.action("in_progress")),
            ("a competence", lambda: self.subject.core_competences.add(competence)),
        ]
        for name, step in situations:
            step()
            # March 2025: February is in; April: March is missing; an older day: a later value.
            for today in (date(2025, 3, 15), date(2025, 4, 2), date(2025, 1, 20)):
                from_page, own = self.both(today)
                self.assertEqual(from_page, own, (name, today))

    def test_it_sees_whether_the_last_finished_period_is_in(self):
        up_to_date = {c.check: c for c in self.both(date(2025, 3, 15))[0]}["up_to_date"]
        behind = {c.check: c for c in self.both(date(2025, 4, 2))[0]}["up_to_date"]
        self.assertIs(up_to_date.ok, True)
        self.assertIs(behind.ok, False)

    def test_it_sees_an_open_action_and_a_competence(self):
        checks = {c.check: c for c in self.both(date(2025, 3, 15))[0]}
        self.assertIs(checks["action"].ok, False)
        self.assertIs(checks["mission"].ok, False)
        self.action("open")
        self.subject.core_competences.add(
            CoreCompetence.objects.create(organisation=self.org, name="Vakmanschap")
        )
        checks = {c.check: c for c in self.both(date(2025, 3, 15))[0]}
        self.assertIs(checks["action"].ok, True)
        self.assertIs(checks["mission"].ok, True)
