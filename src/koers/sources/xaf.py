"""An auditfile (XAF 4.0, 3.2, 3.1, ... via pyxaf) to a Parquet snapshot of its lines.

pyxaf streams the file with pyexpat in constant memory and refuses DOCTYPE/ENTITY
declarations (no XML bombs). Lines are written to a temporary CSV as they are read and
turned into Parquet by DuckDB, so memory does not grow with the file.

Pure Python: no Django.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pyxaf

from koers.sources.errors import LoadError

LINE_COLUMNS = (
    ("__row", "BIGINT"),
    ("date", "DATE"),
    ("journal", "VARCHAR"),
    ("journal_kind", "VARCHAR"),
    ("transaction", "VARCHAR"),
    ("account", "VARCHAR"),
    ("amount", "DECIMAL(20,2)"),
    ("relation", "VARCHAR"),
    ("invoice", "VARCHAR"),
    ("due", "DATE"),
    ("cost_centre", "VARCHAR"),
    ("description", "VARCHAR"),
    ("opening", "BOOLEAN"),
)


@dataclass
class LedgerAccount:
    number: str
    description: str
    rgs_code: str
    profit_loss: bool


@dataclass
class Auditfile:
    version: str
    fiscal_year: str
    start: date | None
    end: date | None
    company: dict
    accounts: list[LedgerAccount]
    rows: int = 0
    debit: Decimal = Decimal(0)
    credit: Decimal = Decimal(0)
    date_from: date | None = None
    date_to: date | None = None
    has_due_dates: bool = False
    warnings: list[dict] = field(default_factory=list)

    @property
    def balanced(self) -> bool:
        return self.debit == self.credit


@contextmanager
def _refusals(name: str):
    """pyxaf's exceptions as LoadErrors naming file, line and column."""
    try:
        yield
    except pyxaf.ForbiddenConstructError as error:
        raise LoadError("forbidden_xml", file=name, line=error.line) from None
    except pyxaf.XmlSyntaxError as error:
        problem = str(error).split(" at line")[0]
        raise LoadError(
            "bad_xml", file=name, line=error.line, column=error.column, problem=problem
        ) from None
    except pyxaf.PyxafError:
        raise LoadError("not_auditfile", file=name) from None


def _accounts(af) -> list[LedgerAccount]:
    out = []
    for acc in af.accounts.values():
        kind = acc.account_type.kind
        rgs = acc.rgs.code if acc.rgs is not None and acc.rgs.code else ""
        pl = kind == pyxaf.AccountKind.PROFIT_LOSS or (
            kind != pyxaf.AccountKind.BALANCE and rgs.startswith("W")
        )
        out.append(LedgerAccount(acc.id, acc.description or "", rgs, pl))
    return out


def read_auditfile(
    path: Path, target: Path, *, name: str, progress: Callable[[int], None] | None = None
) -> Auditfile:
    """Read ``path`` and write its transaction lines as Parquet to ``target``."""
    with _refusals(name), pyxaf.open(path) as af:
        header, company = af.header, af.company
        result = Auditfile(
            version=str(af.version),
            fiscal_year=header.fiscal_year or (header.start_date.year if header.start_date else ""),
            start=header.start_date,
            end=header.end_date,
            company={
                "name": company.name or "",
                "commerce_number": company.commerce_number or "",
                "vat": company.tax_registration_id or "",
            },
            accounts=_accounts(af),
        )
        kinds = {j.id: str(j.journal_type.kind) for j in af.journals.values()}
        with tempfile.TemporaryDirectory() as tmp:
            csv_path = Path(tmp) / "lines.csv"
            _write_lines(af, csv_path, kinds, name, progress)
            _to_parquet(csv_path, target)
        _totals(target, result)
        result.fiscal_year = str(result.fiscal_year)
    if not result.balanced:
        result.warnings.append(
            {"code": "unbalanced", "debit": str(result.debit), "credit": str(result.credit)}
        )
    return result


def _write_lines(af, csv_path: Path, kinds, name, progress) -> None:
    """Stream the lines into a CSV; the per-line work is kept to what only Python can do."""
    with csv_path.open("w", encoding="utf-8", newline="") as out:
        write = csv.writer(out).writerow
        for n, line in enumerate(af.lines(), 1):
            day = line.transaction_date or line.effective_date
            journal = line.journal_id or ""
            due = line.settlement_date
            write(
                (
                    n,
                    day.isoformat() if day else "",
                    journal,
                    kinds.get(journal, "unknown"),
                    line.transaction_number or "",
                    line.account_id or "",
                    line.signed_amount,
                    line.relation_id or "",
                    line.invoice_ref or "",
                    due.isoformat() if due else "",
                    line.cost_center or "",
                    (line.description or "")[:200],
                    line.period_key == "0",
                )
            )
            if progress is not None and n % 50_000 == 0:
                progress(n)


def _totals(target: Path, result: Auditfile) -> None:
    path = str(target).replace("'", "''")
    con = duckdb.connect(":memory:")
    found = con.execute(
        "SELECT count(*), min(date), max(date), sum(amount) FILTER (WHERE amount > 0), "
        "-sum(amount) FILTER (WHERE amount < 0), count(due) FROM "
        f"read_parquet('{path}')"
    ).fetchone()
    con.close()
    result.rows, result.date_from, result.date_to = found[0], found[1], found[2]
    result.debit, result.credit = found[3] or Decimal(0), found[4] or Decimal(0)
    result.has_due_dates = bool(found[5])


def _to_parquet(csv_path: Path, target: Path) -> None:
    con = duckdb.connect(":memory:")
    con.execute("SET threads = 2")
    con.execute("SET memory_limit = '500MB'")
    types = ", ".join(f"'{n}': '{t}'" for n, t in LINE_COLUMNS)
    src = str(csv_path).replace("'", "''")
    dst = str(target).replace("'", "''")
    con.execute(
        f"COPY (SELECT * FROM read_csv('{src}', header=false, columns={{{types}}}, "
        f"quote='\"', escape='\"')) TO '{dst}' (FORMAT parquet)"
    )
    con.close()


def peek_auditfile(path: Path, *, name: str) -> dict:
    """What an auditfile says about itself (header, company, accounts) without its lines."""
    with _refusals(name), pyxaf.open(path) as af:
        header, company = af.header, af.company
        year = header.fiscal_year or (header.start_date.year if header.start_date else "")
        return {
            "version": str(af.version),
            "fiscal_year": str(year),
            "start": header.start_date.isoformat() if header.start_date else None,
            "end": header.end_date.isoformat() if header.end_date else None,
            "company": {
                "name": company.name or "",
                "commerce_number": company.commerce_number or "",
                "vat": company.tax_registration_id or "",
            },
            "accounts": len(af.accounts),
        }
