"""Forms of the import, export and entry pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.fields import PeriodField
from koers.kpis.models import KPI
from koers.organisations.models import Unit

from . import export

MAX_UPLOAD = 20 * 1024 * 1024
DECIMAL_CHOICES = [
    ("", _("decide from the file")),
    (",", _("comma: 1.234,56")),
    (".", _("point: 1,234.56")),
]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("CSV (separated by ; , or tab) or Excel (.xlsx).")
    )
    kpi = forms.ModelChoiceField(
        KPI.objects.none(),
        required=False,
        to_field_name="code",
        label=_("KPI"),
        help_text=_("Only for a file with just a period and a value column."),
    )
    sheet = forms.CharField(
        label=_("Sheet"),
        required=False,
        max_length=100,
        help_text=_("Excel only; empty reads the first sheet."),
    )
    decimal = forms.ChoiceField(
        label=_("Decimal separator"),
        choices=DECIMAL_CHOICES,
        required=False,
        help_text=_("Only needed when numbers like 1.234 could be read two ways."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kpi"].queryset = KPI.objects.for_org(organisation).current()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


class ExportForm(forms.Form):
    kpi = forms.ModelMultipleChoiceField(
        KPI.objects.none(),
        required=False,
        to_field_name="code",
        label=_("KPIs"),
        help_text=_("Empty: every KPI (of the unit, if you choose one)."),
    )
    unit = forms.ModelChoiceField(
        Unit.objects.none(),
        required=False,
        to_field_name="slug",
        label=_("Unit"),
        help_text=_("The unit's KPIs and those of the units below it."),
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=[("csv", "CSV"), ("xlsx", "Excel (.xlsx)")], initial="csv"
    )
    layout = forms.ChoiceField(
        label=_("Layout"),
        choices=[
            ("long", _("long: one row per value")),
            ("wide", _("wide: one row per period, one column per KPI")),
        ],
        initial="long",
    )
    lang = forms.ChoiceField(
        label=_("Language"),
        choices=[("nl", _("Dutch: ; and 1234,56")), ("en", _("English: , and 1234.56"))],
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # A retired KPI named by its code still downloads (its page offers it); the list to
        # choose from holds the current ones.
        kpis = KPI.objects.for_org(organisation)
        self.fields["kpi"].queryset = kpis
        self.fields["kpi"].widget.choices = [(k.code, str(k)) for k in kpis.current()]
        self.fields["unit"].queryset = Unit.objects.for_org(organisation)

    def clean_format(self):
        value = self.cleaned_data["format"]
        return value if value in export.FORMATS else "csv"


class EntryChooseForm(forms.Form):
    unit = forms.ModelChoiceField(
        Unit.objects.none(), to_field_name="slug", label=_("Unit"), empty_label=None
    )
    period = PeriodField(
        label=_("Period"),
        help_text=_("A month (jan 2025), week (2025-W07), quarter (K1 2025) or year."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.for_org(organisation)
