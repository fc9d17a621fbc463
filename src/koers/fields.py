"""Form fields that read numbers and periods the way people type them.

Dutch users type ``1.234,56`` and ``jan 2025``; English users ``1,234.56``
and ``Jan 2025``. Both are read; errors say why in the user's language.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from django import forms
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from koers.numbers import NumberError, format_number, parse_number, parse_quantity
from koers.periods import Frequency, Period, PeriodError, parse_period


def current_lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def read_number(text: str, lang: str, unit: str | None = None, words=()) -> Decimal:
    """Read a number; when it can be read two ways, the user's language decides. With the
    KPI's ``unit`` (and ``words`` naming a custom one) it may be typed with its unit, as
    ``koers.numbers.parse_quantity`` reads it (``6,5 dagen``, ``€ 12``, ``12,5%``)."""

    def parse(decimal=None):
        if unit is None:
            return parse_number(text, decimal=decimal)
        return parse_quantity(text, unit, decimal=decimal, words=words)

    try:
        return parse()
    except NumberError as error:
        if error.code != "ambiguous":
            raise
        return parse("," if lang == "nl" else ".")


class NumberInput(forms.TextInput):
    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, int | float | Decimal):
            return format_number(Decimal(str(value)).normalize(), None, current_lang(), False)
        return super().format_value(value)


class LocalDecimalField(forms.Field):
    """A number as people type it; with ``unit`` (a KPI's unit of measure) and ``words`` also
    with that unit after or before it."""

    widget = NumberInput

    def __init__(self, *args, unit: str | None = None, words=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.unit, self.words = unit, tuple(words)

    def to_python(self, value) -> Decimal | None:
        text = str(value).strip() if value is not None else ""
        if text in self.empty_values:
            return None
        try:
            return read_number(text, current_lang(), self.unit, self.words)
        except NumberError as error:
            raise forms.ValidationError(error.message(current_lang()), code=error.code) from None


class PeriodField(forms.Field):
    """A period typed as text (`jan 2025`, `2025-W07`, `31-01-2025`, …)."""

    widget = forms.TextInput

    def __init__(self, *args, frequency: Frequency | str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.frequency = frequency

    def prepare_value(self, value):
        if isinstance(value, Period):
            return value.label(current_lang())
        return value

    def to_python(self, value) -> Period | None:
        if isinstance(value, Period):
            return value
        text = str(value).strip() if value is not None else ""
        if text in self.empty_values:
            return None
        try:
            return parse_period(text, self.frequency)
        except PeriodError as error:
            raise forms.ValidationError(error.message(current_lang()), code=error.code) from None


# --------------------------------------------------------------------------------------------
# No lost update: an edit form carries the version it started from
# --------------------------------------------------------------------------------------------


def stored_version(instance, names) -> str:
    """A fingerprint of ``instance``'s fields ``names`` as stored (many-to-many by their ids):
    the version an edit form carries; empty for an instance not saved yet."""
    if instance.pk is None:
        return ""
    data = {}
    for name, value in forms.models.model_to_dict(instance, list(names)).items():
        if isinstance(value, list):
            value = sorted(getattr(v, "pk", v) for v in value)
        data[name] = str(value)
    text = json.dumps(data, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def _shown(field, value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, list | tuple | set) or hasattr(value, "all"):
        items = value.all() if hasattr(value, "all") else value
        return ", ".join(_shown(field, v) for v in items)
    if hasattr(field, "queryset") and not hasattr(value, "pk"):
        found = field.queryset.filter(pk=value).first()
        return str(found) if found else str(value)
    if getattr(field, "choices", None) and not hasattr(field, "queryset"):
        return str(dict(field.choices).get(value, value))
    return str(value)


def refuse_stale(form, differences, message, fallback) -> None:
    """Refuse a save made from an older version of what ``form`` edits: nothing is saved, the
    error names each field that is now different (``differences``: (field, newer, yours)
    texts), and the form carries the newer version, so saving again keeps the user's values.
    ``message`` holds ``%(differences)s``; ``fallback`` stands in when no field differs."""
    lines = [
        _("%(field)s is now “%(newer)s” (yours: “%(yours)s”)")
        % {"field": field.label, "newer": newer, "yours": yours}
        for field, newer, yours in differences
        if newer != yours
    ]
    form.data = form.data.copy()
    form.data["version"] = form.stored_version
    form.conflict = True
    raise forms.ValidationError(
        message % {"differences": "; ".join(lines) or fallback}, code="conflict"
    )


class VersionedForm:
    """Mixin for a ModelForm that edits a stored row: it carries, as the hidden field
    ``version``, a fingerprint of the row's fields as they were when the form was opened. A
    save from an older version (someone saved in between) is refused: nothing is saved and
    the form says which fields are now different, the newer value next to the user's own;
    it then carries the newer version, so saving again keeps the user's values."""

    conflict = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.CharField(
            required=False,
            widget=forms.HiddenInput(attrs={"id": False}),  # hidden: no label, no id to collide
        )
        self._version_fields = self._versioned()  # as opened (a subclass may drop fields after)
        self.stored_version = stored_version(self.instance, self._version_fields)
        self.initial["version"] = self.stored_version

    def _versioned(self) -> list[str]:
        model_fields = {f.name for f in self.instance._meta.get_fields()}
        return [name for name in self.fields if name != "version" and name in model_fields]

    def clean(self):
        data = super().clean()
        sent = data.get("version")
        current = self._read_stored() if self.instance.pk else None
        if current is not None and sent and sent != self.stored_version:
            self._refuse_stale(data, current)
        return data

    def _read_stored(self):
        """The row as stored now, and locked until the transaction ends when the view runs in
        one (``transaction.atomic``: the check and the save as one, so two saves at once
        cannot both pass the check). The fields this form does not edit are taken from it, so
        the save writes no older copy of them either."""
        model = type(self.instance)
        rows = model._base_manager.filter(pk=self.instance.pk)
        if transaction.get_connection().in_atomic_block:
            rows = rows.select_for_update()
        current = rows.first()
        if current is None:
            return None
        edited = set(self._versioned())
        for field in model._meta.concrete_fields:
            if field.name not in edited and not field.primary_key:
                setattr(self.instance, field.attname, getattr(current, field.attname))
        self.stored_version = stored_version(current, self._version_fields)
        return current

    def _refuse_stale(self, data, current) -> None:
        stored = forms.models.model_to_dict(current, self._versioned())
        fields = [(self.fields[name], name) for name in self._versioned()]
        refuse_stale(
            self,
            [(f, _shown(f, stored.get(n)), _shown(f, data.get(n))) for f, n in fields],
            _(
                "Someone else changed this after you opened it. Nothing was saved. "
                "%(differences)s. Check the fields and save again to keep yours."
            ),
            _("It was changed"),
        )
