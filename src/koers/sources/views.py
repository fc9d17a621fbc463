"""Pages of the company's own data: sources, loading a file, the account mapping, defining a
computed KPI with a preview, and the rows behind a computed value."""

from __future__ import annotations

import tempfile
from pathlib import Path

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
from koers.kpis.models import KPI
from koers.organisations.access import get_access
from koers.periods import Period, PeriodError
from koers.sources.computing import (
    computable,
    compute,
    drill_down,
    open_source,
    source_computations,
)
from koers.sources.defining import save_definitions
from koers.sources.errors import LoadError
from koers.sources.forms import DefineForm, UploadForm
from koers.sources.loading import load_file
from koers.sources.mapping import coverage_of, save_mapping
from koers.sources.models import Category, Computation, DataSource


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
    upload = form.cleaned_data["file"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / Path(upload.name).name
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        try:
            result = load_file(
                access.organisation,
                path,
                source_name=form.cleaned_data["source"] or None,
                confirm_company=form.cleaned_data["confirm"],
            )
        except LoadError as error:
            context["error"] = error.message(_lang())
            context["ask_confirm"] = error.code == "other_company"
            return render(request, "sources/index.html", context, status=400)
    compute(source_computations(result.source), user=request.user)
    if result.unchanged:
        messages.info(request, _("This file was loaded before; nothing changed."))
    elif result.replaced_year:
        messages.warning(
            request, LoadError("year_replaced", year=result.replaced_year).message(_lang())
        )
    for warning in result.warnings:
        params = {k: v for k, v in warning.items() if k != "code"}
        messages.warning(request, LoadError(warning["code"], **params).message(_lang()))
    return redirect("source", access.organisation.slug, result.source.pk)


def source(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access = get_access(request, org)
    src = get_object_or_404(DataSource.objects.for_org(access.organisation), pk=pk)
    context = {
        "source": src,
        "snapshots": src.snapshots.order_by("date_from"),
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
