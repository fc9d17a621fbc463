"""The catalogue as text or JSON for `koers catalogue`. Pure Python (no Django)."""

from __future__ import annotations

import json
import textwrap

from koers import catalogue

_LABELS = {
    "nl": {
        "unit": "eenheid",
        "direction": "richting",
        "frequency": "frequentie",
        "source": "bron",
        "guidance": "voorbeeld uit de handreiking",
        "count": "{n} KPI's",
    },
    "en": {
        "unit": "unit",
        "direction": "direction",
        "frequency": "frequency",
        "source": "source",
        "guidance": "example from the guidance text",
        "count": "{n} KPIs",
    },
}


def listing(lang: str = "nl", area: str | None = None) -> list[dict]:
    """One JSON-ready dict per entry (see catalogue.Entry.to_dict), in catalogue order.

    Raises catalogue.CatalogueError for an unknown language or area.
    """
    return [entry.to_dict(lang) for entry in catalogue.entries(area=area or None, lang=lang)]


def as_json(lang: str = "nl", area: str | None = None) -> str:
    return json.dumps(listing(lang, area), ensure_ascii=False, indent=2)


def as_text(lang: str = "nl", area: str | None = None, width: int = 88) -> str:
    """A readable list grouped by functional area."""
    labels = _LABELS[catalogue.check_lang(lang)]
    rows = listing(lang, area)
    lines: list[str] = []
    current = None
    for row in rows:
        if row["area"] != current:
            current = row["area"]
            if lines:
                lines.append("")
            lines.append(f"== {row['area_name']} ==")
        mark = " *" if row["from_guidance"] else ""
        lines.append(f"{row['key']}: {row['name']}{mark}")
        details = (
            f"{labels['unit']}: {catalogue.UNITS[row['unit']][lang]}; "
            f"{labels['direction']}: {catalogue.DIRECTIONS[row['direction']][lang]}; "
            f"{labels['frequency']}: {catalogue.FREQUENCIES[row['frequency']][lang]}"
        )
        for text in (details, row["definition"], f"{labels['source']}: {row['data_source']}"):
            lines.extend(
                textwrap.wrap(text, width, initial_indent="    ", subsequent_indent="    ")
            )
    lines.append("")
    lines.append(f"* {labels['guidance']}. " + labels["count"].format(n=len(rows)))
    return "\n".join(lines) + "\n"
