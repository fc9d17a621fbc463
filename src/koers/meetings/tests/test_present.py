"""The presentation on the screen in the room: full-screen mode, deciding an action in place,
and agenda moves that keep the focus and say where the item went."""

import re
from pathlib import Path

from koers.meetings.models import Action

from .test_views import MeetingSetup


class FullScreenTestCase(MeetingSetup):
    def kpi_position(self):
        items = self.pw_meeting.items.order_by("order")
        return next(k for k, i in enumerate(items, start=1) if i.kpi_id == self.kpi.pk)

    def test_it_presents_full_screen_and_keeps_it_from_item_to_item(self):
        self.login(self.bob)
        n = self.kpi_position()
        page = self.client.get(self.url(self.pw_meeting, f"present/{n}/?full=1"))
        html = page.content.decode()
        self.assertRegex(html, r'<body[^>]*class="presenting full-screen"')
        self.assertContains(page, "Volledig scherm verlaten")
        self.assertContains(page, f'href="{self.url(self.pw_meeting, f"present/{n}/")}"')
        nav = html[
            html.index('class="present-nav') : html.index("</nav>", html.index("present-nav"))
        ]
        self.assertIn('href="#decide" data-open-decide>Besluit tot een actie', nav)
        for link in re.findall(r'rel="(?:prev|next)" href="([^"]+)"', nav):
            self.assertTrue(link.endswith("?full=1"), link)
        # The chart is drawn 600 wide (760 on the KPI page), so it grows with the screen.
        self.assertIn('viewBox="0 0 600 ', html)
        normal = self.client.get(self.url(self.pw_meeting, f"present/{n}/")).content.decode()
        self.assertNotIn("full-screen", re.search(r"<body[^>]*>", normal).group(0))
        self.assertIn(">Volledig scherm</a>", normal)

    def test_it_offers_a_viewer_no_decide_link(self):
        self.login(self.victor)
        page = self.client.get(self.url(self.pw_meeting, f"present/{self.kpi_position()}/"))
        self.assertNotContains(page, "data-open-decide")
        self.assertNotContains(page, 'id="decide-card"')


class DecideInPlaceTestCase(MeetingSetup):
    def setUp(self):
        self.item = self.pw_meeting.items.get(kpi=self.kpi)
        self.action_url = self.url(self.pw_meeting, f"items/{self.item.pk}/action/")
        self.login(self.bob)

    def test_it_shows_an_incomplete_actions_errors_in_the_card_without_a_reload(self):
        data = {"title": "", "unit": self.plaatwerk.pk, "kpis": [self.kpi.pk], "full": "1"}
        answer = self.client.post(self.action_url, data, HTTP_HX_REQUEST="true")
        self.assertEqual(answer.status_code, 200)  # HTMX swaps only successful answers
        html = answer.content.decode()
        self.assertTrue(html.startswith('<section class="card decide" id="decide-card"'))
        self.assertNotIn("<html", html)
        self.assertIn("data-error-summary", html)
        self.assertIn('href="#id_title"', html)
        self.assertIn("<details open", html)
        self.assertIn('name="full" value="1"', html)  # full screen survives the next try
        self.assertFalse(Action.objects.filter(meeting=self.pw_meeting).exists())

    def test_it_opens_the_answer_at_the_card_without_javascript(self):
        page = self.client.get(self.url(self.pw_meeting, f"present/{self.kpi_position()}/"))
        self.assertContains(page, f'action="{self.action_url}#decide"')
        answer = self.client.post(self.action_url, {"title": ""})
        self.assertEqual(answer.status_code, 400)
        self.assertContains(answer, "data-error-summary", status_code=400)

    def test_it_goes_back_to_the_item_after_a_decided_action(self):
        data = {
            "title": "Nieuwe matrijs",
            "unit": self.plaatwerk.pk,
            "due_date": "01-02-2030",
            "kpis": [self.kpi.pk],
            "full": "1",
        }
        answer = self.client.post(self.action_url, data, HTTP_HX_REQUEST="true")
        self.assertEqual(answer.status_code, 204, answer.content[:400])
        n = self.kpi_position()
        self.assertEqual(answer["HX-Redirect"], self.url(self.pw_meeting, f"present/{n}/?full=1"))
        self.assertTrue(Action.objects.filter(meeting=self.pw_meeting, title="Nieuwe matrijs"))

    kpi_position = FullScreenTestCase.kpi_position


class AgendaMoveTestCase(MeetingSetup):
    def test_it_announces_where_the_moved_item_went_and_keeps_its_button(self):
        self.login(self.bob)
        items = list(self.pw_meeting.items.order_by("order"))
        open_items = [i for i in items if not i.folded]
        self.assertGreaterEqual(len(open_items), 2, "the setup needs two open items")
        second = open_items[1]
        move = self.url(self.pw_meeting, f"agenda/{second.pk}/up/")
        html = self.client.post(move, HTTP_HX_REQUEST="true").content.decode()
        announce = re.search(r'data-announce="([^"]+)"', html).group(1)
        self.assertEqual(
            announce, f"“{second.heading}” staat nu op plaats 1 van {len(open_items)}."
        )
        # Now first, it has no "up" button: its "down" button takes the focus.
        self.assertNotIn(f'id="move-up-{second.pk}"', html)
        self.assertRegex(html, rf'id="move-down-{second.pk}" data-focus-after-swap')
        # Back down: both its buttons are there again (the clicked one keeps the focus by id).
        down = self.url(self.pw_meeting, f"agenda/{second.pk}/down/")
        html = self.client.post(down, HTTP_HX_REQUEST="true").content.decode()
        self.assertIn(f'id="move-up-{second.pk}"', html)
        self.assertIn(f"“{second.heading}” staat nu op plaats 2 van", html)
        self.assertEqual(html.count("data-focus-after-swap"), 1)


class MeetingToolsTestCase(MeetingSetup):
    def test_it_keeps_delete_meeting_apart_from_prepare_again(self):
        self.login(self.bob)
        html = self.client.get(self.url(self.pw_meeting)).content.decode()
        tools = re.search(r'<div class="meeting-tools no-print">(.*?)</div>', html, re.S).group(1)
        prepare, delete = tools.index("agenda/refresh/"), tools.index('class="inline danger-zone"')
        self.assertLess(prepare, delete)
        css = (Path(__file__).parents[2] / "static/koers/meetings.css").read_text()
        self.assertRegex(css, r"\.meeting-tools \{[^}]*justify-content: space-between")
