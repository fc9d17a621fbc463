"""``{% load attention %}``: what needs attention, for pages of other apps.

- ``{% unit_attention unit %}`` – the unit page's list: the worsening KPIs (and goals at risk,
  missing numbers, overdue actions) of the unit and every unit below it;
- ``{% with_progress goals as goals %}`` – each goal with its progress (``ShownGoal`` pairs).
"""

from __future__ import annotations

from datetime import date

from django import template

from koers.goals.models import AnnualGoal
from koers.goals.progress import with_progress as goals_with_progress
from koers.kpis.models import KPI
from koers.trends.display import verdicts

from ..attention import attention_for
from ..models import Unit

register = template.Library()


@register.inclusion_tag("organisations/_attention.html", takes_context=True)
def unit_attention(context, unit):
    organisation = unit.organisation
    ids = Unit.objects.subtree_ids(unit)
    shown = verdicts(
        KPI.objects.for_org(organisation).current().filter(unit_id__in=ids).select_related("unit")
    )
    goals = goals_with_progress(
        AnnualGoal.objects.for_org(organisation)
        .filter(unit_id__in=ids, year=_year())
        .select_related("target_kpi__organisation"),
        verdicts=shown,
    )
    return {
        "attention": attention_for(organisation, shown, goals, unit_ids=ids),
        "current_org": organisation,
        "unit": unit,
        "access": context.get("access"),
    }


@register.simple_tag
def with_progress(goals):
    return goals_with_progress(list(goals))


def _year() -> int:
    return date.today().year
