from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import PasswordResetForm
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from koers.fields import VersionedForm
from koers.jobs.mail import message, queue_mail

from .models import CoreCompetence, Membership, Organisation, Unit, UnitRole


class OrganisationForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "vision", "mission", "fiscal_year_start_month", "sector", "size_class"]

    def clean_sector(self):
        """An SBI code as people write it (``25.62``, ``25 62``) kept as its digits."""
        return "".join(ch for ch in self.cleaned_data.get("sector", "") if ch not in ". ")


class CoreCompetenceForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = CoreCompetence
        fields = ["name", "description", "order"]


class UnitForm(VersionedForm, forms.ModelForm):
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
    """Invite a person: an e-mail with a link to join (never an existing account pulled in).

    The answer is the same whoever the address belongs to, so the form tells
    nothing about which accounts exist.
    """

    email = forms.EmailField(label=_("e-mail address"))
    username = forms.CharField(
        label=_("user name"),
        max_length=150,
        required=False,
        help_text=_("A suggestion; the person chooses their own when making the account."),
    )
    first_name = forms.CharField(label=_("first name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("last name"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=_("role in the organisation"),
        choices=Membership.Role.choices,
        initial=Membership.Role.VIEWER,
        help_text=_("A viewer reads everything; give unit roles below to enter data."),
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation


class MembershipRoleForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role"]


class NewAccountForm(forms.ModelForm):
    """Accepting an invitation with a new account: a user name and a password of one's own."""

    new_password1 = forms.CharField(
        label=_("password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
        help_text=password_validation.password_validators_help_text_html(),
    )
    new_password2 = forms.CharField(
        label=_("password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        strip=False,
    )

    class Meta:
        model = get_user_model()
        fields = ["username", "first_name", "last_name"]

    def clean(self):
        data = super().clean()
        first, second = data.get("new_password1"), data.get("new_password2")
        if first and second and first != second:
            self.add_error("new_password2", _("The two passwords differ."))
        elif first:
            candidate = get_user_model()(
                username=data.get("username", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("new_password1", error)
        return data

    def save(self, email: str):
        user = super().save(commit=False)
        user.email = email
        user.set_password(self.cleaned_data["new_password1"])
        user.save()
        return user


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


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, its mail sent in the background (``koers.jobs.mail``): the page
    answers at once whether or not the mail server can be reached (a failure is logged)."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        html = None
        if html_email_template_name is not None:
            html = render_to_string(html_email_template_name, context)
        queue_mail([message(subject, body, [to_email], html)])
