"""The KPI catalogue on the web: browse, search, filter, and use an entry."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers import catalogue
from koers.fields import current_lang
from koers.kpis.changes import kpi_created
from koers.kpis.models import KPI, Status, fields_from_catalogue
from koers.organisations.access import get_access
from koers.organisations.models import Unit

from .. import rounds
from ..forms import CatalogueKPIForm, CatalogueProposalForm
from ..models import Round

SEARCH_MAX = 100


def _entry(key: str) -> catalogue.Entry:
    try:
        return catalogue.get(key)
    except catalogue.UnknownEntryError:
        raise Http404 from None


def entry_view(entry: catalogue.Entry, lang: str) -> dict:
    """An entry's texts and labels in lang, with its place in the hierarchy."""
    parent = catalogue.get(entry.parent_key) if entry.parent_key else None
    return {
        **entry.to_dict(lang),
        "unit_label": catalogue.UNITS[entry.unit][lang],
        "direction_label": catalogue.DIRECTIONS[entry.direction][lang],
        "frequency_label": catalogue.FREQUENCIES[entry.frequency][lang],
        "parent": {"key": parent.key, "name": parent.name[lang]} if parent else None,
        "children": [{"key": c.key, "name": c.name[lang]} for c in catalogue.children(entry.key)],
    }


def catalogue_page(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    lang = current_lang()
    query = request.GET.get("q", "").strip()[:SEARCH_MAX]
    area = request.GET.get("area", "")
    if area not in catalogue.AREAS:
        area = ""
    found = catalogue.entries(area=area or None, search=query or None, lang=lang)
    open_rounds = Round.objects.for_org(access.organisation).filter(phase="proposing")
    context = {
        "entries": [entry_view(e, lang) for e in found],
        "total": len(catalogue.ENTRIES),
        "query": query,
        "area": area,
        "areas": [(key, names[lang]) for key, names in catalogue.AREAS.items()],
        "open_rounds": list(open_rounds.select_related("unit")),
        "can_define": access.manages_anything,
    }
    return render(request, "selection/catalogue.html", context)


@require_POST
def catalogue_propose(request: HttpRequest, org: str, key: str) -> HttpResponse:
    """Put the entry on the long list of an open round, as the user's proposal."""
    access = get_access(request, org)
    entry = _entry(key)
    open_rounds = Round.objects.for_org(access.organisation).filter(phase="proposing")
    form = CatalogueProposalForm(request.POST, rounds=open_rounds)
    if not form.is_valid():
        messages.error(request, _("Choose an open round and say why this indicator matters."))
        return redirect(f"{reverse('catalogue', args=[org])}#{entry.key}")
    round = form.cleaned_data["round"]
    rounds.propose(
        round,
        rounds.Participant(user=request.user),
        why=form.cleaned_data["why"],
        catalogue_key=entry.key,
        lang=current_lang(),
    )
    name = entry.text("name", current_lang())
    messages.success(request, _("“%(name)s” is on the long list.") % {"name": name})
    return redirect(f"{round.get_absolute_url()}#candidates")


def catalogue_kpi(request: HttpRequest, org: str, key: str) -> HttpResponse:
    """Make a draft KPI from the entry: the user picks the team and a code."""
    access = get_access(request, org)
    access.require(access.manages_anything)
    entry = _entry(key)
    lang = current_lang()
    initial = {}
    if slug := request.GET.get("unit"):
        unit = Unit.objects.for_org(access.organisation).filter(slug=slug).first()
        if unit and access.can_manage_unit(unit.pk):
            initial["unit"] = unit
    form = CatalogueKPIForm(request.POST or None, access=access, initial=initial)
    if request.method == "POST" and form.is_valid():
        kpi = KPI.objects.create(
            organisation=access.organisation,
            unit=form.cleaned_data["unit"],
            code=form.cleaned_data["code"],
            status=Status.DRAFT,
            **fields_from_catalogue(entry, lang),
        )
        kpi_created(kpi, user=request.user, summary=_("KPI created from the catalogue"))
        messages.success(request, _("Draft KPI created. Check its definition and make it active."))
        return redirect(kpi)
    context = {"entry": entry_view(entry, lang), "form": form}
    return render(
        request, "selection/catalogue_kpi.html", context, status=400 if form.errors else 200
    )
