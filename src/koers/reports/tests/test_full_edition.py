import io
import tempfile

from django.test import override_settings
from django.urls import reverse
from pypdf import PdfReader

from koers.jobs.models import Job
from koers.reports.content import build_report
from koers.reports.render import render_html

from .base import TODAY, ReportTestCase


class FullEditionTests(ReportTestCase):
    def test_it_draws_an_xmr_chart_per_kpi_only_in_the_full_edition(self):
        compact = build_report(self.org, self.plaatwerk, "2025-01", "goal", "nl", TODAY)
        full = build_report(self.org, self.plaatwerk, "2025-01", "goal", "nl", TODAY, "full")
        pw = next(r for r in full.rows if r.code == "PW-1")
        self.assertIn("<svg", pw.chart)
        self.assertIn(f'id="xmr-{self.kpi.pk}', pw.chart)
        self.assertFalse(any(r.chart for r in compact.rows))
        html = render_html(full)
        self.assertIn('class="report-chart"', html)
        self.assertNotIn('class="report-chart"', render_html(compact))
        self.assertIn('class="spark', render_html(compact))

    def test_it_renders_the_full_pdf_as_a_job_and_offers_it_when_ready(self):
        self.login(self.victor)
        with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
            response = self.client.post(
                reverse("report_pdf_full", args=["acme", "plaatwerk"]),
                {"period": "2025-01", "group": "goal"},
            )
            job = Job.objects.get(kind="report-pdf")
            self.assertRedirects(response, job.get_absolute_url())
            self.assertEqual(job.status, "done")  # tests run tasks at once
            page = self.client.get(job.get_absolute_url())
            self.assertContains(page, job.result["url"])
            self.assertContains(page, "De rapportage is klaar")
            download = self.client.get(job.result["url"])
            self.assertEqual(download.status_code, 200)
            self.assertIn("-full.pdf", download["Content-Disposition"])
            data = b"".join(download.streaming_content)
            text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
            self.assertIn("Volledige uitgave", text)
            # Someone else of the organisation may not take it; another organisation sees nothing.
            self.login(self.carol)
            self.assertEqual(self.client.get(job.result["url"]).status_code, 403)
            self.login(self.charlie)
            self.assertEqual(self.client.get(job.result["url"]).status_code, 404)

    def test_it_starts_the_job_only_with_a_post(self):
        self.login(self.victor)
        url = reverse("report_pdf_full", args=["acme", "plaatwerk"])
        self.assertNotEqual(self.client.get(url).status_code, 200)
        self.assertFalse(Job.objects.exists())
