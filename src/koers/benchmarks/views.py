"""The organisation's benchmarks page: take part in the peer groups, import published figures."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.organisations.access import Access, get_access

from .forms import BenchmarkFileForm
from .importing import read_file, store
from .models import BenchmarkSet
from .peers import join, leave, takes_part

SHOWN_ROWS = 500


def _get_admin(request: HttpRequest, org: str) -> Access:
    access = get_access(request, org)
    access.require(access.is_admin)
    return access


def _get_pending(request: HttpRequest, org: str, pk: int) -> tuple[Access, BenchmarkSet]:
    access = _get_admin(request, org)
    pending = BenchmarkSet.objects.filter(organisation=access.organisation, pending=True)
    return access, get_object_or_404(pending, pk=pk, imported_by=request.user)


def benchmarks(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    organisation = access.organisation
    sets = BenchmarkSet.objects.visible_to(organisation).select_related("imported_by")
    context = {
        "takes_part": takes_part(organisation),
        "sets": sets[:50],
        "is_admin": access.is_admin,
        "form": BenchmarkFileForm(),
    }
    return render(request, "benchmarks/benchmarks.html", context)


@require_POST
def benchmark_join(request: HttpRequest, org: str) -> HttpResponse:
    access = _get_admin(request, org)
    join(access.organisation, request.user)
    messages.success(request, _("You take part in the peer groups."))
    return redirect("compare", org)


@require_POST
def benchmark_leave(request: HttpRequest, org: str) -> HttpResponse:
    access = _get_admin(request, org)
    leave(access.organisation)
    messages.success(request, _("You no longer take part; your values are out of every figure."))
    return redirect("compare", org)


def benchmark_upload(request: HttpRequest, org: str) -> HttpResponse:
    access = _get_admin(request, org)
    form = BenchmarkFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        pending = BenchmarkSet.objects.create(
            organisation=access.organisation,
            file_name=upload.name[:300],
            imported_by=request.user,
            pending=True,
            data=upload.read(),
        )
        return redirect("compare_preview", org, pending.pk)
    return render(
        request,
        "benchmarks/upload.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def benchmark_preview(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    _access, pending = _get_pending(request, org, pk)
    reading = read_file(bytes(pending.data), pending.file_name)
    context = {
        "pending": pending,
        "reading": reading,
        "rows": reading.rows[:SHOWN_ROWS],
        "hidden": max(len(reading.rows) - SHOWN_ROWS, 0),
    }
    return render(request, "benchmarks/preview.html", context)


@require_POST
def benchmark_confirm(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, pending = _get_pending(request, org, pk)
    reading = read_file(bytes(pending.data), pending.file_name)
    if not reading.ok:
        return redirect("compare_preview", org, pk)
    stored = store(reading, access.organisation, request.user)
    pending.delete()
    messages.success(
        request,
        _("%(figures)s figures imported (%(new)s new, %(replaced)s replaced).")
        % {"figures": len(reading.rows), "new": stored.new, "replaced": stored.replaced},
    )
    return redirect("compare", org)


@require_POST
def benchmark_cancel(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    _access, pending = _get_pending(request, org, pk)
    pending.delete()
    messages.info(request, _("Cancelled; nothing was imported."))
    return redirect("compare", org)
