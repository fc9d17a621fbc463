"""Onboarding: the first-run path of a new organisation, in the guidance text's order.

Vision, mission, core competences → annual goals → units and people → a selection round
→ chosen KPIs → first numbers. Each step knows from the data whether it is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from koers.goals.models import AnnualGoal
from koers.kpis.models import KPI, Measurement
from koers.organisations.models import CoreCompetence, Membership, Organisation, Unit
from koers.selection.models import Round

# (key, title, why, link label, URL name)
STEPS = (
    (
        "vision_mission",
        _("Write down the vision and mission"),
        _(
            "Good KPIs stand in direct relation to the company's vision and mission. They say "
            "where you want to be and what you do, for whom: the yardstick for every KPI."
        ),
        _("Edit vision and mission"),
        "organisation_edit",
    ),
    (
        "competences",
        _("Name the core competences"),
        _(
            "Core competences are what the company is distinctly good at. Design KPIs from "
            "what is essential to the business, so they protect and strengthen it."
        ),
        _("Add a core competence"),
        "competence_create",
    ),
    (
        "goals",
        _("Set this year's annual goals"),
        _(
            "Make a clear link between the KPIs and the annual goals: the goals say what this "
            "year must bring, the KPIs show whether you are getting there."
        ),
        _("Add an annual goal"),
        "goal_create",
    ),
    (
        "units",
        _("Set up the units"),
        _(
            "Indicators differ by task and responsibility: the company looks at totals, each "
            "unit at what it can influence. KPIs belong to teams, never to one person."
        ),
        _("Add a unit"),
        "unit_create",
    ),
    (
        "people",
        _("Bring in the people"),
        _(
            "Involve all units and the people doing the work. A purely top-down approach loses "
            "commitment and leaves practical experience unused."
        ),
        _("Add people"),
        "people",
    ),
    (
        "round",
        _("Choose KPIs together in a selection round"),
        _(
            "Brainstorm with employees and customers until a long list emerges, then select on "
            "four criteria: critical for the result, leverage, motivating, and easy to keep "
            "up to date."
        ),
        _("Go to the selection rounds"),
        "selection",
    ),
    (
        "kpis",
        _("Make the chosen KPIs active"),
        _(
            "Keep it simple: a few indicators with the greatest leverage, each defined so that "
            "someone else would measure the same number."
        ),
        _("New KPI"),
        "kpi_create",
    ),
    (
        "numbers",
        _("Enter the first numbers"),
        _(
            "It is about the trend: is it getting better or not? Enter the past periods you "
            "know so the trend shows sooner, and discuss the scores in the team meeting."
        ),
        _("Enter data"),
        "entry",
    ),
)


@dataclass(frozen=True)
class Step:
    number: int
    key: str
    title: str
    why: str
    done: bool
    status: str
    url: str
    link_label: str
    url_name: str = ""


def _status(key: str, counts: dict, org: Organisation, year: int) -> tuple[bool, str]:
    if key == "vision_mission":
        missing = [
            str(label)
            for label, text in ((_("vision"), org.vision), (_("mission"), org.mission))
            if not text.strip()
        ]
        if missing:
            return False, str(_("Still empty: %(fields)s.")) % {"fields": ", ".join(missing)}
        return True, str(_("Vision and mission are written down."))
    n = counts[key]
    minimum = 2 if key in ("units", "people") else 1
    texts = {
        "competences": ngettext("%(n)s core competence.", "%(n)s core competences.", n),
        "goals": ngettext("%(n)s annual goal for %(year)s.", "%(n)s annual goals for %(year)s.", n),
        "units": ngettext(
            "%(n)s unit; at least 2 are needed (the company and a unit below it).",
            "%(n)s units; at least 2 are needed (the company and a unit below it).",
            n,
        ),
        "people": ngettext(
            "%(n)s person; at least 2 are needed.", "%(n)s people; at least 2 are needed.", n
        ),
        "round": ngettext("%(n)s selection round.", "%(n)s selection rounds.", n),
        "kpis": ngettext("%(n)s active KPI.", "%(n)s active KPIs.", n),
        "numbers": ngettext("%(n)s value entered.", "%(n)s values entered.", n),
    }
    return n >= minimum, texts[key] % {"n": n, "year": year}


def _counts(org: Organisation, year: int) -> dict[str, int]:
    return {
        "competences": CoreCompetence.objects.filter(organisation=org).count(),
        "goals": AnnualGoal.objects.for_org(org).for_year(year).count(),
        "units": Unit.objects.for_org(org).count(),
        "people": Membership.objects.filter(organisation=org).count(),
        "round": Round.objects.for_org(org).count(),
        "kpis": KPI.objects.for_org(org).active().count(),
        "numbers": Measurement.objects.for_org(org).count(),
    }


def steps_for(org: Organisation, today: date | None = None) -> list[Step]:
    """The onboarding steps for the organisation, each marked done or not from its data."""
    year = (today or date.today()).year
    counts = _counts(org, year)
    steps = []
    for number, (key, title, why, link_label, url_name) in enumerate(STEPS, start=1):
        done, status = _status(key, counts, org, year)
        url = reverse(url_name, args=[org.slug])
        steps.append(
            Step(number, key, str(title), str(why), done, status, url, str(link_label), url_name)
        )
    return steps


def needs_onboarding(org: Organisation) -> bool:
    """True while the organisation has no KPIs at all: its admins belong on the onboarding page."""
    return not KPI.objects.for_org(org).exists()
