from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koers.numbers import NumberError, detect_decimal, format_number, parse_number

D = Decimal


# ---- parse_number ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1.234,56", "1234.56"),
        ("1234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("1234.56", "1234.56"),
        ("12", "12"),
        ("007", "7"),
        ("12%", "12"),
        ("12,5 %", "12.5"),
        ("€1.234,50", "1234.50"),
        ("€ 1.234,56", "1234.56"),
        ("1.234,56 €", "1234.56"),
        ("EUR 12", "12"),
        ("eur 12,50", "12.50"),
        ("$ 5", "5"),
        ("USD 1,250.75", "1250.75"),
        ("-5", "-5"),
        ("\u22125", "-5"),
        ("\u2013 5", "-5"),
        ("+5", "5"),
        ("(5)", "-5"),
        ("(1.234,50)", "-1234.50"),
        ("- 5", "-5"),
        ("-€ 5", "-5"),
        ("€ -5", "-5"),
        ("1 234,5", "1234.5"),
        ("1\u00a0234,5", "1234.5"),
        ("1\u202f234\u202f567", "1234567"),
        ("1 234 567.25", "1234567.25"),
        ("1.234.567", "1234567"),
        ("1,234,567", "1234567"),
        ("1.234.567,89", "1234567.89"),
        ("0,123", "0.123"),
        ("0.123", "0.123"),
        ("1234,567", "1234.567"),
        ("1 234,567", "1234.567"),
        (",5", "0.5"),
        (".5", "0.5"),
        ("1,5", "1.5"),
        ("1.5", "1.5"),
        ("12,3456", "12.3456"),
        ("€ 12,-", "12"),
        ("€ 1.234,-", "1234"),
        ("  42  ", "42"),
        ("-0", "0"),
    ],
)
def test_it_reads_numbers_as_people_type_them(text, expected):
    value = parse_number(text)
    assert value == D(expected)
    assert str(value) == expected
    # An unambiguous text means the same whatever decimal separator is configured.
    assert parse_number(text, decimal=",") == D(expected)
    assert parse_number(text, decimal=".") == D(expected)


def test_it_keeps_exact_decimals():
    assert parse_number("0,1") + parse_number("0,2") == D("0.3")
    assert parse_number("1234567890123456789,123456789") == D("1234567890123456789.123456789")
    assert parse_number("1,50") == D("1.50") and str(parse_number("1,50")) == "1.50"


@pytest.mark.parametrize(
    "text,sep", [("1.234", "."), ("1,234", ","), ("€ 1.234", "."), ("-12.345", ".")]
)
def test_it_refuses_to_guess_one_separator_with_three_digits(text, sep):
    with pytest.raises(NumberError) as e:
        parse_number(text)
    assert e.value.code == "ambiguous"
    assert e.value.params["sep"] == sep


def test_it_explains_both_readings_of_an_ambiguous_number():
    with pytest.raises(NumberError) as e:
        parse_number("1.234")
    nl, en = e.value.message("nl"), e.value.message("en")
    assert e.value.params["as_thousands"] == D(1234)
    assert e.value.params["as_decimal"] == D("1.234")
    assert "1234" in nl and "1,234" in nl and "decimaalteken" in nl and "komma of punt" in nl
    assert "1234" in en and "1.234" in en and "decimal separator" in en
    assert str(e.value) == en
    assert en.startswith("'1.234' can be read two ways")
    assert nl.startswith("'1.234' kan twee dingen betekenen")


def test_it_lets_the_decimal_option_settle_ambiguity():
    assert parse_number("1.234", decimal=",") == D(1234)
    assert parse_number("1,234", decimal=",") == D("1.234")
    assert parse_number("1.234", decimal=".") == D("1.234")
    assert parse_number("1,234", decimal=".") == D(1234)
    assert parse_number("€ 1.234", decimal=",") == D(1234)
    assert parse_number("-12.345", decimal=",") == D(-12345)
    assert parse_number("(1,234)", decimal=",") == D("-1.234")


def test_it_rejects_a_bad_decimal_option():
    with pytest.raises(ValueError):
        parse_number("1", decimal=";")


@pytest.mark.parametrize(
    "text",
    [
        "12,3,4",
        "1.2.3,4.5",
        "1,23,456",
        "1.234,567.8",
        "12,",
        "12.",
        "abc",
        "12 abc",
        "1e3",
        "1E3",
        "1,2E+05",
        "--5",
        "+-5",
        "(-5)",
        "5-",
        "€ 5 €",
        "€ 5%",
        "12 34",
        "1 23,4",
        "1.234 567",
        "NaN",
        "inf",
        "½",
        "١٢",
    ],
)
def test_it_rejects_unreadable_text(text):
    with pytest.raises(NumberError) as e:
        parse_number(text)
    assert e.value.code == "unreadable"
    assert e.value.params["text"] == text


def test_it_says_what_is_not_a_number_in_both_languages():
    with pytest.raises(NumberError) as e:
        parse_number("12,3,4")
    assert e.value.message("nl") == "'12,3,4' is geen getal"
    assert e.value.message("en") == "'12,3,4' is not a number"
    assert str(e.value) == "'12,3,4' is not a number"
    assert isinstance(e.value, ValueError)


