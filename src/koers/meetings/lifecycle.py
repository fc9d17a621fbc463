"""An action's status: open → in progress → done, or dropped with a reason."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .history import action_snapshot, log_action
from .models import Action

Status = Action.Status


@transaction.atomic
def set_status(action: Action, status: str, *, user, today: date, reason: str = "") -> Action:
    """Move the action to ``status``; done sets completed_on, dropped needs a reason."""
    if status not in Status.values:
        raise ValidationError(_("Unknown status."), code="status")
    reason = (reason or "").strip()
    if status == Status.DROPPED and not reason:
        raise ValidationError(_("Say why the action is dropped."), code="reason")
    before = action_snapshot(action)
    action.status = status
    if status in (Status.IN_PROGRESS, Status.DONE) and action.started_on is None:
        action.started_on = today
    if status == Status.DONE:
        action.completed_on = action.completed_on or today
    else:
        action.completed_on = None
    action.drop_reason = reason if status == Status.DROPPED else ""
    action.save()
    log_action(action, before, user)
    return action
