"""Small forms for a KPI's trend settings: one form per action."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.fields import PeriodField

from .models import SEASON_LENGTHS, Spread


class BaselineForm(forms.Form):
    # The settings' version the form started from: a stale save is refused (no lost update).
    version = forms.IntegerField(
        required=False, min_value=0, widget=forms.HiddenInput(attrs={"id": False})
    )
    points = forms.IntegerField(
        label=_("Baseline length (points)"),
        required=False,
        min_value=2,
        max_value=500,
        help_text=_("The first N points set the centre line and limits. Empty: the first 20."),
    )
    locked = forms.BooleanField(
        label=_("Lock the baseline"),
        required=False,
        help_text=_("Keep these limits also when new values come in."),
    )


class MethodForm(forms.Form):
    version = forms.IntegerField(
        required=False, min_value=0, widget=forms.HiddenInput(attrs={"id": False})
    )
    spread = forms.ChoiceField(label=_("Width of the limits from"), choices=Spread.choices)
    trended = forms.BooleanField(
        label=_("Trended limits"),
        required=False,
        help_text=_("For a process that drifts on purpose: limits follow a straight line."),
    )
    screening = forms.BooleanField(
        label=_("Screen large jumps"),
        required=False,
        help_text=_("Leave unusually large jumps out of the baseline before computing limits."),
    )
    seasonal = forms.BooleanField(
        label=_("Seasonal"),
        required=False,
        help_text=_("Compare like with like across the year (needs two full years of data)."),
    )

    def __init__(self, *args, kpi, **kwargs):
        super().__init__(*args, **kwargs)
        self.kpi = kpi

    def clean_seasonal(self):
        seasonal = self.cleaned_data["seasonal"]
        if seasonal and self.kpi.frequency not in SEASON_LENGTHS:
            raise forms.ValidationError(_("A yearly KPI cannot be seasonal."))
        return seasonal


class RebaselineForm(forms.Form):
    period = PeriodField(label=_("New level from period"))
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("What changed, e.g. a new machine or a new way of working."),
    )

    def __init__(self, *args, kpi, starts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kpi = kpi
        self.starts = list(starts)
        self.fields["period"].frequency = kpi.frequency

    def clean_period(self):
        period = self.cleaned_data["period"]
        if period.frequency != self.kpi.period_frequency:
            raise forms.ValidationError(_("Choose a period of this KPI's frequency."))
        if not self.starts or period.start <= self.starts[0] or period.start > self.starts[-1]:
            raise forms.ValidationError(
                _("Choose a period after the first value and not after the last one.")
            )
        if self.kpi.rebaselines.filter(period_start=period.start).exists():
            raise forms.ValidationError(_("A new level already starts at this period."))
        return period


class AcceptLevelForm(forms.Form):
    period = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
