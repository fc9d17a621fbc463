"""What other parts of Koers ask of the meetings app (reports, reminders, unit and org pages)."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from koers.kpis.models import KPI

from .agenda import kpis_without_action
from .effect import Effect, effect_of
from .models import Action

__all__ = [
    "kpis_without_action",
    "overdue_actions_for",
    "paid_off_actions",
]


def overdue_actions_for(user, organisation, today: date | None = None) -> list[Action]:
    """Overdue open actions the user pulls or whose team the user belongs to (for reminders)."""
    today = today or date.today()
    return list(
        Action.objects.for_org(organisation)
        .overdue(today)
        .filter(Q(person=user) | Q(unit__roles__user=user))
        .distinct()
        .select_related("unit", "person")
        .order_by("due_date", "id")
    )


def paid_off_actions(organisation, limit: int = 5) -> list[tuple[Action, KPI, Effect]]:
    """Done actions whose KPI moved in the right direction, the latest completed first."""
    found = []
    done = (
        Action.objects.for_org(organisation)
        .done()
        .select_related("unit", "meeting")
        .prefetch_related("kpis")
        .order_by("-completed_on", "-id")
    )
    for action in done[:50]:
        for kpi in action.kpis.all():
            effect = effect_of(action, kpi)
            if effect.paid_off:
                found.append((action, kpi, effect))
                break
        if len(found) >= limit:
            break
    return found
