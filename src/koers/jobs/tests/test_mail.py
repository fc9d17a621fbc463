"""Mail goes out from the background: the minutes, invitations and password resets are sent
once, the request answers at once, and an unreachable mail server is a clear message on the
job (or the page), never a 500."""

from django.core import mail
from django.core.management import call_command
from django.test import TransactionTestCase, override_settings

from koers.jobs.models import Job
from koers.meetings.models import Meeting
from koers.organisations.models import Invitation, Membership, Organisation, Unit
from koers.testing import PASSWORD, KoersTestCase

from .test_jobs import DATABASE_TASKS

# A real SMTP connection to a port nobody listens on: the mail server cannot be reached.
UNREACHABLE = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_PORT": 9,
    "EMAIL_TIMEOUT": 2,
}


class MailTestCase(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.meeting = Meeting.objects.create(
            organisation=cls.org, unit=cls.plaatwerk, date="2026-01-05", created_by=cls.bob
        )
        cls.meeting.participants.set([cls.bob, cls.victor])
        Meeting.objects.filter(pk=cls.meeting.pk).update(status=Meeting.Status.CLOSED)

    def send_minutes(self, **headers):
        self.login(self.bob)
        return self.client.post(
            f"/acme/meetings/{self.meeting.pk}/minutes/send/", HTTP_ACCEPT_LANGUAGE="en", **headers
        )

    def notices(self, response):
        return [str(m) for m in response.wsgi_request._messages]

    def test_it_sends_the_minutes_once_as_a_job(self):
        response = self.send_minutes()
        self.assertEqual(response.status_code, 302)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(sorted(mail.outbox[0].to), ["bob@example.org", "victor@example.org"])
        job = Job.objects.get(kind="mail")
        self.assertEqual(job.status, Job.Status.DONE)
        self.assertEqual(job.user, self.bob)
        self.assertEqual(self.notices(response), ["Minutes sent to 2 participants."])

    @override_settings(**UNREACHABLE)
    def test_it_says_so_when_the_mail_server_cannot_be_reached_for_the_minutes(self):
        response = self.send_minutes()
        self.assertEqual(response.status_code, 302)
        self.assertEqual(len(mail.outbox), 0)
        job = Job.objects.get(kind="mail")
        self.assertEqual(job.status, Job.Status.FAILED)
        self.assertIn("The minutes could not be sent", job.message)
        self.assertIn("the mail server cannot be reached", job.message)
        self.assertEqual(self.notices(response), [job.message])
        page = self.client.get(job.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "the mail server cannot be reached")

    def test_it_sends_an_invitation_once(self):
        self.login(self.alice)
        before = Invitation.objects.count()
        response = self.client.post(
            "/acme/people/add/", {"email": "dana@example.nl", "role": "viewer"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual([m.to for m in mail.outbox], [["dana@example.nl"]])
        self.assertEqual(Invitation.objects.count(), before + 1)
        self.assertEqual(Job.objects.get(kind="mail").status, Job.Status.DONE)

    @override_settings(**UNREACHABLE)
    def test_it_gives_the_invitation_link_when_the_mail_server_cannot_be_reached(self):
        self.login(self.alice)
        response = self.client.post(
            "/acme/people/add/",
            {"email": "dana@example.nl", "role": "viewer"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        self.assertEqual(response.status_code, 302)
        (notice,) = self.notices(response)
        self.assertIn("could not be sent", notice)
        self.assertIn("/accounts/invitation/", notice)
        self.assertEqual(Job.objects.get(kind="mail").status, Job.Status.FAILED)

    def test_it_sends_a_password_reset_once(self):
        response = self.client.post("/accounts/password/reset/", {"email": "carol@example.org"})
        self.assertRedirects(response, "/accounts/password/reset/done/")
        self.assertEqual([m.to for m in mail.outbox], [["carol@example.org"]])

    @override_settings(**UNREACHABLE)
    def test_it_answers_a_password_reset_when_the_mail_server_cannot_be_reached(self):
        with self.assertLogs("koers.jobs.mail", "WARNING"):
            response = self.client.post("/accounts/password/reset/", {"email": "carol@example.org"})
        self.assertRedirects(response, "/accounts/password/reset/done/")
        self.assertEqual(len(mail.outbox), 0)


class QueuedMailTestCase(TransactionTestCase):
    """With the real queue the request only queues: the worker sends, once."""

    @override_settings(TASKS=DATABASE_TASKS)
    def test_it_answers_at_once_and_the_worker_sends_the_minutes_once(self):
        from django.contrib.auth import get_user_model

        org = Organisation.objects.create(name="Q", slug="q")
        unit = Unit.objects.create(organisation=org, name="Q", slug="q", kind="company")
        boss = get_user_model().objects.create_user("boss", "boss@example.org", PASSWORD)
        Membership.objects.create(organisation=org, user=boss, role="admin")
        meeting = Meeting.objects.create(
            organisation=org, unit=unit, date="2026-01-05", created_by=boss
        )
        meeting.participants.set([boss])
        Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.CLOSED)
        self.client.force_login(boss)
        response = self.client.post(f"/q/meetings/{meeting.pk}/minutes/send/")
        job = Job.objects.get(kind="mail")
        self.assertRedirects(response, job.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual((job.status, len(mail.outbox)), (Job.Status.QUEUED, 0))
        for _ in range(2):  # a second worker run finds nothing left to send
            call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        job.refresh_from_db()
        self.assertEqual((job.status, len(mail.outbox)), (Job.Status.DONE, 1))
