"""The catalogue page, using an entry, and `koers catalogue`."""

import json
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from koers import catalogue
from koers.kpis.models import KPI
from koers.selection.models import Candidate

from .base import SelectionTestCase


class CataloguePageTest(SelectionTestCase):
    def page(self, lang="nl", **params):
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
        return self.client.get(reverse("catalogue", args=[self.org.slug]), params)

    def test_it_shows_every_field_of_an_entry_in_dutch(self):
        self.login(self.victor)
        response = self.page(area="customers")
        page = response.content.decode()
        complaints = catalogue.get("complaints")
        for text in (
            complaints.name["nl"],
            complaints.definition["nl"],
            complaints.data_source["nl"],
            complaints.insight["nl"],
        ):
            assert text in page
        assert "Wat het zegt en hoe het kan misleiden" in page
        assert "Gebruikelijke frequentie" in page
        # The hierarchy: returns sit under complaints.
        assert catalogue.get("product_returns").name["nl"] in page
        assert 'href="?#complaints"' in page
        assert "handreiking" in page  # the mark on the guidance text's examples
        assert catalogue.get("market_share").name["nl"] not in page

    def test_it_searches_and_filters_in_english(self):
        self.login(self.carol)
        response = self.page(lang="en", q="quote", area="sales")
        page = response.content.decode()
        assert catalogue.get("quote_success_ratio").name["en"] in page
        assert catalogue.get("quote_success_ratio").name["nl"] not in page
        assert "What it tells and how it can mislead" in page
        keys = [e["key"] for e in response.context["entries"]]
        assert keys and all(catalogue.get(k).area == "sales" for k in keys)
        assert "revenue" not in keys

    def test_it_ignores_an_unknown_area_and_says_when_nothing_matches(self):
        self.login(self.victor)
        response = self.page(area="nonsense", q="zzzqqq")
        assert response.status_code == 200
        assert response.context["entries"] == []
        assert "Geen indicatoren gevonden" in response.content.decode()

    def test_it_renders_the_whole_catalogue_in_a_fixed_number_of_queries(self):
        self.login(self.bob)
        self.page()
        with self.assertNumQueries(6):
            response = self.page()
        assert len(response.context["entries"]) == len(catalogue.ENTRIES)

    def test_it_offers_use_in_open_rounds_to_everyone(self):
        self.login(self.victor)
        page = self.page(area="production").content.decode()
        assert self.round.question in page
        assert reverse("catalogue_kpi", args=[self.org.slug, "oee"]) not in page
        self.login(self.bob)
        page = self.page(area="production").content.decode()
        assert reverse("catalogue_kpi", args=[self.org.slug, "oee"]) in page


class CatalogueUseTest(SelectionTestCase):
    def test_it_proposes_an_entry_in_an_open_round(self):
        self.login(self.victor)
        url = reverse("catalogue_propose", args=[self.org.slug, "oee"])
        response = self.client.post(url, {"round": self.round.pk, "why": "Laat verlies zien."})
        self.assertRedirects(response, f"{self.round.get_absolute_url()}#candidates")
        candidate = Candidate.objects.get(round=self.round, catalogue_key="oee")
        assert candidate.proposed_by == self.victor and candidate.why == "Laat verlies zien."
        assert candidate.name == catalogue.get("oee").name["nl"]

    def test_it_does_not_propose_into_a_round_that_is_not_proposing(self):
        self.to_phase("scoring")
        self.login(self.victor)
        url = reverse("catalogue_propose", args=[self.org.slug, "oee"])
        self.client.post(url, {"round": self.round.pk, "why": "x"})
        assert not Candidate.objects.filter(catalogue_key="oee").exists()
        assert (
            self.client.post(
                reverse("catalogue_propose", args=[self.org.slug, "no_such"]), {}
            ).status_code
            == 404
        )

    def test_it_makes_a_draft_kpi_with_the_catalogue_fields(self):
        self.login(self.bob)
        url = reverse("catalogue_kpi", args=[self.org.slug, "oee"])
        form = self.client.get(url, {"unit": "plaatwerk"})
        assert form.context["form"].initial["unit"] == self.plaatwerk
        response = self.client.post(url, {"unit": self.plaatwerk.pk, "code": "PW-OEE"})
        kpi = KPI.objects.get(code="PW-OEE")
        self.assertRedirects(response, kpi.get_absolute_url())
        entry = catalogue.get("oee")
        assert kpi.status == "draft" and kpi.unit == self.plaatwerk
        assert kpi.name == entry.name["nl"] and kpi.definition == entry.definition["nl"]
        assert kpi.direction == entry.direction and kpi.frequency == entry.frequency
        assert kpi.catalogue_key == "oee" and kpi.data_source == entry.data_source["nl"]

    def test_it_lets_only_managers_of_the_unit_make_a_kpi(self):
        url = reverse("catalogue_kpi", args=[self.org.slug, "oee"])
        self.login(self.bob)
        response = self.client.post(url, {"unit": self.verkoop.pk, "code": "VK-OEE"})
        assert response.status_code == 400
        for user in (self.carol, self.victor):
            self.login(user)
            assert self.client.get(url).status_code == 403
            assert self.client.post(url, {"unit": self.verkoop.pk, "code": "X"}).status_code == 403
        self.login(self.alice)
        assert self.client.post(url, {"unit": self.verkoop.pk, "code": "VK-OEE"}).status_code == 302
        assert list(KPI.objects.filter(code__endswith="OEE").values_list("code", flat=True)) == [
            "VK-OEE"
        ]
        assert (
            self.client.get(reverse("catalogue_kpi", args=[self.org.slug, "nope"])).status_code
            == 404
        )


class CatalogueCommandTest(SelectionTestCase):
    def run_command(self, *args) -> str:
        out = StringIO()
        call_command("catalogue", *args, stdout=out)
        return out.getvalue()

    def test_it_writes_one_json_object_per_entry(self):
        rows = json.loads(self.run_command("--json", "--lang", "en"))
        assert len(rows) == len(catalogue.ENTRIES)
        for row in rows:
            assert {"key", "name", "definition", "unit", "direction", "frequency", "area"} <= set(
                row
            )
        first = catalogue.ENTRIES[0]
        assert rows[0]["key"] == first.key and rows[0]["name"] == first.name["en"]

    def test_it_filters_by_area_and_language(self):
        rows = json.loads(self.run_command("--json", "--area", "finance"))
        assert rows and {r["area"] for r in rows} == {"finance"}
        assert rows[0]["name"] == catalogue.entries(area="finance")[0].name["nl"]
        text = self.run_command("--area", "sales", "--lang", "en")
        assert "== Sales ==" in text and "quote_success_ratio: Quote success ratio *" in text
        assert "Marketing" not in text
