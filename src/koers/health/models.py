"""Per-organisation settings of the KPI health check."""

from __future__ import annotations

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
