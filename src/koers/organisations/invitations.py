"""Inviting a person into an organisation: the link, the mail, and accepting it."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Invitation, Membership, Organisation

VALID_DAYS = 14
logger = logging.getLogger(__name__)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(
    organisation: Organisation, *, email, role, by, username="", first_name="", last_name=""
):
    """Create an invitation and mail its link; returns (invitation, link, mailed)."""
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


def _mail(invitation: Invitation, link: str) -> bool:
    context = {"invitation": invitation, "link": link, "days": VALID_DAYS}
    with translation.override(translation.get_language()):
        subject = render_to_string("organisations/invitation_subject.txt", context).strip()
        body = render_to_string("organisations/invitation_email.txt", context)
    try:
        send_mail(subject, body, None, [invitation.email])
    except (OSError, ConnectionError) as error:  # smtplib's errors are OSErrors
        logger.warning("invitation %s not mailed: %s", invitation.pk, error)
        return False
    return True


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
