"""A closed meeting shows its numbers as they were; minutes, markers, folded notes, the list."""

from datetime import date, timedelta
from decimal import Decimal

from koers.kpis.recording import ValueChange, record_values
from koers.meetings.markers import markers_for
from koers.meetings.models import Action, AgendaItem, Meeting
from koers.periods import Period
from koers.testing import KoersTestCase, add_values

from .helpers import first_month, stepped


class ClosedMeetingTestCase(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        today = date.today()
        first = first_month(28, today)
        add_values(cls.kpi, first, stepped(10, 6))  # 20 months near 10, then 8 near 6
        # The meeting was held in month 21: the last finished month then was month 20.
        cls.held = (Period.containing(first, "month") + 20).start + timedelta(days=5)
        cls.month_20 = (Period.containing(first, "month") + 19).start
        cls.meeting = Meeting.objects.create(
            organisation=cls.org,
            unit=cls.plaatwerk,
            date=cls.held,
            status=Meeting.Status.CLOSED,
        )
        AgendaItem.objects.create(
            meeting=cls.meeting, order=1, kind=AgendaItem.Kind.KPI_SIGNAL_BAD, kpi=cls.kpi
        )

    def present(self, lang):
        self.login(self.victor)
        url = f"/acme/meetings/{self.meeting.pk}/present/1/"
        return self.client.get(url, HTTP_ACCEPT_LANGUAGE=lang)

    def test_it_presents_a_closed_meeting_with_the_numbers_of_its_date(self):
        # A correction made after the meeting does not rewrite what the meeting saw.
        record_values(
            [ValueChange(self.kpi, self.month_20, Decimal("99"))], user=None, source="cli"
        )
        page = self.present("nl")
        shown = page.context["shown"]
        self.assertEqual(len(shown.series), 20)
        self.assertEqual(shown.latest.period_start, self.month_20)
        self.assertNotEqual(shown.verdict, "deteriorating")
        self.assertContains(page, "<strong>9,5</strong>")  # month 20 as it was, not 99
        self.assertContains(page, "zoals ze er op")
        self.assertContains(page, "<svg")
        page = self.present("en")
        self.assertContains(page, "<strong>9.5</strong>")
        self.assertContains(page, "as they stood on")
        # The cached verdict of today is untouched: the KPI page still says deteriorating.
        self.meeting.status = Meeting.Status.HELD
        self.meeting.save()
        page = self.present("en")
        self.assertEqual(page.context["shown"].verdict, "deteriorating")
        self.assertContains(page, "<strong>6.5</strong>")
        self.assertNotContains(page, "as they stood on")

    def test_it_shows_the_agenda_of_a_closed_meeting_with_the_verdict_of_then(self):
        self.login(self.victor)
        page = self.client.get(f"/acme/meetings/{self.meeting.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        row = page.context["open_items"][0]
        self.assertEqual(row.shown.kpi, self.kpi)
        self.assertNotEqual(row.shown.verdict, "deteriorating")
        self.assertNotContains(page, "deteriorating without an open action")


class MarkersTestCase(KoersTestCase):
    def test_it_marks_only_the_start_of_an_action_that_started(self):
        add_values(self.kpi, first_month(12), [5] * 12)
        never = Action.objects.create(
            organisation=self.org, unit=self.plaatwerk, title="Nooit begonnen"
        )
        running = Action.objects.create(
            organisation=self.org,
            unit=self.plaatwerk,
            title="Loopt al",
            status=Action.Status.IN_PROGRESS,
            started_on=first_month(3),
        )
        for action in (never, running):
            action.kpis.set([self.kpi])
        labels = [label for _period, label, _kind in markers_for(self.kpi)]
        self.assertEqual(labels, ["Start: Loopt al"])
        self.login(self.victor)
        page = self.client.get("/acme/kpis/PW-1/", HTTP_ACCEPT_LANGUAGE="nl")
        self.assertContains(page, "Start: Loopt al")
        self.assertNotContains(page, "Start: Nooit begonnen")


class MinutesAndListTestCase(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        today = date.today()
        cls.meeting = Meeting.objects.create(
            organisation=cls.org,
            unit=cls.plaatwerk,
            date=today - timedelta(days=35),
            status=Meeting.Status.CLOSED,
        )
        for title, due, status in [
            ("Onderhoud lasrobot", today + timedelta(days=20), Action.Status.IN_PROGRESS),
            ("Instellingen vastleggen", today - timedelta(days=7), Action.Status.OPEN),
        ]:
            Action.objects.create(
                organisation=cls.org,
                unit=cls.plaatwerk,
                title=title,
                due_date=due,
                status=status,
                meeting=cls.meeting,
            )

    def still_open(self, lang):
        self.login(self.victor)
        url = f"/acme/meetings/{self.meeting.pk}/minutes/"
        page = self.client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        heading = "Actions still open" if lang == "en" else "Acties die nog openstaan"
        return page.split(heading, 1)[1].split("</section>", 1)[0]

    def test_it_lists_the_open_actions_in_the_minutes_with_the_overdue_one_marked(self):
        section = self.still_open("en")
        self.assertNotIn("None.", section)
        self.assertIn("Onderhoud lasrobot", section)
        self.assertIn("Instellingen vastleggen", section)
        self.assertRegex(section, r"Instellingen vastleggen</a>[^<]*<strong class=\"overdue\">")
        self.assertLess(section.index("Instellingen"), section.index("Onderhoud"))  # due first
        section = self.still_open("nl")
        self.assertNotIn("Geen.", section)
        self.assertIn("(te laat)", section)

    def test_it_shows_the_notes_on_a_folded_kpi(self):
        meeting = Meeting.objects.create(
            organisation=self.org, unit=self.plaatwerk, date=date.today()
        )
        AgendaItem.objects.create(
            meeting=meeting,
            order=1,
            kind=AgendaItem.Kind.KPI_STABLE,
            kpi=self.kpi,
            notes="Stabiel, maar let op de nieuwe matrijs.",
        )
        self.login(self.victor)
        page = self.client.get(f"/acme/meetings/{meeting.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, '<details class="folded" open>')
        self.assertContains(page, "1 with notes")
        self.assertContains(page, "Stabiel, maar let op de nieuwe matrijs.")

    def test_it_lists_the_next_meeting_first(self):
        today = date.today()
        for days in (30, 3, -5, -40):
            Meeting.objects.create(
                organisation=self.org, unit=self.verkoop, date=today + timedelta(days=days)
            )
        self.login(self.victor)
        for lang, coming, fmt in (("en", "Coming up", "%Y-%m-%d"), ("nl", "Gepland", "%d-%m-%Y")):
            page = self.client.get("/acme/meetings/?unit=verkoop", HTTP_ACCEPT_LANGUAGE=lang)
            html = page.content.decode()
            self.assertIn(coming, html)
            dates = [(today + timedelta(days=d)).strftime(fmt) for d in (3, 30, -5, -40)]
            positions = [html.index(f">{d}</a>") for d in dates]
            self.assertEqual(positions, sorted(positions), lang)
