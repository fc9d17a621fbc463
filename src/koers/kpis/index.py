"""The KPIs a batch of incoming rows names, found by code (exact, then any case) or exact name:
the plan's first step (``koers.kpis.plan``)."""

from __future__ import annotations

from .models import KPI

FEW_ROWS = 50


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


class KPIIndex:
    """Every KPI of the organisation, found by code (exact, then any case) or exact name.

    ``codes``: the texts the rows name, when known and few (a value form, an API call, a small
    import): then only those KPIs are read, by exact code, and the whole organisation's only
    when a text is not an exact code. A plan used to read all 300 KPIs for one value."""

    def __init__(self, kpis, codes: set[str] | None = None, known=None) -> None:
        self._kpis = kpis
        self.by_code: dict[str, KPI] = dict(known or {})  # read already: {code: KPI}
        self.by_code_folded: dict[str, list[KPI]] = {}
        self.by_name: dict[str, list[KPI]] = {}
        self._cache: dict[str, tuple[KPI | None, str, dict]] = {}
        self._loaded = False
        if codes is None:
            self._load()
        elif codes:
            self.by_code.update((k.code, k) for k in kpis.filter(code__in=codes))

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        for kpi in self._kpis:
            kpi = self.by_code.setdefault(kpi.code, kpi)  # the instances already handed out
            self.by_code_folded.setdefault(kpi.code.casefold(), []).append(kpi)
            self.by_name.setdefault(_norm(kpi.name), []).append(kpi)

    def find(self, text: str) -> tuple[KPI | None, str, dict]:
        """(kpi, "", {}) or (None, error code, params)."""
        if text in self._cache:
            return self._cache[text]
        stripped = " ".join(text.split())
        found: tuple[KPI | None, str, dict]
        if stripped not in self.by_code:
            self._load()
        if stripped in self.by_code:
            found = (self.by_code[stripped], "", {})
        else:
            folded = self.by_code_folded.get(stripped.casefold(), [])
            named = self.by_name.get(_norm(stripped), [])
            if len(folded) == 1:
                found = (folded[0], "", {})
            elif len(named) == 1:
                found = (named[0], "", {})
            elif len(named) > 1:
                codes = ", ".join(sorted(k.code for k in named))
                found = (None, "ambiguous_kpi", {"codes": codes})
            else:
                found = (None, "unknown_kpi", {})
        self._cache[text] = found
        return found


def named_codes(rows) -> set[str] | None:
    """The KPI texts of a short list of rows (None for many rows or a stream)."""
    if not isinstance(rows, (list, tuple)) or len(rows) > FEW_ROWS:
        return None
    codes = set()
    for row in rows:
        if not isinstance(row.kpi, str):
            return None
        if row.kpi.strip():
            codes.add(" ".join(row.kpi.split()))
    return codes
