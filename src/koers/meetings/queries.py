"""What other parts of Koers ask of the meetings app (reports, reminders, unit and org pages)."""

from __future__ import annotations

from datetime import date

from django.core.cache import cache
from django.db.models import Prefetch, Q

from koers.kpis.models import KPI
from koers.trends.verdicts import series_of

from .agenda import kpis_without_action
from .effect import Effect, effect_of
from .models import Action

EFFECT_CACHE_SECONDS = 24 * 3600

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


def _effect_key(action: Action, kpi: KPI) -> str:
    # The creation times keep rows that reuse a primary key (tests roll back) apart.
    return ":".join(
        str(part)
        for part in (
            "effect",
            action.pk,
            action.created_at.timestamp(),
            action.started_on,
            action.completed_on,
            kpi.pk,
            kpi.created_at.timestamp(),
            kpi.revision,
            kpi.direction,
        )
    )


def paid_off_actions(organisation, limit: int = 5) -> list[tuple[Action, KPI, Effect]]:
    """Done actions whose KPI moved in the right direction, the latest completed first.

    Effects are kept in the cache per action, KPI and KPI revision (any change to a value
    bumps it), so a page judges only what changed; values are read only for those KPIs.
    """
    done = list(
        Action.objects.for_org(organisation)
        .done()
        .select_related("unit", "meeting", "organisation")
        .prefetch_related(Prefetch("kpis", queryset=KPI.objects.for_org(organisation)))
        .order_by("-completed_on", "-id")[:50]
    )
    pairs = [(action, kpi) for action in done for kpi in action.kpis.all()]
    keys = {(a.pk, k.pk): _effect_key(a, k) for a, k in pairs}
    effects = cache.get_many(list(keys.values()))
    todo = [k for a, k in pairs if keys[(a.pk, k.pk)] not in effects]
    if todo:
        series = series_of(todo)
        fresh = {keys[(a.pk, k.pk)]: effect_of(a, k, series[k.pk]) for a, k in pairs if k in todo}
        cache.set_many(fresh, EFFECT_CACHE_SECONDS)
        effects.update(fresh)
    found = []
    for action in done:
        for kpi in action.kpis.all():
            effect = effects[keys[(action.pk, kpi.pk)]]
            if effect.paid_off:
                found.append((action, kpi, effect))
                break
        if len(found) >= limit:
            break
    return found
