"""koers backup / koers restore: a round trip on the suite's database (SQLite, then PostgreSQL)."""

import tarfile
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TransactionTestCase, override_settings

from koers.kpis.models import KPI, Measurement, MeasurementChange
from koers.organisations.models import Membership, Organisation, Unit
from koers.testing import PASSWORD, add_values, make_kpi


class BackupRoundTripTestCase(TransactionTestCase):
    def setUp(self):
        self.scratch = Path(tempfile.mkdtemp())
        self.data_dir = self.scratch / "data"
        self.data_dir.mkdir()
        self.override = override_settings(
            DATA_DIR=self.data_dir, MEDIA_ROOT=self.data_dir / "media"
        )
        self.override.enable()
        self.addCleanup(self.override.disable)

    def make_data(self):
        org = Organisation.objects.create(name="Acme", slug="acme")
        unit = Unit.objects.create(organisation=org, name="Acme", slug="acme", kind="company")
        alice = get_user_model().objects.create_user("alice", "a@example.nl", PASSWORD)
        Membership.objects.create(organisation=org, user=alice, role="admin")
        kpi = make_kpi(org, unit, "OT-1")
        add_values(kpi, date(2025, 1, 1), [1.5, 2, 99999.125], user=alice)
        upload = self.data_dir / "sources" / str(org.pk) / "1" / "ledger.csv"
        upload.parent.mkdir(parents=True)
        upload.write_text("date;amount\n2025-01-31;12,50\n")
        return kpi

    def test_it_restores_rows_files_and_the_secret_key_into_an_empty_directory(self):
        kpi = self.make_data()
        archive = self.scratch / "koers.tar.gz"
        with override_settings(SECRET_KEY="the-old-installations-secret-key-0123456789"):
            call_command("backup", "-o", str(archive), verbosity=0)
        self.assertEqual(archive.stat().st_mode & 0o077, 0)
        values = list(Measurement.objects.order_by("period_start").values_list("value", flat=True))
        history = MeasurementChange.objects.count()

        # A new machine: empty database, empty data directory.
        call_command("flush", interactive=False, verbosity=0)
        for path in sorted(self.data_dir.rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()

        call_command("restore", str(archive), verbosity=0)
        restored = KPI.objects.get(code="OT-1")
        self.assertEqual(restored.pk, kpi.pk)
        self.assertEqual(
            list(Measurement.objects.order_by("period_start").values_list("value", flat=True)),
            values,
        )
        self.assertIn(Decimal("99999.125"), values)
        self.assertEqual(MeasurementChange.objects.count(), history)
        self.assertTrue(get_user_model().objects.get(username="alice").check_password(PASSWORD))
        self.assertEqual(
            (self.data_dir / "secret_key").read_text(),
            "the-old-installations-secret-key-0123456789",
        )
        self.assertEqual((self.data_dir / "secret_key").stat().st_mode & 0o077, 0)
        ledger = self.data_dir / "sources" / str(restored.organisation_id) / "1" / "ledger.csv"
        self.assertEqual(ledger.read_text(), "date;amount\n2025-01-31;12,50\n")
        # New rows get new ids after the restored ones (sequences reset on PostgreSQL).
        newer = Organisation.objects.create(name="New", slug="new")
        self.assertGreater(newer.pk, restored.organisation_id)

    def test_it_refuses_to_restore_over_existing_data(self):
        self.make_data()
        archive = self.scratch / "koers.tar.gz"
        call_command("backup", "-o", str(archive), verbosity=0)
        count = Measurement.objects.count()
        with self.assertRaisesMessage(CommandError, "The database is not empty"):
            call_command("restore", str(archive), verbosity=0)
        self.assertEqual(Measurement.objects.count(), count)

    def test_it_explains_a_file_that_is_not_a_backup(self):
        junk = self.scratch / "junk.tar.gz"
        junk.write_bytes(b"not an archive")
        with self.assertRaisesMessage(CommandError, "cannot be read as a Koers backup"):
            call_command("restore", str(junk), verbosity=0)
        other = self.scratch / "other.tar.gz"
        with tarfile.open(other, "w:gz") as archive:
            archive.add(junk, "something.txt")
        with self.assertRaisesMessage(CommandError, "This is not a Koers backup"):
            call_command("restore", str(other), verbosity=0)
        with self.assertRaisesMessage(CommandError, "missing.tar.gz"):
            call_command("restore", str(self.scratch / "missing.tar.gz"), verbosity=0)
