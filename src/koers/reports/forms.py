"""Forms: benchmarks, subscriptions and share links."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.fields import LocalDecimalField, current_lang
from koers.kpis.models import KPI
from koers.organisations.models import Unit

from .models import Benchmark, BoardLink, Grouping, Language, ShareLink, Subscription
from .periods import ReportPeriodError, resolve_period


class BenchmarkForm(forms.ModelForm):
    value = LocalDecimalField(label=_("value"))

    class Meta:
        model = Benchmark
        fields = ["kpi", "value", "source", "period", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, kpis, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kpi"].queryset = kpis


class SubscriptionForm(forms.ModelForm):
    class Meta:
        model = Subscription
        fields = ["unit", "frequency", "group", "lang"]

    def __init__(self, *args, organisation, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("lang", current_lang())
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["unit"].queryset = Unit.objects.for_org(organisation)

    def clean(self):
        data = super().clean()
        user = self.instance.user if self.instance.user_id else None
        exists = Subscription.objects.filter(
            user=user, unit=data.get("unit"), frequency=data.get("frequency")
        )
        if user and exists.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("You already receive this report at this frequency."))
        return data


class ShareLinkForm(forms.ModelForm):
    class Meta:
        model = ShareLink
        fields = ["label", "period", "group", "lang", "expires_on"]
        widgets = {"period": forms.Select}

    def __init__(self, *args, period_choices, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("expires_on", timezone.localdate() + timedelta(days=30))
        initial.setdefault("lang", current_lang())
        super().__init__(*args, **kwargs)
        choices = []
        for label, options in period_choices:
            choices.append((label, options) if label else options[0])
        self.fields["period"].widget.choices = choices
        self.fields["group"].choices = Grouping.choices
        self.fields["lang"].choices = Language.choices

    def clean_period(self):
        value = self.cleaned_data["period"]
        try:
            resolve_period(value, timezone.localdate())
        except ReportPeriodError:
            raise forms.ValidationError(_("Choose a period from the list.")) from None
        return value

    def clean_expires_on(self):
        value = self.cleaned_data["expires_on"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("The date lies in the past."))
        return value  # at most a year ahead: ShareLink.clean


class BoardLinkForm(forms.ModelForm):
    class Meta:
        model = BoardLink
        fields = ["label", "lang", "expires_on"]

    def __init__(self, *args, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("expires_on", timezone.localdate() + timedelta(days=365))
        initial.setdefault("lang", current_lang())
        super().__init__(*args, **kwargs)
        self.fields["lang"].choices = Language.choices

    def clean_expires_on(self):
        value = self.cleaned_data["expires_on"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("The date lies in the past."))
        return value  # at most a year ahead: BoardLink.clean


def kpis_for_benchmarks(access):
    """KPIs the user may give a benchmark: those of units they manage (all for admins)."""
    kpis = KPI.objects.for_org(access.organisation).current().select_related("unit")
    if access.is_admin:
        return kpis
    return kpis.filter(unit_id__in=access.managed_unit_ids)
