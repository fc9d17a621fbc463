"""Every change to a KPI itself (not its values) goes through here, with its history.

Views, the admin, the API, commands and other apps (selection, trends) call these
functions; none of them creates a ``KPIChange`` itself. Each takes the acting user, writes the
change and its ``KPIChange`` in one transaction, and bumps the KPI's revision when the change
can alter its verdict (the cached trend results key on it). Values: ``recording``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import F, Model
from django.utils.translation import gettext as _

from . import rollup
from .models import KPI, Feed, KPIChange, Measurement, RollupRule, Source, Status, TargetMode
from .recording import RecordSummary, ValueChange, record_values

__all__ = [
    "delete_measurements",
    "kpi_created",
    "log_change",
    "record_settings_change",
    "save_definition",
    "save_rollup",
    "save_target",
    "set_status",
]


def _acting(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def log_change(kpi: KPI, *, user, summary: str, changes: dict | None = None, bump=False):
    """One line in the KPI's history; ``bump`` also raises its revision."""
    entry = KPIChange.objects.create(
        organisation_id=kpi.organisation_id,
        kpi=kpi,
        user=_acting(user),
        summary=str(summary)[:300],
        changes=changes or {},
    )
    if bump:
        KPI.objects.filter(pk=kpi.pk).update(revision=F("revision") + 1)
        kpi.revision += 1
    return entry


def kpi_created(kpi: KPI, *, user, summary: str | None = None) -> KPIChange:
    """Record that a (just saved) KPI was created: by a form, the catalogue, a selection."""
    return log_change(kpi, user=user, summary=summary or _("KPI created"))


@transaction.atomic
def save_definition(form, *, user) -> KPI:
    """Save a valid ``KPIForm`` (new or edited) and record what changed, field by field."""
    created = form.instance.pk is None
    changes = {} if created else form.describe_changes()
    kpi = form.save()
    if created:
        kpi_created(kpi, user=user)
    elif changes:
        log_change(kpi, user=user, summary=_("Definition changed"), changes=changes, bump=True)
    return kpi


@transaction.atomic
def set_status(kpi: KPI, status: str, *, user) -> bool:
    """Retire, restore or activate a KPI; False (and nothing recorded) when it already is."""
    if kpi.status == status:
        return False
    old = kpi.get_status_display()
    kpi.status = status
    kpi.save(update_fields=["status", "updated_at"])
    summary = {
        Status.RETIRED: _("KPI retired"),
        Status.ACTIVE: _("KPI made active"),
        Status.DRAFT: _("KPI made a draft"),
    }[status]
    log_change(
        kpi,
        user=user,
        summary=summary,
        changes={str(_("status")): [str(old), str(kpi.get_status_display())]},
    )
    return True


@transaction.atomic
def record_settings_change(
    kpi: KPI, *, user, summary: str, changes: dict, save: Iterable[Model] = ()
) -> KPIChange:
    """Save changed settings rows (e.g. the trend settings) with their history line, and bump
    the KPI's revision so its cached verdict is computed again."""
    for row in save:
        row.save()
    return log_change(kpi, user=user, summary=summary, changes=changes, bump=True)


def delete_measurements(
    measurements: Iterable[Measurement], *, user, source: str = Source.WEB, detail: str = ""
) -> RecordSummary:
    """Delete values through the write path: history kept, revisions bumped (the admin's bulk
    delete; the forms delete one value the same way)."""
    changes = [ValueChange(m.kpi, m.period_start, None, None) for m in measurements]
    return record_values(changes, user=user, source=source, detail=detail)


# -- roll-up settings and targets over time -------------------------------------------


ROLLUP_FIELDS = ("rollup_rule", "rollup_children", "rollup_weights", "rollup_formula", "feed")


def _shown(kpi: KPI, name: str) -> str:
    value = getattr(kpi, name)
    if name == "rollup_rule":
        return str(RollupRule(value).label) if value else ""
    if name == "feed":
        return str(Feed(value).label)
    return ", ".join(value) if isinstance(value, list) else str(value)


@transaction.atomic
def save_rollup(kpi: KPI, settings: dict, *, user) -> bool:
    """Write a checked roll-up setting (``RollupForm.settings()``) with its history, then
    recompute the KPI's values from its children. False when nothing changed."""
    before = {name: _shown(kpi, name) for name in ROLLUP_FIELDS}
    for name, value in settings.items():
        setattr(kpi, name, value)
    after = {name: _shown(kpi, name) for name in ROLLUP_FIELDS}
    if before == after:
        return False
    kpi.save(update_fields=[*ROLLUP_FIELDS, "updated_at"])
    labels = {name: str(KPI._meta.get_field(name).verbose_name) for name in ROLLUP_FIELDS}
    log_change(
        kpi,
        user=user,
        summary=_("Roll-up settings changed"),
        changes={labels[n]: [before[n], after[n]] for n in ROLLUP_FIELDS if before[n] != after[n]},
        bump=True,
    )
    if kpi.rollup_rule:
        rollup.recompute_kpi(kpi)
    return True


TARGET_FIELDS = ("target_mode", "target", "target_profile")


@transaction.atomic
def save_target(kpi: KPI, settings: dict, *, user) -> bool:
    """Write a checked target over time (``TargetForm.settings()``) with its history."""
    shown = {
        "target_mode": lambda k: str(TargetMode(k.target_mode or "single").label),
        "target": lambda k: "" if k.target is None else format(k.target.normalize(), "f"),
        "target_profile": lambda k: "; ".join(k.target_profile or []),
    }
    before = {n: shown[n](kpi) for n in TARGET_FIELDS}
    for name, value in settings.items():
        setattr(kpi, name, value)
    after = {n: shown[n](kpi) for n in TARGET_FIELDS}
    if before == after:
        return False
    kpi.save(update_fields=[*TARGET_FIELDS, "updated_at"])
    labels = {n: str(KPI._meta.get_field(n).verbose_name) for n in TARGET_FIELDS}
    log_change(
        kpi,
        user=user,
        summary=_("Target over time changed"),
        changes={labels[n]: [before[n], after[n]] for n in TARGET_FIELDS if before[n] != after[n]},
        bump=True,
    )
    return True
