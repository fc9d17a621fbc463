"""Pages of the company's own data: sources, loading a file (upload, see what was read,
confirm; the load runs as a background job), the account mapping, defining a computed KPI
with a preview, and the rows behind a computed value."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.computation.definitions import Definition
from koers.computation.errors import DefinitionError
from koers.computation.queries import compile_definition
from koers.computation.runner import period_values
from koers.jobs.models import start_job
from koers.kpis.models import KPI
from koers.organisations.access import get_access
from koers.organisations.models import Unit
from koers.periods import Period, PeriodError
from koers.sources.computing import (
    cannot_compute,
    computable,
    compute,
    create_unit_kpis,
    drill_down,
    open_source,
    source_computations,
)
from koers.sources.defining import save_definitions
from koers.sources.errors import LoadError
from koers.sources.forms import ConfirmForm, DefineForm, FolderForm, TypesForm, UploadForm
from koers.sources.inspecting import discard, stage
from koers.sources.mapping import coverage_of, save_cost_centres, save_mapping
from koers.sources.models import Category, Computation, DataSource, Kind, PendingLoad
from koers.sources.refreshing import check_folder
from koers.sources.tasks import load_upload, retype


def _lang() -> str:
    return (get_language() or "nl")[:2]


def sources(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    items = DataSource.objects.for_org(access.organisation).prefetch_related("snapshots")
    context = {"sources": items, "form": UploadForm(), "can_load": access.manages_anything}
    return render(request, "sources/index.html", context)


@require_POST
def upload(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    access.require(access.manages_anything)
    form = UploadForm(request.POST, request.FILES)
    items = DataSource.objects.for_org(access.organisation)
    context = {"sources": items, "form": form, "can_load": True}
    if not form.is_valid():
        return render(request, "sources/index.html", context, status=400)
    try:
        pending = stage(
            access.organisation,
            request.user,
            form.cleaned_data["file"],
            form.cleaned_data["source"],
        )
    except LoadError as error:
        context["error"] = error.message(_lang())
        return render(request, "sources/index.html", context, status=400)
    return redirect("source_confirm", access.organisation.slug, pending.pk)


def _pending(request: HttpRequest, org: str, pk: int):
    access = get_access(request, org)
    access.require(access.manages_anything)
    pending = get_object_or_404(PendingLoad, organisation=access.organisation, pk=pk)
    access.require(pending.user_id == request.user.pk or access.is_admin)
    return access, pending


def confirm(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    """What was read from an upload; confirming it loads it as a background job."""
    access, pending = _pending(request, org, pk)
    form = ConfirmForm(pending.preview, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        job = start_job(
            load_upload,
            organisation=access.organisation,
            user=request.user,
            kind="source-load",
            title=_("Loading %(file)s") % {"file": pending.file_name},
            args=(pending.pk, form.types(), form.cleaned_data["other_company"], _lang()),
        )
        return redirect(job.get_absolute_url())
    context = {"pending": pending, "found": pending.preview, "form": form}
    status = 400 if form.is_bound else 200
    return render(request, "sources/confirm.html", context, status=status)


@require_POST
def cancel(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, pending = _pending(request, org, pk)
    discard(pending)
    messages.info(request, _("The file was not loaded."))
    return redirect("sources", access.organisation.slug)


def source(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access = get_access(request, org)
    src = get_object_or_404(DataSource.objects.for_org(access.organisation), pk=pk)
    latest = src.snapshots.order_by("-loaded_at").first()
    retypable = src.kind in (Kind.CSV, Kind.XLSX) and latest and latest.original().exists()
    context = {
        "source": src,
        "snapshots": src.snapshots.order_by("date_from"),
        "cannot": cannot_compute(src),
        "types_form": TypesForm(src.columns) if retypable and access.manages_anything else None,
        "folder_form": FolderForm(initial={"folder": src.folder}) if access.is_admin else None,
        "cost_centres": src.cost_centres.select_related("unit") if src.is_auditfile else [],
        "units": Unit.objects.for_org(access.organisation).order_by("name"),
        "can_admin": access.is_admin,
        "computations": source_computations(src),
        "computable": computable(src),
        "accounts": src.accounts.order_by("number") if src.is_auditfile else [],
        "categories": Category.choices,
        "coverage": coverage_of(src) if src.is_auditfile else None,
        "can_change": access.manages_anything,
        "preview": _preview(src),
    }
    return render(request, "sources/source.html", context)


def _preview(src: DataSource):
    if src.is_auditfile or not src.snapshots.exists():
        return None
    con = open_source(src)
    try:
        cur = con.execute("SELECT * FROM src ORDER BY __row LIMIT 10")
        return {"names": [d[0] for d in cur.description], "rows": cur.fetchall()}
    finally:
        con.close()


@require_POST
def mapping(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access = get_access(request, org)
    access.require(access.manages_anything)
    src = get_object_or_404(DataSource.objects.for_org(access.organisation), pk=pk, kind="xaf")
    save_mapping(src, request.POST)
    compute(source_computations(src), user=request.user)
    messages.success(request, _("Mapping saved; the KPIs were recomputed."))
    return redirect("source", access.organisation.slug, src.pk)


@require_POST
def column_types(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    """Read a table source again with the column types chosen on its page."""
    access = get_access(request, org)
    access.require(access.manages_anything)
    src = get_object_or_404(
        DataSource.objects.for_org(access.organisation), pk=pk, kind__in=[Kind.CSV, Kind.XLSX]
    )
    form = TypesForm(src.columns, request.POST)
    if not form.is_valid():
        for error in form.named_errors():
            messages.error(request, error)
        return redirect("source", access.organisation.slug, src.pk)
    job = start_job(
        retype,
        organisation=access.organisation,
        user=request.user,
        kind="source-types",
        title=_("Reading %(source)s again") % {"source": src.name},
        args=(src.pk, form.all_types(), _lang()),
    )
    return redirect(job.get_absolute_url())


@require_POST
def folder(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    """The folder 'koers data refresh' reads this source from (admins: a server path)."""
    access = get_access(request, org)
    access.require(access.is_admin)
    src = get_object_or_404(DataSource.objects.for_org(access.organisation), pk=pk)
    form = FolderForm(request.POST)
    text = form.cleaned_data["folder"].strip() if form.is_valid() else ""
    try:
        src.folder = str(check_folder(text)) if text else ""
    except LoadError as error:
        messages.error(request, error.message(_lang()))
        return redirect("source", access.organisation.slug, src.pk)
    src.save(update_fields=["folder", "updated_at"])
    messages.success(request, _("Folder saved.") if text else _("Folder cleared."))
    return redirect("source", access.organisation.slug, src.pk)


@require_POST
def cost_centres(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    """Map cost centres to units; the mapped units get the standard KPIs per unit."""
    access = get_access(request, org)
    access.require(access.is_admin)
    src = get_object_or_404(DataSource.objects.for_org(access.organisation), pk=pk, kind="xaf")
    save_cost_centres(src, request.POST)
    if request.POST.get("create"):
        create_unit_kpis(src, _lang(), user=request.user)
    compute(source_computations(src), user=request.user)
    messages.success(request, _("Cost centres saved; the KPIs were recomputed."))
    return redirect("source", access.organisation.slug, src.pk)


def define(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access = get_access(request, org)
    access.require(access.manages_anything)
    src = get_object_or_404(DataSource.objects.for_org(access.organisation), pk=pk)
    if src.is_auditfile:
        raise Http404
    form = DefineForm(request.POST or None)
    context = {"source": src, "form": form, "columns": src.columns}
    if request.method == "POST" and form.is_valid():
        try:
            defn = Definition.from_mapping(form.definition(src.name))
            compiled = compile_definition(defn, src.column_types)
            if "save" in request.POST:
                computations = save_definitions(access.organisation, [defn], user=request.user)
                compute(computations, user=request.user)
                kpi = computations[0].kpi
                messages.success(
                    request, _("KPI %(code)s saved and computed.") % {"code": kpi.code}
                )
                return redirect(kpi.get_absolute_url())
            con = open_source(src)
            try:
                context["values"] = period_values(con, compiled)[-12:]
            finally:
                con.close()
        except DefinitionError as error:
            context["error"] = error.message(_lang())
            return render(request, "sources/define.html", context, status=400)
    return render(request, "sources/define.html", context)


def computed_value(request: HttpRequest, org: str, code: str, period: str) -> HttpResponse:
    access = get_access(request, org)
    kpi = get_object_or_404(KPI.objects.for_org(access.organisation), code=code)
    computation = get_object_or_404(Computation.objects.select_related("source"), kpi=kpi)
    try:
        when = Period.from_key(period)
    except PeriodError:
        raise Http404 from None
    if when.frequency != kpi.period_frequency:
        raise Http404
    names, rows, accounts = drill_down(computation, when)
    measurement = kpi.measurements.filter(period_start=when.start).first()
    context = {
        "kpi": kpi,
        "computation": computation,
        "period": when,
        "measurement": measurement,
        "names": names,
        "rows": rows,
        "accounts": accounts,
        "labels": dict(Category.choices),
    }
    return render(request, "sources/value.html", context)
