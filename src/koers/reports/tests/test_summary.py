from datetime import date, timedelta

from koers.meetings.models import Action
from koers.reports.content import build_report
from koers.reports.render import render_html

from .base import TODAY, ReportTestCase


class SummaryTests(ReportTestCase):
    def test_it_counts_the_kpis_by_verdict(self):
        report = build_report(self.org, self.company, "2025-01", "goal", "nl", TODAY)
        summary = report.summary
        self.assertEqual(summary.kpis, len(report.rows))
        self.assertEqual(sum(c.count for c in summary.verdicts), len(report.rows))
        counted = {c.verdict: c.count for c in summary.verdicts}
        for row in report.rows:
            self.assertIn(row.verdict or "pending", counted)
        self.assertEqual(
            [r.code for r in summary.deteriorating],
            [r.code for r in report.rows if r.verdict == "deteriorating"],
        )

    def test_it_shows_goal_progress_in_numbers_and_plain_words(self):
        report = build_report(self.org, self.plaatwerk, "2025-01", "goal", "nl", TODAY)
        goal = report.sections[0].goals[0]
        self.assertEqual(goal.target_text, "1.250")
        self.assertEqual(goal.year_to_date_text, "1.212,0")  # January so far
        self.assertTrue(goal.projection_text)
        self.assertIn(goal.status, ("on_course", "at_risk", "off_course"))
        self.assertTrue(goal.status_label)
        self.assertIn("1.250", goal.sentence)
        html = render_html(report)
        self.assertIn("Tot nu toe dit jaar", html)
        self.assertIn("Prognose", html)
        self.assertIn(goal.sentence, html)
        if goal.status != "on_course":
            self.assertEqual([g.title for g in report.summary.goals_at_risk], [goal.title])

    def test_it_lists_the_actions_due_with_the_overdue_ones_marked(self):
        Action.objects.create(
            organisation=self.org,
            unit=self.plaatwerk,
            title="Kantbank afstellen",
            status="open",
            due_date=TODAY - timedelta(days=3),
        )
        Action.objects.create(
            organisation=self.org,
            unit=self.verkoop,
            title="Offertes nabellen",
            status="open",
            due_date=TODAY + timedelta(days=10),
        )
        Action.objects.create(
            organisation=self.org,
            unit=self.verkoop,
            title="Later",
            status="open",
            due_date=date(2025, 6, 1),
        )
        report = build_report(self.org, self.company, "latest", "goal", "nl", TODAY)
        due = report.summary.actions_due
        self.assertEqual([a.title for a in due], ["Kantbank afstellen", "Offertes nabellen"])
        self.assertEqual([a.overdue for a in due], [True, False])
        self.assertEqual(report.summary.open_actions, 3)
        html = render_html(report)
        self.assertLess(html.index("Samenvatting"), html.index("Het bedrijf als geheel"))
        self.assertIn("te laat", html)


class TitleTests(ReportTestCase):
    def test_it_names_one_period_in_the_title_and_the_company_once(self):
        report = build_report(self.org, self.company, "2025-01", "goal", "nl", TODAY)
        html = render_html(report)
        self.assertIn("<title>Acme · januari 2025</title>", html)
        body = html[html.index("<body") :]
        self.assertEqual(body.count("Acme"), 1)
        self.assertIn("Rapportage januari 2025", body)
        unit = build_report(self.org, self.plaatwerk, "latest", "goal", "en", TODAY)
        self.assertEqual(unit.title, "Acme · Plaatwerk · up to January 2025")
        self.assertEqual(unit.heading, "Report Plaatwerk, up to January 2025")

    def test_it_names_a_row_period_only_when_it_is_not_the_reports(self):
        report = build_report(self.org, self.company, "2025-01", "goal", "nl", TODAY)
        rows = {r.code: r for r in report.rows}
        self.assertFalse(rows["PW-1"].own_period)  # January in a January report
        self.assertTrue(rows["WK-1"].own_period)  # a week: named on its row
        html = render_html(report)
        self.assertIn('report-period">week 4 2025<', html)
        self.assertNotIn('report-period">jan 2025<', html)
