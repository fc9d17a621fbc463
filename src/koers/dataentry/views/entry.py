"""The entry grid: all of a unit's KPIs due for a period, in one keyboard-friendly form."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from koers.fields import current_lang
from koers.organisations.access import ENTER, READ, Access, get_access, unit_for
from koers.organisations.models import Unit
from koers.periods import Frequency, Period, PeriodError, last_finished

from .. import grid
from ..forms import EntryChooseForm


def _default_unit(access: Access) -> Unit | None:
    units = Unit.objects.for_org(access.organisation)
    for unit in units:
        if access.can_enter_data(unit.pk) and not access.is_admin:
            return unit
    return units.first()


def entry_choose(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    if "unit" in request.GET:
        form = EntryChooseForm(request.GET, organisation=access.organisation)
        if form.is_valid():
            return redirect(
                "entry_grid", org, form.cleaned_data["unit"].slug, form.cleaned_data["period"].key
            )
    else:
        unit = _default_unit(access)
        period = last_finished(Frequency.MONTH, date.today())
        form = EntryChooseForm(
            initial={"unit": unit.slug if unit else None, "period": period},
            organisation=access.organisation,
        )
    units = [(u, access.can_enter_data(u.pk)) for u in Unit.objects.for_org(access.organisation)]
    return render(request, "dataentry/entry_choose.html", {"form": form, "units": units})


def _grid_context(request, org, unit_slug, period_key, right=READ):
    access, unit = unit_for(request, org, unit_slug, right)
    try:
        chosen = Period.from_key(period_key)
    except PeriodError:
        raise Http404 from None
    editable = access.can_enter_data(unit.pk)
    return access, unit, chosen, grid.cells(unit, chosen, editable=editable)


def _render_grid(request, unit, chosen, cells, status=200):
    lang = current_lang()
    context = {
        "unit": unit,
        "chosen": chosen,
        "chosen_label": chosen.long_label(lang),
        "previous": chosen.previous(),
        "next": chosen.next(),
        "cells": cells,
        "editable": any(c.editable for c in cells),
    }
    return render(request, "dataentry/entry_grid.html", context, status=status)


def entry_grid(request: HttpRequest, org: str, unit: str, period: str) -> HttpResponse:
    right = ENTER if request.method == "POST" else READ
    access, unit_obj, chosen, cells = _grid_context(request, org, unit, period, right)
    if request.method != "POST":
        return _render_grid(request, unit_obj, chosen, cells)
    typed = [
        (c, request.POST[c.name], request.POST.get("v-" + c.name))
        for c in cells
        if c.editable and c.name in request.POST
    ]
    summary = grid.save(typed, user=request.user, access=access)
    errors = sum(1 for c in cells if c.error)
    if errors:
        saved = ngettext("%(n)s value saved.", "%(n)s values saved.", summary.written) % {
            "n": summary.written
        }
        failed = ngettext(
            "%(n)s cell has an error and was not saved.",
            "%(n)s cells have an error and were not saved.",
            errors,
        ) % {"n": errors}
        messages.error(request, f"{saved} {failed}")
        return _render_grid(request, unit_obj, chosen, cells, status=400)
    if summary.written:
        messages.success(
            request,
            ngettext("%(n)s value saved.", "%(n)s values saved.", summary.written)
            % {"n": summary.written},
        )
    else:
        messages.info(request, _("Nothing changed."))
    return redirect("entry_grid", org, unit_obj.slug, chosen.key)


@require_POST
def entry_cell(request: HttpRequest, org: str, unit: str, period: str) -> HttpResponse:
    """Save one cell (HTMX); answers with the cell, showing the saved value or the error."""
    access, unit_obj, chosen, cells = _grid_context(request, org, unit, period, ENTER)
    name = request.POST.get("cell", "")
    cell = next((c for c in cells if c.name == name and c.editable), None)
    if cell is None:
        raise Http404
    typed = [(cell, request.POST.get(name, ""), request.POST.get("v-" + name))]
    grid.save(typed, user=request.user, access=access)
    # HTMX only swaps 2xx answers; the cell itself shows its error state.
    htmx = request.headers.get("HX-Request") == "true"
    status = 400 if cell.error and not htmx else 200
    context = {"cell": cell, "unit": unit_obj, "chosen": chosen}
    return render(request, "dataentry/_cell.html", context, status=status)
