"""What the dataentry commands share: finding the organisation and the user to act as."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from koers.organisations.access import Access
from koers.organisations.models import Membership, Organisation


def find_organisation(slug: str | None) -> Organisation:
    """The organisation named by ``--org``; may be omitted when there is only one."""
    if slug:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise CommandError(_("There is no organisation '%(slug)s'.") % {"slug": slug})
        return organisation
    organisations = list(Organisation.objects.order_by("slug")[:2])
    if len(organisations) == 1:
        return organisations[0]
    if not organisations:
        raise CommandError(_("There is no organisation yet."))
    slugs = ", ".join(Organisation.objects.order_by("slug").values_list("slug", flat=True))
    raise CommandError(
        _("Say which organisation with --org (one of: %(slugs)s).") % {"slugs": slugs}
    )


def find_user(organisation: Organisation, username: str | None) -> tuple[object, Access]:
    """The user named by ``--user``, else the organisation's first administrator."""
    User = get_user_model()
    if username:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("There is no user '%(name)s'.") % {"name": username})
    else:
        admin = (
            Membership.objects.filter(organisation=organisation, role=Membership.Role.ADMIN)
            .select_related("user")
            .order_by("user__username")
            .first()
        )
        if admin is None:
            raise CommandError(
                _("The organisation has no administrator; say who imports with --user.")
            )
        user = admin.user
    access = Access.for_user(user, organisation)
    if access is None:
        raise CommandError(
            _("%(name)s is not a member of %(org)s.")
            % {"name": user.get_username(), "org": organisation.slug}
        )
    return user, access
