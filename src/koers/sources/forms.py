from django import forms
from django.utils.translation import gettext_lazy as _

from koers.computation.definitions import DIRECTIONS, FREQUENCIES, UNITS_OF_MEASURE
from koers.kpis.models import Direction, Frequency, UnitOfMeasure


class UploadForm(forms.Form):
    file = forms.FileField(label=_("file"), help_text=_("An auditfile (.xaf), CSV or Excel file."))
    source = forms.CharField(
        label=_("source"),
        required=False,
        max_length=100,
        help_text=_("Leave empty for 'auditfile' or the file name."),
    )
    confirm = forms.BooleanField(
        label=_("Yes, load this auditfile of another company"), required=False
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
