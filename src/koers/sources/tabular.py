"""CSV and Excel exports to a typed Parquet snapshot, with DuckDB.

Dutch exports (``;``, decimal comma, ``dd-mm-yyyy``, Windows-1252 or UTF-8 with BOM, CRLF)
and English ones (``,``, decimal point, ISO or ``mm/dd/yyyy`` dates) are both read. Every
column is read as text first; its type (text, number, date) is detected from its values and
can be overridden. Conversion is strict: a value that does not fit its column's type stops
the load with the row and column named.

Pure Python: no Django.
"""

from __future__ import annotations

import codecs
import csv
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import openpyxl

from koers.sources.errors import LoadError

TYPES = ("text", "number", "date")
SAMPLE = 20_000
DATE_FORMATS = {
    "%Y-%m-%d": r"^\d{4}-\d{1,2}-\d{1,2}$",
    "%d-%m-%Y": r"^\d{1,2}-\d{1,2}-\d{4}$",
    "%d/%m/%Y": r"^\d{1,2}/\d{1,2}/\d{4}$",
    "%m/%d/%Y": r"^\d{1,2}/\d{1,2}/\d{4}$",
    "%d.%m.%Y": r"^\d{1,2}\.\d{1,2}\.\d{4}$",
}
NUMBER_COMMA = r"^[-+]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?$"
NUMBER_POINT = r"^[-+]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$"


@dataclass
class Column:
    name: str
    type: str = "text"
    format: str = ""  # date format, or the decimal separator of a number

    def as_dict(self) -> dict:
        return {"name": self.name, "type": self.type, "format": self.format}


@dataclass
class Table:
    rows: int
    columns: list[Column]
    date_from: date | None = None
    date_to: date | None = None
    encoding: str = "utf-8"
    delimiter: str = ","
    preview: list[tuple] = field(default_factory=list)


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _encoding(path: Path, name: str) -> str:
    head = path.open("rb").read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8"
    if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return "cp1252"
    return "utf-8"


def _transcode(path: Path, encoding: str, name: str, workdir: Path) -> Path:
    """A UTF-8 copy of a Windows-1252 or UTF-16 file (DuckDB reads UTF-8)."""
    target = workdir / "utf8.csv"
    line = 1
    with path.open("rb") as src, target.open("w", encoding="utf-8", newline="") as out:
        decoder = codecs.getincrementaldecoder(encoding)()
        while chunk := src.read(1 << 20):
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as error:
                line += chunk[: error.start].count(b"\n")
                raise LoadError("encoding", file=name, line=line) from None
            line += text.count("\n")
            out.write(text.lstrip("\ufeff") if line <= 1 else text)
    return target


def _delimiter(path: Path) -> str:
    with path.open(encoding="utf-8", errors="replace", newline="") as f:
        first = f.readline()
    counts = {d: first.count(d) for d in (";", ",", "\t", "|")}
    return max(counts, key=counts.get) if max(counts.values()) else ","


def _detect(con, column: str, semicolon: bool) -> Column:
    col = _q(column)
    checks = [f"count({col})"]
    for pattern in DATE_FORMATS.values():
        checks.append(f"count_if(regexp_full_match({col}, {_sql_str(pattern)}))")
    checks += [
        f"count_if(regexp_full_match({col}, {_sql_str(NUMBER_COMMA)}))",
        f"count_if(regexp_full_match({col}, {_sql_str(NUMBER_POINT)}))",
        f"count_if(contains({col}, ','))",
        f"count_if(contains({col}, '.'))",
        f"max(TRY_CAST(split_part({col}, '/', 2) AS INTEGER))",
    ]
    sql = (
        f"SELECT {', '.join(checks)} FROM (SELECT nullif(trim({col}), '') AS {col} FROM raw_sample)"
    )
    filled, iso, dmy, slash, _, dots, comma, point, commas, points, second = con.execute(
        sql
    ).fetchone()
    if not filled:
        return Column(column)
    if iso == filled:
        return Column(column, "date", "%Y-%m-%d")
    if dmy == filled:
        return Column(column, "date", "%d-%m-%Y")
    if dots == filled:
        return Column(column, "date", "%d.%m.%Y")
    if slash == filled:
        us = (second or 0) > 12
        return Column(column, "date", "%m/%d/%Y" if us else "%d/%m/%Y")
    if comma == filled and (commas or semicolon):
        return Column(column, "number", ",")
    if point == filled:
        return Column(column, "number", ".")
    return Column(column)


def _convert(column: Column) -> str:
    col = f"nullif(trim({_q(column.name)}), '')"
    if column.type == "date":
        return f"CAST(strptime({col}, {_sql_str(column.format)}) AS DATE) AS {_q(column.name)}"
    if column.type == "number":
        if column.format == ",":
            text = f"replace(replace({col}, '.', ''), ',', '.')"
        else:
            text = f"replace({col}, ',', '')"
        return f"CAST({text} AS DOUBLE) AS {_q(column.name)}"
    return f"{col} AS {_q(column.name)}"


def _first_bad(con, column: Column, name: str) -> LoadError:
    conv = _convert(column).rsplit(" AS ", 1)[0].replace("strptime(", "try_strptime(")
    conv = conv.replace("CAST(replace", "TRY_CAST(replace")
    col = _q(column.name)
    row, value = con.execute(
        f"SELECT __row, {col} FROM raw WHERE nullif(trim({col}), '') IS NOT NULL "
        f"AND {conv} IS NULL ORDER BY __row LIMIT 1"
    ).fetchone() or (None, None)
    if column.type == "date":
        shown = column.format.replace("%d", "dd").replace("%m", "mm").replace("%Y", "yyyy")
        return LoadError(
            "bad_date", file=name, row=row, column=column.name, value=value, format=shown
        )
    return LoadError("bad_number", file=name, row=row, column=column.name, value=value)


