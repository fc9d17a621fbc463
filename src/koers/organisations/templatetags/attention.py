"""``{% load attention %}``: what needs attention, for pages of other apps.

- ``{% unit_attention unit shown %}`` – the unit page's list: the worsening KPIs (and goals at
  risk, missing numbers, overdue actions) of the unit and every unit below it (``shown``,
  optional: the page's displays of the unit's own KPIs, reused for a unit with none below);
- ``{% with_progress goals as goals %}`` – each goal with its progress (``ShownGoal`` pairs).
"""

from __future__ import annotations

from datetime import date

from django import template

from koers.goals.models import AnnualGoal
from koers.goals.progress import with_progress as goals_with_progress
from koers.kpis.models import KPI, Status
from koers.trends.display import verdicts

from ..attention import attention_for
from ..models import Unit

register = template.Library()


@register.inclusion_tag("organisations/_attention.html", takes_context=True)
def unit_attention(context, unit, shown=None):
    """``shown``: the page's displays of the unit's own KPIs, used when no unit lies below
    (a team's page), instead of reading the same KPIs and verdicts again."""
    organisation = unit.organisation
    ids = Unit.objects.subtree_ids(unit)
    if shown is not None and list(ids) == [unit.pk]:
        shown = [d for d in shown if d.kpi.status != Status.RETIRED]
    else:
        kpis = KPI.objects.for_org(organisation).current().filter(unit_id__in=ids)
        shown = verdicts(kpis.select_related("unit"))
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
