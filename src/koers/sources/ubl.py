"""E-invoices (UBL 2.1, SI-UBL 2.0, Peppol BIS 3): one XML file, or many in a zip, to a table.

One row per invoice or credit note: number, kind, issue and due date, customer, supplier,
totals excluding and including VAT, allowances, payable amount (credit notes negative).
XML is parsed with defusedxml: DTDs and entities are refused (no XML bombs, no external
files). Pure Python: no Django.
"""

from __future__ import annotations

import csv
import tempfile
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring

from koers.sources.errors import LoadError
from koers.sources.tabular import Table, read_table

CBC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}"
CAC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2}"
ROOTS = {"Invoice": "invoice", "CreditNote": "credit_note"}
COLUMNS = (
    "invoice",
    "kind",
    "issue_date",
    "due_date",
    "customer_id",
    "customer",
    "supplier",
    "currency",
    "total_excl_vat",
    "total_incl_vat",
    "allowances",
    "payable",
)
TYPES = {"invoice": "text", "customer_id": "text", "customer": "text", "supplier": "text"}
MAX_MEMBER = 20 * 1024 * 1024


def _text(node, path: str) -> str:
    found = node.find(path.replace("cbc:", CBC).replace("cac:", CAC))
    return (found.text or "").strip() if found is not None and found.text else ""


def _amount(node, path: str, sign: int) -> str:
    text = _text(node, path)
    try:
        return str(Decimal(text) * sign) if text else ""
    except InvalidOperation:
        return ""


def invoice_row(data: bytes, name: str) -> list[str]:
    try:
        root = fromstring(data)
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden):
        raise LoadError("forbidden_xml", file=name, line=1) from None
    except ParseError as error:
        line, column = error.position
        raise LoadError(
            "bad_xml", file=name, line=line, column=column, problem=str(error)
        ) from None
    local = root.tag.rsplit("}", 1)[-1]
    if local not in ROOTS:
        raise LoadError("not_invoice", file=name)
    sign = -1 if local == "CreditNote" else 1
    customer = "cac:AccountingCustomerParty/cac:Party/"
    supplier = "cac:AccountingSupplierParty/cac:Party/"
    totals = "cac:LegalMonetaryTotal/"
    return [
        _text(root, "cbc:ID"),
        ROOTS[local],
        _text(root, "cbc:IssueDate"),
        _text(root, "cbc:DueDate") or _text(root, "cac:PaymentMeans/cbc:PaymentDueDate"),
        _text(root, customer + "cac:PartyTaxScheme/cbc:CompanyID")
        or _text(root, customer + "cac:PartyLegalEntity/cbc:CompanyID")
        or _text(root, customer + "cbc:EndpointID"),
        _text(root, customer + "cac:PartyName/cbc:Name")
        or _text(root, customer + "cac:PartyLegalEntity/cbc:RegistrationName"),
        _text(root, supplier + "cac:PartyName/cbc:Name")
        or _text(root, supplier + "cac:PartyLegalEntity/cbc:RegistrationName"),
        _text(root, "cbc:DocumentCurrencyCode"),
        _amount(root, totals + "cbc:TaxExclusiveAmount", sign),
        _amount(root, totals + "cbc:TaxInclusiveAmount", sign),
        _amount(root, totals + "cbc:AllowanceTotalAmount", sign),
        _amount(root, totals + "cbc:PayableAmount", sign),
    ]


def _members(path: Path, name: str):
    if path.suffix.lower() != ".zip":
        yield name, path.read_bytes()
        return
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise LoadError("not_invoice", file=name) from None
    with archive:
        for info in archive.infolist():
            if info.is_dir() or not info.filename.lower().endswith(".xml"):
                continue
            if info.file_size > MAX_MEMBER:
                raise LoadError("unreadable", file=f"{name}/{info.filename}", problem="> 20 MB")
            yield f"{name}/{info.filename}", archive.read(info)


def read_invoices(path: Path, target: Path, *, name: str) -> Table:
    with tempfile.TemporaryDirectory() as tmp:
        table_csv = Path(tmp) / "invoices.csv"
        count = 0
        with table_csv.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(COLUMNS)
            for member, data in _members(path, name):
                writer.writerow(invoice_row(data, member))
                count += 1
        if not count:
            raise LoadError("not_invoice", file=name)
        return read_table(table_csv, target, name=name, types=TYPES)
