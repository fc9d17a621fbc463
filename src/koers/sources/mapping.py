"""The account mapping of an auditfile source: what each ledger account counts as."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from koers.organisations.models import Unit
from koers.sources.models import Category, DataSource


def coverage_of(source: DataSource) -> dict:
    """Share of the profit-and-loss amounts on mapped accounts, in % (and of all amounts)."""
    total = mapped = pl_total = pl_mapped = Decimal(0)
    for account in source.accounts.all():
        total += account.amount
        if account.category:
            mapped += account.amount
        if account.profit_loss:
            pl_total += account.amount
            if account.category:
                pl_mapped += account.amount
    return {
        "all": round(mapped / total * 100, 1) if total else None,
        "profit_loss": round(pl_mapped / pl_total * 100, 1) if pl_total else None,
    }


@transaction.atomic
def save_mapping(source: DataSource, data) -> int:
    """Save the posted categories (field ``account-<pk>``); returns how many changed."""
    allowed = {value for value, _ in Category.choices}
    changed = 0
    for account in source.accounts.all():
        key = f"account-{account.pk}"
        if key not in data or data[key] not in allowed or data[key] == account.category:
            continue
        account.category = data[key]
        account.mapped_by_user = True
        account.save(update_fields=["category", "mapped_by_user"])
        changed += 1
    return changed


@transaction.atomic
def save_cost_centres(source: DataSource, data) -> int:
    """Save the posted units (field ``centre-<pk>``: a unit id or empty); how many changed."""
    units = {
        str(pk) for pk in Unit.objects.for_org(source.organisation).values_list("pk", flat=True)
    }
    changed = 0
    for centre in source.cost_centres.all():
        key = f"centre-{centre.pk}"
        if key not in data or (data[key] and data[key] not in units):
            continue
        unit_id = int(data[key]) if data[key] else None
        if unit_id != centre.unit_id:
            centre.unit_id = unit_id
            centre.save(update_fields=["unit"])
            changed += 1
    return changed
