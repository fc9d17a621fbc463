"""A whole selection round through the web, as every role."""

import re

from django.urls import reverse

from koers.kpis.models import KPI
from koers.selection.models import Candidate, Phase, Round, Score
from koers.selection.rounds import start_round

from .base import SelectionTestCase, score_post


class StartRoundTest(SelectionTestCase):
    def test_it_lets_a_manager_start_a_round_for_their_unit_only(self):
        self.login(self.bob)
        url = reverse("selection_create", args=[self.org.slug])
        response = self.client.post(url, {"unit": self.company.pk, "question": "Q?"})
        assert response.status_code == 200
        assert "unit" in response.context["form"].errors
        response = self.client.post(
            url, {"unit": self.plaatwerk.pk, "question": "Wat meten we in plaatwerk?"}
        )
        round = Round.objects.get(question="Wat meten we in plaatwerk?")
        self.assertRedirects(response, round.get_absolute_url())
        assert round.unit == self.plaatwerk and round.created_by == self.bob
        # The box was not ticked, so scores show names; the form ticks it by default.
        assert round.phase == Phase.PROPOSING and not round.anonymous
        form = self.client.get(url).content.decode()
        assert re.search(r"<input[^>]*name=\"anonymous\"[^>]*checked", form)

    def test_it_lets_the_admin_start_a_company_round_with_annual_goals(self):
        from koers.goals.models import AnnualGoal

        goal = AnnualGoal.objects.create(
            organisation=self.org, year=2025, unit=self.company, title="Tevreden klanten"
        )
        self.login(self.alice)
        response = self.client.post(
            reverse("selection_create", args=[self.org.slug]),
            {
                "unit": self.company.pk,
                "question": "Wat zegt of klanten tevreden zijn?",
                "goals": [goal.pk],
                "anonymous": "on",
            },
        )
        round = Round.objects.get(question="Wat zegt of klanten tevreden zijn?")
        assert response.status_code == 302
        assert list(round.goals.all()) == [goal]
        page = self.client.get(round.get_absolute_url()).content.decode()
        assert "Tevreden klanten" in page

    def test_it_forbids_members_and_viewers_to_start_a_round(self):
        for user in (self.carol, self.victor):
            self.login(user)
            url = reverse("selection_create", args=[self.org.slug])
            assert self.client.get(url).status_code == 403
            assert (
                self.client.post(url, {"unit": self.verkoop.pk, "question": "Q"}).status_code == 403
            )


class ListTest(SelectionTestCase):
    def test_it_lists_rounds_with_counts_in_a_fixed_number_of_queries(self):
        self.login(self.victor)
        url = reverse("selection", args=[self.org.slug])
        self.client.get(url)
        with self.assertNumQueries(5):
            self.client.get(url)
        start_round(self.org, self.verkoop, "Tweede ronde?", self.alice)
        with self.assertNumQueries(5):
            response = self.client.get(url)
        page = response.content.decode()
        assert "Welke indicatoren tonen onze leverbetrouwbaarheid?" in page
        assert "Productie" in page
        assert "Start a round" not in page and "Ronde starten" not in page


