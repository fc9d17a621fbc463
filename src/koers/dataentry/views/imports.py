"""Import on the web: upload, preview every row, confirm."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.fields import current_lang
from koers.organisations.access import Access, get_access

from ..forms import ImportForm
from ..importing import FilePlan, apply_file_plan, plan_file
from ..models import ImportBatch
from ..plan import summary_text
from ..tables import TableError

SHOWN_ROWS = 2000


def _get_importer(request: HttpRequest, org: str) -> Access:
    access = get_access(request, org)
    access.require(access.enters_data_anywhere)
    return access


def _get_batch(request: HttpRequest, org: str, pk: int) -> tuple[Access, ImportBatch]:
    access = _get_importer(request, org)
    batches = ImportBatch.objects.for_org(access.organisation).select_related("kpi")
    return access, get_object_or_404(batches, pk=pk, user=request.user)


def import_upload(request: HttpRequest, org: str) -> HttpResponse:
    access = _get_importer(request, org)
    form = ImportForm(request.POST or None, request.FILES or None, organisation=access.organisation)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        batch = ImportBatch.objects.create(
            organisation=access.organisation,
            user=request.user,
            filename=upload.name[:200],
            data=upload.read(),
            kpi=form.cleaned_data["kpi"],
            sheet=form.cleaned_data["sheet"],
            decimal=form.cleaned_data["decimal"],
        )
        return redirect("import_preview", org, batch.pk)
    recent = ImportBatch.objects.for_org(access.organisation).filter(user=request.user)
    return render(
        request,
        "dataentry/import.html",
        {"form": form, "recent": recent.defer("data")[:10]},
        status=400 if form.errors else 200,
    )


@dataclass
class PreviewRow:
    row: int
    status: str  # new | changed | unchanged | error
    kpi: str = ""
    period: str = ""
    old_value: object = None
    new_value: object = None
    decimals: int = 0
    column: str = ""
    reason: str = ""


def _places(decimals: int, *values) -> int:
    """The KPI's decimals, or more when a value has more: a preview never hides digits."""
    own = [-v.normalize().as_tuple().exponent for v in values if v is not None]
    return max([decimals, *own])


def _preview_rows(result: FilePlan, lang: str) -> list[PreviewRow]:
    rows = [
        PreviewRow(
            c.row,
            c.status,
            c.kpi.code,
            c.period.label(lang),
            c.old_value,
            c.new_value,
            _places(c.kpi.decimals, c.old_value, c.new_value),
        )
        for c in result.plan.changes
    ]
    rows += [
        PreviewRow(e.row, "error", column=e.column_name(lang), reason=e.reason(lang))
        for e in result.plan.errors
    ]
    # Errors first within a row; then file order.
    rows.sort(key=lambda r: (r.row, r.status != "error"))
    return rows


def _plan_batch(batch: ImportBatch, access: Access) -> FilePlan:
    return plan_file(
        access.organisation,
        bytes(batch.data),
        batch.filename,
        access=access,
        kpi=batch.kpi,
        sheet=batch.sheet or None,
        decimal=batch.decimal or None,
    )


def _preview(request, access, batch, status=200) -> HttpResponse:
    lang = current_lang()
    context = {"batch": batch, "file_error": None, "result": None}
    if batch.status == ImportBatch.Status.PENDING:
        try:
            result = _plan_batch(batch, access)
        except TableError as error:
            context["file_error"] = error.message(lang)
        else:
            rows = _preview_rows(result, lang)
            context.update(
                result=result,
                plan=result.plan,
                summary=result.plan.summary(lang),
                forbidden=result.plan.forbidden_message(lang) if result.plan.forbidden else "",
                rows=rows[:SHOWN_ROWS],
                hidden=max(0, len(rows) - SHOWN_ROWS),
            )
    else:
        context["summary"] = summary_text(batch.result.get("counts", {}), lang)
    return render(request, "dataentry/import_preview.html", context, status=status)


def import_preview(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, batch = _get_batch(request, org, pk)
    return _preview(request, access, batch)


@require_POST
def import_confirm(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, batch = _get_batch(request, org, pk)
    if batch.status != ImportBatch.Status.PENDING:
        messages.info(request, _("This file has already been dealt with."))
        return redirect("import_preview", org, batch.pk)
    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        try:
            result = _plan_batch(batch, access)
        except TableError:
            result = None
        if result is None or not result.plan.ok or batch.status != ImportBatch.Status.PENDING:
            messages.error(
                request, _("The file can no longer be imported as it is; nothing was saved.")
            )
            return redirect("import_preview", org, batch.pk)
        apply_file_plan(result.plan, user=request.user, filename=batch.filename)
        batch.status = ImportBatch.Status.APPLIED
        batch.applied_at = timezone.now()
        batch.result = {"counts": result.plan.counts, "layout": result.layout}
        batch.save(update_fields=["status", "applied_at", "result"])
    messages.success(
        request,
        _("Imported %(file)s: %(summary)s")
        % {"file": batch.filename, "summary": result.plan.summary(current_lang())},
    )
    return redirect("import_preview", org, batch.pk)


@require_POST
def import_cancel(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, batch = _get_batch(request, org, pk)
    if batch.status == ImportBatch.Status.PENDING:
        batch.status = ImportBatch.Status.REJECTED
        batch.data = b""
        batch.save(update_fields=["status", "data"])
        messages.info(request, _("Import cancelled; nothing was saved."))
    return redirect("import", org)
