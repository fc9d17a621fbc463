"""Onboarding: the steps follow the guidance text's order and turn done as data is added."""

from __future__ import annotations

from datetime import date

from django.conf import settings

from koers import catalogue
from koers.goals.models import AnnualGoal
from koers.health.onboarding import needs_onboarding, steps_for
from koers.organisations.models import CoreCompetence, Membership, Organisation, Unit
from koers.selection.models import Round
from koers.selection.rounds import start_round
from koers.testing import KoersTestCase, add_values, make_kpi

ORDER = ["vision_mission", "competences", "goals", "units", "people", "round", "kpis", "numbers"]


class StepsTests(KoersTestCase):
    def done(self, org):
        return {s.key: s.done for s in steps_for(org)}

    def test_it_marks_steps_done_as_the_data_grows(self):
        org = Organisation.objects.found("Nieuw", "nieuw", self.alice)
        steps = steps_for(org)
        self.assertEqual([s.key for s in steps], ORDER)
        self.assertEqual(self.done(org), dict.fromkeys(ORDER, False))
        self.assertTrue(needs_onboarding(org))

        org.vision, org.mission = "Beste van de regio", "Wij bakken brood"
        org.save()
        CoreCompetence.objects.create(organisation=org, name="Ambacht")
        self.assertTrue(self.done(org)["vision_mission"])
        self.assertTrue(self.done(org)["competences"])

        top = org.root_unit()
        AnnualGoal.objects.create(
            organisation=org, year=date.today().year - 1, unit=top, title="Oud"
        )
        self.assertFalse(self.done(org)["goals"])  # last year's goal does not count
        AnnualGoal.objects.create(organisation=org, year=date.today().year, unit=top, title="Nu")
        self.assertTrue(self.done(org)["goals"])

        bakery = Unit.objects.create(organisation=org, parent=top, name="Bakkerij")
        Membership.objects.create(organisation=org, user=self.bob)
        self.assertTrue(self.done(org)["units"])
        self.assertTrue(self.done(org)["people"])

        start_round(org, top, "Welke KPI's?", self.alice)
        self.assertTrue(self.done(org)["round"])

        kpi = make_kpi(org, bakery, "B-1", status="draft")
        self.assertFalse(needs_onboarding(org))
        self.assertFalse(self.done(org)["kpis"])  # a draft is not chosen yet
        kpi.status = "active"
        kpi.save()
        self.assertTrue(self.done(org)["kpis"])
        self.assertFalse(self.done(org)["numbers"])
        add_values(kpi, date(2025, 1, 1), [3])
        self.assertEqual(self.done(org), dict.fromkeys(ORDER, True))

    def test_it_links_every_step_to_an_existing_page(self):
        urls = {s.key: s.url for s in steps_for(self.org)}
        self.assertEqual(
            urls,
            {
                "vision_mission": "/acme/settings/",
                "competences": "/acme/competences/new/",
                "goals": "/acme/goals/new/",
                "units": "/acme/units/new/",
                "people": "/acme/people/",
                "round": "/acme/selection/",
                "kpis": "/acme/kpis/new/",
                "numbers": "/acme/entry/",
            },
        )
        self.login(self.alice)
        for key, url in urls.items():
            self.assertEqual(self.client.get(url).status_code, 200, key)


class OnboardingPageTests(KoersTestCase):
    def get(self, user, lang="nl"):
        self.login(user)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
        return self.client.get("/acme/onboarding/")

    def test_it_shows_the_steps_with_why_and_state_in_dutch(self):
        response = self.get(self.alice)
        self.assertContains(response, "Aan de slag")
        self.assertContains(response, 'data-step="vision_mission" data-done="yes"')
        self.assertContains(response, 'data-step="competences" data-done="no"')
        self.assertContains(response, "gros-lijst")
        self.assertContains(response, 'aria-current="step"')
        self.assertContains(response, 'action="/acme/onboarding/round/"')

    def test_it_shows_the_steps_in_english(self):
        response = self.get(self.alice, lang="en")
        self.assertContains(response, "Getting started")
        self.assertContains(response, "Name the core competences")
        self.assertContains(response, "steps done.")

    def test_it_offers_the_round_form_only_to_managers(self):
        self.assertContains(self.get(self.bob), 'action="/acme/onboarding/round/"')
        self.assertNotContains(self.get(self.carol), 'action="/acme/onboarding/round/"')
        self.assertEqual(self.get(self.charlie).status_code, 404)


class SeededRoundTests(KoersTestCase):
    url = "/acme/onboarding/round/"

    def post(self, user, unit, areas=("production",)):
        self.login(user)
        return self.client.post(
            self.url, {"unit": unit.pk, "question": "Welke KPI's?", "areas": list(areas)}
        )

    def test_it_starts_a_round_seeded_with_the_areas_entries(self):
        goal = AnnualGoal.objects.create(
            organisation=self.org, year=date.today().year, unit=self.company, title="Groei"
        )
        response = self.post(self.alice, self.productie, areas=["production", "finance"])
        self.assertEqual(response.status_code, 302)
        round = Round.objects.get(organisation=self.org)
        expected = {e.key for a in ("production", "finance") for e in catalogue.entries(area=a)}
        self.assertEqual(set(round.candidates.values_list("catalogue_key", flat=True)), expected)
        self.assertEqual(round.unit, self.productie)
        self.assertEqual(list(round.goals.all()), [goal])  # a goal of the unit above

    def test_it_lets_a_manager_start_one_for_their_own_unit_only(self):
        self.assertEqual(self.post(self.bob, self.plaatwerk).status_code, 302)
        self.assertEqual(self.post(self.bob, self.verkoop).status_code, 400)
        self.assertEqual(Round.objects.filter(organisation=self.org).count(), 1)

    def test_it_forbids_members_and_viewers_and_hides_from_others(self):
        self.assertEqual(self.post(self.carol, self.verkoop).status_code, 403)
        self.assertEqual(self.post(self.victor, self.company).status_code, 403)
        self.assertEqual(self.post(self.charlie, self.company).status_code, 404)
        self.assertFalse(Round.objects.exists())

    def test_it_needs_at_least_one_area(self):
        self.assertEqual(self.post(self.alice, self.company, areas=()).status_code, 400)
        self.assertFalse(Round.objects.exists())
