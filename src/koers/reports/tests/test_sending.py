import io
from datetime import date

from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from pypdf import PdfReader

from koers.reports.models import SentReport, Subscription
from koers.reports.sending import send_due_reports

from .base import ReportTestCase


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
class SendReportsTests(ReportTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.subscription = Subscription.objects.create(
            organisation=cls.org, user=cls.bob, unit=cls.plaatwerk, frequency="monthly", lang="nl"
        )

    def test_it_sends_the_closed_month_once_with_the_pdf(self):
        outcomes = send_due_reports(date(2025, 2, 3))
        self.assertEqual([o.status for o in outcomes], ["sent"])
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, ["bob@example.org"])
        self.assertEqual(message.subject, "Koers-rapportage Plaatwerk, januari 2025")
        self.assertIn("eerste rapportage", message.body)
        self.assertIn("/acme/reports/plaatwerk/?period=2025-01", message.body)
        name, content, mimetype = message.attachments[0]
        self.assertEqual((name, mimetype), ("koers-acme-plaatwerk-2025-01.pdf", "application/pdf"))
        self.assertIn("1.212,0", PdfReader(io.BytesIO(content)).pages[0].extract_text())
        # Run again (cron runs daily): nothing new.
        self.assertEqual(send_due_reports(date(2025, 2, 4)), [])
        self.assertEqual(len(mail.outbox), 1)
        sent = SentReport.objects.get()
        self.assertEqual(sent.period, "2025-01")
        self.assertIn("PW-1", sent.verdicts)

    def test_it_says_which_kpis_changed_verdict(self):
        send_due_reports(date(2025, 2, 3))
        sent = SentReport.objects.get()
        current = sent.verdicts["PW-1"]["label"]
        # Pretend last month's report judged PW-1 otherwise.
        sent.verdicts["PW-1"] = {"verdict": "deteriorating", "label": "verslechtert", "name": "x"}
        sent.save()
        send_due_reports(date(2025, 3, 1))
        body = mail.outbox[-1].body
        self.assertIn("KPI's met een ander trendoordeel", body)
        self.assertIn(f"PW-1 Orders per uur: verslechtert → {current}", body)
        self.assertNotIn("WK-1", body)  # unchanged verdicts are not listed

    def test_it_says_so_when_no_verdict_changed(self):
        send_due_reports(date(2025, 2, 3))
        send_due_reports(date(2025, 3, 1))
        self.assertEqual(len(mail.outbox), 2)
        self.assertIn("Geen enkele KPI kreeg een ander trendoordeel", mail.outbox[1].body)

    def test_it_sends_quarterly_reports_after_the_quarter(self):
        self.subscription.frequency = "quarterly"
        self.subscription.lang = "en"
        self.subscription.save()
        self.assertEqual(send_due_reports(date(2025, 2, 3))[0].period.key, "2024-Q4")
        self.assertEqual(mail.outbox[0].subject, "Koers report Plaatwerk, Q4 2024")
        self.assertEqual(send_due_reports(date(2025, 3, 31)), [])
        self.assertEqual(send_due_reports(date(2025, 4, 1))[0].period.key, "2025-Q1")

    def test_it_sends_nothing_on_a_dry_run(self):
        out = io.StringIO()
        call_command("send-reports", "--dry-run", "--today", "2025-02-03", stdout=out)
        self.assertIn("zou versturen: bob@example.org – acme/plaatwerk 2025-01", out.getvalue())
        self.assertIn("1 rapportage zou worden verstuurd.", out.getvalue())
        self.assertEqual(len(mail.outbox), 0)
        self.assertFalse(SentReport.objects.exists())
        out = io.StringIO()
        call_command("send-reports", "--today", "2025-02-03", "--lang", "en", stdout=out)
        self.assertIn("1 report sent.", out.getvalue())
        self.assertEqual(len(mail.outbox), 1)

    def test_it_speaks_the_chosen_language_on_the_command_line(self):
        out = io.StringIO()
        call_command("send-reports", "--today", "2025-02-03", stdout=out)
        self.assertIn("verstuurd: bob@example.org", out.getvalue())
        self.assertIn("1 rapportage verstuurd.", out.getvalue())

    def test_it_skips_people_who_left_the_organisation(self):
        self.bob.memberships.all().delete()
        outcomes = send_due_reports(date(2025, 2, 3))
        self.assertEqual(
            [(o.status, o.reason) for o in outcomes], [("skipped", "no longer a member")]
        )
        self.assertEqual(len(mail.outbox), 0)


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
class EnglishSubscriberTests(ReportTestCase):
    def test_it_writes_the_whole_mail_in_the_subscribers_language(self):
        subscription = Subscription.objects.create(
            organisation=self.org,
            user=self.bob,
            unit=self.plaatwerk,
            frequency="monthly",
            lang="nl",
        )
        send_due_reports(date(2025, 2, 3))
        sent = SentReport.objects.get()
        current = sent.verdicts["PW-1"]["verdict"]
        other = "deteriorating" if current != "deteriorating" else "improving"
        # Last month's (Dutch) report judged PW-1 otherwise; now Bob reads English.
        sent.verdicts["PW-1"] = {"verdict": other, "label": "verslechtert", "name": "x"}
        sent.save()
        subscription.lang = "en"
        subscription.save()
        send_due_reports(date(2025, 3, 1))
        message = mail.outbox[-1]
        self.assertEqual(message.subject, "Koers report Plaatwerk, February 2025")
        self.assertIn("KPIs whose trend verdict changed since the last report:", message.body)
        self.assertNotIn("verslechtert", message.body)  # the old verdict in today's language
        self.assertIn(f"PW-1 Orders per uur: {other} → {current}", message.body)
        name, content, _mimetype = message.attachments[0]
        text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
        self.assertIn("Report Plaatwerk, February 2025", text)
        for dutch in ("Rapportage", "Samenvatting", "t.o.v.", "Jaardoelen"):
            self.assertNotIn(dutch, text)
