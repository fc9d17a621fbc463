"""What happens in a selection round: start, propose, score, move on, decide.

Views, the demo and onboarding call these plain functions; they check the
phase, not the user's rights (the views do that).

Anonymity: a score is stored with ``participant = HMAC-SHA256(key, round id +
participant id)`` where the key is the server's SECRET_KEY plus a random salt
of the round. In an anonymous round that hash is all that is stored about the
scorer: it lets the same person change their scores and prevents double
scoring, but reading the database does not tell who scored what. When scoring
ends the salt is erased, after which even someone holding both the database
and the server's secret key can no longer link a score to a person.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from koers import catalogue
from koers.errors import CodedError
from koers.fields import current_lang
from koers.kpis.changes import kpi_created
from koers.kpis.models import KPI, Status, fields_from_catalogue

from . import ranking
from .models import (
    CRITERIA,
    Candidate,
    CandidateStatus,
    Phase,
    Round,
    Score,
    StakeholderLink,
)

RATE_LIMIT_WRITES = 20  # per stakeholder link per minute
RATE_WINDOW = timedelta(minutes=1)
MAX_CANDIDATES_PER_LINK = 25


class SelectionError(CodedError):
    """A step that the round's phase or the candidate's state does not allow."""

    MESSAGES = {
        "not_proposing": _("Proposing is closed in this round."),
        "not_scoring": _("Scoring is not open in this round."),
        "not_deciding": _("Decisions are taken in the deciding phase."),
        "closed": _("This round is closed."),
        "decided": _("A decision was already taken on this candidate."),
        "same_candidate": _("Choose another candidate to merge into."),
        "other_round": _("That candidate belongs to another round."),
        "too_many": _("This link has proposed the maximum number of candidates."),
        "unknown_entry": _("That entry is not in the catalogue."),
    }

    def template(self, code: str, lang: str) -> str:
        with translation.override(lang):
            return str(self.MESSAGES.get(code, code))


@dataclass(frozen=True)
class Participant:
    """Who proposes or scores: a logged-in user or an outside stakeholder link."""

    user: object | None = None
    link: StakeholderLink | None = None

    @property
    def ident(self) -> str:
        return f"s:{self.link.pk}" if self.link is not None else f"u:{self.user.pk}"


def participant_key(round: Round, participant: Participant) -> str:
    """The keyed hash that identifies a participant's scores within one round."""
    key = (settings.SECRET_KEY + round.score_salt).encode()
    message = f"{round.pk}:{participant.ident}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _lang(lang: str | None) -> str:
    return lang or current_lang()


@transaction.atomic
def start_round(
    organisation,
    unit,
    question: str,
    user,
    goals=(),
    seed_keys=(),
    *,
    description: str = "",
    anonymous: bool = True,
    lang: str | None = None,
) -> Round:
    """Start a round in the proposing phase, optionally seeded with catalogue entries.

    Seeded candidates carry the entry's name (in lang, default the active language)
    and key; they have no proposer. Unknown keys raise SelectionError("unknown_entry").
    """
    lang = _lang(lang)
    entries = []
    for key in seed_keys:
        try:
            entries.append(catalogue.get(key))
        except catalogue.UnknownEntryError:
            raise SelectionError("unknown_entry") from None
    round = Round.objects.create(
        organisation=organisation,
        unit=unit,
        question=question,
        description=description,
        anonymous=anonymous,
        created_by=user,
        score_salt=secrets.token_hex(16),
    )
    if goals:
        round.goals.set(goals)
    for entry in entries:
        Candidate.objects.create(
            organisation=organisation,
            round=round,
            name=entry.text("name", lang),
            catalogue_key=entry.key,
        )
    return round


