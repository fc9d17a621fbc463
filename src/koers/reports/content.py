"""What a report says, as plain Python: built once, shown as HTML, PDF, Excel and e-mail.

``build_report`` reads the KPIs and their values and asks the module the KPI pages use
(``koers.trends.display``) for the sparkline, the verdict and the chart. Nothing here computes
a trend of its own: every copy of a report shows the same numbers, verdicts, reasons and
sparklines (with the limit band) as the pages.

Which value a KPI shows (the footnote of every report explains it too): the latest period of
the KPI's own frequency that *ends within* the report period and has a value. A weekly KPI in
a monthly report shows the last week ending in that month; a quarterly KPI in a monthly report
shows a value only in the month its quarter ends. "Up to the last finished period" shows, per
KPI, the latest finished period with a value. The trend is judged on the values up to the end
of the report period, so an old report keeps saying what was known then.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from koers.benchmarks.panel import report_lines
from koers.goals.models import AnnualGoal
from koers.kpis.models import KPI, Area
from koers.numbers import format_number
from koers.organisations.models import Organisation, Unit
from koers.periods import Frequency, Period, PeriodError, last_finished
from koers.trends.display import KPIDisplay, all_up_to, displays

from .models import Benchmark, Grouping

LATEST = "latest"
ACTION_DAYS = 91  # "up to the last finished period": actions finished in the last three months
LATEST_LABEL = gettext_noop("up to the last finished period")
MONTH, QUARTER, YEAR = gettext_noop("Month"), gettext_noop("Quarter"), gettext_noop("Year")


class ReportPeriodError(ValueError):
    """The period of a report cannot be read."""


# ------------------------------------------------------------------------------------------
# The period of a report
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportPeriod:
    """A month, quarter or year (``period``), or everything up to the last finished period."""

    key: str
    period: Period | None
    start: date | None  # None: no lower bound ("up to the last finished period")
    end: date  # inclusive

    @property
    def is_latest(self) -> bool:
        return self.period is None

    @property
    def year(self) -> int:
        return self.end.year

    def label(self, lang: str) -> str:
        if self.period is None:
            return _lang_text(lang, LATEST_LABEL)
        return self.period.label(lang)

    def long_label(self, lang: str) -> str:
        if self.period is None:
            return _lang_text(lang, LATEST_LABEL)
        return self.period.long_label(lang)

    def cutoff(self, frequency: Frequency | str) -> Period:
        """The last period of ``frequency`` that ends on or before the report's end."""
        return last_finished(frequency, self.end + timedelta(days=1))


def resolve_period(value: str | Period | None, today: date) -> ReportPeriod:
    """Read ``latest`` or a key ('2025-01', '2025-Q1', '2025'); weeks are not report periods."""
    if value is None or value == "" or value == LATEST:
        return ReportPeriod(LATEST, None, None, today - timedelta(days=1))
    if isinstance(value, Period):
        period = value
    else:
        try:
            period = Period.from_key(str(value))
        except PeriodError as error:
            raise ReportPeriodError(str(value)) from error
    if period.frequency == Frequency.WEEK:
        raise ReportPeriodError(period.key)
    return ReportPeriod(period.key, period, period.start, period.end)


