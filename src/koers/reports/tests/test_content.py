from datetime import date

from django.utils import translation

from koers.kpis.models import KPI
from koers.periods import Period
from koers.reports.content import ReportPeriodError, build_report, resolve_period
from koers.trends.display import display_of
from koers.trends.verdicts import analysis_for_values, trend_for

from .base import TODAY, ReportTestCase


def row(report, code):
    return next(r for r in report.rows if r.code == code)


class BuildReportTests(ReportTestCase):
    def test_it_states_value_and_changes_in_dutch(self):
        report = build_report(self.org, self.plaatwerk, "2025-01", "goal", "nl", TODAY)
        pw = row(report, "PW-1")
        self.assertEqual(pw.period_label, "jan 2025")
        self.assertEqual(pw.value_text, "1.212,0")
        self.assertEqual(pw.change_text, "+1,0 (+0,1%)")
        self.assertEqual(pw.previous_label, "dec 2024")
        self.assertEqual(pw.year_change_text, "+12,0 (+1,0%)")
        self.assertEqual(pw.year_ago_label, "jan 2024")
        self.assertEqual(report.generated_text, "03-02-2025")
        self.assertEqual(report.period_long_label, "januari 2025")

    def test_it_states_value_and_changes_in_english(self):
        report = build_report(self.org, self.plaatwerk, "2025-01", "goal", "en", TODAY)
        pw = row(report, "PW-1")
        self.assertEqual(pw.value_text, "1,212.0")
        self.assertEqual(pw.change_text, "+1.0 (+0.1%)")
        self.assertEqual(pw.period_label, "Jan 2025")
        self.assertEqual(report.generated_text, "2025-02-03")

    def test_it_leaves_out_values_of_a_running_period(self):
        report = build_report(self.org, self.plaatwerk, "latest", "goal", "nl", TODAY)
        pw = row(report, "PW-1")
        self.assertEqual(pw.period_key, "2025-01")  # feb 2025 (1500) has not ended
        self.assertEqual(pw.value, 1212)

    def test_it_takes_the_last_week_ending_in_the_month(self):
        report = build_report(self.org, self.plaatwerk, "2025-01", "goal", "nl", TODAY)
        week = row(report, "WK-1")
        # Week 5 of 2025 ends on 2 February: the last week ending in January is week 4.
        self.assertEqual(week.period_label, "week 4 2025")
        self.assertEqual(week.previous_label, "week 3 2025")

    def test_it_shows_a_quarter_only_in_the_month_it_ends(self):
        february = build_report(self.org, self.verkoop, "2024-02", "goal", "nl", TODAY)
        self.assertIsNone(row(february, "QK-1").value)
        march = build_report(self.org, self.verkoop, "2024-03", "goal", "nl", TODAY)
        self.assertEqual(row(march, "QK-1").period_label, "K1 2024")
        self.assertEqual(row(march, "QK-1").value, 4)

    def test_it_rolls_up_the_units_below_the_company(self):
        report = build_report(self.org, self.company, "2025-01", "goal", "nl", TODAY)
        # Productie has no KPIs, goals or actions of its own: it gets no empty page.
        self.assertEqual([s.unit_name for s in report.sections], ["Acme", "Plaatwerk", "Verkoop"])
        top = report.sections[0]
        self.assertTrue(top.is_top)
        top_row = row(report, "TOP-1")
        self.assertEqual([c.code for c in top_row.children], ["PW-1"])
        # PW-1 also has its own place on the Plaatwerk page.
        self.assertIn("PW-1", [r.code for r in report.sections[1].rows])

    def test_it_groups_by_goal_or_by_area(self):
        by_goal = build_report(self.org, self.plaatwerk, "2025-01", "goal", "nl", TODAY)
        titles = [g.title for g in by_goal.sections[0].groups]
        self.assertEqual(titles, ["Meer orders per uur", "Niet gekoppeld aan een jaardoel"])
        self.assertEqual([r.code for r in by_goal.sections[0].groups[0].rows], ["PW-1"])
        by_area = build_report(self.org, self.verkoop, "2025-01", "area", "en", TODAY)
        self.assertEqual([g.title for g in by_area.sections[0].groups], ["Marketing", "Production"])

    def test_it_shows_goal_progress_and_benchmark(self):
        report = build_report(self.org, self.plaatwerk, "2025-01", "goal", "nl", TODAY)
        goal = report.sections[0].goals[0]
        self.assertEqual((goal.title, goal.kpi_code), ("Meer orders per uur", "PW-1"))
        self.assertEqual((goal.target_text, goal.latest_text), ("1.250", "1.212,0"))
        pw = row(report, "PW-1")
        self.assertEqual(pw.benchmark_text, "1.300 (sector survey 2024)")
        self.assertEqual(pw.target_text, "1.250")
        self.assertIn(pw.assurance, ("met", "not_met", "hit_and_miss"))

    def test_it_uses_the_verdict_the_pages_show(self):
        report = build_report(self.org, self.company, "latest", "goal", "nl", date(2025, 2, 1))
        top = row(report, "TOP-1")  # every value finished: exactly the pages' verdict
        trend = trend_for(self.top_kpi)
        self.assertEqual((top.verdict, top.reason), (trend.verdict, trend.reason))

    def test_it_judges_an_old_period_on_the_values_known_then(self):
        report = build_report(self.org, self.plaatwerk, "2024-09", "goal", "en", TODAY)
        pw = row(report, "PW-1")
        values = [1200.0 + i for i in range(9)]
        periods = [Period.from_key(f"2024-{m:02d}") for m in range(1, 10)]
        analysis = analysis_for_values(values, self.kpi, periods=periods)
        self.assertEqual(pw.verdict, analysis.verdict)
        self.assertEqual(
            pw.reason, analysis.reason("en", lambda i, lang: periods[i].long_label(lang))
        )

    def test_it_rejects_weeks_and_nonsense_as_report_periods(self):
        for text in ("2025-W03", "nonsense"):
            with self.assertRaises(ReportPeriodError):
                resolve_period(text, TODAY)
        latest = resolve_period("latest", TODAY)
        # "Up to the last finished period" is the report up to the last finished month.
        self.assertEqual(latest.end, date(2025, 1, 31))
        self.assertEqual(latest.long_label("nl"), "t/m januari 2025")
        self.assertEqual(latest.long_label("en"), "up to January 2025")


