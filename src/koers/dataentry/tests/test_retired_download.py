"""Issue 14 point 2: a retired KPI's page offers "Downloaden (Excel/CSV)", and it works for
every role (it answered 404: the export only knew current KPIs)."""

import csv
import io
import re
from datetime import date

from koers.testing import KoersTestCase, add_values, make_kpi


class RetiredDownloadTestCase(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.old = make_kpi(cls.org, cls.plaatwerk, "PW-OLD", name="Oude omsteltijd")
        add_values(cls.old, date(2024, 1, 1), [12, 11, 13])
        add_values(cls.kpi, date(2024, 1, 1), [40])
        cls.old.status = "retired"
        cls.old.save()

    def test_it_downloads_a_retired_kpis_values_for_every_role(self):
        for user in (self.alice, self.bob, self.carol, self.victor):
            self.login(user)
            page = self.client.get(f"/acme/kpis/{self.old.code}/").content.decode()
            links = re.findall(r'href="([^"]*/export/\?kpi=PW-OLD[^"]*)"', page)
            self.assertEqual(len(links), 2, f"{user}: the Excel and CSV links")
            for link in links:
                answer = self.client.get(link.replace("&amp;", "&"))
                self.assertEqual(answer.status_code, 200, f"{user} {link}")
                self.assertIn("PW-OLD", answer["Content-Disposition"])
            rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig")), delimiter=";"))
            self.assertEqual([r[0] for r in rows[1:]], ["PW-OLD"] * 3, rows)

    def test_it_keeps_retired_kpis_out_of_the_list_and_of_a_whole_download(self):
        self.login(self.alice)
        form = self.client.get("/acme/export/").content.decode()
        self.assertNotIn('value="PW-OLD"', form)
        self.assertIn('value="PW-1"', form)
        everything = self.client.get("/acme/export/?format=csv").content.decode("utf-8-sig")
        self.assertNotIn("PW-OLD", everything)
        self.assertIn("PW-1", everything)
        self.login(self.charlie)
        self.assertEqual(self.client.get("/acme/export/?kpi=PW-OLD").status_code, 404)
