"""Peer organisations for the benchmark tests: each with a gross margin KPI on the catalogue."""

from __future__ import annotations

import io
import json
from datetime import date

from django.core.management import call_command

from koers.benchmarks.peers import join
from koers.organisations.models import Organisation, Unit
from koers.testing import KoersTestCase, add_values, make_kpi

MARCH = date(2025, 3, 1)


def margin_kpi(org, unit, code="GM", **fields):
    defaults = {
        "name": "Brutomarge",
        "unit_of_measure": "percent",
        "decimals": 1,
        "catalogue_key": "gross_margin",
        "area": "finance",
    }
    defaults.update(fields)
    return make_kpi(org, unit, code, **defaults)


class BenchmarkTestCase(KoersTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.org.sector = "2562"
        cls.org.save()
        cls.margin = margin_kpi(cls.org, cls.company)
        add_values(cls.margin, MARCH, [34])

    def peer(self, name: str, value, sector: str = "", joined: bool = True):
        """Another organisation with a gross margin of ``value`` in March 2025."""
        org = Organisation.objects.create(name=name, slug=name.lower(), sector=sector)
        unit = Unit.objects.create(organisation=org, name=name, slug="top", kind="company")
        kpi = margin_kpi(org, unit)
        if value is not None:
            add_values(kpi, MARCH, [value])
        if joined:
            join(org)
        return org

    def peers(self, values, sector: str = ""):
        names = ["Alfa", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta"]
        return [self.peer(names[i], v, sector) for i, v in enumerate(values)]

    def benchmark(self, *args: str, lang: str = "en") -> str:
        out = io.StringIO()
        call_command("benchmark", "--lang", lang, *args, stdout=out)
        return out.getvalue()

    def show_json(self, org: str = "acme", kpi: str = "GM", *extra: str) -> dict:
        return json.loads(self.benchmark("show", "--org", org, "--kpi", kpi, "--json", *extra))
