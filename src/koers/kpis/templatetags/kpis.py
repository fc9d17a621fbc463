"""The kpis app's panels: ``{% load kpis %}``.

- ``{% kpi_drivers kpi %}`` – on a rolled-up KPI's page: which children moved it against the
  previous period and the same period last year (:mod:`koers.kpis.drivers`).
- ``{% rollup_gaps kpi %}`` – on a rolled-up KPI's page: the periods without a value and why
  (a division by zero, a part missing), from :func:`koers.kpis.rollup.missing_reasons`.
- ``{% verdict trend %}`` / ``{% verdict trend compact=True %}`` – a KPI's trend verdict as a
  badge with its reason (compact: the reason folded behind the badge); ``kpis/_verdict.html``
  is this tag. Written in Python because the organisation page shows one per KPI (hundreds),
  where an include per KPI was a fifth of the page's time;
- ``{% kpi_chips shown %}`` – KPIs with their verdicts (``KPIVerdict``s) as linked chips, the
  organisation page's tree (half its rendering when the chips were a template loop).
"""

import re
from html import escape as html_escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from koers.fields import current_lang
from koers.organisations.models import page_url

from ..drivers import drivers_of
from ..rollup import missing_reasons

register = template.Library()


@register.inclusion_tag("kpis/_drivers.html")
def kpi_drivers(kpi):
    return {"drivers": drivers_of(kpi), "kpi": kpi}


@register.inclusion_tag("kpis/_rollup_gaps.html")
def rollup_gaps(kpi):
    return {"gaps": missing_reasons(kpi), "kpi": kpi}


_COMPACT = (
    '<details class="more verdict-tip"><summary title="{reason}"><span class="badge {verdict}">'
    '{label}</span><span class="sr-only">: {reason}</span></summary><ul role="note">'
    '<li style="padding:.3rem .8rem;white-space:normal;max-width:22rem;font-size:.875rem">'
    "{reason}</li></ul></details>"
)
_FULL = (
    '<span class="badge {verdict}" title="{reason}" tabindex="0">{label}</span> '
    '<span class="small trend-reason">{reason}</span>'
)
_PENDING = '<span class="badge pending" title="{title}">{label}</span>'
_CHIP = '\n      <a class="tag" href="{url}">{name}</a>{verdict}\n    '


def _escape(value) -> str:
    """What ``conditional_escape`` makes of ``value``, as a plain string: the badges are built
    with ``str.format`` (one ``mark_safe`` per tag), ``format_html`` per badge was a tenth of
    the organisation page's time."""
    if type(value) is str:
        return html_escape(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html_escape(str(value))


def _badge(trend, compact: bool) -> str:
    if not trend:
        return _PENDING.format(
            title=_escape(
                gettext("The trend verdict appears here once the trend engine has judged this KPI.")
            ),
            label=_escape(gettext("trend: not judged yet")),
        )
    return (_COMPACT if compact else _FULL).format(
        reason=_escape(trend.reason),
        verdict=_escape(trend.verdict),
        label=_escape(trend.verdict_label),
    )


@register.simple_tag
def verdict(trend, compact=False):
    """A KPI's trend verdict (``koers.trends.verdicts.Trend``, None before it is judged)."""
    return mark_safe(_badge(trend, compact))


# Codes that ``reverse`` writes into a URL as they are (nothing quoted, nothing to escape).
_PLAIN_CODE = re.compile(r"[A-Za-z0-9._~-]+\Z")
_MARK = "~koers-code~"


class KPILinks:
    """KPI page links from one ``reverse`` per organisation: the link with a marker for the
    code, split once, and each plain code put between (``page_url`` per KPI was a fifth of
    the chips' time). Other codes take ``get_absolute_url``."""

    def __init__(self):
        self._around: dict[str, tuple[str, str] | None] = {}

    def __call__(self, kpi) -> str:
        code = kpi.code
        if _PLAIN_CODE.match(code):
            slug = kpi.organisation.slug
            around = self._around.get(slug, False)
            if around is False:
                around = self._around[slug] = self._split(page_url("kpi", slug, _MARK))
            if around is not None:
                return around[0] + code + around[1]
        return _escape(kpi.get_absolute_url())

    @staticmethod
    def _split(url: str) -> tuple[str, str] | None:
        if url.count(_MARK) != 1:
            return None
        before, _mark, after = url.partition(_MARK)
        return _escape(before), _escape(after)


def chips_html(shown, links: KPILinks | None = None, lang: str | None = None) -> str:
    """``{% kpi_chips shown %}`` as a string (``links``: a ``KPILinks`` to share between
    lists; ``lang``: the language, when asked already)."""
    link, labels, pending, chips = links or KPILinks(), {}, None, []
    lang = lang or current_lang()
    for v in shown:
        trend, kpi = v.trend, v.kpi
        if trend:
            verdict = trend.verdict
            words = labels.get(verdict)
            if words is None:  # the label depends on the verdict and the language only
                words = labels[verdict] = (_escape(verdict), _escape(trend.verdict_label))
            reason = _escape(trend.reason_in(lang))
            badge = _COMPACT.format(reason=reason, verdict=words[0], label=words[1])
        else:
            badge = pending = pending or _badge(None, compact=True)
        chips.append(_CHIP.format(url=link(kpi), name=_escape(kpi.name), verdict=badge))
    return "".join(chips)


@register.simple_tag
def kpi_chips(shown):
    """Each KPI as a link with its compact verdict."""
    return mark_safe(chips_html(shown))  # noqa: S308 (every value is escaped)
