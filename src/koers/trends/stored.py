"""The cached verdicts (``TrendResult`` rows) of many KPIs, read in one query written in SQL
with the version of each KPI's trend settings, which the cache key holds: building the two
queries through the ORM cost more than reading them (see :mod:`koers.trends.verdicts`)."""

from __future__ import annotations

import json

from django.db import connection
from django.db.models import TextField
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from koers.kpis.reading import among

from .models import TrendResult, TrendSettings

LANGS = ("nl", "en")  # the languages a summary holds its reason in


def _parts_sql(vendor: str, data: str, listing: bool) -> list[str] | None:
    """The summary as JSON text and (``listing``) its verdict and reasons by language, as SQL
    for the column ``data`` (None: a database this module has no SQL for)."""
    if vendor == "postgresql":
        shown = [f"{data} ->> 'verdict'", *(f"{data} -> 'reason' ->> '{lang}'" for lang in LANGS)]
        return [f"{data}::text", *(shown if listing else [])]
    if vendor == "sqlite":
        paths = ["$.verdict", *(f"$.reason.{lang}" for lang in LANGS)]
        return [data, *(f"json_extract({data}, '{path}')" for path in paths if listing)]
    return None


def _ids_sql(connection, ids: list) -> tuple[str, str, list] | None:
    """The ids as a table of one column for a query written in SQL: (its FROM item, the
    column, the parameters); None where this module has no SQL for the database."""
    if connection.vendor == "postgresql":
        return "unnest(%s::bigint[]) AS k(id)", "k.id", ["{" + ",".join(map(str, ids)) + "}"]
    if connection.vendor == "sqlite":
        return "json_each(%s) AS k", "k.value", [json.dumps(ids)]
    return None


def _cached_sql(connection, ids: list, listing: bool, versions: bool):
    """The query of ``cached_rows``, written here rather than built by the ORM (building two
    queries cost more than reading them: half the time of the verdicts of 300 KPIs)."""
    table = _ids_sql(connection, ids)
    parts = _parts_sql(connection.vendor, "r.data", listing)
    if table is None or parts is None:
        return None
    qn = connection.ops.quote_name
    from_item, kpi_id, params = table
    sql = (
        f'SELECT {kpi_id}, r."key", {", ".join(parts)}, {"s.version" if versions else "NULL"} '
        f"FROM {from_item} LEFT JOIN {qn(TrendResult._meta.db_table)} r ON r.kpi_id = {kpi_id}"
    )
    if versions:
        sql += f" LEFT JOIN {qn(TrendSettings._meta.db_table)} s ON s.kpi_id = {kpi_id}"
    return sql, params


def cached_rows(ids: list[int], listing: bool, versions: bool = True) -> dict[int, tuple]:
    """Each KPI's cached row (by primary key): key (None: no row), summary (JSON text, decoded
    when first asked for), with ``listing`` the verdict and reasons by language (else None; a
    list of many KPIs shows only these: decoding 300 summaries cost half of reading them), and
    (``versions``) the version of its trend settings (None: no settings). One query."""
    query = _cached_sql(connection, ids, listing, versions)
    if query is None:
        return _cached_rows_orm(ids, listing, versions)
    with connection.cursor() as cursor:
        cursor.execute(*query)
        rows = cursor.fetchall()
    if not listing:
        return {kpi_id: (key, text, None, version) for kpi_id, key, text, version in rows}
    return {
        kpi_id: (key, text, (verdict, dict(zip(LANGS, rest[:-1], strict=True))), rest[-1])
        for kpi_id, key, text, verdict, *rest in rows
    }


def _cached_rows_orm(ids: list[int], listing: bool, versions: bool) -> dict[int, tuple]:
    """``cached_rows`` through the ORM (two queries), for other databases."""
    rows = TrendResult.objects.filter(among("kpi_id", ids))
    found = {}
    if versions:
        settings = TrendSettings.objects.filter(among("kpi_id", ids))
        found = dict(settings.values_list("kpi_id", "version"))
    out = {pk: (None, None, None, found.get(pk)) for pk in ids}
    if not listing:
        for kpi_id, key, data in rows.values_list("kpi_id", "key", "data"):
            out[kpi_id] = (key, data, None, found.get(kpi_id))
        return out
    parts = [KT("data__verdict"), *(KT(f"data__reason__{lang}") for lang in LANGS)]
    for kpi_id, key, text, verdict, *reasons in rows.values_list(
        "kpi_id", "key", Cast("data", TextField()), *parts
    ):
        shown = (verdict, dict(zip(LANGS, reasons, strict=True)))
        out[kpi_id] = (key, text, shown, found.get(kpi_id))
    return out
