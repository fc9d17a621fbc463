"""Unit pages, KPI pages, the KPI forms and entering values on a KPI."""

from __future__ import annotations

from datetime import date
from html import escape as html_escape

from django.contrib import messages
from django.db.models import Count, Window
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.fields import current_lang
from koers.goals.models import AnnualGoal
from koers.meetings.agenda import kpis_without_action
from koers.numbers import format_number
from koers.organisations.access import Access, get_access
from koers.organisations.attention import attention_of_unit
from koers.organisations.models import Unit, with_known
from koers.periods import Period, PeriodError, last_finished
from koers.trends import concerns
from koers.trends.display import display_of, displays
from koers.widgets import FORM_FIELDS_HTML, form_fields_html

from . import changes
from .access import DEFINE, ENTER, kpi_for, unit_for
from .forms import KPIForm, MeasurementForm, RollupForm, TargetForm, expected_value, value_version
from .locks import locked_kpi
from .models import KPI, MeasurementChange, Source, Status, UnitOfMeasure
from .plan import RowInput, apply_plan, make_plan
from .templatetags.kpis import verdict as verdict_badge


def unit_kpis(request: HttpRequest, org: str, slug: str) -> HttpResponse:
    access, unit = unit_for(request, org, slug)
    show_retired = request.GET.get("retired") == "1"
    kpis = KPI.objects.for_org(access.organisation).filter(unit=unit).listed()
    kpis = with_known(kpis, "unit", [unit]).with_series()
    kpis = kpis if show_retired else kpis.current()
    shown = displays(kpis)
    can_enter = access.can_enter_data(unit.pk)
    children = list(unit.children.all())
    attention = attention_of_unit(unit, shown, None if children else [unit.pk])
    context = {
        "unit": unit,
        "ancestors": unit.ancestors(),
        "children": children,
        "kpis": shown,
        "attention": attention,
        "kpi_rows": _unit_rows(access, shown, can_enter, attention),
        "show_retired": show_retired,
        "retired_count": KPI.objects.filter(unit=unit).retired().count(),
        "goals": AnnualGoal.objects.filter(unit=unit).order_by("-year")[:10],
        "can_define": access.can_manage_unit(unit.pk),
        "can_enter": can_enter,
        "entry_period": last_finished("month", date.today()).key,
    }
    return render(request, "kpis/unit.html", context)


def _flagged(shown: list, attention) -> set[int]:
    """The ``id`` of each display getting worse without an open improvement action
    (``meetings.agenda.kpis_without_action``), from what the attention list read of them."""
    bad = [d for d in shown if d.verdict == "deteriorating" and not d.kpi.is_retired]
    if not {d.kpi.pk for d in bad} <= {w.kpi.pk for w in attention.worsening}:
        return {id(d) for d in kpis_without_action(shown)}
    return {id(d) for d in bad if d.kpi.pk not in attention.open_action_kpi_ids}