def period_choices(today: date, lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Periods to choose from, newest first: 24 months, 8 quarters, 4 years."""
    month = last_finished(Frequency.MONTH, today)
    quarter = last_finished(Frequency.QUARTER, today)
    year = Period.containing(today, Frequency.YEAR)
    return [
        ("", [(LATEST, _lang_text(lang, LATEST_LABEL))]),
        (
            _lang_text(lang, MONTH),
            [((month - i).key, (month - i).label(lang)) for i in range(24)],
        ),
        (
            _lang_text(lang, QUARTER),
            [((quarter - i).key, (quarter - i).label(lang)) for i in range(8)],
        ),
        (_lang_text(lang, YEAR), [((year - i).key, (year - i).label(lang)) for i in range(4)]),
    ]


def _lang_text(lang: str, text: str) -> str:
    with translation.override(lang):
        return _(text)


# ------------------------------------------------------------------------------------------
# The report
# ------------------------------------------------------------------------------------------


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
    target: Decimal | None = None
    target_text: str = ""
    assurance: str | None = None
    assurance_text: str = ""
    benchmark_value: Decimal | None = None
    benchmark_text: str = ""
    benchmark_source: str = ""
    benchmark_lines: list[str] = field(default_factory=list)  # koers.benchmarks: peers, sector
    children: list[Row] = field(default_factory=list)

    @property
    def trend(self) -> Row | None:
        """For the badge template: this row when there is a verdict, else None."""
        return self if self.verdict else None


@dataclass
class Group:
    title: str
    rows: list[Row]


@dataclass
class GoalProgress:
    year: int
    title: str
    unit_name: str
    kpi_code: str
    kpi_name: str
    target_value: Decimal | None
    target_text: str
    latest_value: Decimal | None
    latest_text: str
    latest_period_label: str
    verdict: str | None
    verdict_label: str


@dataclass
class ActionLine:
    title: str
    status: str
    status_label: str
    due_date: date | None
    due_text: str
    completed_on: date | None
    completed_text: str
    person: str


@dataclass
class Section:
    unit_name: str
    unit_slug: str
    depth: int
    is_top: bool
    groups: list[Group]
    goals: list[GoalProgress]
    open_actions: list[ActionLine]
    done_actions: list[ActionLine]

    @property
    def rows(self) -> list[Row]:
        return [row for group in self.groups for row in group.rows]


@dataclass
class Report:
    organisation_name: str
    organisation_slug: str
    unit_name: str
    unit_slug: str
    period_key: str
    period_label: str
    period_long_label: str
    is_latest: bool
    group: str
    group_label: str
    lang: str
    generated_on: date
    generated_text: str
    sections: list[Section]
    footnote: str
    actions_available: bool

    @property
    def rows(self) -> list[Row]:
        """Every KPI once (a KPI shown again under its parent counts once)."""
        return [row for section in self.sections for row in section.rows]

    def verdicts(self) -> dict[str, dict[str, str]]:
        """KPI code → verdict and its label: what a sent report remembers."""
        return {
            row.code: {"verdict": row.verdict or "", "label": row.verdict_label, "name": row.name}
            for row in self.rows
        }

    @property
    def title(self) -> str:
        return f"{self.unit_name} · {self.period_long_label}"


# ------------------------------------------------------------------------------------------
# Building
# ------------------------------------------------------------------------------------------


def _fmt(value: Decimal | float | None, decimals: int | None, lang: str) -> str:
    return "" if value is None else format_number(value, decimals, lang)


def _with_unit(text: str, symbol: str, unit_of_measure: str) -> str:
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


def _date_text(d: date | None) -> str:
    return formats.date_format(d, "SHORT_DATE_FORMAT") if d else ""


ASSURANCE_TEXT = {
    "met": gettext_noop("will meet the target consistently"),
    "not_met": gettext_noop("will not meet the target without a change"),
    "hit_and_miss": gettext_noop("will sometimes meet the target and sometimes not"),
}


def _assurance(trend) -> str | None:
    """The engine's target assurance, from the (cached) trend summary."""
    target = getattr(trend, "target", None)
    return target.get("assurance") if isinstance(target, dict) else None


def _make_row(shown: KPIDisplay, rp: ReportPeriod, lang: str, benchmark: Benchmark | None) -> Row:
    kpi = shown.kpi
    row = Row(
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
        area_label=str(kpi.get_area_display()),
        sparkline=shown.sparkline,
    )
    series = shown.series
    latest = series[-1] if series else None
    if latest is not None:
        period = kpi.period_of(latest.period_start)
        if rp.start is None or period.end >= rp.start:
            by_start = {m.period_start: m.value for m in series}
            row.period_key, row.period_label = period.key, period.label(lang)
            row.value = latest.value
            row.value_text = _with_unit(
                _fmt(latest.value, kpi.decimals, lang), row.symbol, row.unit_of_measure
            )
            previous, year_ago = period.previous(), year_before(period)
            row.previous_label = previous.label(lang)
            row.previous_value = by_start.get(previous.start)
            row.change, row.change_pct = _difference(latest.value, row.previous_value)
            row.change_text = change_text(row.change, row.change_pct, kpi.decimals, lang)
            row.year_ago_label = year_ago.label(lang)
            row.year_ago_value = by_start.get(year_ago.start)
            row.year_change, row.year_change_pct = _difference(latest.value, row.year_ago_value)
            row.year_change_text = change_text(
                row.year_change, row.year_change_pct, kpi.decimals, lang
            )
    trend = shown.trend
    if trend is not None:
        row.verdict = str(trend.verdict)
        row.verdict_label = str(trend.verdict_label)
        row.reason = str(trend.reason)
    if kpi.target is not None:
        row.target = kpi.target
        row.target_text = _with_unit(
            _fmt(kpi.target.normalize(), None, lang), row.symbol, row.unit_of_measure
        )
        row.assurance = _assurance(trend)
        row.assurance_text = (
            _(ASSURANCE_TEXT[row.assurance])
            if row.assurance in ASSURANCE_TEXT
            else _("not known yet")
        )
    if benchmark is not None:
        row.benchmark_value = benchmark.value
        row.benchmark_source = " ".join(p for p in (benchmark.source, benchmark.period) if p)
        value = _with_unit(
            _fmt(benchmark.value.normalize(), None, lang), row.symbol, row.unit_of_measure
        )
        row.benchmark_text = f"{value} ({row.benchmark_source})" if row.benchmark_source else value
    return row


def _units_in_order(unit: Unit) -> list[tuple[Unit, int]]:
    """The unit and every unit below it, depth first, with their depth."""
    units = list(Unit.objects.subtree(unit).order_by("order", "name"))
    children: dict[int | None, list[Unit]] = defaultdict(list)
    for u in units:
        children[u.parent_id].append(u)
    ordered: list[tuple[Unit, int]] = []

    def walk(node: Unit, depth: int) -> None:
        ordered.append((node, depth))
        for child in children.get(node.pk, []):
            walk(child, depth + 1)

    top = next(u for u in units if u.pk == unit.pk)
    walk(top, 0)
    return ordered


def _load_kpis(
    organisation: Organisation, unit_ids: list[int], rp: ReportPeriod
) -> list[KPIDisplay]:
    """Active KPIs of the units as the pages show them, judged on the values up to the
    report's end (few queries).

    When every value of a KPI lies within the report (the usual case, and always for "up to
    the last finished period" unless a running period has a value), the report shows exactly
    the pages' verdict and sparkline. Otherwise the same engine, with the KPI's own settings,
    judges the values up to the report's end (``koers.trends.display.up_to``).
    """
    kpis = (
        KPI.objects.for_org(organisation)
        .active()
        .filter(unit_id__in=unit_ids)
        .select_related("unit", "organisation")
        .with_series()
    )
    shown = displays(kpis)
    return all_up_to(shown, {d.kpi.pk: rp.cutoff(d.kpi.frequency).start for d in shown})


def _benchmarks(organisation: Organisation, kpi_ids: list[int]) -> dict[int, Benchmark]:
    found: dict[int, Benchmark] = {}
    for benchmark in Benchmark.objects.for_org(organisation).filter(kpi_id__in=kpi_ids):
        found.setdefault(benchmark.kpi_id, benchmark)  # ordered newest period first
    return found


def _goal_groups(
    rows: list[Row], goals: list[AnnualGoal], unit_id: int, kpi_units: dict[int, int]
) -> list[Group]:
    own = [g for g in goals if g.unit_id == unit_id]
    others = [g for g in goals if g.unit_id != unit_id]
    groups: dict[int, Group] = {}
    loose: list[Row] = []
    for row in rows:
        goal = next(
            (g for g in own + others if row.kpi_id in g.kpi_ids or g.target_kpi_id == row.kpi_id),
            None,
        )
        if goal is None:
            loose.append(row)
            continue
        if goal.pk not in groups:
            groups[goal.pk] = Group(goal.title, [])
        groups[goal.pk].rows.append(row)
    order = {g.pk: i for i, g in enumerate(goals)}
    result = [groups[pk] for pk in sorted(groups, key=order.get)]
    if loose:
        result.append(Group(_("Not linked to an annual goal"), loose))
    return result


def _area_groups(rows: list[Row]) -> list[Group]:
    result = []
    for value, label in Area.choices:
        members = [row for row in rows if row.area == value]
        if members:
            result.append(Group(str(label)[:1].upper() + str(label)[1:], members))
    return result


def _actions(organisation: Organisation, unit_ids: list[int], rp: ReportPeriod):
    """Open and finished actions per unit, or None when the meetings app has no actions."""
    try:
        from koers.meetings.models import Action
    except ImportError:  # pragma: no cover - the meetings app is part of the product
        return None
    window_start = rp.start or (rp.end - timedelta(days=ACTION_DAYS))
    open_now = Q(status__in=[Action.Status.OPEN, Action.Status.IN_PROGRESS])
    if not rp.is_latest:  # decided by the end of the period
        open_now &= (
            Q(started_on__lte=rp.end)
            | Q(meeting__date__lte=rp.end)
            | Q(started_on=None, meeting=None, created_at__date__lte=rp.end)
        )
    finished = Q(
        status=Action.Status.DONE, completed_on__gte=window_start, completed_on__lte=rp.end
    )
    actions = (
        Action.objects.for_org(organisation)
        .filter(unit_id__in=unit_ids)
        .filter(open_now | finished)
        .select_related("person")
        .order_by("due_date", "id")
    )
    per_unit: dict[int, tuple[list[ActionLine], list[ActionLine]]] = defaultdict(lambda: ([], []))
    for action in actions:
        person = action.person
        line = ActionLine(
            title=action.title,
            status=action.status,
            status_label=str(action.get_status_display()),
            due_date=action.due_date,
            due_text=_date_text(action.due_date),
            completed_on=action.completed_on,
            completed_text=_date_text(action.completed_on),
            person=(person.get_full_name() or person.get_username()) if person else "",
        )
        open_, done = per_unit[action.unit_id]
        (done if action.status == Action.Status.DONE else open_).append(line)
    return per_unit


def footnote(rp: ReportPeriod, lang: str) -> str:
    with translation.override(lang):
        rule = _(
            "Each KPI shows the latest period of its own frequency that ends within the report "
            "period and has a value: a weekly KPI the last week ending in it, a quarterly KPI "
            "in a monthly report only in the month its quarter ends."
        )
        if rp.is_latest:
            rule = _("Each KPI shows its latest finished period with a value, up to %(date)s.") % {
                "date": _date_text(rp.end)
            }
        return " ".join(
            [
                rule,
                _(
                    "Changes compare with the KPI's previous period and with the same period a "
                    "year earlier; they are differences, not signals. Only the trend verdict "
                    "says whether a KPI is really improving or deteriorating; it is judged on the "
                    "values up to the end of the report period."
                ),
                _("Actions: those open now, and those finished in the last three months.")
                if rp.is_latest
                else _(
                    "Actions: those still open that were decided by the end of the period, and "
                    "those finished in it."
                ),
            ]
        )


def build_report(
    organisation: Organisation,
    unit: Unit,
    period: str | Period | ReportPeriod | None,
    group: str = Grouping.GOAL,
    lang: str = "nl",
    today: date | None = None,
) -> Report:
    """The report for ``unit`` (and every unit below it) over ``period``."""
    lang = "en" if (lang or "nl").startswith("en") else "nl"
    group = group if group in Grouping.values else Grouping.GOAL
    today = today or date.today()
    rp = period if isinstance(period, ReportPeriod) else resolve_period(period, today)
    with translation.override(lang):
        units = _units_in_order(unit)
        unit_ids = [u.pk for u, _depth in units]
        shown = _load_kpis(organisation, unit_ids, rp)
        kpis = [d.kpi for d in shown]
        benchmarks = _benchmarks(organisation, [k.pk for k in kpis])
        rows = {d.kpi.pk: _make_row(d, rp, lang, benchmarks.get(d.kpi.pk)) for d in shown}
        for pk, lines in report_lines(kpis, {pk: r.period_key for pk, r in rows.items()}).items():
            rows[pk].benchmark_lines = lines
        kpi_units = {k.pk: k.unit_id for k in kpis}
        by_unit: dict[int, list[Row]] = defaultdict(list)
        for k in kpis:
            by_unit[k.unit_id].append(rows[k.pk])
        # The top unit's indicators carry the indicators beneath them (KPI.parent).
        for k in kpis:
            if (
                k.parent_id in rows
                and kpi_units[k.parent_id] == unit.pk
                and kpi_units[k.pk] != unit.pk
            ):
                rows[k.parent_id].children.append(rows[k.pk])

        goals = list(
            AnnualGoal.objects.for_org(organisation)
            .filter(year=rp.year, unit_id__in=unit_ids)
            .select_related("unit", "target_kpi", "target_kpi__unit")
            .prefetch_related("kpis")
            .order_by("unit__order", "title")
        )
        for goal in goals:
            goal.kpi_ids = {k.pk for k in goal.kpis.all()}
        actions = _actions(organisation, unit_ids, rp)

        sections = []
        for u, depth in units:
            unit_rows = by_unit.get(u.pk, [])
            unit_goals = [g for g in goals if g.unit_id == u.pk]
            open_, done = actions.get(u.pk, ([], [])) if actions is not None else ([], [])
            if u.pk != unit.pk and not (unit_rows or unit_goals or open_ or done):
                continue
            if group == Grouping.AREA:
                groups = _area_groups(unit_rows)
            else:
                groups = _goal_groups(unit_rows, goals, u.pk, kpi_units)
            sections.append(
                Section(
                    unit_name=u.name,
                    unit_slug=u.slug,
                    depth=depth,
                    is_top=u.pk == unit.pk,
                    groups=groups,
                    goals=[_goal_progress(g, rows, lang) for g in unit_goals],
                    open_actions=open_,
                    done_actions=done,
                )
            )
        return Report(
            organisation_name=organisation.name,
            organisation_slug=organisation.slug,
            unit_name=unit.name,
            unit_slug=unit.slug,
            period_key=rp.key,
            period_label=rp.label(lang),
            period_long_label=rp.long_label(lang),
            is_latest=rp.is_latest,
            group=group,
            group_label=str(Grouping(group).label),
            lang=lang,
            generated_on=today,
            generated_text=_date_text(today),
            sections=sections,
            footnote=footnote(rp, lang),
            actions_available=actions is not None,
        )


def _goal_progress(goal: AnnualGoal, rows: dict[int, Row], lang: str) -> GoalProgress:
    kpi = goal.target_kpi
    row = rows.get(kpi.pk) if kpi else None
    symbol, uom = (kpi.symbol, kpi.unit_of_measure) if kpi else ("", "")
    target_text = (
        _with_unit(_fmt(goal.target_value.normalize(), None, lang), symbol, uom)
        if goal.target_value is not None
        else ""
    )
    return GoalProgress(
        year=goal.year,
        title=goal.title,
        unit_name=goal.unit.name,
        kpi_code=kpi.code if kpi else "",
        kpi_name=kpi.name if kpi else "",
        target_value=goal.target_value,
        target_text=target_text,
        latest_value=row.value if row else None,
        latest_text=row.value_text if row else "",
        latest_period_label=row.period_label if row else "",
        verdict=row.verdict if row else None,
        verdict_label=row.verdict_label if row else "",
    )
