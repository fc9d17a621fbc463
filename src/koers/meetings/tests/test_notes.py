"""Meeting notes are never lost: a stale save is refused; a mail failure is said in words."""

from datetime import date

from django.test import override_settings

from koers.meetings.models import AgendaItem, Change, Meeting
from koers.testing import KoersTestCase


class NotesConflictTestCase(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.meeting = Meeting.objects.create(
            organisation=cls.org, unit=cls.plaatwerk, date=date.today()
        )
        cls.item = AgendaItem.objects.create(
            meeting=cls.meeting, order=1, kind=AgendaItem.Kind.CUSTOM, title="Vakantie"
        )

    def url(self, suffix):
        return f"/acme/meetings/{self.meeting.pk}/{suffix}"

    def save(self, user, notes, version, lang="en", htmx=False, **extra):
        self.login(user)
        data = {"notes": notes, "version": version, **extra}
        headers = {"HX-Request": "true"} if htmx else {}
        return self.client.post(
            self.url(f"items/{self.item.pk}/notes/"),
            data,
            headers=headers,
            HTTP_ACCEPT_LANGUAGE=lang,
        )

    def test_it_refuses_a_stale_save_and_shows_both_texts(self):
        self.login(self.bob)
        page = self.client.get(self.url("present/1/"))
        self.assertContains(page, 'name="version" value="0"')
        self.assertEqual(self.save(self.alice, "Eerste tekst", 0).status_code, 302)
        changes = Change.objects.count()
        response = self.save(self.bob, "Mijn tekst", 0)
        self.assertContains(response, "someone else changed these notes", status_code=409)
        self.assertContains(response, "Eerste tekst", status_code=409)
        self.assertContains(response, "Mijn tekst", status_code=409)
        self.assertContains(response, "Last change by alice", status_code=409)
        response = self.save(self.bob, "Mijn tekst", 0, lang="nl", htmx=True)
        self.assertContains(response, "iemand anders heeft deze notities intussen veranderd")
        self.assertContains(response, 'name="take_version" value="1"')
        self.item.refresh_from_db()
        self.assertEqual((self.item.notes, self.item.version), ("Eerste tekst", 1))
        self.assertEqual(Change.objects.count(), changes)
        # Having seen the newer text, bob saves his own over it.
        self.save(self.bob, "Eerste tekst en de mijne", 0, take_version="1")
        self.item.refresh_from_db()
        self.assertEqual((self.item.notes, self.item.version), ("Eerste tekst en de mijne", 2))

    def test_it_carries_the_new_version_after_an_htmx_save(self):
        response = self.save(self.bob, "Een", 0, htmx=True)
        self.assertContains(response, 'name="version" value="1"')
        self.assertContains(response, 'hx-swap-oob="true"')
        response = self.save(self.bob, "Een en twee", 1, htmx=True)
        self.assertContains(response, "Saved")
        self.item.refresh_from_db()
        self.assertEqual(self.item.notes, "Een en twee")

    def test_it_sends_a_reloaded_post_address_back_to_the_item(self):
        self.login(self.bob)
        for suffix in ("notes", "action"):
            response = self.client.get(self.url(f"items/{self.item.pk}/{suffix}/"))
            self.assertEqual(response.status_code, 302, suffix)
            self.assertTrue(response["Location"].startswith(self.url("present/1/")), suffix)


@override_settings(
    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    EMAIL_HOST="127.0.0.1",
    EMAIL_PORT=9,  # nothing listens there: the connection is refused
    EMAIL_TIMEOUT=3,
)
class MailFailureTestCase(KoersTestCase):
    def test_it_says_the_minutes_could_not_be_sent_and_loses_nothing(self):
        meeting = Meeting.objects.create(
            organisation=self.org,
            unit=self.plaatwerk,
            date=date.today(),
            status=Meeting.Status.CLOSED,
        )
        meeting.participants.set([self.bob])
        AgendaItem.objects.create(
            meeting=meeting, order=1, kind=AgendaItem.Kind.CUSTOM, title="X", notes="Behouden"
        )
        self.login(self.bob)
        url = f"/acme/meetings/{meeting.pk}/minutes/send/"
        for lang, text in (
            ("en", "The minutes could not be sent"),
            ("nl", "Het verslag kon niet worden verstuurd"),
        ):
            response = self.client.post(url, follow=True, HTTP_ACCEPT_LANGUAGE=lang)
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, text)
            self.assertContains(response, "Behouden")  # the minutes are still there
        meeting.refresh_from_db()
        self.assertTrue(meeting.is_closed)
        self.assertEqual(meeting.items.get().notes, "Behouden")
