"""Tests for the pure KPI catalogue (koers.catalogue)."""

import ast
import json
from pathlib import Path

import pytest

from koers import catalogue
from koers.catalogue import (
    AGGREGATIONS,
    AREAS,
    DIRECTIONS,
    ENTRIES,
    FREQUENCIES,
    TEXT_FIELDS,
    UNITS,
    CatalogueError,
    Entry,
    UnknownEntryError,
    children,
    entries,
    get,
)

# The examples per functional area named in the guidance text (/work/shared/seed/).
GUIDANCE_EXAMPLES = {
    "marketing": [
        "market_share",
        "market_share_product_group",
        "market_share_growth",
        "mailing_respondents",
        "newsletter_signups",
        "website_visitors",
    ],
    "sales": [
        "outstanding_quotes",
        "lost_quotes",
        "quote_success_ratio",
        "new_customers",
        "lost_customers",
        "revenue",
        "revenue_growth",
    ],
    "production": [
        "production_orders_per_hour",
        "order_backlog",
        "returns_by_reason",
        "machine_downtime_hours",
        "inventory_per_product",
    ],
    "purchasing": ["purchase_price", "purchase_margin", "units_purchased", "supplier_count"],
    "finance": [
        "sales_invoices",
        "invoices_overdue",
        "average_invoice_amount",
        "average_discount",
        "gross_margin",
        "net_margin",
    ],
}

# The customer-focus hierarchy of the guidance text: top indicator -> unit indicators.
HIERARCHY = {
    "customer_satisfaction": ["delivery_reliability", "order_volume"],
    "complaints": ["product_returns", "aftersales_resolution_days"],
}

OTHER_REQUIRED = {
    "absenteeism": "people",
    "employee_satisfaction": "people",
    "staff_turnover": "people",
    "training_hours": "people",
    "first_time_right": "production",
    "scrap_rate": "production",
    "on_time_production": "production",
    "oee": "production",
    "stock_turnover": "purchasing",
    "supplier_delivery_reliability": "purchasing",
    "days_sales_outstanding": "finance",
    "liquidity_current_ratio": "finance",
    "cash_position": "finance",
    "revenue_per_employee": "finance",
    "net_promoter_score": "customers",
    "quote_lead_time_days": "sales",
    "customer_retention": "customers",
    "safety_incidents": "other",
    "energy_use_per_unit": "other",
}

TO_DICT_KEYS = {
    "key",
    "name",
    "definition",
    "unit",
    "direction",
    "frequency",
    "area",
    "aggregation",
    "decimals",
    "data_source",
    "insight",
    "from_guidance",
    "parent_key",
}


def _sample_kwargs(**overrides):
    texts = {"nl": "tekst", "en": "text"}
    kwargs = dict(
        key="sample_kpi",
        area="sales",
        name=texts,
        definition=texts,
        unit="count",
        direction="higher",
        frequency="month",
        aggregation="sum",
        decimals=0,
        data_source=texts,
        insight=texts,
    )
    kwargs.update(overrides)
    return kwargs


