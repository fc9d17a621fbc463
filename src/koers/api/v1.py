"""Version 1 of the Koers API: read units, KPIs, goals, measurements and trends; write values.

Every endpoint acts for the caller's token: its user's rights in its
organisation (``koers.organisations.access``). Anything of another
organisation is simply not there (404). Writes follow the import's rules
exactly: they go through ``koers.kpis.plan`` (validate all, then all or
nothing) and record history with source "api" and the token's name.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Query, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from koers.benchmarks.comparison import benchmark_for, latest_period
from koers.goals.models import AnnualGoal
from koers.goals.progress import with_progress
from koers.kpis.access import ENTER
from koers.kpis.access import get_kpi as fetch_kpi
from koers.kpis.locks import locked_kpi, locked_kpis
from koers.kpis.models import KPI, Measurement, Source
from koers.kpis.plan import Plan, RowInput, apply_plan, make_plan
from koers.kpis.rollup import inputs_of
from koers.organisations.models import Unit
from koers.periods import Period, PeriodError, period_of

from .auth import Caller, TokenAuth, request_lang
from .schemas import (
    BenchmarkOut,
    BulkItem,
    Conflict,
    Error,
    Forbidden,
    GoalOut,
    KPIOut,
    MeasurementIn,
    MeasurementOut,
    SingleWriteResult,
    TrendOut,
    UnitOut,
    ValidationErrors,
    WriteResult,
)
from .trendresult import trend_result

MAX_BULK = 10_000
MAX_LOCKED = 1_000  # KPI texts of a bulk write read and locked up front (by code)

DESCRIPTION = """\
Read a Koers organisation's units, KPIs, annual goals, measurements and trend verdicts, and
write measurements. Authenticate with a personal API token (`Authorization: Bearer <token>`),
made on the *API tokens* page or with `koers token create`; the token acts with its user's
rights in its organisation.

