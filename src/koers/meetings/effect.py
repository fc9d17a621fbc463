"""Did the action work? Compare the KPI's process before and after it.

The limits come from the points before the action started (the baseline); they are applied
to the points after it was completed (or, while it runs, after its start). A signal after the
action on one side — a point beyond the limits, three of four beyond the midline, a run of
eight — means the process shifted; the KPI's direction says whether that is better or worse.
The calculation is the trend engine's (``koers.trendengine.analyse`` with ``baseline=``).

``judge`` takes numbers and gives a verdict with the numbers behind it; ``Effect.message``
puts it into words (gettext) in the reader's language. ``effect_of`` reads an action's KPI.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.fields import current_lang
from koers.numbers import format_number
from koers.periods import Period
from koers.trendengine import analyse

MIN_AFTER = 4  # fewer points after the action: too early to say
MIN_BASELINE = 6  # fewer points before it: no limits worth the name
MAX_BASELINE = 24  # the most recent points before the action form the baseline
NEEDED = {"outside_limits": 1, "three_of_four": 3, "run_of_eight": 8}


def _evidence(rule: str) -> str:
    return {
        "outside_limits": _("beyond the old limits"),
        "three_of_four": _("3 of 4 values far from the old average"),
        "run_of_eight": _("a run of 8 or more on one side"),
    }[rule]


def _side(side: str) -> str:
    return _("higher") if side == "above" else _("lower")


def _num(value: float, decimals: int) -> str:
    return format_number(round(value, decimals), decimals, current_lang())


def _text(key: str, p: dict) -> str:
    """The message for ``key`` in the active language, from the numbers in ``p``."""
    since = p.get("since")
    since = since.label(current_lang()) if isinstance(since, Period) else (since or "")
    d = p.get("decimals", 1)
    if key == "short_baseline":
        return _(
            "Cannot be judged: only %(n)s values from before the action; at least %(min)s are "
            "needed to know what was normal."
        ) % {"n": p["n"], "min": MIN_BASELINE}
    if key == "too_early":
        n = p["n"]
        values = (
            _("no value yet") if n == 0 else ngettext("%(n)s value", "%(n)s values", n) % {"n": n}
        )
        return _(
            "Too early to say: %(values)s since %(since)s; a first judgement comes after "
            "%(min)s values."
        ) % {"values": values, "since": since, "min": MIN_AFTER}
    if key == "no_change_yet":
        return _(
            "No change yet: the %(n)s values since %(since)s stay within what %(kpi)s did "
            "before the action (%(lo)s to %(hi)s)."
        ) % {
            "n": p["n"],
            "since": since,
            "kpi": p["kpi"],
            "lo": _num(p["lo"], d),
            "hi": _num(p["hi"], d),
        }
    params = {
        "since": since,
        "kpi": p["kpi"],
        "side": _side(p["side"]),
        "evidence": _evidence(p["rule"]),
        "centre": _num(p["centre"], d),
        "after_mean": _num(p["after_mean"], d),
    }
    if key == "improved":
        return (
            _(
                "It worked: since %(since)s, %(kpi)s has been clearly %(side)s than before "
                "(%(evidence)s; average before the action %(centre)s, after it %(after_mean)s). "
                "The KPI moved in the right direction."
            )
            % params
        )
    return (
        _(
            "Since %(since)s, %(kpi)s has been clearly %(side)s than before (%(evidence)s; "
            "average before the action %(centre)s, after it %(after_mean)s). The KPI moved the "
            "wrong way."
        )
        % params
    )


@dataclass
class Effect:
    verdict: str  # improved | no_change_yet | worsened | too_early
    key: str  # which message: the verdict, or short_baseline
    params: dict = field(default_factory=dict)
    suggest_rebaseline: bool = False
    details: dict = field(default_factory=dict)

    def message(self, lang: str | None = None) -> str:
        """The effect in words, in ``lang`` (default: the active language)."""
        if lang is None:
            return _text(self.key, self.params)
        with translation.override(lang):
            return _text(self.key, self.params)

    @property
    def paid_off(self) -> bool:
        return self.verdict == "improved"


def _shift(before: list[float], after: list[float], direction: str):
    """The limits of ``before`` and the latest shift after the action: (limits, shift|None)."""
    b = len(before)
    analysis = analyse(before + list(after), direction=direction, baseline=b)
    shifts = []  # (last point, side, rule)
    for sig in analysis.signals:
        need = NEEDED.get(sig["rule"])
        if need is None:
            continue
        points_after = [p for p in sig["points"] if p >= b]
        if len(points_after) >= need:
            shifts.append((points_after[-1], sig["side"], sig["rule"]))
    shift = max(shifts, key=lambda s: (s[0], NEEDED[s[2]])) if shifts else None
    return analysis.limits, shift


def judge(
    before: list[float],
    after: list[float],
    *,
    direction: str = "higher",
    kpi_name: str = "",
    since: Period | str = "",
    decimals: int = 1,
) -> Effect:
    """The effect from the values before the action and after it (both in period order)."""
    before = list(before)[-MAX_BASELINE:]
    details = {"before": len(before), "after": len(after)}
    words = {"kpi": kpi_name, "since": since, "decimals": decimals}
    if len(before) < MIN_BASELINE:
        details["reason"] = "short_baseline"
        return Effect("too_early", "short_baseline", {"n": len(before)}, details=details)
    if len(after) < MIN_AFTER:
        details["reason"] = "too_few_after"
        return Effect("too_early", "too_early", {**words, "n": len(after)}, details=details)
    lim, shift = _shift(before, after, direction)
    centre, lo, hi = lim["centre"], lim["lnpl"], lim["unpl"]
    after_mean = sum(after) / len(after)
    details.update(centre=centre, lnpl=lo, unpl=hi, after_mean=after_mean)
    if shift is None:
        params = {**words, "n": len(after), "lo": lo, "hi": hi}
        return Effect("no_change_yet", "no_change_yet", params, details=details)
    _last, side, rule = shift
    good_side = "above" if direction == "higher" else "below"
    verdict = "improved" if side == good_side else "worsened"
    details.update(side=side, rule=rule)
    params = {**words, "side": side, "rule": rule, "centre": centre, "after_mean": after_mean}
    return Effect(verdict, verdict, params, suggest_rebaseline=True, details=details)


def effect_of(action, kpi, series: list | None = None) -> Effect:
    """The effect of ``action`` on ``kpi`` so far (meant for done actions; works for running ones).

    Baseline: the KPI's values for periods before the one the action started in.
    After: values for periods after the one it was completed in (or started in, while open).
    ``series``: the KPI's measurements in period order, when at hand (read otherwise).
    """
    start = Period.containing(action.start_date, kpi.frequency)
    end_date = action.completed_on or action.start_date
    end = Period.containing(end_date, kpi.frequency)
    if series is None:
        series = list(
            kpi.measurements.order_by("period_start").only("kpi_id", "period_start", "value")
        )
    before = [float(m.value) for m in series if m.period_start < start.start]
    after = [float(m.value) for m in series if m.period_start > end.start]
    nxt = end.next()
    effect = judge(
        before,
        after,
        direction=kpi.direction,
        kpi_name=kpi.name,
        since=nxt,
        decimals=kpi.decimals,
    )
    effect.details.update(start=start, end=end, first_after=nxt)
    return effect
