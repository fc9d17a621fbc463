"""Koers' KPI catalogue: the example KPIs of the guidance text plus common SME indicators.

Pure Python (no Django). Use:

    from koers.catalogue import ENTRIES, AREAS, get, entries
    get("quote_success_ratio").text("name", "nl")   # "Succesratio offertes"
    entries(area="sales", search="offerte", lang="nl")
"""

from __future__ import annotations

import unicodedata

from koers.catalogue.data import ENTRIES
from koers.catalogue.model import (
    AGGREGATIONS,
    AREAS,
    DIRECTIONS,
    FREQUENCIES,
    LANGS,
    TEXT_FIELDS,
    UNITS,
    CatalogueError,
    Entry,
    UnknownEntryError,
    check_lang,
)

__all__ = [
    "AGGREGATIONS",
    "AREAS",
    "DIRECTIONS",
    "ENTRIES",
    "FREQUENCIES",
    "LANGS",
    "TEXT_FIELDS",
    "UNITS",
    "CatalogueError",
    "Entry",
    "UnknownEntryError",
    "children",
    "entries",
    "get",
]


def _build_index(items: tuple[Entry, ...]) -> dict[str, Entry]:
    index: dict[str, Entry] = {}
    for entry in items:
        if entry.key in index:
            raise CatalogueError("invalid_entry", key=entry.key, problem="duplicate key")
        index[entry.key] = entry
    for entry in items:
        seen = {entry.key}
        parent = entry.parent_key
        while parent is not None:
            if parent not in index:
                raise CatalogueError(
                    "invalid_entry", key=entry.key, problem=f"unknown parent {parent}"
                )
            if parent in seen:
                raise CatalogueError("invalid_entry", key=entry.key, problem="parent cycle")
            seen.add(parent)
            parent = index[parent].parent_key
    return index


_BY_KEY = _build_index(ENTRIES)


def get(key: str) -> Entry:
    """The entry with this key; raises UnknownEntryError (a KeyError) if there is none."""
    try:
        return _BY_KEY[key]
    except (KeyError, TypeError):
        raise UnknownEntryError("unknown_kpi", key=key) from None


def children(key: str) -> list[Entry]:
    """The entries whose parent_key is key (unit indicators under a top indicator)."""
    get(key)
    return [entry for entry in ENTRIES if entry.parent_key == key]


def _fold(text: str) -> str:
    """Lower-case and strip accents, so 'ïnkoop' matches 'inkoop'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def entries(area: str | None = None, search: str | None = None, lang: str = "nl") -> list[Entry]:
    """Entries in catalogue order, optionally filtered.

    area: one of AREAS (None or "" for all; an unknown area raises CatalogueError).
    search: case- and accent-insensitive; every word must occur in the entry's name or
    definition in lang, or in its key (underscores count as spaces).
    """
    check_lang(lang)
    if area and area not in AREAS:
        raise CatalogueError("unknown_area", area=area)
    terms = _fold(search).split() if search else []
    result = []
    for entry in ENTRIES:
        if area and entry.area != area:
            continue
        if terms:
            haystack = _fold(
                " ".join(
                    (
                        entry.name[lang],
                        entry.definition[lang],
                        entry.key,
                        entry.key.replace("_", " "),
                    )
                )
            )
            if not all(term in haystack for term in terms):
                continue
        result.append(entry)
    return result
