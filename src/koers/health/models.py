"""Per-organisation settings of the KPI health check."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.organisations.models import Organisation

DEFAULT_MAX_KPIS_PER_UNIT = 7


class HealthSettingsQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation) -> HealthSettingsQuerySet:
        return self.filter(organisation=organisation)


class HealthSettings(models.Model):
    """How strict the health check is for one organisation."""

    organisation = models.OneToOneField(
        Organisation,
        models.CASCADE,
        related_name="health_settings",
        verbose_name=_("organisation"),
    )
    max_kpis_per_unit = models.PositiveSmallIntegerField(
        _("most active KPIs per unit"),
        default=DEFAULT_MAX_KPIS_PER_UNIT,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_(
            "Above this number the health check warns that a unit loses focus. "
            "Keep it simple: choose the indicators with the greatest leverage."
        ),
    )

    objects = HealthSettingsQuerySet.as_manager()

    class Meta:
        verbose_name = _("health check settings")
        verbose_name_plural = _("health check settings")

    def __str__(self) -> str:
        return str(_("Health check settings of %(org)s") % {"org": self.organisation})

    @classmethod
    def max_kpis_for(cls, organisation: Organisation) -> int:
        found = cls.objects.filter(organisation=organisation).values_list(
            "max_kpis_per_unit", flat=True
        )
        return next(iter(found), DEFAULT_MAX_KPIS_PER_UNIT)


class Decision(models.TextChoices):
    COPIED = "copied", _("carried into the new year")
    DROPPED = "dropped", _("dropped")
    KEPT = "kept", _("kept")
    CHANGED = "changed", _("definition changed")
    RETIRED = "retired", _("retired")


GOAL_DECISIONS = (Decision.COPIED, Decision.DROPPED)
KPI_DECISIONS = (Decision.KEPT, Decision.CHANGED, Decision.RETIRED)


class ReviewDecisionQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation) -> ReviewDecisionQuerySet:
        return self.filter(organisation=organisation)

    def for_year(self, year: int) -> ReviewDecisionQuerySet:
        return self.filter(year=year)


class ReviewDecision(models.Model):
    """What the year-end review of ``year`` decided about one annual goal or one KPI.

    The review itself is derived: its items are the goals of ``year`` and the current KPIs,
    its progress the decisions recorded here. One decision per goal and per KPI a year; the
    change itself went through the domain's write functions (with their history)."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    year = models.PositiveSmallIntegerField(_("year reviewed"))
    goal = models.ForeignKey(
        "goals.AnnualGoal",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="review_decisions",
        verbose_name=_("annual goal"),
    )
    kpi = models.ForeignKey(
        "kpis.KPI",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="review_decisions",
        verbose_name=_("KPI"),
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    new_goal = models.ForeignKey(
        "goals.AnnualGoal",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("goal in the new year"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    objects = ReviewDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("year-end review decision")
        verbose_name_plural = _("year-end review decisions")
        ordering = ["year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "goal"], name="one_decision_per_goal"),
            models.UniqueConstraint(fields=["year", "kpi"], name="one_decision_per_kpi_a_year"),
            models.CheckConstraint(
                condition=models.Q(goal__isnull=True, kpi__isnull=False)
                | models.Q(goal__isnull=False, kpi__isnull=True),
                name="decision_is_about_a_goal_or_a_kpi",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.goal_id or self.kpi_id}: {self.decision}"
