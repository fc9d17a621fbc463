"""The agenda Koers prepares for a unit's meeting.

Order (the guidance: discuss the scores, then move on to actions that bring improvement):

1. actions still open that are due (or overdue) or were decided in the last meeting;
2. KPIs with a signal: deteriorating first, then improving (a win worth naming);
3. KPIs whose last finished period has no value;
4. the rest, stable (or too little data), folded away.

A deteriorating KPI without an open action on it is flagged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from koers.kpis.models import KPI
from koers.organisations.models import Unit
from koers.periods import last_finished
from koers.trends.display import KPIDisplay, displays

from .models import Action, AgendaItem, Meeting
from .trendinfo import shown_for_meeting

Kind = AgendaItem.Kind


@dataclass
class AgendaEntry:
    kind: str
    kpi: KPI | None = None
    action: Action | None = None
    title: str = ""
    needs_action: bool = False


@dataclass(frozen=True)
class AgendaRow:
    """An agenda item as the agenda page shows it: its place, its KPI's display (as of the
    meeting's date once closed) and whether it is flagged as needing an action."""

    item: AgendaItem
    number: int
    shown: KPIDisplay | None = None
    needs_action: bool = False


def open_actions_to_review(unit: Unit, today: date, last_meeting: Meeting | None):
    """The unit's open actions that are due by today or were decided in the last meeting."""
    actions = Action.objects.for_unit(unit).open().select_related("unit", "person")
    due = [a for a in actions if (a.due_date is not None and a.due_date <= today)]
    decided = [
        a
        for a in actions
        if last_meeting is not None and a.meeting_id == last_meeting.pk and a not in due
    ]
    due.sort(key=lambda a: (a.due_date, a.pk))
    return due + sorted(decided, key=lambda a: (a.due_date or date.max, a.pk))


def has_value_for_last_period(shown: KPIDisplay, today: date) -> bool:
    period = last_finished(shown.kpi.frequency, today)
    return any(m.period_start == period.start for m in shown.series)


def kpis_with_open_action(kpis) -> set[int]:
    ids = [k.pk for k in kpis]
    return set(Action.objects.open().filter(kpis__in=ids).values_list("kpis", flat=True).distinct())


def kpis_without_action(shown) -> list:
    """Of KPIs shown with their verdict (``KPIVerdict``s or ``KPIDisplay``s), the
    deteriorating, not retired ones without an open action."""
    bad = [d for d in shown if d.verdict == "deteriorating" and not d.kpi.is_retired]
    covered = kpis_with_open_action([d.kpi for d in bad]) if bad else set()
    return [d for d in bad if d.kpi.pk not in covered]


def unit_kpis(unit: Unit) -> list[KPIDisplay]:
    kpis = KPI.objects.filter(unit=unit).active().select_related("unit", "organisation")
    return displays(kpis.with_series())


def build_agenda(unit: Unit, today: date, last_meeting: Meeting | None) -> list[AgendaEntry]:
    """The prepared agenda for a meeting of ``unit`` on ``today`` (nothing is saved)."""
    entries = [
        AgendaEntry(Kind.ACTION_REVIEW, action=a)
        for a in open_actions_to_review(unit, today, last_meeting)
    ]
    shown = sorted(unit_kpis(unit), key=lambda d: (-d.kpi.importance, d.kpi.name))
    covered = kpis_with_open_action([d.kpi for d in shown])
    bad, good, missing, stable = [], [], [], []
    for d in shown:
        kpi, verdict = d.kpi, d.verdict
        if verdict == "deteriorating":
            bad.append(
                AgendaEntry(Kind.KPI_SIGNAL_BAD, kpi=kpi, needs_action=kpi.pk not in covered)
            )
        elif verdict == "improving":
            good.append(AgendaEntry(Kind.KPI_SIGNAL_GOOD, kpi=kpi))
        elif not has_value_for_last_period(d, today):
            missing.append(AgendaEntry(Kind.KPI_MISSING, kpi=kpi))
        else:
            stable.append(AgendaEntry(Kind.KPI_STABLE, kpi=kpi))
    return entries + bad + good + missing + stable


@transaction.atomic
def prepare(meeting: Meeting, today: date | None = None) -> list[AgendaItem]:
    """Replace the meeting's prepared items by a fresh agenda; custom items stay at the end."""
    today = today or meeting.date
    custom = list(meeting.items.filter(kind=Kind.CUSTOM).order_by("order", "id"))
    meeting.items.exclude(kind=Kind.CUSTOM).filter(notes="", discussed=False).delete()
    kept = {(i.kind, i.kpi_id, i.action_id): i for i in meeting.items.exclude(kind=Kind.CUSTOM)}
    last = meeting.previous()
    items = []
    for entry in build_agenda(meeting.unit, today, last):
        key = (
            entry.kind,
            entry.kpi.pk if entry.kpi else None,
            entry.action.pk if entry.action else None,
        )
        item = kept.pop(key, None) or AgendaItem(
            meeting=meeting, kind=entry.kind, kpi=entry.kpi, action=entry.action
        )
        items.append(item)
    items += list(kept.values())
    stable = [i for i in items if i.kind == Kind.KPI_STABLE]
    ordered = [i for i in items if i.kind != Kind.KPI_STABLE] + custom + stable
    for n, item in enumerate(ordered, start=1):
        item.order = n
        item.save()
    return ordered


def sequence(meeting: Meeting) -> list[AgendaItem]:
    """The items in the order they are presented: the open agenda, then the folded ones."""
    items = list(meeting.items.select_related("kpi", "kpi__unit", "kpi__organisation", "action"))
    return [i for i in items if not i.folded] + [i for i in items if i.folded]


def rows(meeting: Meeting) -> list[AgendaRow]:
    """The meeting's items in presentation order, numbered, with their KPIs' displays."""
    items = sequence(meeting)
    kpi_ids = {i.kpi_id for i in items if i.kpi_id}
    kpis = KPI.objects.filter(pk__in=kpi_ids).select_related("unit", "organisation")
    shown = {d.kpi.pk: d for d in shown_for_meeting(kpis.with_series(), meeting)}
    flagged = (
        set() if meeting.is_closed else {d.kpi.pk for d in kpis_without_action(shown.values())}
    )
    return [
        AgendaRow(item, n, shown.get(item.kpi_id), item.kpi_id in flagged)
        for n, item in enumerate(items, start=1)
    ]


@transaction.atomic
def move(item: AgendaItem, step: int) -> bool:
    """Swap the item with its neighbour in its group (open agenda or folded). False at an end."""
    group = [i for i in sequence(item.meeting) if i.folded == item.folded]
    index = next(n for n, i in enumerate(group) if i.pk == item.pk)
    other = index + step
    if not 0 <= other < len(group):
        return False
    group[index], group[other] = group[other], group[index]
    orders = sorted(i.order for i in group)
    if len(set(orders)) != len(orders):
        orders = list(range(orders[0], orders[0] + len(group)))
    for order, i in zip(orders, group, strict=True):
        if i.order != order:
            i.order = order
            i.save(update_fields=["order"])
    return True


def add_custom(meeting: Meeting, title: str) -> AgendaItem:
    """A custom subject, placed after the last open item (before the folded ones)."""
    items = sequence(meeting)
    visible = [i for i in items if not i.folded]
    order = (visible[-1].order + 1) if visible else 1
    for i in items:
        if i.folded and i.order >= order:
            i.order += 1
            i.save(update_fields=["order"])
    return AgendaItem.objects.create(meeting=meeting, kind=Kind.CUSTOM, title=title, order=order)
