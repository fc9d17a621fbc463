"""Reporting periods (week, month, quarter, year) and reading them as people type them.

Pure package: no Django. User-facing text comes from small Dutch/English tables
(``koers.language`` picks the language). Split by noun: ``_frequency``, ``_period``, ``_reading``
(what people type) and ``_errors``; import everything from ``koers.periods``.

Conventions
-----------
* Weeks are ISO weeks: they start on Monday and belong to the ISO year (``2024-12-30`` lies in
  ``2025-W01``).
* ``Period.key`` is the canonical, sortable text form: ``2025-W07``, ``2025-01``, ``2025-Q1``,
  ``2025``. Store and exchange keys; show labels.
* Years are 1..9999 and always written with four digits; two-digit years are not read
  (``jan 25`` is unreadable rather than guessed).
* Dates are read day-first (``03-04-2025`` is 3 April) unless the year comes first
  (``2025-04-03`` is ISO). A time part after a date (``2025-01-31 00:00:00``) is ignored.
"""

from ._errors import PeriodError
from ._frequency import MAX_YEAR, MIN_YEAR, Frequency
from ._period import Period, last_finished, period_range
from ._reading import parse_period, period_of

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "Frequency",
    "Period",
    "PeriodError",
    "last_finished",
    "parse_period",
    "period_of",
    "period_range",
]
