from datetime import date
from decimal import Decimal

from koers.kpis.models import Measurement, MeasurementChange
from koers.kpis.recording import ValueChange, record_values
from koers.testing import KoersTestCase


class RecordValuesTestCase(KoersTestCase):
    def record(self, *changes, **kwargs):
        kwargs.setdefault("user", self.alice)
        kwargs.setdefault("source", "web")
        return record_values([ValueChange(self.kpi, *c) for c in changes], **kwargs)

    def test_it_creates_updates_and_deletes_with_history(self):
        jan, feb = date(2025, 1, 1), date(2025, 2, 1)
        summary = self.record((jan, Decimal("10")), (feb, Decimal("12"), "first"))
        self.assertEqual((summary.created, summary.updated), (2, 0))
        summary = self.record((jan, Decimal("11")), (feb, Decimal("12")))
        self.assertEqual((summary.updated, summary.unchanged), (1, 1))
        summary = self.record((feb, None))
        self.assertEqual(summary.deleted, 1)

        self.assertEqual(list(Measurement.objects.values_list("value", flat=True)), [11])
        history = MeasurementChange.objects.filter(kpi=self.kpi).order_by("id")
        self.assertEqual(
            [(h.action, h.old_value, h.new_value) for h in history],
            [
                ("created", None, Decimal("10")),
                ("created", None, Decimal("12")),
                ("updated", Decimal("10"), Decimal("11")),
                ("deleted", Decimal("12"), None),
            ],
        )
        self.assertEqual(history[1].new_comment, "first")
        self.assertTrue(all(h.user == self.alice for h in history))

    def test_it_keeps_the_comment_unless_given(self):
        jan = date(2025, 1, 1)
        self.record((jan, Decimal("1"), "note"))
        self.record((jan, Decimal("2")))
        self.assertEqual(Measurement.objects.get().comment, "note")
        self.record((jan, Decimal("2"), ""))
        self.assertEqual(Measurement.objects.get().comment, "")

    def test_it_bumps_the_revision_only_on_change(self):
        before = self.kpi.revision
        self.record((date(2025, 1, 1), Decimal("1")))
        self.record((date(2025, 1, 1), Decimal("1")))
        self.kpi.refresh_from_db()
        self.assertEqual(self.kpi.revision, before + 1)

    def test_it_records_the_source(self):
        self.record((date(2025, 1, 1), Decimal("1")), source="import", detail="cijfers.csv")
        change = MeasurementChange.objects.get()
        self.assertEqual((change.source, change.source_detail), ("import", "cijfers.csv"))

    def test_it_refuses_a_date_that_is_not_a_period_start_and_writes_nothing(self):
        from koers.periods import PeriodError

        with self.assertRaises(PeriodError):
            self.record((date(2025, 1, 1), Decimal("1")), (date(2025, 1, 15), Decimal("2")))
        self.assertFalse(Measurement.objects.exists())
        self.assertFalse(MeasurementChange.objects.exists())
