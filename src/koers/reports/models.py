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

from django.conf import settings
from django.db import models
from django.utils import timezone
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


def new_token() -> str:
    return secrets.token_urlsafe(24)


class ShareLinkQuerySet(OrgQuerySet):
    def usable(self, today=None):
        today = today or timezone.localdate()
        return self.filter(revoked_at=None, expires_on__gte=today)


class ShareLink(models.Model):
    """A read-only link to a report that opens without an account."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    unit = models.ForeignKey(Unit, models.CASCADE, related_name="+", verbose_name=_("unit"))
    period = models.CharField(_("period"), max_length=10, help_text=_("A period key, or 'latest'."))
    group = models.CharField(
        _("grouping"), max_length=5, choices=Grouping.choices, default=Grouping.GOAL
    )
    lang = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.NL
    )
    label = models.CharField(
        _("for whom"), max_length=200, help_text=_("For example 'the board' or 'our bank'.")
    )
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
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

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.unit} {self.period} – {self.label}"

    def is_expired(self, today=None) -> bool:
        return self.expires_on < (today or timezone.localdate())

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


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
