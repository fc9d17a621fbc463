"""Reminder e-mails: each unit's members and managers get the KPIs still missing a value.

A KPI is missing a value when its last finished period (``koers.periods.last_finished``, by
the KPI's own frequency) has no measurement. Only active KPIs count. People are reminded
of the units they have a role in (member or manager), not of the units below.

``reminder_items(user, organisation)`` is the extension point: it returns everything that
goes into one person's mail. Other apps (overdue improvement actions, for example) add
their items there; the mail and ``koers remind`` need no change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.jobs.models import claim
from koers.kpis.models import KPI, Measurement
from koers.meetings.queries import overdue_actions_for
from koers.organisations.models import UnitRole
from koers.periods import last_finished
from koers.trends.concerns import reason_of, to_tell


@dataclass
class ReminderItem:
    kind: str  # "missing_value", "new_concern" or "overdue_action"
    unit: str  # unit name, to group by
    text: str  # one line, in the active language
    url: str  # absolute link to act on it


@dataclass
class Reminder:
    user: object
    items: list[ReminderItem]

    def subject(self) -> str:
        n = len(self.items)
        return ngettext(
            "Koers: %(n)s thing waiting for you", "Koers: %(n)s things waiting for you", n
        ) % {"n": n}

    def body(self, organisation) -> str:
        lines = [
            _("Hello %(name)s,") % {"name": self.user.get_full_name() or self.user.get_username()},
            "",
            _("In %(org)s these still need your attention:") % {"org": organisation.name},
        ]
        unit = None
        for item in self.items:
            if item.unit != unit:
                unit = item.unit
                lines += ["", unit]
            lines.append(f"- {item.text}")
            lines.append(f"  {item.url}")
        lines += [
            "",
            _("This e-mail is sent by Koers. You get it because you have a role in these units."),
        ]
        return "\n".join(lines) + "\n"


def _missing_kpis(unit_ids, today: date) -> list[tuple[KPI, object]]:
    """(kpi, last finished period) for active KPIs of these units without that value."""
    kpis = list(
        KPI.objects.filter(unit_id__in=unit_ids)
        .active()
        .select_related("unit", "organisation")
        .order_by("unit__order", "unit__name", "-importance", "name")
    )
    due = {kpi.pk: last_finished(kpi.frequency, today) for kpi in kpis}
    if not kpis:
        return []
    starts = {p.start for p in due.values()}
    present = set(
        Measurement.objects.filter(kpi__in=kpis, period_start__in=starts).values_list(
            "kpi_id", "period_start"
        )
    )
    return [(kpi, due[kpi.pk]) for kpi in kpis if (kpi.pk, due[kpi.pk].start) not in present]


def reminder_items(user, organisation, *, today: date | None = None) -> list[ReminderItem]:
    """Everything one person should be reminded of in one organisation (active language)."""
    today = today or date.today()
    lang = "en" if (translation.get_language() or "nl").startswith("en") else "nl"
    unit_ids = list(
        UnitRole.objects.filter(user=user, unit__organisation=organisation).values_list(
            "unit_id", flat=True
        )
    )
    items = []
    for kpi, period in _missing_kpis(unit_ids, today):
        path = reverse("entry_grid", args=[organisation.slug, kpi.unit.slug, period.key])
        items.append(
            ReminderItem(
                "missing_value",
                kpi.unit.name,
                _("%(kpi)s (%(code)s): no value yet for %(period)s")
                % {"kpi": kpi.name, "code": kpi.code, "period": period.label(lang)},
                settings.SITE_URL + path,
            )
        )
    for concern in to_tell(organisation, unit_ids):  # a new signal of concern on a KPI
        kpi = concern.kpi
        items.append(
            ReminderItem(
                "new_concern",
                kpi.unit.name,
                _("%(kpi)s (%(code)s) is getting worse: %(reason)s")
                % {"kpi": kpi.name, "code": kpi.code, "reason": reason_of(concern, lang)},
                settings.SITE_URL + kpi.get_absolute_url(),
            )
        )
    for action in overdue_actions_for(user, organisation, today=today):
        items.append(
            ReminderItem(
                "overdue_action",
                action.unit.name,
                _("Improvement action “%(title)s” was due on %(date)s")
                % {"title": action.title, "date": _date_text(action.due_date, lang)},
                settings.SITE_URL + action.get_absolute_url(),
            )
        )
    return items


def _date_text(day: date, lang: str) -> str:
    return day.strftime("%d-%m-%Y") if lang == "nl" else day.isoformat()


def reminders(organisation, *, today: date | None = None) -> list[Reminder]:
    """One reminder per person with a unit role and something to do, by user name."""
    User = get_user_model()
    users = (
        User.objects.filter(
            Q(unit_roles__unit__organisation=organisation)
            | Q(pulled_actions__organisation=organisation),
            is_active=True,
        )
        .distinct()
        .order_by("username")
    )
    found = []
    for user in users:
        items = reminder_items(user, organisation, today=today)
        if items:
            found.append(Reminder(user, items))
    return found


def send_reminders(organisation, reminders_: list[Reminder], day: date | None = None) -> int:
    """Send the mails (one per person with an e-mail address); returns how many were sent.

    With ``day``, each person's mail is claimed for that day first
    (:func:`koers.jobs.models.claim`), so `koers remind` run from several
    servers at once mails everyone once.
    """
    todo = [r for r in reminders_ if r.user.email]
    if day is None:
        messages = [
            EmailMessage(r.subject(), r.body(organisation), to=[r.user.email]) for r in todo
        ]
        return (get_connection().send_messages(messages) or 0) if messages else 0
    sent, connection = 0, get_connection()
    for reminder in todo:
        with claim(organisation, "remind", f"{day.isoformat()}:{reminder.user.pk}") as mine:
            if mine:
                message = EmailMessage(
                    reminder.subject(), reminder.body(organisation), to=[reminder.user.email]
                )
                sent += connection.send_messages([message]) or 0
    return sent
