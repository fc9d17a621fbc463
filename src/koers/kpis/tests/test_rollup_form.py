"""The roll-up settings form of a parent KPI: checked, in the user's language, all or nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from koers.kpis.models import KPI, KPIChange
from koers.testing import KoersTestCase, add_values, make_kpi

URL = "/acme/kpis/KL/rollup/"


class RollupFormTests(KoersTestCase):
    def setUp(self):
        self.a = make_kpi(self.org, self.plaatwerk, "KL-A")
        self.b = make_kpi(self.org, self.verkoop, "KL-B")
        self.top = make_kpi(self.org, self.company, "KL", name="Klachten")
        add_values(self.a, date(2025, 1, 1), [3, 4])
        add_values(self.b, date(2025, 1, 1), [1, 2])

    def post(self, lang="en", **data):
        fields = {"rule": "", "children": "", "weights": "", "formula": ""}
        fields.update(data)
        return self.client.post(URL, fields, HTTP_ACCEPT_LANGUAGE=lang)

    def fresh(self) -> KPI:
        return KPI.objects.get(pk=self.top.pk)

    def assert_nothing_saved(self):
        top = self.fresh()
        self.assertEqual((top.rollup_rule, top.rollup_children, top.feed), ("", [], "manual"))
        self.assertFalse(KPIChange.objects.filter(kpi=top).exists())
        self.assertFalse(top.measurements.exists())

    def test_it_saves_a_sum_and_rolls_the_values_up_with_their_history(self):
        self.login(self.alice)
        self.assertContains(self.client.get(URL), 'name="children"')
        response = self.post(rule="sum", children="KL-A, KL-B")
        self.assertRedirects(response, "/acme/kpis/KL/", fetch_redirect_response=False)
        top = self.fresh()
        self.assertEqual(
            (top.rollup_rule, top.rollup_children, top.feed), ("sum", ["KL-A", "KL-B"], "rollup")
        )
        self.assertEqual(
            list(top.measurements.values_list("value", flat=True)), [Decimal(4), Decimal(6)]
        )
        change = KPIChange.objects.get(kpi=top)
        self.assertEqual(change.user, self.alice)
        self.assertIn("KL-A, KL-B", str(change.changes))
        page = self.client.get("/acme/kpis/KL/", HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(page, "Rolled up")

    def test_it_refuses_an_unknown_code_next_to_the_field_and_saves_nothing(self):
        self.login(self.alice)
        response = self.post(rule="sum", children="KL-A, NOPE")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.context["form"].errors["children"], ["Unknown KPI codes: NOPE."])
        response = self.post(rule="formula", formula="KL-A + NOPE")
        self.assertIn("NOPE", response.context["form"].errors["formula"][0])
        self.assert_nothing_saved()

    def test_it_names_the_cycle_in_both_languages(self):
        self.login(self.alice)
        self.top.rollup_rule, self.top.rollup_children, self.top.feed = "sum", ["KL-A"], "rollup"
        self.top.save()
        a_url = "/acme/kpis/KL-A/rollup/"
        response = self.client.post(
            a_url, {"rule": "sum", "children": "KL"}, HTTP_ACCEPT_LANGUAGE="en"
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            response.context["form"].errors["children"], ["This makes a circle: KL-A → KL → KL-A."]
        )
        response = self.client.post(
            a_url, {"rule": "sum", "children": "KL"}, HTTP_ACCEPT_LANGUAGE="nl"
        )
        self.assertIn("KL-A → KL → KL-A", response.context["form"].errors["children"][0])
        self.assertNotIn("This makes", response.context["form"].errors["children"][0])
        self.assertEqual(KPI.objects.get(pk=self.a.pk).rollup_rule, "")

    def test_it_refuses_children_with_another_unit_of_measure(self):
        make_kpi(self.org, self.verkoop, "OMZ", unit_of_measure="euro")
        self.login(self.alice)
        response = self.post(rule="sum", children="KL-A OMZ")
        self.assertIn("different units", response.context["form"].errors["children"][0])
        self.assert_nothing_saved()

    def test_it_lets_only_who_defines_the_kpi_change_it(self):
        for user, status in ((self.victor, 403), (self.bob, 403), (self.charlie, 404)):
            self.login(user)
            self.assertEqual(self.client.get(URL).status_code, status, user)
            self.assertEqual(self.post(rule="sum", children="KL-A").status_code, status, user)
        self.assert_nothing_saved()
