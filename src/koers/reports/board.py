"""A team board for the wall screen: a unit's KPIs with verdict and a one-line reason, and
the team's open actions, readable from three metres, without an account.

In the spirit of the guidance text: KPIs are the team's shared responsibility, shown to
everyone to make things clear, never to blame. So the board names no person: no one who
pulls an action, no one who made the link, no one who entered a value.

Which KPIs: the unit's own, never those of the units below it. A team's board shows the
team's KPIs; a department's or the company's board shows its own KPIs, which are its totals
(roll-ups of the units below), and its own actions. Each unit below has a board of its own:
on a wall screen a handful of tiles is readable from three metres, a whole tree is not. The
way to a unit's board links is on the unit page (``{% board_link access unit %}``), for who
may manage the unit (``Access.can_define``), the same question the board links page asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import formats, timezone, translation

from koers.kpis.models import KPI
from koers.meetings.models import Action
from koers.trends.display import displays

from .models import BoardLink
from .rows import fmt, with_unit

REFRESH_SECONDS = 60  # board.js swaps in the board every minute (a revoked link goes dark)
REASON_CHARS = 120


@dataclass
class Tile:
    code: str
    name: str
    value_text: str
    period_label: str
    verdict: str | None
    verdict_label: str
    reason: str
    sparkline: str


@dataclass
class BoardAction:
    title: str
    status_label: str
    due_text: str
    overdue: bool


@dataclass
class Board:
    organisation_name: str
    unit_name: str
    lang: str
    tiles: list[Tile]
    actions: list[BoardAction]
    updated_text: str
    refresh_seconds: int = REFRESH_SECONDS


def one_line(reason: str, limit: int = REASON_CHARS) -> str:
    """The first sentence of a verdict's reason, cut at a word to fit one line."""
    text = " ".join(reason.split())
    for end in (". ", "; "):
        if end in text:
            text = text.split(end, 1)[0] + ("." if end == ". " else "")
            break
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _tiles(link: BoardLink, lang: str) -> list[Tile]:
    kpis = (
        KPI.objects.for_org(link.organisation)
        .active()
        .filter(unit=link.unit)
        .select_related("unit", "organisation")
        .with_series()
    )
    tiles = []
    for shown in displays(kpis):
        kpi, latest, trend = shown.kpi, shown.latest, shown.trend
        value = fmt(latest.value, kpi.decimals, lang) if latest is not None else ""
        tiles.append(
            Tile(
                code=kpi.code,
                name=kpi.name,
                value_text=with_unit(value, kpi.symbol, kpi.unit_of_measure),
                period_label=shown.latest_period.label(lang) if latest is not None else "",
                verdict=trend.verdict if trend is not None else None,
                verdict_label=str(trend.verdict_label) if trend is not None else "",
                reason=one_line(str(trend.reason)) if trend is not None else "",
                sparkline=shown.sparkline,
            )
        )
    return tiles


def _actions(link: BoardLink, today: date) -> list[BoardAction]:
    actions = Action.objects.for_org(link.organisation).open().filter(unit=link.unit)
    return [
        BoardAction(
            title=action.title,
            status_label=str(action.get_status_display()),
            due_text=formats.date_format(action.due_date, "SHORT_DATE_FORMAT")
            if action.due_date
            else "",
            overdue=action.due_date is not None and action.due_date < today,
        )
        for action in actions.order_by("due_date", "id")
    ]


def board_for(link: BoardLink) -> Board:
    """What the board of a (usable) link shows now, in the link's language."""
    lang = link.lang or "nl"
    with translation.override(lang):
        now = timezone.localtime()
        return Board(
            organisation_name=link.organisation.name,
            unit_name=link.unit.name,
            lang=lang,
            tiles=_tiles(link, lang),
            actions=_actions(link, now.date()),
            updated_text=formats.date_format(now, "SHORT_DATETIME_FORMAT"),
        )
