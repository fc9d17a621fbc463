"""The organisation page's unit tree, written in Python (``structure.tree_html``): the same
HTML as its reference template ``organisations/unit_tree.html``."""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string
from django.utils import translation

from koers.kpis.models import KPI
from koers.organisations.models import Unit, with_known
from koers.organisations.views.structure import build_tree, tree_html
from koers.testing import KoersTestCase, add_values, make_kpi
from koers.trends.display import verdicts


class UnitTreeTests(KoersTestCase):
    def setUp(self):
        Unit.objects.create(
            organisation=self.org, parent=self.plaatwerk, name='Lassen & "snijden" <B>', kind="team"
        )
        odd = make_kpi(self.org, self.plaatwerk, "PW-2", name="Uitval <A&B> 'x'")
        add_values(odd, date(2024, 1, 1), [10, 12, 11, 13, 30, 31, 32, 33, 34, 35, 36, 37])
        make_kpi(self.org, self.verkoop, "met spatie", name="Code with a space")

    def tree(self) -> list[dict]:
        units = list(Unit.objects.for_org(self.org))
        kpis = KPI.objects.for_org(self.org).current().listed()
        by_unit: dict[int, list] = {}
        for shown in verdicts(with_known(kpis, "unit", units)):
            by_unit.setdefault(shown.kpi.unit_id, []).append(shown)
        return build_tree(units, by_unit)

    def test_it_writes_what_the_template_writes_in_both_languages(self):
        tree = self.tree()
        for lang in ("nl", "en"):
            with self.subTest(lang), translation.override(lang):
                expected = render_to_string(
                    "organisations/unit_tree.html", {"nodes": tree, "class": "tree"}
                )
                self.assertEqual(tree_html(tree), expected)
                self.assertIn("Lassen &amp; &quot;snijden&quot; &lt;B&gt;", expected)
                self.assertIn("Uitval &lt;A&amp;B&gt; &#x27;x&#x27;", expected)
                self.assertIn("/acme/kpis/met%20spatie/", expected)
        with translation.override("nl"):
            self.assertIn('<span class="muted small">afdeling</span>', tree_html(tree))

    def test_the_organisation_page_shows_it(self):
        self.login(self.alice)
        with translation.override("en"):
            expected = render_to_string(
                "organisations/unit_tree.html", {"nodes": self.tree(), "class": "tree"}
            )
        html = self.client.get("/acme/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        self.assertIn(expected, html)
        self.assertEqual(html.count('<a class="unit-name"'), Unit.objects.for_org(self.org).count())
