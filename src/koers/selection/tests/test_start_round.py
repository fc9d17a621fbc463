"""start_round: the entry point onboarding uses to open a round seeded from the catalogue."""

from koers.goals.models import AnnualGoal
from koers.selection.models import Phase
from koers.selection.rounds import SelectionError, start_round
from koers.testing import KoersTestCase


class StartRoundTest(KoersTestCase):
    def test_it_starts_a_proposing_round_with_goals_and_seeded_candidates(self):
        goal = AnnualGoal.objects.create(
            organisation=self.org, year=2025, unit=self.company, title="Tevreden klanten"
        )
        round = start_round(
            self.org,
            self.company,
            "Welke indicatoren tonen of we ons jaardoel halen?",
            self.alice,
            goals=[goal],
            seed_keys=["customer_satisfaction", "complaints"],
            lang="nl",
        )
        assert round.phase == Phase.PROPOSING
        assert round.created_by == self.alice
        assert list(round.goals.all()) == [goal]
        names = list(round.candidates.values_list("catalogue_key", "name"))
        assert names[0][0] == "customer_satisfaction"
        assert names[1][0] == "complaints"
        assert all(name for _, name in names)
        assert round.anonymous and len(round.score_salt) == 32

    def test_it_refuses_unknown_catalogue_keys_and_creates_nothing(self):
        with self.assertRaises(SelectionError):
            start_round(self.org, self.company, "Q?", self.alice, seed_keys=["no_such_kpi"])
        assert not self.org.selection_rounds.exists()
