"""The action form: KPIs grouped by team, the meeting's team and the item's KPI first."""

from datetime import date
from html import unescape

from koers.meetings.agenda import prepare
from koers.meetings.models import Meeting
from koers.testing import KoersTestCase, add_values, make_kpi

from .helpers import first_month, stepped


class ActionFormTestCase(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        add_values(cls.kpi, first_month(28, date.today()), stepped(10, 6))
        cls.first_by_code = make_kpi(cls.org, cls.plaatwerk, "PW-0", name="Afkeur")
        cls.meeting = Meeting.objects.create(
            organisation=cls.org, unit=cls.plaatwerk, date=date.today()
        )
        prepare(cls.meeting, today=date.today())
        cls.item = cls.meeting.items.get(kpi=cls.kpi)
        cls.n = [i.pk for i in cls.meeting.items.order_by("order")].index(cls.item.pk) + 1

    def form_html(self, lang):
        self.login(self.bob)
        url = f"/acme/meetings/{self.meeting.pk}/present/{self.n}/"
        html = self.client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        return unescape(html.split('id="decide"', 1)[1].split("</form>", 1)[0])

    def test_it_groups_the_kpis_by_team_with_the_item_kpi_first(self):
        for lang, label, other in (
            ("en", "KPIs it should move", "KPIs of other teams"),
            ("nl", "KPI's die het moet verbeteren", "KPI's van andere teams"),
        ):
            form = self.form_html(lang)
            self.assertRegex(form, rf"<legend>{label}</legend>")
            first, more = form.split('<details class="kpi-more"', 1)
            self.assertIn("<legend>Plaatwerk</legend>", first)
            self.assertLess(first.index("PW-1 – Orders per uur"), first.index("PW-0 – Afkeur"))
            self.assertNotIn("VK-1", first)
            self.assertIn(f"<summary>{other}</summary>", more)
            self.assertIn("<legend>Verkoop</legend>", more)
            self.assertIn("VK-1 – Succesratio offertes", more)
            self.assertRegex(first, rf'value="{self.kpi.pk}"[^>]*checked')

    def test_it_keeps_the_order_and_opens_the_other_teams_after_an_error(self):
        self.login(self.bob)
        url = f"/acme/meetings/{self.meeting.pk}/items/{self.item.pk}/action/"
        response = self.client.post(
            url, {"title": "", "unit": self.plaatwerk.pk, "kpis": [self.sales_kpi.pk]}
        )
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        self.assertIn('<details class="kpi-more" open>', html)
        self.assertLess(html.index("PW-1 – Orders per uur"), html.index("PW-0 – Afkeur"))
