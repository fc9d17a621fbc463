"""TrendError: bad options or input for the trend engine, with Dutch and English messages."""

from __future__ import annotations

from koers.errors import CodedError

_MESSAGES = {
    "no_values": {
        "en": "No numbers to analyse.",
        "nl": "Geen getallen om te analyseren.",
    },
    "not_finite": {
        "en": "Value {index} is not a finite number.",
        "nl": "Waarde {index} is geen eindig getal.",
    },
    "bad_shape": {
        "en": "Give a list of series or a 2-D array.",
        "nl": "Geef een lijst van reeksen of een 2-D-array.",
    },
    "bad_direction": {
        "en": "Direction must be 'higher' or 'lower', not '{value}'.",
        "nl": "Richting moet 'higher' of 'lower' zijn, niet '{value}'.",
    },
    "bad_spread": {
        "en": "Spread must be 'mean' or 'median', not '{value}'.",
        "nl": "Spreiding moet 'mean' of 'median' zijn, niet '{value}'.",
    },
    "baseline_out_of_range": {
        "en": "Baseline {value} is out of range: choose 2 to {max} points.",
        "nl": "Basis {value} valt buiten het bereik: kies 2 tot en met {max} punten.",
    },
    "rebaseline_out_of_range": {
        "en": "Re-baseline index {value} is out of range: the series has indices 0 to {max}.",
        "nl": "Herstartindex {value} valt buiten het bereik: de reeks loopt van 0 tot en met "
        "{max}.",
    },
    "bad_season_length": {
        "en": "Season length must be a whole number of at least 2, not '{value}'.",
        "nl": "Seizoenslengte moet een geheel getal van minstens 2 zijn, niet '{value}'.",
    },
    "bad_lower_bound": {
        "en": "Lower bound must be a finite number, not '{value}'.",
        "nl": "Ondergrens moet een eindig getal zijn, niet '{value}'.",
    },
    "bad_target": {
        "en": "Target must be a finite number, not '{value}'.",
        "nl": "Doel moet een eindig getal zijn, niet '{value}'.",
    },
}


class TrendError(CodedError):
    """Bad options or input. ``code`` and ``params`` identify it; ``message(lang)`` explains it."""

    messages = _MESSAGES
