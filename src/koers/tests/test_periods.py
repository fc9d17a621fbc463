from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koers.periods import (
    Frequency,
    Period,
    PeriodError,
    last_finished,
    parse_period,
    period_of,
    period_range,
)

W, M, Q, Y = Frequency.WEEK, Frequency.MONTH, Frequency.QUARTER, Frequency.YEAR


# ---- Period basics ---------------------------------------------------------------------------


def test_it_computes_start_and_end_of_each_frequency():
    assert (Period(M, 2024, 2).start, Period(M, 2024, 2).end) == (
        date(2024, 2, 1),
        date(2024, 2, 29),
    )
    assert (Period(Q, 2025, 4).start, Period(Q, 2025, 4).end) == (
        date(2025, 10, 1),
        date(2025, 12, 31),
    )
    assert (Period(Y, 2025, 1).start, Period(Y, 2025, 1).end) == (
        date(2025, 1, 1),
        date(2025, 12, 31),
    )
    assert (Period(W, 2025, 7).start, Period(W, 2025, 7).end) == (
        date(2025, 2, 10),
        date(2025, 2, 16),
    )
    assert Period(Q, 2025, 1).days == 90
    assert Period(W, 2025, 1).days == 7


def test_it_follows_iso_weeks_at_year_boundaries():
    assert Period.containing(date(2024, 12, 30), W) == Period(W, 2025, 1)
    assert Period(W, 2025, 1).start == date(2024, 12, 30)
    assert Period.containing(date(2021, 1, 3), W) == Period(W, 2020, 53)
    assert Period(W, 2020, 53).end == date(2021, 1, 3)
    assert Period(W, 2020, 52).next() == Period(W, 2020, 53)
    assert Period(W, 2020, 53).next() == Period(W, 2021, 1)
    assert Period(W, 2022, 1).previous() == Period(W, 2021, 52)


def test_it_rejects_week_53_in_a_year_without_one():
    with pytest.raises(PeriodError) as e:
        Period(W, 2021, 53)
    assert e.value.code == "out_of_range"
    assert e.value.message("nl") == "'2021-W53' is geen geldige periode: 2021 heeft 52 weken"
    assert str(e.value) == "'2021-W53' is not a valid period: 2021 has 52 weeks"


@pytest.mark.parametrize(
    "frequency,year,index",
    [
        (M, 2025, 0),
        (M, 2025, 13),
        (Q, 2025, 5),
        (Y, 2025, 2),
        (W, 2025, 0),
        (M, 0, 1),
        (Y, 10000, 1),
    ],
)
def test_it_rejects_out_of_range_periods(frequency, year, index):
    with pytest.raises(PeriodError) as e:
        Period(frequency, year, index)
    assert e.value.code == "out_of_range"


def test_it_rejects_non_int_fields_and_coerces_frequency_strings():
    with pytest.raises(TypeError):
        Period(M, "2025", 1)
    with pytest.raises(TypeError):
        Period(M, 2025, True)
    assert Period("month", 2025, 1) == Period(M, 2025, 1)
    assert Period("Maand", 2025, 1).frequency is M


def test_it_accepts_dutch_and_english_frequency_names():
    assert Frequency("kwartaal") is Q
    assert Frequency("Jaarlijks") is Y
    assert Frequency("weekly") is W
    assert Frequency("MONTH") is M
    with pytest.raises(ValueError):
        Frequency("dagelijks")
    assert M.label("nl") == "maand" and Q.label("en") == "quarter"
    assert [f.per_year for f in Frequency] == [52, 12, 4, 1]


def test_it_orders_periods_within_a_frequency():
    assert Period(M, 2024, 12) < Period(M, 2025, 1) <= Period(M, 2025, 1)
    assert Period(W, 2025, 2) > Period(W, 2025, 1) >= Period(W, 2025, 1)
    assert sorted([Period(Q, 2025, 2), Period(Q, 2024, 4), Period(Q, 2025, 1)]) == [
        Period(Q, 2024, 4),
        Period(Q, 2025, 1),
        Period(Q, 2025, 2),
    ]
    assert max(Period(Y, 2020, 1), Period(Y, 2030, 1)) == Period(Y, 2030, 1)


