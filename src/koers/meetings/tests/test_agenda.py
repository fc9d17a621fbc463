from datetime import timedelta

from koers.kpis.models import KPI
from koers.meetings.agenda import build_agenda, kpis_without_action, move, prepare, sequence
from koers.meetings.models import Action, AgendaItem, Meeting
from koers.testing import KoersTestCase, add_values, make_kpi
from koers.trends.display import displays

from .helpers import TODAY, first_month, noisy, stepped

Kind = AgendaItem.Kind


class AgendaTestCase(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        org, unit = cls.org, cls.plaatwerk
        cls.bad = make_kpi(org, unit, "BAD", name="Bad one", importance=2)
        cls.bad_covered = make_kpi(org, unit, "BAD2", name="Bad but handled", importance=3)
        cls.good = make_kpi(org, unit, "GOOD", name="Good one")
        cls.missing = make_kpi(org, unit, "MISS", name="Missing one")
        cls.stable = make_kpi(org, unit, "STAB", name="Stable one")
        cls.retired = make_kpi(org, unit, "OLD", name="Retired one", status="retired")
        add_values(cls.bad, first_month(28), stepped(100, 80))
        add_values(cls.bad_covered, first_month(28), stepped(50, 40))
        add_values(cls.good, first_month(28), stepped(100, 120))
        add_values(cls.missing, first_month(26, missing=2), noisy(30, 26))
        add_values(cls.stable, first_month(28), noisy(60, 28))
        add_values(cls.retired, first_month(28), stepped(10, 1))
        # PW-1 (the shared test KPI) has no values at all: its numbers are missing.

        cls.last = Meeting.objects.create(
            organisation=org, unit=unit, date=TODAY - timedelta(days=30), status="closed"
        )

        def action(title, **fields):
            return Action.objects.create(organisation=org, unit=unit, title=title, **fields)

        cls.overdue = action("Overdue", due_date=TODAY - timedelta(days=3))
        cls.due_today = action("Due today", due_date=TODAY, status="in_progress")
        cls.from_last = action("From last meeting", due_date=TODAY + timedelta(days=20))
        cls.from_last.meeting = cls.last
        cls.from_last.save()
        cls.later = action("Later", due_date=TODAY + timedelta(days=40))
        cls.done = action("Done", due_date=TODAY - timedelta(days=9), status="done")
        cls.handled = action("Handles BAD2", due_date=TODAY + timedelta(days=50))
        cls.handled.kpis.set([cls.bad_covered])
        Action.objects.create(organisation=org, unit=cls.verkoop, title="Verkoop's", due_date=TODAY)

    def test_it_orders_actions_then_bad_good_missing_and_stable_kpis(self):
        entries = build_agenda(self.plaatwerk, TODAY, self.last)
        summary = [(e.kind, e.action.title if e.action else e.kpi.code) for e in entries]
        self.assertEqual(
            summary,
            [
                (Kind.ACTION_REVIEW, "Overdue"),
                (Kind.ACTION_REVIEW, "Due today"),
                (Kind.ACTION_REVIEW, "From last meeting"),
                (Kind.KPI_SIGNAL_BAD, "BAD2"),  # more important first
                (Kind.KPI_SIGNAL_BAD, "BAD"),
                (Kind.KPI_SIGNAL_GOOD, "GOOD"),
                (Kind.KPI_MISSING, "MISS"),
                (Kind.KPI_MISSING, "PW-1"),
                (Kind.KPI_STABLE, "STAB"),
            ],
        )

    def test_it_flags_a_deteriorating_kpi_without_an_open_action(self):
        entries = build_agenda(self.plaatwerk, TODAY, self.last)
        flags = {e.kpi.code: e.needs_action for e in entries if e.kind == Kind.KPI_SIGNAL_BAD}
        self.assertEqual(flags, {"BAD": True, "BAD2": False})
        shown = displays(KPI.objects.filter(unit=self.plaatwerk).with_series())
        self.assertEqual([d.kpi.code for d in kpis_without_action(shown)], ["BAD"])

    def test_it_leaves_out_done_later_and_other_teams_actions(self):
        titles = {e.action.title for e in build_agenda(self.plaatwerk, TODAY, None) if e.action}
        self.assertNotIn("Done", titles)
        self.assertNotIn("Later", titles)
        self.assertNotIn("Verkoop's", titles)
        # Without a last meeting, an action not yet due is not reviewed.
        self.assertNotIn("From last meeting", titles)

    def test_it_saves_the_agenda_folds_stable_kpis_and_reorders(self):
        meeting = Meeting.objects.create(organisation=self.org, unit=self.plaatwerk, date=TODAY)
        prepare(meeting, today=TODAY)
        items = sequence(meeting)
        self.assertEqual(items[0].action, self.overdue)
        self.assertTrue(items[-1].folded)
        self.assertEqual(items[-1].kpi, self.stable)
        first, second = items[0], items[1]
        self.assertTrue(move(second, -1))
        self.assertEqual([i.pk for i in sequence(meeting)[:2]], [second.pk, first.pk])
        self.assertFalse(move(sequence(meeting)[0], -1))
        # A folded item cannot move into the open agenda.
        self.assertFalse(move(items[-1], -1))
