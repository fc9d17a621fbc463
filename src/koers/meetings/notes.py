"""Saving an agenda item's notes without losing anyone's words.

The notes form carries the version it started from. A save from an older version is refused
(nothing saved) and answered with the newer text next to the user's own, so they can merge.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from .history import log_item
from .models import AgendaItem, Meeting


@dataclass(frozen=True)
class Conflict:
    """A stale save: what is stored now (and by whom it was last changed) and what was sent."""

    item: AgendaItem
    theirs: str
    mine: str
    version: int
    by: str


@transaction.atomic
def save_notes(item: AgendaItem, notes: str, discussed: bool, version: int, user):
    """Save the notes when ``version`` is the stored one (and raise it); else a Conflict."""
    current = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if current.version != version:
        last = current.changes.filter(field="notes").select_related("user").first()
        by = last.user.get_full_name() or last.user.get_username() if last and last.user else ""
        return Conflict(current, current.notes, notes, current.version, by)
    old_notes, old_discussed = current.notes, current.discussed
    if (notes, discussed) == (old_notes, old_discussed):
        return current
    current.notes, current.discussed = notes, discussed
    current.version += 1
    current.save(update_fields=["notes", "discussed", "version"])
    log_item(current, "notes", old_notes, notes, user)
    log_item(current, "discussed", str(old_discussed), str(discussed), user)
    meeting = current.meeting
    if meeting.status == Meeting.Status.PLANNED:
        meeting.status = Meeting.Status.HELD
        meeting.save(update_fields=["status"])
    return current