def test_it_refuses_to_compare_different_frequencies():
    with pytest.raises(TypeError):
        _ = Period(M, 2025, 1) < Period(Q, 2025, 1)
    with pytest.raises(TypeError):
        _ = Period(M, 2025, 1) - Period(Y, 2025, 1)
    with pytest.raises(TypeError):
        period_range(Period(M, 2025, 1), Period(Q, 2025, 4))
    assert Period(M, 2025, 1) != Period(Q, 2025, 1)


def test_it_does_arithmetic_across_years():
    assert Period(M, 2024, 11) + 3 == Period(M, 2025, 2)
    assert 3 + Period(M, 2024, 11) == Period(M, 2025, 2)
    assert Period(Q, 2025, 1) - 1 == Period(Q, 2024, 4)
    assert Period(M, 2025, 3) - Period(M, 2024, 3) == 12
    assert Period(W, 2021, 1) - Period(W, 2020, 1) == 53
    assert Period(Y, 2025, 1).next() == Period(Y, 2026, 1)


def test_it_tells_whether_a_date_is_inside():
    jan = Period(M, 2025, 1)
    assert date(2025, 1, 31) in jan
    assert jan.contains(datetime(2025, 1, 1, 23, 59))
    assert date(2025, 2, 1) not in jan
    assert "2025-01-15" not in jan


def test_it_writes_keys_and_labels_in_both_languages():
    cases = [
        (Period(W, 2025, 7), "2025-W07", "week 7 2025", "week 7 2025"),
        (Period(M, 2025, 1), "2025-01", "jan 2025", "Jan 2025"),
        (Period(M, 2025, 3), "2025-03", "mrt 2025", "Mar 2025"),
        (Period(M, 2025, 10), "2025-10", "okt 2025", "Oct 2025"),
        (Period(Q, 2025, 1), "2025-Q1", "K1 2025", "Q1 2025"),
        (Period(Y, 2025, 1), "2025", "2025", "2025"),
    ]
    for p, key, nl, en in cases:
        assert (p.key, str(p), p.label("nl"), p.label("en")) == (key, key, nl, en)
    assert Period(M, 2025, 1).long_label("nl") == "januari 2025"
    assert Period(M, 2025, 5).long_label("en") == "May 2025"
    assert Period(Q, 2025, 2).long_label("nl") == "K2 2025"
    assert Period(M, 2025, 3).label("nl-BE") == "mrt 2025"


def test_it_reads_keys_strictly():
    assert Period.from_key("2025-W07") == Period(W, 2025, 7)
    assert Period.from_key("2025-q1") == Period(Q, 2025, 1)
    for bad in ["jan 2025", "2025-1", "2025W07", ""]:
        with pytest.raises(PeriodError) as e:
            Period.from_key(bad)
        assert e.value.code == "unreadable"
    with pytest.raises(PeriodError) as e:
        Period.from_key("2025-13")
    assert e.value.code == "out_of_range"


def test_it_builds_periods_from_their_first_day_only():
    assert Period.from_start(M, date(2025, 4, 1)) == Period(M, 2025, 4)
    assert Period.from_start("week", date(2024, 12, 30)) == Period(W, 2025, 1)
    with pytest.raises(PeriodError) as e:
        Period.from_start(Q, date(2025, 2, 1))
    assert e.value.code == "not_a_start"
    assert e.value.message("nl") == "01-02-2025 is niet de eerste dag van een kwartaal"
    assert str(e.value) == "2025-02-01 is not the first day of a quarter"


def test_it_lists_ranges_inclusively():
    assert period_range(Period(M, 2024, 11), Period(M, 2025, 2)) == [
        Period(M, 2024, 11),
        Period(M, 2024, 12),
        Period(M, 2025, 1),
        Period(M, 2025, 2),
    ]
    assert period_range(Period(M, 2025, 2), Period(M, 2025, 1)) == []
    assert period_range(Period(Y, 2025, 1), Period(Y, 2025, 1)) == [Period(Y, 2025, 1)]


def test_it_finds_the_last_finished_period():
    assert last_finished(M, date(2025, 3, 1)) == Period(M, 2025, 2)
    assert last_finished(M, date(2025, 3, 31)) == Period(M, 2025, 2)
    assert last_finished(W, date(2025, 1, 1)) == Period(W, 2024, 52)
    assert last_finished(Q, date(2025, 1, 1)) == Period(Q, 2024, 4)
    assert last_finished("year", date(2025, 6, 1)) == Period(Y, 2024, 1)


