"""What a report says, as plain Python: built once, shown as HTML, PDF, Excel and e-mail.

``build_report`` reads the KPIs and their values and asks the module the KPI pages use
(``koers.trends.display``) for the sparkline, the verdict and the chart. Nothing here computes
a trend of its own: every copy of a report shows the same numbers, verdicts, reasons and
sparklines (with the limit band) as the pages.

A report opens with its summary (``koers.reports.summary``: verdicts counted, goals at risk
with their progress, actions due), then a section per unit. The period it covers is one
month, quarter or year (``koers.reports.periods``), named once in its title. Two editions:
``compact`` (sparklines, the default) and ``full`` (each KPI with its XmR chart).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from koers.benchmarks.panel import report_lines
from koers.goals.models import AnnualGoal
from koers.goals.progress import ShownGoal, with_progress, with_targets
from koers.kpis.models import KPI, Area
from koers.meetings.models import Action
from koers.organisations.models import Organisation, Unit, with_known
from koers.periods import Period
from koers.trends.display import KPIDisplay, all_up_to, displays

from .models import Benchmark, Grouping
from .periods import (  # noqa: F401 - re-exported: the report's period is part of its content
    ACTION_DAYS,
    LATEST,
    ReportPeriod,
    ReportPeriodError,
    date_text,
    footnote,
    period_choices,
    resolve_period,
)
from .rows import Row, make_row, rows_html
from .summary import ActionLine, GoalLine, Summary, goal_line, summarise

COMPACT, FULL = "compact", "full"
EDITIONS = (COMPACT, FULL)


@dataclass
class Group:
    title: str
    rows: list[Row]

    def _common(self, attribute: str) -> str:
        labels = {getattr(row, attribute) for row in self.rows if row.value is not None}
        return labels.pop() if len(labels) == 1 else ""

    @property
    def previous_label(self) -> str:
        """The period every change in the group compares with, when it is one: named once in
        the column's heading instead of under every number."""
        return self._common("previous_label")

    @property
    def year_ago_label(self) -> str:
        return self._common("year_ago_label")

    @property
    def rows_html(self) -> str:
        """The table's rows (``reports/_row.html``'s HTML, in the active language)."""
        html = rows_html(self.rows, self.previous_label, self.year_ago_label)
        return mark_safe(html)  # noqa: S308 (rows_html escapes every value)


@dataclass
class Section:
    unit_name: str
    unit_slug: str
    depth: int
    is_top: bool
    groups: list[Group]
    goals: list[GoalLine]
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
    actions_available: bool = True
    summary: Summary | None = None
    edition: str = COMPACT

    @property
    def rows(self) -> list[Row]:
        """Every KPI once, as the sections show them."""
        return [row for section in self.sections for row in section.rows]

    def verdicts(self) -> dict[str, dict[str, str]]:
        """KPI code → verdict and its label: what a sent report remembers."""
        return {
            row.code: {"verdict": row.verdict or "", "label": row.verdict_label, "name": row.name}
            for row in self.rows
        }

    @property
    def is_company(self) -> bool:
        """The company report: its top unit carries the organisation's own name."""
        return self.unit_name == self.organisation_name

    @property
    def heading(self) -> str:
        """The report's title without the company name (the header names it once)."""
        with translation.override(self.lang):
            if self.is_company:
                return _("Report %(period)s") % {"period": self.period_long_label}
            return _("Report %(unit)s, %(period)s") % {
                "unit": self.unit_name,
                "period": self.period_long_label,
            }

    @property
    def title(self) -> str:
        """The document's (and the PDF's) title: company name once, unit, period."""
        parts = [self.organisation_name]
        if not self.is_company:
            parts.append(self.unit_name)
        return " · ".join([*parts, self.period_long_label])

    @property
    def is_full(self) -> bool:
        return self.edition == FULL


# ------------------------------------------------------------------------------------------
# Reading
# ------------------------------------------------------------------------------------------


