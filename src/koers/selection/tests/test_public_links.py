"""Outside stakeholders through a personal link: what they can do, and what they cannot."""

import re
from unittest import mock

from django.test import Client
from django.urls import reverse

from koers.selection import rounds
from koers.selection.models import Candidate, Phase, Score, StakeholderLink

from .base import SelectionTestCase, score_post


class LinkManagementTest(SelectionTestCase):
    def test_it_shows_a_new_link_once_and_stores_only_its_hash(self):
        self.login(self.bob)
        response = self.client.post(
            self.url("selection_link_create"), {"name": "Klant De Vries", "kind": "customer"}
        )
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store"
        page = response.content.decode()
        url = re.search(r'value="(http://testserver/s/([^/"]+)/)"', page)
        assert url, page
        token = url.group(2)
        link = StakeholderLink.objects.get(name="Klant De Vries")
        assert link.kind == "customer" and link.active and link.created_by == self.bob
        assert link.token_hash == rounds.hash_token(token) and token not in link.token_hash
        # The list page later does not show the token again.
        later = self.client.get(self.url("selection_links")).content.decode()
        assert "Klant De Vries" in later and token not in later

    def test_it_lets_only_the_lead_manage_links(self):
        link, _ = rounds.create_link(self.round, name="L", kind="supplier", user=self.bob)
        for user in (self.carol, self.victor):
            self.login(user)
            assert self.client.get(self.url("selection_links")).status_code == 403
            post = self.client.post(
                self.url("selection_link_create"), {"name": "x", "kind": "other"}
            )
            assert post.status_code == 403
            assert self.client.post(self.url("selection_link_off", link.pk)).status_code == 403
        assert StakeholderLink.objects.filter(round=self.round).count() == 1
        assert StakeholderLink.objects.get(pk=link.pk).active


