from koers.organisations.models import CoreCompetence, Invitation, Membership, Unit, UnitRole
from koers.testing import PASSWORD, KoersTestCase


class LoginTestCase(KoersTestCase):
    def test_it_requires_a_login_everywhere(self):
        for url in ["/", "/acme/", "/acme/units/verkoop/", "/acme/kpis/PW-1/", "/acme/goals/"]:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertTrue(response["Location"].startswith("/accounts/login/"), url)

    def test_it_logs_in_and_out(self):
        response = self.client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
        self.assertRedirects(response, "/", fetch_redirect_response=False)
        self.assertRedirects(self.client.get("/"), "/acme/")
        self.client.post("/accounts/logout/")
        self.assertEqual(self.client.get("/acme/").status_code, 302)

    def test_it_rejects_a_wrong_password_in_dutch(self):
        response = self.client.post(
            "/accounts/login/",
            {"username": "alice", "password": "wrong"},
            HTTP_ACCEPT_LANGUAGE="nl",
        )
        self.assertContains(response, "wachtwoord")


class OrganisationPageTestCase(KoersTestCase):
    def test_it_shows_vision_mission_competences_goals_and_the_tree(self):
        CoreCompetence.objects.create(organisation=self.org, name="Precisie")
        self.login(self.victor)
        response = self.client.get("/acme/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, "Vision text")
        self.assertContains(response, "Mission text")
        self.assertContains(response, "Precisie")
        content = response.content.decode()
        # The tree: Plaatwerk is nested below Productie, with its KPI.
        self.assertLess(content.index("Productie"), content.index("Plaatwerk"))
        self.assertIn("Orders per uur", content)
        self.assertIn('href="/acme/kpis/PW-1/"', content)

    def test_it_hides_other_organisations(self):
        self.login(self.charlie)
        self.assertEqual(self.client.get("/acme/").status_code, 404)
        self.assertEqual(self.client.get("/acme/units/verkoop/").status_code, 404)

    def test_it_lets_only_admins_edit_the_vision(self):
        data = {
            "name": "Acme",
            "vision": "New vision",
            "mission": "m",
            "fiscal_year_start_month": 1,
        }
        for user, status in [(self.bob, 403), (self.victor, 403), (self.charlie, 404)]:
            self.login(user)
            self.assertEqual(self.client.post("/acme/settings/", data).status_code, status)
        self.login(self.alice)
        self.assertRedirects(self.client.post("/acme/settings/", data), "/acme/")
        self.org.refresh_from_db()
        self.assertEqual(self.org.vision, "New vision")


class CompetenceTestCase(KoersTestCase):
    def test_it_adds_edits_and_deletes_a_competence_as_admin(self):
        self.login(self.alice)
        self.client.post("/acme/competences/new/", {"name": "Snel leveren", "order": 1})
        competence = CoreCompetence.objects.get(organisation=self.org)
        self.client.post(
            f"/acme/competences/{competence.pk}/edit/", {"name": "Snel en goed", "order": 1}
        )
        competence.refresh_from_db()
        self.assertEqual(competence.name, "Snel en goed")
        self.client.post(f"/acme/competences/{competence.pk}/delete/")
        self.assertFalse(CoreCompetence.objects.exists())

    def test_it_refuses_competences_to_non_admins(self):
        for user, status in [(self.bob, 403), (self.carol, 403), (self.charlie, 404)]:
            self.login(user)
            response = self.client.post("/acme/competences/new/", {"name": "X", "order": 1})
            self.assertEqual(response.status_code, status)
        self.assertFalse(CoreCompetence.objects.exists())


class UnitTestCase(KoersTestCase):
    def test_it_lets_a_manager_add_a_unit_below_their_own(self):
        self.login(self.bob)
        data = {"name": "Lassen", "kind": "team", "parent": self.productie.pk, "order": 0}
        response = self.client.post("/acme/units/new/", data)
        unit = Unit.objects.get(slug="lassen")
        self.assertRedirects(response, "/acme/units/lassen/")
        self.assertEqual(unit.parent, self.productie)
        self.assertEqual(unit.organisation, self.org)

    def test_it_refuses_a_unit_outside_the_managers_tree(self):
        self.login(self.bob)
        data = {"name": "Inkoop", "kind": "team", "parent": self.verkoop.pk, "order": 0}
        self.assertEqual(self.client.post("/acme/units/new/", data).status_code, 403)
        self.login(self.carol)
        self.assertEqual(self.client.post("/acme/units/new/", data).status_code, 403)
        self.assertFalse(Unit.objects.filter(name="Inkoop").exists())

    def test_it_refuses_a_unit_that_would_become_its_own_ancestor(self):
        self.login(self.alice)
        data = {
            "name": "Productie",
            "slug": "productie",
            "kind": "department",
            "parent": self.plaatwerk.pk,
            "order": 0,
        }
        response = self.client.post("/acme/units/productie/edit/", data, HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Select a valid choice")
        self.productie.refresh_from_db()
        self.assertEqual(self.productie.parent, self.company)

    def test_it_explains_an_ancestor_loop_when_validating_the_model(self):
        from django.core.exceptions import ValidationError

        self.productie.parent = self.plaatwerk
        with self.assertRaises(ValidationError) as caught:
            self.productie.full_clean()
        self.assertIn("parent", caught.exception.message_dict)

    def test_it_refuses_a_duplicate_short_name(self):
        self.login(self.alice)
        data = {"name": "Verkoop", "kind": "team", "parent": self.company.pk, "order": 0}
        response = self.client.post("/acme/units/new/", data, HTTP_ACCEPT_LANGUAGE="nl")
        self.assertContains(response, "Een andere eenheid gebruikt deze korte naam al.")
        self.assertEqual(Unit.objects.filter(name="Verkoop").count(), 1)

    def test_it_keeps_a_unit_with_kpis(self):
        self.login(self.alice)
        response = self.client.post("/acme/units/plaatwerk/delete/")
        self.assertRedirects(response, "/acme/units/plaatwerk/")
        self.assertTrue(Unit.objects.filter(pk=self.plaatwerk.pk).exists())


class PeopleTestCase(KoersTestCase):
    def test_it_lists_members_and_roles(self):
        self.login(self.victor)
        response = self.client.get("/acme/people/")
        self.assertContains(response, "carol")
        self.assertContains(response, "Productie")
        self.assertNotContains(response, "charlie")

    def test_it_lets_admins_invite_a_person_and_give_a_role(self):
        self.login(self.alice)
        data = {"email": "dana@example.nl", "role": "viewer"}
        self.assertRedirects(self.client.post("/acme/people/add/", data), "/acme/people/")
        self.assertTrue(Invitation.objects.filter(organisation=self.org, email="dana@example.nl"))
        self.client.post(
            "/acme/people/roles/add/",
            {"user": self.victor.pk, "unit": self.verkoop.pk, "role": "manager"},
        )
        self.assertTrue(
            UnitRole.objects.filter(user=self.victor, unit=self.verkoop, role="manager")
        )

    def test_it_refuses_people_changes_to_non_admins(self):
        data = {"username": "eve", "password": "a long password 123", "role": "admin"}
        for user, status in [(self.bob, 403), (self.victor, 403), (self.charlie, 404)]:
            self.login(user)
            self.assertEqual(self.client.post("/acme/people/add/", data).status_code, status)
        self.assertFalse(Membership.objects.filter(user__username="eve").exists())