# ---- parse_period ----------------------------------------------------------------------------

JAN = Period(M, 2025, 1)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2025-01", JAN),
        ("2025/01", JAN),
        ("2025-1", JAN),
        ("jan 2025", JAN),
        ("Jan. 2025", JAN),
        ("januari 2025", JAN),
        ("January 2025", JAN),
        ("  JANUARI   2025 ", JAN),
        ("2025 jan", JAN),
        ("01-2025", JAN),
        ("1-2025", JAN),
        ("1/2025", JAN),
        ("mrt 2025", Period(M, 2025, 3)),
        ("maa 2025", Period(M, 2025, 3)),
        ("maart 2025", Period(M, 2025, 3)),
        ("Mar 2025", Period(M, 2025, 3)),
        ("March 2025", Period(M, 2025, 3)),
        ("mei 2025", Period(M, 2025, 5)),
        ("May 2025", Period(M, 2025, 5)),
        ("okt 2025", Period(M, 2025, 10)),
        ("Oct 2025", Period(M, 2025, 10)),
        ("oktober 2025", Period(M, 2025, 10)),
        ("sept. 2025", Period(M, 2025, 9)),
        ("sep 2025", Period(M, 2025, 9)),
        ("2025-W07", Period(W, 2025, 7)),
        ("2025W07", Period(W, 2025, 7)),
        ("2025-w7", Period(W, 2025, 7)),
        ("W07 2025", Period(W, 2025, 7)),
        ("week 7 2025", Period(W, 2025, 7)),
        ("Week 07 2025", Period(W, 2025, 7)),
        ("wk 7 2025", Period(W, 2025, 7)),
        ("week 7, 2025", Period(W, 2025, 7)),
        ("2025 week 7", Period(W, 2025, 7)),
        ("Q1 2025", Period(Q, 2025, 1)),
        ("q1 2025", Period(Q, 2025, 1)),
        ("2025-Q1", Period(Q, 2025, 1)),
        ("2025 Q1", Period(Q, 2025, 1)),
        ("2025Q1", Period(Q, 2025, 1)),
        ("K1 2025", Period(Q, 2025, 1)),
        ("2025 K1", Period(Q, 2025, 1)),
        ("kwartaal 1 2025", Period(Q, 2025, 1)),
        ("Kwartaal 3, 2025", Period(Q, 2025, 3)),
        ("quarter 2 2025", Period(Q, 2025, 2)),
        ("1e kwartaal 2025", Period(Q, 2025, 1)),
        ("2nd quarter 2025", Period(Q, 2025, 2)),
        ("2025", Period(Y, 2025, 1)),
        (" 2025 ", Period(Y, 2025, 1)),
    ],
)
def test_it_reads_periods_as_people_type_them(text, expected):
    assert parse_period(text) == expected
    assert parse_period(text, expected.frequency) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31-01-2025",
        "31/01/2025",
        "31.01.2025",
        "2025-01-31",
        "2025/01/31",
        "31-1-2025",
        "31 jan 2025",
        "31-jan-2025",
        "31 januari 2025",
        "January 31, 2025",
        "2025-01-31 00:00:00",
        "2025-01-31T13:45:00",
    ],
)
def test_it_maps_a_date_to_the_period_containing_it(text):
    assert parse_period(text, M) == JAN
    assert parse_period(text, "week") == Period(W, 2025, 5)
    assert parse_period(text, Q) == Period(Q, 2025, 1)
    assert parse_period(text, Y) == Period(Y, 2025, 1)


def test_it_reads_ambiguous_dates_day_first_and_iso_year_first():
    assert parse_period("03-04-2025", M) == Period(M, 2025, 4)
    assert parse_period("03/04/2025", M) == Period(M, 2025, 4)
    assert parse_period("2025-04-03", M) == Period(M, 2025, 4)
    assert parse_period("2025-03-04", M) == Period(M, 2025, 3)


