"""Template filters for numbers and periods in the reader's language."""

from django import template
from django.utils.text import capfirst
from django.utils.translation import get_language

from koers.navigation import may_open as _may_open
from koers.numbers import format_number
from koers.periods import Period

register = template.Library()


def lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


@register.filter
def num(value, decimals=None):
    """`{{ value|num:kpi.decimals }}` → 1.234,56 (nl) or 1,234.56 (en)."""
    if value is None or value == "":
        return ""
    return format_number(value, None if decimals in (None, "") else int(decimals), lang())


@register.filter
def period_label(period: Period | None, style: str = "short") -> str:
    if period is None:
        return ""
    return period.long_label(lang()) if style == "long" else period.label(lang())


@register.filter
def with_unit(text: str, kpi) -> str:
    """Append the KPI's unit symbol: `12,5 %`, `€ 1.234`."""
    if text in (None, ""):
        return ""
    symbol = kpi.symbol
    if not symbol:
        return text
    if kpi.unit_of_measure == "euro":
        return f"€ {text}"
    return f"{text} {symbol}"


@register.simple_tag
def current_lang() -> str:
    return lang()


@register.filter
def may_define(access, thing) -> bool:
    """`{% if access|may_define:kpi %}`: the same question the views ask (``Access``)."""
    return access is not None and access.can_define(thing)


@register.filter
def may_enter(access, thing) -> bool:
    """`{% if access|may_enter:kpi %}`: may this user enter values of the unit or KPI?"""
    return access is not None and access.can_enter(thing)


# Links and buttons are shown only when the user may follow them: the same Access questions
# the views ask (`{% if access|can_manage:kpi.unit_id %}`).


@register.filter
def may_open(access, url_name: str) -> bool:
    """`{% if access|may_open:"kpi_create" %}`: may the user open this organisation page?"""
    return _may_open(access, url_name)


@register.filter
def can_manage(access, unit_id) -> bool:
    return access is not None and access.can_manage_unit(unit_id)


@register.filter
def can_enter(access, unit_id) -> bool:
    return access is not None and access.can_enter_data(unit_id)


@register.filter
def can_run_meetings(access, unit_id) -> bool:
    return access is not None and access.can_run_meetings(unit_id)


@register.filter
def label(field) -> str:
    """A field's <label>, its text starting with a capital like every other label (a form's
    own ``label=_("pulled by")`` would otherwise show in lower case beside "Titel")."""
    return field.label_tag(contents=capfirst(field.label))
