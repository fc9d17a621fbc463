"""`koers trend`: input formats, the JSON contract, exit codes and messages in nl/en."""

import io
import json

import pytest

from koers.trendengine.cli import main

WHEELER = [5045, 4350, 4350, 3975, 4290, 4430, 4485, 4285, 3980, 3925, 3645, 3760, 3300, 3685,
           3463, 5200]  # fmt: skip
KEYS = [
    "n", "verdict", "evidence", "reason", "limits", "segments", "signals", "mann_kendall",
    "sen_slope", "seasonal_mann_kendall", "change_point", "target",
]  # fmt: skip


def run(argv, text=""):
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, io.StringIO(text), out, err)
    return code, out.getvalue(), err.getvalue()


def lines(values):
    return "".join(f"{v}\n" for v in values)


def test_it_prints_the_json_contract():
    code, out, err = run(["--json", "--direction", "lower"], lines(WHEELER))
    assert code == 0 and err == ""
    d = json.loads(out)
    assert list(d) == KEYS
    assert d["n"] == 16 and d["verdict"] == "deteriorating" and d["evidence"] == "signal"
    assert list(d["limits"]) == ["centre", "mr_bar", "unpl", "lnpl", "url", "baseline",
                                 "provisional"]  # fmt: skip
    assert round(d["limits"]["unpl"], 2) == 5082.28 and d["limits"]["baseline"] == [0, 16]
    assert d["segments"] == [
        {
            "start": 0,
            "end": 16,
            **{k: d["limits"][k] for k in ("centre", "mr_bar", "unpl", "lnpl", "url")},
        }  # fmt: skip
    ]
    assert {"rule": "outside_limits", "points": [15], "side": "above", "meaning": "concern"} in (
        d["signals"]
    )
    assert list(d["mann_kendall"]) == ["s", "var_s", "z", "p", "tau"]
    assert list(d["sen_slope"]) == ["slope", "low", "high"]
    assert d["seasonal_mann_kendall"] is None and d["target"] is None
    assert list(d["change_point"]) == ["index", "k", "p"]
    assert d["reason"] == (
        "Point 16 is worse than the normal range of 3,189–5,082. "
        "This verdict rests on a single value."
    )
    assert out.count("\n") == 1


def test_it_reads_csv_with_dutch_decimals_and_a_waarde_column():
    text = "maand;waarde;opmerking\njan;1.234,5;x\nfeb;1.240,0;y\nmrt;1.236,5;z\n"
    code, out, _ = run(["--json"], text)
    assert code == 0
    d = json.loads(out)
    assert d["n"] == 3 and d["limits"]["centre"] == pytest.approx(1237.0)


def test_it_finds_the_only_numeric_column_and_tabs():
    text = "month\tscore\njan\t12,5\nfeb\t13\nmar\t\napr\t14\n"
    code, out, _ = run(["--json"], text)
    assert code == 0
    d = json.loads(out)
    assert d["n"] == 3  # the empty cell is a missing period and is skipped
    assert d["limits"]["centre"] == pytest.approx(13.166666666666666)


def test_it_reads_one_dutch_number_per_line():
    code, out, _ = run(["--json", "--target", "12,5"], "12,5\n13,25\n\n11,75\n")
    assert code == 0
    d = json.loads(out)
    assert d["n"] == 3 and d["limits"]["centre"] == pytest.approx(12.5)
    assert d["target"]["value"] == 12.5


def test_it_reads_a_file(tmp_path):
    path = tmp_path / "kpi.csv"
    path.write_text("period,value\n" + "".join(f"p{i},{v}\n" for i, v in enumerate(WHEELER)))
    code, out, _ = run([str(path), "--json", "--baseline", "12", "--rebaseline-at", "14"])
    assert code == 0
    d = json.loads(out)
    assert [(s["start"], s["end"]) for s in d["segments"]] == [(0, 14), (14, 16)]
    assert d["limits"]["baseline"] == [14, 16]
    assert d["verdict"] == "insufficient_data"


