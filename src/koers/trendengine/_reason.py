"""The verdict in plain words: one sentence for what decided it, then notes (limits, target)."""

from __future__ import annotations

import numpy as np

from . import _text as T
from ._options import MIN_FOR_VERDICT


class _Words:
    """Numbers, period names and 'better/worse' for one analysis in one language."""

    def __init__(self, a, lang: str, labels=None):
        self.a, self.lang, self.labels = a, lang, labels
        mr_bar = a.limits["mr_bar"]
        self.decimals = T.decimals_for(mr_bar if mr_bar is not None else np.nan)

    def text(self, key: str, **params) -> str:
        return T.text(key, self.lang, **params)

    def num(self, value) -> str:
        return T.format_number(value, self.decimals, self.lang)

    def when(self, i: int) -> str:
        return self.a._when(i, self.lang, self.labels)

    def better(self, side_is_good: bool) -> str:
        return self.text("better" if side_is_good else "worse")


def _too_few(a, w: _Words) -> str:
    s, e, _b = a._g.segs[-1]
    if len(a._g.segs) > 1 and a.n >= MIN_FOR_VERDICT:
        return w.text("too_few_since", when=w.when(s), k=e - s)
    return w.text("too_few", k=a.n)


def _range(a, w: _Words, i: int | None = None) -> str:
    """'lo–hi', or 'up to hi, no lower limit' when the lower limit is below the bound."""
    lo = a.at("lnpl", i) if i is not None else a.limits["lnpl"]
    hi = a.at("unpl", i) if i is not None else a.limits["unpl"]
    if lo is None:
        return w.text("range_no_lower", hi=w.num(hi))
    return f"{w.num(lo)}–{w.num(hi)}"


def _adjusted(a) -> list | None:
    """The seasonally adjusted values when the KPI is marked seasonal and they exist."""
    return a.adjusted if a._g.o.season_length else None


def quote(a, w: _Words, i: int) -> str | None:
    """'gecorrigeerd voor seizoen: 2.310' for point ``i`` of a seasonal KPI, else None: the
    one place that words it, for every sentence that quotes limits, the centre line or the
    charted (adjusted) values of a seasonal KPI."""
    adjusted = _adjusted(a)
    if adjusted is None:
        return None
    return f"{w.text('seasonally')}: {w.num(adjusted[i])}"


def _outside_limits(a, w: _Words, sig: dict, good: bool) -> str:
    last = sig["points"][-1]
    when = w.when(last)
    when = when[:1].upper() + when[1:]
    seasonal = quote(a, w, last)
    if seasonal is not None:
        when = w.text("adjusted", When=when, quote=seasonal)
    if seasonal is None and a.at("lnpl", last) is not None:
        return w.text(
            "outside_limits",
            When=when,
            better=w.better(good),
            lo=w.num(a.at("lnpl", last)),
            hi=w.num(a.at("unpl", last)),
        )
    return w.text("outside_range", When=when, better=w.better(good), range=_range(a, w, last))


def _run_of_eight(a, w: _Words, sig: dict, good: bool) -> str:
    pts = sig["points"]
    seasonal = quote(a, w, pts[-1])
    words = {
        "k": len(pts),
        "better": w.better(good),
        "line": w.text("trend_line" if a._g.o.trended else "average"),
        "cl": w.num(a.at("centre", pts[-1])),
        "since": w.when(pts[0]),
    }
    if seasonal is None:
        return w.text("run_of_eight", **words)
    return w.text("adjusted_run", value=w.num(a.at("X", pts[-1])), quote=seasonal, **words)


def _three_of_four(a, w: _Words, sig: dict, good: bool) -> str:
    pts = sig["points"]
    last = pts[-1]
    seasonal = quote(a, w, last)
    words = {
        "k": sum(1 for p in pts if last - 3 <= p <= last),
        "when": w.when(last),
        "better": w.better(good),
        "cl": w.num(a.at("centre", last)),
    }
    if seasonal is None:
        return w.text("three_of_four", **words)
    return w.text("adjusted_three_of_four", value=w.num(a.at("X", last)), quote=seasonal, **words)


def _moving_range(a, w: _Words, sig: dict, good: bool) -> str:
    first, second = sig["points"]
    y = a._g.Y[a._r]
    words = {
        "jump": w.text("rise" if sig["side"] == "above" else "drop"),
        "a": w.num(y[first]),
        "b": w.num(y[second]),
        "when": w.when(second),
        "good": w.text("for_better" if good else "for_worse"),
    }
    if _adjusted(a) is None:
        return w.text("moving_range", **words)
    return w.text("adjusted_jump", seasonally=w.text("seasonally"), **words)


_SIGNAL_SENTENCES = {
    "outside_limits": _outside_limits,
    "run_of_eight": _run_of_eight,
    "three_of_four": _three_of_four,
    "moving_range": _moving_range,
}


def _signal(a, w: _Words) -> str:
    sig = a.verdict_signal
    good = sig["meaning"] == "improvement"
    return _SIGNAL_SENTENCES[sig["rule"]](a, w, sig, good)


def _drift(a, w: _Words) -> str:
    dr = a.drift
    slope = dr["slope"]
    return w.text(
        "drift",
        better=w.better(np.sign(dr["s"]) == a._g.good),
        k=a.n - dr["start"],
        slope=("+" if slope > 0 else "") + w.num(slope),
    )


def _stable(a, w: _Words) -> str:
    lim = a.limits
    if lim["unpl"] is None:
        return w.text("stable_no_limits")
    seasonal = quote(a, w, -1)
    if seasonal is not None:
        value = w.num(a.at("X", -1))
        return w.text("stable_adjusted", value=value, quote=seasonal, range=_range(a, w))
    if lim["lnpl"] is None:
        return w.text("stable_range", range=_range(a, w))
    return w.text("stable", lo=w.num(lim["lnpl"]), hi=w.num(lim["unpl"]))


def _verdict_sentence(a, w: _Words) -> str:
    if a.verdict == "insufficient_data":
        return _too_few(a, w)
    if a.likely_seasonal:
        return w.text("likely_seasonal")
    if a.evidence == "signal":
        return _signal(a, w)
    if a.evidence == "drift":
        return _drift(a, w)
    return _stable(a, w)


def _notes(a, w: _Words) -> list[str]:
    notes = [w.text("single_value")] if a.single_value else []
    lim = a.limits
    if a.verdict != "insufficient_data" and lim["provisional"]:
        notes.append(w.text("provisional", b=lim["baseline"][1] - lim["baseline"][0]))
    tgt = a.target
    if tgt is not None and tgt["assurance"] is not None:
        notes.append(w.text(tgt["assurance"], t=w.num(tgt["value"])))
    return notes


def reason(a, lang: str = "nl", labels=None) -> str:
    """Plain words for analysis ``a``'s verdict (and the target, second)."""
    w = _Words(a, lang, labels)
    return " ".join([_verdict_sentence(a, w), *_notes(a, w)])
