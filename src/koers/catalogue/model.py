"""The catalogue's data model, value sets with their labels, and errors.

Pure Python: no Django import here or in anything imported from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from koers.errors import CodedError

LANGS: tuple[str, ...] = ("nl", "en")

# Text fields of an entry; each is a dict with a text per language.
TEXT_FIELDS: tuple[str, ...] = ("name", "definition", "data_source", "insight")

AREAS: dict[str, dict[str, str]] = {
    "marketing": {"nl": "Marketing", "en": "Marketing"},
    "sales": {"nl": "Verkoop", "en": "Sales"},
    "production": {"nl": "Productie", "en": "Production"},
    "purchasing": {"nl": "Inkoop & inslag", "en": "Purchasing & intake"},
    "finance": {"nl": "Financieel", "en": "Finance"},
    "customers": {"nl": "Klantgerichtheid", "en": "Customer focus"},
    "people": {"nl": "Medewerkers", "en": "People"},
    "other": {"nl": "Overig", "en": "Other"},
}

UNITS: dict[str, dict[str, str]] = {
    "percent": {"nl": "procent", "en": "percent"},
    "euro": {"nl": "euro", "en": "euro"},
    "count": {"nl": "aantal", "en": "count"},
    "hours": {"nl": "uren", "en": "hours"},
    "days": {"nl": "dagen", "en": "days"},
    "ratio": {"nl": "verhouding", "en": "ratio"},
    "minutes": {"nl": "minuten", "en": "minutes"},
}

DIRECTIONS: dict[str, dict[str, str]] = {
    "higher": {"nl": "hoger is beter", "en": "higher is better"},
    "lower": {"nl": "lager is beter", "en": "lower is better"},
}

FREQUENCIES: dict[str, dict[str, str]] = {
    "week": {"nl": "week", "en": "week"},
    "month": {"nl": "maand", "en": "month"},
    "quarter": {"nl": "kwartaal", "en": "quarter"},
    "year": {"nl": "jaar", "en": "year"},
}

# How values of short periods combine into a longer period.
AGGREGATIONS: dict[str, dict[str, str]] = {
    "sum": {"nl": "optellen", "en": "sum"},
    "average": {"nl": "gemiddelde", "en": "average"},
    "last": {"nl": "laatste waarde", "en": "last value"},
}

_MESSAGES: dict[str, dict[str, str]] = {
    "unknown_kpi": {
        "nl": "Onbekende KPI in de catalogus: {key}.",
        "en": "Unknown KPI in the catalogue: {key}.",
    },
    "unknown_area": {
        "nl": "Onbekend functiegebied: {area}.",
        "en": "Unknown functional area: {area}.",
    },
    "unknown_language": {
        "nl": "Onbekende taal: {lang}. Kies nl of en.",
        "en": "Unknown language: {lang}. Choose nl or en.",
    },
    "unknown_field": {
        "nl": "Onbekend tekstveld: {field}.",
        "en": "Unknown text field: {field}.",
    },
    "invalid_entry": {
        "nl": "Ongeldige catalogusregel {key}: {problem}.",
        "en": "Invalid catalogue entry {key}: {problem}.",
    },
}


class CatalogueError(CodedError):
    """An error with a stable code, its parameters and a Dutch/English message."""

    messages = _MESSAGES


class UnknownEntryError(CatalogueError, KeyError):
    """Raised by get() for a key that is not in the catalogue."""


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise CatalogueError("unknown_language", lang=lang)
    return lang


@dataclass(frozen=True)
class Entry:
    """One KPI of the catalogue. Text fields hold {"nl": ..., "en": ...}."""

    key: str
    area: str
    name: dict[str, str]
    definition: dict[str, str]
    unit: str
    direction: str
    frequency: str
    aggregation: str
    decimals: int
    data_source: dict[str, str]
    insight: dict[str, str]
    from_guidance: bool = False
    parent_key: str | None = None

    def __post_init__(self) -> None:
        def bad(problem: str) -> CatalogueError:
            return CatalogueError("invalid_entry", key=self.key, problem=problem)

        if not self.key or not self.key.replace("_", "").isalnum() or self.key != self.key.lower():
            raise bad("key must be snake_case")
        for attr, allowed in (
            ("area", AREAS),
            ("unit", UNITS),
            ("direction", DIRECTIONS),
            ("frequency", FREQUENCIES),
            ("aggregation", AGGREGATIONS),
        ):
            if getattr(self, attr) not in allowed:
                raise bad(f"{attr} {getattr(self, attr)!r} not in {sorted(allowed)}")
        if not isinstance(self.decimals, int) or not 0 <= self.decimals <= 4:
            raise bad("decimals must be an int from 0 to 4")
        for field in TEXT_FIELDS:
            texts = getattr(self, field)
            for lang in LANGS:
                if not isinstance(texts.get(lang), str) or not texts[lang].strip():
                    raise bad(f"{field} has no {lang} text")
        if self.parent_key == self.key:
            raise bad("an entry cannot be its own parent")

    def __hash__(self) -> int:
        return hash(self.key)

    def text(self, field: str, lang: str = "nl") -> str:
        """The text of one text field (name, definition, data_source, insight) in lang."""
        if field not in TEXT_FIELDS:
            raise CatalogueError("unknown_field", field=field)
        return getattr(self, field)[check_lang(lang)]

    def to_dict(self, lang: str = "nl") -> dict:
        """A flat, JSON-ready dict with the texts in lang."""
        check_lang(lang)
        return {
            "key": self.key,
            "area": self.area,
            "area_name": AREAS[self.area][lang],
            "name": self.name[lang],
            "definition": self.definition[lang],
            "unit": self.unit,
            "direction": self.direction,
            "frequency": self.frequency,
            "aggregation": self.aggregation,
            "decimals": self.decimals,
            "data_source": self.data_source[lang],
            "insight": self.insight[lang],
            "from_guidance": self.from_guidance,
            "parent_key": self.parent_key,
        }
