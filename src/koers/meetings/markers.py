"""Actions as markers on a KPI's chart: where they started and where they were completed."""

from __future__ import annotations

from django.utils.translation import gettext as _

from koers.periods import Period

from .models import Action

START = "action_start"
DONE = "action_done"


def markers_for(kpi, actions=None) -> list[tuple[Period, str, str]]:
    """(period, label, kind) for each action on the KPI (dropped ones left out), in time order.

    kind is ``action_start`` (only for an action that started: one still open that never
    started has no start to mark) or ``action_done``. ``actions``: the KPI's actions, dropped
    ones left out, when the page has them (``kpi_actions_of``).
    """
    if actions is None:
        actions = kpi_actions_of(kpi, "meeting")
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


def kpi_actions_of(kpi, *related: str) -> list[Action]:
    """The KPI's actions, dropped ones left out, newest first (``related``: to select)."""
    actions = Action.objects.filter(kpis=kpi).exclude(status=Action.Status.DROPPED)
    return list(actions.select_related(*related).order_by("-id"))
