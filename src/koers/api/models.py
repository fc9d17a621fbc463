"""Personal API tokens: a user's rights in one organisation, for scripts and integrations.

A token is shown once, when it is made; the database keeps only its SHA-256
hash and a short prefix to recognise it by. A request with a token acts as
the token's user, with that user's rights in the token's organisation.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.organisations.models import Membership, Organisation

TOKEN_PREFIX = "koers_"
PREFIX_LENGTH = len(TOKEN_PREFIX) + 6
# last_used is written at most this often, so reading the API does not write on every call.
LAST_USED_GRANULARITY = timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation) -> ApiTokenQuerySet:
        return self.filter(organisation=organisation)

    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at=None)


class ApiToken(models.Model):
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="api_tokens", verbose_name=_("organisation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("What the token is for, e.g. 'accounting export'. Shown in the history."),
    )
    prefix = models.CharField(
        _("prefix"), max_length=20, help_text=_("The start of the token, to recognise it by.")
    )
    secret_hash = models.CharField(_("hashed secret"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def touch(self) -> None:
        """Record that the token was used (at most once per LAST_USED_GRANULARITY)."""
        now = timezone.now()
        if self.last_used_at is None or now - self.last_used_at >= LAST_USED_GRANULARITY:
            self.last_used_at = now
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)


def issue_token(organisation: Organisation, user, name: str) -> tuple[ApiToken, str]:
    """Make a token for the user in the organisation; return it and its secret (shown once)."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        organisation=organisation,
        user=user,
        name=name.strip(),
        prefix=secret[:PREFIX_LENGTH],
        secret_hash=hash_secret(secret),
    )
    return token, secret


def find_token(secret: str) -> ApiToken | None:
    """The active token with this secret, or None (unknown, revoked, or user inactive), with
    its organisation, its user and the user's role there (``member_role``, None when the user
    left the organisation): one query."""
    if not secret or len(secret) > 200:
        return None
    # No ORDER BY (one membership per user and organisation, one token per hash): compiling
    # the orderings costs more than the query itself.
    role = (
        Membership.objects.filter(
            organisation=OuterRef("organisation_id"), user=OuterRef("user_id")
        )
        .order_by()
        .values("role")[:1]
    )
    token = next(
        iter(
            ApiToken.objects.active()
            .select_related("organisation", "user")
            .filter(secret_hash=hash_secret(secret))
            .annotate(member_role=Subquery(role))
            .order_by()[:1]
        ),
        None,
    )
    if token is None or not token.user.is_active:
        return None
    return token
