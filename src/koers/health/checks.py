"""KPI health: is each KPI a good KPI, by the measure of the guidance text?

One function per check. Each takes the KPI and a ``HealthContext`` (everything
looked up once for a whole batch of KPIs) and returns a ``CheckResult``:
``ok`` is True (passes), False (fails: the message says why and how to fix
it) or None (not yet checkable: the check needs something Koers does not
have yet, and is never passed silently).

``health_for(kpis, organisation)`` computes every check for many KPIs in a
constant number of queries; ``checks_for_kpi(kpi)`` does it for one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from koers.fields import current_lang
from koers.goals.models import AnnualGoal
from koers.goals.progress import with_progress
from koers.kpis.models import KPI, Direction, Measurement, Status
from koers.meetings.models import Action
from koers.organisations.models import Membership, Organisation, page_url
from koers.periods import last_finished
from koers.trends.verdicts import Trend, trends_of

from .models import HealthSettings

MIN_DEFINITION_WORDS = 8

# Wording that turns a team indicator into a score per person.
INDIVIDUAL_WORDING = (
    "per medewerker",
    "per werknemer",
    "per persoon",
    "per man",
    "elke medewerker",
    "iedere medewerker",
    "individueel",
    "individuele",
    "per employee",
    "per person",
    "each employee",
    "every employee",
    "individual",
)
_INDIVIDUAL_RX = re.compile(
    r"\b(" + "|".join(re.escape(w) for w in INDIVIDUAL_WORDING) + r")\b", re.IGNORECASE
)

# The checks in the order they are shown, with a short column label and the
# reason from the guidance text.
CHECKS = (
    "goal",
    "mission",
    "team",
    "definition",
    "data_source",
    "up_to_date",
    "trend",
    "action",
    "focus",
)
LABELS = {
    "goal": gettext_lazy("Annual goal"),
    "mission": gettext_lazy("Mission or core competence"),
    "team": gettext_lazy("Team indicator"),
    "definition": gettext_lazy("Clear definition"),
    "data_source": gettext_lazy("Data source"),
    "up_to_date": gettext_lazy("Up to date"),
    "trend": gettext_lazy("Trend verdict"),
    "action": gettext_lazy("Improvement action"),
    "focus": gettext_lazy("Focus"),
}
WHY = {
    "goal": gettext_lazy("Make a clear link between the KPIs and the annual goals."),
    "mission": gettext_lazy(
        "Good KPIs stand in direct relation to the vision, mission and core competences."
    ),
    "team": gettext_lazy(
        "Indicators are a team responsibility; translating them into individual indicators "
        "is usually counterproductive."
    ),
    "definition": gettext_lazy(
        "The design of the KPI determines the value on which progress is tested; clarity for "
        "everyone involved is essential."
    ),
    "data_source": gettext_lazy(
        "The ease of keeping an indicator up to date is one of the four selection criteria."
    ),
    "up_to_date": gettext_lazy("The measurement must show the development, period by period."),
    "trend": gettext_lazy("It is about the trend: is it getting better or not?"),
    "action": gettext_lazy(
        "Informing is not enough: discuss the scores in the team meeting and move on to "
        "actions that bring improvement."
    ),
    "focus": gettext_lazy("Keep it simple: choose the indicators with the greatest leverage."),
}


@dataclass(frozen=True)
class CheckResult:
    check: str
    ok: bool | None  # None: not yet checkable
    message: str
    fix_url: str | None = None

    @property
    def label(self) -> str:
        return str(LABELS[self.check])

    @property
    def why(self) -> str:
        return str(WHY[self.check])

    @property
    def state(self) -> str:
        """'ok', 'fail' or 'unknown': for CSS classes and JSON-free templates."""
        return {True: "ok", False: "fail", None: "unknown"}[self.ok]

    def as_dict(self) -> dict:
        return {"check": self.check, "ok": self.ok, "message": self.message}


@dataclass
class HealthContext:
    """What the checks need beyond the KPI itself, fetched once for a batch."""

    organisation: Organisation
    today: date
    year: int
    goals_by_kpi: dict[int, list[str]] = field(default_factory=dict)
    mission_goals_by_kpi: dict[int, list[str]] = field(default_factory=dict)
    competence_kpi_ids: set[int] = field(default_factory=set)
    active_per_unit: Counter = field(default_factory=Counter)
    max_per_unit: int = 7
    person_names: set[str] = field(default_factory=set)
    open_action_kpi_ids: set[int] = field(default_factory=set)
    up_to_date_kpi_ids: set[int] = field(default_factory=set)
    progress_by_kpi: dict[int, list[str]] = field(default_factory=dict)
    trends: dict[int, Trend] = field(default_factory=dict)


def _url(name: str, *args, query: str = "") -> str:
    return page_url(name, *args) + query


def _kpi_edit(kpi: KPI, ctx: HealthContext) -> str:
    return _url("kpi_edit", ctx.organisation.slug, kpi.code)


# ------------------------------------------------------------------------------------------
# The checks
# ------------------------------------------------------------------------------------------


def check_goal(kpi: KPI, ctx: HealthContext) -> CheckResult:
    goals = ctx.goals_by_kpi.get(kpi.pk, [])
    fix = _url("goals", ctx.organisation.slug, query=f"?year={ctx.year}")
    if goals:
        message = ngettext(
            "Shows progress on the annual goal %(goals)s (%(year)s).",
            "Shows progress on the annual goals %(goals)s (%(year)s).",
            len(goals),
        ) % {"goals": ", ".join(f"“{g}”" for g in goals), "year": ctx.year}
        progress = ctx.progress_by_kpi.get(kpi.pk)
        if progress:  # the same words as the goals page: where the year ends at this pace
            message = " ".join([message, *progress])
        return CheckResult("goal", True, message, None)
    message = _(
        "No annual goal of %(year)s refers to this KPI. Link it to the goal it shows progress "
        "on, or ask whether it is needed this year."
    ) % {"year": ctx.year}
    return CheckResult("goal", False, message, fix)


def check_mission(kpi: KPI, ctx: HealthContext) -> CheckResult:
    if kpi.serves_mission:
        return CheckResult("mission", True, _("Serves the mission."), None)
    if kpi.pk in ctx.competence_kpi_ids:
        return CheckResult("mission", True, _("Serves a core competence."), None)
    via = ctx.mission_goals_by_kpi.get(kpi.pk)
    if via:
        message = _(
            "Serves the mission or a core competence through the annual goal “%(goal)s”."
        ) % {"goal": via[0]}
        return CheckResult("mission", True, message, None)
    message = _(
        "Not linked to the mission or a core competence. Good KPIs stand in direct relation "
        "to what the company is for and what it is good at: say which one this KPI serves."
    )
    return CheckResult("mission", False, message, _kpi_edit(kpi, ctx))


def check_team(kpi: KPI, ctx: HealthContext) -> CheckResult:
    if kpi.unit_id is None:
        message = _("No team owns this KPI. Give it to the unit whose work it measures.")
        return CheckResult("team", False, message, _kpi_edit(kpi, ctx))
    text = f"{kpi.name}\n{kpi.definition}"
    found = _INDIVIDUAL_RX.search(text)
    if found is None:
        for word in re.findall(r"\b[A-Z][\w'-]+\b", kpi.name):
            if word in ctx.person_names:
                found = word
                break
    else:
        found = found.group(0)
    if found:
        message = _(
            "The wording “%(word)s” suggests a score per person. Indicators work better as a "
            "team responsibility: individual indicators are usually counterproductive and feel "
            "like a threat. Measure the result of %(unit)s instead."
        ) % {"word": found, "unit": kpi.unit.name}
        return CheckResult("team", False, message, _kpi_edit(kpi, ctx))
    message = _("Owned by %(unit)s as a team.") % {"unit": kpi.unit.name}
    return CheckResult("team", True, message, None)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def check_definition(kpi: KPI, ctx: HealthContext) -> CheckResult:
    problems = []
    if kpi.direction not in Direction.values:
        problems.append(_("It has no direction: say whether higher or lower is better."))
    words = _words(kpi.definition)
    if not words or words == _words(kpi.name):
        problems.append(_("The definition only repeats the name."))
    elif len(words) < MIN_DEFINITION_WORDS:
        problems.append(
            ngettext(
                "The definition has only %(n)s word.",
                "The definition has only %(n)s words.",
                len(words),
            )
            % {"n": len(words)}
        )
    if problems:
        advice = _(
            "Say exactly what is counted, over which period and how, so that someone else "
            "would measure the same number."
        )
        return CheckResult("definition", False, " ".join([*problems, advice]), _kpi_edit(kpi, ctx))
    message = _("Has a direction (%(direction)s) and a definition someone else can follow.") % {
        "direction": kpi.get_direction_display()
    }
    return CheckResult("definition", True, message, None)


def check_data_source(kpi: KPI, ctx: HealthContext) -> CheckResult:
    if kpi.data_source.strip():
        return CheckResult("data_source", True, _("The data source is recorded."), None)
    message = _(
        "No data source. Write down where the number comes from and who keeps it, so the "
        "indicator stays easy to keep up to date."
    )
    return CheckResult("data_source", False, message, _kpi_edit(kpi, ctx))


def check_up_to_date(kpi: KPI, ctx: HealthContext) -> CheckResult:
    period = last_finished(kpi.frequency, ctx.today)
    label = period.label(current_lang())
    if kpi.pk in ctx.up_to_date_kpi_ids:
        message = _("The value for %(period)s, the last finished period, is in.") % {
            "period": label
        }
        return CheckResult("up_to_date", True, message, None)
    message = _("No value yet for %(period)s, the last finished period.") % {"period": label}
    fix = _url("kpi", ctx.organisation.slug, kpi.code, query=f"?period={period.key}#enter")
    return CheckResult("up_to_date", False, message, fix)


def _verdict(kpi: KPI, ctx: HealthContext) -> str | None:
    trend = ctx.trends.get(kpi.pk)
    return trend.verdict if trend is not None else None


def check_trend(kpi: KPI, ctx: HealthContext) -> CheckResult:
    verdict = _verdict(kpi, ctx)
    if verdict is None:
        message = _("Not yet checkable: Koers has no trend verdict for this KPI yet.")
        return CheckResult("trend", None, message, None)
    if verdict == "insufficient_data":
        message = _(
            "Not enough values for a trend verdict yet. Enter the past periods you know, so "
            "the team can see whether it is getting better or not."
        )
        return CheckResult("trend", False, message, _url("kpi", ctx.organisation.slug, kpi.code))
    message = _("Trend verdict: %(verdict)s.") % {"verdict": ctx.trends[kpi.pk].verdict_label}
    return CheckResult("trend", True, message, None)


def check_action(kpi: KPI, ctx: HealthContext) -> CheckResult:
    verdict = _verdict(kpi, ctx)
    if verdict is None:
        message = _("Not yet checkable: there is no trend verdict to act on yet.")
        return CheckResult("action", None, message, None)
    if verdict != "deteriorating":
        return CheckResult("action", True, _("Not deteriorating: no action needed."), None)
    if kpi.pk in ctx.open_action_kpi_ids:
        message = _("Deteriorating, and an improvement action is under way.")
        return CheckResult("action", True, message, None)
    message = _(
        "Deteriorating, and no open improvement action. Discuss it in the team meeting and "
        "agree on an action."
    )
    return CheckResult("action", False, message, _new_action_url(kpi, ctx))


def check_focus(kpi: KPI, ctx: HealthContext) -> CheckResult:
    count = ctx.active_per_unit.get(kpi.unit_id, 0)
    params = {"unit": kpi.unit.name, "n": count, "max": ctx.max_per_unit}
    if count > ctx.max_per_unit:
        message = (
            _(
                "%(unit)s tracks %(n)s active KPIs, more than %(max)s: focus gets lost. Keep it "
                "simple and keep those with the greatest leverage; retire the rest."
            )
            % params
        )
        return CheckResult(
            "focus", False, message, _url("unit", ctx.organisation.slug, kpi.unit.slug)
        )
    message = (
        ngettext(
            "%(unit)s tracks %(n)s active KPI (at most %(max)s keeps focus).",
            "%(unit)s tracks %(n)s active KPIs (at most %(max)s keeps focus).",
            count,
        )
        % params
    )
    return CheckResult("focus", True, message, None)


CHECK_FUNCTIONS = (
    check_goal,
    check_mission,
    check_team,
    check_definition,
    check_data_source,
    check_up_to_date,
    check_trend,
    check_action,
    check_focus,
)


# ------------------------------------------------------------------------------------------
# Looking things up once for a batch
# ------------------------------------------------------------------------------------------


def _new_action_url(kpi: KPI, ctx: HealthContext) -> str:
    return _url("action_create", ctx.organisation.slug, query=f"?kpi={kpi.code}")


def _open_action_kpi_ids(kpi_ids: list[int]) -> set[int]:
    open_statuses = [Action.Status.OPEN, Action.Status.IN_PROGRESS]
    links = Action.kpis.through.objects.filter(kpi_id__in=kpi_ids, action__status__in=open_statuses)
    return set(links.values_list("kpi_id", flat=True))


def _up_to_date_kpi_ids(kpis: list[KPI], today: date) -> set[int]:
    """The KPIs with a value for their last finished period: one query, latest periods only."""
    latest = {f: last_finished(f, today).start for f in {k.frequency for k in kpis}}
    found = Measurement.objects.filter(
        kpi_id__in=[k.pk for k in kpis], period_start__in=set(latest.values())
    ).values_list("kpi_id", "period_start")
    frequency = {k.pk: k.frequency for k in kpis}
    return {kpi_id for kpi_id, start in found if latest[frequency[kpi_id]] == start}


def build_context(
    kpis: list[KPI],
    organisation: Organisation,
    today: date | None = None,
    known: Known | None = None,
):
    """The context of the checks; ``known``: what a page of one KPI has already read."""
    today = today or date.today()
    ids = [k.pk for k in kpis]
    ctx = HealthContext(organisation=organisation, today=today, year=today.year)

    goals = list(
        AnnualGoal.objects.for_org(organisation)
        .for_year(today.year)
        .prefetch_related("kpis", "core_competences")
        .only("id", "title", "serves_mission", "target_kpi_id")
    )
    wanted = set(ids)
    for goal in goals:
        served = {k.pk for k in goal.kpis.all()} | {goal.target_kpi_id}
        for kpi_id in served & wanted:
            ctx.goals_by_kpi.setdefault(kpi_id, []).append(goal.title)
            if goal.serves_mission or goal.core_competences.all():
                ctx.mission_goals_by_kpi.setdefault(kpi_id, []).append(goal.title)

    targets = [g for g in goals if g.target_kpi_id in wanted]
    if targets:
        with_kpis = AnnualGoal.objects.filter(pk__in=[g.pk for g in targets]).select_related(
            "target_kpi__organisation"
        )
        for goal, progress in with_progress(with_kpis, today):
            if progress is not None:
                ctx.progress_by_kpi.setdefault(goal.target_kpi_id, []).append(progress.text)

    if known is not None:
        ctx.competence_kpi_ids = known.competence_kpi_ids()
    else:
        through = KPI.core_competences.through
        ctx.competence_kpi_ids = set(
            through.objects.filter(kpi_id__in=ids).values_list("kpi_id", flat=True)
        )
    unit_ids = {k.unit_id for k in kpis}
    ctx.active_per_unit = Counter(
        KPI.objects.filter(unit_id__in=unit_ids, status=Status.ACTIVE)
        .order_by()
        .values_list("unit_id", flat=True)
    )
    ctx.max_per_unit = HealthSettings.max_kpis_for(organisation)
    ctx.person_names = _person_names(organisation)
    if known is not None:
        ctx.open_action_kpi_ids = known.open_action_kpi_ids()
        ctx.up_to_date_kpi_ids = known.up_to_date_kpi_ids(today)
    else:
        ctx.open_action_kpi_ids = _open_action_kpi_ids(ids)
        ctx.up_to_date_kpi_ids = _up_to_date_kpi_ids(kpis, today)
    return ctx


@dataclass(frozen=True)
class Known:
    """What the KPI page has already read of its one KPI, so its checks need not read it
    again: its values (``series``), its core competences and its actions (dropped ones left
    out)."""

    kpi: KPI
    series: list
    competences: list
    actions: list

    def competence_kpi_ids(self) -> set[int]:
        return {self.kpi.pk} if self.competences else set()

    def open_action_kpi_ids(self) -> set[int]:
        open_statuses = {Action.Status.OPEN, Action.Status.IN_PROGRESS}
        return {self.kpi.pk} if any(a.status in open_statuses for a in self.actions) else set()

    def up_to_date_kpi_ids(self, today: date) -> set[int]:
        latest = last_finished(self.kpi.frequency, today).start
        return {self.kpi.pk} if any(m.period_start == latest for m in self.series) else set()


def _person_names(organisation: Organisation) -> set[str]:
    """First and last names of the organisation's people, to spot a KPI named after one."""
    user_ids = Membership.objects.filter(organisation=organisation).values("user_id")
    names: set[str] = set()
    rows = get_user_model().objects.filter(pk__in=user_ids).values_list("first_name", "last_name")
    for first, last in rows:
        for name in (first, last):
            name = (name or "").strip()
            if len(name) >= 3 and name[0].isupper():
                names.add(name)
    return names


