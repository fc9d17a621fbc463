from django import forms
from django.utils.translation import gettext_lazy as _

from koers import catalogue
from koers.organisations.models import Unit

from .models import HealthSettings


class HealthSettingsForm(forms.ModelForm):
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
