"""Did the action work? Compare the KPI's process before and after it.

The limits come from the points before the action started (the baseline); they are applied
to the points after it was completed (or, while it runs, after its start). A signal after the
action on one side — a point beyond the limits, three of four beyond the midline, a run of
eight — means the process shifted; the KPI's direction says whether that is better or worse.
The calculation is the trend engine's (``koers.trend.analyse`` with ``baseline=``).

``judge`` is pure (numbers in, verdict out, messages in Dutch and English); ``effect_of``
reads an action's KPI from the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from koers.numbers import format_number
from koers.trend import analyse

MIN_AFTER = 4  # fewer points after the action: too early to say
MIN_BASELINE = 6  # fewer points before it: no limits worth the name
MAX_BASELINE = 24  # the most recent points before the action form the baseline
NEEDED = {"outside_limits": 1, "three_of_four": 3, "run_of_eight": 8}

MESSAGES = {
    "improved": {
        "nl": "Het heeft gewerkt: sinds {since} ligt {kpi} duidelijk {side_nl} dan daarvoor "
        "({evidence_nl}; gemiddelde voor de actie {centre}, daarna {after_mean}). "
        "De KPI is de goede kant op gegaan.",
        "en": "It worked: since {since}, {kpi} has been clearly {side_en} than before "
        "({evidence_en}; average before the action {centre}, after it {after_mean}). "
        "The KPI moved in the right direction.",
    },
    "worsened": {
        "nl": "Sinds {since} ligt {kpi} duidelijk {side_nl} dan daarvoor ({evidence_nl}; "
        "gemiddelde voor de actie {centre}, daarna {after_mean}). De KPI is de verkeerde "
        "kant op gegaan.",
        "en": "Since {since}, {kpi} has been clearly {side_en} than before ({evidence_en}; "
        "average before the action {centre}, after it {after_mean}). The KPI moved the "
        "wrong way.",
    },
    "no_change_yet": {
        "nl": "Nog geen verandering: de {n} waarden sinds {since} blijven binnen wat {kpi} "
        "voor de actie ook deed ({lo} tot {hi}).",
        "en": "No change yet: the {n} values since {since} stay within what {kpi} did "
        "before the action ({lo} to {hi}).",
    },
    "too_early": {
        "nl": "Te vroeg om te zeggen: er {n_nl} sinds {since}; na {min} waarden is er "
        "een eerste oordeel.",
        "en": "Too early to say: {n_en} since {since}; a first judgement comes after {min} values.",
    },
    "short_baseline": {
        "nl": "Niet te beoordelen: er zijn maar {n} waarden van voor de actie; er zijn er "
        "minstens {min} nodig om te weten wat normaal was.",
        "en": "Cannot be judged: only {n} values from before the action; at least {min} are "
        "needed to know what was normal.",
    },
}
EVIDENCE = {
    "outside_limits": {"nl": "buiten de grenzen van voorheen", "en": "beyond the old limits"},
    "three_of_four": {
        "nl": "3 van 4 waarden ver van het oude gemiddelde",
        "en": "3 of 4 values far from the old average",
    },
    "run_of_eight": {
        "nl": "8 of meer waarden op rij aan één kant",
        "en": "a run of 8 or more on one side",
    },
}
SIDE = {"above": {"nl": "hoger", "en": "higher"}, "below": {"nl": "lager", "en": "lower"}}


@dataclass
class Effect:
    verdict: str  # improved | no_change_yet | worsened | too_early
    messages: dict[str, str]
    suggest_rebaseline: bool = False
    details: dict = field(default_factory=dict)

    def message(self, lang: str = "nl") -> str:
        return self.messages["en" if lang == "en" else "nl"]

    @property
    def paid_off(self) -> bool:
        return self.verdict == "improved"


def _num(value: float, decimals: int, lang: str) -> str:
    return format_number(round(value, decimals), decimals, lang)


def _fill(key: str, **params) -> dict[str, str]:
    out = {}
    for lang in ("nl", "en"):
        p = {k: (v[lang] if isinstance(v, dict) else v) for k, v in params.items()}
        out[lang] = MESSAGES[key][lang].format(**p)
    return out


def judge(
    before: list[float],
    after: list[float],
    *,
    direction: str = "higher",
    kpi_name: dict[str, str] | str = "",
    since: dict[str, str] | str = "",
    decimals: int = 1,
) -> Effect:
    """The effect from the values before the action and after it (both in period order)."""
    name = kpi_name if isinstance(kpi_name, dict) else {"nl": kpi_name, "en": kpi_name}
    since = since if isinstance(since, dict) else {"nl": since, "en": since}
    before = list(before)[-MAX_BASELINE:]
    details = {"before": len(before), "after": len(after)}
    if len(before) < MIN_BASELINE:
        msgs = {
            lang: MESSAGES["short_baseline"][lang].format(n=len(before), min=MIN_BASELINE)
            for lang in ("nl", "en")
        }
        return Effect("too_early", msgs, details={**details, "reason": "short_baseline"})
    if len(after) < MIN_AFTER:
        n = len(after)
        msgs = _fill(
            "too_early",
            n_nl=(
                "is nog geen waarde"
                if n == 0
                else f"is {n} waarde"
                if n == 1
                else f"zijn {n} waarden"
            ),
            n_en=("no value yet" if n == 0 else f"{n} value" if n == 1 else f"{n} values"),
            since=since,
            min=MIN_AFTER,
        )
        return Effect("too_early", msgs, details={**details, "reason": "too_few_after"})

    b = len(before)
    analysis = analyse(before + list(after), direction=direction, baseline=b)
    lim = analysis.limits
    centre, lo, hi = lim["centre"], lim["lnpl"], lim["unpl"]
    details.update(centre=centre, lnpl=lo, unpl=hi)
    shifts = []  # (last point, side, rule)
    for sig in analysis.signals:
        need = NEEDED.get(sig["rule"])
        if need is None:
            continue
        points_after = [p for p in sig["points"] if p >= b]
        if len(points_after) >= need:
            shifts.append((points_after[-1], sig["side"], sig["rule"]))
    after_mean = sum(after) / len(after)
    details["after_mean"] = after_mean
    if not shifts:
        msgs = _fill(
            "no_change_yet",
            n=len(after),
            since=since,
            kpi=name,
            lo={lang: _num(lo, decimals, lang) for lang in ("nl", "en")},
            hi={lang: _num(hi, decimals, lang) for lang in ("nl", "en")},
        )
        return Effect("no_change_yet", msgs, details=details)
    _last, side, rule = max(shifts, key=lambda s: (s[0], NEEDED[s[2]]))
    good_side = "above" if direction == "higher" else "below"
    verdict = "improved" if side == good_side else "worsened"
    details.update(side=side, rule=rule)
    msgs = _fill(
        verdict,
        since=since,
        kpi=name,
        side_nl=SIDE[side]["nl"],
        side_en=SIDE[side]["en"],
        evidence_nl=EVIDENCE[rule]["nl"],
        evidence_en=EVIDENCE[rule]["en"],
        centre={lang: _num(centre, decimals, lang) for lang in ("nl", "en")},
        after_mean={lang: _num(after_mean, decimals, lang) for lang in ("nl", "en")},
    )
    return Effect(verdict, msgs, suggest_rebaseline=True, details=details)


def effect_of(action, kpi) -> Effect:
    """The effect of ``action`` on ``kpi`` so far (meant for done actions; works for running ones).

    Baseline: the KPI's values for periods before the one the action started in.
    After: values for periods after the one it was completed in (or started in, while open).
    """
    from koers.periods import Period

    start = Period.containing(action.start_date, kpi.frequency)
    end_date = action.completed_on or action.start_date
    end = Period.containing(end_date, kpi.frequency)
    series = getattr(kpi, "series", None)
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
        since={lang: nxt.label(lang) for lang in ("nl", "en")},
        decimals=kpi.decimals,
    )
    effect.details.update(start=start, end=end, first_after=nxt)
    return effect
