"""Export on the web: a form, and direct download links (?kpi=CODE, ?unit=SLUG)."""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from koers.fields import current_lang
from koers.organisations.access import get_access

from .. import export
from ..forms import ExportForm

DOWNLOAD_KEYS = ("kpi", "unit", "format", "layout")


def export_page(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    organisation = access.organisation
    if not any(key in request.GET for key in DOWNLOAD_KEYS):
        form = ExportForm(organisation=organisation, initial={"lang": current_lang()})
        return render(request, "dataentry/export.html", {"form": form})
    data = request.GET.copy()
    data.setdefault("format", "csv")
    data.setdefault("layout", "long")
    data.setdefault("lang", current_lang())
    form = ExportForm(data, organisation=organisation)
    if not form.is_valid():
        if set(form.errors) & {"kpi", "unit"}:
            raise Http404
        return render(request, "dataentry/export.html", {"form": form}, status=400)
    kpis = form.cleaned_data["kpi"]
    unit = form.cleaned_data["unit"]
    selected = export.select_kpis(organisation, codes=[k.code for k in kpis], unit=unit)
    fmt = form.cleaned_data["format"]
    result = export.write(
        selected, fmt=fmt, layout=form.cleaned_data["layout"], lang=form.cleaned_data["lang"]
    )
    suffix = kpis[0].code if len(kpis) == 1 else unit.slug if unit else ""
    name = export.filename(organisation, result.extension, date.today(), suffix)
    response = HttpResponse(result.data, content_type=result.content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
