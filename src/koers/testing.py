"""The shared test case: one organisation, a unit tree, and a persona per role.

- alice: administrator of Acme;
- bob: manager of Productie (and so of Plaatwerk below it);
- carol: member of Verkoop (enters its data);
- victor: viewer of Acme (reads everything);
- charlie: administrator of another organisation, Other (sees nothing of Acme).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.test import TestCase

from koers.kpis.models import KPI
from koers.kpis.recording import ValueChange, record_values
from koers.organisations.models import Membership, Organisation, Unit, UnitRole
from koers.periods import Period

PASSWORD = "correct horse battery staple"


def make_kpi(org: Organisation, unit: Unit, code: str, **fields) -> KPI:
    defaults = {
        "name": f"KPI {code}",
        "definition": f"How {code} is measured.",
        "unit_of_measure": "count",
        "frequency": "month",
        "direction": "higher",
        "area": "production",
        "status": "active",
    }
    defaults.update(fields)
    return KPI.objects.create(organisation=org, unit=unit, code=code, **defaults)


def add_values(kpi: KPI, first: date, values, user=None) -> None:
    """Store consecutive values starting at the period that contains ``first``."""
    period = Period.containing(first, kpi.frequency)
    changes = []
    for value in values:
        changes.append(ValueChange(kpi, period.start, Decimal(str(value))))
        period = period.next()
    record_values(changes, user=user, source="cli")


class KoersTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        User = get_user_model()
        cls.org = Organisation.objects.create(
            name="Acme", slug="acme", vision="Vision text", mission="Mission text"
        )
        cls.company = Unit.objects.create(
            organisation=cls.org, name="Acme", slug="acme", kind="company"
        )
        cls.productie = Unit.objects.create(
            organisation=cls.org, parent=cls.company, name="Productie", kind="department"
        )
        cls.plaatwerk = Unit.objects.create(
            organisation=cls.org, parent=cls.productie, name="Plaatwerk", kind="team"
        )
        cls.verkoop = Unit.objects.create(
            organisation=cls.org, parent=cls.company, name="Verkoop", kind="department"
        )

        cls.alice = User.objects.create_user("alice", "alice@example.org", PASSWORD)
        cls.bob = User.objects.create_user("bob", "bob@example.org", PASSWORD)
        cls.carol = User.objects.create_user("carol", "carol@example.org", PASSWORD)
        cls.victor = User.objects.create_user("victor", "victor@example.org", PASSWORD)
        cls.charlie = User.objects.create_user("charlie", "charlie@example.org", PASSWORD)
        Membership.objects.create(organisation=cls.org, user=cls.alice, role="admin")
        for user in (cls.bob, cls.carol, cls.victor):
            Membership.objects.create(organisation=cls.org, user=user, role="viewer")
        UnitRole.objects.create(unit=cls.productie, user=cls.bob, role="manager")
        UnitRole.objects.create(unit=cls.verkoop, user=cls.carol, role="member")

        cls.other = Organisation.objects.create(name="Other", slug="other")
        cls.other_unit = Unit.objects.create(
            organisation=cls.other, name="Other", slug="other", kind="company"
        )
        Membership.objects.create(organisation=cls.other, user=cls.charlie, role="admin")

        cls.kpi = make_kpi(cls.org, cls.plaatwerk, "PW-1", name="Orders per uur", decimals=1)
        cls.sales_kpi = make_kpi(cls.org, cls.verkoop, "VK-1", name="Succesratio offertes")
        cls.other_kpi = make_kpi(cls.other, cls.other_unit, "OT-1")

    def login(self, user) -> None:
        self.client.force_login(user)

    def everyone(self):
        return [self.alice, self.bob, self.carol, self.victor, self.charlie]
