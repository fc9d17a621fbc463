"""``{% verdict trend %}``: the verdict badge the KPI pages and the organisation page show."""

from __future__ import annotations

import re

from django.template import Context, Template
from django.test import SimpleTestCase
from django.utils import translation
from django.utils.html import escape

from koers.kpis.models import KPI
from koers.organisations.models import Organisation
from koers.trends.display import KPIVerdict


class _Trend:
    verdict = "deteriorating"
    verdict_label = "getting worse"
    reason = 'Above the "upper" limit <3 points>'

    def reason_in(self, lang: str) -> str:
        return self.reason


def _render(source: str, trend) -> str:
    with translation.override("en"):
        return Template("{% load kpis %}" + source).render(Context({"trend": trend}))


class VerdictTagTests(SimpleTestCase):
    def test_it_folds_the_reason_behind_the_badge_when_compact(self):
        html = _render("{% verdict trend compact=True %}", _Trend())
        self.assertIn('<span class="badge deteriorating">getting worse</span>', html)
        self.assertIn("<details", html)
        self.assertEqual(html.count("Above the &quot;upper&quot; limit &lt;3 points&gt;"), 3)

    def test_it_shows_the_reason_beside_the_badge(self):
        html = _render("{% verdict trend %}", _Trend())
        self.assertNotIn("<details", html)
        self.assertIn('<span class="small trend-reason">Above the', html)
        self.assertNotIn("<3", html)

    def test_it_says_not_judged_yet_without_a_trend_in_both_languages(self):
        self.assertIn("trend: not judged yet", _render("{% verdict trend %}", None))
        with translation.override("nl"):
            html = Template("{% load kpis %}{% verdict trend %}").render(Context({"trend": None}))
        self.assertIn("trend: nog niet beoordeeld", html)

    def test_it_is_what_the_verdict_include_renders(self):
        source = '{% include "kpis/_verdict.html" with trend=trend compact=True %}'
        self.assertEqual(
            _render(source, _Trend()), _render("{% verdict trend compact=True %}", _Trend())
        )


class KpiChipsTests(SimpleTestCase):
    def _chips(self, shown) -> str:
        with translation.override("en"):
            return Template("{% load kpis %}{% kpi_chips shown %}").render(
                Context({"shown": shown})
            )

    def test_it_links_each_kpi_with_its_compact_verdict_escaped(self):
        kpi = KPI(code="U-1", name="Uitval <A&B>", organisation=Organisation(slug="acme"))
        html = self._chips([KPIVerdict(kpi, _Trend()), KPIVerdict(kpi, _Trend())])
        self.assertEqual(
            html.count('<a class="tag" href="/acme/kpis/U-1/">Uitval &lt;A&amp;B&gt;</a>'), 2
        )
        self.assertEqual(html.count('<details class="more verdict-tip">'), 2)

    def test_it_links_every_code_and_organisation_as_the_kpi_page_url(self):
        acme, other = Organisation(slug="acme"), Organisation(slug="b-2")
        kpis = [
            KPI(code=code, name=code, organisation=org)
            for org in (acme, other)
            for code in ("U-1", "a.b_c~d", "met spatie", "één&<twee>", "x?y#z", "100%")
        ]
        html = self._chips([KPIVerdict(k, None) for k in kpis])
        hrefs = re.findall(r'<a class="tag" href="([^"]*)">', html)
        self.assertEqual(hrefs, [escape(k.get_absolute_url()) for k in kpis])
        self.assertIn("/b-2/kpis/met%20spatie/", hrefs)
        self.assertEqual(html.count("trend: not judged yet"), len(kpis))
