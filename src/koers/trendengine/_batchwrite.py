"""Writing the analyses of ``koers trend --batch`` as JSON lines, quickly.

Each line is exactly ``json.dumps({"series": name, **analysis.to_dict(lang, labels)},
ensure_ascii=False)`` (tests hold the two equal), but built per group of equal-length series:
the numeric parts (limits, segments, Mann-Kendall, Sen, change point, target) are formatted
once per column for all series of a group and filled into a template; the reasons come from
columns too (``_batchreason``) and only the signals are made per series. The cyclic garbage
collector is paused meanwhile: the objects made here hold no cycles, and its passes over the
many live ones cost more than the encoding.
"""

from __future__ import annotations

import gc
import json
import math
from contextlib import contextmanager
from json.encoder import encode_basestring

import numpy as np

from ._batchreason import Reasons
from ._options import ASSURANCE, EVIDENCE, FIRM_BASELINE, VERDICTS

_BLOCK = 2000  # lines per write
_encode = json.JSONEncoder(ensure_ascii=False).encode
_LINE = (
    '{"series": %s, "n": %d, "verdict": %s, "evidence": %s, "reason": %s, "limits": %s, '
    '"segments": %s, "signals": %s, "mann_kendall": %s, "sen_slope": %s, '
    '"seasonal_mann_kendall": %s, "change_point": %s, "target": %s}'
)


_SIGNAL = '{"rule": "%s", "points": [%s], "side": "%s", "meaning": "%s"}'
_SIDE = {1: "above", -1: "below"}


def _json(values: list) -> list[str]:
    """JSON texts of floats (None for null), as the json module writes them."""
    if None not in values:
        return list(map(float.__repr__, values))
    return ["null" if v is None else repr(v) for v in values]


def _json_column(g, arr) -> list[str]:
    """JSON texts of one value per series; a column of few distinct values (Mann-Kendall's S,
    its variance, the change point's K…) is formatted once per distinct value."""
    values = np.asarray(arr, float)
    if values.size < 64:
        return _json(g.floats(arr))
    distinct, inverse = np.unique(values.view(np.int64), return_inverse=True)
    if distinct.size * 2 > values.size:
        return _json(g.floats(arr))
    texts = [repr(v) if math.isfinite(v) else "null" for v in distinct.view(float).tolist()]
    return np.array(texts, dtype=object)[inverse.ravel()].tolist()


def _filled(template: str, columns: list[list[str]]) -> list[str]:
    return [template % row for row in zip(*columns, strict=True)]


def _fields(keys, template_head: str = "", template_tail: str = "") -> str:
    return "{" + template_head + ", ".join(f'"{k}": %s' for k in keys) + template_tail + "}"


def _segments(g) -> tuple[list[str], list[str]]:
    """(limits, segments) JSON per series of group ``g``."""
    per_segment, texts = [], []
    for k, st in enumerate(g.seg_stats):
        cols = g.seg_lists(k)
        texts = [_json(col) for col in cols.values()]
        head = f'"start": {st["start"]}, "end": {st["end"]}, '
        per_segment.append(_filled(_fields(cols, head), texts))
    last = g.seg_stats[-1]  # the limits are the last segment's, with its baseline
    base = [last["start"], last["start"] + last["baseline"]]
    firm = _encode(last["baseline"] < FIRM_BASELINE)
    tail = f', "baseline": {_encode(base)}, "provisional": {firm}'
    limits = _filled(_fields(g.seg_lists(len(g.seg_stats) - 1), "", tail), texts)
    segments = ["[" + ", ".join(parts) + "]" for parts in zip(*per_segment, strict=True)]
    return limits, segments


def _stats(g, source: dict | None, keys) -> list[str]:
    if source is None:
        return ["null"] * g.m
    return _filled(_fields(keys), [_json_column(g, source[k]) for k in keys])


def _change_points(g) -> list[str]:
    pt = g.pettitt
    if pt is None:
        return ["null"] * g.m
    k, p = _json_column(g, pt["k"]), _json_column(g, pt["p"])
    found = (pt["k"] != 0).tolist()
    index = pt["index"].tolist()
    return [
        f'{{"index": {int(i)}, "k": {kk}, "p": {pp}}}' if f else "null"
        for f, i, kk, pp in zip(found, index, k, p, strict=True)
    ]


def _targets(g) -> list[str]:
    if g.o.target is None:
        return ["null"] * g.m
    value = _encode(g.o.target)
    words = [_encode(ASSURANCE[a] if a >= 0 else None) for a in range(-1, len(ASSURANCE))]
    return [f'{{"value": {value}, "assurance": {words[a + 1]}}}' for a in g.assurance.tolist()]


class _GroupText:
    """The JSON parts of every series of one group that need no per-series Python work."""

    def __init__(self, g, lang: str):
        self.g = g
        self.reasons = Reasons(g, lang)
        self.verdict = [f'"{VERDICTS[v]}"' for v in g.verdict.tolist()]
        words = [_encode(e) for e in EVIDENCE]
        self.evidence = [words[v] for v in g.evidence.tolist()]
        self.limits, self.segments = _segments(g)
        self.mk = _stats(g, g.mk, ("s", "var_s", "z", "p", "tau"))
        self.sen = _stats(g, g.mk, ("slope", "low", "high"))
        self.smk = _stats(g, g.smk, ("s", "var_s", "z", "p", "slope"))
        self.change = _change_points(g)
        self.target = _targets(g)
        self.records = g.signals()
        self.meaning = {g.good: "improvement", -g.good: "concern"}

    def signals(self, row: int) -> str:
        parts = [
            _SIGNAL % (rule, ", ".join(map(str, pts)), _SIDE[side], self.meaning[side])
            for rule, pts, side in self.records[row]
        ]
        return "[" + ", ".join(parts) + "]"

    def line(self, name: str, row: int, labels) -> str:
        return _LINE % (
            encode_basestring(name),
            self.g.n,
            self.verdict[row],
            self.evidence[row],
            encode_basestring(self.reasons(row, labels)),
            self.limits[row],
            self.segments[row],
            self.signals(row),
            self.mk[row],
            self.sen[row],
            self.smk[row],
            self.change[row],
            self.target[row],
        )


def json_lines(names, result, labels, lang: str):
    """One JSON text per series of ``result`` (a BatchResult), in order."""
    texts: dict[int, _GroupText] = {}
    for name, (gi, row), lab in zip(names, result._where, labels, strict=True):
        group = texts.get(gi)
        if group is None:
            group = texts[gi] = _GroupText(result._groups[gi], lang)
        yield group.line(name, row, lab)


@contextmanager
def paused_gc():
    """The cyclic garbage collector paused (as it was before, afterwards): a batch makes many
    objects without cycles, and the collector's passes over them cost more than they free."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def write_lines(out, names, result, labels, lang: str) -> None:
    """Write one JSON line per (name, analysis, labels) to the text stream ``out``."""
    with paused_gc():
        block: list[str] = []
        for line in json_lines(names, result, labels, lang):
            block.append(line)
            if len(block) == _BLOCK:
                out.write("\n".join(block) + "\n")
                block = []
        if block:
            out.write("\n".join(block) + "\n")
