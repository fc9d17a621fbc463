"""The onboarding page and starting a catalogue-seeded selection round from it."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.fields import current_lang
from koers.goals.models import AnnualGoal
from koers.organisations.access import Access, get_access
from koers.selection.rounds import start_round

from ..forms import SeededRoundForm
from ..onboarding import steps_for


def _round_form(access: Access, data=None) -> SeededRoundForm:
    year = date.today().year
    initial = {
        "unit": access.organisation.root_unit(),
        "question": _("Which indicators tell us whether we reach our annual goals for %(year)s?")
        % {"year": year},
    }
    return SeededRoundForm(data, access=access, lang=current_lang(), initial=initial)


def _page(request: HttpRequest, access: Access, form, status: int = 200) -> HttpResponse:
    steps = steps_for(access.organisation)
    done = sum(1 for s in steps if s.done)
    next_step = next((s for s in steps if not s.done), None)
    context = {
        "steps": steps,
        "done": done,
        "total": len(steps),
        "next_step": next_step,
        "form": form,
        "can_manage": access.manages_anything,
        "is_admin": access.is_admin,
    }
    return render(request, "health/onboarding.html", context, status=status)


def onboarding(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    form = _round_form(access) if access.manages_anything else None
    return _page(request, access, form)


@require_POST
def onboarding_round(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    access.require(access.manages_anything)
    form = _round_form(access, request.POST)
    if not form.is_valid():
        return _page(request, access, form, status=400)
    unit = form.cleaned_data["unit"]
    served_units = [unit.pk, *(a.pk for a in unit.ancestors())]
    goals = AnnualGoal.objects.for_org(access.organisation).filter(
        year=date.today().year, unit_id__in=served_units
    )
    round = start_round(
        access.organisation,
        unit,
        form.cleaned_data["question"],
        request.user,
        goals=list(goals),
        seed_keys=form.seed_keys(),
        lang=current_lang(),
    )
    messages.success(
        request,
        _("Selection round started with %(n)s candidates from the catalogue.")
        % {"n": len(form.seed_keys())},
    )
    return redirect(round)
