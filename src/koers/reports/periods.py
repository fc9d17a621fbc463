"""The period of a report: one month, quarter or year, named in the report's title.

A report covers one calendar period and says so once, in its title. "Up to the last finished
period" (``latest``, the default) is the report *up to and including the last finished month*:
its title says "up to January 2025", and no value after that month's end is shown; each KPI
shows its latest finished period with a value by then (a quarterly KPI its last quarter, a
weekly KPI its last week ending by that day). In an explicit month, quarter or year, each KPI
shows its latest period that ends within it. A row names its own period only where it differs
from the report's (a week or a quarter in a monthly report), so a report never mixes periods
without saying so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from koers.periods import Frequency, Period, PeriodError, last_finished

LATEST = "latest"
ACTION_DAYS = 91  # "up to the last finished period": actions finished in the last three months
LATEST_LABEL = gettext_noop("up to the last finished period")
MONTH, QUARTER, YEAR = gettext_noop("Month"), gettext_noop("Quarter"), gettext_noop("Year")


class ReportPeriodError(ValueError):
    """The period of a report cannot be read."""


def lang_text(lang: str, text: str) -> str:
    with translation.override(lang):
        return _(text)


def date_text(d: date | None) -> str:
    return formats.date_format(d, "SHORT_DATE_FORMAT") if d else ""


@dataclass(frozen=True)
class ReportPeriod:
    """A month, quarter or year (``period``), or everything up to the last finished month
    (``period`` None, ``month`` that month)."""

    key: str
    period: Period | None
    start: date | None  # None: no lower bound ("up to the last finished period")
    end: date  # inclusive
    month: Period | None = None  # for "latest": the last finished month, named in the title

    @property
    def is_latest(self) -> bool:
        return self.period is None

    @property
    def year(self) -> int:
        return self.end.year

    def label(self, lang: str) -> str:
        if self.period is not None:
            return self.period.label(lang)
        return self._up_to(lang, self.month.label(lang) if self.month else "")

    def long_label(self, lang: str) -> str:
        if self.period is not None:
            return self.period.long_label(lang)
        return self._up_to(lang, self.month.long_label(lang) if self.month else "")

    @staticmethod
    def _up_to(lang: str, month: str) -> str:
        if not month:
            return lang_text(lang, LATEST_LABEL)
        with translation.override(lang):
            return _("up to %(period)s") % {"period": month}

    def cutoff(self, frequency: Frequency | str) -> Period:
        """The last period of ``frequency`` that ends on or before the report's end."""
        return last_finished(frequency, self.end + timedelta(days=1))

    def names(self, period: Period) -> bool:
        """Whether ``period`` is the report's own period (a row need not name it again)."""
        return period == (self.period or self.month)


def resolve_period(value: str | Period | None, today: date) -> ReportPeriod:
    """Read ``latest`` or a key ('2025-01', '2025-Q1', '2025'); weeks are not report periods."""
    if value is None or value == "" or value == LATEST:
        month = last_finished(Frequency.MONTH, today)
        return ReportPeriod(LATEST, None, None, month.end, month)
    if isinstance(value, Period):
        period = value
    else:
        try:
            period = Period.from_key(str(value))
        except PeriodError as error:
            raise ReportPeriodError(str(value)) from error
    if period.frequency == Frequency.WEEK:
        raise ReportPeriodError(period.key)
    return ReportPeriod(period.key, period, period.start, period.end)


def period_choices(today: date, lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Periods to choose from, newest first: 24 months, 8 quarters, 4 years."""
    month = last_finished(Frequency.MONTH, today)
    quarter = last_finished(Frequency.QUARTER, today)
    year = Period.containing(today, Frequency.YEAR)
    return [
        ("", [(LATEST, lang_text(lang, LATEST_LABEL))]),
        (
            lang_text(lang, MONTH),
            [((month - i).key, (month - i).label(lang)) for i in range(24)],
        ),
        (
            lang_text(lang, QUARTER),
            [((quarter - i).key, (quarter - i).label(lang)) for i in range(8)],
        ),
        (lang_text(lang, YEAR), [((year - i).key, (year - i).label(lang)) for i in range(4)]),
    ]


def footnote(rp: ReportPeriod, lang: str) -> str:
    """How the report chose its values, in plain words (the last lines of every copy)."""
    with translation.override(lang):
        rule = _(
            "Each KPI shows the latest period of its own frequency that ends within the report "
            "period and has a value: a weekly KPI the last week ending in it, a quarterly KPI "
            "in a monthly report only in the month its quarter ends."
        )
        if rp.is_latest:
            rule = _("Each KPI shows its latest finished period with a value, up to %(date)s.") % {
                "date": date_text(rp.end)
            }
        return " ".join(
            [
                rule,
                _(
                    "Changes compare with the KPI's previous period and with the same period a "
                    "year earlier; they are differences, not signals. Only the trend verdict "
                    "says whether a KPI is really improving or deteriorating; it is judged on the "
                    "values up to the end of the report period."
                ),
                _("Actions: those open now, and those finished in the last three months.")
                if rp.is_latest
                else _(
                    "Actions: those still open that were decided by the end of the period, and "
                    "those finished in it."
                ),
            ]
        )
