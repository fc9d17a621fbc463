"""No lost update on any edit form (issue 13, point 5): two people open the same form, both
save; the second save is refused with the newer value next to its own, saves nothing (row
counts equal), and saving again from the refreshed form keeps the second person's values."""

from datetime import date

from django.apps import apps

from koers.goals.models import AnnualGoal
from koers.health.models import HealthSettings
from koers.meetings.models import Action, Meeting
from koers.organisations.models import CoreCompetence, Organisation, Unit
from koers.selection.models import Round
from koers.testing import KoersTestCase


def form_data(form) -> dict:
    """What a browser would post back for an unbound form (hidden version included)."""
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        if isinstance(value, list | tuple):
            data[name] = [str(getattr(v, "pk", v)) for v in value]
        elif value is True:
            data[name] = "on"
        elif value is None or value is False:
            continue
        else:
            data[name] = str(getattr(value, "pk", value))
    return data


def counts() -> tuple:
    return tuple(m.objects.count() for m in apps.get_models())


class StaleFormsTestCase(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.goal = AnnualGoal.objects.create(
            organisation=cls.org, year=2026, unit=cls.plaatwerk, title="Sneller leveren"
        )
        cls.competence = CoreCompetence.objects.create(organisation=cls.org, name="Lassen")
        HealthSettings.objects.create(organisation=cls.org)
        cls.meeting = Meeting.objects.create(
            organisation=cls.org, unit=cls.plaatwerk, date=date(2030, 1, 7), created_by=cls.bob
        )
        cls.action = Action.objects.create(
            organisation=cls.org, unit=cls.plaatwerk, title="Kantbank afstellen"
        )
        cls.round = Round.objects.create(
            organisation=cls.org, unit=cls.company, question="Welke KPI's voor 2026?"
        )

    def stale_twice(self, user, url, field, first, second, reread):
        """Open the form twice, save ``first`` from one and ``second`` from the other."""
        self.login(user)
        opened = form_data(self.client.get(url, HTTP_ACCEPT_LANGUAGE="en").context["form"])
        self.assertIn("version", opened)
        mine = {**opened, field: first}
        saved = self.client.post(url, mine, HTTP_ACCEPT_LANGUAGE="en")
        self.assertEqual(
            saved.status_code, 302, getattr(saved, "context", None) and saved.context["form"].errors
        )
        self.assertEqual(str(reread()), first)
        before = counts()
        theirs = {**opened, field: second}
        refused = self.client.post(url, theirs, HTTP_ACCEPT_LANGUAGE="en")
        self.assertIn(refused.status_code, (200, 400))
        self.assertContains(
            refused,
            "Someone else changed this after you opened it",
            status_code=refused.status_code,
        )
        self.assertContains(refused, first, status_code=refused.status_code)  # the newer value
        self.assertContains(refused, second, status_code=refused.status_code)  # and theirs
        self.assertEqual(str(reread()), first)  # nothing saved
        self.assertEqual(counts(), before)
        again = form_data(refused.context["form"])  # the refreshed form: saving again wins
        again = {**again, field: second}
        self.assertEqual(self.client.post(url, again).status_code, 302)
        self.assertEqual(str(reread()), second)

    def test_it_refuses_a_stale_annual_goal(self):
        self.stale_twice(
            self.alice, f"/acme/goals/{self.goal.pk}/edit/", "title", "Sneller leveren 2",
            "Beter leveren", lambda: AnnualGoal.objects.get(pk=self.goal.pk).title,
        )  # fmt: skip

    def test_it_refuses_stale_vision_and_mission(self):
        self.stale_twice(
            self.alice, "/acme/settings/", "mission", "Onze missie, aangepast",
            "Een andere missie", lambda: Organisation.objects.get(pk=self.org.pk).mission,
        )  # fmt: skip

    def test_it_refuses_a_stale_core_competence(self):
        self.stale_twice(
            self.alice, f"/acme/competences/{self.competence.pk}/edit/", "name", "Lassen en zetten",
            "Precisielassen", lambda: CoreCompetence.objects.get(pk=self.competence.pk).name,
        )  # fmt: skip

    def test_it_refuses_a_stale_unit(self):
        self.stale_twice(
            self.alice, f"/acme/units/{self.verkoop.slug}/edit/", "purpose", "Orders binnenhalen",
            "Klanten helpen", lambda: Unit.objects.get(pk=self.verkoop.pk).purpose,
        )  # fmt: skip

    def test_it_refuses_stale_health_settings(self):
        self.stale_twice(
            self.alice, "/acme/health/settings/", "max_kpis_per_unit", "9", "5",
            lambda: HealthSettings.objects.get(organisation=self.org).max_kpis_per_unit,
        )  # fmt: skip

    def test_it_refuses_a_stale_meeting(self):
        self.stale_twice(
            self.bob, f"/acme/meetings/{self.meeting.pk}/edit/", "guests", "Ingrid (inkoop)",
            "Henk (onderhoud)", lambda: Meeting.objects.get(pk=self.meeting.pk).guests,
        )  # fmt: skip

    def test_it_refuses_a_stale_action(self):
        self.stale_twice(
            self.bob, f"/acme/actions/{self.action.pk}/edit/", "title", "Kantbank bijstellen",
            "Kantbank vervangen", lambda: Action.objects.get(pk=self.action.pk).title,
        )  # fmt: skip

    def test_it_refuses_a_stale_selection_round(self):
        self.stale_twice(
            self.alice, f"/acme/selection/{self.round.pk}/edit/", "question",
            "Welke indicatoren voor de fabriek?", "Welke indicatoren voor verkoop?",
            lambda: Round.objects.get(pk=self.round.pk).question,
        )  # fmt: skip


class StaleTrendSettingsTestCase(KoersTestCase):
    def page_version(self) -> str:
        page = self.client.get("/acme/kpis/PW-1/", HTTP_ACCEPT_LANGUAGE="en")
        # Both trend settings forms carry it; hidden, without an id (no duplicate ids).
        self.assertContains(page, '<input type="hidden" name="version" value="0">', count=2)
        return "0"

    def test_it_refuses_stale_trend_settings(self):
        from koers.kpis.models import KPIChange
        from koers.trends.models import TrendSettings

        self.login(self.alice)
        version = self.page_version()
        url = "/acme/kpis/PW-1/trend/method/"
        first = {"version": version, "spread": "median"}
        self.assertEqual(self.client.post(url, first).status_code, 302)
        self.assertEqual(TrendSettings.objects.get(kpi=self.kpi).spread, "median")
        before = (TrendSettings.objects.get(kpi=self.kpi).version, KPIChange.objects.count())
        stale = {"version": version, "spread": "mean", "seasonal": "on"}
        refused = self.client.post(url, stale, HTTP_ACCEPT_LANGUAGE="en", follow=True)
        self.assertContains(refused, "Someone else changed the trend settings")
        self.assertContains(refused, "yours: average moving range")
        settings = TrendSettings.objects.get(kpi=self.kpi)
        self.assertEqual((settings.spread, settings.seasonal), ("median", False))
        self.assertEqual((settings.version, KPIChange.objects.count()), before)
        baseline = {"version": version, "points": "12"}
        self.client.post("/acme/kpis/PW-1/trend/baseline/", baseline)
        self.assertIsNone(TrendSettings.objects.get(kpi=self.kpi).baseline_points)
        fresh = {"version": str(settings.version), "points": "12"}
        self.client.post("/acme/kpis/PW-1/trend/baseline/", fresh)
        self.assertEqual(TrendSettings.objects.get(kpi=self.kpi).baseline_points, 12)


class StaleRoleTestCase(KoersTestCase):
    def test_it_refuses_a_stale_role_change(self):
        from koers.organisations.models import Membership

        membership = Membership.objects.get(organisation=self.org, user=self.victor)
        url = f"/acme/people/{membership.pk}/role/"
        self.login(self.alice)
        page = self.client.get("/acme/people/")
        self.assertContains(page, f'name="was" value="{membership.role}"')
        self.client.post(url, {"role": "admin", "was": "viewer"})
        self.assertEqual(Membership.objects.get(pk=membership.pk).role, "admin")
        before = counts()
        refused = self.client.post(
            url, {"role": "viewer", "was": "viewer"}, HTTP_ACCEPT_LANGUAGE="en", follow=True
        )
        self.assertContains(refused, "Someone else changed the role of victor")
        self.assertContains(refused, "(yours: “viewer”)")
        self.assertEqual(Membership.objects.get(pk=membership.pk).role, "admin")
        self.assertEqual(counts(), before)
        self.client.post(url, {"role": "viewer", "was": "admin"})  # from the fresh page: kept
        self.assertEqual(Membership.objects.get(pk=membership.pk).role, "viewer")
