"""Plan a meeting, its agenda, close it, and its minutes."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.organisations.access import get_access
from koers.organisations.models import Unit

from .. import agenda
from ..forms import CustomItemForm, MeetingForm, runnable_units
from ..minutes import minutes_context, recipients, send_minutes
from ..models import Meeting
from .fetch import can_run_any, get_item, get_meeting, get_meeting_to_run, is_htmx, today


def meeting_list(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    units = list(Unit.objects.for_org(access.organisation))
    meetings = (
        Meeting.objects.for_org(access.organisation)
        .select_related("unit", "organisation")
        .annotate(n_items=Count("items", distinct=True), n_actions=Count("actions", distinct=True))
    )
    unit = next((u for u in units if u.slug == request.GET.get("unit")), None)
    if unit is not None:
        meetings = meetings.filter(unit=unit)
    # The coming meetings first, the next one on top; then the earlier ones, latest first.
    coming = Q(date__gte=today()) & ~Q(status=Meeting.Status.CLOSED)
    upcoming = list(meetings.filter(coming).order_by("date", "id")[:50])
    earlier = list(meetings.exclude(coming).order_by("-date", "-id")[:200])
    context = {
        "meetings": upcoming + earlier,
        "upcoming": upcoming,
        "earlier": earlier,
        "units": units,
        "unit": unit,
        "can_plan": can_run_any(access),
    }
    return render(request, "meetings/list.html", context)


def meeting_create(request: HttpRequest, org: str) -> HttpResponse:
    access = get_access(request, org)
    access.require(can_run_any(access))
    initial = {"date": today()}
    if slug := request.GET.get("unit"):
        initial["unit"] = runnable_units(access).filter(slug=slug).first()
    form = MeetingForm(request.POST or None, access=access, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.instance.created_by = request.user
        meeting = form.save()
        agenda.prepare(meeting, today=min(meeting.date, today()))
        messages.success(request, _("Meeting planned; Koers prepared the agenda."))
        return redirect(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "title": _("Plan a meeting"), "cancel_url": reverse("meetings", args=[org])},
    )


@transaction.atomic  # the version check and the save as one (VersionedForm)
def meeting_edit(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, meeting = get_meeting_to_run(request, org, pk)
    form = MeetingForm(request.POST or None, instance=meeting, access=access)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect(meeting)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "title": _("Edit meeting"), "cancel_url": meeting.get_absolute_url()},
    )


@require_POST
def meeting_delete(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, meeting = get_meeting_to_run(request, org, pk)
    if meeting.status != Meeting.Status.PLANNED:
        messages.error(request, _("Only a meeting that has not been held can be deleted."))
        return redirect(meeting)
    meeting.delete()
    messages.success(request, _("Meeting deleted."))
    return redirect("meetings", org)


def _agenda_context(access, meeting: Meeting) -> dict:
    rows = agenda.rows(meeting)
    folded = [r for r in rows if r.item.folded]
    return {
        "meeting": meeting,
        "open_items": [r for r in rows if not r.item.folded],
        "folded_items": folded,
        "folded_noted": sum(1 for r in folded if r.item.notes.strip()),
        "can_run": access.can_run_meetings(meeting.unit_id),
        "custom_form": CustomItemForm(),
        "participants": meeting.participants.all(),
        "decided": meeting.actions.select_related("unit", "person", "organisation"),
        "changes": meeting.changes.select_related("user", "item", "item__kpi", "item__action")[
            :100
        ],
    }


def meeting_detail(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, meeting = get_meeting(request, org, pk)
    return render(request, "meetings/meeting.html", _agenda_context(access, meeting))


def _agenda_response(request, access, meeting, moved=None) -> HttpResponse:
    if is_htmx(request):
        context = _agenda_context(access, meeting)
        if moved is not None:
            context.update(_moved(context, moved))
        return render(request, "meetings/_agenda.html", context)
    return redirect(meeting)


def _moved(context: dict, pk: int) -> dict:
    """The moved item keeps the focus, and the live region says where it went."""
    for group in (context["open_items"], context["folded_items"]):
        for place, row in enumerate(group, start=1):
            if row.item.pk == pk:
                text = _("“%(title)s” moved to place %(n)s of %(total)s.") % {
                    "title": row.item.heading,
                    "n": place,
                    "total": len(group),
                }
                return {"moved": pk, "announce": text}
    return {}


@require_POST
def agenda_move(request: HttpRequest, org: str, pk: int, item: int, direction: str) -> HttpResponse:
    access, meeting = get_meeting_to_run(request, org, pk)
    if direction not in ("up", "down"):
        raise Http404
    agenda.move(get_item(meeting, item), -1 if direction == "up" else 1)
    return _agenda_response(request, access, meeting, moved=item)


@require_POST
def agenda_add(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, meeting = get_meeting_to_run(request, org, pk)
    form = CustomItemForm(request.POST)
    if form.is_valid():
        agenda.add_custom(meeting, form.cleaned_data["title"])
    else:
        messages.error(request, _("Give the subject a title."))
    return _agenda_response(request, access, meeting)


@require_POST
def agenda_refresh(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, meeting = get_meeting_to_run(request, org, pk)
    if meeting.is_closed:
        messages.error(request, _("The meeting is closed."))
        return redirect(meeting)
    agenda.prepare(meeting, today=min(meeting.date, today()))
    messages.success(request, _("Agenda prepared again with the latest numbers and actions."))
    return redirect(meeting)


@require_POST
def meeting_start(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, meeting = get_meeting_to_run(request, org, pk)
    if meeting.status == Meeting.Status.PLANNED:
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status"])
    return redirect("meeting_present", org, meeting.pk, 1)


@require_POST
def meeting_close(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, meeting = get_meeting_to_run(request, org, pk)
    meeting.status = Meeting.Status.CLOSED
    meeting.save(update_fields=["status"])
    messages.success(request, _("Meeting closed. The minutes are ready."))
    return redirect("meeting_minutes", org, meeting.pk)


def minutes(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, meeting = get_meeting(request, org, pk)
    context = minutes_context(meeting)
    context.update(
        can_run=access.can_run_meetings(meeting.unit_id),
        recipients=recipients(meeting),
    )
    return render(request, "meetings/minutes.html", context)


@require_POST
def minutes_send(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    access, meeting = get_meeting_to_run(request, org, pk)
    if not meeting.is_closed:
        messages.error(request, _("Close the meeting before sending the minutes."))
        return redirect("meeting_minutes", org, meeting.pk)
    sent, job = send_minutes(meeting, request.build_absolute_uri("/"), request.user)
    if job is None:
        messages.error(request, _("None of the participants has an e-mail address."))
    elif job.status == job.Status.DONE:
        messages.success(request, job.message)
    elif job.status == job.Status.FAILED:
        messages.error(request, job.message)
    else:  # the worker sends them: its page says when they are sent, or why not
        messages.info(request, _("The minutes are being sent to %(n)s participants.") % {"n": sent})
        return redirect(job)
    return redirect("meeting_minutes", org, meeting.pk)
