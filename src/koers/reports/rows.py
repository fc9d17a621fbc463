"""One KPI in a report (a :class:`Row`): its value, changes, verdict, target and benchmark.

Numbers are kept raw (Excel) and as text in the report's language (HTML, PDF, e-mail). The
verdict, reason, sparkline and chart come from ``koers.trends.display``, as on the pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from koers.kpis.models import Area
from koers.numbers import format_number
from koers.periods import Frequency, Period, PeriodError
from koers.trends.display import KPIDisplay, chart_of

from .models import Benchmark
from .periods import ReportPeriod

ASSURANCE_TEXT = {
    "met": gettext_noop("will meet the target consistently"),
    "not_met": gettext_noop("will not meet the target without a change"),
    "hit_and_miss": gettext_noop("will sometimes meet the target and sometimes not"),
}


@dataclass
class Row:
    """One KPI in the report. Numbers are kept raw (Excel) and as text (HTML, PDF, e-mail)."""

    kpi_id: int
    code: str
    name: str
    unit_name: str
    unit_slug: str
    symbol: str
    unit_of_measure: str
    decimals: int
    direction: str
    area: str
    area_label: str
    period_key: str = ""
    period_label: str = ""
    own_period: bool = False  # the value's period is another than the report's (name it)
    value: Decimal | None = None
    value_text: str = ""
    previous_label: str = ""
    previous_value: Decimal | None = None
    change: Decimal | None = None
    change_pct: float | None = None
    change_text: str = ""
    year_ago_label: str = ""
    year_ago_value: Decimal | None = None
    year_change: Decimal | None = None
    year_change_pct: float | None = None
    year_change_text: str = ""
    verdict: str | None = None
    verdict_label: str = ""
    reason: str = ""
    sparkline: str = ""
    chart: str = ""  # the XmR chart (SVG), in the full edition only
    target: Decimal | None = None
    target_text: str = ""
    assurance: str | None = None
    assurance_text: str = ""
    benchmark_value: Decimal | None = None
    benchmark_text: str = ""
    benchmark_source: str = ""
    benchmark_lines: list[str] = field(default_factory=list)  # koers.benchmarks: peers, sector
    children: list[Row] = field(default_factory=list)  # of a top KPI: the indicators beneath
    parent_code: str = ""  # of an indicator beneath a top KPI: that KPI's code

    @property
    def details(self) -> list[str]:
        """The line under the KPI: the verdict's reason (or else the target's outlook), the
        benchmarks, and for a top KPI how many indicators lie beneath it (in the report's
        language: read while the report is rendered)."""
        parts = [self.reason] if self.reason else []
        if self.target_text and not self.reason:
            parts.append(_("Target") + f": {self.target_text} — {self.assurance_text}.")
        if self.benchmark_text:
            parts.append(_("Benchmark") + f": {self.benchmark_text}")
        parts += [line[:1].upper() + line[1:] for line in self.benchmark_lines]
        if self.children:
            n = len(self.children)
            beneath = ngettext(
                "Beneath it: %(n)s indicator of a unit, shown in its unit's section.",
                "Beneath it: %(n)s indicators of the units, each shown in its unit's section.",
                n,
            )
            parts.append(beneath % {"n": n})
        return parts

    @property
    def trend(self) -> Row | None:
        """For the badge template: this row when there is a verdict, else None."""
        return self if self.verdict else None


def fmt(value: Decimal | float | None, decimals: int | None, lang: str) -> str:
    return "" if value is None else format_number(value, decimals, lang)


def with_unit(text: str, symbol: str, unit_of_measure: str) -> str:
    """The same as the ``with_unit`` template filter: ``12,5 %``, ``€ 1.234``."""
    if not text or not symbol:
        return text
    return f"€ {text}" if unit_of_measure == "euro" else f"{text} {symbol}"


def change_text(change: Decimal | None, pct: float | None, decimals: int, lang: str) -> str:
    """'+1,2 (+3%)' / '-0,5 (-1,1%)': a plain statement of the difference, never a signal."""
    if change is None:
        return ""
    sign = "+" if change > 0 else ""
    text = sign + format_number(change, decimals, lang)
    if pct is not None:
        pct_decimals = 0 if abs(pct) >= 10 else 1
        pct_text = format_number(Decimal(str(round(pct, pct_decimals))), pct_decimals, lang)
        text += f" ({'+' if pct > 0 else ''}{pct_text}%)"
    return text


def _difference(value: Decimal, other: Decimal | None) -> tuple[Decimal | None, float | None]:
    if other is None:
        return None, None
    diff = value - other
    pct = float(diff / abs(other) * 100) if other != 0 else None
    return diff, pct


def year_before(period: Period) -> Period:
    """The same period a year earlier (week 53 falls back to 52 weeks earlier)."""
    if period.frequency == Frequency.WEEK:
        try:
            return Period(Frequency.WEEK, period.year - 1, period.index)
        except PeriodError:
            return period - 52
    return period - period.frequency.per_year


def _assurance(trend) -> str | None:
    """The engine's target assurance, from the (cached) trend summary."""
    target = getattr(trend, "target", None)
    return target.get("assurance") if isinstance(target, dict) else None


