"""Issue 14 point 10 (polish) and the labels: the breadcrumb names the company once, labels
start with a capital, the scoring fieldsets keep their text inside the border, the goals page
shows the chosen year and a quiet "Delete" beside "Edit"."""

import re
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.test import TestCase

from koers.demo import create_demo
from koers.selection.models import Round
from koers.testing import KoersTestCase, make_kpi


def crumbs(html: str) -> str:
    nav = re.search(r'<nav class="breadcrumbs"[^>]*>(.*?)</nav>', html, re.S).group(1)
    return re.sub(r"<[^>]+>", "", nav)


class BreadcrumbTestCase(KoersTestCase):
    def test_it_names_the_company_once_in_the_breadcrumb(self):
        self.login(self.alice)
        unit = crumbs(self.client.get("/acme/units/productie/").content.decode())
        self.assertEqual(unit.count("Acme"), 1, unit)
        make_kpi(self.org, self.company, "AC-1", name="Omzet")
        kpi = crumbs(self.client.get("/acme/kpis/AC-1/").content.decode())
        self.assertEqual(kpi.count("Acme"), 1, kpi)
        deeper = crumbs(self.client.get("/acme/units/plaatwerk/").content.decode())
        self.assertIn("Productie", deeper)  # the units between stay


class LabelCaseTestCase(KoersTestCase):
    def test_it_starts_every_label_and_legend_with_a_capital(self):
        self.login(self.alice)
        pages = ["/acme/actions/new/", "/acme/kpis/new/", "/acme/meetings/new/", "/acme/people/"]
        for url in pages:
            html = self.client.get(url).content.decode()
            # Field labels and legends (a choice's label, around its input, may be a user name).
            texts = re.findall(r"<(?:label|legend)\b[^>]*>\s*([^<\s])", html)
            self.assertTrue(texts, url)
            lower = [t for t in texts if t.islower()]
            self.assertEqual(lower, [], f"{url}: labels in lower case")
        action_form = self.client.get("/acme/actions/new/").content.decode()
        self.assertIn(">Getrokken door:</label>", action_form)


class DemoPagesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        create_demo(password="fit-finish-1", today=date.today())
        cls.director = get_user_model().objects.get(username="directie")

    def setUp(self):
        self.client.force_login(self.director)

    def test_it_keeps_each_scoring_criterions_help_inside_its_fieldset_below_the_legend(self):
        scoring = Round.objects.get(organisation__slug="demo", phase="scoring")
        html = self.client.get(f"/demo/selection/{scoring.pk}/").content.decode()
        fieldsets = re.findall(r'<fieldset class="criterion"[^>]*>.*?</fieldset>', html, re.S)
        self.assertTrue(fieldsets)
        for fieldset in fieldsets:
            legend = re.search(r"<legend>(.*?)</legend>", fieldset, re.S).group(1)
            self.assertNotIn("help", legend)  # a long legend ran through the border
            helper = re.search(r'<p class="help small" id="([^"]+)">', fieldset)
            self.assertIsNotNone(helper)
            self.assertIn(f'aria-describedby="{helper.group(1)}"', fieldset)

    def test_it_shows_the_chosen_year_and_a_quiet_delete_beside_edit(self):
        html = self.client.get("/demo/goals/").content.decode()
        year = date.today().year
        self.assertRegex(html, rf'class="button small" href="\?year={year}" aria-current="page"')
        tools = re.findall(r'<p class="goal-tools">(.*?)</p>', html, re.S)
        self.assertTrue(tools)
        for row in tools:
            self.assertIn('class="button small"', row)  # Edit: the button
            self.assertIn('class="link danger-link"', row)  # Delete: a quiet link
        css = (Path(__file__).parents[1] / "static/koers/koers.css").read_text()
        self.assertIn('.button[aria-current="page"]', css)

    def test_it_puts_the_decision_and_scores_of_a_ranking_beside_the_indicator(self):
        closed = Round.objects.get(organisation__slug="demo", phase="closed")
        html = self.client.get(f"/demo/selection/{closed.pk}/").content.decode()
        head = re.search(r'<table class="ranking">.*?</thead>', html, re.S).group(0)
        columns = [
            re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<th[^>]*>(.*?)</th>", head)
        ]
        self.assertEqual(columns[:5], ["#", "Indicator", "Besluit", "Totaal", "Scores"], columns)
