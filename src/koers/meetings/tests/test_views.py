from datetime import date, timedelta

from django.core import mail
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from koers.meetings.agenda import prepare
from koers.meetings.models import Action, AgendaItem, Change, Meeting
from koers.testing import KoersTestCase, add_values

from .helpers import first_month, stepped


class MeetingSetup(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        today = date.today()
        add_values(cls.kpi, first_month(28, today), stepped(10, 6))  # PW-1 deteriorates
        cls.pw_action = Action.objects.create(
            organisation=cls.org,
            unit=cls.plaatwerk,
            title="Kantbank afstellen",
            due_date=today - timedelta(days=2),
        )
        cls.pw_action.kpis.set([cls.kpi])
        cls.vk_action = Action.objects.create(
            organisation=cls.org, unit=cls.verkoop, title="Offertes nabellen"
        )
        cls.pw_meeting = Meeting.objects.create(
            organisation=cls.org, unit=cls.plaatwerk, date=today, created_by=cls.bob
        )
        cls.pw_meeting.participants.set([cls.bob, cls.victor])
        prepare(cls.pw_meeting, today=today)
        cls.vk_meeting = Meeting.objects.create(
            organisation=cls.org, unit=cls.verkoop, date=today, created_by=cls.carol
        )
        prepare(cls.vk_meeting, today=today)
        cls.other_meeting = Meeting.objects.create(
            organisation=cls.other, unit=cls.other_unit, date=today
        )

    def url(self, meeting, suffix=""):
        return f"/{meeting.organisation.slug}/meetings/{meeting.pk}/{suffix}"


class ReadingTestCase(MeetingSetup):
    def test_it_lists_meetings_per_unit_for_a_viewer(self):
        self.login(self.victor)
        response = self.client.get("/acme/meetings/?unit=plaatwerk", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, self.url(self.pw_meeting))
        self.assertNotContains(response, self.url(self.vk_meeting))
        self.assertNotContains(response, "Plan a meeting")

    def test_it_guards_the_list_query_counts(self):
        self.login(self.victor)
        urls = ["/acme/meetings/", "/acme/actions/?status=all"]
        counts = {}
        for url in urls:
            self.client.get(url)
            with CaptureQueriesContext(connection) as queries:
                self.client.get(url)
            counts[url] = len(queries)
        for k in range(5):
            m = Meeting.objects.create(organisation=self.org, unit=self.verkoop, date=date.today())
            a = Action.objects.create(
                organisation=self.org, unit=self.verkoop, title=f"A{k}", meeting=m
            )
            a.kpis.set([self.sales_kpi, self.kpi])
        for url in urls:
            with self.assertNumQueries(counts[url]):
                self.client.get(url)
        self.assertLessEqual(counts["/acme/meetings/"], 15)

    def test_it_shows_the_agenda_with_the_flag_for_a_kpi_without_action(self):
        Action.objects.all().delete()
        self.login(self.victor)
        response = self.client.get(self.url(self.pw_meeting), HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, "Orders per uur")
        self.assertContains(response, "deteriorating without an open action")
        self.assertNotContains(response, "Start the meeting")

    def test_it_presents_an_item_with_chart_and_open_actions(self):
        self.login(self.victor)
        n = next(
            k
            for k, i in enumerate(self.pw_meeting.items.order_by("order"), start=1)
            if i.kpi_id == self.kpi.pk
        )
        response = self.client.get(self.url(self.pw_meeting, f"present/{n}/"))
        self.assertContains(response, "<svg")
        self.assertContains(response, "Kantbank afstellen")
        self.assertContains(response, "present.js")
        self.assertNotContains(response, "id_notes")  # a viewer reads, does not type
        self.assertEqual(self.client.get(self.url(self.pw_meeting, "present/99/")).status_code, 404)

    def test_it_filters_actions_and_marks_overdue_ones_in_words(self):
        self.login(self.victor)
        response = self.client.get("/acme/actions/?overdue=1", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, "Kantbank afstellen")
        self.assertContains(response, "overdue")
        self.assertNotContains(response, "Offertes nabellen")
        response = self.client.get("/acme/actions/?unit=verkoop")
        self.assertContains(response, "Offertes nabellen")
        self.assertNotContains(response, "Kantbank afstellen")
        response = self.client.get("/acme/actions/?kpi=PW-1")
        self.assertContains(response, "Kantbank afstellen")
        response = self.client.get("/acme/actions/?unit=productie&below=1")
        self.assertContains(response, "Kantbank afstellen")

    def test_it_hides_everything_from_other_organisations(self):
        self.login(self.charlie)
        for url in [
            "/acme/meetings/",
            "/acme/actions/",
            self.url(self.pw_meeting),
            self.url(self.pw_meeting, "present/1/"),
            self.url(self.pw_meeting, "minutes/"),
            f"/acme/actions/{self.pw_action.pk}/",
        ]:
            self.assertEqual(self.client.get(url).status_code, 404, url)
        # Nor can another organisation's meeting be reached through Acme's URL.
        self.login(self.alice)
        self.assertEqual(
            self.client.get(f"/acme/meetings/{self.other_meeting.pk}/").status_code, 404
        )


class RightsTestCase(MeetingSetup):
    def notes(self, meeting, text):
        item = meeting.items.order_by("order").first()
        return self.client.post(
            self.url(meeting, f"items/{item.pk}/notes/"),
            {"notes": text, "discussed": "on", "version": item.version},
        ), item

    def test_it_lets_each_role_write_notes_exactly_where_it_may(self):
        cases = [
            (self.alice, self.pw_meeting, 302),
            (self.alice, self.vk_meeting, 302),
            (self.bob, self.pw_meeting, 302),
            (self.bob, self.vk_meeting, 403),
            (self.carol, self.vk_meeting, 302),
            (self.carol, self.pw_meeting, 403),
            (self.victor, self.pw_meeting, 403),
            (self.victor, self.vk_meeting, 403),
            (self.charlie, self.pw_meeting, 404),
        ]
        for user, meeting, status in cases:
            self.login(user)
            response, item = self.notes(meeting, f"by {user.username}")
            self.assertEqual(response.status_code, status, (user.username, meeting.unit.name))
            item.refresh_from_db()
            if status == 302:
                self.assertEqual(item.notes, f"by {user.username}")
                self.assertTrue(item.discussed)
            else:
                self.assertNotEqual(item.notes, f"by {user.username}")

    def test_it_keeps_the_history_of_notes(self):
        self.login(self.bob)
        self.notes(self.pw_meeting, "eerste")
        _, item = self.notes(self.pw_meeting, "tweede")
        change = Change.objects.filter(item=item, field="notes").first()
        self.assertEqual((change.old, change.new, change.user), ("eerste", "tweede", self.bob))
        page = self.client.get(self.url(self.pw_meeting), HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "History of the notes")
        self.assertContains(page, "notes: eerste → tweede")

    def test_it_lets_only_runners_plan_meetings_for_their_units(self):
        data = {"unit": self.plaatwerk.pk, "date": "2030-01-07", "participants": [self.bob.pk]}
        for user, status in [(self.victor, 403), (self.charlie, 404)]:
            self.login(user)
            self.assertEqual(self.client.post("/acme/meetings/new/", data).status_code, status)
        self.login(self.carol)  # runs Verkoop, not Plaatwerk: the unit is not a choice
        self.assertEqual(self.client.post("/acme/meetings/new/", data).status_code, 200)
        self.login(self.bob)
        response = self.client.post("/acme/meetings/new/", data)
        meeting = Meeting.objects.get(date=date(2030, 1, 7))
        self.assertRedirects(response, self.url(meeting), fetch_redirect_response=False)
        self.assertEqual(meeting.created_by, self.bob)
        self.assertTrue(meeting.items.filter(kpi=self.kpi).exists())

    def test_it_reorders_and_adds_items_only_for_runners(self):
        first, second = list(self.pw_meeting.items.order_by("order"))[:2]
        move = self.url(self.pw_meeting, f"agenda/{second.pk}/up/")
        for user, status in [(self.victor, 403), (self.carol, 403), (self.charlie, 404)]:
            self.login(user)
            self.assertEqual(self.client.post(move).status_code, status)
        self.login(self.bob)
        response = self.client.post(move, HTTP_HX_REQUEST="true")
        self.assertContains(response, 'id="agenda"')
        second.refresh_from_db()
        first.refresh_from_db()
        self.assertLess(second.order, first.order)
        self.client.post(self.url(self.pw_meeting, "agenda/add/"), {"title": "Vakantieplanning"})
        custom = self.pw_meeting.items.get(kind=AgendaItem.Kind.CUSTOM)
        self.assertEqual(custom.title, "Vakantieplanning")

    def test_it_decides_an_action_in_place_with_the_item_kpi(self):
        item = self.pw_meeting.items.get(kpi=self.kpi)
        url = self.url(self.pw_meeting, f"items/{item.pk}/action/")
        data = {
            "title": "Nieuwe matrijs",
            "description": "Bestellen en inregelen",
            "unit": self.plaatwerk.pk,
            "due_date": "2030-02-01",
            "kpis": [self.kpi.pk],
        }
        for user, status in [(self.victor, 403), (self.carol, 403), (self.charlie, 404)]:
            self.login(user)
            self.assertEqual(self.client.post(url, data).status_code, status)
        self.assertFalse(Action.objects.filter(title="Nieuwe matrijs").exists())
        self.login(self.bob)
        page = self.client.get(self.url(self.pw_meeting, "present/1/"))
        self.assertContains(page, 'name="title"')
        self.client.post(url, data)
        action = Action.objects.get(title="Nieuwe matrijs")
        self.assertEqual(action.meeting, self.pw_meeting)
        self.assertEqual(list(action.kpis.all()), [self.kpi])
        self.assertTrue(action.changes.filter(old="", new="Nieuwe matrijs").exists())

    def test_it_changes_an_actions_status_with_history(self):
        url = f"/acme/actions/{self.pw_action.pk}/status/"
        for user, status in [(self.victor, 403), (self.carol, 403), (self.charlie, 404)]:
            self.login(user)
            self.assertEqual(self.client.post(url, {"status": "done"}).status_code, status)
        self.login(self.bob)
        response = self.client.post(url, {"status": "dropped"}, HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, "Say why the action is dropped", status_code=400)
        self.client.post(url, {"status": "done"})
        self.pw_action.refresh_from_db()
        self.assertEqual(self.pw_action.completed_on, date.today())
        self.assertEqual(self.pw_action.started_on, date.today())
        self.client.post(url, {"status": "dropped", "drop_reason": "Machine verkocht"})
        self.pw_action.refresh_from_db()
        self.assertIsNone(self.pw_action.completed_on)
        self.assertEqual(self.pw_action.drop_reason, "Machine verkocht")
        page = self.client.get(f"/acme/actions/{self.pw_action.pk}/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "Machine verkocht")
        self.assertContains(page, "→ dropped")

    def test_it_lets_carol_edit_verkoop_actions_but_not_plaatwerk_ones(self):
        self.login(self.carol)
        data = {"title": "Offertes binnen 2 dagen nabellen", "unit": self.verkoop.pk}
        response = self.client.post(f"/acme/actions/{self.vk_action.pk}/edit/", data)
        self.assertEqual(response.status_code, 302)
        self.vk_action.refresh_from_db()
        self.assertEqual(self.vk_action.title, "Offertes binnen 2 dagen nabellen")
        response = self.client.post(f"/acme/actions/{self.pw_action.pk}/edit/", data)
        self.assertEqual(response.status_code, 403)


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
class MinutesTestCase(MeetingSetup):
    def test_it_closes_the_meeting_and_writes_and_mails_the_minutes(self):
        self.login(self.bob)
        item = self.pw_meeting.items.get(kpi=self.kpi)
        self.client.post(
            self.url(self.pw_meeting, f"items/{item.pk}/notes/"),
            {"notes": "Matrijs versleten, stilstand loopt op.", "version": item.version},
        )
        self.client.post(
            self.url(self.pw_meeting, f"items/{item.pk}/action/"),
            {
                "title": "Nieuwe matrijs bestellen",
                "description": "Offerte bij twee leveranciers",
                "unit": self.plaatwerk.pk,
                "person": self.bob.pk,
                "due_date": "2030-02-01",
                "kpis": [self.kpi.pk],
            },
        )
        # Sending before closing is refused.
        self.client.post(self.url(self.pw_meeting, "minutes/send/"))
        self.assertEqual(len(mail.outbox), 0)
        response = self.client.post(self.url(self.pw_meeting, "close/"))
        self.assertRedirects(response, self.url(self.pw_meeting, "minutes/"))
        page = self.client.get(self.url(self.pw_meeting, "minutes/"), HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "Minutes of the meeting of Plaatwerk")
        self.assertContains(page, "Matrijs versleten, stilstand loopt op.")
        self.assertContains(page, "Nieuwe matrijs bestellen")
        self.assertContains(page, "Kantbank afstellen")  # still open from before
        # Notes are read-only once closed.
        closed = self.client.post(
            self.url(self.pw_meeting, f"items/{item.pk}/notes/"), {"notes": "later"}
        )
        self.assertEqual(closed.status_code, 404)

        self.login(self.victor)
        self.assertEqual(
            self.client.post(self.url(self.pw_meeting, "minutes/send/")).status_code, 403
        )
        self.login(self.bob)
        self.client.post(self.url(self.pw_meeting, "minutes/send/"), HTTP_ACCEPT_LANGUAGE="nl")
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(sorted(message.to), ["bob@example.org", "victor@example.org"])
        self.assertIn("Plaatwerk", message.subject)
        self.assertIn("Matrijs versleten", message.body)
        self.assertIn("Nieuwe matrijs bestellen", message.body)
        self.assertIn("/acme/actions/", message.body)
        html, kind = message.alternatives[0]
        self.assertEqual(kind, "text/html")
        self.assertIn("Nieuwe matrijs bestellen", html)
