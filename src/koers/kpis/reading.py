"""Reading many KPIs fast: the ``among`` filter for long id lists and the iterable behind
``KPIQuerySet.listed`` (kept apart from the models so that module stays about the models)."""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db.models import F, JSONField, Lookup
from django.db.models.base import ModelState
from django.db.models.query import BaseIterable, ModelIterable
from django.db.models.sql.constants import MULTI


class _AmongIds(Lookup):
    """``lhs IN (ids)``; on PostgreSQL ``lhs = ANY(%s)``, the ids one array parameter."""

    prepare_rhs = False

    def get_prep_lookup(self):
        return self.rhs

    def _lhs(self, compiler, connection):
        if not self.rhs:
            raise EmptyResultSet  # as ``__in=[]``: the query is not run
        return self.process_lhs(compiler, connection)

    def as_sql(self, compiler, connection):
        lhs, params = self._lhs(compiler, connection)
        return f"{lhs} IN ({', '.join(['%s'] * len(self.rhs))})", (*params, *self.rhs)

    def as_postgresql(self, compiler, connection):
        lhs, params = self._lhs(compiler, connection)
        cast = self.lhs.output_field.db_type(connection)
        return f"{lhs} = ANY(%s::{cast}[])", (*params, _array(self.rhs))


def _array(ids: list):
    """Whole numbers as PostgreSQL's array text (``'{1,2,3}'``), the same array as the list
    itself, which psycopg adapts item by item (a third of a 300-id query's CPU); other values
    as the list."""
    if all(type(i) is int for i in ids):
        return "{" + ",".join(map(str, ids)) + "}"
    return ids


def among(field: str, ids) -> Lookup:
    """A filter for ``field__in=ids`` with many ids (``queryset.filter(among("kpi_id", ids))``).

    ``__in`` prepares every id on its own, and psycopg does not cache a statement with more
    than 50 parameters: 300 KPI ids cost 2-3 ms of CPU per query, the array parameter a tenth
    of that. Same rows; no query at all for no ids, as ``__in``."""
    return _AmongIds(F(field), list(ids))


# What ``KPIQuerySet.listed`` leaves unread: long texts, JSON and timestamps, which cost two
# thirds of reading 300 KPIs (the verdicts, chips and the attention list need none of them).
LISTED_DEFERRED = frozenset(
    {
        "definition",
        "purpose",
        "data_source",
        "catalogue_key",
        "rollup_formula",
        "rollup_weights",
        "created_at",
        "updated_at",
    }
)


class ListedIterable(BaseIterable):
    """KPIs built the way ``series_rows`` builds measurements: Django's ``Model.__init__`` per
    row (thirty fields through their descriptors, the known related objects through theirs)
    cost as much as reading the rows. The rows' ``organisation`` and ``unit`` come from
    ``scoped_to``/``with_known`` as they would. A queryset with joins, its own deferred fields
    or annotations takes Django's own way (every field read)."""

    def __iter__(self):
        queryset, query = self.queryset, self.queryset.query
        model = queryset.model
        if (
            query.select_related
            or query.annotations
            or query.extra
            or query.deferred_loading != (frozenset(), True)
        ):
            yield from ModelIterable(queryset, self.chunked_fetch, self.chunk_size)
            return
        names = [f.attname for f in model._meta.concrete_fields if f.name not in LISTED_DEFERRED]
        at = {name: i for i, name in enumerate(names)}
        known = [
            (at[field.attname], field.name, objects)
            for field, objects in queryset._known_related_objects.items()
        ]
        rows = queryset.values_list(*names).query.get_compiler(queryset.db)
        chunks = rows.execute_sql(MULTI, self.chunked_fetch, self.chunk_size)
        converters = _converters(rows)
        new, db = object.__new__, queryset.db  # what Model and ModelState use
        for chunk in chunks:
            for row in chunk:
                if converters:
                    row = list(row)
                    for i, convert in converters:
                        row[i] = convert(row[i])
                cache = {}
                for i, name, objects in known:
                    related = objects.get(row[i])
                    if related is not None:
                        cache[name] = related
                state = new(ModelState)
                state.__dict__ = {"adding": False, "db": db, "fields_cache": cache}
                values = dict(zip(names, row, strict=True))
                values["_state"] = state
                kpi = new(model)
                kpi.__dict__ = values
                yield kpi


def _converters(compiler) -> list[tuple[int, object]]:
    """What ``values_list`` makes of each column read, as a function per column that needs
    one: Django's converters, but an empty JSON list (most KPIs' roll-up children and target
    profile) without ``json.loads`` (600 a page of 300 KPIs, a tenth of reading them)."""
    fields = [s[0] for s in compiler.select[: compiler.col_count]]
    connection, out = compiler.connection, []
    for i, (functions, expression) in compiler.get_converters(fields).items():
        out.append((i, _converter(functions, expression, connection)))
    return out


def _converter(functions, expression, connection):
    def convert(value):
        for function in functions:
            value = function(value, expression, connection)
        return value

    field = getattr(expression, "target", None)
    if isinstance(field, JSONField) and functions == [field.from_db_value]:
        return lambda value: [] if value == "[]" else convert(value)
    return convert
