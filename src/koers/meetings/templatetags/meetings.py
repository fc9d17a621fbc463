"""Template tags other pages use to show actions: ``{% load meetings %}``.

- ``{% paid_off_actions current_org %}`` – the organisation page's "actions that paid off";
- ``{% kpi_actions kpi %}`` – a KPI page's actions and, for done ones, their effect in words;
- ``{% kpis_without_action shown as flagged %}`` – of KPIs shown with their verdict
  (``koers.trends.display.KPIVerdict``), the deteriorating ones with no open action;
- ``{% kpi_markers kpi as markers %}`` – the KPI's actions as markers for its chart;
- ``{% kpi_action_list kpi as actions %}`` – the KPI's actions, read once for a page that
  passes them to ``kpi_markers kpi actions``, ``kpi_actions kpi actions`` and the health panel.
"""

from django import template

from .. import agenda
from ..effect import effect_of
from ..markers import kpi_actions_of, markers_for
from ..models import Action
from ..queries import paid_off_actions as _paid_off_actions

register = template.Library()


@register.inclusion_tag("meetings/_paid_off.html", takes_context=True)
def paid_off_actions(context, organisation, limit=5):
    return {"paid_off": _paid_off_actions(organisation, limit), "current_org": organisation}


@register.inclusion_tag("meetings/_kpi_actions.html", takes_context=True)
def kpi_actions(context, kpi, actions=None, series=None):
    """``actions``: from ``{% kpi_action_list kpi as actions %}``, when the page shares them;
    ``series``: the KPI's values in period order, when at hand (for the effects)."""
    if actions is None:
        actions = (
            Action.objects.filter(kpis=kpi)
            .exclude(status=Action.Status.DROPPED)
            .select_related("unit", "person", "meeting")
            .order_by("-id")[:20]
        )
    return {
        "kpi": kpi,
        "kpi_actions": [
            (a, effect_of(a, kpi, series) if a.status == Action.Status.DONE else None)
            for a in actions[:20]
        ],
        "current_org": kpi.organisation,
        "access": context.get("access"),
    }


@register.simple_tag
def kpis_without_action(shown):
    return agenda.kpis_without_action(shown)


@register.simple_tag
def kpi_markers(kpi, actions=None):
    return markers_for(kpi, actions)


@register.simple_tag
def kpi_action_list(kpi):
    """The KPI's actions (dropped ones left out, newest first), read once for the page's
    markers, actions and health panel: ``{% kpi_action_list kpi as actions %}``."""
    return kpi_actions_of(kpi, "organisation", "unit", "person", "meeting")


@register.filter
def effect_message(effect, lang="nl"):
    return effect.message(lang) if effect is not None else ""
