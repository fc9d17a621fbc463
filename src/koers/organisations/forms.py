from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .models import CoreCompetence, Membership, Organisation, Unit, UnitRole


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "vision", "mission", "fiscal_year_start_month"]


class CoreCompetenceForm(forms.ModelForm):
    class Meta:
        model = CoreCompetence
        fields = ["name", "description", "order"]


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "slug", "kind", "parent", "purpose", "order"]
        help_texts = {
            "slug": _("Used in addresses, imports and the CLI. Leave empty to derive it.")
        }

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["slug"].required = False
        self.fields["parent"].queryset = Unit.objects.for_org(organisation)
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(
                pk__in=Unit.objects.subtree_ids(self.instance)
            )

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or slugify(self.cleaned_data.get("name", ""))
        slug = slug[:60] or "unit"
        clash = Unit.objects.for_org(self.instance.organisation).filter(slug=slug)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Another unit already uses this short name."))
        return slug


class PersonForm(forms.Form):
    """Add a person to the organisation (a new or an existing account)."""

    username = forms.CharField(label=_("user name"), max_length=150)
    first_name = forms.CharField(label=_("first name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("e-mail address"), required=False)
    password = forms.CharField(
        label=_("password"),
        widget=forms.PasswordInput,
        required=False,
        help_text=_("Only for a new account."),
    )
    role = forms.ChoiceField(label=_("role in the organisation"), choices=Membership.Role.choices)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean(self):
        data = super().clean()
        user = get_user_model().objects.filter(username=data.get("username")).first()
        if user and Membership.objects.filter(organisation=self.organisation, user=user).exists():
            raise forms.ValidationError(_("This person is already a member."))
        if user is None and not data.get("password"):
            self.add_error("password", _("A new account needs a password."))
        data["user"] = user
        return data

    def save(self) -> Membership:
        data = self.cleaned_data
        user = data["user"]
        if user is None:
            user = get_user_model().objects.create_user(
                data["username"],
                email=data["email"],
                password=data["password"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        return Membership.objects.create(
            organisation=self.organisation, user=user, role=data["role"]
        )


class UnitRoleForm(forms.ModelForm):
    class Meta:
        model = UnitRole
        fields = ["user", "unit", "role"]

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.for_org(organisation)
        self.fields["user"].queryset = get_user_model().objects.filter(
            memberships__organisation=organisation
        )
