"""Selection rounds: choosing KPIs together from a long list (gros-lijst).

The guidance text asks to brainstorm with employees and customers, let a long
list emerge, and select from it with four criteria: critical for our result,
leverage (hefboomkracht), motivating, and ease of keeping it up to date.

- ``Round``: a question for the company or a unit, the annual goals it serves,
  a phase (proposing → scoring → deciding → closed) and the criteria weights.
- ``Candidate``: a proposed indicator (free text or from the catalogue) and,
  once decided, what became of it (selected → draft KPI, merged, rejected).
- ``Score``: one participant's 1–5 scores on the four criteria for one candidate.
  In an anonymous round only a keyed hash identifies the participant (see
  ``rounds.participant_key``).
- ``StakeholderLink``: a personal link for an outside customer or supplier;
  only a hash of its token is stored.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from koers.goals.models import AnnualGoal
from koers.kpis.models import KPI
from koers.organisations.models import Organisation, Unit

CRITERIA = ("critical", "leverage", "motivating", "ease")
CRITERIA_LABELS = {
    "critical": _("critical for our result"),
    "leverage": _("leverage"),
    "motivating": _("motivating"),
    "ease": _("easy to keep up to date"),
}
CRITERIA_HELP = {
    "critical": _("Does it tell whether we reach our result and succeed?"),
    "leverage": _("Does improving it move much else with it?"),
    "motivating": _("Do the people doing the work want to improve it?"),
    "ease": _("Can we keep the number up to date without much effort?"),
}
SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
WEIGHT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(10)]


class Phase(models.TextChoices):
    PROPOSING = "proposing", _("proposing")
    SCORING = "scoring", _("scoring")
    DECIDING = "deciding", _("deciding")
    CLOSED = "closed", _("closed")


NEXT_PHASE = {
    Phase.PROPOSING: Phase.SCORING,
    Phase.SCORING: Phase.DECIDING,
    Phase.DECIDING: Phase.CLOSED,
}


class RoundQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation) -> RoundQuerySet:
        return self.filter(organisation=organisation)

    def open(self) -> RoundQuerySet:
        return self.exclude(phase=Phase.CLOSED)


class Round(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        models.CASCADE,
        related_name="selection_rounds",
        verbose_name=_("organisation"),
    )
    unit = models.ForeignKey(
        Unit,
        models.PROTECT,
        related_name="selection_rounds",
        verbose_name=_("for"),
        help_text=_("The company as a whole or the unit the KPIs are chosen for."),
    )
    question = models.CharField(
        _("question"),
        max_length=300,
        help_text=_("For example: which indicators tell us whether we reach annual goal X?"),
    )
    description = models.TextField(_("explanation"), blank=True, max_length=3000)
    goals = models.ManyToManyField(
        AnnualGoal, blank=True, related_name="selection_rounds", verbose_name=_("annual goals")
    )
    phase = models.CharField(
        _("phase"), max_length=10, choices=Phase.choices, default=Phase.PROPOSING
    )
    anonymous = models.BooleanField(
        _("anonymous scores"),
        default=True,
        help_text=_(
            "Nobody, not even the manager, sees who gave which score. "
            "Can only be changed before scoring starts."
        ),
    )
    weight_critical = models.PositiveSmallIntegerField(
        _("weight: critical for our result"), default=1, validators=WEIGHT_VALIDATORS
    )
    weight_leverage = models.PositiveSmallIntegerField(
        _("weight: leverage"), default=1, validators=WEIGHT_VALIDATORS
    )
    weight_motivating = models.PositiveSmallIntegerField(
        _("weight: motivating"), default=1, validators=WEIGHT_VALIDATORS
    )
    weight_ease = models.PositiveSmallIntegerField(
        _("weight: easy to keep up to date"), default=1, validators=WEIGHT_VALIDATORS
    )
    # Random per round; part of the key that hashes participants of anonymous
    # scores. Erased when scoring ends, so afterwards nobody can link scores to people.
    score_salt = models.CharField(_("score salt"), max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("selection round")
        verbose_name_plural = _("selection rounds")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("selection_round", args=[self.organisation.slug, self.pk])

    @property
    def weights(self) -> dict[str, int]:
        return {c: getattr(self, f"weight_{c}") for c in CRITERIA}

    @property
    def next_phase(self) -> str | None:
        return NEXT_PHASE.get(self.phase)

    @property
    def is_proposing(self) -> bool:
        return self.phase == Phase.PROPOSING

    @property
    def is_scoring(self) -> bool:
        return self.phase == Phase.SCORING

    @property
    def is_deciding(self) -> bool:
        return self.phase == Phase.DECIDING

    @property
    def is_closed(self) -> bool:
        return self.phase == Phase.CLOSED


class LinkKind(models.TextChoices):
    CUSTOMER = "customer", _("customer")
    SUPPLIER = "supplier", _("supplier")
    OTHER = "other", _("other")


class StakeholderLinkQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation) -> StakeholderLinkQuerySet:
        return self.filter(organisation=organisation)


class StakeholderLink(models.Model):
    """A personal link that lets one outside stakeholder propose and score in one round."""

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    round = models.ForeignKey(
        Round, models.CASCADE, related_name="links", verbose_name=_("selection round")
    )
    name = models.CharField(
        _("name"), max_length=120, help_text=_("Who gets the link, e.g. a customer's name.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=LinkKind.choices)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    # Rate limit: writes in the current one-minute window.
    window_start = models.DateTimeField(null=True, blank=True, editable=False)
    window_count = models.PositiveIntegerField(default=0, editable=False)

    objects = StakeholderLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("stakeholder link")
        verbose_name_plural = _("stakeholder links")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class CandidateStatus(models.TextChoices):
    OPEN = "open", _("open")
    SELECTED = "selected", _("selected")
    MERGED = "merged", _("merged")
    REJECTED = "rejected", _("rejected")


class CandidateQuerySet(models.QuerySet):
    def for_org(self, organisation: Organisation) -> CandidateQuerySet:
        return self.filter(organisation=organisation)

    def rankable(self) -> CandidateQuerySet:
        """Candidates that take part in the ranking (merged ones live on in their target)."""
        return self.exclude(status=CandidateStatus.MERGED)


class Candidate(models.Model):
    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    round = models.ForeignKey(
        Round, models.CASCADE, related_name="candidates", verbose_name=_("selection round")
    )
    name = models.CharField(_("indicator"), max_length=200)
    why = models.TextField(_("why it matters"), blank=True, max_length=2000)
    how_to_measure = models.TextField(_("how to measure it"), blank=True, max_length=2000)
    catalogue_key = models.CharField(_("catalogue entry"), max_length=60, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_by_link = models.ForeignKey(
        StakeholderLink,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidates",
        verbose_name=_("proposed through link"),
    )
    status = models.CharField(
        _("decision"), max_length=10, choices=CandidateStatus.choices, default=CandidateStatus.OPEN
    )
    reject_reason = models.TextField(_("why we don't measure this"), blank=True, max_length=2000)
    merged_into = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("merged into"),
    )
    kpi = models.ForeignKey(
        KPI,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="selection_candidates",
        verbose_name=_("KPI"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)

    objects = CandidateQuerySet.as_manager()

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def proposer_label(self) -> str:
        if self.proposed_by_link_id:
            link = self.proposed_by_link
            return f"{link.name} ({link.get_kind_display()})"
        if self.proposed_by_id:
            user = self.proposed_by
            return user.get_full_name() or user.get_username()
        return ""


class Score(models.Model):
    """One participant's scores for one candidate.

    ``participant`` is a keyed hash (see ``rounds.participant_key``): it only
    prevents double scoring. ``user`` and ``link`` are filled only in rounds
    that are not anonymous.
    """

    organisation = models.ForeignKey(
        Organisation, models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    candidate = models.ForeignKey(
        Candidate, models.CASCADE, related_name="scores", verbose_name=_("candidate")
    )
    participant = models.CharField(_("participant"), max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    link = models.ForeignKey(
        StakeholderLink,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stakeholder link"),
    )
    critical = models.PositiveSmallIntegerField(
        CRITERIA_LABELS["critical"], validators=SCORE_VALIDATORS
    )
    leverage = models.PositiveSmallIntegerField(
        CRITERIA_LABELS["leverage"], validators=SCORE_VALIDATORS
    )
    motivating = models.PositiveSmallIntegerField(
        CRITERIA_LABELS["motivating"], validators=SCORE_VALIDATORS
    )
    ease = models.PositiveSmallIntegerField(CRITERIA_LABELS["ease"], validators=SCORE_VALIDATORS)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "participant"], name="one_score_per_participant"
            ),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{c}__gte": 1, f"{c}__lte": 5}),
                    name=f"score_{c}_1_to_5",
                )
                for c in CRITERIA
            ],
        ]

    def __str__(self) -> str:
        return f"{self.candidate_id}: " + "/".join(str(getattr(self, c)) for c in CRITERIA)

    @property
    def values(self) -> tuple[int, int, int, int]:
        return tuple(getattr(self, c) for c in CRITERIA)
