"""Issue 14 point 6: the entry grid on a tablet and for a member: the unit symbol stays beside
its input, the hint does not assume a keyboard, and the member's grid is one tap from the
organisation page."""

import re
from datetime import date

from koers.periods import Frequency, last_finished
from koers.testing import KoersTestCase, make_kpi


class EntryFitTestCase(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.period = last_finished(Frequency.MONTH, date.today())
        make_kpi(
            cls.org, cls.verkoop, "VK-OMZ", name="Omzet", status="active", unit_of_measure="euro"
        )

    def grid_url(self, unit):
        return f"/acme/entry/{unit.slug}/{self.period.key}/"

    def test_it_keeps_the_unit_symbol_on_the_line_of_its_input(self):
        self.login(self.carol)
        html = self.client.get(self.grid_url(self.verkoop)).content.decode()
        field = re.search(r'<span class="entry-field">(.*?)</span></span>', html, re.S)
        self.assertIsNotNone(field, "input and symbol share one no-wrap box")
        self.assertIn('class="entry-input"', field.group(1))
        self.assertIn('<span class="entry-unit">', field.group(1))

    def test_it_words_the_hint_for_a_tap_as_well_as_a_key(self):
        self.login(self.carol)
        html = self.client.get(self.grid_url(self.verkoop)).content.decode()
        self.assertNotIn("Enter gaat naar het volgende vak", html)
        self.assertIn("tik het volgende vak aan, of druk op Tab of Enter", html)
        english = self.client.get(self.grid_url(self.verkoop), HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(english, "tap the next cell, or press Tab or Enter")

    def test_it_puts_a_members_grid_one_tap_from_the_organisation_page(self):
        self.login(self.carol)
        page = self.client.get("/acme/").content.decode()
        self.assertIn(f'href="{self.grid_url(self.verkoop)}"', page)
        self.assertIn("Je cijfers invoeren", page)
        self.assertNotIn(f'href="{self.grid_url(self.plaatwerk)}"', page)  # not her team
        self.login(self.bob)  # a manager of Productie: its grid
        self.assertContains(self.client.get("/acme/"), f'href="{self.grid_url(self.productie)}"')
        for user in (self.victor, self.alice):  # a viewer enters nothing; an admin chooses
            self.login(user)
            self.assertNotContains(self.client.get("/acme/"), "my-grids-h")