def _unit_rows(access: Access, shown: list, can_enter: bool, attention):
    """The rows of the unit page's KPI table, written here rather than by a template loop
    (thirty rows of lookups, filters and tags were a third of the page); the same HTML."""
    if not shown:
        return ""
    lang = current_lang()
    flagged = _flagged(shown, attention)
    concerned = concerns.unopened(d.kpi.pk for d in shown)
    concern = html_escape(_("New signal of concern"))
    worse = html_escape(_("Getting worse, and no improvement action is open."))
    decide = html_escape(_("Decide an action"))
    action_url = html_escape(reverse("action_create", args=[access.organisation.slug]))
    statuses = _labels(KPI._meta.get_field("status"))
    measures = {value: str(label) for value, label in UnitOfMeasure.choices}
    rows = []
    for d in shown:
        kpi = d.kpi
        code = html_escape(kpi.code)
        url = html_escape(kpi.get_absolute_url())
        row = (
            f'\n      <tr data-kpi="{code}">\n        <td><a href="{url}">{html_escape(kpi.name)}'
            f'</a> <span class="muted small">{code}</span>\n          '
        )
        if kpi.status != "active":
            label = statuses.get(kpi.status) or html_escape(str(kpi.get_status_display()))
            row += f'<span class="badge {html_escape(kpi.status)}">{label}</span>'
        row += "\n          "
        if kpi.pk in concerned:
            row += f'<span class="badge deteriorating concern-mark">⚠ {concern}</span>'
        latest = d.latest
        if latest:
            decimals = None if kpi.decimals in (None, "") else int(kpi.decimals)
            value = latest.value
            value = "" if value in (None, "") else html_escape(format_number(value, decimals, lang))
            if reported := d.latest_reported:
                value += render_to_string("trends/_reported.html", {"reported": reported})
            period = html_escape(kpi.period_of(latest.period_start).label(lang))
        else:
            value, period = '<span class="muted">—</span>', ""
        measure = kpi.symbol or measures.get(kpi.unit_of_measure, kpi.unit_of_measure)
        row += (
            f'</td>\n        <td class="num">{value}</td>\n'
            f'        <td class="nowrap">{period}</td>\n'
            f"        <td>{html_escape(str(measure))}</td>\n"
            f"        <td>{d.sparkline}</td>\n"
            f'        <td class="trend-cell">{verdict_badge(d.trend)}\n          '
        )
        if id(d) in flagged:
            row += f'<p class="small nudge"><strong>⚠ {worse}</strong>'
            if can_enter:
                row += f' <a href="{action_url}?kpi={code}">{decide}</a>'
            row += "</p>"
        rows.append(row + "</td>\n      </tr>\n    ")
    return mark_safe("".join(rows))  # noqa: S308 (every value above is escaped)


VALUES_SHOWN = 24


def _with_unit(text: str, kpi: KPI) -> str:
    """The ``num`` and ``with_unit`` filters: `12,5 %`, `€ 1.234`."""
    symbol = kpi.symbol
    if not text or not symbol:
        return text
    return f"€ {text}" if kpi.unit_of_measure == "euro" else f"{text} {symbol}"


def _short_datetimes():
    """``value|date:"SHORT_DATETIME_FORMAT"`` (in local time) as a function, for many rows: the
    format looked up once, Koers' own two formats written directly (a tenth of the filter)."""
    fmt = get_format("SHORT_DATETIME_FORMAT")
    if fmt == "d-m-Y H:i":
        return lambda v: _dmy_hm(template_localtime(v))
    if fmt == "Y-m-d H:i":
        return lambda v: _ymd_hm(template_localtime(v))
    return lambda v: dateformat.format(template_localtime(v), fmt)


def _dmy_hm(v) -> str:
    return f"{v.day:02d}-{v.month:02d}-{v.year:04d} {v.hour:02d}:{v.minute:02d}"


def _ymd_hm(v) -> str:
    return f"{v.year:04d}-{v.month:02d}-{v.day:02d} {v.hour:02d}:{v.minute:02d}"


def _labels(field) -> dict[str, str]:
    """``get_FOO_display`` of a choices field, escaped, per value (a row's own lookup per row
    costs a translation and a hash of the choices)."""
    return {value: escape(str(label)) for value, label in field.flatchoices}


def _numbers(kpi: KPI):
    """``format_number`` of the KPI's values in the current language, each distinct value
    written once: the values table and the history show the same numbers (keyed by the text of
    the value: 1.0 and 1.00 differ when the KPI keeps each value's own places)."""
    decimals = None if kpi.decimals in (None, "") else int(kpi.decimals)
    lang, written = current_lang(), {}

    def write(value) -> str:
        key = str(value)
        text = written.get(key)
        if text is None:
            text = written[key] = format_number(value, decimals, lang)
        return text

    return write


def _esc(text) -> str:
    """``django.utils.html.escape`` without its wrapper for lazy text (the same characters
    escaped): the two tables below escape some 300 values per page."""
    return html_escape(str(text))


def _csrf_input(request) -> str:
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{_esc(get_token(request))}">'


