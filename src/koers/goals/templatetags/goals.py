"""The goals app's panels for other apps' pages: ``{% load goals %}``.

- ``{% unit_goal_progress unit year %}`` – the annual goals of a unit and the units below it
  for ``year``, each with its progress (the meeting's agenda shows it).
"""

from django import template

from koers.organisations.models import Unit

from ..models import AnnualGoal
from ..progress import with_progress

register = template.Library()


@register.inclusion_tag("goals/_unit_goals.html")
def unit_goal_progress(unit, year):
    ids = Unit.objects.subtree_ids(unit)
    goals = (
        AnnualGoal.objects.for_org(unit.organisation)
        .for_year(year)
        .filter(unit_id__in=ids)
        .select_related("unit", "target_kpi__organisation")
        .order_by("unit__order", "title")
    )
    return {"goals": with_progress(goals), "year": year, "unit": unit}
