"""Deciding: select into a draft KPI, merge duplicates, reject with a visible reason."""

from koers import catalogue
from koers.goals.models import AnnualGoal
from koers.kpis.models import KPI, KPIChange
from koers.selection import rounds
from koers.selection.models import Candidate, CandidateStatus, Phase, Score

from .base import SelectionTestCase, values


class DecideTest(SelectionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.goal = AnnualGoal.objects.create(
            organisation=cls.org, year=2025, unit=cls.productie, title="Leverbetrouwbaarheid 95%"
        )
        cls.round.goals.set([cls.goal])
        cls.duplicate = rounds.propose(
            cls.round,
            rounds.Participant(user=cls.bob),
            name="Op tijd geleverd",
            why="Dubbel voorstel.",
        )

    def setUp(self):
        self.to_phase(Phase.SCORING)
        self.login(self.bob)

    def candidate(self, pk):
        return Candidate.objects.select_related("round").get(pk=pk)

    def test_it_selects_a_catalogue_candidate_into_a_draft_kpi_with_its_fields(self):
        self.to_phase(Phase.DECIDING)
        cid = self.catalogue_proposal.pk
        form = self.client.get(self.url("selection_select", cid))
        assert form.context["form"].initial["direction"] == "higher"
        response = self.client.post(
            self.url("selection_select", cid),
            {
                "unit": self.productie.pk,
                "code": "PR-LEV",
                "direction": "higher",
                "unit_of_measure": "percent",
                "frequency": "month",
                "area": "customers",
            },
        )
        kpi = KPI.objects.get(code="PR-LEV")
        self.assertRedirects(response, kpi.get_absolute_url())
        entry = catalogue.get("delivery_reliability")
        assert kpi.status == "draft" and kpi.unit == self.productie
        assert kpi.catalogue_key == "delivery_reliability"
        assert kpi.definition == entry.definition["nl"]
        assert kpi.data_source == entry.data_source["nl"]
        assert kpi.purpose.startswith("Zegt direct iets over de klant.")
        assert entry.insight["nl"] in kpi.purpose
        assert list(kpi.annual_goals.all()) == [self.goal]
        candidate = self.candidate(cid)
        assert candidate.status == CandidateStatus.SELECTED and candidate.kpi == kpi
        assert list(kpi.selection_candidates.all()) == [candidate]
        change = KPIChange.objects.get(kpi=kpi)
        assert self.round.question in change.summary and change.user == self.bob
        page = self.client.get(self.url("selection_round")).content.decode()
        assert "PR-LEV" in page

    def test_it_carries_a_free_text_candidate_over(self):
        self.to_phase(Phase.DECIDING)
        self.client.post(
            self.url("selection_select", self.proposal.pk),
            {
                "unit": self.plaatwerk.pk,
                "code": "PW-TEK",
                "direction": "higher",
                "unit_of_measure": "percent",
                "frequency": "week",
                "area": "production",
            },
        )
        kpi = KPI.objects.get(code="PW-TEK")
        assert kpi.name == "Orders met complete tekening"
        assert kpi.purpose == "Onvolledige tekeningen vertragen de start."
        assert kpi.frequency == "week" and kpi.catalogue_key == ""

    def test_it_refuses_a_taken_code_and_a_unit_the_manager_does_not_lead(self):
        self.to_phase(Phase.DECIDING)
        url = self.url("selection_select", self.proposal.pk)
        data = {
            "unit": self.plaatwerk.pk,
            "code": "pw-1",
            "direction": "higher",
            "unit_of_measure": "count",
            "frequency": "month",
            "area": "production",
        }
        response = self.client.post(url, data)
        assert response.status_code == 400 and "code" in response.context["form"].errors
        response = self.client.post(url, {**data, "code": "VK-9", "unit": self.verkoop.pk})
        assert response.status_code == 400 and "unit" in response.context["form"].errors
        assert not KPI.objects.filter(code__in=["VK-9"]).exists()
        assert self.candidate(self.proposal.pk).status == CandidateStatus.OPEN

    def test_it_decides_only_in_the_deciding_phase(self):
        response = self.client.post(
            self.url("selection_reject", self.proposal.pk), {"reason": "Te vroeg"}
        )
        assert response.status_code == 302
        assert self.candidate(self.proposal.pk).status == CandidateStatus.OPEN
        assert self.client.get(self.url("selection_select", self.proposal.pk)).status_code == 302

    def test_it_merges_a_duplicate_with_its_scores_and_proposer(self):
        carol, victor = (rounds.Participant(user=u) for u in (self.carol, self.victor))
        target = self.candidate(self.catalogue_proposal.pk)
        source = self.candidate(self.duplicate.pk)
        rounds.save_score(target, carol, values(5, 5, 5, 5))
        rounds.save_score(source, carol, values(1, 1, 1, 1))  # scored both: target's stays
        rounds.save_score(source, victor, values(3, 3, 3, 3))  # only the duplicate: moves
        self.to_phase(Phase.DECIDING)
        response = self.client.post(self.url("selection_merge", source.pk), {"target": target.pk})
        assert response.status_code == 302
        source = self.candidate(source.pk)
        assert source.status == CandidateStatus.MERGED and source.merged_into_id == target.pk
        assert sorted(s.values for s in Score.objects.filter(candidate=target)) == [
            (3, 3, 3, 3),
            (5, 5, 5, 5),
        ]
        assert not Score.objects.filter(candidate=source).exists()
        page = self.client.get(self.url("selection_round")).content.decode()
        assert "Op tijd geleverd" in page and "bob" in page  # the merged proposal and proposer
        ranking = self.client.get(self.url("selection_round")).context["ranking"]
        assert [c.pk for c, _ in ranking if c.pk == source.pk] == []

    def test_it_refuses_to_merge_into_itself_or_another_round(self):
        self.to_phase(Phase.DECIDING)
        other = rounds.start_round(self.org, self.plaatwerk, "Andere?", self.bob)
        alien = rounds.propose(other, rounds.Participant(user=self.bob), name="X", why="y")
        for target in (self.duplicate.pk, alien.pk):
            self.client.post(self.url("selection_merge", self.duplicate.pk), {"target": target})
        assert self.candidate(self.duplicate.pk).status == CandidateStatus.OPEN

    def test_it_rejects_with_a_reason_that_stays_visible(self):
        self.to_phase(Phase.DECIDING)
        url = self.url("selection_reject", self.proposal.pk)
        self.client.post(url, {"reason": ""})
        assert self.candidate(self.proposal.pk).status == CandidateStatus.OPEN
        self.client.post(
            url, {"reason": "De tekeningen komen van de klant; wij sturen er niet op."}
        )
        candidate = self.candidate(self.proposal.pk)
        assert candidate.status == CandidateStatus.REJECTED and candidate.decided_by == self.bob
        self.to_phase(Phase.CLOSED)
        self.login(self.victor)
        for name in ("selection_round", "selection_outcome"):
            page = self.client.get(self.url(name)).content.decode()
            assert "Orders met complete tekening" in page
            assert "De tekeningen komen van de klant; wij sturen er niet op." in page
        outcome = self.client.get(self.url("selection_outcome")).content.decode()
        assert "data-print" in outcome and "selection.css" in outcome


class RankingOnThePageTest(SelectionTestCase):
    def test_it_flags_strong_disagreement_as_a_point_to_discuss(self):
        round = self.to_phase(Phase.SCORING)
        target = Candidate.objects.select_related("round").get(pk=self.proposal.pk)
        rounds.save_score(target, rounds.Participant(user=self.carol), values(1, 3, 3, 3))
        rounds.save_score(target, rounds.Participant(user=self.victor), values(5, 3, 3, 3))
        self.to_phase(Phase.DECIDING, round)
        self.login(self.victor)
        response = self.client.get(self.url("selection_round"))
        page = response.content.decode()
        assert (
            "People disagree strongly on:" in page
            or "Hier verschillen de meningen sterk over:" in page
        )
        row = dict((c.pk, r) for c, r in response.context["ranking"])[target.pk]
        assert row.disagreement == ("critical",) and row.combined == 3.0