def _value_rows(
    request, access: Access, kpi: KPI, display, measurements, can_enter: bool, numbers=None
):
    """The rows of the values table, written here rather than by a template loop (24 rows of
    filters, an include, a URL and a form each were a tenth of the page); the same HTML."""
    lang = current_lang()
    numbers = numbers or _numbers(kpi)
    correct, delete_text = _esc(_("Correct")), _esc(_("Delete"))
    csrf = _csrf_input(request)
    delete = reverse("value_delete", args=[access.organisation.slug, kpi.code, "PERIOD"])
    delete_url = _esc(delete)
    short_datetime = _short_datetimes()
    provisional = display.provisional
    rows = []
    for m in measurements:
        period = kpi.period_of(m.period_start)
        value = "" if m.value in (None, "") else numbers(m.value)
        value = _esc(_with_unit(value, kpi))
        if reported := provisional.get(m.period_start):
            value += render_to_string("trends/_reported.html", {"reported": reported})
        changed = _esc(short_datetime(m.updated_at))
        if m.updated_by:
            changed += f" · {_esc(m.updated_by.get_username())}"
        row = (
            f'\n      <tr><td class="nowrap">{_esc(period.label(lang))}</td>\n'
            f'      <td class="num">{value}</td>\n'
            f"      <td>{_esc(m.comment)}</td>\n"
            f'      <td class="small muted">{changed}</td>\n      '
        )
        if can_enter:
            key = _esc(period.key)
            row += (
                f'<td class="nowrap"><a class="button small" href="?period={key}#enter">'
                f"{correct}</a>\n"
                f'        <form class="inline" method="post" '
                f'action="{delete_url.replace("PERIOD", key)}">{csrf}'
                f'<button class="small">{delete_text}</button></form></td>'
            )
        rows.append(row + "\n      </tr>")
    return mark_safe("".join(rows))  # noqa: S308 (every value above is escaped)


def _change_rows(request, access: Access, kpi: KPI, value_changes, can_enter: bool, numbers=None):
    """The rows of the history of the KPI's values, written here like ``_value_rows``."""
    lang = current_lang()
    numbers = numbers or _numbers(kpi)
    comment = _esc(_("comment"))
    csrf = _csrf_input(request)
    short_datetime = _short_datetimes()
    actions = _labels(MeasurementChange._meta.get_field("action"))
    sources = _labels(MeasurementChange._meta.get_field("source"))
    restore = reverse("value_restore", args=[access.organisation.slug, kpi.code, 0])
    before, _zero, after = restore.rpartition("/0/")

    def number(value) -> str:
        return "—" if value is None else _esc(numbers(value))

    rows = []
    for c in value_changes:
        at = _esc(short_datetime(c.at))
        who = _esc(c.user.get_username()) if c.user else "—"
        action = actions.get(c.action) or _esc(c.action)
        change = f"{action}: {number(c.old_value)} → {number(c.new_value)}"
        if c.new_comment != c.old_comment:
            change += f' <span class="muted small">({comment}: “{_esc(c.new_comment)}”)</span>'
        source = sources.get(c.source) or _esc(c.source)
        if c.source_detail:
            source += f" · {_esc(c.source_detail)}"
        row = (
            f'<tr>\n      <td class="nowrap small">{at}</td>\n'
            f"      <td>{who}</td>\n"
            f'      <td class="nowrap">{_esc(kpi.period_of(c.period_start).label(lang))}</td>\n'
            f"      <td>{change}</td>\n"
            f'      <td class="small">{source}</td>\n      '
        )
        if can_enter:
            row += "<td>"
            if c.old_value is not None and c.action != "created":
                put_back = _("Put back %(value)s") % {"value": number(c.old_value)}
                url = _esc(f"{before}/{c.pk}/{after}")
                row += (
                    f'<form class="inline" method="post" action="{url}">{csrf}'
                    f'<button class="small">{put_back}</button></form>'
                )
            row += "</td>"
        rows.append(row + "\n    </tr>")
    return mark_safe("".join(rows))  # noqa: S308 (every value above is escaped)


