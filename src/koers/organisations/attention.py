"""What needs attention first, for the whole company or a unit and the units below it.

``attention_for(organisation, kpis, goals)`` (KPIs with ``trend`` attached, goals with
``progress``) returns the counts by verdict, the KPIs getting worse (with their reason and
whether an improvement action is open), the goals at risk or off course, the KPIs missing their
last finished period, and the overdue actions — in a constant number of queries.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from koers.kpis.models import Measurement, Status
from koers.meetings.models import Action
from koers.periods import last_finished

VERDICT_ORDER = ("deteriorating", "improving", "stable", "insufficient_data")


@dataclass
class Attention:
    counts: list[tuple[str, int]] = field(default_factory=list)
    worsening: list = field(default_factory=list)
    goals: list = field(default_factory=list)
    missing: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    open_action_kpi_ids: set[int] = field(default_factory=set)

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
            kpi_id__in=[k.pk for k in active], period_start__in=set(latest.values())
        ).values_list("kpi_id", "period_start")
    )
    return [k for k in active if (k.pk, latest[k.frequency]) not in found]


def _with_trends(items) -> list:
    """KPIs with ``trend``, from KPIs (the unit pages) or ``trends.display.KPIVerdict``s (the
    organisation page). A stopgap until this module reads verdicts from the display module."""
    kpis = []
    for item in items:
        kpi = getattr(item, "kpi", item)
        if not hasattr(kpi, "trend"):
            kpi.trend = getattr(item, "trend", None)
        kpis.append(kpi)
    return kpis


def attention_for(organisation, kpis, goals, unit_ids=None, today: date | None = None):
    today = today or date.today()
    kpis = _with_trends(kpis)
    verdicts = Counter(getattr(getattr(k, "trend", None), "verdict", None) for k in kpis)
    attention = Attention(counts=[(v, verdicts[v]) for v in VERDICT_ORDER if verdicts[v]])
    worsening = [
        k for k in kpis if getattr(getattr(k, "trend", None), "verdict", "") == "deteriorating"
    ]
    links = Action.kpis.through.objects.filter(
        kpi_id__in=[k.pk for k in worsening],
        action__status__in=[Action.Status.OPEN, Action.Status.IN_PROGRESS],
    )
    attention.open_action_kpi_ids = (
        set(links.values_list("kpi_id", flat=True)) if worsening else set()
    )
    for kpi in worsening:
        kpi.has_open_action = kpi.pk in attention.open_action_kpi_ids
    attention.worsening = sorted(worsening, key=lambda k: (k.has_open_action, -k.importance))
    attention.goals = [
        g
        for g in goals
        if g.progress is not None and g.progress.status in ("off_course", "at_risk", "missed")
    ]
    attention.missing = _missing(kpis, today)
    overdue = Action.objects.for_org(organisation).overdue(today).select_related("unit")
    if unit_ids is not None:
        overdue = overdue.filter(unit_id__in=unit_ids)
    attention.overdue = list(overdue.order_by("due_date", "id")[:10])
    return attention
