import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from koers.meetings.models import Action
from koers.reports.board import one_line
from koers.reports.models import BoardLink

from .base import ReportTestCase


class BoardLinkTests(ReportTestCase):
    def links_url(self, unit="plaatwerk", org="acme"):
        return reverse("board_links", args=[org, unit])

    def make_link(self, user=None, **fields):
        self.login(user or self.bob)
        data = {"label": "kantine", "lang": "nl", "expires_on": "", **fields}
        if not data["expires_on"]:
            data["expires_on"] = (timezone.localdate() + timedelta(days=90)).strftime("%d-%m-%Y")
        response = self.client.post(self.links_url(), data)
        self.assertEqual(response.status_code, 302, getattr(response, "context", None))
        page = self.client.get(self.links_url())
        url = re.search(r'value="(http[^"]+/r/board/[^"]+/)"', page.content.decode()).group(1)
        self.client.logout()
        return BoardLink.objects.latest("id"), url

    def test_it_lets_a_manager_make_a_link_that_opens_without_an_account(self):
        link, url = self.make_link()
        self.assertEqual(
            (link.unit, link.created_by, link.label), (self.plaatwerk, self.bob, "kantine")
        )
        self.assertNotIn(url.rsplit("/", 2)[-2], link.token_hash)  # only the hash is stored
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Plaatwerk")
        self.assertContains(response, "Orders per uur")
        # It refreshes itself every minute: in place by a script of its own (the CSP forbids
        # inline scripts), by a page reload where scripts do not run.
        self.assertContains(response, 'data-refresh="60"')
        self.assertContains(response, 'koers/board.js" defer></script>')
        self.assertNotRegex(response.content.decode(), r"<script(?![^>]*\ssrc=)")
        self.assertContains(
            response, '<noscript><meta http-equiv="refresh" content="60"></noscript>'
        )
        self.assertContains(response, 'lang="nl"')

    def test_it_shows_verdict_and_a_one_line_reason_per_kpi(self):
        _link, url = self.make_link()
        page = self.client.get(url).content.decode()
        tile = page[page.index("Orders per uur") :]
        self.assertRegex(tile, r"board-badge (improving|stable|deteriorating|insufficient_data)")
        reason = re.search(r'<p class="board-reason">([^<]+)</p>', tile).group(1)
        self.assertLessEqual(len(reason), 120)

    def test_it_names_no_person_on_the_board(self):
        self.carol.first_name, self.carol.last_name = "Carla", "Jansen"
        self.carol.save()
        self.bob.first_name, self.bob.last_name = "Bram", "de Boer"
        self.bob.save()
        Action.objects.create(
            organisation=self.org,
            unit=self.plaatwerk,
            title="Kantbank afstellen",
            status="open",
            person=self.carol,
            due_date=timezone.localdate() - timedelta(days=2),
        )
        _link, url = self.make_link()
        page = self.client.get(url).content.decode()
        self.assertIn("Kantbank afstellen", page)
        self.assertIn("te laat", page)
        for name in ("Carla", "Jansen", "carol", "Bram", "de Boer", "bob", "alice", "victor"):
            self.assertNotIn(name, page)

    def test_it_stops_at_once_when_revoked(self):
        link, url = self.make_link()
        self.assertEqual(self.client.get(url).status_code, 200)
        self.login(self.bob)
        revoke = reverse("board_link_revoke", args=["acme", "plaatwerk", link.pk])
        self.assertRedirects(self.client.post(revoke), self.links_url())
        self.client.logout()
        response = self.client.get(url)
        self.assertEqual(response.status_code, 410)
        self.assertContains(response, "ingetrokken", status_code=410)
        self.assertNotContains(response, "Orders per uur", status_code=410)

    def test_it_says_clearly_when_the_link_has_expired(self):
        link, url = self.make_link(lang="en")
        BoardLink.objects.filter(pk=link.pk).update(
            expires_on=timezone.localdate() - timedelta(days=1)
        )
        response = self.client.get(url)
        self.assertEqual(response.status_code, 410)
        self.assertContains(response, "was valid until", status_code=410)
        unknown = self.client.get(reverse("board", args=["no-such-token"]))
        self.assertEqual(unknown.status_code, 404)
        self.assertContains(unknown, "Op dit adres staat geen teambord", status_code=404)

    def test_it_shows_the_board_in_the_links_language(self):
        _link, url = self.make_link(lang="en")
        response = self.client.get(url, HTTP_ACCEPT_LANGUAGE="nl")
        self.assertContains(response, "Our open actions")
        self.assertContains(response, 'lang="en"')

    def test_it_refuses_links_beyond_a_year(self):
        self.login(self.bob)
        too_late = (timezone.localdate() + timedelta(days=400)).strftime("%d-%m-%Y")
        response = self.client.post(
            self.links_url(), {"label": "hal", "lang": "nl", "expires_on": too_late}
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(BoardLink.objects.exists())

    def test_it_lets_no_viewer_or_member_make_a_link(self):
        for user in (self.victor, self.carol):
            self.login(user)
            self.assertEqual(self.client.get(self.links_url()).status_code, 403)
            response = self.client.post(
                self.links_url(), {"label": "hal", "lang": "nl", "expires_on": "01-01-2030"}
            )
            self.assertEqual(response.status_code, 403)
        self.assertFalse(BoardLink.objects.exists())

    def test_it_hides_the_links_from_another_organisation(self):
        link, url = self.make_link()
        self.login(self.charlie)
        self.assertEqual(self.client.get(self.links_url()).status_code, 404)
        revoke = reverse("board_link_revoke", args=["acme", "plaatwerk", link.pk])
        self.assertEqual(self.client.post(revoke).status_code, 404)
        link.refresh_from_db()
        self.assertIsNone(link.revoked_at)
        # charlie's own organisation has no such unit, nor this link
        self.assertEqual(
            self.client.get(reverse("board_links", args=["other", "plaatwerk"])).status_code, 404
        )
        revoke_other = reverse("board_link_revoke", args=["other", "other", link.pk])
        self.assertEqual(self.client.post(revoke_other).status_code, 404)

    def test_it_keeps_a_reason_to_one_line(self):
        self.assertEqual(one_line("Stabiel. Meer tekst hier."), "Stabiel.")
        long = one_line("woord " * 60)
        self.assertLessEqual(len(long), 120)
        self.assertTrue(long.endswith("…"))


class BoardLinkOnUnitPageTests(ReportTestCase):
    def test_it_offers_the_team_board_on_the_unit_page_only_to_who_manages_its_links(self):
        unit_page = reverse("unit", args=["acme", "plaatwerk"])
        links = reverse("board_links", args=["acme", "plaatwerk"])
        for user, shown in ((self.alice, True), (self.bob, True), (self.carol, False)):
            with self.subTest(user=user.username):
                self.login(user)
                page = self.client.get(unit_page)
                self.assertEqual(f'href="{links}"' in page.content.decode(), shown)
                # the link's page answers the same question
                self.assertEqual(self.client.get(links).status_code, 200 if shown else 403)
        self.login(self.victor)
        self.assertNotContains(self.client.get(unit_page), links)

    def test_it_counts_the_screens_that_show_the_board_now(self):
        today = timezone.localdate()
        for label, revoked in (("kantine", False), ("hal", False), ("oud", True)):
            link = BoardLink(
                organisation=self.org,
                unit=self.plaatwerk,
                label=label,
                lang="nl",
                expires_on=today + timedelta(days=30),
                created_by=self.bob,
            )
            link.issue_token()
            link.save()
            if revoked:
                link.revoke()
        self.login(self.bob)
        page = self.client.get(reverse("unit", args=["acme", "plaatwerk"]))
        self.assertContains(page, 'Teambord <span class="small">(2 schermen)</span>', html=False)
