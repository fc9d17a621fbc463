"""Roll-ups: a KPI computed from other KPIs (totals up the hierarchy).

A KPI with a ``rollup_rule`` (and ``feed = rollup``) gets its values from its children:

* ``sum``: the children's values added up;
* ``ratio``: two children, numerator ÷ denominator (×100 for a percentage); roll the parts up
  with ``sum`` first, so a company ratio is Σ numerators / Σ denominators of its units;
* ``weighted``: the children's average weighted by a KPI per child (``rollup_weights``);
* ``min`` / ``max``: the lowest / highest child;
* ``formula``: ``rollup_formula`` over KPI codes (see :mod:`koers.kpis.formula`).

Frequencies are converted first: a child measured more often than its parent is combined per
parent period by the child's own rule (sum, average weighted by days, last value). A week
counts in the month (quarter, year) its Thursday falls in, as ISO 8601 counts weeks to years.
A child period is only counted when every one of its sub-periods is in. A ratio roll-up
measured more often than its parent counts as Σ numerator / Σ denominator of its parts.

A parent period where some children have no value yet gets the value of those that do
(``sum``, ``weighted``, ``min``, ``max``) and is provisional: :func:`reported` says "4 of 5".
``ratio`` and ``formula`` need every input; without one (or dividing by zero) the period has
no value, and :func:`explain` gives the reason.

Values are written with ``record_values(..., source=Source.ROLLUP)``, so they keep a history
like every value. ``recompute_ancestors`` is called by ``record_values`` for every other
source: it recomputes only the roll-ups above the changed KPIs, only for the changed periods.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import F
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from koers.periods import Period, period_range

from . import recording
from .formula import FormulaError, parse
from .models import (
    KPI,
    Aggregation,
    Feed,
    Measurement,
    RollupCoverage,
    RollupRule,
    Source,
    UnitOfMeasure,
)

SAME_UNIT_RULES = (RollupRule.SUM, RollupRule.WEIGHTED, RollupRule.MIN, RollupRule.MAX)
ORDER = {"week": 0, "month": 1, "quarter": 2, "year": 3}


def inputs_of(kpi: KPI) -> list[str]:
    """Every KPI code the roll-up reads: children, weights, the formula's codes."""
    codes = list(kpi.rollup_children or [])
    if kpi.rollup_rule == RollupRule.WEIGHTED:
        codes += list(kpi.rollup_weights or [])
    if kpi.rollup_rule == RollupRule.FORMULA and kpi.rollup_formula:
        try:
            codes += list(parse(kpi.rollup_formula).codes)
        except FormulaError:
            pass
    return list(dict.fromkeys(codes))


# -- checking a roll-up before it is saved ---------------------------------------------------


def find_cycle(graph: dict[str, list[str]], start: str) -> list[str] | None:
    """A path start → … → start through ``graph`` (code → codes it uses), or None."""
    stack = [(start, [start])]
    seen = set()
    while stack:
        node, path = stack.pop()
        for nxt in graph.get(node, []):
            if nxt == start:
                return path + [start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, path + [nxt]))
    return None


def rollup_errors(kpi: KPI) -> dict[str, str]:
    """What is wrong with ``kpi``'s roll-up settings, by field (empty: fine)."""
    if not kpi.rollup_rule:
        return {}
    errors: dict[str, str] = {}
    others = {
        k.code: k
        for k in KPI.objects.filter(organisation_id=kpi.organisation_id).exclude(pk=kpi.pk)
    }
    if kpi.rollup_rule == RollupRule.FORMULA:
        try:
            formula = parse(kpi.rollup_formula, set(others) | {kpi.code})
        except FormulaError as e:
            return {"rollup_formula": e.message(_lang())}
        children = list(formula.codes)
    else:
        children = list(kpi.rollup_children or [])
        if not children:
            return {"rollup_children": _("Name the KPIs it is rolled up from.")}
    unknown = [c for c in children + list(kpi.rollup_weights or []) if c not in others]
    if kpi.code in children:
        errors["rollup_children"] = _("A KPI cannot be rolled up from itself.")
    elif unknown:
        errors["rollup_children"] = _("Unknown KPI codes: %(codes)s.") % {
            "codes": ", ".join(unknown)
        }
    if errors:
        return errors
    kids = [others[c] for c in children]
    if kpi.rollup_rule == RollupRule.RATIO and len(kids) != 2:
        errors["rollup_children"] = _("A ratio needs two KPIs: the numerator and the denominator.")
    if kpi.rollup_rule == RollupRule.WEIGHTED and len(kpi.rollup_weights or []) != len(kids):
        errors["rollup_weights"] = _("Name one weighting KPI for every child.")
    if kpi.rollup_rule in SAME_UNIT_RULES:
        units = {(k.unit_of_measure, k.custom_unit) for k in kids}
        units.add((kpi.unit_of_measure, kpi.custom_unit))
        if len(units) > 1:
            errors["rollup_children"] = _(
                "These KPIs have different units of measure; this rule needs the same unit."
            )
    coarse = [k.code for k in kids if ORDER[k.frequency] > ORDER[kpi.frequency]]
    if coarse:
        errors["rollup_children"] = _(
            "Measured less often than this KPI: %(codes)s. Children must be measured at least "
            "as often as the KPI they roll up into."
        ) % {"codes": ", ".join(coarse)}
    graph = {code: inputs_of(k) for code, k in others.items() if k.rollup_rule}
    graph[kpi.code] = children
    cycle = find_cycle(graph, kpi.code)
    if cycle:
        errors["rollup_children"] = _("This makes a circle: %(cycle)s.") % {
            "cycle": " → ".join(cycle)
        }
    return errors


