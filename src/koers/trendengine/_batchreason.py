"""The reasons of every series of one group at once, for ``koers trend --batch``.

Each is exactly ``Analysis.reason(lang, labels)`` (tests hold the two equal), but made from
columns for the common cases: a stable series, a signal beyond a limit, 3 of 4 or a run of 8,
"looks seasonal", and the notes (single value, provisional limits, target). The numbers they
quote are formatted per column (:func:`~koers.trendengine._text.format_numbers`) and the
sentences filled once per series; only the period name of a signal is looked up per series,
since the labels belong to the series. Everything else (too few points, a drift, a KPI marked
seasonal, a language other than nl/en) is left to ``Analysis.reason``.
"""

from __future__ import annotations

import numpy as np

from . import _text as T
from ._analysis import Analysis, period_name
from ._options import _RULE_ORDER, ASSURANCE, FIRM_BASELINE, RULES

_OUTSIDE = _RULE_ORDER["outside_limits"]
_SLOT = "\x00"  # where the period name goes, in a sentence made before the labels are known


class Reasons:
    """``reasons(row, labels)``: the reason of series ``row`` of group ``g`` in ``lang``."""

    def __init__(self, g, lang: str):
        self.g, self.lang = g, lang
        fast = lang in ("nl", "en") and not g.o.season_length
        self.parts = _parts(g, lang) if fast else [None] * g.m

    def __call__(self, row: int, labels) -> str:
        part = self.parts[row]
        if part is None:
            return Analysis(self.g, row).reason(self.lang, labels)
        if part.__class__ is str:
            return part
        head, i, cap, tail = part
        when = period_name(i, self.lang, labels)
        if cap:
            when = when[:1].upper() + when[1:]
        return head + when + tail


def _words(lang: str):
    table = T._T

    def text(key: str) -> str:
        return table[key][lang]

    return text


def _parts(g, lang: str) -> list:
    """Per series: its reason (str), (head, point, capitalise, tail) around a period name,
    or None (left to Analysis.reason)."""
    last = g.seg_stats[-1]
    dec = T.decimals_column(last["mr_bar"])
    notes = _notes(g, lang, dec)
    parts: list = [None] * g.m
    decided = g.verdict != 0
    likely = decided & g._looks_seasonal()
    seasonal_text = _words(lang)("likely_seasonal")
    for r in np.flatnonzero(likely).tolist():
        parts[r] = seasonal_text + notes[r]
    rest = decided & ~likely
    _stable(g, lang, dec, notes, np.flatnonzero(rest & (g.evidence == 0)), parts)
    _signals(g, lang, dec, notes, np.flatnonzero(rest & (g.evidence == 1)), parts)
    return parts


def _notes(g, lang: str, dec: list[int]) -> list[str]:
    """Per series: the notes after the verdict sentence, each with a leading space."""
    text = _words(lang)
    n = g.n
    side = g.v_side
    single = (g.evidence == 1) & (g.v_rule == _OUTSIDE) & (g.v_last == n - 1)
    again = (g.r2[:, -1] == side) | (g.r3[:, -1] == side)
    if n > 1:
        again |= g.r1[:, -2] == side
    single &= ~again
    last = g.seg_stats[-1]
    common = ""
    if last["baseline"] < FIRM_BASELINE:
        common = " " + text("provisional").format(b=last["baseline"])
    one = " " + text("single_value")
    notes = [one + common if s else common for s in single.tolist()]
    if g.o.target is not None:
        sentences = {a: text(key) for a, key in enumerate(ASSURANCE)}
        targets = {d: T.format_numbers([g.o.target], [d], lang)[0] for d in set(dec)}
        for r, a in enumerate(g.assurance.tolist()):
            if a >= 0:
                notes[r] += " " + sentences[a].format(t=targets[dec[r]])
    return notes


def _stable(g, lang: str, dec: list[int], notes: list[str], rows: np.ndarray, parts) -> None:
    text = _words(lang)
    last = g.seg_stats[-1]
    rows_l = rows.tolist()
    decs = [dec[r] for r in rows_l]
    lo = T.format_numbers(last["lnpl"][rows].tolist(), decs, lang)
    hi = T.format_numbers(last["unpl"][rows].tolist(), decs, lang)
    has_lo = np.isfinite(last["lnpl"][rows]).tolist()
    has_hi = np.isfinite(last["unpl"][rows]).tolist()
    stable, no_lower = text("stable"), text("stable_range")
    no_limits, up_to = text("stable_no_limits"), text("range_no_lower")
    for k, r in enumerate(rows_l):
        if not has_hi[k]:
            sentence = no_limits
        elif not has_lo[k]:
            sentence = no_lower.format(range=up_to.format(hi=hi[k]))
        else:
            sentence = stable.format(lo=lo[k], hi=hi[k])
        parts[r] = sentence + notes[r]


def _verdict_points(g, rows: list[int]) -> tuple[list[int], list[int], list[int]]:
    """(first point, last point, points within the last four) of each row's verdict signal:
    the signal of the verdict's rule and side holding its last point, as Analysis finds it."""
    records = g.signals()
    first, last, recent = [], [], []
    rules, sides, lasts = g.v_rule.tolist(), g.v_side.tolist(), g.v_last.tolist()
    for r in rows:
        rule, side, at = RULES[rules[r]], sides[r], lasts[r]
        pts = [at]
        if rule != "outside_limits":
            for s_rule, s_pts, s_side in reversed(records[r]):
                if s_rule == rule and s_side == side and at in s_pts:
                    pts = s_pts
                    break
        end = pts[-1]
        first.append(pts[0])
        last.append(end)
        recent.append(len(pts) if rule == "run_of_eight" else sum(end - 3 <= p for p in pts))
    return first, last, recent


def _signals(g, lang: str, dec: list[int], notes: list[str], rows: np.ndarray, parts) -> None:
    text = _words(lang)
    rows_l = rows.tolist()
    first, last, recent = _verdict_points(g, rows_l)
    cols = np.asarray(last, np.int64)
    decs = [dec[r] for r in rows_l]
    lnpl = g.lnpl[rows, cols]
    lo = T.format_numbers(lnpl.tolist(), decs, lang)
    hi = T.format_numbers(g.unpl[rows, cols].tolist(), decs, lang)
    cl = T.format_numbers(g.centre[rows, cols].tolist(), decs, lang)
    has_lo = np.isfinite(lnpl).tolist()
    good = (g.v_side[rows] == g.good).tolist()
    better = {True: text("better"), False: text("worse")}
    line = text("trend_line" if g.o.trended else "average")
    rules = g.v_rule[rows].tolist()
    for k, r in enumerate(rows_l):
        rule, b = RULES[rules[k]], better[good[k]]
        if rule == "outside_limits":
            if has_lo[k]:
                s = text(rule).format(When=_SLOT, better=b, lo=lo[k], hi=hi[k])
            else:
                span = text("range_no_lower").format(hi=hi[k])
                s = text("outside_range").format(When=_SLOT, better=b, range=span)
            at, cap = last[k], True
        elif rule == "run_of_eight":
            s = text(rule).format(k=recent[k], better=b, line=line, cl=cl[k], since=_SLOT)
            at, cap = first[k], False
        else:
            s = text(rule).format(k=recent[k], when=_SLOT, better=b, cl=cl[k])
            at, cap = last[k], False
        head, _, tail = s.partition(_SLOT)
        parts[r] = (head, at, cap, tail + notes[r])
