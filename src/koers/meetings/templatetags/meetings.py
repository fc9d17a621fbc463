"""Template tags other pages use to show actions: ``{% load meetings %}``.

- ``{% paid_off_actions current_org %}`` – the organisation page's "actions that paid off";
- ``{% kpi_actions kpi %}`` – a KPI page's actions and, for done ones, their effect in words;
- ``{% kpis_without_action shown as flagged %}`` – of KPIs shown with their verdict
  (``koers.trends.display.KPIVerdict``), the deteriorating ones with no open action;
- ``{% kpi_markers kpi as markers %}`` – the KPI's actions as markers for its chart.
"""

from django import template
from django.utils import timezone

from ..agenda import kpis_with_open_action
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
    today = timezone.localdate()
    actions = list(
        Action.objects.filter(kpis=kpi)
        .exclude(status=Action.Status.DROPPED)
        .select_related("unit", "person", "meeting")
        .order_by("-id")[:20]
    )
    for action in actions:
        action.is_late = action.is_overdue(today)
        action.effect = effect_of(action, kpi) if action.status == Action.Status.DONE else None
    return {
        "kpi": kpi,
        "kpi_actions": actions,
        "current_org": kpi.organisation,
        "access": context.get("access"),
    }


@register.simple_tag
def kpis_without_action(shown):
    bad = [d for d in shown if d.verdict == "deteriorating" and not d.kpi.is_retired]
    covered = kpis_with_open_action([d.kpi for d in bad]) if bad else set()
    return [d for d in bad if d.kpi.pk not in covered]


@register.simple_tag
def kpi_markers(kpi):
    return markers_for(kpi)


@register.filter
def effect_message(effect, lang="nl"):
    return effect.message(lang) if effect is not None else ""