def propose(
    round: Round,
    participant: Participant,
    *,
    name: str = "",
    why: str,
    how_to_measure: str = "",
    catalogue_key: str = "",
    lang: str | None = None,
) -> Candidate:
    """Add a candidate (free text, or a catalogue entry whose name is used when name is empty)."""
    if not round.is_proposing:
        raise SelectionError("not_proposing")
    if catalogue_key:
        try:
            entry = catalogue.get(catalogue_key)
        except catalogue.UnknownEntryError:
            raise SelectionError("unknown_entry") from None
        name = name or entry.text("name", _lang(lang))
    if participant.link is not None:
        if participant.link.candidates.count() >= MAX_CANDIDATES_PER_LINK:
            raise SelectionError("too_many")
    return Candidate.objects.create(
        organisation=round.organisation,
        round=round,
        name=name,
        why=why,
        how_to_measure=how_to_measure,
        catalogue_key=catalogue_key,
        proposed_by=participant.user,
        proposed_by_link=participant.link,
    )


def save_score(
    candidate: Candidate, participant: Participant, values: dict[str, int]
) -> tuple[Score, bool]:
    """Store or change the participant's scores for a candidate; (score, created)."""
    round = candidate.round
    if not round.is_scoring:
        raise SelectionError("not_scoring")
    if candidate.status != CandidateStatus.OPEN:
        raise SelectionError("decided")
    defaults = {c: int(values[c]) for c in CRITERIA}
    if not round.anonymous:
        defaults["user"] = participant.user
        defaults["link"] = participant.link
    return Score.objects.update_or_create(
        organisation=round.organisation,
        candidate=candidate,
        participant=participant_key(round, participant),
        defaults=defaults,
    )


def own_scores(round: Round, participant: Participant) -> dict[int, Score]:
    """The participant's own score sets in the round, by candidate id."""
    if not round.score_salt and round.anonymous:
        return {}
    key = participant_key(round, participant)
    scores = Score.objects.filter(candidate__round=round, participant=key)
    return {s.candidate_id: s for s in scores}


def scored_count(round: Round, participant: Participant) -> int:
    return len(own_scores(round, participant))


@transaction.atomic
def advance(round: Round) -> Round:
    """Move the round to its next phase. Leaving scoring erases the anonymity salt."""
    following = round.next_phase
    if following is None:
        raise SelectionError("closed")
    fields = ["phase"]
    if round.phase == Phase.SCORING:
        round.score_salt = ""
        fields.append("score_salt")
    if following == Phase.CLOSED:
        round.closed_at = timezone.now()
        fields.append("closed_at")
    round.phase = following
    round.save(update_fields=fields)
    return round


def ranking_for(round: Round, candidates=None) -> list[tuple[Candidate, ranking.Ranked]]:
    """Each rankable candidate with its place, best first (two queries)."""
    if candidates is None:
        candidates = list(
            round.candidates.rankable().select_related("proposed_by", "proposed_by_link", "kpi")
        )
    by_id = {c.pk: c for c in candidates}
    sets: dict[int, list[tuple[int, ...]]] = {c.pk: [] for c in candidates}
    rows = Score.objects.filter(candidate_id__in=by_id).values_list("candidate_id", *CRITERIA)
    for candidate_id, *values in rows:
        sets[candidate_id].append(tuple(values))
    ranked = ranking.rank([(c.pk, sets[c.pk]) for c in candidates], round.weights)
    return [(by_id[r.key], r) for r in ranked]


def _require_open_decision(candidate: Candidate) -> None:
    if not candidate.round.is_deciding:
        raise SelectionError("not_deciding")
    if candidate.status != CandidateStatus.OPEN:
        raise SelectionError("decided")


def kpi_fields(candidate: Candidate, lang: str | None = None) -> dict:
    """KPI field values from the candidate's text and, if any, its catalogue entry."""
    lang = _lang(lang)
    fields: dict = {}
    if candidate.catalogue_key:
        try:
            fields = fields_from_catalogue(catalogue.get(candidate.catalogue_key), lang)
        except catalogue.UnknownEntryError:
            fields = {}
    parts = (candidate.how_to_measure, fields.get("definition", ""))
    definition = "\n\n".join(p for p in parts if p)
    purpose = "\n\n".join(p for p in (candidate.why, fields.get("purpose", "")) if p)
    fields.update(
        name=candidate.name,
        definition=definition or candidate.why or candidate.name,
        purpose=purpose,
    )
    return fields


