"""The organisation page and the admin pages for its texts, units and people."""

from __future__ import annotations

from datetime import date
from html import escape as html_escape

from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch, ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.fields import current_lang
from koers.goals.models import AnnualGoal
from koers.goals.progress import with_progress, with_targets
from koers.kpis.models import KPI
from koers.kpis.templatetags.kpis import KPILinks, chips_html
from koers.trends.display import verdicts

from ..access import Access, get_access
from ..attention import attention_for
from ..forms import CoreCompetenceForm, OrganisationForm, PersonForm, UnitForm, UnitRoleForm
from ..models import (
    CoreCompetence,
    Invitation,
    Membership,
    Organisation,
    Unit,
    UnitRole,
    with_known,
)


def _landing(request: HttpRequest, org: Organisation):
    """Managers and members land on their own team's page; administrators and viewers on
    the organisation's page."""
    access = Access.for_user(request.user, org)
    if access is None or access.is_admin:
        return redirect(org)
    roles = UnitRole.objects.filter(user=request.user, unit__organisation=org).select_related(
        "unit"
    )
    role = roles.order_by("-role", "unit__order", "unit__name").first()  # manager first
    return redirect(reverse("unit", args=[org.slug, role.unit.slug]) if role else org)


def home(request: HttpRequest) -> HttpResponse:
    orgs = list(Organisation.objects.for_user(request.user))
    preferred = request.session.get("koers_org")
    for org in orgs:
        if org.slug == preferred:
            return _landing(request, org)
    if len(orgs) == 1:
        return _landing(request, orgs[0])
    return render(request, "organisations/home.html", {"orgs": orgs})


def tree_html(nodes: list[dict], css: str = "tree", links: KPILinks | None = None) -> str:
    """The unit tree (``build_tree``) as ``organisations/unit_tree.html`` writes it, the
    reference the tests compare with: written here, as the KPI chips are, because eleven
    includes with their lookups cost as much as the chips of 300 KPIs."""
    links = links or KPILinks()
    lang = current_lang()
    kinds = {value: html_escape(str(label)) for value, label in Unit.Kind.choices}
    out = [f'<ul class="{html_escape(css)}">\n']
    for node in nodes:
        unit = node["unit"]
        kind = kinds.get(unit.kind)
        if kind is None:
            kind = html_escape(str(unit.get_kind_display()))
        out.append(
            f'\n  <li>\n    <a class="unit-name" href="{html_escape(unit.get_absolute_url())}">'
            f'{html_escape(unit.name)}</a>\n    <span class="muted small">{kind}</span>\n    '
        )
        if node["kpis"]:
            out.append(f'<div class="kpi-chips">{chips_html(node["kpis"], links, lang)}</div>')
        out.append("\n    ")
        if node["children"]:
            out.append(tree_html(node["children"], "", links))
        out.append("\n  </li>\n")
    out.append("\n</ul>\n")
    return "".join(out)


def build_tree(units: list[Unit], kpis_by_unit: dict[int, list]) -> list[dict]:
    """Nest the units (already fetched) into a tree of dicts, KPIs (with verdicts) attached."""
    nodes = {u.pk: {"unit": u, "kpis": kpis_by_unit.get(u.pk, []), "children": []} for u in units}
    roots = []
    for unit in units:
        node = nodes[unit.pk]
        parent = nodes.get(unit.parent_id)
        (parent["children"] if parent else roots).append(node)
    return roots


