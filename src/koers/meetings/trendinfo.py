"""The trend verdict of KPIs, as the rest of Koers shows it.

``koers.trends.display`` is the one source of verdicts, series and sparklines; the agenda and
the presentation never make up a second kind.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch
from django.utils import timezone

from koers.fields import current_lang
from koers.kpis.models import KPI, Measurement, MeasurementChange
from koers.periods import last_finished
from koers.trends.display import displays
from koers.trends.verdicts import attach_trends_uncached


def prefetch_series(kpis):
    """A KPI QuerySet with its measurements prefetched in period order."""
    return kpis.prefetch_related(
        Prefetch(
            "measurements",
            queryset=Measurement.objects.order_by("period_start").only(
                "kpi_id", "period_start", "value"
            ),
        )
    )


def with_trends(kpis: list[KPI]) -> list[KPI]:
    """Give each KPI ``series``, ``latest``, ``latest_period_label`` and ``trend``.

    A bridge until the meeting pages take ``koers.trends.display.KPIDisplay`` objects.
    """
    for shown in displays(kpis):
        kpi = shown.kpi
        kpi.series, kpi.trend, kpi.latest = shown.series, shown.trend, shown.latest
        kpi.latest_period_label = shown.latest_period_label
    return kpis


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


def as_of(kpis: list[KPI], day: date) -> list[KPI]:
    """The KPIs (measurements prefetched) as they stood at the end of ``day``: the periods
    finished by then, values corrected or deleted since shown as they were, and the verdict
    of that series (computed, not cached). A value first entered later for an earlier period
    is kept: the history cannot tell a late entry from a back-filled series."""
    then = _values_then(kpis, day)
    lang = current_lang()
    for kpi in kpis:
        last = last_finished(kpi.frequency, day).start
        series = {m.period_start: m for m in kpi.measurements.all() if m.period_start <= last}
        for (kpi_id, start), old in then.items():
            if kpi_id != kpi.pk or start > last:
                continue
            if old is None:
                series.pop(start, None)
            else:
                series[start] = Measurement(kpi=kpi, period_start=start, value=old)
        kpi.series = [series[start] for start in sorted(series)]
        kpi.latest = kpi.series[-1] if kpi.series else None
        kpi.latest_period_label = kpi.latest.period.label(lang) if kpi.latest else ""
    attach_trends_uncached(kpis)
    return kpis


def trends_for_meeting(kpis: list[KPI], meeting) -> list[KPI]:
    """Today's numbers for a meeting still to be closed; a closed one's as of its date."""
    return as_of(kpis, meeting.date) if meeting.is_closed else with_trends(kpis)


def verdict_of(kpi: KPI) -> str | None:
    trend = getattr(kpi, "trend", None)
    return getattr(trend, "verdict", None) if trend is not None else None