def test_it_maps_iso_week_edges_from_dates():
    assert parse_period("30-12-2024", W) == Period(W, 2025, 1)
    assert parse_period("03-01-2021", W) == Period(W, 2020, 53)
    assert parse_period("2020-W53") == Period(W, 2020, 53)


def test_it_asks_for_a_frequency_when_given_only_a_date():
    with pytest.raises(PeriodError) as e:
        parse_period("31-01-2025")
    assert e.value.code == "needs_frequency"
    assert e.value.params["text"] == "31-01-2025"
    assert e.value.message("nl") == (
        "'31-01-2025' is een datum; geef aan of de week, maand, kwartaal of het jaar bedoeld is"
    )
    assert "'31-01-2025' is a date" in str(e.value)


@pytest.mark.parametrize(
    "text,frequency,found",
    [
        ("2025-01", W, M),
        ("2025", M, Y),
        ("K1 2025", M, Q),
        ("week 7 2025", Q, W),
        ("jan 2025", Y, M),
    ],
)
def test_it_rejects_a_period_of_another_frequency(text, frequency, found):
    with pytest.raises(PeriodError) as e:
        parse_period(text, frequency)
    assert e.value.code == "wrong_frequency"
    assert e.value.params == {"text": text, "found": found.value, "expected": frequency.value}


def test_it_says_which_frequency_was_expected_in_both_languages():
    with pytest.raises(PeriodError) as e:
        parse_period("2025-01", "week")
    assert e.value.message("nl") == "'2025-01' is een maand, maar deze KPI wordt per week gemeten"
    assert e.value.message("en") == "'2025-01' is a month, but this KPI is measured per week"
    assert str(e.value) == e.value.message("en")
    with pytest.raises(PeriodError) as e:
        parse_period("2025", "quarter")
    assert e.value.message("nl") == "'2025' is een jaar, maar deze KPI wordt per kwartaal gemeten"


@pytest.mark.parametrize(
    "text,reason",
    [
        ("2025-13", "month"),
        ("13-2025", "month"),
        ("0-2025", "month"),
        ("2025-W54", "week"),
        ("2021-W53", "week"),
        ("week 53 2021", "week"),
        ("week 0 2025", "week"),
        ("Q5 2025", "quarter"),
        ("K0 2025", "quarter"),
        ("0000", "year"),
        ("31-02-2025", "date"),
        ("2025-02-30", "date"),
        ("32-01-2025", "date"),
    ],
)
def test_it_rejects_periods_that_do_not_exist(text, reason):
    with pytest.raises(PeriodError) as e:
        parse_period(text, M if reason == "date" else None)
    assert e.value.code == "out_of_range"
    assert e.value.params["reason"] == reason
    assert e.value.params["text"] == text


def test_it_explains_out_of_range_in_both_languages():
    with pytest.raises(PeriodError) as e:
        parse_period("2025-13")
    assert e.value.message("nl").startswith("'2025-13' is geen geldige periode")
    assert (
        e.value.message("nl")
        == "'2025-13' is geen geldige periode: een maand loopt van 1 tot en met 12"
    )
    assert str(e.value) == "'2025-13' is not a valid period: months run from 1 to 12"
    with pytest.raises(PeriodError) as e:
        parse_period("31-02-2025", M)
    assert e.value.message("nl") == "'31-02-2025' is geen bestaande datum"
    assert e.value.message("en") == "'31-02-2025' is not an existing date"


@pytest.mark.parametrize(
    "text",
    [
        "blah",
        "2025-01-01-01",
        "jan 25",
        "25",
        "week 2025",
        "Q 2025",
        "2025-123",
        "13 2025",
        "jann 2025",
    ],
)
def test_it_names_unreadable_text(text):
    with pytest.raises(PeriodError) as e:
        parse_period(text)
    assert e.value.code == "unreadable"
    assert e.value.params["text"] == text
    assert e.value.message("nl").startswith(f"'{text}' is geen periode die we kunnen lezen")
    assert str(e.value).startswith(f"'{text}' is not a period we can read")


def test_it_gives_examples_for_the_expected_frequency():
    with pytest.raises(PeriodError) as e:
        parse_period("ergens in de zomer", Q)
    assert e.value.code == "unreadable"
    assert "K1 2025" in e.value.message("nl") and "2025-W07" not in e.value.message("nl")
    assert "Q1 2025" in e.value.message("en")


