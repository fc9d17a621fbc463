"""How a KPI's trend is judged (its settings and new levels) and the cached results.

Settings are optional: a KPI without a ``TrendSettings`` row uses the defaults (baseline of
the first 20 points, mean moving range, no trended limits, no screening, not seasonal).
Every change bumps ``TrendSettings.version`` and the KPI's ``revision``, which is what the
cache (``TrendResult``) is keyed on.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.kpis.models import KPI
from koers.organisations.models import Organisation

SEASON_LENGTHS = {"week": 52, "month": 12, "quarter": 4}


class Spread(models.TextChoices):
    MEAN = "mean", _("average moving range")
    MEDIAN = "median", _("median moving range")


class TrendSettingsQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation) -> TrendSettingsQuerySet:
        return self.filter(organisation=organisation)


class TrendSettings(models.Model):
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    kpi = models.OneToOneField(
        KPI, models.CASCADE, related_name="trend_settings", verbose_name=_("KPI")
    )
    baseline_points = models.PositiveSmallIntegerField(
        _("baseline length"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2), MaxValueValidator(500)],
        help_text=_("The first N points set the limits. Empty: the first 20 points."),
    )
    baseline_locked = models.BooleanField(
        _("baseline locked"),
        default=False,
        help_text=_("Keep the limits as they are now, also when new values come in."),
    )
    baseline_until = models.DateField(
        _("baseline ends at"),
        null=True,
        blank=True,
        help_text=_("First day of the last period in the locked baseline."),
    )
    spread = models.CharField(
        _("spread"), max_length=10, choices=Spread.choices, default=Spread.MEAN
    )
    trended = models.BooleanField(
        _("trended limits"),
        default=False,
        help_text=_("Limits that follow a straight trend line (for a process that drifts)."),
    )
    screening = models.BooleanField(
        _("screen moving ranges"),
        default=False,
        help_text=_("Leave out unusually large jumps before computing the limits."),
    )
    seasonal = models.BooleanField(
        _("seasonal"),
        default=False,
        help_text=_("The KPI follows the seasons; compare like with like across the year."),
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = TrendSettingsQuerySet.as_manager()

    class Meta:
        verbose_name = _("trend settings")
        verbose_name_plural = _("trend settings")

    def __str__(self) -> str:
        return f"{self.kpi_id} v{self.version}"

    @property
    def season_length(self) -> int | None:
        if not self.seasonal:
            return None
        return SEASON_LENGTHS.get(self.kpi.frequency)


class RebaselineQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation) -> RebaselineQuerySet:
        return self.filter(organisation=organisation)


class Rebaseline(models.Model):
    """From this period on the KPI is at a new level and gets its own limits."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    kpi = models.ForeignKey(KPI, models.CASCADE, related_name="rebaselines", verbose_name=_("KPI"))
    period_start = models.DateField(_("new level from"), help_text=_("First day of the period."))
    reason = models.CharField(_("reason"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    objects = RebaselineQuerySet.as_manager()

    class Meta:
        verbose_name = _("new level")
        verbose_name_plural = _("new levels")
        ordering = ["kpi", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["kpi", "period_start"], name="one_rebaseline_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.period_start}: {self.reason}"

    @property
    def period(self):
        return self.kpi.period_of(self.period_start)


class TrendResultQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation) -> TrendResultQuerySet:
        return self.filter(organisation=organisation)


class TrendResult(models.Model):
    """The cached verdict of one KPI, valid while ``key`` matches (revision + settings)."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    kpi = models.OneToOneField(
        KPI, models.CASCADE, related_name="trend_result", verbose_name=_("KPI")
    )
    key = models.CharField(_("cache key"), max_length=200)
    data = models.JSONField(_("result"), default=dict)
    computed_at = models.DateTimeField(_("computed"), auto_now=True)

    objects = TrendResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("trend result")
        verbose_name_plural = _("trend results")

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.key}"


class Concern(models.Model):
    """A new signal of concern on a KPI: its verdict turned to "getting worse".

    Found by :func:`koers.trends.concerns.sync_concerns` (``koers remind`` runs it); the KPI's
    team is mailed once (``mailed_at``) and sees a mark on the KPI until one of them opens its
    page (``opened_at``). It ends when the verdict is no longer "getting worse"; a later turn
    for the worse is a new concern."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    kpi = models.ForeignKey(KPI, models.CASCADE, related_name="concerns", verbose_name=_("KPI"))
    since = models.DateTimeField(_("found"), auto_now_add=True)
    reasons = models.JSONField(_("reason"), default=dict, blank=True)  # by language
    mailed_at = models.DateTimeField(_("team mailed"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened by the team"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("signal of concern")
        verbose_name_plural = _("signals of concern")
        ordering = ["-since", "-id"]

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.since:%Y-%m-%d}"
