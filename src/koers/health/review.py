"""The year-end review: carry the annual goals into the new year, then review every KPI.

The review of ``year`` (the year that ends) is derived state: its items are the annual goals
of ``year`` and the current KPIs the user may define; what was decided about each is a
``ReviewDecision`` (one per goal and per KPI a year), so the page shows its progress and can
be resumed. Each decision makes its change through the domain's write functions, with the
acting user and history, in one transaction with the decision:

- a goal is copied (``goals.carry.copy_goal``, with an adjusted target) or dropped;
- a KPI is kept, gets a new definition (``kpis.changes.save_definition``, and a new level on
  its chart from the first period of the new year: ``trends.levels.add_level``) or is retired
  (``kpis.changes.set_status``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from koers.errors import CodedError
from koers.goals.carry import copy_goal
from koers.goals.models import AnnualGoal
from koers.goals.progress import with_progress
from koers.kpis.changes import save_definition, set_status
from koers.kpis.models import KPI, Status
from koers.organisations.access import Access
from koers.periods import Frequency, Period
from koers.trends.levels import add_level

from .models import Decision, ReviewDecision

REVIEW_MONTHS = (12, 1)  # the turn of the year: the home page points to the review


def review_year(today: date | None = None) -> int:
    """The year to review: this year from July on, last year before."""
    today = today or date.today()
    return today.year if today.month >= 7 else today.year - 1


def in_review_season(today: date | None = None) -> bool:
    return (today or date.today()).month in REVIEW_MONTHS


class AlreadyDecided(CodedError):
    """Someone decided about this goal or KPI in this review already."""

    messages = {
        "review.already_decided": {
            "nl": "Hierover is in deze jaarevaluatie al besloten; er is niets gewijzigd.",
            "en": "This was decided in this year-end review already; nothing was changed.",
        }
    }


def _refuse_twice():
    return AlreadyDecided("review.already_decided")


@dataclass(frozen=True)
class Progress:
    goals_decided: int
    goals_total: int
    kpis_reviewed: int
    kpis_total: int

    @property
    def done(self) -> bool:
        return self.goals_decided == self.goals_total and self.kpis_reviewed == self.kpis_total


@dataclass
class Item:
    """A goal or a KPI in the review, with what was decided (None: still open)."""

    thing: object
    decision: ReviewDecision | None = None
    form: object = None  # goals: the form that carries it (bound after a refused try)
    checks: list = field(default_factory=list)  # KPIs: their health checks
    progress: object = None  # goals: their final progress (goals.progress.GoalProgress)
    existing: object = None  # goals: the same goal already set up in the new year

    @property
    def failing(self) -> list:
        return [c for c in self.checks if c.ok is False]

    @property
    def open(self) -> bool:
        return self.decision is None


def goals_of(access: Access, year: int):
    """The annual goals of ``year`` the user may carry (all for an admin, own units else)."""
    goals = AnnualGoal.objects.for_org(access.organisation).for_year(year)
    if not access.is_admin:
        goals = goals.filter(unit_id__in=access.managed_unit_ids)
    return goals.select_related("unit", "target_kpi__organisation").order_by("unit__order", "title")


def kpis_of(access: Access, year: int):
    """The KPIs to review: current ones, and those retired in this review (to show it)."""
    retired_here = ReviewDecision.objects.for_org(access.organisation).filter(
        year=year, decision=Decision.RETIRED
    )
    kpis = KPI.objects.for_org(access.organisation).filter(
        ~Q(status=Status.RETIRED) | Q(pk__in=retired_here.values("kpi_id"))
    )
    if not access.is_admin:
        kpis = kpis.filter(unit_id__in=access.managed_unit_ids)
    return kpis.select_related("unit", "organisation").order_by("unit__order", "code")


def _decisions(access: Access, year: int, field: str) -> dict[int, ReviewDecision]:
    rows = ReviewDecision.objects.for_org(access.organisation).for_year(year)
    rows = rows.exclude(**{f"{field}_id": None}).select_related("decided_by", "new_goal")
    return {getattr(row, f"{field}_id"): row for row in rows}


def goal_items(access: Access, year: int, today: date | None = None) -> list[Item]:
    """Last year's goals with their final progress and decision, in a constant number of
    queries."""
    goals = with_progress(goals_of(access, year).prefetch_related("kpis"), today)
    decided = _decisions(access, year, "goal")
    ahead = AnnualGoal.objects.for_org(access.organisation).for_year(year + 1)
    there = {(g.unit_id, g.title): g for g in ahead.only("id", "unit_id", "title", "target_value")}
    return [
        Item(
            goal,
            decided.get(goal.pk),
            progress=progress,
            existing=there.get((goal.unit_id, goal.title)),
        )
        for goal, progress in goals
    ]


def kpi_items(access: Access, year: int, kpis=None) -> list[Item]:
    kpis = list(kpis_of(access, year) if kpis is None else kpis)
    decided = _decisions(access, year, "kpi")
    return [Item(kpi, decided.get(kpi.pk)) for kpi in kpis]


def progress_of(access: Access, year: int) -> Progress:
    goal_ids = set(goals_of(access, year).values_list("pk", flat=True))
    kpi_ids = set(kpis_of(access, year).values_list("pk", flat=True))
    rows = ReviewDecision.objects.for_org(access.organisation).for_year(year)
    decided = list(rows.values_list("goal_id", "kpi_id"))
    return Progress(
        goals_decided=sum(1 for g, _k in decided if g in goal_ids),
        goals_total=len(goal_ids),
        kpis_reviewed=sum(1 for _g, k in decided if k in kpi_ids),
        kpis_total=len(kpi_ids),
    )


def suggested_target(goal: AnnualGoal, existing: AnnualGoal | None = None) -> Decimal | None:
    """The target to start from in the new year: the one already set up for it, else last
    year's target."""
    if existing is not None and existing.target_value is not None:
        return existing.target_value
    return goal.target_value