_BLANK_FORMS = FORM_FIELDS_HTML  # where the blank value forms are kept (koers.widgets)


def _form_html(form: MeasurementForm, kpi: KPI) -> str:
    """``koers/form_fields.html`` of the value form; the blank one (unbound, no initial values:
    most views of a KPI page) rendered once per language and the KPI's frequency (the period's
    examples) and unit."""
    if form.is_bound or form.initial:
        return render_to_string("koers/form_fields.html", {"form": form})
    return form_fields_html(form, kpi.frequency, kpi.unit_of_measure, kpi.custom_unit)


def _concern(kpi: KPI, user) -> bool:
    """A new signal of concern is marked until someone of the KPI's team opens this page (one
    query when there is none, the usual case; then nothing is opened)."""
    if not concerns.unopened([kpi.pk]):
        return False
    concerns.mark_opened(kpi, user)
    return True


def _kpi_page(
    request: HttpRequest,
    access: Access,
    kpi: KPI,
    form: MeasurementForm,
    status: int = 200,
    warned=None,
) -> HttpResponse:
    """The KPI page; ``warned`` (a plan that needs confirming) shows its plausibility warnings
    with a button that saves (or clears) anyway."""
    measurements = list(kpi.measurements.select_related("updated_by"))
    display = display_of(kpi, measurements)
    newest_first = list(reversed(measurements))
    show_all = request.GET.get("values") == "all"
    # Each row carries the number of all the KPI's changes: no query of its own to count them.
    changes = kpi.value_changes.select_related("user").annotate(total=Window(Count("id")))
    shown = newest_first if show_all else newest_first[:VALUES_SHOWN]
    can_enter = access.can_enter_data(kpi.unit_id) and not kpi.is_retired
    # The unit is the KPI's own, of this organisation: its links need no query for it.
    kpi.unit.organisation = access.organisation
    # The KPIs above and below link to their pages: their organisation is this one (read).
    children = list(kpi.children.select_related("unit"))
    for related in [kpi.parent, *children]:
        if related is not None and related.organisation_id == access.organisation.pk:
            related.organisation = access.organisation
    value_changes = list(changes if request.GET.get("history") == "all" else changes[:VALUES_SHOWN])
    numbers = _numbers(kpi)
    context = {
        "kpi": kpi,
        "display": display,
        "measurements": shown,
        "value_rows": _value_rows(request, access, kpi, display, shown, can_enter, numbers),
        "hidden_values": 0 if show_all else max(len(newest_first) - VALUES_SHOWN, 0),
        "form": form,
        "form_html": _form_html(form, kpi) if can_enter else "",
        "value_changes": value_changes,
        "change_rows": _change_rows(request, access, kpi, value_changes, can_enter, numbers),
        "value_change_count": value_changes[0].total if value_changes else 0,
        "kpi_changes": kpi.changes.select_related("user")[:50],
        "children": children,
        "annual_goals": kpi.annual_goals.select_related("unit"),
        "competences": kpi.core_competences.all(),
        "can_define": access.can_manage_unit(kpi.unit_id),
        "can_enter": can_enter,
        "warnings": [w.reason(current_lang()) for w in warned.warnings] if warned else [],
        "clearing": next((c.period for c in warned.changes if c.new_value is None), None)
        if warned
        else None,
        "concern": _concern(kpi, request.user),
    }
    return render(request, "kpis/kpi.html", context, status=status)


def kpi_detail(request: HttpRequest, org: str, code: str) -> HttpResponse:
    access, kpi = kpi_for(request, org, code)
    initial = {}
    if key := request.GET.get("period"):
        try:
            period = Period.from_key(key)
        except PeriodError:
            period = None
        if period is not None and period.frequency == kpi.frequency:
            initial["period"] = period
            current = kpi.measurements.filter(period_start=period.start).first()
            initial["version"] = value_version(period, current.value if current else None)
            if current:
                initial.update(value=current.value, comment=current.comment)
    return _kpi_page(request, access, kpi, MeasurementForm(kpi=kpi, initial=initial))


