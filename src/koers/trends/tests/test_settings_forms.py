"""The trend settings' forms on the KPI page, rendered once per shape (``_form_html``): the
same HTML as rendering them, and never the HTML of other settings or another language."""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string
from django.utils import translation

from koers.testing import KoersTestCase, add_values
from koers.trends.display import _forms
from koers.trends.models import TrendSettings
from koers.trends.templatetags import trends as tags
from koers.trends.tests.test_verdicts import step_series


class SettingsFormsTests(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_values(cls.kpi, date(2023, 1, 1), step_series(seed=5))

    def page(self, lang="nl") -> str:
        self.login(self.alice)
        response = self.client.get("/acme/kpis/PW-1/", HTTP_ACCEPT_LANGUAGE=lang)
        return response.content.decode()

    def test_it_gives_the_html_of_rendering_the_forms(self):
        tags._FORMS_HTML.clear()
        for lang in ("nl", "en"):
            with translation.override(lang):
                for form in _forms(self.kpi, None).values():
                    fresh = render_to_string("koers/form_fields.html", {"form": form})
                    self.assertEqual(tags._form_html(form, "month"), fresh)
                    self.assertEqual(tags._form_html(form, "month"), fresh)  # from memory

    def test_it_shows_the_settings_as_they_are_now(self):
        self.assertFalse('name="points" value="14"' in self.page())
        TrendSettings.objects.create(
            organisation=self.org, kpi=self.kpi, baseline_points=14, trended=True, version=3
        )
        page = self.page()
        self.assertTrue('name="points" value="14"' in page, "the stored points are not shown")
        self.assertTrue('name="version" value="3"' in page, "the stored version is not shown")
        trended = 'name="trended" aria-describedby="trend_trended_helptext" id="trend_trended"'
        self.assertTrue(f"{trended} checked" in page, "the trended box is not ticked")

    def test_it_shows_the_forms_in_the_readers_language(self):
        english = "Baseline length (points)"
        self.assertTrue(english in self.page("en"))
        self.assertFalse(english in self.page("nl"))
        self.assertTrue(english in self.page("en"))

    def test_it_stays_bounded(self):
        tags._FORMS_HTML.clear()
        with translation.override("en"):
            form = _forms(self.kpi, None)["rebaseline"]
            for i in range(tags.FORMS_HTML_MAX + 5):
                tags._form_html(form, f"f{i}")
        self.assertLessEqual(len(tags._FORMS_HTML), tags.FORMS_HTML_MAX)
