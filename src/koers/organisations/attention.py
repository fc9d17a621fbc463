"""What needs attention first, for the whole company or a unit and the units below it.

``attention_for(organisation, verdicts, goals)`` (``koers.trends.display.KPIVerdict``s, goals
with ``progress``) returns the counts by verdict, the KPIs getting worse (with their reason and
whether an improvement action is open), the goals at risk or off course, the KPIs missing their
last finished period, and the overdue actions — in a constant number of queries.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from koers.goals.models import AnnualGoal
from koers.goals.progress import with_progress, with_targets
from koers.health.review import in_review_season, review_year
from koers.kpis.models import KPI, Measurement, Status
from koers.kpis.reading import among
from koers.meetings.models import Action
from koers.periods import last_finished
from koers.trends.display import verdicts
from koers.trends.verdicts import Trend

from .models import Unit

VERDICT_ORDER = ("deteriorating", "improving", "stable", "insufficient_data")
AT_RISK = ("off_course", "at_risk", "missed")  # goal statuses that need attention


@dataclass(frozen=True)
class Worsening:
    """A KPI getting worse: its trend (the reason) and whether an improvement action is open."""

    kpi: KPI
    trend: Trend
    has_open_action: bool


@dataclass
class Attention:
    counts: list[tuple[str, int]] = field(default_factory=list)
    worsening: list = field(default_factory=list)
    goals: list = field(default_factory=list)
    missing: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    open_action_kpi_ids: set[int] = field(default_factory=set)
    review_year: int | None = None  # December and January: the year-end review to do

    @property
    def anything(self) -> bool:
        return bool(self.worsening or self.goals or self.missing or self.overdue)


def _missing(kpis: list, today: date) -> list:
    active = [k for k in kpis if k.status == Status.ACTIVE and not k.is_fed]
    if not active:
        return []
    latest = {f: last_finished(f, today).start for f in {k.frequency for k in active}}
    found = set(
        Measurement.objects.filter(
            among("kpi_id", [k.pk for k in active]), period_start__in=set(latest.values())
        )
        .order_by()
        .values_list("kpi_id", "period_start")
    )
    return [k for k in active if (k.pk, latest[k.frequency]) not in found]


def attention_for(organisation, verdicts, goals, unit_ids=None, today: date | None = None):
    """What needs attention among ``verdicts`` (``koers.trends.display.KPIVerdict``s or
    displays) and ``goals`` (``goals.progress.ShownGoal``s)."""
    today = today or date.today()
    verdicts = list(verdicts)
    counted = Counter(v.verdict for v in verdicts)
    attention = Attention(counts=[(v, counted[v]) for v in VERDICT_ORDER if counted[v]])
    worse = [v for v in verdicts if v.verdict == "deteriorating"]
    links = Action.kpis.through.objects.filter(
        kpi_id__in=[v.kpi.pk for v in worse],
        action__status__in=[Action.Status.OPEN, Action.Status.IN_PROGRESS],
    )
    attention.open_action_kpi_ids = set(links.values_list("kpi_id", flat=True)) if worse else set()
    attention.worsening = sorted(
        (Worsening(v.kpi, v.trend, v.kpi.pk in attention.open_action_kpi_ids) for v in worse),
        key=lambda w: (w.has_open_action, -w.kpi.importance),
    )
    attention.goals = [g for g in goals if g.progress is not None and g.progress.status in AT_RISK]
    attention.missing = _missing([v.kpi for v in verdicts], today)
    overdue = Action.objects.for_org(organisation).overdue(today).select_related("unit")
    if unit_ids is not None:
        overdue = overdue.filter(unit_id__in=unit_ids)
    attention.overdue = list(overdue.order_by("due_date", "id")[:10])
    attention.review_year = review_year(today) if in_review_season(today) else None
    return attention


def attention_of_unit(unit, shown=None, ids=None, today: date | None = None):
    """What needs attention on ``unit``'s page: its KPIs and those of every unit below it
    (``ids``: the unit's and theirs, when known; ``shown``: as ``unit_attention``)."""
    organisation = unit.organisation
    today = today or date.today()
    ids = list(ids) if ids is not None else Unit.objects.subtree_ids(unit)
    if shown is not None and ids == [unit.pk]:
        shown = [d for d in shown if d.kpi.status != Status.RETIRED]
    else:
        kpis = KPI.objects.for_org(organisation).current().filter(unit_id__in=ids)
        shown = verdicts(kpis.select_related("unit"))
    goals = AnnualGoal.objects.for_org(organisation).filter(unit_id__in=ids, year=today.year)
    goals = with_progress(with_targets(goals, [d.kpi for d in shown]), verdicts=shown)
    return attention_for(organisation, shown, goals, unit_ids=ids, today=today)
