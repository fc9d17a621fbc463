"""Import on the web: upload, preview every row, confirm.

The file is parsed once, when it is uploaded (``importing.check_batch``); the preview is
drawn from what that kept and the confirmation writes the kept rows. Large files are checked
and written as background jobs, whose progress the preview page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.fields import current_lang
from koers.jobs.models import start_job
from koers.organisations.access import Access, get_access
from koers.periods import period_of

from ..forms import ImportForm
from ..importing import SHOWN_ROWS, apply_batch, check_batch, stored_errors
from ..models import ImportBatch
from ..plan import Plan, summary_text
from ..tables import TableError
from ..tasks import apply_import, check_import

INLINE_BYTES = 256 * 1024  # larger files are checked in a background job
INLINE_ROWS = 5_000  # files with more rows are written in a background job


def can_enter_any(access: Access) -> bool:
    return access.is_admin or bool(access.managed_unit_ids or access.member_unit_ids)


def _get_importer(request: HttpRequest, org: str) -> Access:
    access = get_access(request, org)
    access.require(can_enter_any(access))
    return access


def _get_batch(request: HttpRequest, org: str, pk: int) -> tuple[Access, ImportBatch]:
    access = _get_importer(request, org)
    batches = ImportBatch.objects.for_org(access.organisation).select_related("kpi", "job")
    return access, get_object_or_404(batches.defer("data", "rows"), pk=pk, user=request.user)


def _start(task, request, access, batch: ImportBatch, kind: str) -> None:
    job = start_job(
        task, organisation=access.organisation, user=request.user, kind=kind,
        title=batch.filename, args=[batch.pk, current_lang()],
    )  # fmt: skip
    ImportBatch.objects.filter(pk=batch.pk).update(job=job)


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
        if upload.size > INLINE_BYTES:
            _start(check_import, request, access, batch, "import-check")
        else:
            check_batch(batch.pk, access)
        return redirect("import_preview", org, batch.pk)
    recent = ImportBatch.objects.for_org(access.organisation).filter(user=request.user)
    return render(
        request,
        "dataentry/import.html",
        {"form": form, "recent": recent.defer("data", "rows")[:10]},
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


def _change_row(c: dict, lang: str) -> PreviewRow:
    old = None if c["old"] is None else Decimal(c["old"])
    new = Decimal(c["new"])
    period = period_of(c["period"], c["frequency"]).label(lang)
    places = _places(c["decimals"], old, new)
    return PreviewRow(c["row"], c["status"], c["kpi"], period, old, new, places)


def _preview_rows(preview: dict, lang: str) -> tuple[list[PreviewRow], int]:
    """The rows to show (errors first within a row, then file order) and how many are not."""
    rows = [_change_row(c, lang) for c in preview.get("changes", [])]
    rows += [
        PreviewRow(e.row, "error", column=e.column_name(lang), reason=e.reason(lang))
        for e in stored_errors(preview)
    ]
    rows.sort(key=lambda r: (r.row, r.status != "error"))
    total = preview.get("change_count", 0) + preview.get("error_count", 0)
    return rows[:SHOWN_ROWS], max(0, total - min(len(rows), SHOWN_ROWS))


def _busy(batch: ImportBatch) -> bool:
    return batch.job is not None and not batch.job.finished


def _preview_context(batch: ImportBatch, lang: str) -> dict:
    preview = batch.result
    context = {"batch": batch, "file_error": None, "result": None, "job": None}
    if _busy(batch):
        context["job"] = batch.job
    elif "file_error" in preview:
        error = preview["file_error"]
        context["file_error"] = TableError(error["code"], **error["params"]).message(lang)
    elif batch.status != ImportBatch.Status.PENDING:
        context["summary"] = summary_text(preview.get("counts", {}), lang)
    elif preview:
        rows, hidden = _preview_rows(preview, lang)
        forbidden = preview.get("forbidden", [])
        context.update(
            result=preview, ok=preview["ok"], error_count=preview.get("error_count", 0),
            summary=summary_text(preview["counts"], lang), rows=rows, hidden=hidden,
            forbidden=Plan(forbidden=forbidden).forbidden_message(lang) if forbidden else "",
        )  # fmt: skip
    elif batch.job is not None:
        context["job"] = batch.job  # the check failed: show why
    return context


def import_preview(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, batch = _get_batch(request, org, pk)
    context = _preview_context(batch, current_lang())
    return render(request, "dataentry/import_preview.html", context)


@require_POST
def import_confirm(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, batch = _get_batch(request, org, pk)
    if batch.status != ImportBatch.Status.PENDING or _busy(batch):
        messages.info(request, _("This file has already been dealt with."))
        return redirect("import_preview", org, batch.pk)
    if batch.result.get("rows", 0) > INLINE_ROWS:
        _start(apply_import, request, access, batch, "import-apply")
        batch.refresh_from_db(fields=["status"])
        if batch.status == ImportBatch.Status.PENDING:
            messages.info(request, _("The import runs in the background; this page shows how far."))
        return redirect("import_preview", org, batch.pk)
    applied, plan = apply_batch(batch.pk, access, request.user)
    if not applied:
        messages.error(
            request, _("The file can no longer be imported as it is; nothing was saved.")
        )
        return redirect("import_preview", org, batch.pk)
    messages.success(
        request,
        _("Imported %(file)s: %(summary)s")
        % {"file": batch.filename, "summary": plan.summary(current_lang())},
    )
    return redirect("import_preview", org, batch.pk)


@require_POST
def import_cancel(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, batch = _get_batch(request, org, pk)
    if batch.status == ImportBatch.Status.PENDING and not _busy(batch):
        batch.status = ImportBatch.Status.REJECTED
        batch.data = batch.rows = b""
        batch.save(update_fields=["status", "data", "rows"])
        messages.info(request, _("Import cancelled; nothing was saved."))
    return redirect("import", org)