class StakeholderTest(SelectionTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.link, cls.token = rounds.create_link(
            cls.round, name="Machinefabriek De Vries", kind="customer", user=cls.bob
        )
        cls.other_round = rounds.start_round(cls.org, cls.verkoop, "Geheime vraag?", cls.alice)
        cls.other_candidate = rounds.propose(
            cls.other_round, rounds.Participant(user=cls.alice), name="Geheim", why="intern"
        )

    def setUp(self):
        self.public = Client()

    def page(self, name="selection_public", *args):
        return reverse(name, args=[self.token, *args])

    def test_it_opens_the_round_without_an_account(self):
        response = self.public.get(self.page())
        assert response.status_code == 200
        page = response.content.decode()
        assert "Welke indicatoren tonen onze leverbetrouwbaarheid?" in page
        assert "Machinefabriek De Vries" in page
        assert "Orders met complete tekening" in page
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        # Nothing of the other round, and no staff names.
        assert "Geheime vraag" not in page and "Geheim" not in page
        assert "carol" not in page

    def test_it_proposes_only_while_proposing(self):
        response = self.public.post(
            self.page("selection_public_propose"),
            {"name": "Tijdig melden van vertraging", "why": "Dan kunnen wij plannen."},
        )
        assert response.status_code == 302
        candidate = Candidate.objects.get(name="Tijdig melden van vertraging")
        assert candidate.proposed_by_link == self.link and candidate.proposed_by is None
        assert candidate.round == self.round
        self.to_phase(Phase.SCORING)
        response = self.public.post(
            self.page("selection_public_propose"), {"name": "Nog een", "why": "x"}
        )
        assert response.status_code == 409
        assert not Candidate.objects.filter(name="Nog een").exists()

    def test_it_scores_only_while_scoring_and_can_change_its_scores(self):
        target = self.proposal
        url = self.page("selection_public_score", target.pk)
        assert self.public.post(url, score_post(target, 3, 3, 3, 3)).status_code == 409
        assert not Score.objects.exists()
        self.to_phase(Phase.SCORING)
        assert self.public.post(url, score_post(target, 3, 3, 3, 3)).status_code == 302
        assert self.public.post(url, score_post(target, 5, 4, 3, 2)).status_code == 302
        scores = list(Score.objects.filter(candidate=target))
        assert len(scores) == 1 and scores[0].values == (5, 4, 3, 2)
        page = self.public.get(self.page()).content.decode()
        assert "Change my scores" in page or "Mijn scores wijzigen" in page
        self.to_phase(Phase.DECIDING)
        assert self.public.post(url, score_post(target, 1, 1, 1, 1)).status_code == 409
        assert Score.objects.get(candidate=target).values == (5, 4, 3, 2)

    def test_it_stops_working_when_shut_off(self):
        self.to_phase(Phase.SCORING)
        self.login(self.bob)
        self.client.post(self.url("selection_link_off", self.link.pk))
        response = self.public.get(self.page())
        assert response.status_code == 403
        assert "Orders met complete tekening" not in response.content.decode()
        url = self.page("selection_public_score", self.proposal.pk)
        assert self.public.post(url, score_post(self.proposal, 3, 3, 3, 3)).status_code == 403
        assert not Score.objects.exists()
        # Switched on again, it works.
        self.client.post(self.url("selection_link_on", self.link.pk))
        assert self.public.post(url, score_post(self.proposal, 3, 3, 3, 3)).status_code == 302

    def test_it_limits_the_number_of_writes_a_minute(self):
        self.to_phase(Phase.SCORING)
        url = self.page("selection_public_score", self.proposal.pk)
        with mock.patch.object(rounds, "RATE_LIMIT_WRITES", 3):
            codes = [
                self.public.post(url, score_post(self.proposal, 3, 3, 3, n)).status_code
                for n in (1, 2, 3, 4)
            ]
            assert codes == [302, 302, 302, 429]
            response = self.public.post(url, score_post(self.proposal, 3, 3, 3, 5))
        assert response.status_code == 429
        assert response["Retry-After"] == "60"
        assert "3" in response.content.decode()
        assert Score.objects.get(candidate=self.proposal).ease == 3

    def test_it_counts_a_new_window_after_a_minute(self):
        from datetime import timedelta

        from django.utils import timezone

        now = timezone.now()
        with mock.patch.object(rounds, "RATE_LIMIT_WRITES", 2):
            assert rounds.allow_write(self.link, now)
            assert rounds.allow_write(self.link, now)
            assert not rounds.allow_write(self.link, now)
            assert rounds.allow_write(self.link, now + timedelta(seconds=61))

    def test_it_reaches_no_other_round(self):
        self.to_phase(Phase.SCORING)
        self.to_phase(Phase.SCORING, self.other_round)
        url = self.page("selection_public_score", self.other_candidate.pk)
        response = self.public.post(url, score_post(self.other_candidate, 5, 5, 5, 5))
        assert response.status_code == 404
        assert not Score.objects.exists()
        # Nor the organisation's own pages.
        response = self.public.get(self.url("selection_round", round=self.other_round))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_it_gives_the_same_404_for_unknown_and_malformed_tokens(self):
        for token in (
            "x" * 32,
            self.token[:-1] + ("A" if self.token[-1] != "A" else "B"),
            "a" * 300,
        ):
            assert self.public.get(reverse("selection_public", args=[token])).status_code == 404

    def test_it_requires_a_csrf_token(self):
        strict = Client(enforce_csrf_checks=True)
        response = strict.post(self.page("selection_public_propose"), {"name": "x", "why": "y"})
        assert response.status_code == 403
        assert not Candidate.objects.filter(name="x").exists()

    def test_it_escapes_text_and_limits_its_length(self):
        self.public.post(
            self.page("selection_public_propose"),
            {"name": "<script>alert(1)</script>", "why": "<b>vet</b>"},
        )
        page = self.public.get(self.page()).content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        response = self.public.post(
            self.page("selection_public_propose"), {"name": "Lang", "why": "x" * 2001}
        )
        assert response.status_code == 400
        assert not Candidate.objects.filter(name="Lang").exists()

    def test_it_caps_the_number_of_proposals_per_link(self):
        with mock.patch.object(rounds, "MAX_CANDIDATES_PER_LINK", 1):
            first = self.public.post(
                self.page("selection_public_propose"), {"name": "A", "why": "a"}
            )
            second = self.public.post(
                self.page("selection_public_propose"), {"name": "B", "why": "b"}
            )
        assert first.status_code == 302 and second.status_code == 409
        assert list(self.link.candidates.values_list("name", flat=True)) == ["A"]