def organisation(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    organisation = access.organisation
    units = list(Unit.objects.for_org(organisation))
    kpis = verdicts(with_known(KPI.objects.for_org(organisation).current().listed(), "unit", units))
    kpis_by_unit: dict[int, list] = {}
    for shown in kpis:
        kpis_by_unit.setdefault(shown.kpi.unit_id, []).append(shown)
    year = date.today().year
    goals = AnnualGoal.objects.for_org(organisation).for_year(year)
    goals = with_known(goals, "unit", units).prefetch_related(
        "core_competences", Prefetch("kpis", KPI.objects.for_org(organisation))
    )
    goals = with_progress(with_targets(goals, [v.kpi for v in kpis]), verdicts=kpis)
    context = {
        "attention": attention_for(organisation, kpis, goals),
        "organisation": organisation,
        "competences": organisation.core_competences.all(),
        "goals": goals,
        "year": year,
        "tree_html": mark_safe(tree_html(build_tree(units, kpis_by_unit))),  # noqa: S308
        "needs_onboarding": access.is_admin and not kpis,
    }
    return render(request, "organisations/organisation.html", context)


def _admin_access(request: HttpRequest, org: str) -> Access:
    access = get_access(request, org)
    access.require(access.is_admin)
    return access


@transaction.atomic  # the version check and the save as one (VersionedForm)
def organisation_edit(request: HttpRequest, org: str) -> HttpResponse:
    access = _admin_access(request, org)
    form = OrganisationForm(request.POST or None, instance=access.organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect(access.organisation)
    return render(request, "organisations/form.html", {"form": form, "title": _("Settings")})


def competence_create(request: HttpRequest, org: str) -> HttpResponse:
    access = _admin_access(request, org)
    form = CoreCompetenceForm(
        request.POST or None, instance=CoreCompetence(organisation=access.organisation)
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect(access.organisation)
    return render(
        request, "organisations/form.html", {"form": form, "title": _("New core competence")}
    )


@transaction.atomic  # the version check and the save as one (VersionedForm)
def competence_edit(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access = _admin_access(request, org)
    competence = get_object_or_404(access.organisation.core_competences, pk=pk)
    form = CoreCompetenceForm(request.POST or None, instance=competence)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect(access.organisation)
    return render(
        request, "organisations/form.html", {"form": form, "title": _("Edit core competence")}
    )


@require_POST
def competence_delete(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access = _admin_access(request, org)
    get_object_or_404(access.organisation.core_competences, pk=pk).delete()
    messages.success(request, _("Core competence deleted."))
    return redirect(access.organisation)


def unit_create(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    form = UnitForm(request.POST or None, organisation=access.organisation)
    if request.method == "POST" and form.is_valid():
        parent = form.cleaned_data["parent"]
        access.require(access.can_manage_unit(parent.pk if parent else None))
        unit = form.save()
        return redirect(unit)
    access.require(access.manages_anything)
    return render(request, "organisations/form.html", {"form": form, "title": _("New unit")})


def _managed_unit(request: HttpRequest, org: str, slug: str) -> tuple[Access, Unit]:
    access = get_access(request, org)
    unit = access.get_unit(slug)
    # Moving or renaming a unit is for whoever manages the unit above it.
    access.require(access.can_manage_unit(unit.parent_id) or access.is_admin)
    return access, unit


@transaction.atomic  # the version check and the save as one (VersionedForm)
def unit_edit(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    access, unit = _managed_unit(request, org, slug)
    form = UnitForm(request.POST or None, instance=unit, organisation=access.organisation)
    if request.method == "POST" and form.is_valid():
        new_parent = form.cleaned_data["parent"]
        access.require(access.can_manage_unit(new_parent.pk if new_parent else None))
        unit = form.save()
        return redirect(unit)
    return render(
        request, "organisations/form.html", {"form": form, "title": _("Edit unit"), "unit": unit}
    )


@require_POST
def unit_delete(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    access, unit = _managed_unit(request, org, slug)
    try:
        unit.delete()
    except ProtectedError:
        messages.error(
            request, _("This unit still has units, KPIs or goals under it; move them first.")
        )
        return redirect(unit)
    messages.success(request, _("Unit deleted."))
    return redirect(access.organisation)


def people(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    memberships = (
        Membership.objects.filter(organisation=access.organisation)
        .select_related("user")
        .order_by("user__username")
    )
    roles = UnitRole.objects.filter(unit__organisation=access.organisation).select_related(
        "unit", "user"
    )
    return render(
        request,
        "organisations/people.html",
        {
            "memberships": memberships,
            "roles": roles,
            "person_form": PersonForm(organisation=access.organisation)
            if access.is_admin
            else None,
            "invitations": Invitation.objects.filter(
                organisation=access.organisation, accepted_at=None
            )
            if access.is_admin
            else [],
            "roles_choices": Membership.Role.choices,
            "role_form": UnitRoleForm(organisation=access.organisation)
            if access.is_admin
            else None,
        },
    )


@require_POST
def unit_role_add(request: HttpRequest, org: str) -> HttpResponse:
    access = _admin_access(request, org)
    form = UnitRoleForm(request.POST, organisation=access.organisation)
    if form.is_valid():
        UnitRole.objects.update_or_create(
            unit=form.cleaned_data["unit"],
            user=form.cleaned_data["user"],
            defaults={"role": form.cleaned_data["role"]},
        )
        messages.success(request, _("Role saved."))
        return redirect("people", org)
    return render(request, "organisations/form.html", {"form": form, "title": _("Unit role")})


@require_POST
def unit_role_delete(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access = _admin_access(request, org)
    get_object_or_404(UnitRole, pk=pk, unit__organisation=access.organisation).delete()
    messages.success(request, _("Role removed."))
    return redirect("people", org)