Values are exact decimals written as strings (`"1234.5"`); periods are keys (`"2025-01"`,
`"2025-W07"`, `"2025-Q1"`, `"2025"`). Messages follow `Accept-Language` (nl, en) or `?lang=`.
"""

api = NinjaAPI(
    title="Koers API",
    version="1",
    description=DESCRIPTION,
    auth=TokenAuth(),
    docs_url=None,
    urls_namespace="api-v1",
)

READ = {400: ValidationErrors, 401: Error, 404: Error}
WRITE = {400: ValidationErrors, 401: Error, 403: Forbidden, 404: Error, 409: Conflict}
CODE = Path(..., description="The KPI's code, e.g. PW-1.")
PERIOD = Path(..., description="A period key: 2025-01, 2025-W07, 2025-Q1 or 2025.")
DECIMAL_DOC = 'Decimal separator for numbers given as text that can be read two ways ("1.234").'


# --------------------------------------------------------------------------------------------
# Errors: one JSON shape, in the caller's language
# --------------------------------------------------------------------------------------------


class ApiError(Exception):
    def __init__(self, status: int, code: str, detail: str, **extra) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail, self.extra = status, code, detail, extra


def _error(request: HttpRequest, status: int, code: str, detail, **extra):
    with translation.override(request_lang(request)):
        body = {"detail": str(detail), "code": code, **extra}
    response = api.create_response(request, body, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="koers"'
    return response


@api.exception_handler(ApiError)
def _api_error(request, exc: ApiError):
    return _error(request, exc.status, exc.code, exc.detail, **exc.extra)


@api.exception_handler(AuthenticationError)
def _unauthorised(request, exc):
    with translation.override(request_lang(request)):
        detail = _("A valid API token is required: send 'Authorization: Bearer <token>'.")
    return _error(request, 401, "unauthorized", detail)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    """ninja's own refusals, e.g. a body that is not JSON, in the API's error shape."""
    if exc.status_code != 400:
        return _error(request, exc.status_code, "error", str(exc))
    with translation.override(request_lang(request)):
        error = {
            "index": None,
            "field": "body",
            "code": "json_invalid",
            "text": "",
            "message": _("The request body is not valid JSON."),
        }
        detail = _("The request is not valid; nothing was saved.")
    return _error(request, 400, "invalid", detail, errors=[error])


@api.exception_handler(Http404)
def _not_found(request, exc):
    with translation.override(request_lang(request)):
        return _error(request, 404, "not_found", _("Not found."))


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    with translation.override(request_lang(request)):
        detail = _("Your rights do not allow this.")
    return _error(request, 403, "forbidden", detail, kpis=[])


def _location(loc) -> tuple[int | None, str]:
    """(item index, field) from a pydantic error location like ('body', 'items', 3, 'value')."""
    parts = [p for p in loc if p not in ("body", "query", "path", "items", "payload")]
    index = next((p for p in parts if isinstance(p, int)), None)
    names = [str(p) for p in parts if not isinstance(p, int)]
    return index, names[0] if names else "body"


@api.exception_handler(NinjaValidationError)
def _invalid(request, exc: NinjaValidationError):
    lang = request_lang(request)
    with translation.override(lang):
        errors = []
        for item in exc.errors:
            index, field = _location(item.get("loc", ()))
            kind = item.get("type", "")
            if kind == "missing":
                message = _("This field is required.")
            elif kind == "json_invalid":
                message = _("The request body is not valid JSON.")
            else:
                message = _("This value is not valid here.")
            value = item.get("input", "")
            text = value if isinstance(value, str) else ""
            errors.append(
                {"index": index, "field": field, "code": kind, "text": text, "message": message}
            )
        detail = _("The request is not valid; nothing was saved.")
    return _error(request, 400, "invalid", detail, errors=errors)


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _caller(request: HttpRequest) -> Caller:
    return request.auth


def _plain(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _period_param(request: HttpRequest, kpi: KPI, name: str, text: str | None) -> Period | None:
    if text is None or text == "":
        return None
    try:
        return period_of(text, kpi.frequency)
    except PeriodError as error:
        lang = request_lang(request)
        with translation.override(lang):
            detail = _("The request is not valid; nothing was saved.")
        raise ApiError(
            400,
            "invalid",
            detail,
            errors=[
                {
                    "index": None,
                    "field": name,
                    "code": "period." + error.code,
                    "text": text,
                    "message": error.message(lang),
                }
            ],
        ) from None


def unit_out(unit: Unit, slugs: dict[int, str]) -> dict:
    return {
        "slug": unit.slug,
        "name": unit.name,
        "kind": unit.kind,
        "parent": slugs.get(unit.parent_id),
        "purpose": unit.purpose,
    }


NO_PROGRESS = {"year_to_date": None, "target": None, "projection": None, "status": None}


def rollup_out(kpi: KPI) -> dict | None:
    if not kpi.rollup_rule:
        return None
    return {
        "rule": kpi.rollup_rule,
        # a formula's children are the codes it names, however it was saved
        "children": inputs_of(kpi) if kpi.rollup_rule == "formula" else list(kpi.rollup_children),
        "formula": kpi.rollup_formula or None,
    }


def kpi_out(kpi: KPI) -> dict:
    return {
        "code": kpi.code,
        "name": kpi.name,
        "unit": kpi.unit.slug,
        "definition": kpi.definition,
        "purpose": kpi.purpose,
        "unit_of_measure": kpi.unit_of_measure,
        "symbol": kpi.symbol,
        "decimals": kpi.decimals,
        "frequency": kpi.frequency,
        "direction": kpi.direction,
        "area": kpi.area,
        "status": kpi.status,
        "importance": kpi.importance,
        "target": _plain(kpi.target),
        "minimum": _plain(kpi.minimum),
        "maximum": _plain(kpi.maximum),
        "aggregation": kpi.aggregation,
        "rollup": rollup_out(kpi),
        "parent": kpi.parent.code if kpi.parent_id else None,
        "revision": kpi.revision,
    }


def measurement_out(kpi: KPI, m: Measurement) -> dict:
    return {
        "kpi": kpi.code,
        "period": kpi.period_of(m.period_start).key,
        "start": m.period_start,
        "value": _plain(m.value),
        "comment": m.comment,
        "updated_at": m.updated_at,
    }


def _plan_errors(request: HttpRequest, plan: Plan) -> None:
    """Raise the plan's problems: 403 for KPIs without the right, else 400 with every error;
    when there are only plausibility warnings, 400 with the first one's code (confirmable)."""
    lang = request_lang(request)
    if plan.forbidden:
        raise ApiError(403, "forbidden", plan.forbidden_message(lang), kpis=list(plan.forbidden))
    problems = plan.errors or plan.warnings
    if problems:
        errors = [
            {
                "index": e.row,
                "field": e.role or e.column,
                "code": e.code,
                "text": e.text,
                "message": e.reason(lang),
            }
            for e in problems
        ]
        codes = [e.code for e in problems]
        code = codes[0] if all(c.startswith("plausibility.") for c in codes) else "invalid"
        confirmable = not plan.errors
        with translation.override(lang):
            if confirmable:
                detail = _(
                    "Some values look implausible; nothing was saved. Check them, and send "
                    '"confirm": true to save them anyway.'
                )
            else:
                detail = _("The request is not valid; nothing was saved.")
        raise ApiError(400, code, detail, errors=errors, confirmable=confirmable)


