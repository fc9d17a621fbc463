from django import forms
from django.utils.translation import gettext_lazy as _

from koers.fields import LocalDecimalField, VersionedForm
from koers.kpis.models import KPI
from koers.organisations.models import Unit

from .models import AnnualGoal


class AnnualGoalForm(VersionedForm, forms.ModelForm):
    target_value = LocalDecimalField(label=_("target value for the year"), required=False)

    class Meta:
        model = AnnualGoal
        fields = [
            "year",
            "unit",
            "title",
            "description",
            "serves_mission",
            "core_competences",
            "kpis",
            "target_kpi",
            "target_value",
        ]
        widgets = {
            "core_competences": forms.CheckboxSelectMultiple,
            "kpis": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = access.organisation
        self.instance.organisation = organisation
        units = Unit.objects.for_org(organisation)
        if not access.is_admin:
            units = units.filter(pk__in=access.managed_unit_ids)
        self.fields["unit"].queryset = units
        self.fields["core_competences"].queryset = organisation.core_competences.all()
        kpis = KPI.objects.for_org(organisation).current()
        self.fields["kpis"].queryset = kpis
        self.fields["target_kpi"].queryset = kpis

    def clean(self):
        data = super().clean()
        if data.get("target_value") is not None and not data.get("target_kpi"):
            self.add_error("target_kpi", _("Choose the KPI the target value is for."))
        return data
