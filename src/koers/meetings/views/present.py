"""Holding the meeting: one agenda item at a time on the screen in the room."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers.kpis.models import KPI

from .. import agenda
from ..display import kpi_chart
from ..forms import ActionForm, NotesForm, action_initial
from ..history import log_action
from ..models import Action, AgendaItem, Meeting
from ..notes import Conflict, save_notes
from ..trendinfo import shown_for_meeting
from .fetch import get_item, get_meeting, get_meeting_to_run, is_htmx, today

PRESENT_CHART_WIDTH = 600  # the KPI page draws 760: on a 768 px tablet labels stay >= 12 px


def _present_url(meeting: Meeting, n: int, full: bool) -> str:
    url = reverse("meeting_present", args=[meeting.organisation.slug, meeting.pk, n])
    return url + "?full=1" if full else url


def _present_context(
    access, meeting: Meeting, n: int, notes_form=None, action_form=None, full=False
):
    items = agenda.sequence(meeting)
    if not 1 <= n <= len(items):
        raise Http404
    item = items[n - 1]
    context = {
        "meeting": meeting,
        "item": item,
        "n": n,
        "total": len(items),
        "items": items,
        "full": full,
        "screen_url": _present_url(meeting, n, not full),
        "prev_url": _present_url(meeting, n - 1, full) if n > 1 else None,
        "next_url": _present_url(meeting, n + 1, full) if n < len(items) else None,
        "can_run": access.can_run_meetings(meeting.unit_id) and not meeting.is_closed,
        "notes_form": notes_form or NotesForm(instance=item),
    }
    if item.kpi_id:
        kpis = KPI.objects.filter(pk=item.kpi_id).select_related("unit", "organisation")
        shown = shown_for_meeting(kpis.with_series(), meeting)[0]
        context["kpi"], context["shown"] = shown.kpi, shown
        # Drawn narrower than on the KPI page, so that scaled to the screen its labels grow.
        context["chart"] = kpi_chart(shown, width=PRESENT_CHART_WIDTH)
        context["needs_action"] = not meeting.is_closed and bool(
            agenda.kpis_without_action([shown])
        )
        context["kpi_actions"] = (
            Action.objects.filter(kpis=shown.kpi).open().select_related("unit", "person")
        )
    if item.action_id:
        context["action"] = item.action
        context["action_kpis"] = item.action.kpis.all()
    if context["can_run"]:
        context["action_form"] = action_form or ActionForm(
            access=access, initial=action_initial(meeting, item, today())
        )
    context["decided_here"] = list(meeting.actions.select_related("unit", "person"))
    return context


def present(request: HttpRequest, org: str, pk: int, n: int) -> HttpResponse:
    access, meeting = get_meeting(request, org, pk)
    full = request.GET.get("full") == "1"
    return render(request, "meetings/present.html", _present_context(access, meeting, n, full=full))


def _position(meeting: Meeting, item: AgendaItem) -> int:
    return next(k for k, i in enumerate(agenda.sequence(meeting), start=1) if i.pk == item.pk)


def _int(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() else default


@require_http_methods(["GET", "POST"])
def item_notes(request: HttpRequest, org: str, pk: int, item: int) -> HttpResponse:
    access, meeting = get_meeting_to_run(request, org, pk)
    agenda_item = get_item(meeting, item)
    n = _position(meeting, agenda_item)
    if request.method == "GET":  # the address reloaded: back to the item's page
        return redirect("meeting_present", org, meeting.pk, n)
    if meeting.is_closed:
        raise Http404
    form = NotesForm(request.POST, instance=agenda_item)
    if not form.is_valid():
        messages.error(request, _("The notes could not be saved: reload the page."))
        return redirect("meeting_present", org, meeting.pk, n)
    data = form.cleaned_data
    # "Save my text over it" (after a conflict) names the version the user has now seen.
    version = _int(request.POST.get("take_version"), data["version"])
    saved = save_notes(agenda_item, data["notes"], data["discussed"], version, request.user)
    if isinstance(saved, Conflict):
        if is_htmx(request):
            return render(request, "meetings/_notes_conflict.html", {"conflict": saved})
        initial = {"notes": saved.mine, "version": data["version"]}
        notes_form = NotesForm(instance=saved.item, initial=initial)
        context = _present_context(access, meeting, n, notes_form=notes_form)
        context["conflict"] = saved
        return render(request, "meetings/present.html", context, status=409)
    if is_htmx(request):
        return render(request, "meetings/_saved.html", {"item": saved})
    messages.success(request, _("Notes saved."))
    return redirect("meeting_present", org, meeting.pk, n)


@require_http_methods(["GET", "POST"])
def item_action(request: HttpRequest, org: str, pk: int, item: int) -> HttpResponse:
    access, meeting = get_meeting_to_run(request, org, pk)
    agenda_item = get_item(meeting, item)
    if request.method == "GET":  # the address reloaded after an error: back to the item
        url = reverse("meeting_present", args=[org, meeting.pk, _position(meeting, agenda_item)])
        return redirect(url + "#decide")
    if meeting.is_closed:
        raise Http404
    initial = action_initial(meeting, agenda_item, today())
    form = ActionForm(request.POST, access=access, initial=initial)
    n = _position(meeting, agenda_item)
    full = request.POST.get("full") == "1"
    if form.is_valid():
        form.instance.meeting = meeting
        form.instance.created_by = request.user
        action = form.save()
        log_action(action, None, request.user)
        messages.success(request, _("Action “%(title)s” decided.") % {"title": action.title})
        if is_htmx(request):
            return HttpResponse(status=204, headers={"HX-Redirect": _present_url(meeting, n, full)})
        return redirect(_present_url(meeting, n, full))
    context = _present_context(access, meeting, n, action_form=form, full=full)
    if is_htmx(request):  # the errors in place: only the decide card is replaced
        return render(request, "meetings/_decide.html", context)
    return render(request, "meetings/present.html", context, status=400)
