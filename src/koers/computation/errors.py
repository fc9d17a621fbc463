"""Errors of computed-KPI definitions: a stable code, its parameters, a Dutch and English message.

Pure Python: no Django import here or in anything imported from here.
"""

from __future__ import annotations

from koers.errors import CodedError

_MESSAGES: dict[str, dict[str, str]] = {
    "empty": {
        "nl": "{field}: leeg; vul een expressie in.",
        "en": "{field}: empty; enter an expression.",
    },
    "bad_character": {
        "nl": "{field}: teken '{part}' op positie {pos} is niet toegestaan.",
        "en": "{field}: character '{part}' at position {pos} is not allowed.",
    },
    "unterminated": {
        "nl": "{field}: tekst of naam zonder sluitend aanhalingsteken vanaf positie {pos}.",
        "en": "{field}: text or name without its closing quote from position {pos}.",
    },
    "unexpected": {
        "nl": "{field}: '{part}' op positie {pos} verwacht ik hier niet.",
        "en": "{field}: did not expect '{part}' at position {pos}.",
    },
    "unexpected_end": {
        "nl": "{field}: de expressie houdt te vroeg op.",
        "en": "{field}: the expression ends too early.",
    },
    "subquery": {
        "nl": "{field}: '{part}' is niet toegestaan: geen subquery's of andere SQL-opdrachten.",
        "en": "{field}: '{part}' is not allowed: no subqueries or other SQL statements.",
    },
    "table_function": {
        "nl": "{field}: '{part}' is niet toegestaan: geen tabelfuncties of bestandstoegang.",
        "en": "{field}: '{part}' is not allowed: no table functions or file access.",
    },
    "unknown_function": {
        "nl": "{field}: functie '{part}' staat niet op de lijst van toegestane functies "
        "({allowed}).",
        "en": "{field}: function '{part}' is not on the list of allowed functions ({allowed}).",
    },
    "unknown_column": {
        "nl": "{field}: kolom '{part}' bestaat niet in bron {source} (kolommen: {columns}).",
        "en": "{field}: column '{part}' does not exist in source {source} (columns: {columns}).",
    },
    "aggregate_here": {
        "nl": "{field}: '{part}' telt rijen op en hoort in 'value' of 'denominator', niet hier.",
        "en": "{field}: '{part}' aggregates rows and belongs in 'value' or 'denominator', "
        "not here.",
    },
    "no_aggregate": {
        "nl": "{field}: gebruik een optelling over de rijen, zoals count(*) of sum(bedrag).",
        "en": "{field}: use an aggregate over the rows, such as count(*) or sum(amount).",
    },
    "nested_aggregate": {
        "nl": "{field}: '{part}' staat binnen een andere optelling.",
        "en": "{field}: '{part}' is inside another aggregate.",
    },
    "missing_field": {
        "nl": "KPI {kpi}: '{part}' ontbreekt.",
        "en": "KPI {kpi}: '{part}' is missing.",
    },
    "bad_field": {
        "nl": "KPI {kpi}: '{part}' heeft een ongeldige waarde {value!r}; kies uit {allowed}.",
        "en": "KPI {kpi}: '{part}' has an invalid value {value!r}; choose from {allowed}.",
    },
    "unknown_field": {
        "nl": "KPI {kpi}: onbekend veld '{part}'.",
        "en": "KPI {kpi}: unknown field '{part}'.",
    },
    "date_and_as_of": {
        "nl": "KPI {kpi}: geef 'date' of 'as_of', niet allebei en niet geen van beide.",
        "en": "KPI {kpi}: give 'date' or 'as_of', not both and not neither.",
    },
    "not_a_date": {
        "nl": "KPI {kpi}: kolom '{part}' is geen datumkolom (type: {type}).",
        "en": "KPI {kpi}: column '{part}' is not a date column (type: {type}).",
    },
    "unknown_source": {
        "nl": "KPI {kpi}: er is geen bron '{part}' (bronnen: {sources}).",
        "en": "KPI {kpi}: there is no source '{part}' (sources: {sources}).",
    },
    "unknown_unit": {
        "nl": "KPI {kpi}: er is geen team '{part}'.",
        "en": "KPI {kpi}: there is no unit '{part}'.",
    },
    "manual_kpi": {
        "nl": "KPI {kpi} bestaat al en krijgt zijn waarden van mensen; kies een andere code.",
        "en": "KPI {kpi} already exists and gets its values from people; choose another code.",
    },
    "toml": {
        "nl": "{file}: geen geldige TOML: {problem}",
        "en": "{file}: not valid TOML: {problem}",
    },
    "no_kpis": {
        "nl": "{file}: geen [[kpi]]-tabellen gevonden.",
        "en": "{file}: no [[kpi]] tables found.",
    },
}


class DefinitionError(CodedError):
    """A problem in a definition; ``message(lang)`` says what and where."""

    messages = _MESSAGES