def _lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


# -- computing ----------------------------------------------------------------------------


def _anchor(period: Period) -> date:
    """The day that decides which coarser period a period counts in (a week: its Thursday)."""
    return period.start + timedelta(days=3) if period.frequency == "week" else period.start


def sub_periods(child_frequency: str, period: Period) -> list[Period]:
    """The child's periods that count in ``period`` (a period of the parent's frequency)."""
    first = Period.containing(period.start, child_frequency).previous()
    last = Period.containing(period.end, child_frequency).next()
    return [p for p in period_range(first, last) if period.contains(_anchor(p))]


def _combine(kpi: KPI, parts: list[tuple[Period, float | None]]) -> float | None:
    """One child's value for a parent period from its own periods (None: not all in)."""
    if not parts or any(v is None for _p, v in parts):
        return None
    if kpi.aggregation == Aggregation.SUM:
        return sum(v for _p, v in parts)
    if kpi.aggregation == Aggregation.LAST:
        return parts[-1][1]
    days = sum(p.days for p, _v in parts)
    return sum(v * p.days for p, v in parts) / days


def child_value(kpi: KPI, values: dict[date, float], period: Period, parts=None) -> float | None:
    """One input's value for ``period``. ``parts``: for a ratio roll-up measured more often,
    its numerator and denominator as ((KPI, values), (KPI, values)): once all its own periods
    are in, the longer period's ratio is Σ numerator / Σ denominator, not an average of
    ratios."""
    if kpi.frequency == period.frequency:
        return values.get(period.start)
    value = _combine(kpi, [(p, values.get(p.start)) for p in sub_periods(kpi.frequency, period)])
    if value is None or parts is None:
        return value
    (num, num_values), (den, den_values) = parts
    n, d = child_value(num, num_values, period), child_value(den, den_values, period)
    if n is None or not d:
        return value
    return n / d * (100 if kpi.unit_of_measure == UnitOfMeasure.PERCENT else 1)


def _ratio_parts_of(inputs: list[KPI], every: dict[str, KPI], frequency: str) -> dict:
    """The parts (numerator, denominator KPIs) of the ratio roll-ups among ``inputs`` measured
    more often than ``frequency``, by code."""
    out = {}
    for k in inputs:
        codes = list(k.rollup_children or [])[:2]
        fine = ORDER[k.frequency] < ORDER[frequency]
        if k.rollup_rule == RollupRule.RATIO and fine and len(codes) == 2:
            if all(c in every for c in codes):
                out[k.code] = (every[codes[0]], every[codes[1]])
    return out


def compute(kpi: KPI, inputs: dict[str, float | None]) -> tuple[float | None, int, int, str]:
    """The roll-up of one period from its inputs' values by code: (value, reported, total,
    reason when there is no value)."""
    rule = kpi.rollup_rule
    children = list(kpi.rollup_children or [])
    if rule == RollupRule.FORMULA:
        try:
            formula = parse(kpi.rollup_formula)
            children = list(formula.codes)
            value = formula.evaluate(inputs)
        except FormulaError as e:
            value, reason = None, e.message(_lang())
        else:
            reason = ""
        reported = sum(1 for c in children if inputs.get(c) is not None)
        return value, reported, len(children), reason
    known = [(c, inputs[c]) for c in children if inputs.get(c) is not None]
    reported, total = len(known), len(children)
    if not known:
        return None, 0, total, _("No child has a value yet.")
    if rule == RollupRule.SUM:
        return sum(v for _c, v in known), reported, total, ""
    if rule == RollupRule.MIN:
        return min(v for _c, v in known), reported, total, ""
    if rule == RollupRule.MAX:
        return max(v for _c, v in known), reported, total, ""
    if rule == RollupRule.RATIO:
        num, den = inputs.get(children[0]), inputs.get(children[1])
        if num is None or den is None:
            return None, reported, total, _("The numerator or denominator has no value yet.")
        if den == 0:
            return (
                None,
                reported,
                total,
                _("Division by zero: %(code)s is 0.") % {"code": children[1]},
            )
        factor = 100 if kpi.unit_of_measure == UnitOfMeasure.PERCENT else 1
        return num / den * factor, reported, total, ""
    weights = dict(zip(children, kpi.rollup_weights or [], strict=False))
    pairs = [(v, inputs.get(weights.get(c))) for c, v in known]
    pairs = [(v, w) for v, w in pairs if w is not None]
    if not pairs or not sum(w for _v, w in pairs):
        return None, reported, total, _("The weights have no value yet.")
    return sum(v * w for v, w in pairs) / sum(w for _v, w in pairs), reported, total, ""