class TestContent:
    def test_it_contains_every_guidance_example_in_its_area(self):
        for area, keys in GUIDANCE_EXAMPLES.items():
            for key in keys:
                entry = get(key)
                assert entry.area == area, key
                assert entry.from_guidance is True, key

    def test_it_contains_the_customer_focus_hierarchy(self):
        for top, units in HIERARCHY.items():
            assert get(top).area == "customers"
            assert get(top).parent_key is None
            assert get(top).from_guidance is True
            for key in units:
                assert get(key).parent_key == top
                assert get(key).from_guidance is True
            assert sorted(e.key for e in children(top)) == sorted(units)

    def test_it_marks_only_the_text_examples_as_from_guidance(self):
        expected = {k for keys in GUIDANCE_EXAMPLES.values() for k in keys}
        expected |= set(HIERARCHY) | {k for units in HIERARCHY.values() for k in units}
        assert {e.key for e in ENTRIES if e.from_guidance} == expected

    def test_it_contains_the_other_sme_indicators(self):
        for key, area in OTHER_REQUIRED.items():
            assert get(key).area == area, key
            assert get(key).from_guidance is False, key

    def test_it_has_around_fifty_entries(self):
        assert 45 <= len(ENTRIES) <= 70

    def test_it_uses_names_close_to_the_dutch_text(self):
        assert get("quote_success_ratio").name["nl"] == "Succesratio offertes"
        assert get("machine_downtime_hours").name["nl"] == "Aantal uren stilstand per machine"
        assert get("outstanding_quotes").name["nl"] == "Aantal uitstaande offertes"
        assert get("supplier_count").name["nl"] == "Aantal leveranciers"
        assert get("invoices_overdue").name["nl"] == "Facturen over betaaltermijn"
        assert AREAS["purchasing"]["nl"] == "Inkoop & inslag"
        assert AREAS["sales"]["nl"] == "Verkoop"

    def test_it_gives_every_entry_non_empty_dutch_and_english_texts(self):
        for entry in ENTRIES:
            for field in TEXT_FIELDS:
                for lang in ("nl", "en"):
                    text = entry.text(field, lang)
                    assert isinstance(text, str) and text.strip(), (entry.key, field, lang)
            # The two languages are really translated, not copied (names may coincide).
            for field in ("definition", "data_source", "insight"):
                assert entry.text(field, "nl") != entry.text(field, "en"), (entry.key, field)

    def test_it_uses_only_allowed_values(self):
        assert set(UNITS) == {"percent", "euro", "count", "hours", "days", "ratio", "minutes"}
        assert set(DIRECTIONS) == {"higher", "lower"}
        assert set(FREQUENCIES) == {"week", "month", "quarter", "year"}
        assert set(AGGREGATIONS) == {"sum", "average", "last"}
        assert set(AREAS) == {
            "marketing",
            "sales",
            "production",
            "purchasing",
            "finance",
            "customers",
            "people",
            "other",
        }
        for entry in ENTRIES:
            assert entry.unit in UNITS, entry.key
            assert entry.direction in DIRECTIONS, entry.key
            assert entry.frequency in FREQUENCIES, entry.key
            assert entry.aggregation in AGGREGATIONS, entry.key
            assert entry.area in AREAS, entry.key
            assert isinstance(entry.decimals, int) and 0 <= entry.decimals <= 4, entry.key

    def test_it_gives_every_area_at_least_one_entry_and_labels_in_both_languages(self):
        for area, labels in AREAS.items():
            assert entries(area=area), area
            assert labels["nl"].strip() and labels["en"].strip()

    def test_it_has_unique_snake_case_keys(self):
        keys = [e.key for e in ENTRIES]
        assert len(keys) == len(set(keys))
        for key in keys:
            assert key == key.lower() and " " not in key and "-" not in key, key

    def test_it_has_existing_parent_keys_without_cycles(self):
        by_key = {e.key: e for e in ENTRIES}
        for entry in ENTRIES:
            seen = {entry.key}
            parent = entry.parent_key
            while parent is not None:
                assert parent in by_key, (entry.key, parent)
                assert parent not in seen, f"cycle through {entry.key}"
                seen.add(parent)
                parent = by_key[parent].parent_key

    def test_it_percent_entries_say_times_hundred_or_percentage_points(self):
        for entry in ENTRIES:
            if entry.unit == "percent":
                nl = entry.definition["nl"]
                assert "× 100" in nl or "procentpunt" in nl or "Percentage" in nl, entry.key


