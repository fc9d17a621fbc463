"""What drove the change of a rolled-up KPI: which children moved it.

``drivers_of(kpi)`` compares the latest complete period of a roll-up KPI with the period
before and with the same period last year, child by child (children measured more often are
combined per period by their own rule, as the roll-up does). Children are listed by how far
they moved against the previous period, the biggest mover first; for a sum the child's change
is its share of the parent's change. Three queries at most; None for a KPI that is not rolled up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from koers.periods import Period

from .models import KPI, Direction, RollupRule
from .rollup import _load, child_value, inputs_of, provisional


def same_period_last_year(period: Period) -> Period:
    """The same month, quarter, year or ISO week (52 weeks back) a year earlier."""
    if period.frequency == "week":
        return Period.containing(period.start - timedelta(days=364), "week")
    return Period(period.frequency, period.year - 1, period.index)


def _change(now: float | None, then: float | None) -> float | None:
    return None if now is None or then is None else now - then


@dataclass(frozen=True)
class Driver:
    """One child's value in the three periods and its changes."""

    kpi: KPI
    now: float | None
    previous: float | None
    last_year: float | None

    @property
    def change_previous(self) -> float | None:
        return _change(self.now, self.previous)

    @property
    def change_last_year(self) -> float | None:
        return _change(self.now, self.last_year)

    def _judge(self, change: float | None) -> str:
        if not change:
            return "same"
        better = change > 0 if self.kpi.direction == Direction.HIGHER else change < 0
        return "better" if better else "worse"

    @property
    def judged_previous(self) -> str:
        return self._judge(self.change_previous)

    @property
    def judged_last_year(self) -> str:
        return self._judge(self.change_last_year)


@dataclass(frozen=True)
class Drivers:
    """The parent (as a :class:`Driver`) and its children, biggest mover first."""

    period: Period
    previous: Period
    last_year: Period
    parent: Driver
    children: list[Driver] = field(default_factory=list)
    additive: bool = False  # a sum: the children's changes add up to the parent's


def _latest_complete(kpi: KPI) -> Period | None:
    waiting = provisional([kpi]).get(kpi.pk, {})
    starts = kpi.measurements.order_by("-period_start").values_list("period_start", flat=True)
    for start in starts[: len(waiting) + 1]:
        if start not in waiting:
            return kpi.period_of(start)
    return None


def drivers_of(kpi: KPI, period: Period | None = None) -> Drivers | None:
    """Which children moved ``kpi`` in ``period`` (default: its latest complete period)."""
    if not kpi.rollup_rule:
        return None
    period = period or _latest_complete(kpi)
    if period is None:
        return None
    periods = (period, period.previous(), same_period_last_year(period))
    codes = inputs_of(kpi) if kpi.rollup_rule == RollupRule.FORMULA else kpi.rollup_children
    kids = sorted(
        KPI.objects.filter(organisation_id=kpi.organisation_id, code__in=codes).select_related(
            "unit", "organisation"
        ),
        key=lambda k: codes.index(k.code),
    )
    first = min(p.start for p in periods) - timedelta(days=7)
    values = _load([kpi, *kids], first, period.end)
    own = values.get(kpi.pk, {})
    parent = Driver(kpi, *(own.get(p.start) for p in periods))
    children = [
        Driver(k, *(child_value(k, values.get(k.pk, {}), p) for p in periods)) for k in kids
    ]
    children.sort(key=lambda d: -abs(d.change_previous or 0))
    return Drivers(*periods, parent, children, additive=kpi.rollup_rule == RollupRule.SUM)
