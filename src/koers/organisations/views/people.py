"""The people page's actions: invite, change a role, remove, (de)activate; accept an invitation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import invitations, people
from ..access import get_access
from ..forms import MembershipRoleForm, NewAccountForm, PersonForm
from ..models import Membership


def _membership(request: HttpRequest, org: str, pk: int) -> Membership:
    access = get_access(request, org)
    access.require(access.is_admin)
    return get_object_or_404(
        Membership.objects.select_related("user"), organisation=access.organisation, pk=pk
    )


@require_POST
def person_add(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    access.require(access.is_admin)
    form = PersonForm(request.POST, organisation=access.organisation)
    if not form.is_valid():
        return render(request, "organisations/form.html", {"form": form, "title": _("Invite")})
    email = form.cleaned_data["email"]
    _invitation, link, job = invitations.invite(
        access.organisation,
        email=email,
        role=form.cleaned_data["role"],
        username=form.cleaned_data["username"],
        first_name=form.cleaned_data["first_name"],
        last_name=form.cleaned_data["last_name"],
        by=request.user,
    )
    if job.status == job.Status.DONE:
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": email})
    elif job.status == job.Status.FAILED:
        messages.warning(
            request,
            _("The e-mail could not be sent. Give %(email)s this link yourself: %(link)s")
            % {"email": email, "link": link},
        )
    else:  # sent in the background; its job page says whether it went out
        messages.info(
            request,
            _(
                "The invitation to %(email)s is being sent. If it does not arrive, give them "
                "this link yourself: %(link)s"
            )
            % {"email": email, "link": link},
        )
    return redirect("people", org)


def _stale_role(membership: Membership, yours: str) -> str:
    roles = dict(Membership.Role.choices)
    return _(
        "Someone else changed the role of %(name)s after you opened the page. Nothing was "
        "saved. The role is now “%(newer)s” (yours: “%(yours)s”); change it again to keep yours."
    ) % {
        "name": membership.user.get_username(),
        "newer": roles.get(membership.role, membership.role),
        "yours": roles.get(yours, yours),
    }


@require_POST
def membership_role(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    membership = _membership(request, org, pk)
    form = MembershipRoleForm(request.POST, instance=Membership(role=membership.role))
    was = request.POST.get("was")
    if was and was != membership.role and form.is_valid():  # someone changed it meanwhile
        messages.error(request, _stale_role(membership, form.cleaned_data["role"]))
        return redirect("people", org)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["role"])
        people.change_role(membership, form.cleaned_data["role"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Role changed."))
    return redirect("people", org)


@require_POST
def membership_remove(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    membership = _membership(request, org, pk)
    try:
        people.remove(membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        name = membership.user.get_username()
        messages.success(request, _("%(name)s removed from the organisation.") % {"name": name})
    return redirect("people", org)


@require_POST
def membership_active(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    membership = _membership(request, org, pk)
    active = request.POST.get("active") == "1"
    try:
        people.set_active(membership, active)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Account reactivated.") if active else _("Account deactivated.")
        )
    return redirect("people", org)


@login_not_required
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    found = invitations.find(token)
    if found is None:
        return render(request, "organisations/invitation_invalid.html", status=404)
    form = None
    if request.user.is_authenticated:
        if request.method == "POST":
            invitations.accept(found, request.user)
            return redirect(found.organisation)
    else:
        initial = {
            "username": found.username,
            "first_name": found.first_name,
            "last_name": found.last_name,
        }
        data = None
        if request.method == "POST":
            data = request.POST.copy()
            for name, value in initial.items():
                data.setdefault(name, value)
        form = NewAccountForm(data, initial=initial)
        if form.is_bound and form.is_valid():
            user = form.save(email=found.email)
            invitations.accept(found, user)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(found.organisation)
    return render(request, "organisations/invitation.html", {"invitation": found, "form": form})
