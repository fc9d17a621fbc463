"""Fetching a KPI the way every view and API endpoint starts: scoped, then checked.

``kpi_for(request, org, code, right)`` answers 404 for a KPI of another organisation (or
none), 403 when the user lacks the right (``READ``, ``DEFINE`` or ``ENTER``, the same
predicates as ``Access``). Units: ``koers.organisations.access.unit_for``.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from koers.organisations.access import DEFINE, ENTER, READ, Access, get_access, unit_for

from .models import KPI

__all__ = ["DEFINE", "ENTER", "READ", "get_kpi", "kpi_for", "unit_for"]


def get_kpi(access: Access, code: str, right: str = READ, queryset: QuerySet | None = None) -> KPI:
    """The organisation's KPI with this code: 404 when not there, 403 without the right."""
    kpis = queryset if queryset is not None else KPI.objects.all()
    kpis = kpis.for_org(access.organisation).select_related("unit", "parent")
    kpi = get_object_or_404(kpis, code=code)
    kpi.organisation = access.organisation  # its own organisation, read already: no join
    access.require(access.allows(right, kpi))
    return kpi


def kpi_for(request: HttpRequest, org: str, code: str, right: str = READ) -> tuple[Access, KPI]:
    """The user's access to the organisation in the URL and its KPI with this code."""
    access = get_access(request, org)
    return access, get_kpi(access, code, right)
