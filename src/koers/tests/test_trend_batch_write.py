"""`koers trend --batch` writes reasons made from columns (stable, signals, notes, numbers
formatted per column): every line still equals json.dumps of analyse()'s dict, on series
that reach every kind of reason, in both languages, with and without period labels."""

import json
import math

import numpy as np
import pytest

from koers.trendengine import analyse_batch
from koers.trendengine._batchreason import Reasons
from koers.trendengine._batchwrite import json_lines
from koers.trendengine._text import decimals_column, decimals_for, format_number, format_numbers


def varied_series(seed: int, count: int = 270) -> list[np.ndarray]:
    """Noise, steps, drifts, ties, constants, tiny and huge levels, a last outlier, seasons."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(count):
        n = int(rng.choice([5, 6, 12, 24, 36, 40, 60]))
        x = rng.normal(50, 5, size=n)
        kind = i % 9
        if kind == 1:
            x[n // 2 :] += rng.choice([-15, 15])
        elif kind == 2:
            x += 0.6 * np.arange(n) * rng.choice([-1, 1])
        elif kind == 3:
            x = np.round(x)
        elif kind == 4:
            x = np.full(n, 7.0)
        elif kind == 5:
            x = rng.normal(0, 0.002, size=n)
        elif kind == 6:
            x = rng.normal(1e6, 2e5, size=n)
        elif kind == 7:
            x = np.abs(rng.normal(1, 1, size=n))
            x[-1] += 8
        elif kind == 8:
            x = 5 * np.sin(np.arange(n) * 2 * np.pi / 12) + rng.normal(50, 1, size=n)
        out.append(np.round(x, int(rng.choice([0, 1, 2, 3]))))
    return out


OPTIONS = [
    {},
    {"direction": "lower", "target": 50},
    {"target": 51.25},
    {"trended": True, "rebaseline_at": (20,)},
    {"spread": "median", "lower_bound": 0.0},
    {"baseline": 8, "robust": False, "lower_bound": 45},
]


@pytest.mark.parametrize("options", OPTIONS)
def test_it_writes_column_made_reasons_as_json_dumps_of_to_dict(options):
    series = varied_series(len(str(options)))
    shortest = 40 if "rebaseline_at" in options else options.get("baseline", 0)
    series = [x for x in series if x.size >= shortest]
    result = analyse_batch(series, **options)
    names = [f"s{i}" for i in range(len(series))]
    for labels in (
        [[f"2024-{k:02d}" for k in range(x.size)] for x in series],
        [None] * len(series),
        [[f"p{k}" for k in range(x.size // 2)] for x in series],  # too short: "punt i"
    ):
        for lang in ("nl", "en"):
            got = list(json_lines(names, result, labels, lang))
            want = [
                json.dumps({"series": n, **a.to_dict(lang, labels=lab)}, ensure_ascii=False)
                for n, a, lab in zip(names, result, labels, strict=True)
            ]
            assert got == want


def test_it_makes_most_reasons_from_columns_and_every_kind_of_them():
    result = analyse_batch(varied_series(7, 540), target=50, lower_bound=45)
    kinds = {"fallback": 0, "whole": 0, "named": 0}
    texts = []
    for g in result._groups:
        for part in Reasons(g, "en").parts:
            key = "fallback" if part is None else "whole" if isinstance(part, str) else "named"
            kinds[key] += 1
            if part is not None:
                texts.append(part if isinstance(part, str) else part[0] + part[3])
    assert kinds["whole"] + kinds["named"] > 3 * kinds["fallback"]
    joined = "\n".join(texts)
    for words in ("Within its normal range of", "no lower limit", "Looks seasonal", "Target ",
                  "periods in a row", "of the 4 periods", "rests on a single value"):  # fmt: skip
        assert words in joined


def test_it_formats_a_column_as_format_number_does():
    rng = np.random.default_rng(11)
    values = [0.25, -0.25, 1.5, 2.5, -0.004, -0.0, 1e16, 1.2e-5, 1234567.125, float("nan"), None]
    values += rng.normal(0, 1000, 300).round(3).tolist() + (rng.normal(0, 1, 300) / 7).tolist()
    decimals = [k % 5 for k in range(len(values))]
    for lang in ("nl", "en", "de"):
        want = [format_number(v, d, lang) for v, d in zip(values, decimals, strict=True)]
        assert format_numbers(values, decimals, lang) == want
    spreads = np.array([0.1, 1.0, 10.0, 0.001, 1e-9, 0.0, -1.0, np.nan, np.inf, 0.0999999, 123.0])
    assert decimals_column(spreads) == [
        decimals_for(v if math.isfinite(v) else float("nan")) for v in spreads.tolist()
    ]


def test_it_writes_a_large_group_of_tied_series_as_json_dumps_of_to_dict():
    # 300 series of one length, rounded to whole numbers: Mann-Kendall's S, its variance and
    # the change point's K repeat, so those columns are formatted once per distinct value.
    rng = np.random.default_rng(21)
    x = np.round(rng.normal(20, 3, size=(300, 36)))
    x[::3, 24:] += 6
    x[1::3] += 0.3 * np.arange(36)
    x[5] = 4.0  # constant: no spread, no limits
    result = analyse_batch(x, target=21)
    names = [f"k{i}" for i in range(len(x))]
    labels = [[f"m{k}" for k in range(36)]] * len(x)
    want = [
        json.dumps({"series": n, **a.to_dict("en", labels=lab)}, ensure_ascii=False)
        for n, a, lab in zip(names, result, labels, strict=True)
    ]
    assert list(json_lines(names, result, labels, "en")) == want
