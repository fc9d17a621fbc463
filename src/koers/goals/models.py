"""Annual goals (jaardoelen): the link between KPIs and what the year must bring."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.kpis.models import KPI
from koers.organisations.models import CoreCompetence, Organisation, Unit


class AnnualGoalQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation) -> AnnualGoalQuerySet:
        return self.filter(organisation=organisation)

    def for_year(self, year: int) -> AnnualGoalQuerySet:
        return self.filter(year=year)


class AnnualGoal(models.Model):
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="annual_goals", verbose_name=_("organisation")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey(
        Unit, models.PROTECT, related_name="annual_goals", verbose_name=_("unit")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    core_competences = models.ManyToManyField(
        CoreCompetence,
        blank=True,
        related_name="annual_goals",
        verbose_name=_("core competences served"),
    )
    serves_mission = models.BooleanField(_("serves the mission"), default=False)
    kpis = models.ManyToManyField(
        KPI,
        blank=True,
        related_name="annual_goals",
        verbose_name=_("KPIs that show progress"),
    )
    target_kpi = models.ForeignKey(
        KPI,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("KPI with a target for the year"),
    )
    target_value = models.DecimalField(
        _("target value for the year"), max_digits=20, decimal_places=6, null=True, blank=True
    )

    objects = AnnualGoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("annual goal")
        verbose_name_plural = _("annual goals")
        ordering = ["-year", "unit__order", "title"]

    def __str__(self) -> str:
        return f"{self.year}: {self.title}"