def _area_label(area: str) -> str:
    """``kpi.get_area_display()`` without its walk over every choice (a report has hundreds)."""
    try:
        return str(Area(area).label)
    except ValueError:
        return str(area)


def _empty_row(shown: KPIDisplay) -> Row:
    kpi = shown.kpi
    return Row(
        kpi_id=kpi.pk,
        code=kpi.code,
        name=kpi.name,
        unit_name=kpi.unit.name,
        unit_slug=kpi.unit.slug,
        symbol=kpi.symbol,
        unit_of_measure=kpi.unit_of_measure,
        decimals=kpi.decimals,
        direction=kpi.direction,
        area=kpi.area,
        area_label=_area_label(kpi.area),
        sparkline=shown.sparkline,
    )


def _values(row: Row, shown: KPIDisplay, rp: ReportPeriod, lang: str) -> None:
    """The latest value within the report, with its changes on the previous period and on the
    same period a year earlier."""
    kpi, series = shown.kpi, shown.series
    latest = series[-1] if series else None
    if latest is None:
        return
    period = kpi.period_of(latest.period_start)
    if rp.start is not None and period.end < rp.start:
        return
    by_start = {m.period_start: m.value for m in series}
    row.period_key, row.period_label = period.key, period.label(lang)
    row.own_period = not rp.names(period)
    row.value = latest.value
    row.value_text = with_unit(
        fmt(latest.value, kpi.decimals, lang), row.symbol, row.unit_of_measure
    )
    previous, year_ago = period.previous(), year_before(period)
    row.previous_label = previous.label(lang)
    row.previous_value = by_start.get(previous.start)
    row.change, row.change_pct = _difference(latest.value, row.previous_value)
    row.change_text = change_text(row.change, row.change_pct, kpi.decimals, lang)
    row.year_ago_label = year_ago.label(lang)
    row.year_ago_value = by_start.get(year_ago.start)
    row.year_change, row.year_change_pct = _difference(latest.value, row.year_ago_value)
    row.year_change_text = change_text(row.year_change, row.year_change_pct, kpi.decimals, lang)


def _checked_target(shown: KPIDisplay) -> Decimal | None:
    """The target the trend checked: for a target that changes over time (a monthly profile,
    a share of the annual goal) the one valid for the report's period; else the KPI's."""
    kpi = shown.kpi
    checked = getattr(shown.trend, "target", None)
    if (kpi.target_mode or "single") == "single" or not isinstance(checked, dict):
        return kpi.target
    if checked.get("value") is None:
        return kpi.target
    return Decimal(repr(round(checked["value"], kpi.decimals + 2)))


