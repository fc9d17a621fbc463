"""The demo tells the story of issue 11: company complaints rolled up from the units (the last
month still provisional), and goals whose progress says where to act."""

from __future__ import annotations

from datetime import date
from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from koers.goals.models import AnnualGoal
from koers.goals.progress import with_progress
from koers.kpis.models import KPI, Measurement
from koers.kpis.rollup import provisional
from koers.periods import last_finished


class DemoStoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("demo", "--password", "x", stdout=StringIO())
        cls.today = date.today()

    def test_it_rolls_the_company_complaints_up_from_the_units(self):
        top = KPI.objects.get(organisation__slug="demo", code="KLT-KLA")
        self.assertEqual((top.feed, top.rollup_rule), ("rollup", "sum"))
        children = list(KPI.objects.filter(code__in=top.rollup_children))
        self.assertEqual(len(children), 4)
        last = last_finished("month", self.today).start
        month = last
        earlier = Measurement.objects.filter(kpi__in=children, period_start__lt=month)
        start = earlier.order_by("period_start").values_list("period_start", flat=True)[0]
        total = sum(m.value for m in earlier.filter(period_start=start))
        self.assertEqual(top.measurements.get(period_start=start).value, total)
        self.assertEqual(provisional([top]), {top.pk: {month: (3, 4)}})
        self.assertTrue(top.measurements.filter(period_start=month).exists())

    def test_it_has_goals_on_course_at_risk_and_off_course_this_year(self):
        goals = with_progress(
            AnnualGoal.objects.filter(
                organisation__slug="demo", year=self.today.year
            ).select_related("target_kpi"),
            self.today,
        )
        status = {g.target_kpi.code: p.status for g, p in goals}
        self.assertEqual(status["KLT-KLA"], "off_course")  # stable, not a third fewer
        self.assertEqual(status["PW-STL"], "off_course")  # downtime went up
        self.assertGreaterEqual(len(set(status.values())), 2, status)  # not all the same
        last_year = with_progress(
            AnnualGoal.objects.filter(
                organisation__slug="demo", year=self.today.year - 1
            ).select_related("target_kpi"),
            self.today,
        )
        self.assertLessEqual({p.status for _, p in last_year}, {"met", "missed"})

    def test_it_sums_this_years_new_customers_and_projects_around_the_expected_end(self):
        goal = AnnualGoal.objects.select_related("target_kpi").get(
            organisation__slug="demo",
            year=self.today.year,
            title="Vijftig nieuwe klanten in het jaar",
        )
        progress = with_progress([goal], self.today)[0].progress
        finished = last_finished(goal.target_kpi.frequency, self.today)
        this_year = goal.target_kpi.measurements.filter(
            period_start__year=self.today.year, period_start__lte=finished.start
        )
        if not this_year.exists():  # January: nothing finished yet this year
            self.assertIsNone(progress.year_to_date)
            return
        self.assertEqual(progress.year_to_date, sum(float(m.value) for m in this_year))
        self.assertEqual(progress.as_dict()["target"], "50")
        self.assertLessEqual(progress.low, progress.expected)
        self.assertLessEqual(progress.expected, progress.high)
        self.assertLess(progress.low, progress.high)
        self.assertIn(progress.status, ("on_course", "at_risk", "off_course"))
        self.assertIn("Bij dit tempo eindigen we rond", progress.sentence("nl"))
        self.assertIn("At this pace we end the year around", progress.sentence("en"))
