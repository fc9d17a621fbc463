"""The KPIs of a meeting, as the rest of Koers shows them (``koers.trends.display``).

``koers.trends.display`` is the one source of verdicts, series and sparklines; the agenda and
the presentation never make up a second kind. A closed meeting shows its KPIs as they stood
on its date.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from koers.kpis.models import KPI, Measurement, MeasurementChange
from koers.periods import last_finished
from koers.trends.display import KPIDisplay, displays, displays_then
from koers.trends.verdicts import series_of


def _values_then(kpis: list[KPI], day: date) -> dict[tuple[int, date], object]:
    """(kpi, period) → the value it had at the end of ``day``, for values corrected or
    deleted since (the old value of the first change after that day; None: not there)."""
    after = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    changes = (
        MeasurementChange.objects.filter(kpi_id__in=[k.pk for k in kpis], at__gte=after)
        .exclude(action=MeasurementChange.Action.CREATED)
        .order_by("-at", "-id")
        .values_list("kpi_id", "period_start", "old_value")
    )
    return {(kpi_id, start): old for kpi_id, start, old in changes}  # the first change wins


def _series_then(kpi: KPI, rows: list, then: dict, day: date) -> list:
    last = last_finished(kpi.frequency, day).start
    series = {m.period_start: m for m in rows if m.period_start <= last}
    for (kpi_id, start), old in then.items():
        if kpi_id != kpi.pk or start > last:
            continue
        if old is None:
            series.pop(start, None)
        else:
            series[start] = Measurement(kpi=kpi, period_start=start, value=old)
    return [series[start] for start in sorted(series)]


def as_of(kpis: list[KPI], day: date) -> list[KPIDisplay]:
    """The KPIs as they stood at the end of ``day``: the periods finished by then, values
    corrected or deleted since shown as they were, and the verdict of that series (computed,
    not cached). A value first entered later for an earlier period is kept: the history
    cannot tell a late entry from a back-filled series."""
    stored = series_of(kpis)
    then = _values_then(kpis, day)
    series = {k.pk: _series_then(k, stored[k.pk], then, day) for k in kpis}
    return displays_then(kpis, series)


def shown_for_meeting(kpis, meeting) -> list[KPIDisplay]:
    """Today's numbers for a meeting still to be closed; a closed one's as of its date."""
    kpis = list(kpis)
    return as_of(kpis, meeting.date) if meeting.is_closed else displays(kpis)
