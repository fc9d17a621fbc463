"""Demo content: the meeting loop at Productie and Plaatwerk.

- Productie met about ten months ago and decided to plan with fixed delivery days; the action
  was done about eight months ago and delivery reliability (PR-LEV) really went up since, so
  its effect reads "it worked".
- Plaatwerk met about five weeks ago about the rising machine downtime (PW-STL): preventive
  maintenance is in progress; recording the press-brake settings is overdue.
- Plaatwerk's next meeting is planned; Koers prepared its agenda.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import translation
from django.utils.translation import gettext as _

from koers.kpis.models import KPI
from koers.organisations.models import Unit
from koers.periods import last_finished

from .agenda import prepare
from .models import Action, AgendaItem, Change, Meeting


def _texts() -> dict[str, str]:
    """The demo's meeting texts in the active language."""
    return {
        "lev_notes": _(
            "Delivery reliability stays around 88%. The team's view: orders are only "
            "planned once the material is in, so the customer hears the date too late."
        ),
        "lev_title": _("Introduce fixed delivery days per customer"),
        "lev_what": _(
            "Agree two fixed delivery days with each customer and plan around them; "
            "work preparation plans back from the delivery day."
        ),
        "custom_1": _("Summer holiday planning"),
        "custom_1_notes": _("Everyone hands in their wishes before the end of the month."),
        "stl_notes": _(
            "Downtime is rising since welding robot 2 breaks down more often. An "
            "engineer is ordered; we want a structural fix."
        ),
        "stl_title": _("Preventive maintenance of welding robot 2 and the press brake"),
        "stl_what": _(
            "A weekly maintenance round on Friday afternoon; log breakdowns on the "
            "board next to the machine."
        ),
        "ftr_title": _("Record the press-brake settings per product"),
        "ftr_what": _(
            "Put the settings in the work-preparation system for each new product, "
            "so the second batch is right first time."
        ),
        "ftr_notes": _("First time right is stable, but new products often go wrong."),
        "guests": _("Jan (engineer, welding robot supplier)"),
    }


def populate(org, users, lang: str, today: date) -> None:
    with translation.override("en" if lang == "en" else "nl"):
        _populate(org, users, _texts(), today)


def _populate(org, users, t: dict[str, str], today: date) -> None:
    units = {u.slug: u for u in Unit.objects.filter(organisation=org)}
    kpis = {k.code: k for k in KPI.objects.filter(organisation=org)}
    _productie(org, units["productie"], kpis, users, t, today)
    _plaatwerk(org, units["plaatwerk"], kpis, users["manager"], t, today)


def _productie(org, productie, kpis, users, t: dict[str, str], today: date) -> None:
    """Productie, ~10 months ago: fixed delivery days; done ~8 months ago."""
    manager, director = users["manager"], users["directie"]
    last_month = last_finished("month", today)
    started = (last_month - 9).start + timedelta(days=3)
    completed = (last_month - 7).start + timedelta(days=12)
    m1 = Meeting.objects.create(
        organisation=org,
        unit=productie,
        date=started,
        status=Meeting.Status.CLOSED,
        created_by=manager,
    )
    m1.participants.set([manager, director])
    AgendaItem.objects.create(
        meeting=m1,
        order=1,
        kind=AgendaItem.Kind.KPI_STABLE,
        kpi=kpis["PR-LEV"],
        notes=t["lev_notes"],
        discussed=True,
    )
    AgendaItem.objects.create(
        meeting=m1,
        order=2,
        kind=AgendaItem.Kind.CUSTOM,
        title=t["custom_1"],
        notes=t["custom_1_notes"],
        discussed=True,
    )
    lev = Action.objects.create(
        organisation=org,
        unit=productie,
        person=manager,
        title=t["lev_title"],
        description=t["lev_what"],
        due_date=started + timedelta(days=60),
        status=Action.Status.DONE,
        started_on=started,
        completed_on=completed,
        meeting=m1,
        created_by=manager,
    )
    lev.kpis.set([kpis["PR-LEV"]])


def _plaatwerk(org, plaatwerk, kpis, manager, t: dict[str, str], today: date) -> None:
    """Plaatwerk, ~5 weeks ago: downtime rising; its next meeting is planned."""
    m2_date = today - timedelta(days=35)
    m2 = Meeting.objects.create(
        organisation=org,
        unit=plaatwerk,
        date=m2_date,
        status=Meeting.Status.CLOSED,
        created_by=manager,
        guests=t["guests"],
    )
    m2.participants.set([manager])
    AgendaItem.objects.create(
        meeting=m2,
        order=1,
        kind=AgendaItem.Kind.KPI_SIGNAL_BAD,
        kpi=kpis["PW-STL"],
        notes=t["stl_notes"],
        discussed=True,
    )
    AgendaItem.objects.create(
        meeting=m2,
        order=2,
        kind=AgendaItem.Kind.KPI_STABLE,
        kpi=kpis["PW-FTR"],
        notes=t["ftr_notes"],
        discussed=True,
    )
    stl = Action.objects.create(
        organisation=org,
        unit=plaatwerk,
        person=manager,
        title=t["stl_title"],
        description=t["stl_what"],
        due_date=today + timedelta(days=28),
        status=Action.Status.IN_PROGRESS,
        started_on=m2_date + timedelta(days=7),
        meeting=m2,
        created_by=manager,
    )
    stl.kpis.set([kpis["PW-STL"]])
    ftr = Action.objects.create(
        organisation=org,
        unit=plaatwerk,
        title=t["ftr_title"],
        description=t["ftr_what"],
        due_date=today - timedelta(days=7),
        status=Action.Status.OPEN,
        meeting=m2,
        created_by=manager,
    )
    ftr.kpis.set([kpis["PW-FTR"]])

    # Plaatwerk's next meeting, planned, with the agenda Koers prepares.
    m3 = Meeting.objects.create(
        organisation=org,
        unit=plaatwerk,
        date=today + timedelta(days=3),
        created_by=manager,
    )
    m3.participants.set([manager])
    prepare(m3, today=today)


def wipe(org) -> None:
    Change.objects.filter(organisation=org).delete()
    Action.objects.filter(organisation=org).delete()
    Meeting.objects.filter(organisation=org).delete()