@transaction.atomic
def select_candidate(
    candidate: Candidate, *, unit, code: str, user, overrides=None, lang: str | None = None
) -> KPI:
    """Turn the candidate into a draft KPI of the unit; link it to the round's annual goals."""
    _require_open_decision(candidate)
    round = candidate.round
    fields = kpi_fields(candidate, lang)
    fields.update(overrides or {})
    kpi = KPI.objects.create(
        organisation=round.organisation, unit=unit, code=code, status=Status.DRAFT, **fields
    )
    for goal in round.goals.all():
        goal.kpis.add(kpi)
    summary = str(_("Chosen in selection round “%(question)s”")) % {"question": round.question}
    kpi_created(kpi, user=user, summary=summary)
    candidate.status = CandidateStatus.SELECTED
    candidate.kpi = kpi
    candidate.decided_by = user
    candidate.decided_at = timezone.now()
    candidate.save(update_fields=["status", "kpi", "decided_by", "decided_at"])
    return kpi


@transaction.atomic
def merge_candidates(source: Candidate, target: Candidate, user) -> Candidate:
    """Merge a duplicate into another candidate of the same round.

    The duplicate's scores move to the target, except where the same participant
    scored both (then the target's own score stays); its proposer and reason stay
    visible on the target through ``target.merged``.
    """
    _require_open_decision(source)
    if target.pk == source.pk:
        raise SelectionError("same_candidate")
    if target.round_id != source.round_id:
        raise SelectionError("other_round")
    if target.status != CandidateStatus.OPEN:
        raise SelectionError("decided")
    taken = set(target.scores.values_list("participant", flat=True))
    source.scores.exclude(participant__in=taken).update(candidate=target)
    source.scores.all().delete()
    Candidate.objects.filter(merged_into=source).update(merged_into=target)
    source.status = CandidateStatus.MERGED
    source.merged_into = target
    source.decided_by = user
    source.decided_at = timezone.now()
    source.save(update_fields=["status", "merged_into", "decided_by", "decided_at"])
    return target


def reject_candidate(candidate: Candidate, reason: str, user) -> Candidate:
    """Reject with a reason that stays visible: why we don't measure this."""
    _require_open_decision(candidate)
    candidate.status = CandidateStatus.REJECTED
    candidate.reject_reason = reason
    candidate.decided_by = user
    candidate.decided_at = timezone.now()
    candidate.save(update_fields=["status", "reject_reason", "decided_by", "decided_at"])
    return candidate


# ---------------------------------------------------------------- stakeholder links


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_link(round: Round, *, name: str, kind: str, user) -> tuple[StakeholderLink, str]:
    """A new link; returns it with its token, which is not stored and cannot be shown again."""
    token = secrets.token_urlsafe(24)
    link = StakeholderLink.objects.create(
        organisation=round.organisation,
        round=round,
        name=name,
        kind=kind,
        token_hash=hash_token(token),
        created_by=user,
    )
    return link, token


def find_link(token: str) -> StakeholderLink | None:
    """The link with this token (active or not), or None. Compares in constant time."""
    if not token or len(token) > 100:
        return None
    digest = hash_token(token)
    link = (
        StakeholderLink.objects.select_related("round", "round__organisation", "round__unit")
        .filter(token_hash=digest)
        .first()
    )
    if link is None or not hmac.compare_digest(link.token_hash, digest):
        return None
    return link


def allow_write(link: StakeholderLink, now=None) -> bool:
    """Count one write for the link; False when it exceeds RATE_LIMIT_WRITES a minute.

    Two conditional UPDATEs keep this correct when requests arrive at once.
    """
    now = now or timezone.now()
    links = StakeholderLink.objects.filter(pk=link.pk)
    counted = links.filter(
        window_start__gt=now - RATE_WINDOW, window_count__lt=RATE_LIMIT_WRITES
    ).update(window_count=F("window_count") + 1, last_used_at=now)
    if counted:
        return True
    restarted = links.filter(Q(window_start__isnull=True) | Q(window_start__lte=now - RATE_WINDOW))
    return bool(restarted.update(window_start=now, window_count=1, last_used_at=now))
