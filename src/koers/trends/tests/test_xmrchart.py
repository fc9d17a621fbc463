"""The XmR chart SVG: limits, signals, target, dividers, labels in the reader's language."""

from __future__ import annotations

import random
import re
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

from django.test import SimpleTestCase
from django.utils import translation

from koers.numbers import format_number
from koers.periods import Period
from koers.trendengine import analyse
from koers.trends import xmrchart
from koers.trends.charttexts import chart_texts
from koers.trends.xmrchart import nice_ticks, xmr_chart
from koers.trends.xmrparts import fmt

WHEELER = [
    5045,
    4350,
    4350,
    3975,
    4290,
    4430,
    4485,
    4285,
    3980,
    3925,
    3645,
    3760,
    3300,
    3685,
    3463,
    5200,
]


def periods(n: int, first: date = date(2024, 1, 1)) -> list[Period]:
    p = Period.containing(first, "month")
    return [p + i for i in range(n)]


def chart(lang="nl", **kwargs):
    a = analyse(
        WHEELER,
        direction=kwargs.pop("direction", "higher"),
        rebaseline_at=kwargs.pop("rebaseline_at", ()),
    )
    return xmr_chart(
        a, periods(16), lang=lang, name="Omzet", decimals=0, texts=texts(lang), **kwargs
    )


def texts(lang):
    with translation.override(lang):
        return chart_texts()


def test_it_draws_wellformed_accessible_svg():
    svg = chart(target=4000)
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img"
    assert "Procesgedragskaart van Omzet" in svg
    desc = root.find("{http://www.w3.org/2000/svg}desc").text
    assert "16 waarden van jan 2024 tot en met apr 2025" in desc
    assert "natuurlijke procesgrenzen 3.189 tot 5.082" in desc
    assert "1 punten wijzen op een verbetering" in desc


def test_it_labels_the_limits_in_dutch_number_format():
    svg = chart()
    assert "bovengrens 5.082" in svg
    assert "ondergrens 3.189" in svg
    assert "gemiddelde 4.136" in svg  # the centre line in the engine's Dutch word
    assert "grens 1.163" in svg  # URL on the moving-range chart
    a = analyse([49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1])
    nist = xmr_chart(a, periods(10), lang="nl", decimals=1, texts=texts("nl"))
    assert "bovengrens 55,8" in nist and "ondergrens 45,8" in nist


def test_it_colours_the_signal_point_by_its_meaning():
    assert 'class="pt improvement"' in chart(direction="higher")
    lower = chart(direction="lower")
    assert 'class="pt concern"' in lower
    assert 'class="pt improvement"' not in lower
    assert 'class="mr-pt jump"' in lower  # point 15's moving range above URL


def test_it_draws_the_target_line_only_when_set():
    assert 'class="target"' in chart(target=4000)
    assert "norm 4.000" in chart(target=4000)
    assert 'class="target"' not in chart()


def test_it_marks_baseline_end_and_new_levels():
    svg = chart(rebaseline_at=(10,), baseline=6)
    assert svg.count('class="divider rebaseline"') == 1
    assert svg.count('class="divider baseline-end"') == 1
    assert "nieuw niveau" in svg
    assert 'class="divider' not in chart()  # 16 points: all in the default baseline


def test_it_writes_period_labels_in_the_readers_language():
    nl, en = chart("nl"), chart("en")
    assert ">jun 2024<" in nl
    assert ">apr 2025<" in nl and ">okt 2024<" in nl
    assert ">Oct 2024<" in en and "Process behaviour chart of Omzet" in en
    assert "UNPL 5,082" in en and "CL 4,136" in en


def test_it_takes_its_words_from_gettext_not_from_its_own_tables():
    source = Path(xmrchart.__file__).read_text()
    assert not re.search(r"""["']nl["']\s*:""", source), "a {'nl': ...} text table is back"
    assert "Process behaviour chart of Omzet" in xmr_chart(
        analyse(WHEELER), periods(16), name="Omzet"
    )


def test_it_draws_the_target_and_marker_labels_over_the_points_with_a_halo():
    svg = chart(target=4000, markers=[(date(2024, 5, 15), "Start: nieuwe mal", "action")])
    last_point = svg.rindex('class="pt ')
    assert svg.index('class="target-label"') > last_point
    assert svg.index(">Start: nieuwe mal<") > last_point
    assert svg.index('class="marker-line"') < svg.index('class="pt ')  # the line stays behind
    for label in re.findall(
        r'<text class="target-label"[^>]*>|<g class="marker[^>]*><text[^>]*>', svg
    ):
        assert 'paint-order="stroke"' in label and 'stroke="#fff"' in label


def test_it_thins_the_x_axis_labels_but_keeps_the_last():
    a = analyse(list(range(60)))
    svg = xmr_chart(a, periods(60), lang="en")
    labels = re.findall(r'class="xtick"[^>]*>([^<]+)<', svg)
    assert 5 <= len(labels) < 30
    assert "Dec 2028" in labels


def test_it_draws_markers_between_periods():
    svg = chart(
        markers=[
            (date(2024, 5, 15), "Actie: nieuwe mal", "action"),
            (date(2030, 1, 1), "too late", "action"),
        ]
    )
    assert svg.count('class="marker action"') == 1
    assert "Actie: nieuwe mal" in svg


def test_it_picks_round_ticks():
    assert nice_ticks(3188.7, 5200) == [3000, 3500, 4000, 4500, 5000, 5500]
    assert nice_ticks(0.12, 0.31) == [0.1, 0.15, 0.2, 0.25, 0.3, 0.35] or nice_ticks(
        0.12, 0.31
    ) == [0.1, 0.2, 0.3, 0.4]


class FmtTests(SimpleTestCase):
    """``fmt`` writes a chart's numbers as ``format_number`` does, also by its fast path."""

    def test_it_writes_numbers_as_format_number_does(self):
        rng = random.Random(7)
        values = [0.0, -0.0, -0.004, 0.005, 0.125, 2.675, 1.005, -1.005, 999999.995, 1e-7]
        values += [123456789.5, -123456789.49, 2e9, -3.5e12, float(10**9 - 1) + 0.5]
        values += [rng.choice([-1, 1]) * 10 ** rng.uniform(-8, 9.5) for _ in range(3000)]
        for v in values:
            for dec in range(8):
                for lang in ("nl", "en"):
                    expected = format_number(round(float(v), dec), dec, lang)
                    self.assertEqual(fmt(v, dec, lang), expected, (v, dec, lang))
        self.assertEqual(fmt(-1234.5, 1, "nl"), "-1.234,5")
        self.assertEqual(fmt(-0.001, 2, "en"), "0.00")
        self.assertEqual(fmt(None, 2, "en"), "–")
