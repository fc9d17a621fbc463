"""Peer groups: five contributors or nothing, leaving at once, never another's name or value."""

from koers.benchmarks.peers import join, leave, takes_part
from koers.kpis.models import Feed

from .base import MARCH, BenchmarkTestCase, add_values, margin_kpi


class PeerGroupTest(BenchmarkTestCase):
    def setUp(self):
        join(self.org)

    def test_it_shows_nothing_with_four_contributors(self):
        self.peers([20, 25, 30])  # with Acme: four organisations
        data = self.show_json()
        self.assertIsNone(data["peers"])
        self.assertEqual(data["period"], "2025-03")

    def test_it_shows_the_distribution_from_five_contributors(self):
        self.peers([20, 25, 30, 40])  # with Acme's 34: 20 25 30 34 40
        peers = self.show_json()["peers"]
        self.assertEqual(peers, {"n": 5, "median": 30.0, "p25": 25.0, "p75": 34.0, "rank": 2})

    def test_it_ranks_by_the_kpi_direction(self):
        self.margin.direction = "lower"
        self.margin.save()
        self.peers([20, 25, 30, 40])
        self.assertEqual(self.show_json()["peers"]["rank"], 4)

    def test_it_drops_an_organisation_that_leaves_at_once(self):
        alfa, *_ = self.peers([20, 25, 30, 40])
        self.assertEqual(self.show_json()["peers"]["n"], 5)
        leave(alfa)
        self.assertFalse(takes_part(alfa))
        self.assertIsNone(self.show_json()["peers"])

    def test_it_counts_only_organisations_that_joined(self):
        self.peers([20, 25, 30])
        self.peer("Outsider", 40, joined=False)
        self.assertIsNone(self.show_json()["peers"])

    def test_it_shows_no_peers_to_an_organisation_that_does_not_take_part(self):
        self.peers([20, 25, 30, 40, 45])
        leave(self.org)
        self.assertIsNone(self.show_json()["peers"])

    def test_it_uses_the_same_period_only(self):
        self.peers([20, 25, 30, 40])
        self.assertIsNone(self.show_json("acme", "GM", "--period", "2025-02")["peers"])

    def test_it_leaves_out_a_computed_kpi_with_a_definition_of_its_own(self):
        orgs = self.peers([20, 25, 30, 40])
        kpi = orgs[0].kpis.get()
        kpi.feed = Feed.COMPUTED  # computed, but not by the standard computation
        kpi.save()
        self.assertIsNone(self.show_json()["peers"])

    def test_it_takes_one_value_per_organisation_the_company_wide_one(self):
        orgs = self.peers([20, 25, 30, 40])
        team = orgs[0].units.create(name="Team", slug="team", parent=orgs[0].units.get())
        extra = margin_kpi(orgs[0], team, "GM-TEAM")
        add_values(extra, MARCH, [99])
        self.assertEqual(self.show_json()["peers"]["n"], 5)
        self.assertEqual(self.show_json()["peers"]["p75"], 34.0)

    def test_it_never_names_a_peer_or_its_value(self):
        self.peers([20.7, 25.3, 30.9, 40.1])
        text = self.benchmark("show", "--org", "acme", "--kpi", "GM")
        raw = self.benchmark("show", "--org", "acme", "--kpi", "GM", "--json")
        for output in (text, raw):
            # the lowest and highest value are no figure; median and quartiles are
            for secret in ("Alfa", "Beta", "Gamma", "Delta", "alfa", "20.7", "40.1"):
                self.assertNotIn(secret, output)
            self.assertIn("5", output)

    def test_it_shows_the_sector_group_when_five_share_it(self):
        self.peers([20, 25, 30, 40], sector="2511")
        self.peer("Other sector", 10, sector="4711")
        text = self.benchmark("show", "--org", "acme", "--kpi", "GM")
        self.assertIn("median of 6 peers in this install", text)
        self.assertIn("median of 5 peers in SBI 25", text)
