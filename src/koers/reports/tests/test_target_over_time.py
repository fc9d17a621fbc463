"""A report row's target is the one the trend checked: with a monthly profile, the target of
the report's month, next to the assurance computed against that same target."""

from datetime import date
from decimal import Decimal

from koers.kpis.changes import save_target
from koers.reports.content import build_report
from koers.testing import KoersTestCase, add_values

STEADY = [10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 12, 11] * 2  # jan 2025 – dec 2026


class TargetOverTimeRowTests(KoersTestCase):
    def test_it_shows_the_profiles_target_for_the_reported_month(self):
        add_values(self.kpi, date(2025, 1, 1), STEADY)
        save_target(
            self.kpi,
            {
                "target_mode": "profile",
                "target": Decimal("5"),
                "target_profile": ["5"] * 11 + ["20"],
            },
            user=self.alice,
        )
        report = build_report(self.org, self.plaatwerk, "2026-12", "area", "nl", date(2027, 1, 15))
        pw = next(r for r in report.rows if r.code == "PW-1")
        self.assertEqual((pw.target_text, pw.assurance), ("20", "not_met"))
        report = build_report(self.org, self.plaatwerk, "2026-11", "area", "nl", date(2027, 1, 15))
        pw = next(r for r in report.rows if r.code == "PW-1")
        self.assertEqual((pw.target_text, pw.assurance), ("5", "met"))
