"""Who may do what in an organisation.

Rights (the same everywhere: web, API, CLI):
- organisation ``admin``: everything;
- organisation ``viewer`` (and every member): reads every KPI — openness is
  the point of the guidance text;
- unit ``manager``: defines KPIs, goals and actions for the unit and every
  unit below it, and enters data there;
- unit ``member``: enters data for the unit's own KPIs.

``Access`` is computed once per request with two queries and then answers
every question from memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Membership, Organisation, Unit, UnitRole


@dataclass
class Access:
    organisation: Organisation
    user: object
    role: str
    managed_unit_ids: frozenset[int] = field(default_factory=frozenset)
    member_unit_ids: frozenset[int] = field(default_factory=frozenset)

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
        parents = dict(
            Unit.objects.filter(organisation=organisation).values_list("id", "parent_id")
        )
        children: dict[int, list[int]] = {}
        for unit_id, parent_id in parents.items():
            children.setdefault(parent_id, []).append(unit_id)

        def below(unit_id: int) -> set[int]:
            found, stack = set(), [unit_id]
            while stack:
                current = stack.pop()
                if current in found:
                    continue
                found.add(current)
                stack.extend(children.get(current, []))
            return found

        managed: set[int] = set()
        member: set[int] = set()
        roles = UnitRole.objects.filter(user=user, unit__organisation=organisation)
        for unit_id, role in roles.values_list("unit_id", "role"):
            if role == UnitRole.Role.MANAGER:
                managed |= below(unit_id)
            else:
                member.add(unit_id)
        return cls(organisation, user, membership.role, frozenset(managed), frozenset(member))

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


def get_access(request, org_slug: str) -> Access:
    """The organisation in the URL and the user's rights in it.

    Raises 404 when the organisation does not exist or the user is not a
    member: other organisations are invisible, not forbidden.
    """
    cached = getattr(request, "_koers_access", None)
    if cached is not None and cached.organisation.slug == org_slug:
        return cached
    organisation = Organisation.objects.filter(slug=org_slug).first()
    access = Access.for_user(request.user, organisation) if organisation else None
    if access is None:
        raise Http404
    request._koers_access = access
    request.session["koers_org"] = org_slug
    return access
