from django import forms
from django.utils.translation import gettext_lazy as _

from koers.computation.definitions import DIRECTIONS, FREQUENCIES, UNITS_OF_MEASURE
from koers.kpis.models import Direction, Frequency, UnitOfMeasure


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("file"),
        help_text=_("An auditfile (.xaf), CSV or Excel file, or e-invoices (.xml or .zip)."),
    )
    source = forms.CharField(
        label=_("source"),
        required=False,
        max_length=100,
        help_text=_("Leave empty for 'auditfile' or the file name."),
    )


TYPE_CHOICES = [("text", _("text")), ("number", _("number")), ("date", _("date"))]


class ColumnTypesMixin:
    """A type field per column (``type-<n>``), labelled with the column's name."""

    def add_type_fields(self, columns: list[dict]) -> None:
        self.columns = columns
        for n, column in enumerate(columns):
            self.fields[f"type-{n}"] = forms.ChoiceField(
                label=column["name"],
                choices=TYPE_CHOICES,
                initial=column["type"],
                required=False,  # not sent: the detected type
            )

    def all_types(self) -> dict[str, str]:
        return {
            c["name"]: self.cleaned_data.get(f"type-{n}") or c["type"]
            for n, c in enumerate(self.columns)
        }

    def types(self) -> dict[str, str]:
        """The chosen types that differ from the detected ones."""
        detected = {c["name"]: c["type"] for c in self.columns}
        return {k: v for k, v in self.all_types().items() if v != detected[k]}

    def type_fields(self):
        return [self[f"type-{n}"] for n in range(len(self.columns))]

    def named_errors(self) -> list[str]:
        """Every error with the column (or field) it is about."""
        out = []
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            out += [f"{label}: {e}" if label else str(e) for e in errors]
        return out


class ConfirmForm(ColumnTypesMixin, forms.Form):
    """Confirming an upload: the column types, and what it replaces or whose file it is."""

    replace = forms.BooleanField(required=False)
    other_company = forms.BooleanField(required=False)

    def __init__(self, preview: dict, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.preview = preview
        self.fields["replace"].label = _("Yes, replace %(what)s") % {"what": preview["replaces"]}
        self.fields["other_company"].label = _("Yes, load this auditfile of another company")
        columns = preview.get("columns", []) if preview["kind"] in ("csv", "xlsx") else []
        self.add_type_fields(columns)

    def clean(self):
        data = super().clean()
        if self.preview.get("replaces") and not data.get("replace"):
            self.add_error("replace", _("Tick this to replace what was loaded before."))
        if self.preview.get("other_company") and not data.get("other_company"):
            self.add_error("other_company", _("Tick this to load another company's file."))
        return data


class TypesForm(ColumnTypesMixin, forms.Form):
    def __init__(self, columns: list[dict], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_type_fields(columns)


class FolderForm(forms.Form):
    folder = forms.CharField(
        label=_("folder on the server"),
        max_length=500,
        required=False,
        help_text=_("'koers data refresh' loads the newest file in it. Leave empty to stop."),
    )


class DefineForm(forms.Form):
    code = forms.CharField(label=_("code"), max_length=30)
    name = forms.CharField(label=_("name"), max_length=200)
    unit_of_measure = forms.ChoiceField(
        label=_("unit of measure"),
        choices=[c for c in UnitOfMeasure.choices if c[0] in UNITS_OF_MEASURE],
    )
    direction = forms.ChoiceField(
        label=_("direction"), choices=[c for c in Direction.choices if c[0] in DIRECTIONS]
    )
    frequency = forms.ChoiceField(
        label=_("frequency"),
        choices=[c for c in Frequency.choices if c[0] in FREQUENCIES],
        initial="month",
    )
    date = forms.CharField(label=_("date column"), required=False)
    as_of_from = forms.CharField(label=_("open from (column)"), required=False)
    as_of_until = forms.CharField(label=_("open until (column)"), required=False)
    value = forms.CharField(label=_("value"), help_text=_("For example count(*) or sum(amount)."))
    where = forms.CharField(label=_("only rows where"), required=False)
    denominator = forms.CharField(label=_("divided by"), required=False)

    def definition(self, source: str) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if v and not k.startswith("as_of")}
        if self.cleaned_data["as_of_from"]:
            data["as_of"] = {
                "from": self.cleaned_data["as_of_from"],
                "until": self.cleaned_data["as_of_until"],
            }
        data["source"] = source
        return data
