"""`koers trend --batch`: the vectorised reader reads what the careful one reads (Dutch and
English numbers, thousands, grouping), leaves everything else to it, and bad lines still get
the message that names the line; the JSON lines equal analyse()'s dicts."""

import io
import json

import numpy as np
import pytest

from koers.numbers import NumberError, parse_number
from koers.trendengine import analyse, analyse_batch
from koers.trendengine._batchread import read_fast
from koers.trendengine._batchwrite import json_lines
from koers.trendengine.cli import _read_batch_careful, main


def run(argv, text=""):
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, io.StringIO(text), out, err)
    return code, out.getvalue(), err.getvalue()


def long_csv(rows, header="reeks;periode;waarde", delim=";"):
    return header + "\n" + "".join(delim.join(r) + "\n" for r in rows)


def as_lists(batch):
    return (
        batch.names,
        [list(map(float, v)) for v in batch.values],
        [[lab[i] for i in range(len(lab))] for lab in batch.labels],
    )


def test_it_reads_dutch_numbers_with_thousands_vectorised():
    cells = ["1.234,5", "12,5", "-3,25", "1.000.000", "0,5", "7", "2.310,0"]
    text = long_csv([("A", f"2026-{k + 1:02d}", c) for k, c in enumerate(cells)])
    fast = read_fast(text)
    assert fast is not None
    assert fast.values[0].tolist() == [1234.5, 12.5, -3.25, 1e6, 0.5, 7.0, 2310.0]
    assert as_lists(fast) == as_lists(_read_batch_careful(text))


def test_it_reads_english_numbers_with_thousands_vectorised():
    cells = ["1,234.5", "12.5", "-3.25", "1,000,000", "0.5", "7", "2,310.0"]
    text = long_csv([("A", str(k), c) for k, c in enumerate(cells)], "series;period;value")
    fast = read_fast(text)
    assert fast is not None
    assert fast.values[0].tolist() == [1234.5, 12.5, -3.25, 1e6, 0.5, 7.0, 2310.0]
    assert as_lists(fast) == as_lists(_read_batch_careful(text))


def test_it_settles_an_ambiguous_cell_by_the_rest_of_the_column():
    dutch = long_csv([("A", "1", "1.234"), ("A", "2", "1,5")])
    english = long_csv([("A", "1", "1,234"), ("A", "2", "1.5")])
    assert read_fast(dutch).values[0].tolist() == [1234.0, 1.5]
    assert read_fast(english).values[0].tolist() == [1234.0, 1.5]


def test_it_groups_rows_by_series_in_order_of_first_appearance():
    text = long_csv([("B", "1", "2"), ("A", "1", "5"), ("B", "2", "3"), ("A", "2", ""),
                     ("A", "3", "6"), ("C", "1", "")])  # fmt: skip
    fast = read_fast(text)
    assert fast.names == ["B", "A"]  # C has no value at all, A's empty cell is a gap
    assert [v.tolist() for v in fast.values] == [[2.0, 3.0], [5.0, 6.0]]
    assert [fast.labels[1][i] for i in range(2)] == ["1", "3"]
    assert as_lists(fast) == as_lists(_read_batch_careful(text))


@pytest.mark.parametrize(
    "text",
    [
        'series,period,value\nA,1,"1,5"\n',  # quoting
        "series;period;value\nA;1; 1,5\n",  # spaces
        "series;period;value\nA;1;12,5%\n",  # a unit
        "series;period;value\nA;1;+3\n",  # a plus sign
        "series;period;value\nA;1;3\n\nA;2;4\n",  # a blank line
        "series;period;value\nA;1;3;x\n",  # a row wider than the header
    ],
)
def test_it_leaves_other_forms_to_the_careful_reader(text):
    assert read_fast(text) is None
    assert _read_batch_careful(text).names == ["A"]


def random_cell(rng):
    sign = "-" if rng.random() < 0.2 else ""
    whole = str(int(rng.integers(0, 10 ** int(rng.integers(1, 8)))))
    kind = int(rng.integers(0, 6))
    frac = str(int(rng.integers(0, 10 ** int(rng.integers(1, 5)))))
    if kind == 0:
        return sign + whole
    if kind == 1:
        return f"{sign}{whole},{frac}"
    if kind == 2:
        return f"{sign}{whole}.{frac}"
    grouped = f"{int(whole):,}"
    if kind == 3:
        return sign + grouped.replace(",", ".") + "," + frac
    if kind == 4:
        return sign + grouped + "." + frac
    return sign + whole[: int(rng.integers(0, len(whole) + 1))] + rng.choice([",", ".", "..", ",."])


