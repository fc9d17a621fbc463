"""KPIs, their measurements, and the history of every change.

A KPI belongs to a unit (a team, never a person), has a definition precise
enough for someone else to measure it the same way, a direction, and a
frequency. Measurements are one value per KPI and period; every change to a
value is kept in ``MeasurementChange``, every change to the definition in
``KPIChange``.
"""

from __future__ import annotations

from decimal import Context, Decimal
from functools import cached_property

from django.conf import settings
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models.base import ModelState
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from koers.organisations.models import CoreCompetence, Organisation, Unit, page_url, scoped_to
from koers.periods import Frequency as PeriodFrequency
from koers.periods import Period

from .reading import ListedIterable, among


class ValueField(models.DecimalField):
    """A ``DecimalField`` that never fails to read what the database holds.

    SQLite keeps decimals as 15-digit floats; a value stored before ``values.storable`` guarded
    every way in may read back with one digit more than ``max_digits`` (99999999999999,9999999
    became 1e14), and Django's converter then raised on every page showing it. A wider context
    reads such a value as it is. Migrations see a plain ``DecimalField``.
    """

    @cached_property
    def context(self) -> Context:
        return Context(prec=self.max_digits + 6)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs


class Frequency(models.TextChoices):
    WEEK = "week", _("week")
    MONTH = "month", _("month")
    QUARTER = "quarter", _("quarter")
    YEAR = "year", _("year")


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


class Area(models.TextChoices):
    MARKETING = "marketing", _("marketing")
    SALES = "sales", _("sales")
    PRODUCTION = "production", _("production")
    PURCHASING = "purchasing", _("purchasing and intake")
    FINANCE = "finance", _("finance")
    CUSTOMERS = "customers", _("customers")
    PEOPLE = "people", _("people")
    OTHER = "other", _("other")


class UnitOfMeasure(models.TextChoices):
    PERCENT = "percent", _("percentage")
    EURO = "euro", _("euro")
    COUNT = "count", _("count")
    HOURS = "hours", _("hours")
    DAYS = "days", _("days")
    CUSTOM = "custom", _("other (describe)")


class Aggregation(models.TextChoices):
    SUM = "sum", _("sum of the periods")
    AVERAGE = "average", _("average of the periods")
    LAST = "last", _("last value")
    RATIO = "ratio", _("ratio of the sums of its parts")


class RollupRule(models.TextChoices):
    """How a rolled-up KPI is computed from other KPIs (see ``koers.kpis.rollup``)."""

    SUM = "sum", _("sum of the children")
    RATIO = "ratio", _("ratio of sums: numerator ÷ denominator")
    WEIGHTED = "weighted", _("average weighted by another KPI")
    MIN = "min", _("lowest child")
    MAX = "max", _("highest child")
    FORMULA = "formula", _("formula over KPI codes")


class TargetMode(models.TextChoices):
    SINGLE = "single", _("one value for every period")
    PROFILE = "profile", _("a value per period of the year")
    EVEN = "even", _("the annual goal spread evenly")
    PATTERN = "pattern", _("the annual goal along last year's pattern")


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    ACTIVE = "active", _("active")
    RETIRED = "retired", _("retired")


class Feed(models.TextChoices):
    """Where a KPI's values come from. Only ``manual`` values may be typed, imported or posted;
    the others are written by Koers itself (with their own history source) and shown read-only."""

    MANUAL = "manual", _("entered by people")
    COMPUTED = "computed", _("computed from the company's own data")
    ROLLUP = "rollup", _("rolled up from other KPIs")


class Importance(models.IntegerChoices):
    LOW = 1, _("low")
    NORMAL = 2, _("normal")
    HIGH = 3, _("high")
    CRITICAL = 4, _("critical")


UNIT_SYMBOLS = {"percent": "%", "euro": "€", "count": "", "hours": "h", "days": _("days")}


class KPIQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation) -> KPIQuerySet:
        return scoped_to(self, organisation)

    def current(self) -> KPIQuerySet:
        """Draft and active KPIs: everything not retired."""
        return self.exclude(status=Status.RETIRED)

    def active(self) -> KPIQuerySet:
        return self.filter(status=Status.ACTIVE)

    def retired(self) -> KPIQuerySet:
        return self.filter(status=Status.RETIRED)

    _with_series = False

    def listed(self) -> KPIQuerySet:
        """The KPIs for pages that list hundreds: built from plain rows, without the fields a list
        never shows (``reading.LISTED_DEFERRED``: deferred, each read with a query of its own when
        asked). See ``reading.ListedIterable``."""
        clone = self._chain()
        clone._iterable_class = ListedIterable
        return clone

    def with_series(self) -> KPIQuerySet:
        """Each KPI with its values in period order, as ``kpi.series_rows`` (one query, run
        once the KPIs are read: see ``series_rows``)."""
        clone = self._chain()
        clone._with_series = True
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._with_series = self._with_series
        return clone

    def _fetch_all(self):
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._with_series:
            kpis = [k for k in self._result_cache if isinstance(k, KPI)]
            found = series_rows(kpis)
            for kpi in kpis:
                setattr(kpi, SERIES_ATTR, found.get(kpi.pk, []))


SERIES_ATTR = "series_rows"  # where ``with_series`` puts a KPI's ordered values


def series_rows(kpis) -> dict[int, list[Measurement]]:
    """Each KPI's values in period order (by primary key), in one query.

    Measurements with ``kpi_id``, ``period_start`` and ``value`` loaded (the rest deferred, as
    ``.only()`` leaves them) and ``kpi`` set, built from plain rows: Django's per-row model
    machinery (and a prefetch's matching) cost more than the query, and a unit page reads
    a thousand values."""
    by_pk = {k.pk: k for k in kpis if k.pk is not None}
    out: dict[int, list[Measurement]] = {pk: [] for pk in by_pk}
    if not by_pk:
        return out
    rows = (
        Measurement.objects.filter(among("kpi_id", by_pk))
        .order_by("kpi_id", "period_start")
        .values_list("pk", "kpi_id", "period_start", "value")
    )
    new, db = Measurement.__new__, rows.db
    for pk, kpi_id, start, value in rows:
        state = ModelState()
        state.adding, state.db, state.fields_cache = False, db, {"kpi": by_pk[kpi_id]}
        row = new(Measurement)
        row.__dict__.update(_state=state, id=pk, kpi_id=kpi_id, period_start=start, value=value)
        out[kpi_id].append(row)
    return out


code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
    _("Use letters, digits, '-', '_' or '.', starting with a letter or digit."),
)