def _units_in_order(unit: Unit) -> list[tuple[Unit, int]]:
    """The unit and every unit below it, depth first, with their depth (the organisation's
    units read at once: one query instead of the subtree's two)."""
    units = list(
        Unit.objects.filter(organisation_id=unit.organisation_id).order_by("order", "name")
    )
    children: dict[int | None, list[Unit]] = defaultdict(list)
    for u in units:
        children[u.parent_id].append(u)
    ordered: list[tuple[Unit, int]] = []

    seen: set[int] = set()

    def walk(node: Unit, depth: int) -> None:
        if node.pk in seen:
            return
        seen.add(node.pk)
        ordered.append((node, depth))
        for child in children.get(node.pk, []):
            walk(child, depth + 1)

    top = next(u for u in units if u.pk == unit.pk)
    walk(top, 0)
    return ordered


def _load_kpis(organisation: Organisation, units: list[Unit], rp: ReportPeriod) -> list[KPIDisplay]:
    """Active KPIs of the units as the pages show them, judged on the values up to the
    report's end (few queries).

    When every value of a KPI lies within the report (the usual case), the report shows
    exactly the pages' verdict and sparkline. Otherwise the same engine, with the KPI's own
    settings, judges the values up to the report's end (``koers.trends.display.up_to``).
    """
    kpis = KPI.objects.for_org(organisation).active().filter(unit_id__in=[u.pk for u in units])
    kpis = with_known(kpis, "unit", units).with_series()
    shown = displays(kpis)
    return all_up_to(shown, {d.kpi.pk: rp.cutoff(d.kpi.frequency).start for d in shown})


def _benchmarks(organisation: Organisation, kpi_ids: list[int]) -> dict[int, Benchmark]:
    found: dict[int, Benchmark] = {}
    for benchmark in Benchmark.objects.for_org(organisation).filter(kpi_id__in=kpi_ids):
        found.setdefault(benchmark.kpi_id, benchmark)  # ordered newest period first
    return found


def _goals(
    organisation: Organisation, units: list[Unit], rp: ReportPeriod, today: date, kpis: list
) -> list[ShownGoal]:
    """The annual goals of the report's year, with their progress as of the report's end
    (``units``: the report's, ``kpis``: those it shows, which the goals' targets mostly are)."""
    goals = (
        AnnualGoal.objects.for_org(organisation)
        .filter(year=rp.year, unit_id__in=[u.pk for u in units])
        .prefetch_related("kpis")
        .order_by("unit__order", "title")
    )
    goals = with_targets(with_known(goals, "unit", units), kpis)
    return with_progress(goals, min(today, rp.end + timedelta(days=1)))


def _actions(organisation: Organisation, unit_ids: list[int], rp: ReportPeriod):
    """Open and finished actions per unit: (open, done) lists of :class:`ActionLine`."""
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
        .select_related("person", "unit")
        .order_by("due_date", "id")
    )
    per_unit: dict[int, tuple[list[ActionLine], list[ActionLine]]] = defaultdict(lambda: ([], []))
    for action in actions:
        person = action.person
        line = ActionLine(
            title=action.title,
            unit_name=action.unit.name,
            status=action.status,
            status_label=str(action.get_status_display()),
            due_date=action.due_date,
            due_text=date_text(action.due_date),
            completed_on=action.completed_on,
            completed_text=date_text(action.completed_on),
            person=(person.get_full_name() or person.get_username()) if person else "",
        )
        open_, done = per_unit[action.unit_id]
        (done if action.status == Action.Status.DONE else open_).append(line)
    return per_unit


# ------------------------------------------------------------------------------------------
# Grouping
# ------------------------------------------------------------------------------------------


