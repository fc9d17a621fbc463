"""Reading CSV and Excel files (pure: no database)."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

import pytest

from koers.dataentry import tables
from koers.dataentry.tables import TableError, entries, read_table


def cells(data: bytes, name="f.csv", single=False, sheet=None):
    layout, found = entries(read_table(data, name, sheet), single=single)
    return layout, [(e.row, e.kpi, e.period, e.value, e.comment) for e in found]


def test_it_reads_semicolon_csv_with_bom_and_crlf():
    data = "\ufeffKPI;Periode;Waarde;Opmerking\r\nPW-1;jan 2025;1.234,56;goed\r\n".encode()
    assert cells(data) == ("long", [(2, "PW-1", "jan 2025", "1.234,56", "goed")])


def test_it_reads_comma_and_tab_csv():
    comma = b'kpi,period,value\nPW-1,2025-01,"1,234.56"\n'
    tab = b"Code\tMonth\tValue\nPW-1\t2025-01\t12%\n"
    assert cells(comma)[1] == [(2, "PW-1", "2025-01", "1,234.56", None)]
    assert cells(tab)[1] == [(2, "PW-1", "2025-01", "12%", None)]


def test_it_reads_windows_1252():
    data = "KPI;Periode;Waarde;Toelichting\nPW-1;mrt 2025;€ 1.234;café\n".encode("cp1252")
    assert cells(data)[1] == [(2, "PW-1", "mrt 2025", "€ 1.234", "café")]


def test_it_skips_blank_lines_and_trailing_columns_but_keeps_row_numbers():
    data = b"\nKPI ; Periode;WAARDE;;\n\nPW-1;2025-01;5;;\n  \nPW-1;2025-02;6;;;\n"
    layout, found = cells(data)
    assert [(r, v) for r, _, _, v, _ in found] == [(4, "5"), (6, "6")]


def test_it_reads_a_wide_file():
    data = b"Maand;PW-1;Orders per uur\n2025-01;1;\n2025-02;2;3\n"
    layout, found = cells(data)
    assert layout == "wide"
    assert found == [
        (2, "PW-1", "2025-01", "1", None),
        (2, "Orders per uur", "2025-01", None, None),
        (3, "PW-1", "2025-02", "2", None),
        (3, "Orders per uur", "2025-02", "3", None),
    ]


def test_it_reads_a_single_kpi_file():
    layout, found = cells(b"Datum;Waarde\n31-01-2025;5\n", single=True)
    assert (layout, found) == ("single", [(2, "", "31-01-2025", "5", None)])
    layout, found = cells(b"Week;PW-1\n2025-W07;5\n", single=True)
    assert found == [(2, "", "2025-W07", "5", None)]


def test_it_names_what_is_missing_in_dutch_and_english():
    with pytest.raises(TableError) as error:
        cells(b"KPI;Waarde\nPW-1;5\n")
    assert error.value.code == "no_period_column"
    assert "geen kolom met de periode" in error.value.message("nl")
    assert "'KPI', 'Waarde'" in error.value.message("en")
    with pytest.raises(TableError) as error:
        cells(b"")
    assert error.value.message("nl") == "Het bestand is leeg"
    with pytest.raises(TableError) as error:
        cells(b"KPI;Periode;Waarde;Waarde\nPW-1;2025-01;1;2\n")
    assert error.value.code == "duplicate_column"


def xlsx(rows, title="Blad1", extra=None):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    if extra:
        other = book.create_sheet(extra)
        other.append(["KPI", "Periode", "Waarde"])
        other.append(["PW-1", "2025-03", 9])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_it_keeps_excel_dates_and_numbers():
    data = xlsx(
        [
            ["KPI", "Periode", "Waarde"],
            ["PW-1", datetime(2025, 1, 31), 1234.5],
            [],
            ["PW-1", "feb 2025", 7],
        ]
    )
    layout, found = cells(data, "cijfers.xlsx")
    assert found == [
        (2, "PW-1", datetime(2025, 1, 31), 1234.5, None),
        (4, "PW-1", "feb 2025", 7, None),
    ]


def test_it_reads_a_named_sheet():
    data = xlsx([["x"]], extra="Cijfers")
    assert cells(data, "a.xlsx", sheet="cijfers")[1] == [(2, "PW-1", "2025-03", 9, None)]
    with pytest.raises(TableError) as error:
        cells(data, "a.xlsx", sheet="Nope")
    assert "Blad1, Cijfers" in error.value.message("nl")


def test_it_rejects_old_and_broken_excel_files():
    with pytest.raises(TableError) as error:
        cells(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "oud.xls")
    assert error.value.code == "xls"
    with pytest.raises(TableError) as error:
        cells(b"PK\x03\x04broken", "kapot.xlsx")
    assert error.value.code == "not_xlsx"


def test_it_neutralises_formula_texts_and_restores_them_exactly():
    cases = {
        "=1+1": "'=1+1",
        "+31": "'+31",
        "-x": "'-x",
        "@SUM(A1)": "'@SUM(A1)",
        "\tx": "'\tx",
        "\rx": "'\rx",
        "'=x": "''=x",
        "'plain": "'plain",
        "plain": "plain",
        "": "",
        "a=b": "a=b",
    }
    for text, written in cases.items():
        assert tables.neutralise(text) == written, text
        assert tables.restore(written) == text, text


def test_it_reads_neutralised_cells_back():
    table = tables.read_csv(b"KPI;Periode;Waarde;Opmerking\r\n'-A;2025-01;-3;'=1+1\r\n")
    assert list(table.rows) == [(2, ["-A", "2025-01", "-3", "=1+1"])]


def test_it_reads_utf16_csv_with_a_bom():
    text = "KPI;Periode;Waarde;Opmerking\r\nPW-1;2025-01;1,5;één\r\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        bom = "\ufeff".encode(encoding)
        assert cells(bom + text.encode(encoding))[1] == [(2, "PW-1", "2025-01", "1,5", "één")]
    assert cells(text.encode("utf-16"))[1] == [(2, "PW-1", "2025-01", "1,5", "één")]


def test_it_refuses_a_csv_field_over_131072_characters_with_its_row():
    data = f"KPI;Periode;Waarde\r\nPW-1;2025-01;1\r\nPW-1;2025-02;{'9' * 131_073}\r\n".encode()
    with pytest.raises(TableError) as error:
        cells(data)
    assert error.value.code == "field_too_long"
    assert "Rij 3" in error.value.message("nl") and "131.072 tekens" in error.value.message("nl")
    assert "Row 3" in error.value.message("en") and "131,072 characters" in error.value.message(
        "en"
    )
    # An open quote swallows the rest of the file into one field.
    data = ('KPI;Periode;Waarde\r\nPW-1;2025-01;"1\r\n' + "PW-1;2025-02;2\r\n" * 10_000).encode()
    with pytest.raises(TableError) as error:
        cells(data)
    assert error.value.code == "field_too_long"


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for part in source.infolist():
            body = source.read(part.filename)
            if part.filename == name:
                body = content
            target.writestr(part, body, compress_type=zipfile.ZIP_DEFLATED)
        if name not in source.namelist():
            target.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_it_refuses_an_xlsx_bomb_before_parsing_it(monkeypatch):
    good = xlsx([["KPI", "Periode", "Waarde"], ["PW-1", "2025-01", 1]])
    bomb = with_part(good, "xl/media/padding.xml", b"<x>" + b" " * 50_000_000 + b"</x>")
    assert len(bomb) < 200_000
    with pytest.raises(TableError) as error:
        cells(bomb, "bom.xlsx")
    assert error.value.code == "packed_too_tightly"
    assert "keer ingepakt" in error.value.message("nl")
    assert "xl/media/padding.xml" in error.value.message("en")

    monkeypatch.setattr(tables, "MAX_UNPACKED", 10_000)
    with pytest.raises(TableError) as error:
        cells(good, "groot.xlsx")
    assert error.value.code == "unpacked_too_large"
    assert "MB" in error.value.message("nl")


def test_it_refuses_a_sheet_that_declares_or_holds_too_many_cells(monkeypatch):
    good = xlsx([["KPI", "Periode", "Waarde"], ["PW-1", "2025-01", 1], ["PW-1", "2025-02", 2]])
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    huge = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', sheet)
    assert huge != sheet
    with pytest.raises(TableError) as error:
        cells(with_part(good, "xl/worksheets/sheet1.xml", huge), "a.xlsx")
    assert error.value.code == "too_many_cells"
    assert "17.179.869.184 cellen" in error.value.message("nl")
    assert "5,000,000" in error.value.message("en")

    # A sheet that says it is small but holds more is stopped while it is read.
    small = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', sheet)
    monkeypatch.setattr(tables, "MAX_CELLS", 7)
    with pytest.raises(TableError) as error:
        cells(with_part(good, "xl/worksheets/sheet1.xml", small), "a.xlsx")
    assert error.value.code == "too_many_cells"
    monkeypatch.setattr(tables, "MAX_CELLS", 9)
    assert len(cells(good, "a.xlsx")[1]) == 2
