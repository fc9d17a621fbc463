"""Report pages: choose, read, print, download; benchmarks; e-mail subscriptions; sharing."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.fields import current_lang
from koers.jobs.models import Job, start_job
from koers.organisations.access import DEFINE, get_access, unit_for
from koers.organisations.models import Unit

from .. import render as renderers
from .. import tasks
from ..content import COMPACT, EDITIONS, FULL, build_report
from ..forms import (
    BenchmarkForm,
    BoardLinkForm,
    ShareLinkForm,
    SubscriptionForm,
    kpis_for_benchmarks,
)
from ..models import Benchmark, BoardLink, Grouping, ShareLink, Subscription
from ..periods import LATEST, ReportPeriodError, period_choices, resolve_period

NEW_LINK = "koers_new_share_link"  # session key: the token of a link just made, shown once
NEW_BOARD = "koers_new_board_link"


def _unit_tree(organisation) -> list[tuple[Unit, str]]:
    units = list(Unit.objects.for_org(organisation).order_by("order", "name"))
    children: dict = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    ordered: list[tuple[Unit, str]] = []

    def walk(parent_id, depth):
        for unit in children.get(parent_id, []):
            ordered.append((unit, "\u00a0\u00a0" * depth))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return ordered


def _options(request: HttpRequest) -> tuple[str, str]:
    period = request.GET.get("period") or LATEST
    group = request.GET.get("group")
    return period, group if group in Grouping.values else Grouping.GOAL


def _edition(request: HttpRequest) -> str:
    edition = request.GET.get("edition")
    return edition if edition in EDITIONS else COMPACT


def reports(request: HttpRequest, org: str) -> HttpResponse:
    """Choose a unit, a period and a grouping."""
    access = get_access(request, org)
    if slug := request.GET.get("unit"):
        unit = access.get_unit(slug)
        period, group = _options(request)
        url = reverse("report", args=[org, unit.slug])
        return redirect(f"{url}?{urlencode({'period': period, 'group': group})}")
    context = {
        "units": _unit_tree(access.organisation),
        "period_choices": period_choices(timezone.localdate(), current_lang()),
        "group_choices": Grouping.choices,
    }
    return render(request, "reports/index.html", context)


def _resolved(request: HttpRequest, period: str):
    today = timezone.localdate()
    try:
        return resolve_period(period, today)
    except ReportPeriodError:
        messages.warning(request, _("That period cannot be read; showing the latest instead."))
        return resolve_period(LATEST, today)


def _report(request: HttpRequest, org: str, slug: str, edition: str = COMPACT):
    access, unit = unit_for(request, org, slug)
    period, group = _options(request)
    resolved = _resolved(request, period)
    report = build_report(
        access.organisation, unit, resolved, group, current_lang(), timezone.localdate(), edition
    )
    return access, unit, report


def report(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    access, unit, report = _report(request, org, slug, _edition(request))
    context = {
        "report": report,
        "query": urlencode({"period": report.period_key, "group": report.group}),
        "period_choices": period_choices(timezone.localdate(), current_lang()),
        "group_choices": Grouping.choices,
        "edition_choices": [(COMPACT, _("compact")), (FULL, _("full, with charts"))],
        "can_share": access.can_manage_unit(unit.pk),
    }
    return render(request, "reports/report.html", context)


def _download(report, fmt: str, inline: bool = False) -> HttpResponse:
    response = HttpResponse(
        renderers.render(report, fmt), content_type=renderers.CONTENT_TYPES[fmt]
    )
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{renderers.filename(report, fmt)}"'
    return response


def report_pdf(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    _access, _unit, report = _report(request, org, slug)
    return _download(report, "pdf")


def report_xlsx(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    _access, _unit, report = _report(request, org, slug)
    return _download(report, "xlsx")


@require_POST
def report_pdf_full(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    """The full edition's PDF (a chart per KPI), rendered in the background: the job page
    says when it is ready and offers the download."""
    access, unit = unit_for(request, org, slug)
    period, group = request.POST.get("period") or LATEST, request.POST.get("group")
    resolved = _resolved(request, period)
    group = group if group in Grouping.values else Grouping.GOAL
    job = start_job(
        tasks.render_report,
        organisation=access.organisation,
        user=request.user,
        kind=tasks.KIND,
        title=_("Report %(unit)s, %(period)s, with charts")
        % {"unit": unit.name, "period": resolved.long_label(current_lang())},
        args=(unit.pk, resolved.key, group, current_lang(), timezone.localdate().isoformat(), FULL),
    )
    return redirect(job.get_absolute_url())


def report_file(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    """The file a report job rendered: for who started it, or an admin."""
    access = get_access(request, org)
    job = get_object_or_404(Job, organisation=access.organisation, kind=tasks.KIND, pk=pk)
    access.require(job.user_id == request.user.pk or access.is_admin)
    path = tasks.stored_file(job)
    if path is None:
        raise Http404(_("This report is not ready (any more)."))
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=job.result.get("filename") or path.name,
        content_type="application/pdf",
    )


# ------------------------------------------------------------------------------------------
# Sharing
# ------------------------------------------------------------------------------------------


def _unit_to_share(request: HttpRequest, org: str, slug: str):
    """The unit whose share and board links the user manages (404 / 403 otherwise)."""
    return unit_for(request, org, slug, DEFINE)


def report_shares(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    access, unit = _unit_to_share(request, org, slug)
    choices = period_choices(timezone.localdate(), current_lang())
    period, group = _options(request)
    form = ShareLinkForm(
        request.POST or None,
        period_choices=choices,
        initial={"period": period, "group": group},
    )
    if request.method == "POST" and form.is_valid():
        link = form.save(commit=False)
        link.organisation, link.unit, link.created_by = access.organisation, unit, request.user
        token = link.issue_token()
        link.save()
        request.session[NEW_LINK] = {"pk": link.pk, "token": token}
        messages.success(request, _("Share link created. Copy it now: it is shown only this once."))
        return redirect("report_shares", org, unit.slug)
    links = (
        ShareLink.objects.for_org(access.organisation)
        .filter(unit=unit)
        .select_related("created_by")
        .prefetch_related("accesses")
    )
    new = request.session.pop(NEW_LINK, None)
    context = {
        "unit": unit,
        "form": form,
        "links": links,
        "today": timezone.localdate(),
        "new_link": new["pk"] if new else None,
        "new_url": request.build_absolute_uri(reverse("shared_report", args=[new["token"]]))
        if new
        else "",
    }
    return render(request, "reports/shares.html", context, status=400 if form.errors else 200)


@require_POST
def report_share_revoke(request: HttpRequest, org: str, slug: str, pk: int) -> HttpResponse:
    access, unit = _unit_to_share(request, org, slug)
    link = get_object_or_404(ShareLink.objects.for_org(access.organisation), unit=unit, pk=pk)
    link.revoke()
    messages.success(request, _("The link no longer works."))
    return redirect("report_shares", org, unit.slug)


# ------------------------------------------------------------------------------------------
# Team boards for a wall screen
# ------------------------------------------------------------------------------------------


def board_links(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    """A unit's board links: make one (shown once), see and revoke them; managers only."""
    access, unit = _unit_to_share(request, org, slug)
    form = BoardLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        link = form.save(commit=False)
        link.organisation, link.unit, link.created_by = access.organisation, unit, request.user
        token = link.issue_token()
        link.save()
        request.session[NEW_BOARD] = {"pk": link.pk, "token": token}
        messages.success(request, _("Board link created. Copy it now: it is shown only this once."))
        return redirect("board_links", org, unit.slug)
    new = request.session.pop(NEW_BOARD, None)
    context = {
        "unit": unit,
        "form": form,
        "links": BoardLink.objects.for_org(access.organisation).filter(unit=unit),
        "today": timezone.localdate(),
        "new_link": new["pk"] if new else None,
        "new_url": request.build_absolute_uri(reverse("board", args=[new["token"]])) if new else "",
    }
    return render(request, "reports/board_links.html", context, status=400 if form.errors else 200)


