"""Inviting a person into an organisation: the link, the mail, and accepting it."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.jobs.mail import message, queue_mail

from .models import Invitation, Membership, Organisation

VALID_DAYS = 14


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(
    organisation: Organisation, *, email, role, by, username="", first_name="", last_name=""
):
    """Create an invitation and queue the mail with its link; returns (invitation, link, job):
    the job that sends it (finished already when tasks run at once)."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        username=username,
        first_name=first_name,
        last_name=last_name,
        token_hash=token_hash(token),
        invited_by=by,
        expires_at=timezone.now() + timedelta(days=VALID_DAYS),
    )
    link = settings.SITE_URL + reverse("invitation", args=[token])
    return invitation, link, _mail(invitation, link)


def _mail(invitation: Invitation, link: str):
    """Queue the invitation mail as a background job of the organisation (returned)."""
    context = {"invitation": invitation, "link": link, "days": VALID_DAYS}
    subject = render_to_string("organisations/invitation_subject.txt", context).strip()
    body = render_to_string("organisations/invitation_email.txt", context)
    return queue_mail(
        [message(subject, body, [invitation.email])],
        organisation=invitation.organisation,
        user=invitation.invited_by,
        title=subject,
        done=_("Invitation sent to %(email)s.") % {"email": invitation.email},
    )


def find(token: str) -> Invitation | None:
    """The open invitation for this token, or None (unknown, used or expired)."""
    return (
        Invitation.objects.select_related("organisation")
        .filter(token_hash=token_hash(token), accepted_at=None, expires_at__gt=timezone.now())
        .first()
    )


@transaction.atomic
def accept(invitation: Invitation, user) -> Membership:
    """Make the user a member (an existing membership keeps its role); the link is used up."""
    membership, _created = Membership.objects.get_or_create(
        organisation=invitation.organisation, user=user, defaults={"role": invitation.role}
    )
    invitation.accepted_by = user
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_by", "accepted_at"])
    return membership
