from datetime import date

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from koers.fields import VersionedForm
from koers.kpis.models import KPI
from koers.organisations.models import Unit

from .models import Action, AgendaItem, Meeting


def runnable_units(access):
    """The units whose meetings and actions the user runs."""
    units = Unit.objects.for_org(access.organisation)
    if access.is_admin:
        return units
    return units.filter(pk__in=access.managed_unit_ids | access.member_unit_ids)


def org_users(organisation):
    return (
        get_user_model()
        .objects.filter(memberships__organisation=organisation)
        .order_by("first_name", "username")
        .distinct()
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class UserMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class MeetingForm(VersionedForm, forms.ModelForm):
    participants = UserMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("participants"),
    )

    class Meta:
        model = Meeting
        fields = ["unit", "date", "participants", "guests"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = access.organisation
        self.fields["unit"].queryset = runnable_units(access)
        self.fields["participants"].queryset = org_users(access.organisation)


class KPIChoices(forms.CheckboxSelectMultiple):
    """The KPIs an action should move, grouped by team: the first group (the meeting's team)
    open, the other teams' KPIs folded away unless one of them is ticked."""

    template_name = "meetings/widgets/kpi_choices.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        groups = context["widget"]["optgroups"]
        context["widget"]["first"] = groups[:1]
        context["widget"]["more"] = groups[1:]
        context["widget"]["more_open"] = any(
            option["selected"] for _g, options, _i in groups[1:] for option in options
        )
        return context


def kpi_groups(kpis, first_unit=None, first_kpis=()) -> list[tuple[str, list]]:
    """(team name, [(pk, label)]) per team: ``first_unit`` first, with ``first_kpis`` on top
    of it; the other teams in name order, their KPIs by code."""
    first_kpis = set(first_kpis)
    groups: dict[int, tuple[str, list]] = {}
    for kpi in sorted(kpis, key=lambda k: (k.pk not in first_kpis, k.code)):
        groups.setdefault(kpi.unit_id, (kpi.unit.name, []))[1].append(
            (kpi.pk, f"{kpi.code} – {kpi.name}")
        )
    order = sorted(groups, key=lambda u: (u != first_unit, groups[u][0].lower()))
    return [groups[u] for u in order]


def _pk(value):
    return getattr(value, "pk", value)


class ActionForm(VersionedForm, forms.ModelForm):
    person = UserChoiceField(queryset=None, required=False, label=_("Pulled by"))

    class Meta:
        model = Action
        fields = ["title", "description", "unit", "person", "due_date", "kpis"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "due_date": DateInput(),
            "kpis": KPIChoices,
        }

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = access.organisation
        self.instance.organisation = organisation
        self.fields["unit"].queryset = runnable_units(access)
        self.fields["person"].queryset = org_users(organisation)
        self.fields["person"].help_text = Action._meta.get_field("person").help_text
        kpis = KPI.objects.for_org(organisation).current().select_related("unit")
        self.fields["kpis"].queryset = kpis
        first_unit = _pk(self.initial.get("unit")) or self.instance.unit_id
        first_kpis = [_pk(k) for k in self.initial.get("kpis") or ()]
        self.fields["kpis"].widget.choices = kpi_groups(kpis, first_unit, first_kpis)


class ActionEditForm(ActionForm):
    class Meta(ActionForm.Meta):
        fields = ActionForm.Meta.fields + ["started_on", "completed_on"]
        widgets = {
            **ActionForm.Meta.widgets,
            "started_on": DateInput(),
            "completed_on": DateInput(),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("started_on"), data.get("completed_on")
        if start and end and end < start:
            self.add_error("completed_on", _("Completed before it started?"))
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=Action.Status.choices)
    drop_reason = forms.CharField(
        label=_("reason for dropping"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when the action is dropped."),
    )

    def clean(self):
        data = super().clean()
        if data.get("status") == Action.Status.DROPPED and not data.get("drop_reason", "").strip():
            self.add_error("drop_reason", _("Say why the action is dropped."))
        return data


class NotesForm(forms.ModelForm):
    """The notes of an agenda item, with the version they started from (a stale save is
    refused, see ``koers.meetings.notes``)."""

    version = forms.IntegerField(
        widget=forms.HiddenInput(attrs={"id": "notes-version"}), min_value=0
    )  # _saved.html swaps it in by this id after each save

    class Meta:
        model = AgendaItem
        fields = ["notes", "discussed"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("version", self.instance.version)


class CustomItemForm(forms.Form):
    title = forms.CharField(label=_("subject"), max_length=200)


def action_initial(meeting: Meeting, item: AgendaItem | None, today: date) -> dict:
    initial = {"unit": meeting.unit_id}
    if item is not None and item.kpi_id:
        initial["kpis"] = [item.kpi_id]
    elif item is not None and item.action_id:
        initial["kpis"] = list(item.action.kpis.values_list("pk", flat=True))
    return initial
