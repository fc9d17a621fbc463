"""Is a value plausible for its KPI? The one rule set every way a value comes in uses.

Pure module (no Django). The write path (``koers.kpis.plan``) asks it about every value it
would store; the form, the entry grid, imports and the API therefore say the same thing.

Two kinds of finding, each a :class:`Finding` with a stable code (``plausibility.*``):

* **blocking** — never stored, also not when confirmed:

  - ``plausibility.bound``: outside the KPI's bounds. The natural bounds follow the unit of
    measure (a percentage is 0–100, a count, hours and days are never negative); a KPI's own
    ``minimum`` / ``maximum`` replace them where set (so a KPI may allow 120% or a negative
    percentage);
  - ``plausibility.future``: the period has not started yet.

* **warnings** — stored only once the user confirms them:

  - ``plausibility.far_outside``: beyond the KPI's natural process limits by more than the
    limits' own width (e.g. limits 1,09–2,49, width 1,40: below -0,31 or above 3,89);
  - ``plausibility.jump``: the step from the previous period's value is larger than the upper
    range limit (the largest step a stable process makes);
  - ``plausibility.current_period``: the period is not over yet;
  - ``plausibility.clear``: a stored value is to be cleared (it stays in the history, from
    where it can be put back).

The process checks need limits worth the name: at least ``MIN_POINTS`` values and a spread
above zero (a KPI that never moved has no "usual" to be far from).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from koers.errors import CodedError
from koers.language import resolve
from koers.numbers import format_number

__all__ = [
    "BLOCKING",
    "MIN_POINTS",
    "Finding",
    "Process",
    "bounds",
    "check_clear",
    "check_period",
    "check_value",
]

MIN_POINTS = 6
BLOCKING = frozenset({"plausibility.bound", "plausibility.future"})

# (lowest, highest) a value can be, by unit of measure; None: no bound.
NATURAL_BOUNDS: dict[str, tuple[Decimal | None, Decimal | None]] = {
    "percent": (Decimal(0), Decimal(100)),
    "count": (Decimal(0), None),
    "hours": (Decimal(0), None),
    "days": (Decimal(0), None),
}

_UNIT_PLURAL = {
    "nl": {"percent": "percentages", "count": "aantallen", "hours": "uren", "days": "dagen"},
    "en": {"percent": "percentages", "count": "counts", "hours": "hours", "days": "days"},
}

_TEXTS = {
    "nl": {
        "bound.low.natural": "{value} kan niet: {unit} zijn nooit negatief",
        "bound.high.natural": "{value} kan niet: een percentage is hoogstens 100 (mag deze KPI "
        "hoger komen, stel dan een maximum in bij de KPI)",
        "bound.low.kpi": "{value} ligt onder het minimum van deze KPI ({bound})",
        "bound.high.kpi": "{value} ligt boven het maximum van deze KPI ({bound})",
        "future": "{period} is nog niet begonnen; waarden voor een toekomstige periode worden "
        "niet opgeslagen",
        "current_period": "{period} is nog niet voorbij; bevestig dat {value} al de waarde "
        "van de hele periode is",
        "far_outside": "{value} ligt ver buiten het normale bereik van {low}–{high} (meer dan "
        "de breedte van dat bereik erbuiten); bevestig dat dit klopt",
        "jump": "{value} is een sprong van {step} ten opzichte van {previous} ({previous_period}),"
        " groter dan de grootste gewone sprong ({url}); bevestig dat dit klopt",
        "clear": "de waarde {old} van {period} wordt gewist; bevestig dat je dat wilt (je kunt "
        "hem terugzetten vanuit de geschiedenis)",
    },
    "en": {
        "bound.low.natural": "{value} is not possible: {unit} are never negative",
        "bound.high.natural": "{value} is not possible: a percentage is at most 100 (if this KPI "
        "can go higher, set a maximum on the KPI)",
        "bound.low.kpi": "{value} is below this KPI's minimum ({bound})",
        "bound.high.kpi": "{value} is above this KPI's maximum ({bound})",
        "future": "{period} has not started yet; values for a future period are not saved",
        "current_period": "{period} is not over yet; confirm that {value} is already the value "
        "for the whole period",
        "far_outside": "{value} is far outside the normal range of {low}–{high} (beyond it by "
        "more than the range's own width); confirm that it is right",
        "jump": "{value} is a step of {step} from {previous} ({previous_period}), larger than "
        "the largest usual step ({url}); confirm that it is right",
        "clear": "the value {old} of {period} will be cleared; confirm that you want this (you "
        "can put it back from the history)",
    },
}


class Finding(CodedError):
    """One thing to say about a value: ``code`` ``plausibility.*``, ``blocking`` or a warning.

    Parameters: numbers are written in the reader's language (``1.234,5`` / ``1,234.5``, their
    own places), also when given as plain text ("1234.5", as ``json_params`` keeps them); a
    ``{"nl": ..., "en": ...}`` parameter (a period's name) is picked by language.
    """

    NUMBERS = frozenset({"value", "bound", "low", "high", "previous", "step", "url", "old"})

    def json_params(self) -> dict[str, Any]:
        """The parameters as JSON keeps them: numbers as their plain exact text."""
        return {
            key: format(Decimal(str(v)).normalize(), "f") if key in self.NUMBERS else v
            for key, v in self.params.items()
        }

    @property
    def blocking(self) -> bool:
        return self.code in BLOCKING

    @property
    def name(self) -> str:
        return self.code.partition(".")[2]

    def template(self, code: str, lang: str) -> str:
        key = self.name
        if key == "bound":
            key = f"bound.{self.params.get('side')}.{self.params.get('source')}"
        return _TEXTS[lang].get(key, code)

    def shown_params(self, lang: str) -> dict[str, Any]:
        lang = resolve(lang)
        shown: dict[str, Any] = {}
        for key, value in self.params.items():
            if isinstance(value, Mapping):
                shown[key] = value.get(lang) or next(iter(value.values()), "")
            elif key in self.NUMBERS and isinstance(value, str):
                shown[key] = format_number(Decimal(value), None, lang)
            elif isinstance(value, Decimal | float | int) and not isinstance(value, bool):
                exact = Decimal(format(Decimal(str(value)).normalize(), "f"))
                shown[key] = format_number(exact, None, lang)
            else:
                shown[key] = value
        shown["unit"] = _UNIT_PLURAL[lang].get(str(self.params.get("unit")), "")
        return shown

    def message(self, lang: str | None = None) -> str:
        lang = resolve(lang)
        text = self.template(self.code, lang)
        try:
            return text.format(**self.shown_params(lang))
        except (KeyError, IndexError, ValueError):
            return text


@dataclass(frozen=True)
class Process:
    """What a KPI's values usually do: its natural process limits and upper range limit."""

    low: float  # lower natural process limit (also when it falls below a natural bound)
    high: float  # upper natural process limit
    url: float  # upper range limit: the largest step between two periods a stable process makes

    @classmethod
    def from_limits(cls, limits: Mapping | None, n: int) -> Process | None:
        """From the trend engine's ``limits`` (centre, unpl, lnpl, url, mr_bar) of ``n`` values;
        None when they cannot say what is usual."""
        if not limits or n < MIN_POINTS:
            return None
        centre, high, url = limits.get("centre"), limits.get("unpl"), limits.get("url")
        if centre is None or high is None or url is None or not url > 0:
            return None
        low = limits.get("lnpl")
        if low is None:  # left out below a natural bound: the limits are symmetric
            low = 2 * centre - high
        if not high > low:
            return None
        return cls(float(low), float(high), float(url))

    @property
    def width(self) -> float:
        return self.high - self.low


def bounds(
    unit: str, minimum: Decimal | None = None, maximum: Decimal | None = None
) -> tuple[Decimal | None, Decimal | None, str, str]:
    """(lowest, highest, source of the lowest, source of the highest): the KPI's own minimum
    and maximum where set ("kpi"), else the unit's natural bounds ("natural")."""
    natural_low, natural_high = NATURAL_BOUNDS.get(unit, (None, None))
    low, low_source = (minimum, "kpi") if minimum is not None else (natural_low, "natural")
    high, high_source = (maximum, "kpi") if maximum is not None else (natural_high, "natural")
    return low, high, low_source, high_source


def check_value(
    value: Decimal,
    *,
    unit: str,
    minimum: Decimal | None = None,
    maximum: Decimal | None = None,
    decimals: int = 0,
    process: Process | None = None,
    previous: Decimal | None = None,
    previous_period: Mapping[str, str] | None = None,
) -> list[Finding]:
    """What to say about ``value`` for a KPI measured in ``unit``: a bound finding (blocking),
    else the process warnings (far outside, a jump from the ``previous`` value)."""
    low, high, low_source, high_source = bounds(unit, minimum, maximum)
    if low is not None and value < low:
        return [_bound(value, low, "low", low_source, unit)]
    if high is not None and value > high:
        return [_bound(value, high, "high", high_source, unit)]
    found = []
    if process is not None:
        extra = process.width
        shown = decimals + 1
        if float(value) > process.high + extra or float(value) < process.low - extra:
            found.append(
                Finding(
                    "plausibility.far_outside",
                    value=value,
                    low=_rounded(process.low, shown),
                    high=_rounded(process.high, shown),
                )
            )
        if previous is not None and abs(float(value - previous)) > process.url:
            found.append(
                Finding(
                    "plausibility.jump",
                    value=value,
                    previous=previous,
                    previous_period=dict(previous_period or {}),
                    step=abs(value - previous),
                    url=_rounded(process.url, shown),
                )
            )
    return found


def _rounded(number: float, places: int) -> Decimal:
    return Decimal(repr(number)).quantize(Decimal(1).scaleb(-places)).normalize()


def _bound(value, bound, side, source, unit) -> Finding:
    return Finding(
        "plausibility.bound", value=value, bound=bound, side=side, source=source, unit=unit
    )


def check_period(
    start: date, end: date, today: date, *, label: Mapping[str, str], value: Decimal | None
) -> Finding | None:
    """A future period is refused; the current, unfinished one is a warning."""
    if start > today:
        return Finding("plausibility.future", period=dict(label))
    if end >= today:
        return Finding("plausibility.current_period", period=dict(label), value=value)
    return None


def check_clear(old: Decimal, *, label: Mapping[str, str]) -> Finding:
    """Clearing a stored value: always a warning to confirm."""
    return Finding("plausibility.clear", old=old, period=dict(label))