class WholeRoundTest(SelectionTestCase):
    def test_it_runs_a_round_from_proposing_to_closed(self):
        # Proposing: everyone in the organisation may propose.
        self.login(self.carol)
        response = self.client.post(
            self.url("selection_propose"),
            {"name": "Doorlooptijd werkvoorbereiding", "why": "Daar begint de vertraging."},
        )
        assert response.status_code == 302
        self.login(self.victor)
        self.client.post(
            self.url("selection_propose"),
            {"catalogue_key": "on_time_production", "why": "De werkplaats ziet het meteen."},
        )
        victor_pick = Candidate.objects.get(round=self.round, catalogue_key="on_time_production")
        assert victor_pick.name == "Productie op tijd gereed" or victor_pick.name
        assert victor_pick.proposed_by == self.victor
        page = self.client.get(self.round.get_absolute_url()).content.decode()
        assert "Doorlooptijd werkvoorbereiding" in page and "Daar begint de vertraging." in page

        # Only the lead moves the round on.
        for user in (self.carol, self.victor):
            self.login(user)
            assert self.client.post(self.url("selection_to_scoring")).status_code == 403
        self.login(self.bob)
        self.client.post(self.url("selection_to_scoring"))
        assert self.fresh().phase == Phase.SCORING

        # Proposing is over.
        self.login(self.carol)
        self.client.post(self.url("selection_propose"), {"name": "Te laat", "why": "x"})
        assert not Candidate.objects.filter(name="Te laat").exists()

        # Scoring: each participant scores, and can change their scores.
        target = self.proposal
        for user, numbers in ((self.carol, (2, 2, 2, 2)), (self.victor, (4, 4, 4, 4))):
            self.login(user)
            response = self.client.post(
                self.url("selection_score", target.pk), score_post(target, *numbers)
            )
            assert response.status_code == 302
        self.login(self.carol)
        self.client.post(self.url("selection_score", target.pk), score_post(target, 5, 4, 3, 2))
        assert Score.objects.filter(candidate=target).count() == 2
        page = self.client.get(self.round.get_absolute_url()).content.decode()
        assert "Change my scores" in page or "Mijn scores wijzigen" in page

        # Deciding: the ranking shows means per criterion and the combined score.
        self.login(self.bob)
        self.client.post(self.url("selection_to_deciding"))
        self.login(self.carol)
        self.client.post(self.url("selection_score", target.pk), score_post(target, 1, 1, 1, 1))
        assert set(Score.objects.filter(candidate=target).values_list("critical", flat=True)) == {
            4,
            5,
        }
        response = self.client.get(self.round.get_absolute_url())
        ranking = response.context["ranking"]
        first, row = ranking[0]
        assert first == target and row.count == 2
        # (5,4,3,2) and (4,4,4,4): means 4.5, 4, 3.5, 3 → combined 3.75
        assert row.combined == 3.75
        assert "3,75" in response.content.decode()
        assert "Select: make it a draft KPI" not in response.content.decode()

        # Only the lead decides and closes.
        for name in ("selection_reject", "selection_merge"):
            assert self.client.post(self.url(name, target.pk), {"reason": "x"}).status_code == 403
        assert self.client.get(self.url("selection_select", target.pk)).status_code == 403
        assert self.client.post(self.url("selection_close")).status_code == 403

        self.login(self.bob)
        response = self.client.post(
            self.url("selection_select", target.pk),
            {
                "unit": self.plaatwerk.pk,
                "code": "PW-TEK",
                "direction": "higher",
                "unit_of_measure": "percent",
                "frequency": "month",
                "area": "production",
            },
        )
        kpi = KPI.objects.get(code="PW-TEK")
        self.assertRedirects(response, kpi.get_absolute_url())
        assert kpi.status == "draft" and kpi.unit == self.plaatwerk
        self.client.post(self.url("selection_close"))
        round = self.fresh()
        assert round.phase == Phase.CLOSED and round.closed_at is not None
        outcome = self.client.get(self.url("selection_outcome")).content.decode()
        assert "Orders met complete tekening" in outcome and "PW-TEK" in outcome
        # A closed round stays readable for everyone, but nothing moves any more.
        self.login(self.victor)
        assert self.client.get(self.url("selection_outcome")).status_code == 200
        self.login(self.bob)
        self.client.post(self.url("selection_close"))
        assert self.fresh().phase == Phase.CLOSED

    def test_it_lets_the_lead_remove_spam_while_proposing_only(self):
        self.login(self.carol)
        url = self.url("selection_candidate_delete", self.proposal.pk)
        assert self.client.post(url).status_code == 403
        self.login(self.bob)
        self.client.post(url)
        assert not Candidate.objects.filter(pk=self.proposal.pk).exists()
        self.to_phase(Phase.SCORING)
        self.client.post(self.url("selection_candidate_delete", self.catalogue_proposal.pk))
        assert Candidate.objects.filter(pk=self.catalogue_proposal.pk).exists()

    def test_it_lets_the_lead_set_weights_that_change_the_ranking(self):
        self.login(self.carol)
        data = {
            "weight_critical": 3,
            "weight_leverage": 1,
            "weight_motivating": 1,
            "weight_ease": 0,
        }
        assert self.client.post(self.url("selection_weights"), data).status_code == 403
        self.login(self.bob)
        self.client.post(self.url("selection_weights"), data)
        assert self.fresh().weights == {"critical": 3, "leverage": 1, "motivating": 1, "ease": 0}
        zero = dict.fromkeys(data, 0)
        self.client.post(self.url("selection_weights"), zero)
        assert self.fresh().weight_critical == 3

    def test_it_lets_an_admin_lead_any_round(self):
        self.login(self.alice)
        self.client.post(self.url("selection_to_scoring"))
        assert self.fresh().phase == Phase.SCORING
        assert self.client.get(self.url("selection_links")).status_code == 200
        assert self.client.get(self.url("selection_edit")).status_code == 200


class OtherOrganisationTest(SelectionTestCase):
    def test_it_hides_every_selection_page_from_charlie(self):
        self.login(self.charlie)
        cid = self.proposal.pk
        gets = [
            reverse("selection", args=[self.org.slug]),
            reverse("selection_create", args=[self.org.slug]),
            reverse("catalogue", args=[self.org.slug]),
            reverse("catalogue_kpi", args=[self.org.slug, "complaints"]),
            self.url("selection_round"),
            self.url("selection_edit"),
            self.url("selection_outcome"),
            self.url("selection_links"),
            self.url("selection_select", cid),
        ]
        for url in gets:
            assert self.client.get(url).status_code == 404, url
        posts = [
            reverse("catalogue_propose", args=[self.org.slug, "complaints"]),
            self.url("selection_weights"),
            self.url("selection_to_scoring"),
            self.url("selection_to_deciding"),
            self.url("selection_close"),
            self.url("selection_propose"),
            self.url("selection_score", cid),
            self.url("selection_candidate_delete", cid),
            self.url("selection_merge", cid),
            self.url("selection_reject", cid),
            self.url("selection_link_create"),
        ]
        for url in posts:
            assert self.client.post(url, {"why": "x", "name": "x"}).status_code == 404, url
        assert Candidate.objects.filter(round=self.round).count() == 2
        # And charlie's own organisation does not see Acme's round through its slug.
        url = reverse("selection_round", args=[self.other.slug, self.round.pk])
        assert self.client.get(url).status_code == 404
