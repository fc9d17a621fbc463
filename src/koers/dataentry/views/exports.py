"""Export on the web: a form, and direct download links (?kpi=CODE, ?unit=SLUG).

A small export is the answer to the request itself. A large one (more than INLINE_VALUES
values) is prepared by a background job, so web workers stay free for pages: the page offers
to prepare it (a POST), then shows the job's progress and, when the file is ready, a link to
fetch it; the export page lists the person's prepared files.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from koers.fields import current_lang
from koers.jobs.models import start_job
from koers.kpis.models import Measurement
from koers.organisations.access import Access, get_access

from .. import export
from ..forms import ExportForm
from ..models import Download
from ..tasks import prepare_export

DOWNLOAD_KEYS = ("kpi", "unit", "format", "layout")
FORM_KEYS = (*DOWNLOAD_KEYS, "lang")
INLINE_VALUES = 5_000  # larger exports are prepared in a background job
KEPT_FOR = timedelta(days=7)  # prepared files are dropped after this


def _form(access: Access, query) -> ExportForm:
    data = query.copy()
    data.setdefault("format", "csv")
    data.setdefault("layout", "long")
    data.setdefault("lang", current_lang())
    return ExportForm(data, organisation=access.organisation)


def _page(request, access: Access, form: ExportForm, status: int = 200, **extra) -> HttpResponse:
    recent = Download.objects.for_org(access.organisation).filter(user=request.user)
    context = {"form": form, "recent": recent.select_related("job").defer("data")[:5], **extra}
    return render(request, "dataentry/export.html", context, status=status)


def _name(access: Access, form: ExportForm, extension: str) -> str:
    kpis, unit = form.cleaned_data["kpi"], form.cleaned_data["unit"]
    suffix = kpis[0].code if len(kpis) == 1 else unit.slug if unit else ""
    return export.filename(access.organisation, extension, date.today(), suffix)


def _selected(access: Access, form: ExportForm):
    codes = [k.code for k in form.cleaned_data["kpi"]]
    return export.select_kpis(access.organisation, codes=codes, unit=form.cleaned_data["unit"])


def export_page(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    if not any(key in request.GET for key in DOWNLOAD_KEYS):
        form = ExportForm(organisation=access.organisation, initial={"lang": current_lang()})
        return _page(request, access, form)
    form = _form(access, request.GET)
    if not form.is_valid():
        if set(form.errors) & {"kpi", "unit"}:
            raise Http404
        return _page(request, access, form, status=400)
    selected = _selected(access, form)
    values = Measurement.objects.filter(kpi__in=selected).count()
    if values > INLINE_VALUES:
        fields = [(k, v) for k, vs in request.GET.lists() if k in FORM_KEYS for v in vs]
        return _page(request, access, form, large=values, fields=fields)
    fmt = form.cleaned_data["format"]
    result = export.write(
        selected, fmt=fmt, layout=form.cleaned_data["layout"], lang=form.cleaned_data["lang"]
    )
    response = HttpResponse(result.data, content_type=result.content_type)
    response["Content-Disposition"] = f'attachment; filename="{_name(access, form, fmt)}"'
    return response


@require_POST
def export_prepare(request: HttpRequest, org: str) -> HttpResponse:
    """Prepare the export the form describes in a background job; show how far it is."""
    access = get_access(request, org)
    form = _form(access, request.POST)
    if not form.is_valid():
        return _page(request, access, form, status=400)
    mine = Download.objects.for_org(access.organisation).filter(user=request.user)
    mine.filter(created__lt=timezone.now() - KEPT_FOR).delete()
    data = form.cleaned_data
    unit = data["unit"]
    download = Download.objects.create(
        organisation=access.organisation,
        user=request.user,
        filename=_name(access, form, data["format"]),
        options={
            "codes": [k.code for k in data["kpi"]], "unit": unit.slug if unit else None,
            "format": data["format"], "layout": data["layout"], "lang": data["lang"],
        },
    )  # fmt: skip
    job = start_job(
        prepare_export, organisation=access.organisation, user=request.user, kind="export",
        title=download.filename, args=[download.pk, current_lang()],
    )  # fmt: skip
    Download.objects.filter(pk=download.pk).update(job=job)
    return redirect("export_download", org, download.pk)


def _get_download(request: HttpRequest, org: str, pk: int) -> Download:
    access = get_access(request, org)
    mine = Download.objects.for_org(access.organisation).filter(user=request.user)
    return get_object_or_404(mine.select_related("job"), pk=pk)


def export_download(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    """A prepared export: the job's progress, then the link to the file."""
    download = _get_download(request, org, pk)
    return render(request, "dataentry/export_download.html", {"download": download})


def export_file(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    download = _get_download(request, org, pk)
    if not download.ready:
        return redirect("export_download", org, download.pk)
    response = HttpResponse(bytes(download.data), content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    return response
