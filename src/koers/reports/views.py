"""Report pages: choose, read, print, download; benchmarks; e-mail subscriptions; sharing."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.fields import current_lang
from koers.organisations.access import get_access
from koers.organisations.models import Unit

from . import render as renderers
from .content import LATEST, ReportPeriodError, build_report, period_choices, resolve_period
from .forms import BenchmarkForm, ShareLinkForm, SubscriptionForm, kpis_for_benchmarks
from .models import Benchmark, Grouping, ShareLink, Subscription

NEW_LINK = "koers_new_share_link"  # session key: the token of a link just made, shown once


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


def reports(request: HttpRequest, org: str) -> HttpResponse:
    """Choose a unit, a period and a grouping."""
    access = get_access(request, org)
    if slug := request.GET.get("unit"):
        unit = get_object_or_404(Unit.objects.for_org(access.organisation), slug=slug)
        period, group = _options(request)
        url = reverse("report", args=[org, unit.slug])
        return redirect(f"{url}?{urlencode({'period': period, 'group': group})}")
    context = {
        "units": _unit_tree(access.organisation),
        "period_choices": period_choices(timezone.localdate(), current_lang()),
        "group_choices": Grouping.choices,
    }
    return render(request, "reports/index.html", context)


def _report(request: HttpRequest, org: str, slug: str):
    access = get_access(request, org)
    unit = get_object_or_404(Unit.objects.for_org(access.organisation), slug=slug)
    period, group = _options(request)
    today = timezone.localdate()
    try:
        resolved = resolve_period(period, today)
    except ReportPeriodError:
        messages.warning(request, _("That period cannot be read; showing the latest instead."))
        resolved = resolve_period(LATEST, today)
    report = build_report(access.organisation, unit, resolved, group, current_lang(), today)
    return access, unit, report


def report(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    access, unit, report = _report(request, org, slug)
    context = {
        "report": report,
        "query": urlencode({"period": report.period_key, "group": report.group}),
        "period_choices": period_choices(timezone.localdate(), current_lang()),
        "group_choices": Grouping.choices,
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


# ------------------------------------------------------------------------------------------
# Sharing
# ------------------------------------------------------------------------------------------


def _unit_to_share(request: HttpRequest, org: str, slug: str):
    access = get_access(request, org)
    unit = get_object_or_404(Unit.objects.for_org(access.organisation), slug=slug)
    access.require(access.can_manage_unit(unit.pk))
    return access, unit


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
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    messages.success(request, _("The link no longer works."))
    return redirect("report_shares", org, unit.slug)


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
