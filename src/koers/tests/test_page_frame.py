"""What every page pays for its frame (session, user, organisation, menu, switcher): a fixed
few queries, and the same HTML for every user, organisation and language."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koers.organisations.models import Membership
from koers.testing import KoersTestCase

FRAME_TABLES = ("django_session", "auth_user", "organisations_")


class PageFrameTests(KoersTestCase):
    def frame_queries(self, user, url: str) -> list[str]:
        """The table each frame query reads from."""
        self.login(user)
        self.client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            self.assertEqual(self.client.get(url).status_code, 200)
        tables = [re.search(r'FROM "(\w+)"', q["sql"]) for q in ctx.captured_queries]
        return [t[1] for t in tables if t and t[1].startswith(FRAME_TABLES)]

    def test_it_frames_a_page_in_three_queries_for_an_administrator(self):
        # session, user, the memberships with their organisations: no units, no unit roles,
        # no separate organisation list
        self.assertEqual(len(self.frame_queries(self.alice, "/acme/tokens/")), 3)
        Membership.objects.create(organisation=self.other, user=self.alice, role="viewer")
        self.assertEqual(len(self.frame_queries(self.alice, "/acme/tokens/")), 3)

    def test_it_reads_a_managers_unit_rights_once(self):
        queries = self.frame_queries(self.bob, "/acme/tokens/")
        self.assertEqual(len(queries), 5)  # and his unit roles and the unit tree, for the menu
        self.assertEqual(queries.count("organisations_unitrole"), 1)

    def header(self, user, url="/acme/tokens/", **headers) -> str:
        self.login(user)
        html = self.client.get(url, **headers).content.decode()
        return html[html.index('<header class="topbar') : html.index("</header>")]

    def test_it_shows_the_organisation_switcher_only_to_who_has_more_than_one(self):
        header = self.header(self.alice)
        self.assertNotIn("orgswitch", header)
        self.assertIn('<span class="orgname">Acme</span>', header)
        Membership.objects.create(organisation=self.other, user=self.alice, role="viewer")
        header = self.header(self.alice)
        switch = header[header.index("orgswitch") :]
        self.assertIn("<summary>Acme</summary>", switch)
        self.assertEqual(
            re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', switch),
            [("/acme/", "Acme"), ("/other/", "Other")],
        )
        self.assertNotIn("orgswitch", self.header(self.bob))

    def test_it_marks_the_current_page_in_the_menu_and_speaks_the_language(self):
        header = self.header(self.alice, reverse("goals", args=["acme"]))
        current = re.findall(r'<a href="([^"]+)" aria-current="page">([^<]+)</a>', header)
        self.assertEqual(current, [(reverse("goals", args=["acme"]), "Jaardoelen")])
        self.assertIn(">Instellingen</a>", header)
        header = self.header(self.alice, HTTP_ACCEPT_LANGUAGE="en")
        self.assertIn(">Annual goals</a>", header)
        self.assertIn(">Settings</a>", header)
        current = re.findall(r'<a href="([^"]+)" aria-current="page">([^<]+)</a>', header)
        self.assertEqual(current, [("/acme/tokens/", "API tokens")])
        # the same cached entries never leak a right: a viewer's menu has no Settings
        self.assertNotIn(">Settings</a>", self.header(self.victor, HTTP_ACCEPT_LANGUAGE="en"))

    def test_it_keeps_another_organisations_menu_to_its_own_addresses(self):
        header = self.header(self.charlie, "/other/")
        links = re.findall(r'href="(/[^"]*)"', header[: header.index("</nav>")])
        self.assertTrue(links)
        self.assertTrue(all(link.startswith("/other/") for link in links), links)
