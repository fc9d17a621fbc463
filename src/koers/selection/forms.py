"""Forms of the selection app: rounds, proposals, scores, decisions, links, catalogue use."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers import catalogue
from koers.fields import VersionedForm, current_lang
from koers.goals.models import AnnualGoal
from koers.kpis.models import KPI
from koers.organisations.models import Unit

from .models import CRITERIA, CRITERIA_HELP, CRITERIA_LABELS, LinkKind, Round

TEXT_MAX = 2000


def managed_units(access):
    units = Unit.objects.for_org(access.organisation)
    if not access.is_admin:
        units = units.filter(pk__in=access.managed_unit_ids)
    return units


def catalogue_choices(lang: str) -> list:
    """Catalogue entries grouped by functional area, for a select."""
    groups = []
    for area, names in catalogue.AREAS.items():
        options = [(e.key, e.text("name", lang)) for e in catalogue.entries(area=area, lang=lang)]
        if options:
            groups.append((names[lang], options))
    return groups


class RoundForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Round
        fields = ["unit", "question", "description", "goals", "anonymous"]
        widgets = {
            "goals": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = access.organisation
        self.fields["unit"].queryset = managed_units(access)
        self.fields["goals"].queryset = AnnualGoal.objects.for_org(access.organisation)
        self.fields["goals"].label_from_instance = lambda g: f"{g.year} · {g.title}"
        if self.instance.pk:
            # Moving a round to another unit would change who leads it.
            del self.fields["unit"]
            if not self.instance.is_proposing:
                self.fields["anonymous"].disabled = True


class WeightsForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Round
        fields = ["weight_critical", "weight_leverage", "weight_motivating", "weight_ease"]

    def clean(self):
        data = super().clean()
        if not any(data.get(f"weight_{c}") for c in CRITERIA):
            raise forms.ValidationError(_("At least one weight must be above 0."))
        return data


class ProposalForm(forms.Form):
    catalogue_key = forms.ChoiceField(
        label=_("from the catalogue"),
        required=False,
        help_text=_("Pick an entry, or leave this empty and describe your own indicator."),
    )
    name = forms.CharField(label=_("indicator"), max_length=200, required=False)
    why = forms.CharField(
        label=_("why it matters"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": TEXT_MAX}),
    )
    how_to_measure = forms.CharField(
        label=_("how to measure it (optional)"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": TEXT_MAX}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["catalogue_key"].choices = [("", "—")] + catalogue_choices(current_lang())

    def clean(self):
        data = super().clean()
        if not data.get("catalogue_key") and not (data.get("name") or "").strip():
            self.add_error("name", _("Name the indicator or pick one from the catalogue."))
        return data


class CatalogueProposalForm(forms.Form):
    """Propose one catalogue entry in an open round (from the catalogue page)."""

    round = forms.ModelChoiceField(Round.objects.none(), label=_("round"))
    why = ProposalForm.base_fields["why"]

    def __init__(self, *args, rounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["round"].queryset = rounds


class ScoreForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in CRITERIA:
            self.fields[criterion] = forms.TypedChoiceField(
                label=CRITERIA_LABELS[criterion],
                help_text=CRITERIA_HELP[criterion],
                choices=[(i, str(i)) for i in range(1, 6)],
                coerce=int,
                widget=forms.RadioSelect,
            )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("why we don't measure this"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": TEXT_MAX}),
    )


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(None, label=_("merge into"))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = candidates


class LinkForm(forms.Form):
    name = forms.CharField(
        label=_("name"), max_length=120, help_text=_("Who gets the link, e.g. a customer's name.")
    )
    kind = forms.ChoiceField(label=_("kind"), choices=LinkKind.choices)


class DraftKPIForm(forms.ModelForm):
    """The team and code of a new draft KPI; the other fields come from elsewhere.

    Used for selecting a candidate and for turning a catalogue entry into a KPI.
    """

    class Meta:
        model = KPI
        fields = [
            "unit",
            "code",
            "direction",
            "unit_of_measure",
            "custom_unit",
            "frequency",
            "area",
        ]

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = access.organisation
        self.fields["unit"].queryset = managed_units(access)

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if code.lower() in {"new", "retired"}:
            raise forms.ValidationError(_("This code is reserved; choose another."))
        if KPI.objects.for_org(self.instance.organisation).filter(code__iexact=code).exists():
            raise forms.ValidationError(
                _("Another KPI in this organisation already uses the code %(code)s."),
                params={"code": code},
                code="duplicate",
            )
        return code

    def clean(self):
        data = super().clean()
        if data.get("unit_of_measure") == "custom" and not data.get("custom_unit"):
            self.add_error("custom_unit", _("Describe the unit of measure."))
        return data

    def overrides(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.Meta.fields if f not in ("unit", "code")}


class CatalogueKPIForm(DraftKPIForm):
    """Only the team and code: everything else comes from the catalogue entry."""

    class Meta(DraftKPIForm.Meta):
        fields = ["unit", "code"]
