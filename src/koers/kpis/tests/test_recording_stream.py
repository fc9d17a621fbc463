"""record_values over a stream: written in blocks of FLUSH rows (memory bounded, a 50 MB
import is never held as rows and history at once), still all or nothing, and the same
result as the whole list at once, also when a key written in an earlier block changes."""

from datetime import date
from decimal import Decimal
from unittest import mock

from koers.kpis import recording
from koers.kpis.models import Measurement, MeasurementChange
from koers.kpis.recording import FedKPIError, ValueChange, record_values
from koers.periods import Period
from koers.testing import KoersTestCase


def months(n, first=date(2020, 1, 1)):
    period = Period.containing(first, "month")
    for _ in range(n):
        yield period.start
        period = period.next()


class StreamTestCase(KoersTestCase):
    def changes(self):
        starts = list(months(30))
        for start in starts:
            yield ValueChange(self.kpi, start, Decimal(start.month))
        yield ValueChange(self.kpi, starts[0], Decimal("99"), "corrected")  # written earlier
        yield ValueChange(self.kpi, starts[1], None)  # deleted after it was written
        yield ValueChange(self.kpi, starts[1], Decimal("7"))  # and created again
        yield ValueChange(self.kpi, starts[2], Decimal(starts[2].month))  # unchanged

    def stored(self):
        values = Measurement.objects.filter(kpi=self.kpi).order_by("period_start")
        history = MeasurementChange.objects.filter(kpi=self.kpi).order_by("id")
        return (
            list(values.values_list("period_start", "value", "comment")),
            list(history.values_list("period_start", "action", "old_value", "new_value")),
        )

    def test_it_writes_a_stream_in_blocks_as_the_list_would_be_written(self):
        sizes = []
        real_insert = recording._insert

        def insert(model, rows):
            sizes.append(len(rows))
            return real_insert(model, rows)

        with (
            mock.patch.object(recording, "FLUSH", 8),
            mock.patch.object(recording, "_insert", insert),
        ):
            summary = record_values(self.changes(), user=self.alice, source="import")
        streamed = self.stored()
        self.assertLessEqual(max(sizes), 8)
        self.assertGreater(len(sizes), 4)  # several blocks
        self.assertEqual((summary.created, summary.updated, summary.deleted), (31, 1, 1))
        self.assertEqual(summary.unchanged, 1)
        Measurement.objects.all().delete()
        MeasurementChange.objects.all().delete()
        record_values(list(self.changes()), user=self.alice, source="import")
        self.assertEqual(self.stored(), streamed)
        self.assertEqual(streamed[0][0][1:], (Decimal("99"), "corrected"))

    def test_it_writes_nothing_when_the_stream_fails_after_a_block(self):
        record_values([ValueChange(self.kpi, date(2019, 1, 1), Decimal("5"))], user=self.alice)
        before = (Measurement.objects.count(), MeasurementChange.objects.count())

        def failing():
            yield from self.changes()
            raise ValueError("the file broke off")

        with mock.patch.object(recording, "FLUSH", 8), self.assertRaises(ValueError):
            record_values(failing(), user=self.alice, source="import")
        self.assertEqual((Measurement.objects.count(), MeasurementChange.objects.count()), before)

    def test_it_refuses_a_fed_kpi_in_a_stream_and_writes_nothing(self):
        self.sales_kpi.feed = "computed"
        self.sales_kpi.save()
        before = (Measurement.objects.count(), MeasurementChange.objects.count())

        def mixed():
            yield from self.changes()
            yield ValueChange(self.sales_kpi, date(2020, 1, 1), Decimal("1"))

        with mock.patch.object(recording, "FLUSH", 8), self.assertRaises(FedKPIError):
            record_values(mixed(), user=self.alice, source="import")
        self.assertEqual((Measurement.objects.count(), MeasurementChange.objects.count()), before)
