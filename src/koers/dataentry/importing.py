"""A file in, a plan out: the part of importing shared by `koers import` and the web page."""

from __future__ import annotations

from dataclasses import dataclass

from koers.kpis.models import KPI, Source
from koers.kpis.recording import RecordSummary

from .plan import Plan, RowInput, apply_plan, make_plan
from .tables import entries, read_table


@dataclass
class FilePlan:
    plan: Plan
    layout: str  # "long" | "wide" | "single"
    rows: int  # data rows in the file


def plan_file(
    organisation,
    data: bytes,
    filename: str,
    *,
    access,
    kpi: KPI | None = None,
    sheet: str | None = None,
    decimal: str | None = None,
) -> FilePlan:
    """Read a CSV/.xlsx file and plan it. Raises tables.TableError for an unreadable file."""
    table = read_table(data, filename, sheet)
    layout, cells = entries(table, single=kpi is not None)
    rows = (
        RowInput(e.row, e.kpi, e.period, e.value, e.comment, e.column, e.kpi_row) for e in cells
    )
    plan = make_plan(organisation, rows, access=access, kpi=kpi, decimal=decimal)
    return FilePlan(plan, layout, table.read_rows)


def apply_file_plan(plan: Plan, *, user, filename: str) -> RecordSummary:
    """Write the plan as an import of ``filename`` (history: source import, the file name)."""
    return apply_plan(plan, user=user, source=Source.IMPORT, detail=filename)
