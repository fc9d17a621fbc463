"""Benchmarks: who takes part in the peer groups, and imported sets of published figures.

Peer figures are never stored: they are computed from the contributors' stored values per
request (``koers.benchmarks.peers``), so an organisation that leaves drops out at once.
Imported figures (a branch organisation's, a statistics office's) are kept as ``Figure``
rows of a ``BenchmarkSet``: one imported file. A set imported on the command line is
install-wide (``organisation`` empty); one imported on the web belongs to the organisation
that imported it and is shown to it alone.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.organisations.models import Organisation, SizeClass


class Participation(models.Model):
    """An organisation that takes part in the peer groups of this install."""

    organisation = models.OneToOneField(
        Organisation,
        models.CASCADE,
        related_name="benchmark_participation",
        verbose_name=_("organisation"),
    )
    joined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("joined by"),
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("peer group participation")
        verbose_name_plural = _("peer group participations")

    def __str__(self) -> str:
        return str(self.organisation)


class BenchmarkSetQuerySet(models.QuerySet):
    def visible_to(self, organisation: Organisation) -> BenchmarkSetQuerySet:
        """Install-wide sets and the organisation's own, imported (not waiting)."""
        return self.filter(Q(organisation=None) | Q(organisation=organisation), pending=False)


class BenchmarkSet(models.Model):
    """One imported file of published benchmark figures."""

    organisation = models.ForeignKey(
        Organisation,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="benchmark_sets",
        verbose_name=_("organisation"),
        help_text=_("Empty: imported on the command line, shown to every organisation."),
    )
    file_name = models.CharField(_("file"), max_length=300)
    figures_count = models.PositiveIntegerField(_("figures"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    # An upload waiting for its preview to be confirmed keeps the file; figures are stored
    # only when it is confirmed.
    pending = models.BooleanField(_("waiting for confirmation"), default=False)
    data = models.BinaryField(blank=True, editable=False)

    objects = BenchmarkSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("benchmark set")
        verbose_name_plural = _("benchmark sets")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return self.file_name


class FigureQuerySet(models.QuerySet):
    def visible_to(self, organisation: Organisation) -> FigureQuerySet:
        return self.filter(
            Q(benchmark_set__organisation=None) | Q(benchmark_set__organisation=organisation)
        )


class Figure(models.Model):
    """A published distribution of one catalogue KPI: median, quartiles and how many."""

    benchmark_set = models.ForeignKey(
        BenchmarkSet, models.CASCADE, related_name="figures", verbose_name=_("benchmark set")
    )
    source = models.CharField(_("source"), max_length=200)
    sector = models.CharField(_("sector (SBI code)"), max_length=5, blank=True)
    size_class = models.CharField(
        _("size class"), max_length=10, blank=True, choices=SizeClass.choices
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(
        _("period"), max_length=10, blank=True, help_text=_("Empty: the whole year.")
    )
    catalogue_key = models.CharField(_("catalogue entry"), max_length=60)
    median = models.DecimalField(_("median"), max_digits=20, decimal_places=6)
    p25 = models.DecimalField(_("first quartile (P25)"), max_digits=20, decimal_places=6)
    p75 = models.DecimalField(_("third quartile (P75)"), max_digits=20, decimal_places=6)
    n = models.PositiveIntegerField(_("number of companies"))

    objects = FigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("benchmark figure")
        verbose_name_plural = _("benchmark figures")
        ordering = ["catalogue_key", "-year", "source", "sector", "size_class"]
        indexes = [models.Index(fields=["catalogue_key", "year"])]

    def __str__(self) -> str:
        return f"{self.source} {self.catalogue_key} {self.year}: {self.median}"

    @property
    def identity(self) -> tuple:
        """What a newer import of the same figure replaces."""
        return (
            self.source,
            self.sector,
            self.size_class,
            self.year,
            self.period,
            self.catalogue_key,
        )
