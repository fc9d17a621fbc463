import pytest

from koers.computation.errors import DefinitionError
from koers.computation.expressions import compile_expression

COLS = {"amount": "number", "status": "text", "sent": "date", "Klant Naam": "text"}


def compile_(text, aggregate=False, field_name="value"):
    return compile_expression(
        text, field_name=field_name, columns=COLS, source="quotes", aggregate=aggregate
    )


def refused(text, aggregate=True, field_name="value"):
    with pytest.raises(DefinitionError) as info:
        compile_(text, aggregate=aggregate, field_name=field_name)
    return info.value


def test_it_compiles_aggregates_with_filters_and_quotes_columns():
    c = compile_("sum(amount) filter (where status = 'won') / count(*)", aggregate=True)
    assert c.sql == '(sum("amount") FILTER (WHERE ("status" = \'won\')) / count(*))'
    assert c.columns == {"amount", "status"} and c.aggregates == 2


def test_it_matches_column_names_case_insensitively_and_quoted_names():
    c = compile_('count(distinct "Klant Naam") + max(AMOUNT)', aggregate=True)
    assert 'count(DISTINCT "Klant Naam")' in c.sql and 'max("amount")' in c.sql


def test_it_compiles_where_clauses_with_in_between_like_and_dates():
    c = compile_(
        "status in ('won', 'lost') and amount between 10 and 20 and not status like 'x%' "
        "and sent >= date '2025-01-01' and status is not null"
    )
    assert "IN ('won', 'lost')" in c.sql and "BETWEEN 10 AND 20" in c.sql
    assert "DATE '2025-01-01'" in c.sql and "IS NOT NULL" in c.sql


def test_it_refuses_subqueries_naming_the_part():
    error = refused("sum((select 1))")
    assert error.code == "subquery" and error.params["part"] == "select"
    assert "'select'" in error.message("nl") and "subquery" in error.message("nl")


def test_it_refuses_statements_after_a_semicolon():
    assert refused("count(*); drop table src").code == "subquery"


def test_it_refuses_table_functions_and_file_access():
    error = refused("count(*) + (read_csv('/etc/passwd'))")
    assert error.code == "table_function" and error.params["part"] == "read_csv"
    assert "bestandstoegang" in error.message("nl")
    assert refused("sum(range(3))").params["part"] == "range"


def test_it_refuses_functions_not_on_the_allow_list():
    error = refused("sum(getvariable('x'))")
    assert error.code == "unknown_function" and "getvariable" in error.message("en")


def test_it_refuses_unknown_columns_naming_column_and_source():
    error = refused("sum(price)")
    assert error.code == "unknown_column"
    assert "price" in error.message("en") and "quotes" in error.message("en")


def test_it_refuses_aggregates_in_where_and_plain_values_in_value():
    assert refused("count(*) > 1", aggregate=False, field_name="where").code == "aggregate_here"
    assert refused("amount * 2").code == "no_aggregate"
    assert refused("sum(max(amount))").code == "nested_aggregate"


def test_it_refuses_unterminated_strings_and_odd_characters():
    assert refused("count(*) filter (where status = 'won)").code == "unterminated"
    assert refused("sum(amount) @ 2").code == "bad_character"
    assert refused("sum(amount").code == "unexpected_end"