def new_year_start(kpi: KPI, year: int) -> date:
    """The first day of the KPI's first period of ``year`` (ISO weeks by their ISO year)."""
    return Period(Frequency(kpi.frequency), year, 1).start


# -- decisions --------------------------------------------------------------------------


def _decide(organisation_id: int, year: int, decision: str, *, user, **about) -> ReviewDecision:
    """Record one decision; refused when one was recorded already (in this transaction)."""
    if ReviewDecision.objects.filter(year=year, **about).exists():
        raise _refuse_twice()
    try:
        with transaction.atomic():
            return ReviewDecision.objects.create(
                organisation_id=organisation_id,
                year=year,
                decision=decision,
                decided_by=user if getattr(user, "is_authenticated", False) else None,
                **about,
            )
    except IntegrityError:
        raise _refuse_twice() from None


@transaction.atomic
def carry_goal(goal: AnnualGoal, target_value: Decimal | None, *, user) -> AnnualGoal:
    """Copy the goal into the next year with ``target_value``, and record the decision."""
    decision = _decide(goal.organisation_id, goal.year, Decision.COPIED, user=user, goal=goal)
    new = copy_goal(goal, goal.year + 1, target_value, user=user)
    decision.new_goal = new
    decision.save(update_fields=["new_goal"])
    return new


@transaction.atomic
def drop_goal(goal: AnnualGoal, *, user) -> ReviewDecision:
    """Do not carry the goal into the next year (the goal itself stays, in its own year)."""
    return _decide(goal.organisation_id, goal.year, Decision.DROPPED, user=user, goal=goal)


@transaction.atomic
def keep_kpi(kpi: KPI, year: int, *, user) -> ReviewDecision:
    return _decide(kpi.organisation_id, year, Decision.KEPT, user=user, kpi=kpi)


@transaction.atomic
def retire_kpi(kpi: KPI, year: int, *, user) -> ReviewDecision:
    decision = _decide(kpi.organisation_id, year, Decision.RETIRED, user=user, kpi=kpi)
    set_status(kpi, Status.RETIRED, user=user)
    return decision


@transaction.atomic
def change_kpi(form, year: int, *, user) -> ReviewDecision:
    """Save the new definition (a valid ``KPIForm``); when it changed, its chart starts a new
    segment at the first period of the next year. Unchanged: recorded as kept."""
    kpi = form.instance
    if not form.describe_changes():
        return _decide(kpi.organisation_id, year, Decision.KEPT, user=user, kpi=kpi)
    decision = _decide(kpi.organisation_id, year, Decision.CHANGED, user=user, kpi=kpi)
    kpi = save_definition(form, user=user)
    reason = _("Definition changed in the year-end review of %(year)s") % {"year": year}
    add_level(kpi, new_year_start(kpi, year + 1), reason, user=user, summary=_("New level set"))
    return decision
