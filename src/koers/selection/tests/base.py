"""Shared set-up for the selection tests: a round for Productie led by bob."""

from django.urls import reverse

from koers.selection import rounds
from koers.selection.models import CRITERIA, Round
from koers.testing import KoersTestCase


def values(*numbers) -> dict:
    return dict(zip(CRITERIA, numbers, strict=True))


def score_post(candidate, *numbers) -> dict:
    return {f"c{candidate.pk}-{c}": str(n) for c, n in zip(CRITERIA, numbers, strict=True)}


class SelectionTestCase(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.round = rounds.start_round(
            cls.org, cls.productie, "Welke indicatoren tonen onze leverbetrouwbaarheid?", cls.bob
        )
        cls.proposal = rounds.propose(
            cls.round,
            rounds.Participant(user=cls.carol),
            name="Orders met complete tekening",
            why="Onvolledige tekeningen vertragen de start.",
        )
        cls.catalogue_proposal = rounds.propose(
            cls.round,
            rounds.Participant(user=cls.victor),
            why="Zegt direct iets over de klant.",
            catalogue_key="delivery_reliability",
            lang="nl",
        )

    def url(self, name, *args, round=None):
        round = round or self.round
        return reverse(name, args=[self.org.slug, round.pk, *args])

    def fresh(self, round=None) -> Round:
        return Round.objects.get(pk=(round or self.round).pk)

    def to_phase(self, phase, round=None):
        round = self.fresh(round)
        while round.phase != phase:
            rounds.advance(round)
        return round