def _check_revision(request, kpi: KPI, sent: int | None, period=None, index=None) -> None:
    """409 when the caller started from an older revision of the KPI than the stored one
    (``kpi`` read with its row locked: its revision is the stored one)."""
    if sent is None:
        return
    current = kpi.revision
    if current == sent:
        return
    stored = None
    if period is not None:
        found = period_or_none(kpi, period)
        m = found and kpi.measurements.filter(period_start=found.start).first()
        stored = measurement_out(kpi, m) if m else None
    with translation.override(request_lang(request)):
        detail = _(
            "KPI %(code)s changed after revision %(sent)s (now %(now)s); nothing was saved. "
            "Read it again, or send revision %(now)s to overwrite."
        ) % {"code": kpi.code, "sent": sent, "now": current}
    raise ApiError(
        409,
        "conflict",
        detail,
        kpi=kpi.code,
        revision=current,
        sent_revision=sent,
        index=index,
        current=stored,
    )


def period_or_none(kpi: KPI, text) -> Period | None:
    try:
        return period_of(text, kpi.frequency)
    except PeriodError:
        return None


def _write(request: HttpRequest, plan: Plan) -> dict:
    _plan_errors(request, plan)
    caller = _caller(request)
    summary = apply_plan(plan, user=caller.user, source=Source.API, detail=caller.token.name)
    return {
        "created": summary.created,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "deleted": summary.deleted,
        "skipped": plan.empty,
    }


# --------------------------------------------------------------------------------------------
# Units, KPIs, goals
# --------------------------------------------------------------------------------------------


@api.get("/units", response={200: list[UnitOut], **READ}, tags=["units"], summary="List units")
def list_units(request):
    """Every unit of the organisation (the company, departments, teams), top down."""
    units = list(Unit.objects.for_org(_caller(request).organisation))
    slugs = {u.pk: u.slug for u in units}
    return [unit_out(u, slugs) for u in units]


@api.get("/kpis", response={200: list[KPIOut], **READ}, tags=["kpis"], summary="List KPIs")
def list_kpis(
    request,
    unit: str | None = Query(None, description="Only this unit's KPIs (unit slug)."),
    status: Literal["draft", "active", "retired"] | None = Query(
        None, description="Only KPIs with this status."
    ),
):
    """The organisation's KPIs; everyone in the organisation may read every KPI."""
    kpis = KPI.objects.for_org(_caller(request).organisation).select_related("unit", "parent")
    if unit:
        kpis = kpis.filter(unit__slug=unit)
    if status:
        kpis = kpis.filter(status=status)
    return [kpi_out(k) for k in kpis]