class TestSemantics:
    """Units, directions and aggregations that follow from what is measured."""

    @pytest.mark.parametrize(
        "key, direction",
        [
            ("outstanding_quotes", "higher"),
            ("lost_quotes", "lower"),
            ("quote_success_ratio", "higher"),
            ("lost_customers", "lower"),
            ("machine_downtime_hours", "lower"),
            ("invoices_overdue", "lower"),
            ("average_discount", "lower"),
            ("purchase_price", "lower"),
            ("complaints", "lower"),
            ("aftersales_resolution_days", "lower"),
            ("absenteeism", "lower"),
            ("days_sales_outstanding", "lower"),
            ("gross_margin", "higher"),
            ("delivery_reliability", "higher"),
        ],
    )
    def test_it_points_directions_the_right_way(self, key, direction):
        assert get(key).direction == direction

    @pytest.mark.parametrize(
        "key, unit",
        [
            ("quote_success_ratio", "percent"),
            ("revenue", "euro"),
            ("machine_downtime_hours", "hours"),
            ("aftersales_resolution_days", "days"),
            ("days_sales_outstanding", "days"),
            ("production_orders_per_hour", "ratio"),
            ("liquidity_current_ratio", "ratio"),
            ("new_customers", "count"),
        ],
    )
    def test_it_uses_the_unit_of_what_is_measured(self, key, unit):
        assert get(key).unit == unit

    def test_it_takes_the_last_value_for_stocks_and_sums_flows(self):
        for key in (
            "order_backlog",
            "inventory_per_product",
            "outstanding_quotes",
            "cash_position",
        ):
            assert get(key).aggregation == "last", key
        for key in ("revenue", "new_customers", "lost_quotes", "complaints", "sales_invoices"):
            assert get(key).aggregation == "sum", key

    def test_it_never_sums_percentages_of_a_state_or_averages(self):
        for entry in ENTRIES:
            if entry.unit == "percent" and entry.aggregation == "sum":
                # Only flow rates over an average base add up (turnover per quarter -> year).
                assert entry.key == "staff_turnover", entry.key
            if entry.unit == "count" and entry.aggregation == "average":
                pytest.fail(f"{entry.key}: counts are summed or taken at the reference date")

    def test_it_warns_that_outstanding_quotes_can_mislead(self):
        insight = get("outstanding_quotes").insight
        assert "misleiden" in insight["nl"]
        assert "mislead" in insight["en"]


class TestLookup:
    def test_it_gets_an_entry_by_key(self):
        entry = get("quote_success_ratio")
        assert isinstance(entry, Entry)
        assert entry.text("name", "en") == "Quote success ratio"

    def test_it_raises_a_key_error_with_code_and_messages_for_an_unknown_key(self):
        with pytest.raises(KeyError) as info:
            get("no_such_kpi")
        error = info.value
        assert isinstance(error, UnknownEntryError)
        assert error.code == "unknown_kpi"
        assert error.params == {"key": "no_such_kpi"}
        assert "Onbekende KPI" in error.message("nl")
        assert "Unknown KPI" in error.message("en")
        assert "no_such_kpi" in str(error)

    def test_it_rejects_an_unknown_field_or_language_in_text(self):
        entry = get("revenue")
        with pytest.raises(CatalogueError) as info:
            entry.text("colour", "nl")
        assert info.value.code == "unknown_field"
        with pytest.raises(CatalogueError) as info:
            entry.text("name", "de")
        assert info.value.code == "unknown_language"

    def test_it_lists_children_of_a_top_indicator_only(self):
        assert children("revenue") == []
        with pytest.raises(UnknownEntryError):
            children("nope")

    def test_it_hashes_entries_by_key(self):
        assert len({get("revenue"), get("revenue"), get("complaints")}) == 2