@pytest.mark.parametrize(
    ("lang", "message"),
    [("en", "koers trend: line 4: 'abc' is not a number\n"),
     ("nl", "koers trend: regel 4: 'abc' is geen getal\n")],
)  # fmt: skip
def test_it_names_the_line_of_text_in_a_value_column(lang, message):
    code, out, err = run(["--lang", lang], "period,value\njan,1\nfeb,2\nmar,abc\napr,3\n")
    assert (code, out, err) == (2, "", message)


def test_it_names_the_line_in_plain_input():
    code, _, err = run([], "1\n2\n\n3\nx7\n")
    assert code == 2 and err == "koers trend: line 5: 'x7' is not a number\n"


def test_it_rejects_empty_input():
    assert run([], "") == (2, "", "koers trend: no numbers in the input\n")
    code, _, err = run(["--lang", "nl"], "period,value\n")
    assert code == 2 and err == "koers trend: geen getallen in de invoer\n"


def test_it_asks_for_a_value_column():
    code, _, err = run([], "period,a,b\njan,1,2\n")
    assert code == 2 and "line 1: no value column" in err


def test_it_rejects_an_index_out_of_range():
    code, _, err = run(["--rebaseline-at", "40"], lines(WHEELER))
    assert code == 2
    assert err == (
        "koers trend: --rebaseline-at: Re-baseline index 40 is out of range: "
        "the series has indices 0 to 15.\n"
    )
    code, _, err = run(["--baseline", "30", "--lang", "nl"], lines(WHEELER))
    assert code == 2 and err.startswith("koers trend: --baseline: Basis 30 valt buiten")


def test_it_rejects_bad_options_like_argparse():
    code, out, err = run(["--direction", "up"], "1\n")
    assert code == 2 and out == "" and "invalid choice: 'up'" in err
    code, out, _ = run(["--help"])
    assert code == 0 and "--rebaseline-at" in out


def test_it_reports_a_missing_file(tmp_path):
    code, _, err = run([str(tmp_path / "nope.csv")])
    assert code == 2 and "cannot read" in err and "nope.csv" in err


def test_it_prints_a_readable_summary_in_both_languages():
    code, out, _ = run(["--lang", "nl"], lines(WHEELER))
    assert code == 0
    assert out.splitlines()[0] == "Oordeel: verbetering (signaal)"
    assert "Punt 16 is beter dan het normale bereik van 3.189–5.082." in out
    assert "punt 16: buiten een grens, boven (verbetering)" in out
    code, out, _ = run([], lines(WHEELER))
    assert out.splitlines()[0] == "Verdict: improving (signal)"
    assert "Mann-Kendall: S = -57" in out


def test_it_analyses_long_csv_in_batch():
    text = "series,period,value\n" + "".join(
        f"{name},{i},{v}\n" for name, vals in (("A", WHEELER), ("B", WHEELER[::-1]))
        for i, v in enumerate(vals)
    )  # fmt: skip
    code, out, _ = run(["--batch", "--direction", "lower", "--lang", "nl"], text)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["series"] for r in rows] == ["A", "B"]
    assert list(rows[0])[1:] == KEYS
    single = json.loads(run(["--json", "--direction", "lower", "--lang", "nl"],
                            lines(WHEELER))[1])  # fmt: skip
    assert {k: v for k, v in rows[0].items() if k not in ("series", "reason")} == {
        k: v for k, v in single.items() if k != "reason"
    }
    assert rows[0]["reason"] == (
        "15 is slechter dan het normale bereik van 3.189–5.082. Dit oordeel rust op één waarde."
    )


def test_it_names_the_line_and_series_in_batch_errors():
    code, _, err = run(["--batch"], "series,period,value\nA,1,3\nA,2,zz\n")
    assert code == 2 and err == "koers trend: line 3: 'zz' is not a number\n"
    code, _, err = run(["--batch"], "reeks,waarde\nA,3\n")
    assert code == 2 and "line 1: a batch file needs the columns" in err
    code, _, err = run(["--batch", "--rebaseline-at", "2"], "series,period,value\nA,1,3\nA,2,4\n")
    assert code == 2 and err.startswith("koers trend: series 'A': --rebaseline-at:")
