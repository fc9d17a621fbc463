"""Series with a clear step, so the trend verdicts in the tests are certain."""

from __future__ import annotations

from datetime import date

from koers.periods import last_finished

TODAY = date(2025, 6, 15)  # last finished month: May 2025
NOISE = [0.5, -0.3, 0.8, -0.6, 0.2, -0.9, 0.4, -0.1, 0.7, -0.5]


def noisy(level: float, n: int, offset: int = 0) -> list[float]:
    return [round(level + NOISE[(i + offset) % len(NOISE)], 2) for i in range(n)]


def stepped(before: float, after: float, n_before: int = 20, n_after: int = 8) -> list[float]:
    return noisy(before, n_before) + noisy(after, n_after, offset=3)


def first_month(n: int, today: date = TODAY, missing: int = 0) -> date:
    """The start of the first of ``n`` monthly values ending ``missing`` months before the
    last finished month."""
    return (last_finished("month", today) - (n - 1 + missing)).start
