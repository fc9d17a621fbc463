"""The KPI page's own rendering: the rows it writes in Python and what it costs in queries."""

from datetime import UTC, date, datetime
from unittest import mock

from django.db import connection
from django.template.defaultfilters import date as date_filter
from django.test import SimpleTestCase
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.timezone import template_localtime

from koers.kpis import views
from koers.meetings.models import Action
from koers.testing import KoersTestCase, add_values, make_kpi

MOMENTS = [
    datetime(2025, 3, 30, 0, 59, tzinfo=UTC),  # the night summer time starts
    datetime(2025, 3, 30, 1, 0, tzinfo=UTC),
    datetime(2025, 10, 26, 0, 30, tzinfo=UTC),  # and ends
    datetime(2025, 12, 31, 23, 5, tzinfo=UTC),  # the next day, in local time
    datetime(999, 1, 2, 3, 4, tzinfo=UTC),
]


class ShortDateTimeTestCase(SimpleTestCase):
    def test_it_writes_a_moment_as_the_date_filter_does_in_each_language(self):
        for lang in ("nl", "en"):
            with translation.override(lang):
                text = views._short_datetimes()
                for moment in MOMENTS:
                    expected = date_filter(template_localtime(moment), "SHORT_DATETIME_FORMAT")
                    self.assertEqual(text(moment), expected, (lang, moment))

    def test_it_follows_any_other_format(self):
        with mock.patch.object(views, "get_format", return_value="j F Y, G:i"):
            text = views._short_datetimes()
        with translation.override("en"):
            self.assertEqual(
                text(MOMENTS[3]), date_filter(template_localtime(MOMENTS[3]), "j F Y, G:i")
            )


class KPIPageQueriesTestCase(KoersTestCase):
    def count_queries(self, user, path="/acme/kpis/PW-1/"):
        self.login(user)
        session = self.client.session
        session["koers_org"] = "acme"  # as after any earlier page: no session write
        session.save()
        self.client.get(path)  # the verdict is cached by the first view
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(path)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_it_shows_a_kpi_with_values_and_history_in_few_queries(self):
        add_values(self.kpi, date(2023, 1, 1), range(36), user=self.bob)
        add_values(self.kpi, date(2024, 1, 1), range(5, 17), user=self.bob)  # corrections
        self.assertLessEqual(self.count_queries(self.bob), 23)  # manages and enters
        self.assertLessEqual(self.count_queries(self.victor), 23)  # a viewer

    def test_it_reads_the_kpis_actions_once_whatever_their_number(self):
        add_values(self.kpi, date(2023, 1, 1), range(36), user=self.bob)
        self.action("done", date(2023, 6, 1), date(2023, 9, 1))
        few = self.count_queries(self.bob)
        for status in ("done", "done", "open", "in_progress", "dropped"):
            self.action(status, date(2024, 2, 1), date(2024, 5, 1))
        self.assertEqual(self.count_queries(self.bob), few)
        page = self.client.get("/acme/kpis/PW-1/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        self.assertIn("Start: Actie done", page)  # the chart's markers
        self.assertIn("Done: Actie done", page)
        self.assertIn("Actie in_progress</a>", page)  # the list of actions
        self.assertNotIn("Actie dropped", page)

    def test_it_links_the_kpis_above_and_below_without_a_query_each(self):
        add_values(self.kpi, date(2023, 1, 1), range(12), user=self.bob)
        self.kpi.parent = make_kpi(self.org, self.plaatwerk, "PW-TOP", name="Bovenaan")
        self.kpi.save()
        make_kpi(self.org, self.plaatwerk, "PW-C0", name="Onder 0", parent=self.kpi)
        one = self.count_queries(self.alice)
        for i in range(1, 4):
            make_kpi(self.org, self.plaatwerk, f"PW-C{i}", name=f"Onder {i}", parent=self.kpi)
        self.assertEqual(self.count_queries(self.alice), one)
        page = self.client.get("/acme/kpis/PW-1/").content.decode()
        self.assertIn('<a href="/acme/kpis/PW-C3/">Onder 3</a>', page)
        self.assertIn('<a href="/acme/kpis/PW-TOP/">Bovenaan</a>', page)

    def action(self, status, started, completed):
        action = Action.objects.create(
            organisation=self.org,
            unit=self.plaatwerk,
            title=f"Actie {status}",
            status=status,
            started_on=started,
            completed_on=completed if status == "done" else None,
        )
        action.kpis.add(self.kpi)
