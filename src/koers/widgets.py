"""Django's stock form widgets and labels rendered in Python: the same HTML, a tenth of the time.

Every form on every page draws its inputs through Django's widget templates (an input is
three templates: ``text.html`` includes ``input.html`` includes ``attrs.html``), which makes
rendering a form cost more than building it. :class:`WidgetRenderer` (``FORM_RENDERER``)
writes the plain templates' output directly: inputs of every type, textareas, selects and
their options, labels. Any other template (a widget of our own, radio and checkbox lists,
forms rendered whole) goes through the templates as before, and so does an input whose
values the Python path does not know how to write exactly like the template (a callable).
``tests/test_widgets.py`` holds both ways side by side.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeData
from django.utils.translation import get_language

_WIDGETS = "django/forms/widgets/"
# The templates that are nothing but {% include "django/forms/widgets/input.html" %}.
INPUTS = {
    f"{_WIDGETS}{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "checkbox",
        "date",
        "datetime",
        "time",
        "search",
        "tel",
        "color",
        "file",
    )
}
SELECT = f"{_WIDGETS}select.html"
OPTION = f"{_WIDGETS}select_option.html"
TEXTAREA = f"{_WIDGETS}textarea.html"
LABEL = "django/forms/label.html"

# What ``{{ value }}`` does in a form template: no time zone, default localisation, escaped.
_TEMPLATE_CONTEXT = SimpleNamespace(use_tz=None, use_l10n=None, autoescape=True)


class _Unsure(Exception):
    """A value the Python path leaves to the template (the template would call it)."""


def _text(value) -> str:
    """``{{ value }}``."""
    if type(value) is str:
        return escape(value)
    if callable(value):
        raise _Unsure
    return render_value_in_context(value, _TEMPLATE_CONTEXT)


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}``: the text of the value, escaped unless marked safe."""
    if type(value) is str:
        return escape(value)
    if callable(value):
        raise _Unsure
    if isinstance(value, tuple):
        value = str(value)
    try:
        text = "%s" % value  # noqa: UP031 (what the stringformat filter does)
    except (ValueError, TypeError):
        text = ""
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs) -> str:
    """``django/forms/widgets/attrs.html`` (and ``django/forms/attrs.html``)."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(" " + _text(name))
        if value is not True:
            out.append('="' + _formatted(value) + '"')
    return "".join(out)


def _input(widget) -> str:
    value = widget["value"]
    shown = "" if value is None else ' value="' + _formatted(value) + '"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>"
    )


def _option(option) -> str:
    return (
        f'<option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_text(option['label'])}</option>\n"
    )


def _select(widget) -> str:
    out = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in group_choices:
            if option.get("template_name") != OPTION:
                raise _Unsure
            out.append("\n  " + _option(option))
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


def _textarea(widget) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_text(value) if value else ''}</textarea>"
    )


def _label(context) -> str:
    if not context["use_tag"]:
        return _text(context["label"])
    tag = _text(context["tag"])
    return f"<{tag}{_attrs(context['attrs'])}>{_text(context['label'])}</{tag}>"


def _written(template_name: str, context) -> str | None:
    """The template's output written in Python, or None to render the template."""
    if template_name in INPUTS:
        return _input(context["widget"])
    if template_name == SELECT:
        return _select(context["widget"])
    if template_name == TEXTAREA:
        return _textarea(context["widget"])
    if template_name == LABEL:
        return _label(context)
    if template_name == OPTION:
        return _option(context["widget"])
    return None


class WidgetRenderer(DjangoTemplates):
    """Django's default form renderer, with the stock widgets and labels written in Python."""

    def render(self, template_name, context, request=None):
        if request is None:
            try:
                written = _written(template_name, context)
            except _Unsure:
                written = None
            if written is not None:
                return written.strip()
        return super().render(template_name, context, request=request)


# Unbound forms as ``koers/form_fields.html`` renders them, by everything that HTML depends on:
# the language, the form's class, ids, prefix and initial values, and what the caller adds (a
# KPI's frequency and unit). The KPI page shows a few such shapes on every view, and rendering
# them was a tenth of the page. Bounded: emptied when full.
FORM_FIELDS_HTML: dict[tuple, str] = {}
FORM_FIELDS_MAX = 512


def form_fields_html(form, *shape) -> str:
    """``koers/form_fields.html`` of ``form``; an unbound one rendered once per shape (``shape``:
    what else its HTML depends on). A bound form (typed values, errors) is always rendered."""
    if form.is_bound:
        return render_to_string("koers/form_fields.html", {"form": form})
    key = (
        get_language(),
        type(form),
        form.auto_id,
        form.prefix,
        tuple(sorted(form.initial.items())),
        *shape,
    )
    html = FORM_FIELDS_HTML.get(key)
    if html is None:
        html = render_to_string("koers/form_fields.html", {"form": form})
        if len(FORM_FIELDS_HTML) >= FORM_FIELDS_MAX:
            FORM_FIELDS_HTML.clear()
        FORM_FIELDS_HTML[key] = html
    return html
