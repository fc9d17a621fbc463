"""`koers health` and `koers neworg`."""

from __future__ import annotations

import json
from io import StringIO

from django.core.management import CommandError, call_command

from koers.health.checks import CHECKS
from koers.organisations.models import Membership, Organisation, Unit
from koers.testing import KoersTestCase


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


class HealthCommandTests(KoersTestCase):
    def test_it_prints_json_per_kpi_with_its_checks(self):
        rows = json.loads(run("health", "--org", "acme", "--json", "--lang", "en"))
        self.assertEqual([r["code"] for r in rows], ["PW-1", "VK-1"])
        checks = rows[0]["checks"]
        self.assertEqual([c["check"] for c in checks], list(CHECKS))
        self.assertTrue(all(set(c) == {"check", "ok", "message"} for c in checks))
        definition = next(c for c in checks if c["check"] == "definition")
        self.assertIs(definition["ok"], False)
        self.assertIn("The definition has only", definition["message"])

    def test_it_limits_to_one_unit(self):
        rows = json.loads(run("health", "--org", "acme", "--unit", "verkoop", "--json"))
        self.assertEqual([r["code"] for r in rows], ["VK-1"])

    def test_it_checks_every_organisation_without_org(self):
        rows = json.loads(run("health", "--json"))
        self.assertEqual(
            {(r["organisation"], r["code"]) for r in rows},
            {("acme", "PW-1"), ("acme", "VK-1"), ("other", "OT-1")},
        )

    def test_it_prints_marks_and_messages_as_text(self):
        out = run("health", "--org", "acme", "--lang", "en")
        self.assertIn("acme/PW-1", out)
        self.assertIn("goal mission team definition", out)
        self.assertIn("✗ data_source: No data source.", out)
        self.assertIn("2 KPIs checked", out)

    def test_it_rejects_an_unknown_organisation_or_unit(self):
        with self.assertRaises(CommandError):
            run("health", "--org", "nope")
        with self.assertRaises(CommandError):
            run("health", "--org", "acme", "--unit", "nope")


class NewOrgCommandTests(KoersTestCase):
    def test_it_creates_an_organisation_with_its_top_unit_and_admin(self):
        out = run("neworg", "--name", "Bakkerij Jansen", "--slug", "jansen", "--admin", "victor")
        org = Organisation.objects.get(slug="jansen")
        self.assertEqual(Unit.objects.get(organisation=org).kind, "company")
        self.assertEqual(Membership.objects.get(organisation=org, user=self.victor).role, "admin")
        self.assertIn("/jansen/onboarding/", out)

    def test_it_refuses_an_unknown_user_unless_asked_to_create_it(self):
        with self.assertRaises(CommandError):
            run("neworg", "--name", "X", "--slug", "x-co", "--admin", "nobody")
        self.assertFalse(Organisation.objects.filter(slug="x-co").exists())
        out = run("neworg", "--name", "X", "--slug", "x-co", "--admin", "nobody", "--create-user")
        self.assertIn("nobody", out)
        self.assertTrue(
            Organisation.objects.filter(slug="x-co", memberships__user__username="nobody")
        )

    def test_it_refuses_a_taken_or_reserved_short_name(self):
        with self.assertRaises(CommandError):
            run("neworg", "--name", "A", "--slug", "acme", "--admin", "alice")
        with self.assertRaises(CommandError):
            run("neworg", "--name", "A", "--slug", "admin", "--admin", "alice")
        self.assertFalse(Organisation.objects.filter(slug="admin").exists())
