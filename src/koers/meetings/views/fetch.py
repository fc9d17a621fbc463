"""The permission-aware fetches of the meetings views (403/404 before anything else)."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from koers.organisations.access import Access, get_access

from ..models import Action, AgendaItem, Meeting


def today() -> date:
    return timezone.localdate()


def get_meeting(request: HttpRequest, org: str, pk: int) -> tuple[Access, Meeting]:
    access = get_access(request, org)
    meetings = Meeting.objects.for_org(access.organisation).select_related("unit", "organisation")
    return access, get_object_or_404(meetings, pk=pk)


def get_meeting_to_run(request: HttpRequest, org: str, pk: int) -> tuple[Access, Meeting]:
    access, meeting = get_meeting(request, org, pk)
    access.require(access.can_run_meetings(meeting.unit_id))
    return access, meeting


def get_item(meeting: Meeting, pk: int) -> AgendaItem:
    return get_object_or_404(
        meeting.items.select_related("meeting", "meeting__organisation", "kpi", "action"), pk=pk
    )


def get_action(request: HttpRequest, org: str, pk: int) -> tuple[Access, Action]:
    access = get_access(request, org)
    actions = Action.objects.for_org(access.organisation).select_related(
        "unit", "person", "meeting", "organisation", "created_by"
    )
    return access, get_object_or_404(actions, pk=pk)


def get_action_to_run(request: HttpRequest, org: str, pk: int) -> tuple[Access, Action]:
    access, action = get_action(request, org, pk)
    access.require(access.can_run_meetings(action.unit_id))
    return access, action


def can_run_any(access: Access) -> bool:
    return access.is_admin or bool(access.managed_unit_ids | access.member_unit_ids)


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"