def _goal_groups(rows: list[Row], goals: list[AnnualGoal], unit_id: int) -> list[Group]:
    own = [g for g in goals if g.unit_id == unit_id]
    others = [g for g in goals if g.unit_id != unit_id]
    served = {g.pk: {k.pk for k in g.kpis.all()} | {g.target_kpi_id} for g in goals}
    groups: dict[int, Group] = {}
    loose: list[Row] = []
    for row in rows:
        goal = next((g for g in own + others if row.kpi_id in served[g.pk]), None)
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


def _rows(shown, rp, lang, benchmarks, edition, top_id) -> tuple[dict[int, Row], dict]:
    """Every KPI's row, and the rows per unit; the top unit's indicators know the indicators
    beneath them (``KPI.parent``), which are shown once, in their own unit's section."""
    rows = {
        d.kpi.pk: make_row(d, rp, lang, benchmarks.get(d.kpi.pk), edition == FULL) for d in shown
    }
    kpis = [d.kpi for d in shown]
    for pk, lines in report_lines(kpis, {pk: r.period_key for pk, r in rows.items()}).items():
        rows[pk].benchmark_lines = lines
    unit_of = {k.pk: k.unit_id for k in kpis}
    by_unit: dict[int, list[Row]] = defaultdict(list)
    for k in kpis:
        by_unit[k.unit_id].append(rows[k.pk])
        if k.parent_id in rows and unit_of[k.parent_id] == top_id and k.unit_id != top_id:
            rows[k.parent_id].children.append(rows[k.pk])
            rows[k.pk].parent_code = rows[k.parent_id].code
    return rows, by_unit


def _sections(units, top: Unit, by_unit, goals, goal_lines, actions, group) -> list[Section]:
    sections = []
    for u, depth in units:
        unit_rows = by_unit.get(u.pk, [])
        unit_goals = [line for g, line in zip(goals, goal_lines, strict=True) if g.unit_id == u.pk]
        open_, done = actions.get(u.pk, ([], []))
        if u.pk != top.pk and not (unit_rows or unit_goals or open_ or done):
            continue
        if group == Grouping.AREA:
            groups = _area_groups(unit_rows)
        else:
            groups = _goal_groups(unit_rows, goals, u.pk)
        sections.append(
            Section(
                unit_name=u.name,
                unit_slug=u.slug,
                depth=depth,
                is_top=u.pk == top.pk,
                groups=groups,
                goals=unit_goals,
                open_actions=open_,
                done_actions=done,
            )
        )
    return sections


def build_report(
    organisation: Organisation,
    unit: Unit,
    period: str | Period | ReportPeriod | None,
    group: str = Grouping.GOAL,
    lang: str = "nl",
    today: date | None = None,
    edition: str = COMPACT,
) -> Report:
    """The report for ``unit`` (and every unit below it) over ``period``."""
    lang = "en" if (lang or "nl").startswith("en") else "nl"
    group = group if group in Grouping.values else Grouping.GOAL
    edition = edition if edition in EDITIONS else COMPACT
    today = today or date.today()
    rp = period if isinstance(period, ReportPeriod) else resolve_period(period, today)
    with translation.override(lang):
        units = _units_in_order(unit)
        unit_ids = [u.pk for u, _depth in units]
        shown = _load_kpis(organisation, [u for u, _depth in units], rp)
        benchmarks = _benchmarks(organisation, [d.kpi.pk for d in shown])
        rows, by_unit = _rows(shown, rp, lang, benchmarks, edition, unit.pk)
        shown_goals = _goals(
            organisation, [u for u, _depth in units], rp, today, [d.kpi for d in shown]
        )
        goal_lines = [goal_line(g, p, rows, lang) for g, p in shown_goals]
        goals = [g for g, _p in shown_goals]
        actions = _actions(organisation, unit_ids, rp)
        sections = _sections(units, unit, by_unit, goals, goal_lines, actions, group)
        reference = today if rp.is_latest else rp.end
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
            generated_text=date_text(today),
            sections=sections,
            footnote=footnote(rp, lang),
            summary=summarise(list(rows.values()), goal_lines, actions, reference),
            edition=edition,
        )
