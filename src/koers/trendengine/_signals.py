"""The signals of every series of a group at once: (rule, points, side) records per series.

One pass per rule over the group's rule arrays (``np.nonzero``) instead of one per series;
:class:`~koers.trendengine._analysis.Analysis` turns one series' records into dicts and the
batch writer into JSON text, so both list the very same signals in the same order: by last
point, then rule (``RULES`` order), then first point.

* beyond a limit: one point each;
* 3 of 4: overlapping firing windows on the same side form one signal, whose points are the
  points beyond the midline on that side;
* run of 8: the points of one run;
* sudden jump: the two points of the jump.
"""

from __future__ import annotations

from itertools import repeat
from operator import itemgetter

import numpy as np

from ._options import _RULE_ORDER


def _points(g, arr: np.ndarray, rule: str, items: list, span: int) -> None:
    """The one-point (beyond a limit) or two-point (sudden jump) signals of ``arr``."""
    rows, cols = np.nonzero(arr)
    last = cols.tolist()
    first = (cols - span).tolist()
    pts = [[c] for c in last] if span == 0 else [[f, c] for f, c in zip(first, last, strict=True)]
    n, order = len(last), _RULE_ORDER[rule]
    columns = (rows.tolist(), last, repeat(order, n), first, repeat(rule, n), pts)
    items.extend(zip(*columns, arr[rows, cols].tolist(), strict=True))


def _beyond(g, items: list) -> None:
    _points(g, g.r1, "outside_limits", items, 0)


def _three_of_four(g, items: list) -> None:
    rows, cols = np.nonzero(g.r2_fire)
    if not rows.size:
        return
    order = _RULE_ORDER["three_of_four"]
    sides = g.r2_fire[rows, cols].tolist()
    windows: dict[tuple[int, int], list[list[int]]] = {}
    for r, k, side in zip(rows.tolist(), cols.tolist(), sides, strict=True):
        groups = windows.setdefault((r, side), [])
        if groups and k - 3 <= groups[-1][1]:
            groups[-1][1] = k
        else:
            groups.append([k - 3, k])
    for (r, side), groups in windows.items():
        r2 = g.r2[r].tolist()
        for a, b in groups:
            pts = [i for i in range(a, b + 1) if r2[i] == side]
            items.append((r, pts[-1], order, pts[0], "three_of_four", pts, side))


def _runs(g, items: list) -> None:
    rows, cols = np.nonzero(g.r3)
    if not rows.size:
        return
    order = _RULE_ORDER["run_of_eight"]
    run = g.r3_run[rows, cols]
    cut = np.flatnonzero((np.diff(rows) != 0) | (np.diff(run) != 0)) + 1
    bounds = np.concatenate(([0], cut, [rows.size])).tolist()
    cols_l, rows_l, sides = cols.tolist(), rows.tolist(), g.r3[rows, cols].tolist()
    for a, b in zip(bounds[:-1], bounds[1:], strict=True):
        pts = cols_l[a:b]
        items.append((rows_l[a], pts[-1], order, pts[0], "run_of_eight", pts, sides[a]))


def _jumps(g, items: list) -> None:
    _points(g, g.r4, "moving_range", items, 1)


def signal_records(g) -> list[list[tuple[str, list[int], int]]]:
    """Per series of group ``g``: its signals as (rule, points, side), in order."""
    items: list = []
    for add in (_beyond, _three_of_four, _runs, _jumps):
        add(g, items)
    items.sort(key=itemgetter(0, 1, 2, 3))
    out: list[list] = [[] for _ in range(g.m)]
    for item in items:
        out[item[0]].append(item[4:])
    return out