def _load(kpis: list[KPI], first: date, last: date) -> dict[int, dict[date, float]]:
    out: dict[int, dict[date, float]] = defaultdict(dict)
    rows = Measurement.objects.filter(
        kpi_id__in=[k.pk for k in kpis], period_start__gte=first, period_start__lte=last
    ).values_list("kpi_id", "period_start", "value")
    for kpi_id, start, value in rows:
        out[kpi_id][start] = float(value)
    return out


def _parents_first(rollups: dict[str, KPI], changed: set[str]) -> list[KPI]:
    """The roll-ups above ``changed`` codes, each after every roll-up it reads."""
    users: dict[str, list[str]] = defaultdict(list)
    for code, kpi in rollups.items():
        for used in inputs_of(kpi):
            users[used].append(code)
    above, todo = set(), list(changed)
    while todo:
        for parent in users.get(todo.pop(), []):
            if parent not in above:
                above.add(parent)
                todo.append(parent)
    order: list[KPI] = []
    placed: set[str] = set()
    while len(placed) < len(above):
        ready = [
            c
            for c in above - placed
            if not any(i in above and i not in placed for i in inputs_of(rollups[c]))
        ]
        if not ready:  # a cycle slipped in: stop rather than loop
            break
        for c in sorted(ready):
            placed.add(c)
            order.append(rollups[c])
    return order


def recompute(organisation_id: int, changed: dict[str, set[date]] | None = None) -> int:
    """Recompute the roll-ups above the ``changed`` codes (code → period starts), only for
    those periods; with ``changed=None`` every roll-up of the organisation, every period.
    Returns how many roll-up KPIs were recomputed."""
    kpis = KPI.objects.filter(organisation_id=organisation_id).order_by()  # no unit join
    rollups = {k.code: k for k in kpis.filter(feed=Feed.ROLLUP).exclude(rollup_rule="")}
    if not rollups:
        return 0
    every = {k.code: k for k in kpis}
    every.update(rollups)
    if changed is None:
        order = _parents_first(rollups, set(every))
        stored = Measurement.objects.filter(organisation_id=organisation_id)
        dates = set(stored.values_list("period_start", flat=True).distinct())
        changed = {c: dates for c in every}
    else:
        order = _parents_first(rollups, set(changed))
    for parent in order:
        inputs = [every[c] for c in inputs_of(parent) if c in every]
        periods = sorted(
            {
                Period.containing(_anchor_of(k, start), parent.frequency)
                for k in inputs
                for start in changed.get(k.code, ())
                if _is_start(k, start)
            }
        )
        if not periods:
            continue
        ratio_parts = _ratio_parts_of(inputs, every, parent.frequency)
        extra = [k for pair in ratio_parts.values() for k in pair]
        values = _load(inputs + extra, periods[0].start - timedelta(days=7), periods[-1].end)
        parts = {
            code: tuple((k, values.get(k.pk, {})) for k in pair)
            for code, pair in ratio_parts.items()
        }
        writes, coverage = [], {}
        for period in periods:
            by_code = {
                k.code: child_value(k, values.get(k.pk, {}), period, parts.get(k.code))
                for k in inputs
            }
            value, got, total, _reason = compute(parent, by_code)
            stored = None if value is None else parent.quantize(_dec(value))
            writes.append(recording.ValueChange(parent, period.start, stored))
            coverage[period.start] = (got, total) if value is not None and got < total else None
        recording.record_values(writes, user=None, source=Source.ROLLUP)
        _store_coverage(parent, coverage)
        changed[parent.code] = {p.start for p in periods}
    return len(order)


