"""``rows.rows_html`` writes exactly what ``reports/_row.html`` writes, row by row."""

from decimal import Decimal

from django.template.loader import render_to_string
from django.test import SimpleTestCase
from django.utils import translation

from koers.reports.content import Group
from koers.reports.rows import Row, rows_html


def _row(**over) -> Row:
    base = dict(
        kpi_id=1,
        code="PW-1",
        name="Orders <per> uur & \"meer\" 'nu'",
        unit_name="Team",
        unit_slug="team",
        symbol="%",
        unit_of_measure="percent",
        decimals=1,
        direction="up",
        area="ops",
        area_label="Operations",
        period_key="2025-01",
        period_label="jan 2025",
        value=Decimal("12.5"),
        value_text="12,5 %",
        previous_label="dec 2024",
        change_text="+1,0 (+8,7%)",
        year_ago_label="jan 2024",
        year_change_text="-0,5 (-3,9%)",
        verdict="stable",
        verdict_label="stabiel",
        reason="Binnen de grenzen <5 & 7>",
        sparkline='<svg class="spark"><path d="M0 0"/></svg>',
    )
    base.update(over)
    return Row(**base)


ROWS = [
    _row(),
    _row(value=None, value_text="", change_text="", year_change_text="", verdict=None),
    _row(own_period=True, target_text="95 %", assurance_text="hit & miss", reason=""),
    _row(previous_label="nov 2024", year_ago_label="dec 2023"),
    _row(previous_label="nov 2024", change_text="", year_ago_label="x", year_change_text=""),
    _row(chart='<svg class="xmr"></svg>', benchmark_text="1.300 (survey <2024>)"),
    _row(benchmark_lines=["peers: 12 & more", "sector 3"], reason=""),
    _row(children=[_row(code="C-1"), _row(code="C-2")], reason="", target_text=""),
]


class RowsHtmlTests(SimpleTestCase):
    def _template(self, group: Group) -> str:
        return "".join(
            render_to_string("reports/_row.html", {"row": row, "group": group})
            for row in group.rows
        )

    def test_it_writes_the_rows_as_the_template_does_in_both_languages(self):
        for lang in ("nl", "en"):
            for rows in (ROWS, ROWS[:1], [r for r in ROWS if r.value_text][:3]):
                group = Group("Goal", list(rows))
                with self.subTest(lang=lang, n=len(rows)), translation.override(lang):
                    self.assertEqual(group.rows_html, self._template(group))

    def test_it_names_another_comparison_period_under_the_change(self):
        group = Group("Goal", [_row(), _row(previous_label="nov 2024")])
        with translation.override("nl"):
            html = rows_html(group.rows, "dec 2024", "jan 2024")
        self.assertEqual(html.count("t.o.v. nov 2024"), 1)
        self.assertIn("Orders &lt;per&gt; uur &amp; &quot;meer&quot; &#x27;nu&#x27;", html)