def health_for(
    kpis,
    organisation: Organisation,
    today: date | None = None,
    trends: Mapping[int, Trend] | None = None,
    known: Known | None = None,
) -> dict[int, list[CheckResult]]:
    """Every check for every KPI (by primary key), in a constant number of queries.

    ``kpis`` should have ``unit`` selected. The trend verdicts are ``trends`` (by primary
    key) when the caller has them, else read from the verdict cache (``trends_of``). Only
    the latest periods' values are read, never a KPI's whole history.
    """
    kpis = list(kpis)
    if not kpis:
        return {}
    ctx = build_context(kpis, organisation, today, known)
    ctx.trends = dict(trends) if trends is not None else trends_of(kpis)
    return {kpi.pk: [check(kpi, ctx) for check in CHECK_FUNCTIONS] for kpi in kpis}


def checks_for_kpi(
    kpi: KPI, today: date | None = None, trend: Trend | None = None, known: Known | None = None
) -> list[CheckResult]:
    """Every check for one KPI, for the KPI page (``trend``: its verdict, when known;
    ``known``: what the page has read of the KPI)."""
    trends = {kpi.pk: trend} if trend is not None else None
    return health_for([kpi], kpi.organisation, today, trends, known)[kpi.pk]


def kpis_to_check(organisation: Organisation, unit=None):
    """The KPIs the health check looks at: everything not retired."""
    kpis = KPI.objects.for_org(organisation).current().select_related("unit")  # org: for_org
    if unit is not None:
        kpis = kpis.filter(unit=unit)
    return kpis.order_by("unit__order", "unit__name", "code")


def failing(checks: list[CheckResult]) -> list[CheckResult]:
    return [c for c in checks if c.ok is False]


def health_report(
    organisation: Organisation, unit=None, today: date | None = None
) -> list[tuple[KPI, list[CheckResult]]]:
    """Each KPI of the organisation (or of one unit) with its checks, for pages and the CLI."""
    kpis = list(kpis_to_check(organisation, unit))
    results = health_for(kpis, organisation, today)
    return [(kpi, results[kpi.pk]) for kpi in kpis]
