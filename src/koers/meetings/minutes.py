"""The minutes of a meeting: notes per item, decisions and actions, on paper or by mail."""

from __future__ import annotations

from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from koers.jobs.mail import message, queue_mail
from koers.jobs.models import Job

from .agenda import sequence
from .models import Action, Meeting


def minutes_context(meeting: Meeting) -> dict:
    items = sequence(meeting)
    decided = list(
        meeting.actions.select_related("unit", "person").prefetch_related("kpis").order_by("id")
    )
    # Every open action of the team, those decided in this meeting included (they are open
    # too), the overdue ones marked in the template.
    still_open = list(
        Action.objects.for_unit(meeting.unit)
        .open()
        .select_related("unit", "person")
        .order_by(F("due_date").asc(nulls_last=True), "id")
    )
    return {
        "meeting": meeting,
        "unit": meeting.unit,
        "participants": list(meeting.participants.order_by("first_name", "username")),
        "discussed": [i for i in items if i.notes.strip() or i.discussed or not i.folded],
        "decided": decided,
        "still_open": still_open,
    }


def recipients(meeting: Meeting) -> list[str]:
    return sorted({u.email for u in meeting.participants.all() if u.email})


def send_minutes(meeting: Meeting, base_url: str, user=None) -> tuple[int, Job | None]:
    """Queue the minutes (plain text and HTML) to the participants, as a background job:
    (the number of recipients, the job; None without recipients)."""
    to = recipients(meeting)
    if not to:
        return 0, None
    context = {**minutes_context(meeting), "base_url": base_url.rstrip("/"), "email": True}
    subject = _("Minutes: %(unit)s meeting of %(date)s") % {
        "unit": meeting.unit.name,
        "date": meeting.date.strftime("%d-%m-%Y"),
    }
    text = render_to_string("meetings/minutes_email.txt", context)
    html = render_to_string("meetings/minutes_email.html", context)
    job = queue_mail(
        [message(subject, text, to, html)],
        organisation=meeting.organisation,
        user=user,
        title=subject,
        done=_("Minutes sent to %(n)s participants.") % {"n": len(to)},
        url=reverse("meeting_minutes", args=[meeting.organisation.slug, meeting.pk]),
        failed=_(
            "The minutes could not be sent: the mail server cannot be reached or refused "
            "the message (%(error)s). Nothing is lost; try again later or print them."
        ),
    )
    return len(to), job
