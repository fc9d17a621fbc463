"""New signals of concern: a KPI whose verdict turned to "getting worse" tells its team.

``sync_concerns(organisation)`` compares every active KPI's verdict with the open concerns:
a KPI getting worse without one gets a new :class:`~koers.trends.models.Concern`, a concern
whose KPI is no longer getting worse ends. ``koers remind`` runs it and mails each new concern
once to the KPI's team (members and managers of its unit: ``to_tell``, ``mark_mailed``). The
KPI carries a mark (``unopened``) until someone of its team opens the KPI's page
(``mark_opened``). A constant number of queries per call.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from koers.fields import current_lang
from koers.kpis.models import KPI
from koers.organisations.models import UnitRole

from .models import Concern
from .verdicts import trends_of


def sync_concerns(organisation) -> list[Concern]:
    """Open a concern for each active KPI newly getting worse, end those no longer; returns
    the new ones."""
    kpis = list(KPI.objects.for_org(organisation).active().select_related("unit"))
    trends = trends_of(kpis)
    open_ = {c.kpi_id: c for c in Concern.objects.filter(organisation=organisation, ended_at=None)}
    worse = {pk for pk, t in trends.items() if t is not None and t.verdict == "deteriorating"}
    now = timezone.now()
    ended = [c.pk for pk, c in open_.items() if pk not in worse]
    if ended:
        Concern.objects.filter(pk__in=ended).update(ended_at=now)
    new = [
        Concern(organisation=organisation, kpi=k, reasons=dict(trends[k.pk].data.get("reason", {})))
        for k in kpis
        if k.pk in worse and k.pk not in open_
    ]
    return Concern.objects.bulk_create(new) if new else []


def to_tell(organisation, unit_ids: Iterable[int]) -> list[Concern]:
    """The open concerns not mailed yet of KPIs of these units."""
    return list(
        Concern.objects.filter(
            organisation=organisation,
            ended_at=None,
            mailed_at=None,
            kpi__unit_id__in=list(unit_ids),
        ).select_related("kpi__unit", "kpi__organisation")
    )


def mark_mailed(organisation) -> int:
    """Every open concern of the organisation counts as told (after ``koers remind`` sent)."""
    waiting = Concern.objects.filter(organisation=organisation, ended_at=None, mailed_at=None)
    return waiting.update(mailed_at=timezone.now())


def unopened(kpi_ids: Iterable[int]) -> set[int]:
    """The KPIs (of these) with a concern its team has not opened yet: they carry a mark."""
    ids = list(kpi_ids)
    if not ids:
        return set()
    rows = Concern.objects.filter(kpi_id__in=ids, ended_at=None, opened_at=None).order_by()
    return set(rows.values_list("kpi_id", flat=True))  # a set: no ordering to compile


def mark_opened(kpi: KPI, user) -> bool:
    """Someone of the KPI's team opened its page: its concern is seen. True when it was new."""
    if user is None or not user.is_authenticated:
        return False
    if not UnitRole.objects.filter(unit_id=kpi.unit_id, user=user).exists():
        return False
    waiting = Concern.objects.filter(kpi=kpi, ended_at=None, opened_at=None)
    return bool(waiting.update(opened_at=timezone.now(), opened_by=user))


def reason_of(concern: Concern, lang: str | None = None) -> str:
    reasons = concern.reasons or {}
    return reasons.get(lang or current_lang()) or reasons.get("nl", "")
