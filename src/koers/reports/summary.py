"""The first thing a report says: how many KPIs have which verdict, which annual goals are at
risk (with their progress: year to date, target, projection, status in plain words, from
``koers.goals.progress``) and which actions are due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from koers.goals.models import AnnualGoal
from koers.trends.verdicts import VERDICT_LABELS

from .periods import date_text
from .rows import Row, fmt, with_unit

DUE_DAYS = 14  # "actions due": overdue, or due within two weeks of the report's date
VERDICT_ORDER = ("deteriorating", "improving", "stable", "insufficient_data")
AT_RISK = ("at_risk", "off_course", "missed")


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
    unit_name: str = ""
    overdue: bool = False


@dataclass
class GoalLine:
    """An annual goal in the report, with its progress in numbers and in plain words."""

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
    year_to_date: float | None = None
    year_to_date_text: str = ""
    expected: float | None = None
    low: float | None = None
    high: float | None = None
    projection_text: str = ""  # the expected end of the year
    projection_range: str = ""  # its 90% interval, "low – high"
    status: str | None = None
    status_label: str = ""
    sentence: str = ""

    @property
    def at_risk(self) -> bool:
        return self.status in AT_RISK


@dataclass
class VerdictCount:
    verdict: str
    label: str
    count: int


@dataclass
class Summary:
    kpis: int
    verdicts: list[VerdictCount]
    deteriorating: list[Row]
    goals_at_risk: list[GoalLine]
    goals: int
    actions_due: list[ActionLine]
    open_actions: int
    due_until: date
    due_text: str = ""


def _number(value: float | None, kpi, lang: str) -> str:
    if value is None:
        return ""
    return with_unit(
        fmt(round(value, kpi.decimals), kpi.decimals, lang), kpi.symbol, kpi.unit_of_measure
    )


def goal_line(goal: AnnualGoal, progress, rows: dict[int, Row], lang: str) -> GoalLine:
    """The report's line of one goal with its progress (``koers.goals.progress.with_progress``;
    None without a target KPI)."""
    kpi = goal.target_kpi
    row = rows.get(kpi.pk) if kpi else None
    symbol, uom = (kpi.symbol, kpi.unit_of_measure) if kpi else ("", "")
    target_text = (
        with_unit(fmt(goal.target_value.normalize(), None, lang), symbol, uom)
        if goal.target_value is not None
        else ""
    )
    line = GoalLine(
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
    if progress is not None:
        line.year_to_date = progress.year_to_date
        line.year_to_date_text = _number(progress.year_to_date, kpi, lang)
        line.expected, line.low, line.high = progress.expected, progress.low, progress.high
        if progress.expected is not None:
            line.projection_text = _number(progress.expected, kpi, lang)
            if progress.low is not None and progress.low != progress.high:
                low, high = _number(progress.low, kpi, lang), _number(progress.high, kpi, lang)
                line.projection_range = f"{low} – {high}"
        line.status = progress.status
        line.status_label = progress.status_label
        line.sentence = progress.sentence(lang)
    return line


def _verdict_counts(rows: list[Row]) -> list[VerdictCount]:
    counts = {v: 0 for v in VERDICT_ORDER}
    unjudged = 0
    for row in rows:
        if row.verdict in counts:
            counts[row.verdict] += 1
        else:
            unjudged += 1
    result = [VerdictCount(v, str(VERDICT_LABELS[v]), n) for v, n in counts.items()]
    if unjudged:
        result.append(VerdictCount("pending", _("not judged yet"), unjudged))
    return result


def summarise(rows: list[Row], goals: list[GoalLine], actions: dict, reference: date) -> Summary:
    """The summary of a report whose rows, goal lines and actions (per unit) are given;
    ``reference`` is the date actions are due by (today, or an old report's end)."""
    due_until = reference + timedelta(days=DUE_DAYS)
    open_lines = [line for open_, _done in actions.values() for line in open_]
    due = []
    for line in open_lines:
        if line.due_date is not None and line.due_date <= due_until:
            line.overdue = line.due_date < reference
            due.append(line)
    due.sort(key=lambda line: (line.due_date, line.title))
    return Summary(
        kpis=len(rows),
        verdicts=_verdict_counts(rows),
        deteriorating=[row for row in rows if row.verdict == "deteriorating"],
        goals_at_risk=[g for g in goals if g.at_risk],
        goals=len(goals),
        actions_due=due,
        open_actions=len(open_lines),
        due_until=due_until,
        due_text=date_text(due_until),
    )
