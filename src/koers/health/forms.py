from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from koers import catalogue
from koers.fields import LocalDecimalField, VersionedForm
from koers.organisations.models import Unit

from .models import HealthSettings


class HealthSettingsForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = HealthSettings
        fields = ["max_kpis_per_unit"]


class SeededRoundForm(forms.Form):
    """Start a selection round seeded with the catalogue's entries of the chosen areas."""

    unit = forms.ModelChoiceField(
        queryset=None,
        label=_("For"),
        help_text=_("The company as a whole or the unit the KPIs are chosen for."),
    )
    question = forms.CharField(label=_("Question"), max_length=300)
    areas = forms.MultipleChoiceField(
        label=_("Start the long list with the catalogue's examples for"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everyone invited can add their own candidates to the round."),
    )

    def __init__(self, *args, access, lang: str, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.for_org(access.organisation)
        if not access.is_admin:
            units = units.filter(pk__in=access.managed_unit_ids)
        self.fields["unit"].queryset = units
        self.fields["areas"].choices = [
            (area, f"{names[lang]} ({len(catalogue.entries(area=area))})")
            for area, names in catalogue.AREAS.items()
        ]

    def seed_keys(self) -> list[str]:
        return [e.key for area in self.cleaned_data["areas"] for e in catalogue.entries(area=area)]


class CarryGoalForm(forms.Form):
    """The target of an annual goal carried into the new year (Dutch numbers: ``1.234,56``)."""

    target_value = LocalDecimalField(label=_("Target for the new year"), required=False)

    def __init__(self, *args, goal, **kwargs):
        kwargs.setdefault("prefix", f"goal-{goal.pk}")
        super().__init__(*args, **kwargs)
        self.goal = goal
        if goal.target_kpi_id is None:
            del self.fields["target_value"]
        else:
            self.fields["target_value"].required = True
            self.fields["target_value"].help_text = _(
                "Last year's target: adjust it to what the new year must bring."
            )

    def clean_target_value(self):
        value = self.cleaned_data.get("target_value")
        too_large = value is not None and abs(value) >= Decimal(10) ** 14
        if too_large or (value is not None and value.as_tuple().exponent < -6):
            raise forms.ValidationError(
                _("This number is too large or has more than six decimals.")
            )
        return value

    @property
    def target(self):
        return self.cleaned_data.get("target_value") if self.is_valid() else None