def kpi_create(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    access.require(access.manages_anything)
    initial = {}
    if slug := request.GET.get("unit"):
        initial["unit"] = Unit.objects.for_org(access.organisation).filter(slug=slug).first()
    form = KPIForm(request.POST or None, access=access, initial=initial)
    if request.method == "POST" and form.is_valid():
        kpi = changes.save_definition(form, user=request.user)
        messages.success(request, _("KPI created."))
        return redirect(kpi)
    return render(request, "kpis/kpi_form.html", {"form": form, "title": _("New KPI")})


def kpi_edit(request: HttpRequest, org: str, code: str) -> HttpResponse:
    access, kpi = kpi_for(request, org, code, DEFINE)
    form = KPIForm(request.POST or None, instance=kpi, access=access)
    if request.method == "POST" and form.is_valid():
        kpi = changes.save_definition(form, user=request.user)
        messages.success(request, _("Saved."))
        return redirect(kpi)
    context = {"form": form, "title": _("Edit KPI"), "kpi": kpi}
    return render(request, "kpis/kpi_form.html", context, status=409 if form.conflict else 200)


@require_POST
def kpi_retire(request: HttpRequest, org: str, code: str) -> HttpResponse:
    kpi = kpi_for(request, org, code, DEFINE)[1]
    if changes.set_status(kpi, Status.RETIRED, user=request.user):
        messages.success(request, _("KPI retired. Its data is kept."))
    return redirect(kpi)


@require_POST
def kpi_activate(request: HttpRequest, org: str, code: str) -> HttpResponse:
    kpi = kpi_for(request, org, code, DEFINE)[1]
    if changes.set_status(kpi, Status.ACTIVE, user=request.user):
        messages.success(request, _("KPI is active."))
    return redirect(kpi)


def retired_kpis(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    kpis = KPI.objects.for_org(access.organisation).retired().select_related("unit")
    return render(request, "kpis/retired.html", {"kpis": kpis})


def _plan_errors_to_form(form: MeasurementForm, plan) -> None:
    lang = current_lang()
    for error in plan.errors:
        field = error.role if error.role in ("period", "value", "comment") else None
        form.add_error(field, error.reason(lang))
    if plan.forbidden:
        form.add_error(None, plan.forbidden_message(lang))


def _conflict(request, access, kpi, form, plan) -> HttpResponse:
    """Someone saved this value since the form was opened: show theirs next to the user's own,
    save nothing, and let a second save (now from the newer value) keep the user's."""
    newer = next(e for e in plan.errors if e.code == "conflict").params["newer"]
    form.data = form.data.copy()
    form.data["version"] = f"{form.cleaned_data['period'].key}={newer}"
    return _kpi_page(request, access, kpi, form, status=409)


def _value_row(request: HttpRequest, form: MeasurementForm) -> RowInput:
    data = form.cleaned_data
    expected = expected_value(data["version"], data["period"])
    confirmed = bool(request.POST.get("confirm"))
    return RowInput(
        0,
        "",
        data["period"],
        data["value"],
        data["comment"],
        expected=expected,
        confirmed=confirmed,
    )


@require_POST
def value_save(request: HttpRequest, org: str, code: str) -> HttpResponse:
    """Enter or correct one value: read by the form, checked by the same plan as imports."""
    access = get_access(request, org)
    plan = summary = None
    with locked_kpi(access, code, ENTER) as kpi:  # the stale check and the write as one
        form = MeasurementForm(request.POST, kpi=kpi)
        if form.is_valid():
            plan = make_plan(kpi.organisation, [_value_row(request, form)], access=access, kpi=kpi)
            if plan.ok:
                summary = apply_plan(plan, user=request.user, source=Source.WEB, detail="")
    if plan is None:
        return _kpi_page(request, access, kpi, form, status=400)
    if summary is None:
        _plan_errors_to_form(form, plan)
        if any(e.code == "conflict" for e in plan.errors):
            return _conflict(request, access, kpi, form, plan)
        if plan.needs_confirmation:
            return _kpi_page(request, access, kpi, form, warned=plan)
        return _kpi_page(request, access, kpi, form, status=400)
    label = form.cleaned_data["period"].label(current_lang())
    if summary.written:
        messages.success(request, _("Value for %(period)s saved.") % {"period": label})
    else:
        messages.info(request, _("Nothing changed."))
    return redirect(kpi)


@require_POST
def value_delete(request: HttpRequest, org: str, code: str, period: str) -> HttpResponse:
    access, kpi = kpi_for(request, org, code, ENTER)
    try:
        found = Period.from_key(period)
    except PeriodError:
        found = None
    if found is None or found.frequency != kpi.frequency:
        raise Http404
    if not kpi.measurements.filter(period_start=found.start).exists():
        raise Http404
    row = RowInput(0, "", found, None, clear=True, confirmed=bool(request.POST.get("confirm")))
    plan = make_plan(kpi.organisation, [row], access=access, kpi=kpi)
    label = found.label(current_lang())
    if plan.needs_confirmation:
        form = MeasurementForm(kpi=kpi, initial={"period": found})
        return _kpi_page(request, access, kpi, form, warned=plan)
    if not plan.ok:
        for line in plan.messages(current_lang()):
            messages.error(request, line)
        return redirect(kpi)
    apply_plan(plan, user=request.user, source=Source.WEB, detail="")
    messages.success(
        request,
        _("Value for %(period)s deleted. You can put it back from the history.")
        % {"period": label},
    )
    return redirect(kpi)


@require_POST
def value_restore(request: HttpRequest, org: str, code: str, change: int) -> HttpResponse:
    """Undo one change from the history: put back the value (and comment) it replaced.

    Checked by the same plan as every way in; when the value has changed again since, nothing
    is saved and the page says so (the change it would undo is no longer the latest)."""
    access, kpi = kpi_for(request, org, code, ENTER)
    undone = get_object_or_404(kpi.value_changes, pk=change, old_value__isnull=False)
    period = kpi.period_of(undone.period_start)
    row = RowInput(
        0,
        "",
        period,
        undone.old_value,
        undone.old_comment,
        expected=undone.new_value,
        confirmed=True,
    )
    plan = make_plan(kpi.organisation, [row], access=access, kpi=kpi)
    label = period.label(current_lang())
    if not plan.ok:
        for line in plan.messages(current_lang()):
            messages.error(request, line)
        return redirect(kpi)
    apply_plan(plan, user=request.user, source=Source.WEB, detail="")
    messages.success(request, _("Value for %(period)s put back.") % {"period": label})
    return redirect(kpi)


def kpi_rollup(request: HttpRequest, org: str, code: str) -> HttpResponse:
    """A parent KPI's roll-up settings: rule, children, weights, formula; all or nothing."""
    access, kpi = kpi_for(request, org, code, DEFINE)
    form = RollupForm(request.POST or None, kpi=kpi)
    if request.method == "POST":
        if form.is_valid():
            if changes.save_rollup(kpi, form.settings(), user=request.user):
                messages.success(request, _("Roll-up settings saved; the values are recomputed."))
            else:
                messages.info(request, _("Nothing changed."))
            return redirect(kpi)
        status = 400
    else:
        status = 200
    context = {"form": form, "kpi": kpi, "title": _("Roll-up of %(name)s") % {"name": kpi.name}}
    return render(request, "kpis/rollup_form.html", context, status=status)


def kpi_target(request: HttpRequest, org: str, code: str) -> HttpResponse:
    """A KPI's target over time: one value, a value per period, or from the annual goal."""
    access, kpi = kpi_for(request, org, code, DEFINE)
    form = TargetForm(request.POST or None, kpi=kpi)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if changes.save_target(kpi, form.settings(), user=request.user):
                messages.success(request, _("Target saved."))
            else:
                messages.info(request, _("Nothing changed."))
            return redirect(kpi)
        status = 400
    context = {"form": form, "kpi": kpi, "title": _("Target of %(name)s") % {"name": kpi.name}}
    return render(request, "kpis/target_form.html", context, status=status)