def _open(path: Path, name: str, workdir: Path):
    """(connection with views ``raw`` and ``raw_sample``, column names, encoding, delimiter)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        path = _excel_to_csv(path, name, workdir)
    encoding = _encoding(path, name)
    if encoding != "utf-8":
        path = _transcode(path, encoding, name, workdir)
    delimiter = _delimiter(path)
    con = duckdb.connect(":memory:")
    con.execute("SET threads = 2")
    con.execute("SET memory_limit = '1GB'")
    try:
        con.execute(
            "CREATE VIEW raw AS SELECT row_number() OVER () + 1 AS __row, * FROM read_csv("
            f"{_sql_str(str(path))}, delim={_sql_str(delimiter)}, header=true, "
            "all_varchar=true, quote='\"', escape='\"', null_padding=true, "
            "strict_mode=false)"
        )
        names = [d[0] for d in con.execute("SELECT * FROM raw LIMIT 0").description][1:]
        con.execute(f"CREATE TEMP TABLE raw_sample AS SELECT * FROM raw LIMIT {SAMPLE}")
    except duckdb.Error as error:
        raise LoadError("csv", file=name, problem=str(error).splitlines()[0]) from None
    if not names:
        raise LoadError("empty", file=name)
    return con, names, encoding, delimiter


def _columns(con, names, types: dict[str, str], semicolon: bool) -> list[Column]:
    columns = []
    for column in names:
        wanted = types.get(column)
        detected = _detect(con, column, semicolon)
        if wanted and wanted not in TYPES:
            raise LoadError("bad_type", column=column, value=wanted)
        if wanted and wanted != detected.type:
            detected = _override(detected, wanted, semicolon)
        columns.append(detected)
    return columns


def _check(con, columns: list[Column], name: str, table: str) -> None:
    """Convert ``table`` (raw or raw_sample); the first bad cell stops it, named."""
    select = ", ".join(["__row"] + [_convert(c) for c in columns])
    try:
        con.execute(f"CREATE TEMP TABLE checked AS SELECT {select} FROM {table}")
    except duckdb.Error:
        _raise_first_bad(con, columns, name)
        raise
    con.execute("DROP TABLE checked")


def _raise_first_bad(con, columns: list[Column], name: str) -> None:
    for column in columns:
        if column.type != "text":
            error = _first_bad(con, column, name)
            if error.params["row"] is not None:
                raise error from None


def inspect_table(path: Path, *, name: str, types: dict[str, str] | None = None) -> Table:
    """What a table file holds, from its first rows: columns, detected types, 10 rows.

    The first rows are converted as they would be loaded, so a bad cell there is named now.
    """
    with tempfile.TemporaryDirectory() as tmp:
        con, names, encoding, delimiter = _open(path, name, Path(tmp))
        columns = _columns(con, names, types or {}, delimiter == ";")
        _check(con, columns, name, "raw_sample")
        preview = con.execute("SELECT * EXCLUDE (__row) FROM raw_sample LIMIT 10").fetchall()
        sampled = con.execute("SELECT count(*) FROM raw_sample").fetchone()[0]
        con.close()
    return Table(sampled, columns, encoding=encoding, delimiter=delimiter, preview=preview)


def read_table(
    path: Path, target: Path, *, name: str, types: dict[str, str] | None = None
) -> Table:
    """Read a CSV (or an Excel file, via ``read_excel``) into a Parquet file at ``target``."""
    with tempfile.TemporaryDirectory() as tmp:
        con, names, encoding, delimiter = _open(path, name, Path(tmp))
        columns = _columns(con, names, types or {}, delimiter == ";")
        select = ", ".join(["__row"] + [_convert(c) for c in columns])
        try:
            con.execute(
                f"COPY (SELECT {select} FROM raw) TO {_sql_str(str(target))} (FORMAT parquet)"
            )
        except duckdb.Error:
            _raise_first_bad(con, columns, name)
            raise
        return _summary(con, target, columns, encoding, delimiter)


def _override(column: Column, wanted: str, semicolon: bool) -> Column:
    if wanted == "date":
        return Column(column.name, "date", "%d-%m-%Y" if semicolon else "%Y-%m-%d")
    if wanted == "number":
        return Column(column.name, "number", "," if semicolon else ".")
    return Column(column.name)


def _summary(con, target: Path, columns, encoding, delimiter) -> Table:
    src = f"read_parquet({_sql_str(str(target))})"
    dates = [c for c in columns if c.type == "date"]
    parts = ["count(*)"]
    for c in dates:
        parts += [f"min({_q(c.name)})", f"max({_q(c.name)})"]
    found = con.execute(f"SELECT {', '.join(parts)} FROM {src}").fetchone()
    lows = [v for v in found[1::2] if v is not None]
    highs = [v for v in found[2::2] if v is not None]
    preview = con.execute(f"SELECT * FROM {src} ORDER BY __row LIMIT 10").fetchall()
    return Table(
        rows=found[0],
        columns=columns,
        date_from=min(lows) if lows else None,
        date_to=max(highs) if highs else None,
        encoding=encoding,
        delimiter=delimiter,
        preview=preview,
    )


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.date().isoformat()
            if value.time() == datetime.min.time()
            else value.isoformat(" ")
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _excel_to_csv(path: Path, name: str, workdir: Path) -> Path:
    target = workdir / "sheet.csv"
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise LoadError("xlsx", file=name) from None
    sheet = book.worksheets[0]
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        for row in sheet.iter_rows(values_only=True):
            writer.writerow([_cell(v) for v in row])
    book.close()
    return target