class TestEntries:
    def test_it_returns_all_entries_in_catalogue_order_without_filters(self):
        assert entries() == list(ENTRIES)

    def test_it_filters_by_area(self):
        sales = entries(area="sales")
        assert sales and all(e.area == "sales" for e in sales)
        assert {k for k in GUIDANCE_EXAMPLES["sales"]} <= {e.key for e in sales}
        assert sum(len(entries(area=a)) for a in AREAS) == len(ENTRIES)

    def test_it_rejects_an_unknown_area(self):
        with pytest.raises(CatalogueError) as info:
            entries(area="hr")
        assert info.value.code == "unknown_area"
        assert "hr" in info.value.message("nl")

    def test_it_finds_offerte_in_dutch(self):
        keys = {e.key for e in entries(search="offerte", lang="nl")}
        assert {"outstanding_quotes", "lost_quotes", "quote_success_ratio"} <= keys
        assert "revenue" not in keys

    def test_it_finds_quote_in_english(self):
        keys = {e.key for e in entries(search="quote", lang="en")}
        assert {"outstanding_quotes", "lost_quotes", "quote_success_ratio"} <= keys
        assert "gross_margin" not in keys

    def test_it_searches_case_insensitively(self):
        assert entries(search="OFFERTE", lang="nl") == entries(search="offerte", lang="nl")
        assert entries(search="Quote", lang="en") == entries(search="quote", lang="en")

    def test_it_searches_only_the_requested_language(self):
        # "offerte" is Dutch: it appears in no English name/definition and in no key.
        assert entries(search="offerte", lang="en") == []
        assert entries(search="stilstand", lang="en") == []
        assert get("machine_downtime_hours") in entries(search="stilstand", lang="nl")

    def test_it_matches_the_key(self):
        assert entries(search="oee", lang="nl")[0].key == "oee"
        found = {e.key for e in entries(search="quote_success", lang="nl")}
        assert found == {"quote_success_ratio"}

    def test_it_requires_every_search_word(self):
        found = entries(search="marktaandeel productgroep", lang="nl")
        assert [e.key for e in found] == ["market_share_product_group"]

    def test_it_ignores_accents_and_blank_search(self):
        assert get("purchase_price") in entries(search="ÍNKOOPPRIJS", lang="nl")
        assert entries(search="   ", lang="nl") == list(ENTRIES)

    def test_it_combines_area_and_search(self):
        found = entries(area="finance", search="marge", lang="nl")
        assert {e.key for e in found} == {"gross_margin", "net_margin"}

    def test_it_rejects_an_unknown_language(self):
        with pytest.raises(CatalogueError) as info:
            entries(lang="fr")
        assert info.value.code == "unknown_language"


class TestToDict:
    def test_it_has_the_required_keys_and_texts_in_the_language(self):
        entry = get("delivery_reliability")
        data_nl = entry.to_dict("nl")
        data_en = entry.to_dict("en")
        assert TO_DICT_KEYS <= set(data_nl)
        assert data_nl["name"] == "Leverbetrouwbaarheid"
        assert data_en["name"] == "Delivery reliability"
        assert data_nl["parent_key"] == "customer_satisfaction"
        assert data_nl["from_guidance"] is True
        assert data_nl["area_name"] == "Klantgerichtheid"
        assert data_en["area_name"] == "Customer focus"

    def test_it_is_json_serialisable_for_every_entry(self):
        for entry in ENTRIES:
            for lang in ("nl", "en"):
                data = json.loads(json.dumps(entry.to_dict(lang)))
                assert data["key"] == entry.key
                assert all(isinstance(data[f], str) for f in TEXT_FIELDS)


class TestEntryValidation:
    def test_it_accepts_a_valid_entry(self):
        assert Entry(**_sample_kwargs()).key == "sample_kpi"

    @pytest.mark.parametrize(
        "overrides",
        [
            {"unit": "kg"},
            {"direction": "up"},
            {"frequency": "day"},
            {"aggregation": "max"},
            {"area": "hr"},
            {"key": "Bad Key"},
            {"decimals": -1},
            {"name": {"nl": "naam", "en": ""}},
            {"insight": {"nl": "inzicht"}},
            {"parent_key": "sample_kpi"},
        ],
    )
    def test_it_rejects_an_invalid_entry(self, overrides):
        with pytest.raises(CatalogueError) as info:
            Entry(**_sample_kwargs(**overrides))
        assert info.value.code == "invalid_entry"

    def test_it_is_immutable(self):
        with pytest.raises(AttributeError):
            get("revenue").unit = "count"


def test_it_imports_no_django_anywhere_in_the_package():
    package_dir = Path(catalogue.__file__).parent
    for path in package_dir.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert not name.startswith("django"), (path.name, name)
                if name.startswith("koers"):
                    pure = ("koers.catalogue", "koers.errors", "koers.language")
                    assert name.startswith(pure), (path.name, name)
