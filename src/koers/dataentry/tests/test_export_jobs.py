"""Large exports are prepared by a background job; the person fetches the file when ready."""

from __future__ import annotations

import io
from datetime import date
from unittest import mock

from django.urls import reverse
from openpyxl import load_workbook

from koers.dataentry.models import Download
from koers.dataentry.views import exports
from koers.jobs.models import Job
from koers.testing import KoersTestCase, add_values


class ExportJobTest(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_values(cls.kpi, date(2025, 1, 1), ["1.5", "2", "3"])
        add_values(cls.sales_kpi, date(2025, 1, 1), [30])

    def setUp(self):
        patcher = mock.patch.object(exports, "INLINE_VALUES", 2)
        patcher.start()
        self.addCleanup(patcher.stop)

    def url(self, name, *args):
        return reverse(name, args=["acme", *args])

    def test_it_offers_to_prepare_a_large_export_instead_of_answering_with_it(self):
        self.login(self.victor)
        response = self.client.get(self.url("export") + "?format=xlsx&unit=acme")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Content-Disposition", response)
        page = response.content.decode()
        self.assertIn("Dit bestand bevat 4 waarden", page)
        self.assertIn('name="format" value="xlsx"', page)
        self.assertEqual(Download.objects.count(), 0)  # a GET prepares nothing
        small = self.client.get(self.url("export") + "?kpi=VK-1")  # 1 value: at once
        self.assertIn("attachment", small["Content-Disposition"])

    def test_it_prepares_the_file_in_a_job_and_hands_it_to_its_maker_only(self):
        self.login(self.victor)
        fields = {"format": "xlsx", "layout": "long", "lang": "nl", "unit": "acme"}
        response = self.client.post(self.url("export_prepare"), fields)
        download = Download.objects.get()
        self.assertRedirects(response, self.url("export_download", download.pk))
        job = Job.objects.get(kind="export")
        self.assertEqual(job.status, Job.Status.DONE)
        self.assertEqual(job.result["url"], self.url("export_file", download.pk))
        page = self.client.get(response.url).content.decode()
        self.assertIn("Het bestand is klaar.", page)
        listed = self.client.get(self.url("export")).content.decode()
        self.assertIn(download.filename, listed)
        self.assertIn("klaar", listed)
        response = self.client.get(self.url("export_file", download.pk))
        self.assertIn(f'filename="{download.filename}"', response["Content-Disposition"])
        rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        self.assertEqual(len(rows), 5)
        self.assertEqual(rows[1][0], "PW-1")
        for other in (self.carol, self.charlie):
            self.login(other)
            self.assertEqual(self.client.get(self.url("export_file", download.pk)).status_code, 404)

    def test_it_says_so_in_english_and_refuses_a_get_to_prepare(self):
        self.login(self.alice)
        self.client.post(reverse("set_language"), {"language": "en"})
        page = self.client.get(self.url("export") + "?unit=acme").content.decode()
        self.assertIn("This export holds 4 values", page)
        self.client.get(self.url("export_prepare"))  # sent to a page, never prepared
        self.assertEqual(Download.objects.count(), 0)
