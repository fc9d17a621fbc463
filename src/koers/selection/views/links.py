"""Handing out and shutting off personal links for outside stakeholders."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import rounds
from ..forms import LinkForm
from .round import get_round_to_lead


def _page(request, round, form, new_link=None, new_url=None, status=200) -> HttpResponse:
    context = {
        "round": round,
        "links": round.links.select_related("created_by"),
        "form": form,
        "new_link": new_link,
        "new_url": new_url,
    }
    response = render(request, "selection/links.html", context, status=status)
    if new_url:
        response["Cache-Control"] = "no-store"
    return response


def link_list(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, round = get_round_to_lead(request, org, pk)
    return _page(request, round, LinkForm())


@require_POST
def link_create(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, round = get_round_to_lead(request, org, pk)
    form = LinkForm(request.POST)
    if round.is_closed:
        form.add_error(None, _("This round is closed."))
    if not form.is_valid():
        return _page(request, round, form, status=400)
    link, token = rounds.create_link(round, user=request.user, **form.cleaned_data)
    url = request.build_absolute_uri(reverse("selection_public", args=[token]))
    # The token is not stored, so this page is the only place it is ever shown.
    return _page(request, round, LinkForm(), new_link=link, new_url=url)


def _set_active(request: HttpRequest, org: str, pk: int, link_pk: int, active: bool):
    access, round = get_round_to_lead(request, org, pk)
    link = get_object_or_404(round.links, pk=link_pk)
    link.active = active
    link.save(update_fields=["active"])
    if active:
        messages.success(request, _("The link for %(name)s works again.") % {"name": link.name})
    else:
        messages.success(request, _("The link for %(name)s is shut off.") % {"name": link.name})
    return redirect("selection_links", org, round.pk)


@require_POST
def link_deactivate(request: HttpRequest, org: str, pk: int, link_pk: int) -> HttpResponse:
    return _set_active(request, org, pk, link_pk, False)


@require_POST
def link_activate(request: HttpRequest, org: str, pk: int, link_pk: int) -> HttpResponse:
    return _set_active(request, org, pk, link_pk, True)