def _store_coverage(parent: KPI, coverage: dict[date, tuple[int, int] | None]) -> None:
    """Keep the provisional periods of ``parent`` (start → (reported, total), None: complete
    or no value); a change of coverage alone raises the revision, so the verdict is redone."""
    rows = RollupCoverage.objects.filter(kpi=parent, period_start__in=list(coverage))
    before = {r.period_start: (r.reported, r.total) for r in rows}
    after = {start: pair for start, pair in coverage.items() if pair is not None}
    if before == after:
        return
    rows.delete()
    RollupCoverage.objects.bulk_create(
        RollupCoverage(
            organisation_id=parent.organisation_id,
            kpi=parent,
            period_start=start,
            reported=got,
            total=total,
        )
        for start, (got, total) in after.items()
    )
    KPI.objects.filter(pk=parent.pk).update(revision=F("revision") + 1)
    parent.revision += 1


def provisional(kpis) -> dict[int, dict[date, tuple[int, int]]]:
    """The provisional periods of these KPIs (roll-ups with children missing), by primary key:
    {kpi id: {period start: (reported, total)}}. One query, none without roll-up KPIs."""
    ids = [k.pk for k in kpis if k.rollup_rule and k.pk is not None]
    out: dict[int, dict[date, tuple[int, int]]] = {}
    if not ids:
        return out
    rows = RollupCoverage.objects.filter(kpi_id__in=ids).values_list(
        "kpi_id", "period_start", "reported", "total"
    )
    for kpi_id, start, got, total in rows:
        out.setdefault(kpi_id, {})[start] = (got, total)
    return out


def _is_start(kpi: KPI, start: date) -> bool:
    return Period.containing(start, kpi.frequency).start == start


def _anchor_of(kpi: KPI, start: date) -> date:
    return _anchor(Period.containing(start, kpi.frequency))


def _dec(value: float) -> Decimal:
    return Decimal(repr(round(value, 6)))


def recompute_ancestors(changes) -> None:
    """Called by ``record_values`` after it wrote ``changes`` (ValueChange items) from any
    source but a roll-up: recompute the roll-ups above them."""
    by_org: dict[int, dict[str, set[date]]] = defaultdict(lambda: defaultdict(set))
    for change in changes:
        by_org[change.kpi.organisation_id][change.kpi.code].add(change.period_start)
    for organisation_id, changed in by_org.items():
        recompute(organisation_id, dict(changed))


def reported(kpi: KPI, period: Period) -> tuple[int, int] | None:
    """How many of a roll-up's children have a value for ``period``: (4, 5) for "4 of 5"."""
    if not kpi.rollup_rule:
        return None
    codes = inputs_of(kpi) if kpi.rollup_rule == RollupRule.FORMULA else kpi.rollup_children
    kids = list(KPI.objects.filter(organisation_id=kpi.organisation_id, code__in=codes))
    values = _load(kids, period.start - timedelta(days=7), period.end)
    found = sum(1 for k in kids if child_value(k, values.get(k.pk, {}), period) is not None)
    return found, len(codes)


def missing_reasons(kpi: KPI, limit: int = 12) -> list[tuple[Period, str]]:
    """The latest periods (at most ``limit``, newest first) where some input of ``kpi`` has a
    value but the roll-up has none, each with the reason (a division by zero, a part missing):
    a missing value is explained, never an error. Three queries, none without a roll-up."""
    if not kpi.rollup_rule:
        return []
    kids = list(KPI.objects.filter(organisation_id=kpi.organisation_id, code__in=inputs_of(kpi)))
    if not kids:
        return []
    rows = Measurement.objects.filter(kpi_id__in=[k.pk for k in kids]).values_list(
        "kpi_id", "period_start", "value"
    )
    values: dict[int, dict[date, float]] = defaultdict(dict)
    for kpi_id, start, value in rows:
        values[kpi_id][start] = float(value)
    by_pk = {k.pk: k for k in kids}
    periods = {
        Period.containing(_anchor_of(by_pk[pk], start), kpi.frequency)
        for pk, starts in values.items()
        for start in starts
    }
    stored = set(kpi.measurements.values_list("period_start", flat=True))
    out: list[tuple[Period, str]] = []
    for period in sorted((p for p in periods if p.start not in stored), reverse=True):
        by_code = {k.code: child_value(k, values.get(k.pk, {}), period) for k in kids}
        value, _got, _total, reason = compute(kpi, by_code)
        if value is None and reason:
            out.append((period, reason))
        if len(out) >= limit:
            break
    return out


def recompute_kpi(kpi: KPI) -> None:
    """Recompute every period of one roll-up KPI (and the roll-ups above it): the periods its
    inputs have values for, and its own (a period no input covers any longer is emptied)."""
    codes = inputs_of(kpi)
    starts = set(
        Measurement.objects.filter(
            organisation_id=kpi.organisation_id, kpi__code__in=[*codes, kpi.code]
        ).values_list("period_start", flat=True)
    )
    recompute(kpi.organisation_id, {code: starts for code in codes})
