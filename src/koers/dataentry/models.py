"""An uploaded import file, kept between its preview and its confirmation; an export file
prepared in the background, kept until it is fetched."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.jobs.models import Job
from koers.kpis.models import KPI
from koers.organisations.models import Organisation


class ImportBatchQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation) -> ImportBatchQuerySet:
        return self.filter(organisation=organisation)


class ImportBatch(models.Model):
    """One uploaded file: parsed once into ``rows``, previewed (``result``), then applied
    (the kept rows checked again against what is stored then) or dropped."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        APPLIED = "applied", _("imported")
        REJECTED = "rejected", _("not imported")

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("uploaded by")
    )
    filename = models.CharField(_("file name"), max_length=200)
    data = models.BinaryField(_("file contents"))
    rows = models.BinaryField(_("rows read from the file"), default=b"", blank=True)
    job = models.ForeignKey(
        Job, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("job")
    )
    kpi = models.ForeignKey(
        KPI,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("KPI"),
        help_text=_("For a file with only a period and a value column."),
    )
    sheet = models.CharField(_("sheet"), max_length=100, blank=True)
    decimal = models.CharField(_("decimal separator"), max_length=1, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    result = models.JSONField(_("result"), default=dict, blank=True)
    created = models.DateTimeField(_("uploaded"), auto_now_add=True)
    applied_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"


class DownloadQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation) -> DownloadQuerySet:
        return self.filter(organisation=organisation)


class Download(models.Model):
    """A large export, written by a background job (``tasks.prepare_export``) into ``data``
    (in the database, so every server can hand it out); only its maker may fetch it."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("made by")
    )
    job = models.ForeignKey(
        Job, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("job")
    )
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    options = models.JSONField(_("what to export"), default=dict, blank=True)
    data = models.BinaryField(_("file contents"), default=b"", blank=True)
    created = models.DateTimeField(_("made"), auto_now_add=True)

    objects = DownloadQuerySet.as_manager()

    class Meta:
        verbose_name = _("prepared export")
        verbose_name_plural = _("prepared exports")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.filename

    @property
    def ready(self) -> bool:
        return bool(self.content_type)
