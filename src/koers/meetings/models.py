"""Team meetings (werkoverleg), their agenda, improvement actions and the history of changes.

"Informing is not enough": a unit discusses its scores in its meeting and decides actions
that should move its KPIs. Actions belong to a team (optionally pulled by one person), are
tied to the KPIs they should move, and keep every change in ``Change``.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.kpis.models import KPI
from koers.organisations.models import Organisation, Unit


class MeetingQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation) -> MeetingQuerySet:
        return self.filter(organisation=organisation)


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")
        CLOSED = "closed", _("closed")

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="meetings", verbose_name=_("organisation")
    )
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="meetings", verbose_name=_("team"))
    date = models.DateField(_("date"))
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="meetings",
        verbose_name=_("participants"),
    )
    guests = models.CharField(
        _("guests"),
        max_length=300,
        blank=True,
        help_text=_("Other people present, separated by commas."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("team meeting")
        verbose_name_plural = _("team meetings")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.unit} {self.date:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("meeting", args=[self.organisation.slug, self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    def previous(self) -> Meeting | None:
        """The unit's meeting before this one."""
        return (
            Meeting.objects.filter(unit_id=self.unit_id, date__lt=self.date)
            .order_by("-date", "-id")
            .first()
        )


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        ACTION_REVIEW = "action_review", _("action to review")
        KPI_SIGNAL_BAD = "kpi_signal_bad", _("KPI deteriorating")
        KPI_SIGNAL_GOOD = "kpi_signal_good", _("KPI improving")
        KPI_MISSING = "kpi_missing", _("KPI without recent value")
        KPI_STABLE = "kpi_stable", _("KPI stable")
        CUSTOM = "custom", _("other subject")

    meeting = models.ForeignKey(
        Meeting, models.CASCADE, related_name="items", verbose_name=_("meeting")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    kpi = models.ForeignKey(
        KPI, models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("KPI")
    )
    action = models.ForeignKey(
        "Action",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("action"),
    )
    title = models.CharField(_("subject"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    discussed = models.BooleanField(_("discussed"), default=False)
    version = models.PositiveIntegerField(
        _("version"), default=0, help_text=_("Raised by every save of the notes.")
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return self.heading

    @property
    def heading(self) -> str:
        if self.kpi_id:
            return self.kpi.name
        if self.action_id:
            return self.action.title
        return self.title

    @property
    def folded(self) -> bool:
        """Stable KPIs are on the agenda, but folded away."""
        return self.kind == self.Kind.KPI_STABLE


class ActionQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation) -> ActionQuerySet:
        return self.filter(organisation=organisation)

    def open(self) -> ActionQuerySet:
        """Not yet done or dropped: open or in progress."""
        return self.filter(status__in=[Action.Status.OPEN, Action.Status.IN_PROGRESS])

    def overdue(self, today: date) -> ActionQuerySet:
        return self.open().filter(due_date__lt=today)

    def for_unit(self, unit: Unit, include_below: bool = False) -> ActionQuerySet:
        if include_below:
            return self.filter(unit_id__in=Unit.objects.subtree_ids(unit))
        return self.filter(unit=unit)

    def done(self) -> ActionQuerySet:
        return self.filter(status=Action.Status.DONE)


class Action(models.Model):
    """An improvement action (verbeteractie): owned by a team, meant to move KPIs."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="actions", verbose_name=_("organisation")
    )
    unit = models.ForeignKey(
        Unit,
        models.PROTECT,
        related_name="actions",
        verbose_name=_("owning team"),
        help_text=_("Actions belong to a team; a person may pull it."),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="pulled_actions",
        verbose_name=_("pulled by"),
        help_text=_("Optional: the person who pulls it."),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what will be done"), blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    kpis = models.ManyToManyField(
        KPI,
        blank=True,
        related_name="actions",
        verbose_name=_("KPIs it should move"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    drop_reason = models.TextField(_("reason for dropping"), blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    meeting = models.ForeignKey(
        Meeting,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("decided in meeting"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("action", args=[self.organisation.slug, self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.IN_PROGRESS)

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_open and self.due_date is not None and self.due_date < today

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def start_date(self) -> date:
        """When the action started: its start date, else the day it was decided."""
        if self.started_on:
            return self.started_on
        if self.meeting_id:
            return self.meeting.date
        return self.created_at.date()


class ChangeQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation) -> ChangeQuerySet:
        return self.filter(organisation=organisation)


class Change(models.Model):
    """One change to a meeting's notes or an action: who, when, field, old → new."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    meeting = models.ForeignKey(
        Meeting,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("meeting"),
    )
    action = models.ForeignKey(
        Action,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("action"),
    )
    item = models.ForeignKey(
        AgendaItem,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("agenda item"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    field = models.CharField(_("field"), max_length=100)
    old = models.TextField(_("old value"), blank=True)
    new = models.TextField(_("new value"), blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    objects = ChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.field}: {self.old} → {self.new}"

    @property
    def field_label(self) -> str:
        """The field's name in the reader's language (``field`` holds the model field name)."""
        for model in (Action, AgendaItem, Meeting):
            try:
                return str(model._meta.get_field(self.field).verbose_name)
            except FieldDoesNotExist:
                continue
        return self.field

    def _display(self, value: str) -> str:
        if self.field == "status" and value in Action.Status.values:
            return str(Action.Status(value).label)
        if self.field == "discussed" and value in ("True", "False"):
            return str(_("yes") if value == "True" else _("no"))
        return value

    @property
    def old_display(self) -> str:
        return self._display(self.old)

    @property
    def new_display(self) -> str:
        return self._display(self.new)
