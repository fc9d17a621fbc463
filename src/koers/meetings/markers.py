"""Actions as markers on a KPI's chart: where they started and where they were completed."""

from __future__ import annotations

from django.utils.translation import gettext as _

from koers.periods import Period

from .models import Action

START = "action_start"
DONE = "action_done"


def markers_for(kpi) -> list[tuple[Period, str, str]]:
    """(period, label, kind) for each action on the KPI (dropped ones left out), in time order.

    kind is ``action_start`` (only for an action that started: one still open that never
    started has no start to mark) or ``action_done``.
    """
    actions = (
        Action.objects.filter(kpis=kpi)
        .exclude(status=Action.Status.DROPPED)
        .select_related("meeting")
    )
    out = []
    for action in actions:
        if action.started_on is not None:
            out.append(
                (
                    Period.containing(action.started_on, kpi.frequency),
                    _("Start: %(title)s") % {"title": action.title},
                    START,
                )
            )
        if action.status == Action.Status.DONE and action.completed_on:
            out.append(
                (
                    Period.containing(action.completed_on, kpi.frequency),
                    _("Done: %(title)s") % {"title": action.title},
                    DONE,
                )
            )
    out.sort(key=lambda m: (m[0].start, m[2]))
    return out
