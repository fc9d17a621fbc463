"""Issue 12 point 1: units typed after (or before) a number, read for the KPI's unit."""

from decimal import Decimal

import pytest

from koers.numbers import NumberError, parse_quantity, unit_of


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("6,5 dagen", "days", "6.5"),
        ("6,5 days", "days", "6.5"),
        ("12 d.", "days", "12"),
        ("€ 12", "euro", "12"),
        ("€ 12,-", "euro", "12"),
        ("12 EUR", "euro", "12"),
        ("1.234,56 €", "euro", "1234.56"),
        ("12,5%", "percent", "12.5"),
        ("12,5 procent", "percent", "12.5"),
        ("12 uur", "hours", "12"),
        ("1,5 u", "hours", "1.5"),
        ("45 min", "minutes", "45"),
        ("3 stuks", "count", "3"),
        ("-3", "percent", "-3"),
        ("6,5", "days", "6.5"),
    ],
)
def test_it_reads_a_number_with_the_kpis_own_unit(text, unit, expected):
    assert parse_quantity(text, unit, decimal=",") == Decimal(expected)


def test_it_reads_a_custom_unit_word_given_for_the_kpi():
    assert parse_quantity("3 klanten", "count", words=["klanten"]) == 3
    assert parse_quantity("3 Klanten", "custom", words=["klanten"]) == 3


@pytest.mark.parametrize(
    ("text", "unit", "found"),
    [
        ("6,5 dagen", "hours", "days"),
        ("12,5%", "days", "percent"),
        ("€ 12", "count", "euro"),
        ("12 uur", "days", "hours"),
        ("$ 12", "euro", "dollar"),
    ],
)
def test_it_refuses_a_unit_of_another_kind_with_a_clear_message(text, unit, found):
    with pytest.raises(NumberError) as info:
        parse_quantity(text, unit, decimal=",")
    assert info.value.code == "wrong_unit"
    assert info.value.params["found"] == found and info.value.params["expected"] == unit


def test_it_names_both_units_in_the_users_language():
    with pytest.raises(NumberError) as info:
        parse_quantity("6,5 dagen", "hours")
    assert info.value.message("nl") == (
        "'6,5 dagen' is in dagen, maar deze KPI wordt gemeten in uren"
    )
    assert info.value.message("en") == "'6,5 dagen' is in days, but this KPI is measured in hours"


def test_it_refuses_a_word_that_is_no_unit_of_the_kpi():
    with pytest.raises(NumberError) as info:
        parse_quantity("3 klanten", "count")
    assert info.value.code == "unknown_unit" and info.value.params["word"] == "klanten"
    assert "'klanten' is geen eenheid van deze KPI" in info.value.message("nl")


def test_it_keeps_the_number_errors_with_the_typed_text():
    with pytest.raises(NumberError) as info:
        parse_quantity("1.234 dagen", "days")
    assert info.value.code == "ambiguous" and info.value.params["text"] == "1.234 dagen"
    with pytest.raises(NumberError) as info:
        parse_quantity("veel dagen", "days")
    assert info.value.code == "unreadable"


def test_it_knows_the_words_for_each_unit():
    assert unit_of("Dagen") == "days" and unit_of("%") == "percent" and unit_of("kg") is None