def careful_values(cells):
    from koers.numbers import detect_decimal

    try:
        decimal = detect_decimal(cells)
        return [float(parse_number(c, decimal=decimal)) for c in cells]
    except NumberError:
        return None


def test_it_reads_every_cell_as_parse_number_does_or_leaves_it():
    rng = np.random.default_rng(12)
    agreed = 0
    for _ in range(400):
        cells = [random_cell(rng) for _ in range(int(rng.integers(1, 6)))]
        text = long_csv([("A", str(k), c) for k, c in enumerate(cells)])
        fast = read_fast(text)
        want = careful_values(cells)
        if fast is None:
            continue  # the careful reader answers (a value or the message naming the line)
        agreed += 1
        assert want is not None, cells
        assert fast.values[0].tolist() == want, cells
    assert agreed > 100


@pytest.mark.parametrize(
    ("lang", "text", "message"),
    [
        ("nl", "reeks;periode;waarde\nA;1;3\nA;2;abc\n", "regel 3: 'abc' is geen getal"),
        ("en", "series,period,value\nA,1,3\nA,2,abc\n", "line 3: 'abc' is not a number"),
        ("nl", "reeks;periode;waarde\nA;1;3\nA;2\n", "regel 3: te weinig kolommen"),
        ("en", "series;period;value\nA;1;1,5\nA;2;2.5\n", "line 3: The numbers contradict"),
        ("nl", "reeks;periode;waarde\nA;1;1.234\n", "regel 2: '1.234' kan twee dingen"),
        ("en", "series;period;value\nA;1;3\nA;2;4-\n", "line 3: '4-' is not a number"),
    ],
)
def test_it_names_the_line_of_a_bad_cell_in_both_languages(lang, text, message):
    code, out, err = run(["--batch", "--lang", lang], text)
    assert code == 2 and out == ""
    assert err.startswith(f"koers trend: {message}")


def test_it_analyses_dutch_and_english_files_alike():
    rng = np.random.default_rng(5)
    x = np.round(rng.normal(1500, 40, size=(3, 30)), 1)
    dutch = long_csv(
        [(f"K{i}", f"2024-{k:02d}", f"{v:,.1f}".replace(",", "_").replace(".", ",").replace(
            "_", ".")) for i, row in enumerate(x) for k, v in enumerate(row)]
    )  # fmt: skip
    english = long_csv(
        [(f"K{i}", f"2024-{k:02d}", f'"{v:,.1f}"') for i, row in enumerate(x)
         for k, v in enumerate(row)], "series,period,value", ",",
    )  # fmt: skip
    out_nl = [json.loads(line) for line in run(["--batch", "--lang", "nl"], dutch)[1].splitlines()]
    out_en = [json.loads(line) for line in run(["--batch"], english)[1].splitlines()]
    assert [d["series"] for d in out_nl] == ["K0", "K1", "K2"]
    for i, (nl, en) in enumerate(zip(out_nl, out_en, strict=True)):
        want = analyse(x[i])
        assert nl["limits"] == en["limits"] == want.to_dict()["limits"]
        assert nl["reason"] == want.reason("nl", [f"2024-{k:02d}" for k in range(30)])


@pytest.mark.parametrize(
    "options",
    [{}, {"direction": "lower", "target": 50}, {"trended": True, "rebaseline_at": (20,)},
     {"season_length": 12, "screen": True}, {"spread": "median", "lower_bound": 0.0}],
)  # fmt: skip
def test_it_writes_each_line_as_json_dumps_of_to_dict(options):
    rng = np.random.default_rng(3)
    series = [np.round(rng.normal(50, 5, size=n), 1) for n in (40, 40, 48, 40, 60, 48)]
    series[1][30:] += 15
    series[3] += 0.6 * np.arange(40)
    result = analyse_batch(series, **options)
    names = [f"s{i}" for i in range(len(series))]
    labels = [[f"p{k}" for k in range(len(x))] for x in series]
    got = list(json_lines(names, result, labels, "nl"))
    want = [
        json.dumps({"series": n, **a.to_dict("nl", labels=lab)}, ensure_ascii=False)
        for n, a, lab in zip(names, result, labels, strict=True)
    ]
    assert got == want
