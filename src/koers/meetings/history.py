"""Keeping the history of meeting notes and actions: who, when, field, old → new."""

from __future__ import annotations

from .models import Action, AgendaItem, Change

ACTION_FIELDS = [
    "title",
    "description",
    "unit",
    "person",
    "due_date",
    "status",
    "drop_reason",
    "started_on",
    "completed_on",
]


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d-%m-%Y")
    return str(value)


def action_snapshot(action: Action) -> dict[str, str]:
    snap = {}
    for name in ACTION_FIELDS:
        snap[name] = _text(getattr(action, name))
    if action.pk:
        snap["kpis"] = ", ".join(sorted(k.code for k in action.kpis.all()))
    else:
        snap["kpis"] = ""
    return snap


def log_action(action: Action, before: dict[str, str] | None, user) -> list[Change]:
    """Record what changed on ``action`` since ``before`` (None: it was just created)."""
    after = action_snapshot(action)
    rows = []
    for name, new in after.items():
        old = before.get(name, "") if before is not None else ""
        if old != new and (before is not None or new):
            rows.append(
                Change(
                    organisation_id=action.organisation_id,
                    action=action,
                    meeting_id=action.meeting_id if before is None else None,
                    user=user,
                    field=name,
                    old=old,
                    new=new,
                )
            )
    return Change.objects.bulk_create(rows)


def log_item(item: AgendaItem, field: str, old: str, new: str, user) -> Change | None:
    if old == new:
        return None
    return Change.objects.create(
        organisation_id=item.meeting.organisation_id,
        meeting=item.meeting,
        item=item,
        user=user,
        field=field,
        old=old,
        new=new,
    )