class ReportActionTests(ReportTestCase):
    def test_it_lists_open_and_finished_actions(self):
        from koers.meetings.models import Action

        Action.objects.create(
            organisation=self.org, unit=self.plaatwerk, title="Kantbank afstellen", status="open"
        )
        Action.objects.create(
            organisation=self.org,
            unit=self.plaatwerk,
            title="Lasrobot onderhoud",
            status="done",
            completed_on=date(2025, 1, 20),
        )
        Action.objects.create(
            organisation=self.org,
            unit=self.plaatwerk,
            title="Oud en klaar",
            status="done",
            completed_on=date(2024, 6, 1),
        )
        report = build_report(self.org, self.plaatwerk, "latest", "goal", "nl", TODAY)
        section = report.sections[0]
        self.assertEqual([a.title for a in section.open_actions], ["Kantbank afstellen"])
        self.assertEqual([a.title for a in section.done_actions], ["Lasrobot onderhoud"])
        self.assertEqual(section.done_actions[0].completed_text, "20-01-2025")
        self.assertTrue(report.actions_available)
        from koers.reports.render import render_html

        html = render_html(report)
        self.assertIn("Verbeteracties", html)
        self.assertIn("<h4>Open</h4>", html)
        self.assertIn("Kantbank afstellen", html)


class SameAsThePagesTests(ReportTestCase):
    def test_it_draws_the_sparkline_as_the_pages_do_with_the_limit_band(self):
        report = build_report(self.org, self.company, "2025-01", "goal", "nl", TODAY)
        with translation.override("nl"):
            page = display_of(KPI.objects.get(pk=self.top_kpi.pk))
        top = row(report, "TOP-1")  # every value lies within the report: the pages' drawing
        self.assertEqual(top.sparkline, page.sparkline)
        self.assertIn("<rect", top.sparkline)
        older = row(report, "PW-1")  # the running month's value is left out, the band stays
        self.assertIn("<rect", older.sparkline)
        self.assertIn("Laatste 13 waarden", older.sparkline)
