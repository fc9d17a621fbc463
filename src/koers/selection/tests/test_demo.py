"""The demo's selection rounds: one closed with decisions, one in scoring with a customer link."""

from datetime import date

from django.test import TestCase

from koers.demo import create_demo
from koers.selection.models import CandidateStatus, Phase, Round, Score, StakeholderLink


class DemoTest(TestCase):
    def test_it_adds_a_closed_round_and_a_scoring_round_and_refreshes_cleanly(self):
        create_demo(password="demo-pass-123", lang="nl", today=date(2025, 6, 15))
        result = create_demo(password="demo-pass-123", lang="en", today=date(2025, 6, 15))
        org = result.organisation
        closed, scoring = (
            Round.objects.for_org(org).get(phase=Phase.CLOSED),
            Round.objects.for_org(org).get(phase=Phase.SCORING),
        )
        assert Round.objects.count() == 2  # the refresh wiped the first demo's rounds
        statuses = set(closed.candidates.values_list("status", flat=True))
        assert {
            CandidateStatus.SELECTED,
            CandidateStatus.REJECTED,
            CandidateStatus.MERGED,
        } <= statuses
        selected = closed.candidates.filter(status=CandidateStatus.SELECTED)
        assert all(c.kpi and c.kpi.organisation == org for c in selected)
        assert all(c.reject_reason for c in closed.candidates.filter(status="rejected"))
        assert "customers" in closed.question
        link = StakeholderLink.objects.get(round=scoring)
        assert link.kind == "customer" and link.active
        assert Score.objects.filter(candidate__round=scoring).count() >= 15
        assert scoring.candidates.filter(proposed_by_link=link).exists()
        assert (
            scoring.anonymous
            and not Score.objects.filter(user__isnull=False, candidate__round=scoring).exists()
        )
        assert scoring.goals.exists()
