"""Saves that check and write as one: the KPIs' rows locked for the length of a transaction.

Every way a value comes in by hand (the value form, the grid, the API) plans and writes inside
one of these blocks, so a stale check (a version, a revision) and the write of one save cannot
interleave with another save of the same KPI. A small plan made inside a block keeps what it
read as stored, and ``apply_plan`` inside the same block writes from that instead of reading
it again (``held``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import transaction

from .access import get_kpi
from .models import KPI


@dataclass(frozen=True, eq=False)
class _Held:
    ids: frozenset[int]  # the KPIs whose rows ``locked`` holds


_HELD: ContextVar[_Held | None] = ContextVar("koers_kpis_held", default=None)


def held() -> _Held | None:
    """The KPIs the innermost running block holds (None outside any)."""
    return _HELD.get()


@contextmanager
def _holding(ids: Iterable[int]) -> Iterator[None]:
    token = _HELD.set(_Held(frozenset(ids)))
    try:
        yield
    finally:
        _HELD.reset(token)


@contextmanager
def locked(kpis: Iterable[KPI]) -> Iterator[dict[int, int]]:
    """One transaction holding the KPIs' rows locked (``SELECT … FOR UPDATE``, in id order):
    plan and write inside it, so the stale check and the write of one save cannot interleave
    with another save of the same KPI. Yields each KPI's revision as read under the lock.
    (SQLite takes its write lock when the transaction starts: the same effect.)"""
    ids = sorted({kpi.pk for kpi in kpis})
    with transaction.atomic():
        rows = KPI.objects.select_for_update().filter(pk__in=ids).order_by("pk")
        revisions = dict(rows.values_list("pk", "revision"))
        with _holding(ids):
            yield revisions


@contextmanager
def locked_kpis(kpis) -> Iterator[list[KPI]]:
    """As ``locked``, for the KPIs of a queryset: read and locked in one query (id order)."""
    with transaction.atomic():
        found = list(kpis.select_for_update(of=("self",)).order_by("pk"))
        with _holding(k.pk for k in found):
            yield found


@contextmanager
def locked_kpi(access, code: str, right: str) -> Iterator[KPI]:
    """As ``locked``, for one KPI fetched the way ``kpis.access.get_kpi`` does (404, 403) and
    locked by the same query: its ``revision`` is the stored one for the whole block."""
    with transaction.atomic():
        kpi = get_kpi(access, code, right, KPI.objects.select_for_update(of=("self",)))
        with _holding([kpi.pk]):
            yield kpi