@api.get("/kpis/{code}", response={200: KPIOut, **READ}, tags=["kpis"], summary="Get one KPI")
def get_kpi(request, code: str = CODE):
    """One KPI by its code."""
    return kpi_out(fetch_kpi(_caller(request).access, code))


@api.get("/goals", response={200: list[GoalOut], **READ}, tags=["goals"], summary="List goals")
def list_goals(
    request,
    year: int | None = Query(None, ge=1, le=9999, description="Only goals for this year."),
    unit: str | None = Query(None, description="Only this unit's goals (unit slug)."),
):
    """Annual goals (jaardoelen) with the KPIs that show their progress."""
    goals = (
        AnnualGoal.objects.for_org(_caller(request).organisation)
        .select_related("unit", "target_kpi")
        .prefetch_related("kpis")
    )
    if year is not None:
        goals = goals.filter(year=year)
    if unit:
        goals = goals.filter(unit__slug=unit)
    return [
        {
            "id": g.pk,
            "year": g.year,
            "unit": g.unit.slug,
            "title": g.title,
            "description": g.description,
            "serves_mission": g.serves_mission,
            "kpis": sorted(k.code for k in g.kpis.all()),
            "target_kpi": g.target_kpi.code if g.target_kpi_id else None,
            "target_value": _plain(g.target_value),
            "progress": p.as_dict() if p is not None else NO_PROGRESS,
        }
        for g, p in with_progress(goals)
    ]


# --------------------------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------------------------


@api.get(
    "/kpis/{code}/measurements",
    response={200: list[MeasurementOut], **READ},
    tags=["measurements"],
    summary="List a KPI's measurements",
)
def list_measurements(
    request,
    code: str = CODE,
    from_: str | None = Query(None, alias="from", description="First period key, e.g. 2025-01."),
    to: str | None = Query(None, description="Last period key, e.g. 2025-12."),
):
    """A KPI's values in period order, optionally from and/or to a period (inclusive)."""
    kpi = fetch_kpi(_caller(request).access, code)
    first = _period_param(request, kpi, "from", from_)
    last = _period_param(request, kpi, "to", to)
    rows = kpi.measurements.order_by("period_start")
    if first is not None:
        rows = rows.filter(period_start__gte=first.start)
    if last is not None:
        rows = rows.filter(period_start__lte=last.start)
    return [measurement_out(kpi, m) for m in rows]


@api.post(
    "/kpis/{code}/measurements",
    response={200: SingleWriteResult, **WRITE},
    tags=["measurements"],
    summary="Enter or correct one value",
)
def post_measurement(
    request,
    payload: MeasurementIn,
    code: str = CODE,
    decimal: Literal[",", "."] | None = Query(None, description=DECIMAL_DOC),
):
    """Store one value for one period of the KPI (new or corrected); same rules as the import."""
    access = _caller(request).access
    row = RowInput(0, "", payload.period, payload.value, payload.comment, confirmed=payload.confirm)
    with locked_kpi(access, code, ENTER) as kpi:  # the revision check and the write as one
        _check_revision(request, kpi, payload.revision, payload.period)
        plan = make_plan(kpi.organisation, [row], access=access, kpi=kpi, decimal=decimal)
        result = _write(request, plan)
    stored = None
    if plan.changes:
        start = plan.changes[0].period.start
        m = kpi.measurements.filter(period_start=start).order_by().first()  # no ordering join
        stored = measurement_out(kpi, m) if m else None
    return {**result, "measurement": stored}


