"""``{% load attention %}``: what needs attention, for pages of other apps.

- ``{% unit_attention unit shown %}`` – the unit page's list: the worsening KPIs (and goals at
  risk, missing numbers, overdue actions) of the unit and every unit below it (``shown``,
  optional: the page's displays of the unit's own KPIs, reused for a unit with none below;
  ``attention``, optional: the list, when the page made it with ``attention_of_unit``);
- ``{% with_progress goals as goals %}`` – each goal with its progress (``ShownGoal`` pairs).
"""

from __future__ import annotations

from django import template

from koers.goals.progress import with_progress as goals_with_progress

from ..attention import attention_of_unit

register = template.Library()


@register.inclusion_tag("organisations/_attention.html", takes_context=True)
def unit_attention(context, unit, shown=None, attention=None):
    """``shown``: the page's displays of the unit's own KPIs, used when no unit lies below
    (a team's page), instead of reading the same KPIs and verdicts again; ``attention``: the
    list when the page has it already (``attention_of_unit``)."""
    if attention is None:
        attention = attention_of_unit(unit, shown)
    return {
        "attention": attention,
        "current_org": unit.organisation,
        "unit": unit,
        "access": context.get("access"),
    }


@register.simple_tag
def with_progress(goals):
    return goals_with_progress(list(goals))