def test_it_reports_empty_text_and_unknown_frequencies():
    with pytest.raises(PeriodError) as e:
        parse_period("   ")
    assert e.value.code == "empty"
    assert e.value.message("nl") == "Geen periode ingevuld"
    with pytest.raises(PeriodError) as e:
        parse_period("2025", "dagelijks")
    assert e.value.code == "unknown_frequency"
    assert isinstance(e.value, ValueError)


def test_it_reads_spreadsheet_cells():
    assert period_of(date(2025, 1, 31), M) == JAN
    assert period_of(datetime(2024, 12, 30, 8, 0), W) == Period(W, 2025, 1)
    assert period_of("jan 2025", M) == JAN
    assert period_of(2025, Y) == Period(Y, 2025, 1)
    assert period_of(2025.0, "year") == Period(Y, 2025, 1)
    assert period_of(JAN, M) is JAN
    for value, frequency, code in [
        (None, M, "empty"),
        (date(2025, 1, 1), None, "needs_frequency"),
        (JAN, W, "wrong_frequency"),
        (2025.5, Y, "unreadable"),
        ([1], M, "unreadable"),
    ]:
        with pytest.raises(PeriodError) as e:
            period_of(value, frequency)
        assert e.value.code == code


# ---- properties ------------------------------------------------------------------------------


ALL_YEARS = st.integers(1, 9998)


@st.composite
def periods(draw, years=ALL_YEARS):
    frequency = draw(st.sampled_from(list(Frequency)))
    year = draw(years)
    last = {W: Period(W, year, 1).start.replace(month=12, day=28).isocalendar()[1], M: 12, Q: 4}
    index = draw(st.integers(1, last.get(frequency, 1)))
    return Period(frequency, year, index)


langs = st.sampled_from(["nl", "en"])


@given(periods())
def test_it_round_trips_keys(p):
    assert Period.from_key(p.key) == p


@given(periods(), langs)
def test_it_reads_back_its_own_labels(p, lang):
    assert parse_period(p.label(lang), p.frequency) == p
    assert parse_period(p.label(lang)) == p
    assert parse_period(p.long_label(lang)) == p
    assert parse_period(p.label(lang).upper()) == p


@given(periods(st.integers(1000, 8000)), st.integers(-500, 500))
def test_it_steps_consistently(p, k):
    assert p.next().previous() == p
    assert p.previous().next() == p
    assert p.next().start == p.end + timedelta(days=1)
    assert p < p.next()
    q = p + k
    assert q - p == k
    assert q - k == p
    assert (q > p) == (k > 0)


@given(periods())
def test_it_contains_its_first_and_last_day(p):
    assert Period.containing(p.start, p.frequency) == p == Period.containing(p.end, p.frequency)
    assert p.start in p and p.end in p
    assert Period.from_start(p.frequency, p.start) == p
    assert p.days == (p.end - p.start).days + 1


@given(periods(st.integers(1900, 2200)), st.integers(-60, 60))
def test_it_ranges_over_the_difference(p, k):
    q = p + k
    r = period_range(p, q)
    assert len(r) == max(0, q - p + 1)
    assert all(b == a.next() for a, b in zip(r, r[1:], strict=False))


@given(st.dates(date(1000, 1, 1), date(9999, 12, 24)), st.sampled_from(list(Frequency)))
def test_it_reads_any_date_into_its_period(d, frequency):
    p = Period.containing(d, frequency)
    assert d in p
    assert parse_period(f"{d.day:02d}-{d.month:02d}-{d.year:04d}", frequency) == p
    assert parse_period(d.isoformat(), frequency) == p
    assert last_finished(frequency, d).end < d
    assert last_finished(frequency, d).next() == p


def test_it_stays_inside_the_calendar_at_its_edges():
    assert Period(M, 9999, 12).end == date(9999, 12, 31)
    assert Period(W, 1, 1).start == date(1, 1, 1)
    for step in [lambda: Period(Y, 9999, 1).next(), lambda: Period(M, 1, 1).previous()]:
        with pytest.raises(PeriodError) as e:
            step()
        assert e.value.code == "out_of_range"
    with pytest.raises(PeriodError):
        Period(W, 9999, 52)  # would end in the year 10000