@api.post(
    "/measurements/bulk",
    response={200: WriteResult, **WRITE},
    tags=["measurements"],
    summary="Write many values, all or nothing",
)
def post_bulk(
    request,
    items: list[BulkItem],
    decimal: Literal[",", "."] | None = Query(None, description=DECIMAL_DOC),
    confirm: bool = Query(False, description="Confirm every item (see an item's confirm)."),
):
    """Check every item first; when any is wrong nothing is written and every error is listed
    with the item's position (index). Otherwise everything is written in one transaction.
    Items with an empty value are skipped."""
    caller = _caller(request)
    access = caller.access
    if not (access.is_admin or access.managed_unit_ids or access.member_unit_ids):
        raise PermissionDenied
    if len(items) > MAX_BULK:
        lang = request_lang(request)
        with translation.override(lang):
            detail = _("At most %(n)s items per request.") % {"n": MAX_BULK}
        raise ApiError(400, "invalid", detail, errors=[])
    rows = [
        RowInput(
            i, item.kpi, item.period, item.value, item.comment, confirmed=confirm or item.confirm
        )
        for i, item in enumerate(items)
    ]
    # Every KPI named by its code, read and locked at once: the revision checks, the plan and
    # the write as one (a KPI named otherwise is found by the plan, not locked).
    codes = {item.kpi for item in items} | {" ".join(item.kpi.split()) for item in items}
    if len(codes) > MAX_LOCKED:  # a list of that many texts is mostly not codes: as before
        codes = {item.kpi for item in items if item.revision is not None}
    named = KPI.objects.for_org(caller.organisation).filter(code__in=codes).select_related("unit")
    with locked_kpis(named) as found:
        kpis = {k.code: k for k in found}
        _check_bulk_revisions(request, kpis, items)
        plan = make_plan(caller.organisation, rows, access=access, decimal=decimal, kpis=found)
        return _write(request, plan)


def _check_bulk_revisions(request, kpis: dict[str, KPI], items: list[BulkItem]) -> None:
    for index, item in enumerate(items):
        if item.revision is not None and item.kpi in kpis:
            _check_revision(request, kpis[item.kpi], item.revision, item.period, index)


@api.delete(
    "/kpis/{code}/measurements/{period}",
    response={204: None, **WRITE},
    tags=["measurements"],
    summary="Delete one value",
)
def delete_measurement(
    request,
    code: str = CODE,
    period: str = PERIOD,
    revision: int | None = Query(None, description="The KPI's revision you started from."),
):
    """Delete the KPI's value for the period (a period key such as 2025-01). With
    ``revision``, 409 when the KPI changed since."""
    with locked_kpi(_caller(request).access, code, ENTER) as kpi:  # checked and written as one
        _check_revision(request, kpi, revision, period)
        try:
            found = Period.from_key(period)
        except PeriodError:
            raise Http404 from None
        if found.frequency != kpi.frequency:
            raise Http404
        get_object_or_404(kpi.measurements, period_start=found.start)
        # The DELETE itself is the confirmation that the value is to be cleared.
        row = RowInput(0, "", found, None, clear=True, confirmed=True)
        plan = make_plan(kpi.organisation, [row], access=_caller(request).access, kpi=kpi)
        _write(request, plan)
    return Status(204, None)


# --------------------------------------------------------------------------------------------
# Trend
# --------------------------------------------------------------------------------------------


@api.get(
    "/kpis/{code}/trend", response={200: TrendOut, **READ}, tags=["trend"], summary="Trend verdict"
)
def get_trend(request, code: str = CODE):
    """The KPI's trend verdict (improving, deteriorating, stable or insufficient data), why,
    and the full analysis: process limits, signals, Mann-Kendall drift, Sen slope."""
    kpi = fetch_kpi(_caller(request).access, code)
    return trend_result(kpi, request_lang(request))


@api.get(
    "/kpis/{code}/benchmark",
    response={200: BenchmarkOut, **READ},
    tags=["trend"],
    summary="Benchmarks",
)
def get_benchmark(request, code: str = CODE, period: str | None = None):
    """Imported sector figures and the peer group of this install for one period (median,
    quartiles, n, your rank); never another organisation's name or value. Second to the
    trend, never instead of it."""
    kpi = fetch_kpi(_caller(request).access, code)
    shown = _period_param(request, kpi, "period", period) or latest_period(kpi)
    benchmark = benchmark_for(kpi, shown)
    sector = benchmark.peers.sector if benchmark.peers else None
    return {**benchmark.as_dict(), "sector_peers": sector.as_dict() if sector else None}


__all__ = ["api"]