@require_POST
def board_link_revoke(request: HttpRequest, org: str, slug: str, pk: int) -> HttpResponse:
    access, unit = _unit_to_share(request, org, slug)
    link = get_object_or_404(BoardLink.objects.for_org(access.organisation), unit=unit, pk=pk)
    link.revoke()
    messages.success(request, _("The board link no longer works; the screen shows so at once."))
    return redirect("board_links", org, unit.slug)


# ------------------------------------------------------------------------------------------
# Benchmarks
# ------------------------------------------------------------------------------------------


def benchmarks(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    editable = kpis_for_benchmarks(access)
    form = None
    if access.manages_anything:
        form = BenchmarkForm(request.POST or None, kpis=editable)
    if request.method == "POST":
        access.require(form is not None)
        if form.is_valid():
            benchmark = form.save(commit=False)
            benchmark.organisation = access.organisation
            benchmark.save()
            messages.success(request, _("Benchmark saved."))
            return redirect("benchmarks", org)
    items = Benchmark.objects.for_org(access.organisation).select_related("kpi", "kpi__unit")
    context = {
        "form": form,
        "benchmarks": items,
        "editable_unit_ids": set(editable.values_list("unit_id", flat=True)),
    }
    return render(
        request, "reports/benchmarks.html", context, status=400 if form and form.errors else 200
    )


@require_POST
def benchmark_delete(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access = get_access(request, org)
    benchmark = get_object_or_404(
        Benchmark.objects.for_org(access.organisation).select_related("kpi"), pk=pk
    )
    access.require(access.can_manage_unit(benchmark.kpi.unit_id))
    benchmark.delete()
    messages.success(request, _("Benchmark deleted."))
    return redirect("benchmarks", org)


# ------------------------------------------------------------------------------------------
# Subscriptions (personal)
# ------------------------------------------------------------------------------------------


def subscriptions(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    instance = Subscription(organisation=access.organisation, user=request.user)
    form = SubscriptionForm(
        request.POST or None, instance=instance, organisation=access.organisation
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request, _("Subscribed. The report comes by e-mail once its period has closed.")
        )
        return redirect("subscriptions", org)
    mine = (
        Subscription.objects.for_org(access.organisation)
        .filter(user=request.user)
        .select_related("unit")
        .prefetch_related("sent")
    )
    context = {"form": form, "subscriptions": mine, "email": request.user.email}
    return render(
        request, "reports/subscriptions.html", context, status=400 if form.errors else 200
    )


@require_POST
def subscription_delete(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access = get_access(request, org)
    subscription = get_object_or_404(
        Subscription.objects.for_org(access.organisation).filter(user=request.user), pk=pk
    )
    subscription.delete()
    messages.success(request, _("You no longer receive this report."))
    return redirect("subscriptions", org)
