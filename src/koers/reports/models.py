"""Reports: external benchmarks, e-mail subscriptions and read-only share links.

The report itself is not stored: it is built from the KPIs and their values
each time (``content.build_report``), so every copy shows the same numbers.
What is stored is what a report needs from outside (benchmarks), who gets it
by e-mail and what was sent (to never send twice and to tell what changed),
and who may read it without an account.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from koers.kpis.models import KPI
from koers.organisations.models import Organisation, Unit


class Grouping(models.TextChoices):
    GOAL = "goal", _("by annual goal")
    AREA = "area", _("by functional area")


class Language(models.TextChoices):
    NL = "nl", _("Dutch")
    EN = "en", _("English")


class OrgQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation):
        return self.filter(organisation=organisation)


class Benchmark(models.Model):
    """An outside comparison for a KPI: "do others do even better?"."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    kpi = models.ForeignKey(KPI, models.CASCADE, related_name="benchmarks", verbose_name=_("KPI"))
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=6)
    source = models.CharField(
        _("source"),
        max_length=200,
        help_text=_("Where the figure comes from, e.g. 'sector survey'."),
    )
    period = models.CharField(
        _("year or period"), max_length=40, blank=True, help_text=_("For example 2025.")
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        verbose_name = _("benchmark")
        verbose_name_plural = _("benchmarks")
        ordering = ["kpi__code", "-period", "-id"]

    def __str__(self) -> str:
        return f"{self.kpi.code}: {self.value} ({self.source} {self.period})".strip()


class Subscription(models.Model):
    """One person's wish to receive one unit's report by e-mail."""

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("monthly, after the month has closed")
        QUARTERLY = "quarterly", _("quarterly, after the quarter has closed")

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="report_subscriptions",
        verbose_name=_("user"),
    )
    unit = models.ForeignKey(Unit, models.CASCADE, related_name="+", verbose_name=_("unit"))
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    group = models.CharField(
        _("grouping"), max_length=5, choices=Grouping.choices, default=Grouping.GOAL
    )
    lang = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.NL
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = OrgQuerySet.as_manager()

    class Meta:
        verbose_name = _("report subscription")
        verbose_name_plural = _("report subscriptions")
        ordering = ["unit__order", "frequency"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit", "frequency"], name="one_subscription_per_unit_frequency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.unit} ({self.frequency})"


class SentReport(models.Model):
    """A report that went out: never again for the same period; its verdicts for next time."""

    subscription = models.ForeignKey(
        Subscription, models.CASCADE, related_name="sent", verbose_name=_("subscription")
    )
    period = models.CharField(_("period"), max_length=10)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    verdicts = models.JSONField(
        _("verdicts"), default=dict, help_text=_("KPI code → verdict and its label.")
    )

    class Meta:
        verbose_name = _("sent report")
        verbose_name_plural = _("sent reports")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "period"], name="one_report_per_subscription_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subscription} {self.period}"


MAX_LINK_DAYS = 366  # a share or board link lives at most a year (and a day for leap years)


def new_token() -> str:
    return secrets.token_urlsafe(24)


def token_digest(token: str) -> str:
    """What is stored of a link's token: its SHA-256 (a leaked database opens no report)."""
    return hashlib.sha256(token.encode()).hexdigest()


def latest_expiry(today=None):
    """The last day a link created today may be valid."""
    return (today or timezone.localdate()) + timedelta(days=MAX_LINK_DAYS)


class TokenLinkQuerySet(OrgQuerySet):
    def usable(self, today=None):
        today = today or timezone.localdate()
        return self.filter(revoked_at=None, expires_on__gte=today)

    def by_token(self, token: str):
        """The link whose token this is (None: unknown)."""
        return self.filter(token_hash=token_digest(token)).first()


class TokenLink(models.Model):
    """A link that opens a page without an account: a token stored hashed, an end date (at
    most ``MAX_LINK_DAYS`` ahead) and a revocation. The plain token is known only right after
    ``issue_token`` (on ``token``): show it once, then it cannot be read back."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    unit = models.ForeignKey(Unit, models.CASCADE, related_name="+", verbose_name=_("unit"))
    lang = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.NL
    )
    token_hash = models.CharField(_("token (hashed)"), max_length=64, unique=True, editable=False)
    expires_on = models.DateField(_("valid until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    token = ""  # the plain token, only right after issue_token()

    objects = TokenLinkQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]

    def save(self, *args, **kwargs):
        if not self.token_hash:
            self.issue_token()
        super().save(*args, **kwargs)

    def issue_token(self) -> str:
        self.token = new_token()
        self.token_hash = token_digest(self.token)
        return self.token

    def clean(self):
        super().clean()
        if self.expires_on and self.expires_on > latest_expiry():
            raise ValidationError(
                {
                    "expires_on": _("A link can be valid for at most a year: until %(date)s.")
                    % {"date": formats.date_format(latest_expiry(), "SHORT_DATE_FORMAT")}
                }
            )

    def is_expired(self, today=None) -> bool:
        return self.expires_on < (today or timezone.localdate())

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def is_usable(self, today=None) -> bool:
        return not self.is_revoked and not self.is_expired(today)

    def revoke(self) -> None:
        """Stop the link at once (revoking twice keeps the first moment)."""
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])


class ShareLink(TokenLink):
    """A read-only link to a report that opens without an account."""

    period = models.CharField(_("period"), max_length=10, help_text=_("A period key, or 'latest'."))
    group = models.CharField(
        _("grouping"), max_length=5, choices=Grouping.choices, default=Grouping.GOAL
    )
    label = models.CharField(
        _("for whom"), max_length=200, help_text=_("For example 'the board' or 'our bank'.")
    )

    class Meta(TokenLink.Meta):
        verbose_name = _("share link")
        verbose_name_plural = _("share links")

    def __str__(self) -> str:
        return f"{self.unit} {self.period} – {self.label}"


class BoardLink(TokenLink):
    """A link that shows a unit's team board on a wall screen, without an account."""

    label = models.CharField(
        _("screen"), max_length=200, help_text=_("For example 'canteen' or 'workshop hall 2'.")
    )

    class Meta(TokenLink.Meta):
        verbose_name = _("board link")
        verbose_name_plural = _("board links")

    def __str__(self) -> str:
        return f"{self.unit} – {self.label}"


def hash_ip(ip: str) -> str:
    """A keyed hash of the visitor's address: enough to tell visits apart, not to trace."""
    return hashlib.sha256(f"{settings.SECRET_KEY}|{ip}".encode()).hexdigest()[:16]


class ShareAccess(models.Model):
    """One opening of a share link."""

    link = models.ForeignKey(
        ShareLink, models.CASCADE, related_name="accesses", verbose_name=_("share link")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    ip_hash = models.CharField(_("address (hashed)"), max_length=64, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    what = models.CharField(_("what"), max_length=10, default="html")

    class Meta:
        verbose_name = _("opening of a share link")
        verbose_name_plural = _("openings of share links")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.link_id} {self.at}"
