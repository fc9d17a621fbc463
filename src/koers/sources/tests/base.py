"""Shared set-up of the sources tests: a data directory of their own, sample files."""

from __future__ import annotations

import json
import shutil
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import override_settings

from koers.sources.sample import write_auditfile
from koers.testing import KoersTestCase

QUOTES_NL = (
    "Offerte;Klant;Verstuurd;Gesloten;Bedrag;Status\r\n"
    "Q1;Bakkerij Één;06-01-2025;20-01-2025;1.234,56;gewonnen\r\n"
    "Q2;Smit;15-01-2025;;2.000,00;open\r\n"
    "Q3;Jansen;03-02-2025;10-03-2025;500,50;verloren\r\n"
    "Q4;Smit;20-02-2025;25-02-2025;750,00;gewonnen\r\n"
)


class SourcesTestCase(KoersTestCase):
    def setUp(self):
        super().setUp()
        self.tmp = Path(tempfile.mkdtemp(prefix="koers-sources-"))
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        overridden = override_settings(DATA_DIR=self.tmp / "data")
        overridden.enable()
        self.addCleanup(overridden.disable)

    def write(self, name: str, text: str, encoding: str = "utf-8") -> Path:
        path = self.tmp / name
        path.write_bytes(text.encode(encoding))
        return path

    def auditfile(self, name="2025.xaf", **kwargs) -> tuple[Path, dict]:
        path = self.tmp / name
        return path, write_auditfile(path, **kwargs)

    def data(self, *args, lang="en") -> str:
        out = StringIO()
        call_command("data", "--lang", lang, *args, stdout=out, stderr=StringIO())
        return out.getvalue()

    def data_json(self, *args) -> dict:
        return json.loads(self.data(*args))
