from __future__ import annotations

import copy
import hashlib
import json
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.fields import LocalDecimalField, PeriodField, current_lang, read_number, refuse_stale
from koers.goals.models import AnnualGoal
from koers.numbers import NumberError, format_number
from koers.organisations.models import Unit

from .formula import FormulaError, parse
from .models import KPI, Feed, RollupRule, TargetMode
from .rollup import rollup_errors
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
    minimum = LocalDecimalField(
        label=_("lowest possible value"),
        required=False,
        help_text=KPI._meta.get_field("minimum").help_text,
    )
    maximum = LocalDecimalField(
        label=_("highest possible value"),
        required=False,
        help_text=KPI._meta.get_field("maximum").help_text,
    )
    version = forms.CharField(required=False, widget=forms.HiddenInput(attrs={"id": False}))
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
            "minimum",
            "maximum",
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

    def clean_minimum(self):
        return storable_or_error(self.cleaned_data.get("minimum"))

    def clean_maximum(self):
        return storable_or_error(self.cleaned_data.get("maximum"))

    def clean(self):
        data = super().clean()
        if data.get("unit_of_measure") == "custom" and not data.get("custom_unit"):
            self.add_error("custom_unit", _("Describe the unit of measure."))
        low, high = data.get("minimum"), data.get("maximum")
        if low is not None and high is not None and low >= high:
            self.add_error("maximum", _("The highest possible value must be above the lowest."))
        sent = data.get("version")
        if self.instance.pk and sent and sent != self.stored_version:
            self._refuse_stale(data)
        return data

    def _refuse_stale(self, data) -> None:
        """Someone saved the definition after this form was opened: save nothing, show theirs
        next to the user's own; the form now carries the newer version, so saving again wins."""
        names = [n for n in self.changed_data if n != "version" and n in self.fields]
        stored = forms.models.model_to_dict(self.instance, names)
        refuse_stale(
            self,
            [
                (
                    self.fields[n],
                    _display(self.fields[n], stored.get(n)),
                    _display(self.fields[n], data.get(n)),
                )
                for n in names
            ],
            _(
                "Someone else changed this KPI after you opened it. Nothing was saved. "
                "%(differences)s. Check the fields and save again to keep yours."
            ),
            _("The definition changed"),
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
    version = forms.CharField(required=False, widget=forms.HiddenInput(attrs={"id": False}))
    # Set by the "save anyway" button under a plausibility warning (koers.kpis.plausibility).
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

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
        self.fields["value"].unit = kpi.unit_of_measure
        self.fields["value"].words = kpi.unit_words

    def clean_value(self):
        return storable_or_error(self.cleaned_data.get("value"))


def _codes(text: str) -> list[str]:
    """KPI codes typed as "A, B C;D" → ["A", "B", "C", "D"] (order kept, repeats dropped)."""
    return list(dict.fromkeys(c for c in text.replace(";", ",").replace(",", " ").split() if c))


class RollupForm(forms.Form):
    """A parent KPI's roll-up settings: rule, children (codes), weights, formula.

    Checked with ``koers.kpis.rollup.rollup_errors`` (unknown codes, a cycle named, mixed units,
    coarser children); ``save`` writes all settings at once or nothing."""

    rule = forms.ChoiceField(
        label=_("roll-up rule"),
        required=False,
        choices=[("", _("not rolled up: values are entered"))] + list(RollupRule.choices),
    )
    children = forms.CharField(
        label=_("rolled up from"),
        required=False,
        help_text=_(
            "KPI codes, separated by commas. For a ratio: the numerator, then the denominator."
        ),
    )
    weights = forms.CharField(
        label=_("weighted by"),
        required=False,
        help_text=_("For a weighted average: one KPI code per child, in the same order."),
    )
    formula = forms.CharField(
        label=_("formula"),
        required=False,
        max_length=500,
        help_text=_(
            "For a formula: KPI codes, numbers, + − × ÷ and parentheses, e.g. (A + B) / C."
        ),
    )

    FIELDS = {
        "rollup_rule": "rule",
        "rollup_children": "children",
        "rollup_weights": "weights",
        "rollup_formula": "formula",
    }

    def __init__(self, *args, kpi: KPI, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "rule": kpi.rollup_rule,
                "children": ", ".join(kpi.rollup_children or []),
                "weights": ", ".join(kpi.rollup_weights or []),
                "formula": kpi.rollup_formula,
            },
        )
        super().__init__(*args, **kwargs)
        self.kpi = kpi

    def settings(self) -> dict:
        """The roll-up fields of the KPI as typed (after ``is_valid``)."""
        data = self.cleaned_data
        rule = data.get("rule") or ""
        children = _codes(data.get("children") or "")
        formula = (data.get("formula") or "").strip() if rule == RollupRule.FORMULA else ""
        if rule == RollupRule.FORMULA:
            try:
                children = list(parse(formula).codes)
            except FormulaError:
                children = []
        return {
            "rollup_rule": rule,
            "rollup_children": children if rule else [],
            "rollup_weights": _codes(data.get("weights") or "")
            if rule == RollupRule.WEIGHTED
            else [],
            "rollup_formula": formula,
            "feed": Feed.ROLLUP if rule else Feed.MANUAL,
        }

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if self.kpi.feed == Feed.COMPUTED:
            raise forms.ValidationError(
                _("This KPI is computed from the company's own data; it cannot be rolled up too.")
            )
        trial = copy.copy(self.kpi)
        for name, value in self.settings().items():
            setattr(trial, name, value)
        for name, message in rollup_errors(trial).items():
            self.add_error(self.FIELDS[name], message)
        return data


