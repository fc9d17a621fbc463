from __future__ import annotations

import hashlib
import json
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.fields import LocalDecimalField, PeriodField, current_lang
from koers.goals.models import AnnualGoal
from koers.organisations.models import Unit

from .models import KPI
from .rows import NOT_CHECKED
from .values import ValueProblem, storable


def storable_or_error(value):
    """The value as it will be stored; a form error saying why when it cannot be."""
    if value is None:
        return None
    try:
        return storable(value)
    except ValueProblem as problem:
        raise forms.ValidationError(problem.message(current_lang()), code=problem.code) from None


def definition_version(kpi: KPI) -> str:
    """A fingerprint of the KPI's definition as stored: the version a definition form carries."""
    if kpi.pk is None:
        return ""
    fields = [f for f in KPIForm.Meta.fields if f not in ("annual_goals", "core_competences")]
    data = {name: str(forms.models.model_to_dict(kpi, [name]).get(name)) for name in fields}
    data["core_competences"] = sorted(kpi.core_competences.values_list("pk", flat=True))
    data["annual_goals"] = sorted(kpi.annual_goals.values_list("pk", flat=True))
    text = json.dumps(data, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


class KPIForm(forms.ModelForm):
    target = LocalDecimalField(label=_("target"), required=False)
    version = forms.CharField(required=False, widget=forms.HiddenInput)
    annual_goals = forms.ModelMultipleChoiceField(
        AnnualGoal.objects.none(),
        required=False,
        label=_("annual goals it serves"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = KPI
        fields = [
            "unit",
            "code",
            "name",
            "definition",
            "purpose",
            "unit_of_measure",
            "custom_unit",
            "decimals",
            "frequency",
            "direction",
            "area",
            "data_source",
            "importance",
            "parent",
            "annual_goals",
            "core_competences",
            "serves_mission",
            "target",
            "aggregation",
            "status",
        ]
        widgets = {
            "core_competences": forms.CheckboxSelectMultiple,
            "definition": forms.Textarea(attrs={"rows": 3}),
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "data_source": forms.Textarea(attrs={"rows": 2}),
        }

    conflict = False

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = access.organisation
        self.instance.organisation = organisation
        units = Unit.objects.for_org(organisation)
        if not access.is_admin:
            units = units.filter(pk__in=access.managed_unit_ids)
        self.fields["unit"].queryset = units
        parents = KPI.objects.for_org(organisation).current()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
            self.initial["annual_goals"] = list(self.instance.annual_goals.all())
        self.fields["parent"].queryset = parents
        self.fields["core_competences"].queryset = organisation.core_competences.all()
        self.fields["annual_goals"].queryset = AnnualGoal.objects.for_org(organisation)
        self.fields["annual_goals"].label_from_instance = lambda g: f"{g.year} · {g.title}"
        self.stored_version = definition_version(self.instance)
        self.initial["version"] = self.stored_version
        if self.instance.pk and self.instance.measurements.exists():
            self.fields["frequency"].disabled = True
            self.fields["frequency"].help_text = _(
                "Fixed once values exist: their periods depend on it."
            )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if code.lower() in {"new", "retired"}:
            raise forms.ValidationError(_("This code is reserved; choose another."))
        clash = KPI.objects.for_org(self.instance.organisation).filter(code__iexact=code)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _("Another KPI in this organisation already uses the code %(code)s."),
                params={"code": code},
                code="duplicate",
            )
        return code

    def clean_target(self):
        return storable_or_error(self.cleaned_data.get("target"))

    def clean(self):
        data = super().clean()
        if data.get("unit_of_measure") == "custom" and not data.get("custom_unit"):
            self.add_error("custom_unit", _("Describe the unit of measure."))
        sent = data.get("version")
        if self.instance.pk and sent and sent != self.stored_version:
            self._refuse_stale(data)
        return data

    def _refuse_stale(self, data) -> None:
        """Someone saved the definition after this form was opened: save nothing, show theirs
        next to the user's own; the form now carries the newer version, so saving again wins."""
        differences = []
        for name in self.changed_data:
            if name == "version" or name not in self.fields:
                continue
            field = self.fields[name]
            stored = forms.models.model_to_dict(self.instance, [name]).get(name)
            newer, yours = _display(field, stored), _display(field, data.get(name))
            if newer != yours:
                differences.append(
                    _("%(field)s is now “%(newer)s” (yours: “%(yours)s”)")
                    % {"field": field.label, "newer": newer, "yours": yours}
                )
        self.data = self.data.copy()
        self.data["version"] = self.stored_version
        self.conflict = True
        raise forms.ValidationError(
            _(
                "Someone else changed this KPI after you opened it. Nothing was saved. "
                "%(differences)s. Check the fields and save again to keep yours."
            )
            % {"differences": "; ".join(differences) or _("The definition changed")},
            code="conflict",
        )

    def save(self, commit=True):
        kpi = super().save(commit=commit)
        if commit:
            kpi.annual_goals.set(self.cleaned_data["annual_goals"])
        return kpi

    def describe_changes(self) -> dict[str, list[str]]:
        """Changed fields as {label: [old, new]} for the KPI's history."""
        changes = {}
        for name in self.changed_data:
            if name == "version":
                continue
            field = self.fields[name]
            old, new = self.initial.get(name), self.cleaned_data.get(name)
            changes[str(field.label)] = [_display(field, old), _display(field, new)]
        return changes


def _display(field, value) -> str:
    if value is None or value == "":
        return ""
    if hasattr(value, "__iter__") and not isinstance(value, str):
        return ", ".join(str(v) for v in value)
    if hasattr(field, "choices") and not hasattr(field, "queryset"):
        return str(dict(field.choices).get(value, value))
    if hasattr(field, "queryset") and not hasattr(value, "pk"):
        obj = field.queryset.filter(pk=value).first()
        return str(obj) if obj else str(value)
    return str(value)


def value_version(period, value) -> str:
    """What a form started from: "2025-01=89.9", or "2025-01=" when there was no value."""
    plain = "" if value is None else format(value.normalize(), "f")
    return f"{period.key}={plain}"


def expected_value(version: str, period):
    """The stored value a form started from for ``period``; NOT_CHECKED when it does not say."""
    key, sep, plain = (version or "").partition("=")
    if not sep or period is None or key != period.key:
        return NOT_CHECKED
    try:
        return Decimal(plain) if plain else None
    except InvalidOperation:
        return NOT_CHECKED


class MeasurementForm(forms.Form):
    period = PeriodField(label=_("period"))
    value = LocalDecimalField(label=_("value"))
    comment = forms.CharField(
        label=_("comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, kpi: KPI, **kwargs):
        super().__init__(*args, **kwargs)
        self.kpi = kpi
        self.fields["period"].frequency = kpi.frequency
        self.fields["period"].help_text = _("For example: %(examples)s") % {
            "examples": {
                "week": "week 7 2025, 2025-W07",
                "month": "jan 2025, 2025-01, 01-2025",
                "quarter": "Q1 2025, K1 2025",
                "year": "2025",
            }[kpi.frequency]
        }

    def clean_value(self):
        return storable_or_error(self.cleaned_data.get("value"))
