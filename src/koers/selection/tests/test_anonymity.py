"""Anonymous scores: neither the pages nor the database tell who scored what."""

from koers.selection import rounds
from koers.selection.models import Candidate, Phase, Score

from .base import SelectionTestCase, score_post, values


class AnonymityTest(SelectionTestCase):
    def score_as(self, user, *numbers):
        self.login(user)
        self.client.post(
            self.url("selection_score", self.proposal.pk), score_post(self.proposal, *numbers)
        )

    def test_it_stores_no_person_with_anonymous_scores(self):
        self.to_phase(Phase.SCORING)
        self.score_as(self.carol, 1, 2, 3, 4)
        self.score_as(self.victor, 4, 3, 2, 1)
        scores = list(Score.objects.filter(candidate=self.proposal))
        assert len(scores) == 2
        for score in scores:
            assert score.user_id is None and score.link_id is None
            assert len(score.participant) == 64
            assert str(self.carol.pk) != score.participant
        # While scoring, the keyed hash lets carol change her own scores, once.
        self.score_as(self.carol, 5, 5, 5, 5)
        assert Score.objects.filter(candidate=self.proposal).count() == 2

    def test_it_erases_the_key_when_scoring_ends(self):
        round = self.to_phase(Phase.SCORING)
        self.score_as(self.carol, 1, 2, 3, 4)
        carol = rounds.Participant(user=self.carol)
        assert Score.objects.filter(participant=rounds.participant_key(round, carol)).exists()
        round = self.to_phase(Phase.DECIDING)
        assert round.score_salt == ""
        # With the round's salt gone, the hash can no longer be recomputed for anyone.
        for user in self.everyone():
            key = rounds.participant_key(round, rounds.Participant(user=user))
            assert not Score.objects.filter(participant=key).exists()

    def test_it_shows_no_names_with_scores_even_to_the_admin(self):
        self.to_phase(Phase.SCORING)
        self.score_as(self.carol, 1, 1, 1, 1)
        self.score_as(self.victor, 5, 5, 5, 5)
        self.to_phase(Phase.DECIDING)
        self.login(self.alice)
        for name in ("selection_round", "selection_outcome"):
            response = self.client.get(self.url(name))
            page = response.content.decode()
            assert "named_scores" not in response.context
            assert "Who scored what" not in page and "Wie gaf welke score" not in page
            # The proposers are named; the scorers are not.
            if name == "selection_round":
                assert "victor" in page  # proposed the catalogue candidate
            assert "<td>carol</td>" not in page and "<td>victor</td>" not in page

    def test_it_shows_names_when_the_round_is_not_anonymous(self):
        round = self.fresh()
        round.anonymous = False
        round.save()
        self.to_phase(Phase.SCORING)
        candidate = Candidate.objects.get(pk=self.proposal.pk)
        rounds.save_score(candidate, rounds.Participant(user=self.carol), values(2, 3, 4, 5))
        score = Score.objects.get()
        assert score.user == self.carol
        self.to_phase(Phase.DECIDING)
        self.login(self.victor)
        page = self.client.get(self.url("selection_round")).content.decode()
        assert "<td>carol</td>" in page

    def test_it_fixes_anonymity_once_scoring_starts(self):
        self.to_phase(Phase.SCORING)
        self.login(self.bob)
        self.client.post(self.url("selection_edit"), {"question": "Nieuwe vraag?"})
        round = self.fresh()
        assert round.question == "Nieuwe vraag?" and round.anonymous