PERIOD_NAMES = {
    "week": _("weeks"),
    "month": _("months"),
    "quarter": _("quarters"),
    "year": _("years"),
}


class TargetForm(forms.Form):
    """A KPI's target over time: one value, a value per period of the year, or derived from
    the annual goal (evenly or along last year's pattern). The chart's target line follows."""

    mode = forms.ChoiceField(
        label=_("target over time"), choices=TargetMode.choices, widget=forms.RadioSelect
    )
    target = LocalDecimalField(
        label=_("target"), required=False, help_text=_("For one value for every period.")
    )
    profile = forms.CharField(
        label=_("target per period"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One value per period of the year, in order, separated by ; or new lines."),
    )

    def __init__(self, *args, kpi: KPI, **kwargs):
        lang = current_lang()
        kwargs.setdefault(
            "initial",
            {
                "mode": kpi.target_mode or TargetMode.SINGLE,
                "target": kpi.target,
                "profile": "; ".join(
                    format_number(Decimal(v), None, lang) for v in kpi.target_profile or []
                ),
            },
        )
        super().__init__(*args, **kwargs)
        self.kpi = kpi

    def clean_profile(self) -> list[str]:
        text = self.cleaned_data.get("profile") or ""
        parts = [p.strip() for p in text.replace("\n", ";").split(";") if p.strip()]
        values = []
        for i, part in enumerate(parts, start=1):
            try:
                values.append(read_number(part, current_lang()))
            except NumberError as error:
                raise forms.ValidationError(
                    _("Value %(n)s: %(why)s") % {"n": i, "why": error.message(current_lang())}
                ) from None
        return [format(v.normalize(), "f") for v in values]

    def clean(self):
        data = super().clean()
        mode, kpi = data.get("mode"), self.kpi
        if mode == TargetMode.SINGLE and data.get("target") is None and kpi.target is None:
            self.add_error("target", _("Give the target."))
        if mode == TargetMode.PROFILE and "profile" in data:
            per_year = kpi.period_frequency.per_year
            given = len(data["profile"])
            if given not in ((52, 53) if per_year >= 52 else (per_year,)):
                self.add_error(
                    "profile",
                    _(
                        "This KPI is measured per %(frequency)s: give %(n)s values, one for each "
                        "of the %(periods)s of the year (you gave %(given)s)."
                    )
                    % {
                        "frequency": kpi.get_frequency_display(),
                        "n": "52 (53)" if per_year >= 52 else per_year,
                        "periods": PERIOD_NAMES[kpi.frequency],
                        "given": given,
                    },
                )
        if mode in (TargetMode.EVEN, TargetMode.PATTERN) and not (
            AnnualGoal.objects.filter(target_kpi=kpi).exclude(target_value=None).exists()
        ):
            self.add_error(
                "mode",
                _(
                    "No annual goal has this KPI as its target yet: set the goal's KPI and "
                    "target value first."
                ),
            )
        return data

    def settings(self) -> dict:
        data = self.cleaned_data
        mode = data["mode"]
        target = data.get("target")
        return {
            "target_mode": mode,
            "target": target if target is not None else self.kpi.target,
            "target_profile": data.get("profile") or [] if mode == TargetMode.PROFILE else [],
        }
