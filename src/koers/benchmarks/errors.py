"""What can be wrong with a benchmark file, in Dutch and English (``CodedError`` texts)."""

from __future__ import annotations

from koers.errors import CodedError
from koers.language import resolve


class BenchmarkError(CodedError):
    """A benchmark file or one of its cells cannot be read: the message names row and column."""

    messages = {
        "file": {"nl": "{reason}", "en": "{reason}"},
        "missing_column": {
            "nl": "Er is geen kolom '{column}' (of '{alias}'); gevonden kolommen: {headers}",
            "en": "There is no '{column}' column (or '{alias}'); headers found: {headers}",
        },
        "unknown_key": {
            "nl": "Rij {row}, kolom '{column}': '{value}' is geen KPI uit de catalogus",
            "en": "Row {row}, column '{column}': '{value}' is not a KPI of the catalogue",
        },
        "not_a_number": {
            "nl": "Rij {row}, kolom '{column}': '{value}' is geen getal",
            "en": "Row {row}, column '{column}': '{value}' is not a number",
        },
        "empty": {
            "nl": "Rij {row}, kolom '{column}': de cel is leeg",
            "en": "Row {row}, column '{column}': the cell is empty",
        },
        "not_a_count": {
            "nl": "Rij {row}, kolom '{column}': '{value}' is geen aantal bedrijven (een geheel "
            "getal vanaf 1)",
            "en": "Row {row}, column '{column}': '{value}' is not a number of companies (a "
            "whole number from 1)",
        },
        "not_a_year": {
            "nl": "Rij {row}, kolom '{column}': '{value}' is geen jaar of periode (zoals 2024 "
            "of 2024-Q3)",
            "en": "Row {row}, column '{column}': '{value}' is not a year or period (such as "
            "2024 or 2024-Q3)",
        },
        "p25_above_median": {
            "nl": "Rij {row}, kolom '{column}': P25 ({p25}) is groter dan de mediaan ({median})",
            "en": "Row {row}, column '{column}': P25 ({p25}) is greater than the median ({median})",
        },
        "median_above_p75": {
            "nl": "Rij {row}, kolom '{column}': de mediaan ({median}) is groter dan P75 ({p75})",
            "en": "Row {row}, column '{column}': the median ({median}) is greater than P75 ({p75})",
        },
        "bad_sector": {
            "nl": "Rij {row}, kolom '{column}': '{value}' is geen SBI-code (2 tot 5 cijfers)",
            "en": "Row {row}, column '{column}': '{value}' is not an SBI code (2 to 5 digits)",
        },
        "bad_size_class": {
            "nl": "Rij {row}, kolom '{column}': '{value}' is geen grootteklasse (micro, klein, "
            "middelgroot, groot, of 1-9, 10-49, 50-249, 250+)",
            "en": "Row {row}, column '{column}': '{value}' is not a size class (micro, small, "
            "medium, large, or 1-9, 10-49, 50-249, 250+)",
        },
        "too_long": {
            "nl": "Rij {row}, kolom '{column}': de tekst is langer dan {limit} tekens",
            "en": "Row {row}, column '{column}': the text is longer than {limit} characters",
        },
        "no_rows": {
            "nl": "Het bestand bevat geen cijfers onder de kopregel",
            "en": "The file holds no figures under its header",
        },
    }

    @classmethod
    def from_table(cls, error) -> BenchmarkError:
        """The file as a whole cannot be read (``koers.dataentry.tables.TableError``)."""
        made = cls("file", reason=error.message("en"))
        made.table_error = error
        return made

    def message(self, lang: str | None = None) -> str:
        table_error = getattr(self, "table_error", None)
        if table_error is not None:
            return table_error.message(resolve(lang))
        return super().message(lang)

    @property
    def row(self) -> int | None:
        return self.params.get("row")

    @property
    def column(self) -> str | None:
        return self.params.get("column")
