"""Carrying an annual goal into another year (the year-end review uses it).

``copy_goal(goal, year, target_value, user=...)`` creates the goal anew for ``year``: the same
unit, title, description, mission and competences, the KPIs that are not retired, the target
KPI with ``target_value``. When ``year`` already has the goal (same unit and title, e.g. set
up ahead), that goal is kept and only gets the new target: never two of one goal in a year.
The target KPI's history notes the new target for the year.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from koers.kpis.changes import log_change
from koers.kpis.models import Status

from .models import AnnualGoal


def _shown(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


@transaction.atomic
def copy_goal(goal: AnnualGoal, year: int, target_value: Decimal | None, *, user) -> AnnualGoal:
    """The goal for ``year``, copied from ``goal`` with ``target_value`` as its target."""
    target_kpi = goal.target_kpi if goal.target_kpi_id else None
    if target_kpi is not None and target_kpi.status == Status.RETIRED:
        target_kpi, target_value = None, None
    there = already_in(goal, year)
    if there is not None:
        if there.target_kpi_id is not None and target_kpi is not None:
            there.target_value = target_value
            there.save(update_fields=["target_value"])
            _note(there.target_kpi, goal, there, user=user)
        return there
    new = AnnualGoal.objects.create(
        organisation_id=goal.organisation_id,
        year=year,
        unit_id=goal.unit_id,
        title=goal.title,
        description=goal.description,
        serves_mission=goal.serves_mission,
        target_kpi=target_kpi,
        target_value=target_value if target_kpi is not None else None,
    )
    new.core_competences.set(goal.core_competences.all())
    new.kpis.set(goal.kpis.exclude(status=Status.RETIRED))
    if target_kpi is not None:
        _note(target_kpi, goal, new, user=user)
    return new


def already_in(goal: AnnualGoal, year: int) -> AnnualGoal | None:
    """The goal of ``year`` with the same unit and title, when there is one."""
    found = AnnualGoal.objects.filter(
        organisation_id=goal.organisation_id, year=year, unit_id=goal.unit_id, title=goal.title
    )
    return found.select_related("target_kpi").first()


def _note(target_kpi, goal: AnnualGoal, new: AnnualGoal, *, user) -> None:
    """The target KPI's history line: the goal's target last year and in the new one."""
    year = new.year
    log_change(
        target_kpi,
        user=user,
        summary=_("Annual goal “%(title)s” carried into %(year)s")
        % {"title": goal.title, "year": year},
        changes={
            str(_("target value for the year")): [
                f"{goal.year}: {_shown(goal.target_value)}",
                f"{year}: {_shown(new.target_value)}",
            ]
        },
        bump=True,
    )