class KPI(models.Model):
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="kpis", verbose_name=_("organisation")
    )
    unit = models.ForeignKey(
        Unit,
        models.PROTECT,
        related_name="kpis",
        verbose_name=_("team"),
        help_text=_("The unit that owns this KPI. KPIs belong to teams, never to one person."),
    )
    code = models.CharField(
        _("code"),
        max_length=30,
        validators=[code_validator],
        help_text=_("Short and unique in the organisation; used by imports, the API and the CLI."),
    )
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(
        _("definition"),
        help_text=_("How exactly it is measured, so that someone else would get the same number."),
    )
    purpose = models.TextField(_("purpose"), blank=True, help_text=_("Why it matters."))
    unit_of_measure = models.CharField(
        _("unit of measure"), max_length=10, choices=UnitOfMeasure.choices
    )
    custom_unit = models.CharField(_("custom unit"), max_length=40, blank=True)
    decimals = models.PositiveSmallIntegerField(
        _("decimals"), default=0, validators=[MaxValueValidator(6)]
    )
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.MONTH
    )
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    area = models.CharField(_("functional area"), max_length=12, choices=Area.choices)
    data_source = models.TextField(
        _("data source"), blank=True, help_text=_("Where the number comes from and who keeps it.")
    )
    importance = models.PositiveSmallIntegerField(
        _("importance"), choices=Importance.choices, default=Importance.NORMAL
    )
    parent = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of KPI"),
        help_text=_("The higher-level indicator this one contributes to."),
    )
    core_competences = models.ManyToManyField(
        CoreCompetence, blank=True, related_name="kpis", verbose_name=_("core competences served")
    )
    serves_mission = models.BooleanField(_("serves the mission"), default=False)
    target = ValueField(_("target"), max_digits=20, decimal_places=6, null=True, blank=True)
    minimum = ValueField(
        _("lowest possible value"),
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_(
            "Values below it are refused. Empty: the unit decides (0 for percentages, counts, "
            "hours and days)."
        ),
    )
    maximum = ValueField(
        _("highest possible value"),
        max_digits=20,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Values above it are refused. Empty: the unit decides (100 for percentages)."),
    )
    aggregation = models.CharField(
        _("combining periods"), max_length=10, choices=Aggregation.choices, default=Aggregation.SUM
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    catalogue_key = models.CharField(_("catalogue entry"), max_length=60, blank=True)
    feed = models.CharField(
        _("values come from"),
        max_length=10,
        choices=Feed.choices,
        default=Feed.MANUAL,
        help_text=_("Computed and rolled-up values are written by Koers and cannot be typed over."),
    )
    revision = models.PositiveIntegerField(
        _("revision"), default=0, help_text=_("Goes up with every change to values or settings.")
    )
    # Roll-ups and targets over time (the "goals" work; computed in kpis/rollup.py).
    rollup_rule = models.CharField(
        _("roll-up rule"), max_length=10, choices=RollupRule.choices, blank=True
    )
    rollup_children = models.JSONField(
        _("rolled up from"), default=list, blank=True, help_text=_("KPI codes, in order.")
    )
    rollup_weights = models.JSONField(
        _("weighted by"), default=list, blank=True, help_text=_("A KPI code per child.")
    )
    rollup_formula = models.CharField(_("formula"), max_length=500, blank=True)
    target_mode = models.CharField(
        _("target over time"), max_length=10, choices=TargetMode.choices, default="single"
    )
    target_profile = models.JSONField(
        _("target per period"), default=list, blank=True, help_text=_("One value per period.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = KPIQuerySet.as_manager()

    class Meta:
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        ordering = ["unit__order", "-importance", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="kpi_code_unique_in_org")
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def get_absolute_url(self) -> str:
        return page_url("kpi", self.organisation.slug, self.code)

    @property
    def symbol(self) -> str:
        if self.unit_of_measure == UnitOfMeasure.CUSTOM:
            return self.custom_unit
        return str(UNIT_SYMBOLS.get(self.unit_of_measure, ""))

    @property
    def unit_words(self) -> tuple[str, ...]:
        """Words naming the KPI's own unit besides the standard ones (its custom unit), as
        ``koers.numbers.parse_quantity`` takes them."""
        return (self.custom_unit,) if self.custom_unit else ()

    @property
    def period_frequency(self) -> PeriodFrequency:
        return PeriodFrequency(self.frequency)

    @property
    def is_fed(self) -> bool:
        """True when Koers writes this KPI's values itself (computed or rolled up)."""
        return self.feed != Feed.MANUAL

    @property
    def target_profile_values(self) -> list[Decimal]:
        """The target per period of the year (``target_mode`` profile), as numbers."""
        return [Decimal(str(v)) for v in self.target_profile or []]

    @property
    def is_retired(self) -> bool:
        return self.status == Status.RETIRED

    def period_of(self, start) -> Period:
        return Period.from_start(self.period_frequency, start)

    def quantize(self, value: Decimal) -> Decimal:
        return value.quantize(Decimal(1).scaleb(-self.decimals))


class MeasurementQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation) -> MeasurementQuerySet:
        return self.filter(organisation=organisation)


class Measurement(models.Model):
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    kpi = models.ForeignKey(KPI, models.CASCADE, related_name="measurements", verbose_name=_("KPI"))
    period_start = models.DateField(_("period"), help_text=_("First day of the period."))
    value = ValueField(_("value"), max_digits=20, decimal_places=6)
    comment = models.TextField(_("comment"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = MeasurementQuerySet.as_manager()

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["kpi", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["kpi", "period_start"], name="one_value_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.kpi.code} {self.period_start}: {self.value}"

    @property
    def period(self) -> Period:
        return self.kpi.period_of(self.period_start)


class RollupCoverage(models.Model):
    """A rolled-up value with children missing: provisional, "4 of 5 units reported".

    Written by ``koers.kpis.rollup.recompute`` for each period where not every child has a
    value (and removed once all have); such a value is shown but not judged by the trend
    verdict (``koers.kpis.rollup.provisional``)."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    kpi = models.ForeignKey(
        KPI, models.CASCADE, related_name="rollup_coverage", verbose_name=_("KPI")
    )
    period_start = models.DateField(_("period"))
    reported = models.PositiveIntegerField(_("children reported"))
    total = models.PositiveIntegerField(_("children"))

    class Meta:
        verbose_name = _("provisional roll-up")
        verbose_name_plural = _("provisional roll-ups")
        constraints = [
            models.UniqueConstraint(fields=["kpi", "period_start"], name="one_coverage_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.period_start}: {self.reported}/{self.total}"


class Source(models.TextChoices):
    WEB = "web", _("web")
    IMPORT = "import", _("import")
    API = "api", _("API")
    CLI = "cli", _("command line")
    DEMO = "demo", _("demo data")
    COMPUTED = "computed", _("computed")
    ROLLUP = "rollup", _("roll-up")


class MeasurementChange(models.Model):
    """One change to one value: who, when, old → new, and from where."""

    class Action(models.TextChoices):
        CREATED = "created", _("entered")
        UPDATED = "updated", _("corrected")
        DELETED = "deleted", _("deleted")

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    kpi = models.ForeignKey(
        KPI, models.CASCADE, related_name="value_changes", verbose_name=_("KPI")
    )
    period_start = models.DateField(_("period"))
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    old_value = ValueField(_("old value"), max_digits=20, decimal_places=6, null=True, blank=True)
    new_value = ValueField(_("new value"), max_digits=20, decimal_places=6, null=True, blank=True)
    old_comment = models.TextField(_("old comment"), blank=True)
    new_comment = models.TextField(_("new comment"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    source_detail = models.CharField(
        _("source detail"), max_length=200, blank=True, help_text=_("File name or token name.")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("change to a value")
        verbose_name_plural = _("changes to values")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["kpi", "period_start"])]

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.period_start}: {self.old_value} → {self.new_value}"

    @property
    def period(self) -> Period:
        return self.kpi.period_of(self.period_start)


class KPIChange(models.Model):
    """A change to a KPI's definition or trend settings."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    kpi = models.ForeignKey(KPI, models.CASCADE, related_name="changes", verbose_name=_("KPI"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    summary = models.CharField(_("summary"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("change to a KPI")
        verbose_name_plural = _("changes to KPIs")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return self.summary


CATALOGUE_UNITS = {
    "percent": (UnitOfMeasure.PERCENT, ""),
    "euro": (UnitOfMeasure.EURO, ""),
    "count": (UnitOfMeasure.COUNT, ""),
    "hours": (UnitOfMeasure.HOURS, ""),
    "days": (UnitOfMeasure.DAYS, ""),
    "ratio": (UnitOfMeasure.CUSTOM, pgettext_lazy("unit of measure", "ratio")),
    "minutes": (UnitOfMeasure.CUSTOM, pgettext_lazy("unit of measure", "minutes")),
}


def fields_from_catalogue(entry, lang: str) -> dict:
    """KPI field values taken from a catalogue entry, in the given language."""
    unit, custom = CATALOGUE_UNITS[entry.unit]
    with translation.override(lang):
        custom = str(custom)
    return {
        "name": entry.text("name", lang),
        "definition": entry.text("definition", lang),
        "purpose": entry.text("insight", lang),
        "data_source": entry.text("data_source", lang),
        "unit_of_measure": unit,
        "custom_unit": custom,
        "decimals": entry.decimals,
        "frequency": entry.frequency,
        "direction": entry.direction,
        "area": entry.area,
        "aggregation": entry.aggregation,
        "catalogue_key": entry.key,
    }
