"""KPI health pages: the organisation overview, one unit, one KPI (fragment), settings."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from koers.kpis.access import kpi_for
from koers.organisations.access import get_access, unit_for
from koers.organisations.models import Unit

from ..checks import CHECKS, LABELS, WHY, checks_for_kpi, health_for, kpis_to_check
from ..forms import HealthSettingsForm
from ..models import HealthSettings


def _rows(kpis, organisation):
    kpis = list(kpis)
    results = health_for(kpis, organisation)
    return [
        {
            "kpi": kpi,
            "checks": results[kpi.pk],
            "failing": [c for c in results[kpi.pk] if c.ok is False],
        }
        for kpi in kpis
    ]


def _summary(units, rows, max_per_unit: int) -> list[dict]:
    by_unit: dict[int, list[dict]] = {}
    for row in rows:
        by_unit.setdefault(row["kpi"].unit_id, []).append(row)
    summary = []
    for unit in units:
        unit_rows = by_unit.get(unit.pk, [])
        checks = [c for row in unit_rows for c in row["checks"]]
        active = sum(1 for row in unit_rows if row["kpi"].status == "active")
        summary.append(
            {
                "unit": unit,
                "kpis": len(unit_rows),
                "active": active,
                "too_many": active > max_per_unit,
                "healthy": sum(
                    1 for row in unit_rows if all(c.ok is not False for c in row["checks"])
                ),
                "failing": sum(1 for c in checks if c.ok is False),
                "unknown": sum(1 for c in checks if c.ok is None),
            }
        )
    return summary


def _columns():
    return [{"check": c, "label": LABELS[c], "why": WHY[c]} for c in CHECKS]


KPIS_PER_PAGE = 50


def health(request: HttpRequest, org: str) -> HttpResponse:
    """Every unit's summary; the KPIs' checks and what to fix a page of KPIs at a time."""
    access = get_access(request, org)
    organisation = access.organisation
    all_rows = _rows(kpis_to_check(organisation), organisation)
    max_per_unit = HealthSettings.max_kpis_for(organisation)
    units = list(Unit.objects.for_org(organisation))
    page = Paginator(all_rows, KPIS_PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    context = {
        "rows": rows,
        "page": page,
        "columns": _columns(),
        "summary": _summary(units, all_rows, max_per_unit),
        "max_per_unit": max_per_unit,
        "can_configure": access.is_admin,
        "any_failing": any(row["failing"] for row in rows),
    }
    return render(request, "health/overview.html", context)


def health_unit(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    access, unit = unit_for(request, org, slug)
    organisation = access.organisation
    rows = _rows(kpis_to_check(organisation, unit), organisation)
    max_per_unit = HealthSettings.max_kpis_for(organisation)
    context = {
        "unit": unit,
        "ancestors": unit.ancestors(),
        "rows": rows,
        "columns": _columns(),
        "summary": _summary([unit], rows, max_per_unit)[0],
        "max_per_unit": max_per_unit,
        "any_failing": any(row["failing"] for row in rows),
    }
    return render(request, "health/unit.html", context)


def health_kpi(request: HttpRequest, org: str, code: str) -> HttpResponse:
    """The health of one KPI as an HTML fragment, for the KPI page to load with hx-get."""
    access, kpi = kpi_for(request, org, code)
    context = {"kpi": kpi, "checks": checks_for_kpi(kpi)}
    return render(request, "health/_kpi_health.html", context)


@transaction.atomic  # the version check and the save as one (VersionedForm)
def health_settings(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    access.require(access.is_admin)
    instance = HealthSettings.objects.filter(organisation=access.organisation).first()
    instance = instance or HealthSettings(organisation=access.organisation)
    form = HealthSettingsForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("health", org)
    return render(
        request,
        "organisations/form.html",
        {
            "form": form,
            "title": _("Health check settings"),
            "intro": _(
                "The guidance text says: keep it simple, choose the indicators with the "
                "greatest leverage. The health check warns when a unit tracks more active "
                "KPIs than this."
            ),
            "cancel_url": reverse("health", args=[org]),
        },
    )