def _target(row: Row, shown: KPIDisplay, lang: str) -> None:
    target = _checked_target(shown)
    if target is None:
        return
    row.target = target
    shown_target = fmt(target.normalize(), None, lang)
    row.target_text = with_unit(shown_target, row.symbol, row.unit_of_measure)
    row.assurance = _assurance(shown.trend)
    row.assurance_text = (
        _(ASSURANCE_TEXT[row.assurance]) if row.assurance in ASSURANCE_TEXT else _("not known yet")
    )


def _benchmark(row: Row, benchmark: Benchmark, lang: str) -> None:
    row.benchmark_value = benchmark.value
    row.benchmark_source = " ".join(p for p in (benchmark.source, benchmark.period) if p)
    value = with_unit(fmt(benchmark.value.normalize(), None, lang), row.symbol, row.unit_of_measure)
    row.benchmark_text = f"{value} ({row.benchmark_source})" if row.benchmark_source else value


def make_row(
    shown: KPIDisplay,
    rp: ReportPeriod,
    lang: str,
    benchmark: Benchmark | None,
    with_chart: bool = False,
) -> Row:
    """The report's row of one KPI (``with_chart``: with its XmR chart, the full edition)."""
    row = _empty_row(shown)
    _values(row, shown, rp, lang)
    trend = shown.trend
    if trend is not None:
        row.verdict = str(trend.verdict)
        row.verdict_label = str(trend.verdict_label)
        row.reason = str(trend.reason)
    _target(row, shown, lang)
    if benchmark is not None:
        _benchmark(row, benchmark, lang)
    if with_chart:
        row.chart = chart_of(shown, width=680)
    return row


def rows_html(rows: list[Row], previous_label: str, year_ago_label: str) -> str:
    """The rows of a group's table as ``reports/_row.html`` writes them (``previous_label``
    and ``year_ago_label``: the group's, named in its heading), in the active language; written
    here because an include per row was a third of the report page. Every value is escaped
    as the template escapes it; the template stays the reference the tests compare with."""
    no_value, target = escape(_("no value")), escape(_("target"))
    pending = escape(_("trend: not judged yet"))
    versus = _("vs %(p)s")
    out = []
    for row in rows:
        if row.value_text:
            value = escape(row.value_text)
            if row.own_period:
                period = escape(row.period_label)
                value += f'<br><span class="report-muted report-period">{period}</span>'
        else:
            value = f'<span class="report-muted">{no_value}</span>'
        if row.target_text:
            value += (
                f'<br><span class="report-muted report-target">{target} '
                f"{escape(row.target_text)}</span>"
            )
        change = escape(row.change_text) if row.change_text else "—"
        if row.change_text and row.previous_label != previous_label:
            other = versus % {"p": escape(row.previous_label)}
            change += f'<br><span class="report-muted">{other}</span>'
        year = escape(row.year_change_text) if row.year_change_text else "—"
        if row.year_change_text and row.year_ago_label != year_ago_label:
            other = versus % {"p": escape(row.year_ago_label)}
            year += f'<br><span class="report-muted">{other}</span>'
        if row.verdict:
            trend = f'<span class="badge {escape(row.verdict)}">{escape(row.verdict_label)}</span>'
        else:
            trend = f'<span class="badge pending">{pending}</span>'
        if not row.chart:
            trend += f" {row.sparkline}"
        html = (
            '<tbody class="report-kpi"><tr>\n<th scope="row" class="report-name">'
            f'<span class="report-code">{escape(row.code)}</span> {escape(row.name)}</th>\n'
            f'<td class="num report-value">{value}</td>\n<td class="num">{change}</td>\n'
            f'<td class="num">{year}</td>\n<td class="report-trend">{trend}</td>\n</tr>'
        )
        if details := row.details:
            joined = " · ".join(escape(str(part)) for part in details)
            html += f'\n<tr class="report-detail"><td colspan="5">{joined}</td></tr>'
        if row.chart:
            html += f'\n<tr class="report-chart"><td colspan="5">{row.chart}</td></tr>'
        out.append(html + "\n</tbody>\n")
    return "".join(out)
