"""Meetings, the presentation in the room, minutes and actions."""

from .actions import action_create, action_detail, action_edit, action_list, action_status
from .meetings import (
    agenda_add,
    agenda_move,
    agenda_refresh,
    meeting_close,
    meeting_create,
    meeting_delete,
    meeting_detail,
    meeting_edit,
    meeting_list,
    meeting_start,
    minutes,
    minutes_send,
)
from .present import item_action, item_notes, present

__all__ = [
    "action_create",
    "action_detail",
    "action_edit",
    "action_list",
    "action_status",
    "agenda_add",
    "agenda_move",
    "agenda_refresh",
    "item_action",
    "item_notes",
    "meeting_close",
    "meeting_create",
    "meeting_delete",
    "meeting_detail",
    "meeting_edit",
    "meeting_list",
    "meeting_start",
    "minutes",
    "minutes_send",
    "present",
]
