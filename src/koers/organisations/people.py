"""Changing who is in an organisation: roles, removal, deactivation.

An organisation keeps at least one administrator; an account shared with
another organisation can be removed from this one but not deactivated (that
would lock the person out of the other organisation too).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Membership, UnitRole


def _keeps_an_admin(membership: Membership) -> None:
    if membership.role != Membership.Role.ADMIN:
        return
    others = Membership.objects.filter(
        organisation=membership.organisation_id, role=Membership.Role.ADMIN, user__is_active=True
    ).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(_("The organisation needs at least one other administrator first."))


def change_role(membership: Membership, role: str) -> None:
    if role != Membership.Role.ADMIN:
        _keeps_an_admin(membership)
    membership.role = role
    membership.save(update_fields=["role"])


@transaction.atomic
def remove(membership: Membership) -> None:
    """The person leaves the organisation and its units; their account stays."""
    _keeps_an_admin(membership)
    UnitRole.objects.filter(
        user=membership.user_id, unit__organisation=membership.organisation_id
    ).delete()
    membership.delete()


def set_active(membership: Membership, active: bool) -> None:
    user = membership.user
    if not active:
        _keeps_an_admin(membership)
        if user.memberships.exclude(organisation=membership.organisation_id).exists():
            raise ValidationError(
                _(
                    "%(name)s also belongs to another organisation: remove them from this one "
                    "instead."
                )
                % {"name": user.get_username()}
            )
    user.is_active = active
    user.save(update_fields=["is_active"])
