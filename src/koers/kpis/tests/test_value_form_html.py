"""The KPI page's value form: the blank one rendered once per shape (``views._form_html``), the
same HTML as rendering it, and never that of another language, frequency or a bound form."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from koers.kpis import views
from koers.kpis.forms import MeasurementForm
from koers.testing import KoersTestCase, make_kpi


class ValueFormHtmlTests(KoersTestCase):
    def page(self, code="PW-1", lang="nl", query="") -> str:
        self.login(self.alice)
        response = self.client.get(f"/acme/kpis/{code}/{query}", HTTP_ACCEPT_LANGUAGE=lang)
        return response.content.decode()

    def test_it_gives_the_html_of_rendering_the_blank_form(self):
        views._BLANK_FORMS.clear()
        for lang in ("nl", "en"):
            with translation.override(lang):
                form = MeasurementForm(kpi=self.kpi)
                fresh = render_to_string("koers/form_fields.html", {"form": form})
                self.assertEqual(views._form_html(form, self.kpi), fresh)
                self.assertEqual(views._form_html(MeasurementForm(kpi=self.kpi), self.kpi), fresh)

    def test_it_shows_the_examples_of_the_kpis_frequency_in_the_readers_language(self):
        make_kpi(self.org, self.plaatwerk, "PW-W", frequency="week")
        self.assertTrue("jan 2025, 2025-01" in self.page())
        self.assertTrue("week 7 2025, 2025-W07" in self.page("PW-W"))
        self.assertFalse("jan 2025, 2025-01" in self.page("PW-W"))
        self.assertTrue("For example:" in self.page(lang="en"))
        self.assertFalse("For example:" in self.page(lang="nl"))

    def test_it_renders_a_form_with_values_or_errors_itself(self):
        self.page()  # the blank form remembered
        page = self.page(query="?period=2025-03")
        self.assertTrue('value="mrt 2025"' in page, "the chosen period is not filled in")
        self.login(self.alice)
        response = self.client.post("/acme/kpis/PW-1/values/", {"period": "nope", "value": "1"})
        self.assertEqual(response.status_code, 400)
        self.assertTrue('value="nope"' in response.content.decode(), "the typed period is lost")
