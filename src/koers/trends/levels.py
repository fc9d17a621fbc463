"""New levels (a new segment on a KPI's chart, with its own limits): the one write path.

``add_level(kpi, start, reason, user=...)`` stores a ``Rebaseline`` from the period that starts
on ``start`` with the KPI's history line and a revision bump (``kpis.changes``), in one
transaction. A level may start after the last value (e.g. the first period of a new year after
a definition change): the chart cuts there as soon as values come in.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from koers.fields import current_lang
from koers.kpis.changes import record_settings_change
from koers.kpis.models import KPI

from .models import Rebaseline, TrendSettings
from .verdicts import inputs_of


def settings_row(kpi: KPI) -> TrendSettings:
    """The KPI's trend settings (a new, unsaved row with the defaults when it has none)."""
    found = inputs_of(kpi).settings
    if found is None:
        found = TrendSettings(organisation_id=kpi.organisation_id, kpi=kpi)
    return found


def record(kpi: KPI, settings: TrendSettings, summary: str, changes: dict, *, user) -> None:
    """Save the settings with the KPI's history line and a revision bump (``kpis.changes``)."""
    settings.version += 1
    settings.updated_by = user if getattr(user, "is_authenticated", False) else None
    record_settings_change(kpi, user=user, summary=summary, changes=changes, save=[settings])


@transaction.atomic
def add_level(kpi: KPI, start: date, reason: str, *, user, summary: str | None = None):
    """A new level from the period starting on ``start``; None when one already starts there."""
    if kpi.rebaselines.filter(period_start=start).exists():
        return None
    level = Rebaseline.objects.create(
        organisation_id=kpi.organisation_id,
        kpi=kpi,
        period_start=start,
        reason=str(reason)[:300],
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    label = kpi.period_of(start).label(current_lang())
    record(
        kpi,
        settings_row(kpi),
        summary or _("New level set"),
        {str(_("new level from")): ["", f"{label}: {reason}"]},
        user=user,
    )
    return level
