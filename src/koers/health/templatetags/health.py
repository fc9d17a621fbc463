"""The health app's template tags: ``{% load health %}``.

- ``{% kpi_health kpi trend series=… competences=… actions=… %}`` – the KPI page's panel
  "Is this a good KPI?" (the three keywords: what the page has read, not read again);
- ``{% health_mark check %}`` – one check's mark (✓, ✗ or –) with its reason as a tooltip
  (``health/_mark.html`` is this tag): written in Python because the health page shows
  hundreds, where an include per mark was a third of the page's rendering.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from ..checks import Known, checks_for_kpi

register = template.Library()


@register.inclusion_tag("health/_kpi_health.html", takes_context=True)
def kpi_health(context, kpi, trend=None, series=None, competences=None, actions=None):
    """ "Is this a good KPI?": every check for ``kpi``; ``trend``: its verdict when the page
    has it (else read from the trend cache). ``series`` (its values in period order),
    ``competences`` and ``actions`` (``{% kpi_action_list kpi as actions %}``), all three
    when the page has read them, save reading them again."""
    known = None
    if series is not None and competences is not None and actions is not None:
        known = Known(kpi, series, list(competences), list(actions))
    checks = checks_for_kpi(kpi, trend=trend, known=known)
    return {"checks": checks, "kpi": kpi, "access": context.get("access")}


_MARK = (
    '<span class="hmark {state}" title="{label}: {message}">{sign}'
    '<span class="sr-only"> {words}</span></span>'
)


@register.simple_tag
def health_mark(check):
    if check.ok:
        sign, words = "✓", gettext("passes")
    elif check.ok is False:
        sign, words = "✗", gettext("to fix")
    else:
        sign, words = "–", gettext("not yet checkable")
    return format_html(
        _MARK,
        state=check.state,
        label=check.label,
        message=check.message,
        sign=sign,
        words=words,
    )