@pytest.mark.parametrize("text", ["", "   ", "\u00a0", "\t\n"])
def test_it_reports_empty_text_separately(text):
    with pytest.raises(NumberError) as e:
        parse_number(text)
    assert e.value.code == "empty"
    assert e.value.message("nl") == "Geen getal ingevuld"


def test_it_accepts_numbers_from_spreadsheet_cells():
    assert parse_number(12) == D(12)
    assert parse_number(0.1) == D("0.1")
    assert parse_number(D("1.50")) == D("1.50")
    for bad, code in [(None, "empty"), (True, "unreadable"), (float("nan"), "unreadable")]:
        with pytest.raises(NumberError) as e:
            parse_number(bad)
        assert e.value.code == code


# ---- detect_decimal --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "texts,expected",
    [
        (["1.234,56", "1.234"], ","),
        (["1,234.56", "1,234"], "."),
        (["12"], None),
        ([], None),
        (["1.234", "12", ""], None),
        (["1.234", "0,5"], ","),
        (["1,234", "1.234.567"], ","),
        (["abc", "3.5", None, 12], "."),
        (["€ 12,-"], ","),
    ],
)
def test_it_detects_the_decimal_separator_from_clear_examples(texts, expected):
    assert detect_decimal(texts) == expected


def test_it_reads_an_ambiguous_column_with_the_detected_separator():
    column = ["1.234", "2.500", "999,95"]
    sep = detect_decimal(column)
    assert sep == ","
    assert [parse_number(t, sep) for t in column] == [D(1234), D(2500), D("999.95")]


def test_it_reports_contradicting_examples():
    with pytest.raises(NumberError) as e:
        detect_decimal(iter(["1,5", "12", "1.234,5", "2.5"]))
    assert e.value.code == "conflict"
    assert e.value.params == {"comma_example": "1,5", "point_example": "2.5"}
    assert e.value.message("nl") == (
        "De getallen spreken elkaar tegen: '1,5' gebruikt een komma als decimaalteken "
        "en '2.5' een punt"
    )
    assert str(e.value).startswith("The numbers contradict each other")


# ---- format_number ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value,decimals,lang,grouping,expected",
    [
        (D("1234.56"), 2, "nl", True, "1.234,56"),
        (D("1234.56"), 2, "en", True, "1,234.56"),
        (D("1234.56"), 2, "nl", False, "1234,56"),
        (D("1234.56"), 2, "en", False, "1234.56"),
        (D("1234567.891"), 1, "nl", True, "1.234.567,9"),
        (D("-1234567.891"), 1, "en", True, "-1,234,567.9"),
        (D("2.5"), 0, "nl", True, "3"),
        (D("-2.5"), 0, "nl", True, "-3"),
        (D("1.005"), 2, "nl", True, "1,01"),
        (D("1.004"), 2, "en", True, "1.00"),
        (D("-0.004"), 2, "nl", True, "0,00"),
        (D("12"), 2, "nl", True, "12,00"),
        (D("1.50"), None, "nl", True, "1,50"),
        (D("1E+3"), None, "nl", True, "1.000"),
        (D("999"), None, "nl", True, "999"),
        (D("100000"), None, "en", True, "100,000"),
        (1234, None, "nl", True, "1.234"),
        (0.1, None, "nl", True, "0,1"),
        (2.675, 2, "en", True, "2.68"),  # the float's shortest text is 2.675: half-up gives 2.68
        (D("0.5"), 0, "en", True, "1"),
        (D("123.456"), 2, "nl-NL", True, "123,46"),
    ],
)
def test_it_formats_numbers_for_each_language(value, decimals, lang, grouping, expected):
    assert format_number(value, decimals, lang=lang, grouping=grouping) == expected


def test_it_formats_nothing_as_empty_text():
    assert format_number(None) == ""
    assert format_number(None, 2, lang="en") == ""


def test_it_rejects_what_it_cannot_format():
    for value, decimals in [(D("NaN"), None), (float("inf"), 2), ("12", None), (D(1), -1)]:
        with pytest.raises(ValueError):
            format_number(value, decimals)


# ---- properties ------------------------------------------------------------------------------

finite = st.decimals(min_value=D("-1e15"), max_value=D("1e15"), allow_nan=False, places=6)
langs = st.sampled_from(["nl", "en"])
SEP = {"nl": ",", "en": "."}


@given(finite, langs, st.integers(0, 4), st.booleans())
def test_it_reads_back_what_it_formats(value, lang, decimals, grouping):
    text = format_number(value, decimals, lang=lang, grouping=grouping)
    expected = value.quantize(D(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    assert parse_number(text, decimal=SEP[lang]) == expected


@given(finite, langs)
def test_it_reads_back_two_decimals_without_any_hint(value, lang):
    text = format_number(value, 2, lang=lang)
    assert parse_number(text) == value.quantize(D("0.01"), rounding=ROUND_HALF_UP)


@given(finite, langs)
def test_it_writes_text_that_proves_its_own_separator(value, lang):
    text = format_number(value, 2, lang=lang)
    assert detect_decimal([text]) == SEP[lang]
