"""Who may do what in an organisation.

Rights (the same everywhere: web, API, CLI):
- organisation ``admin``: everything;
- organisation ``viewer`` (and every member): reads every KPI — openness is
  the point of the guidance text;
- unit ``manager``: defines KPIs, goals and actions for the unit and every
  unit below it, and enters data there;
- unit ``member``: enters data for the unit's own KPIs.

``Access`` is computed once per request with one query (the user's memberships with
their organisations); the unit rights are read once, when first asked, and every question is
then answered from memory.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Membership, Organisation, Unit, UnitRole

# What a user wants to do with a unit or a KPI: the argument of the fetch helpers.
READ, DEFINE, ENTER = "read", "define", "enter"


def _unit_id(thing) -> int | None:
    """A unit's id from a unit id, a unit, or anything that belongs to a unit (a KPI, a goal)."""
    if thing is None or isinstance(thing, int):
        return thing
    if isinstance(thing, Unit):
        return thing.pk
    return thing.unit_id


class Access:
    """A user's role in an organisation; the unit rights are read when first asked (an
    administrator may do everything, so most of their pages never read them)."""

    def __init__(
        self,
        organisation: Organisation,
        user,
        role: str,
        managed_unit_ids: frozenset[int] | None = None,
        member_unit_ids: frozenset[int] | None = None,
    ) -> None:
        self.organisation, self.user, self.role = organisation, user, role
        self._managed, self._member = managed_unit_ids, member_unit_ids
        # Every organisation of the user by name, when read with the membership (for_slug).
        self.user_organisations: list[Organisation] | None = None

    def __repr__(self) -> str:
        return f"Access({self.organisation.slug!r}, {self.user!r}, {self.role!r})"

    @classmethod
    def for_user(cls, user, organisation: Organisation) -> Access | None:
        """The user's access to the organisation, or None when not a member."""
        if not user.is_authenticated:
            return None
        membership = (
            Membership.objects.filter(organisation=organisation, user=user).only("role").first()
        )
        if membership is None:
            return None
        return cls(organisation, user, membership.role)

    @classmethod
    def for_slug(cls, user, slug: str) -> Access | None:
        """The user's access to the organisation with this short name, or None when it does
        not exist or the user is not a member. One query reads all the user's memberships
        with their organisations: the current one, and the list the organisation switcher
        shows (``user_organisations``)."""
        if not user.is_authenticated:
            return None
        memberships = list(
            Membership.objects.filter(user=user)
            .select_related("organisation")
            .order_by("organisation__name", "organisation_id")
        )
        for membership in memberships:
            if membership.organisation.slug == slug:
                access = cls(membership.organisation, user, membership.role)
                access.user_organisations = [m.organisation for m in memberships]
                return access
        return None

    def _read_unit_rights(self) -> None:
        """The units the user manages (with every unit below them) and is a member of: one
        query for the roles, and one for the unit tree only when the user manages a unit."""
        managed: set[int] = set()
        member: set[int] = set()
        roles = UnitRole.objects.filter(user=self.user, unit__organisation=self.organisation)
        managed_roots = []
        for unit_id, role in roles.values_list("unit_id", "role"):
            if role == UnitRole.Role.MANAGER:
                managed_roots.append(unit_id)
            else:
                member.add(unit_id)
        if managed_roots:
            children: dict[int, list[int]] = {}
            units = Unit.objects.filter(organisation=self.organisation).order_by()
            for unit_id, parent_id in units.values_list("id", "parent_id"):
                children.setdefault(parent_id, []).append(unit_id)
            stack = managed_roots
            while stack:
                current = stack.pop()
                if current not in managed:
                    managed.add(current)
                    stack.extend(children.get(current, []))
        self._managed, self._member = frozenset(managed), frozenset(member)

    @property
    def managed_unit_ids(self) -> frozenset[int]:
        """The units the user manages, and every unit below them."""
        if self._managed is None:
            self._read_unit_rights()
        return self._managed

    @property
    def member_unit_ids(self) -> frozenset[int]:
        """The units where the user enters data as a member."""
        if self._member is None:
            self._read_unit_rights()
        return self._member

    @property
    def is_admin(self) -> bool:
        return self.role == Membership.Role.ADMIN

    def can_manage_unit(self, unit_id: int | None) -> bool:
        """Define KPIs, goals and actions for this unit."""
        return self.is_admin or unit_id in self.managed_unit_ids

    def can_enter_data(self, unit_id: int) -> bool:
        """Enter and correct measurements of this unit's KPIs."""
        return self.can_manage_unit(unit_id) or unit_id in self.member_unit_ids

    def can_run_meetings(self, unit_id: int) -> bool:
        return self.can_enter_data(unit_id)

    @property
    def manages_anything(self) -> bool:
        return self.is_admin or bool(self.managed_unit_ids)

    @property
    def enters_data_anywhere(self) -> bool:
        """Enter values for at least one unit (the import and entry pages)."""
        return self.is_admin or bool(self.managed_unit_ids or self.member_unit_ids)

    def require(self, allowed: bool) -> None:
        if not allowed:
            raise PermissionDenied

    # The same questions for views and templates (``{% if access|may_enter:kpi %}``): each takes
    # a unit, a unit id, or anything with a ``unit_id`` (a KPI).
    def can_define(self, thing) -> bool:
        """Define (edit, retire, set trend settings of) this unit's KPIs, goals and actions."""
        return self.can_manage_unit(_unit_id(thing))

    def can_enter(self, thing) -> bool:
        """Enter, correct and delete values of this unit's KPIs."""
        unit_id = _unit_id(thing)
        return unit_id is not None and self.can_enter_data(unit_id)

    def allows(self, right: str, thing) -> bool:
        """``READ`` (everyone in the organisation), ``DEFINE`` or ``ENTER``."""
        if right == READ:
            return True
        if right == DEFINE:
            return self.can_define(thing)
        if right == ENTER:
            return self.can_enter(thing)
        raise ValueError(f"unknown right {right!r}")

    def get_unit(self, slug: str, right: str = READ) -> Unit:
        """The organisation's unit: 404 when it is not there, 403 without the right."""
        unit = get_object_or_404(Unit.objects.for_org(self.organisation), slug=slug)
        self.require(self.allows(right, unit))
        return unit


def get_access(request, org_slug: str) -> Access:
    """The organisation in the URL and the user's rights in it.

    Raises 404 when the organisation does not exist or the user is not a
    member: other organisations are invisible, not forbidden.
    """
    cached = getattr(request, "_koers_access", None)
    if cached is not None and cached.organisation.slug == org_slug:
        return cached
    access = Access.for_slug(request.user, org_slug)
    if access is None:
        raise Http404
    request._koers_access = access
    if request.session.get("koers_org") != org_slug:  # unchanged: no session write per page
        request.session["koers_org"] = org_slug
    return access


def unit_for(request, org_slug: str, slug: str, right: str = READ) -> tuple[Access, Unit]:
    """The user's access and the unit in the URL: 404 for other organisations, 403 without
    the right. The first line of every view about one unit."""
    access = get_access(request, org_slug)
    return access, access.get_unit(slug, right)
