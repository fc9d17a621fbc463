"""The company's own data: sources, their loaded files, ledger accounts and computed KPIs.

A source is one kind of file the company loads again and again (its auditfile, a quotes
export). Each load is a ``Snapshot``: the rows as a Parquet file in the data directory. A
table source keeps its newest snapshot; an auditfile source keeps one per fiscal year. KPI
values stay in the database (written by ``koers.kpis.recording``).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.kpis.models import KPI
from koers.organisations.models import Organisation, Unit


class Kind(models.TextChoices):
    XAF = "xaf", _("auditfile (XAF)")
    CSV = "csv", _("CSV file")
    XLSX = "xlsx", _("Excel file")
    UBL = "ubl", _("e-invoices (UBL)")


class DataSourceQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation) -> DataSourceQuerySet:
        return self.filter(organisation=organisation)


class DataSource(models.Model):
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="data_sources", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    folder = models.CharField(
        _("folder"),
        max_length=500,
        blank=True,
        help_text=_("Read again by 'koers data refresh': the newest file in it wins."),
    )
    columns = models.JSONField(_("columns"), default=list, blank=True)
    company = models.JSONField(_("company in the file"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = DataSourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("data source")
        verbose_name_plural = _("data sources")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="source_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def column_types(self) -> dict[str, str]:
        return {c["name"]: c["type"] for c in self.columns}

    @property
    def is_auditfile(self) -> bool:
        return self.kind == Kind.XAF

    def directory(self) -> Path:
        path = Path(settings.DATA_DIR) / "sources" / str(self.organisation_id) / str(self.pk)
        path.mkdir(parents=True, exist_ok=True)
        return path


class Snapshot(models.Model):
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    source = models.ForeignKey(
        DataSource, models.CASCADE, related_name="snapshots", verbose_name=_("source")
    )
    file_name = models.CharField(_("file"), max_length=300)
    sha256 = models.CharField(_("checksum"), max_length=64)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    date_from = models.DateField(_("from"), null=True, blank=True)
    date_to = models.DateField(_("until"), null=True, blank=True)
    fiscal_year = models.CharField(_("financial year"), max_length=20, blank=True)
    parquet = models.CharField(_("snapshot file"), max_length=300)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    loaded_at = models.DateTimeField(_("loaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("loaded file")
        verbose_name_plural = _("loaded files")
        ordering = ["source", "date_from"]

    def __str__(self) -> str:
        return f"{self.source} {self.file_name}"

    def path(self) -> Path:
        return self.source.directory() / self.parquet

    def original(self) -> Path:
        """The file as it was loaded (kept for table sources, to read again with other types)."""
        return self.source.directory() / f"{self.sha256[:20]}.original"


class Category(models.TextChoices):
    REVENUE = "revenue", _("revenue")
    COST_OF_SALES = "cost_of_sales", _("cost of sales")
    OTHER_RESULT = "other_result", _("other costs and income")
    RECEIVABLES = "receivables", _("trade receivables")
    PAYABLES = "payables", _("trade payables")
    OTHER_BALANCE = "other_balance", _("other balance sheet")
    UNMAPPED = "", _("not mapped")


class Account(models.Model):
    """A ledger account of an auditfile source and what it counts as."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    source = models.ForeignKey(
        DataSource, models.CASCADE, related_name="accounts", verbose_name=_("source")
    )
    number = models.CharField(_("account"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    rgs_code = models.CharField(_("RGS code"), max_length=100, blank=True)
    profit_loss = models.BooleanField(_("profit and loss"), default=False)
    category = models.CharField(_("counts as"), max_length=20, choices=Category.choices, blank=True)
    mapped_by_user = models.BooleanField(_("mapped by hand"), default=False)
    amount = models.DecimalField(_("amount moved"), max_digits=20, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("ledger account")
        verbose_name_plural = _("ledger accounts")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["source", "number"], name="account_unique_in_source")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.description}"


class Computation(models.Model):
    """How a computed KPI gets its values: a definition over a source, or a standard KPI."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    kpi = models.OneToOneField(
        KPI, models.CASCADE, related_name="computation", verbose_name=_("KPI")
    )
    source = models.ForeignKey(
        DataSource, models.CASCADE, related_name="computations", verbose_name=_("source")
    )
    spec = models.JSONField(_("definition"), default=dict, blank=True)
    standard = models.CharField(_("standard KPI"), max_length=60, blank=True)
    used = models.TextField(_("what it used"), blank=True)
    computed_at = models.DateTimeField(_("computed"), null=True, blank=True)

    class Meta:
        verbose_name = _("computation")
        verbose_name_plural = _("computations")

    def __str__(self) -> str:
        return f"{self.kpi.code} ← {self.source.name}"


class CostCentre(models.Model):
    """A cost centre (kostenplaats) of an auditfile source, and the unit it belongs to."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    source = models.ForeignKey(
        DataSource, models.CASCADE, related_name="cost_centres", verbose_name=_("source")
    )
    code = models.CharField(_("cost centre"), max_length=100)
    unit = models.ForeignKey(
        Unit,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="cost_centres",
        verbose_name=_("unit"),
    )
    amount = models.DecimalField(_("amount moved"), max_digits=20, decimal_places=2, default=0)
    lines = models.PositiveIntegerField(_("lines"), default=0)

    class Meta:
        verbose_name = _("cost centre")
        verbose_name_plural = _("cost centres")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["source", "code"], name="cost_centre_unique_in_source")
        ]

    def __str__(self) -> str:
        return self.code


class PendingLoad(models.Model):
    """An uploaded file waiting for its uploader to confirm what was read."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("uploaded by")
    )
    file_name = models.CharField(_("file"), max_length=300)
    source_name = models.CharField(_("source"), max_length=100)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    preview = models.JSONField(_("what was read"), default=dict, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("file waiting to be loaded")
        verbose_name_plural = _("files waiting to be loaded")

    def __str__(self) -> str:
        return self.file_name

    def directory(self) -> Path:
        path = Path(settings.DATA_DIR) / "uploads" / str(self.organisation_id) / str(self.pk)
        path.mkdir(parents=True, exist_ok=True)
        return path

    def path(self) -> Path:
        return self.directory() / "upload"
