"""Template tags other pages use to show actions: ``{% load meetings %}``.

- ``{% paid_off_actions current_org %}`` – the organisation page's "actions that paid off";
- ``{% kpi_actions kpi %}`` – a KPI page's actions and, for done ones, their effect in words;
- ``{% kpis_without_action shown as flagged %}`` – of KPIs shown with their verdict
  (``koers.trends.display.KPIVerdict``), the deteriorating ones with no open action;
- ``{% kpi_markers kpi as markers %}`` – the KPI's actions as markers for its chart.
"""

from django import template

from .. import agenda
from ..effect import effect_of
from ..markers import markers_for
from ..models import Action
from ..queries import paid_off_actions as _paid_off_actions

register = template.Library()


@register.inclusion_tag("meetings/_paid_off.html", takes_context=True)
def paid_off_actions(context, organisation, limit=5):
    return {"paid_off": _paid_off_actions(organisation, limit), "current_org": organisation}


@register.inclusion_tag("meetings/_kpi_actions.html", takes_context=True)
def kpi_actions(context, kpi):
    actions = list(
        Action.objects.filter(kpis=kpi)
        .exclude(status=Action.Status.DROPPED)
        .select_related("unit", "person", "meeting")
        .order_by("-id")[:20]
    )
    return {
        "kpi": kpi,
        "kpi_actions": [
            (a, effect_of(a, kpi) if a.status == Action.Status.DONE else None) for a in actions
        ],
        "current_org": kpi.organisation,
        "access": context.get("access"),
    }


@register.simple_tag
def kpis_without_action(shown):
    return agenda.kpis_without_action(shown)


@register.simple_tag
def kpi_markers(kpi):
    return markers_for(kpi)


@register.filter
def effect_message(effect, lang="nl"):
    return effect.message(lang) if effect is not None else ""
