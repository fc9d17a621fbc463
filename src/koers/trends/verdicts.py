"""Trend verdicts for KPIs: the one place the product asks the engine about a KPI.

``attach_trends(kpis)`` sets ``kpi.trend`` (a :class:`Trend`) on every KPI; ``trend_for(kpi)``
does it for one. ``analysis_for_values(values, kpi, ...)`` runs the engine on any values of a
KPI with the KPI's own direction, trend settings and target (meetings and reports use it).

Caching: the summary of each KPI's analysis (verdict, evidence, reasons in every language,
limits, target assurance) is stored in ``TrendResult``, one row per KPI, valid while its key
matches: the KPI's ``revision`` (bumped by every change to a value or a trend setting), the
settings version, the direction, frequency and target, and ``CACHE_VERSION`` (bump it when the
engine's results change). A database row rather than Django's cache: it is shared by every
process, survives restarts, and rolls back with a test's transaction, so no stale verdicts
leak between tests whose KPIs reuse a primary key. A page costs a constant number of queries:
the settings, the cached rows and, only for KPIs whose row is missing or stale, their new
levels, their values (when not prefetched) and one upsert. Misses are analysed with
``analyse_batch`` per group of KPIs that share their options.

``Trend.analysis`` (the full :class:`koers.trendengine.Analysis`, for the chart) is computed lazily
from the KPI's series on first access; a cached verdict never needs it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from functools import cached_property

from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext_lazy

from koers.fields import current_lang
from koers.periods import Period
from koers.trendengine import Analysis, analyse, analyse_batch

CACHE_VERSION = 1
LANGS = ("nl", "en")

VERDICT_LABELS = {
    "improving": pgettext_lazy("trend verdict", "improving"),
    "deteriorating": pgettext_lazy("trend verdict", "deteriorating"),
    "stable": pgettext_lazy("trend verdict", "stable"),
    "insufficient_data": pgettext_lazy("trend verdict", "too little data"),
}

_UNSET = object()


# -- settings and options -----------------------------------------------------------------


def settings_of(kpi):
    """The KPI's TrendSettings (None: defaults), using a value already loaded when present."""
    if "trend_settings_cache" in kpi.__dict__:
        return kpi.__dict__["trend_settings_cache"]
    from .models import TrendSettings

    found = TrendSettings.objects.filter(kpi_id=kpi.pk).first()
    if found is not None:
        found.kpi = kpi
    kpi.__dict__["trend_settings_cache"] = found
    return found


def rebaselines_of(kpi) -> list:
    """The KPI's new levels (Rebaseline rows, by period), loaded once per KPI object."""
    if "rebaselines_cache" not in kpi.__dict__:
        kpi.__dict__["rebaselines_cache"] = list(kpi.rebaselines.order_by("period_start"))
    return kpi.__dict__["rebaselines_cache"]


def cache_key(kpi, settings) -> str:
    version = settings.version if settings is not None else 0
    target = "" if kpi.target is None else format(kpi.target.normalize(), "f")
    return f"v{CACHE_VERSION}:r{kpi.revision}:s{version}:{kpi.direction}:{kpi.frequency}:{target}"


def _indices(starts: Sequence[date], when: Iterable[date]) -> list[int]:
    """0-based index of the first point at or after each date (0 and 'none' left out)."""
    out = set()
    for d in when:
        for i, s in enumerate(starts):
            if s >= d:
                if i > 0:
                    out.add(i)
                break
    return sorted(out)


def engine_options(kpi, settings, starts: Sequence[date], rebaseline_dates=()) -> dict:
    """Keyword arguments for ``koers.trendengine.analyse`` for this KPI and these points."""
    n = len(starts)
    cuts = _indices(starts, rebaseline_dates)
    first_len = cuts[0] if cuts else n
    baseline = None
    spread, trended, screen, season = "mean", False, False, None
    if settings is not None:
        if settings.baseline_locked and settings.baseline_until is not None:
            baseline = sum(1 for s in starts[:first_len] if s <= settings.baseline_until)
        elif settings.baseline_points:
            baseline = settings.baseline_points
        spread, trended, screen = settings.spread, settings.trended, settings.screening
        season = settings.season_length
    if baseline is not None:
        baseline = min(baseline, first_len)
        if baseline < 2:
            baseline = None
    return {
        "direction": kpi.direction,
        "baseline": baseline,
        "rebaseline_at": tuple(cuts),
        "spread": spread,
        "trended": trended,
        "screen": screen,
        "season_length": season,
        "target": None if kpi.target is None else float(kpi.target),
    }


def _labeller(periods: Sequence[Period] | None):
    if not periods:
        return None

    def label(i: int, lang: str) -> str:
        return periods[i].long_label(lang)

    return label


def analysis_for_values(
    values: Sequence[float],
    kpi,
    settings=_UNSET,
    periods: Sequence[Period] | None = None,
    *,
    rebaselines: Iterable[date] | None = None,
    **overrides,
) -> Analysis:
    """Analyse ``values`` (in period order) as this KPI: its direction, target and trend settings.

    ``settings`` defaults to the KPI's stored TrendSettings (None: the defaults). ``periods``
    (one Period per value) gives the reason its period names and places the KPI's new levels
    (``rebaselines``: dates where a new level starts; default: the KPI's stored ones; they
    need ``periods``). ``overrides`` replace engine options (e.g. ``rebaseline_at=(k,)`` to
    compare before and after an action). Raises ``koers.trendengine.TrendError`` on empty input.
    """
    if settings is _UNSET:
        settings = settings_of(kpi)
    starts = [p.start for p in periods] if periods else []
    if rebaselines is None:
        rebaselines = [r.period_start for r in rebaselines_of(kpi)] if periods else []
    opts = engine_options(kpi, settings, starts or [date.min] * len(values), rebaselines)
    if not periods:
        opts["rebaseline_at"] = ()
        if settings is not None and settings.baseline_locked:
            opts["baseline"] = None
    opts.update(overrides)
    return analyse([float(v) for v in values], labels=_labeller(periods), **opts)


# -- the Trend object ---------------------------------------------------------------------


def _lazy_labeller(kpi, starts: Sequence[date]):
    """Period names for the reason, made only for the few points a reason mentions."""

    def label(i: int, lang: str) -> str:
        return kpi.period_of(starts[i]).long_label(lang)

    return label


def summarise(analysis: Analysis | None, label=None) -> dict:
    """The cacheable summary of an analysis (None: no values); ``label(i, lang)`` names points."""
    if analysis is None:
        reasons = {}
        for lang in LANGS:
            with translation.override(lang):
                reasons[lang] = gettext("No values yet.")
        return {"n": 0, "verdict": "insufficient_data", "evidence": None, "reason": reasons}
    return {
        "n": analysis.n,
        "verdict": analysis.verdict,
        "evidence": analysis.evidence,
        "reason": {lang: analysis.reason(lang, label) for lang in LANGS},
        "limits": analysis.limits,
        "target": analysis.target,
    }


class Trend:
    """What the product shows of a KPI's trend. Build with ``attach_trends``/``trend_for``."""

    def __init__(self, kpi, data: dict, analysis: Analysis | None = None):
        self.kpi = kpi
        self.data = data
        if analysis is not None:
            self.__dict__["analysis"] = analysis

    def __repr__(self) -> str:
        return f"<Trend {self.kpi.pk} {self.verdict}>"

    @property
    def verdict(self) -> str:
        return self.data["verdict"]

    @property
    def evidence(self) -> str | None:
        return self.data.get("evidence")

    @property
    def verdict_label(self) -> str:
        return str(VERDICT_LABELS[self.verdict])

    @property
    def reason(self) -> str:
        reasons = self.data["reason"]
        return reasons.get(current_lang()) or reasons.get("nl", "")

    @property
    def limits(self) -> dict | None:
        return self.data.get("limits")

    @property
    def target(self) -> dict | None:
        return self.data.get("target")

    @property
    def n(self) -> int:
        return self.data.get("n", 0)

    @cached_property
    def _points(self) -> tuple[list[float], list[Period]]:
        series = getattr(self.kpi, "series", None)
        if series is None:
            series = list(self.kpi.measurements.order_by("period_start"))
            self.kpi.series = series
        periods = [self.kpi.period_of(m.period_start) for m in series]
        return [float(m.value) for m in series], periods

    @property
    def values(self) -> list[float]:
        return self._points[0]

    @property
    def periods(self) -> list[Period]:
        return self._points[1]

    @cached_property
    def analysis(self) -> Analysis | None:
        values, periods = self._points
        if not values:
            return None
        return analysis_for_values(values, self.kpi, settings_of(self.kpi), periods)


# -- attaching ----------------------------------------------------------------------------


def _load_settings(kpis: list) -> None:
    from .models import TrendSettings

    todo = [k for k in kpis if "trend_settings_cache" not in k.__dict__]
    if not todo:
        return
    found = {s.kpi_id: s for s in TrendSettings.objects.filter(kpi_id__in=[k.pk for k in todo])}
    for kpi in todo:
        s = found.get(kpi.pk)
        if s is not None:
            s.kpi = kpi
        kpi.__dict__["trend_settings_cache"] = s


def _load_rebaselines(kpis: list) -> None:
    from .models import Rebaseline

    todo = [k for k in kpis if "rebaselines_cache" not in k.__dict__]
    if not todo:
        return
    found: dict[int, list] = {k.pk: [] for k in todo}
    for r in Rebaseline.objects.filter(kpi_id__in=list(found)).order_by("period_start"):
        found[r.kpi_id].append(r)
    for kpi in todo:
        kpi.__dict__["rebaselines_cache"] = found[kpi.pk]


def _load_series(kpis: list) -> None:
    from koers.kpis.models import Measurement

    todo = [k for k in kpis if getattr(k, "series", None) is None]
    if not todo:
        return
    by_kpi: dict[int, list] = {k.pk: [] for k in todo}
    rows = (
        Measurement.objects.filter(kpi_id__in=list(by_kpi))
        .order_by("kpi_id", "period_start")
        .only("kpi_id", "period_start", "value")
    )
    for m in rows:
        by_kpi[m.kpi_id].append(m)
    for kpi in todo:
        kpi.series = by_kpi[kpi.pk]


def _compute(kpis: list) -> dict[int, tuple[dict, Analysis | None]]:
    """Analyse the KPIs (series, settings and new levels loaded), batched by shared options."""
    groups: dict[tuple, list] = {}
    out: dict[int, tuple[dict, Analysis | None]] = {}
    prepared = []
    for kpi in kpis:
        series = kpi.series
        if not series:
            out[kpi.pk] = (summarise(None), None)
            continue
        starts = [m.period_start for m in series]
        dates = [r.period_start for r in kpi.__dict__["rebaselines_cache"]]
        opts = engine_options(kpi, kpi.__dict__["trend_settings_cache"], starts, dates)
        key = tuple(sorted(opts.items()))
        groups.setdefault(key, []).append(len(prepared))
        prepared.append((kpi, [float(m.value) for m in series], starts))
    for key, members in groups.items():
        opts = dict(key)
        if len(members) == 1:
            results = [analyse(prepared[members[0]][1], **opts)]
        else:
            results = analyse_batch([prepared[i][1] for i in members], **opts)
        for i, analysis in zip(members, results, strict=True):
            kpi, _values, starts = prepared[i]
            out[kpi.pk] = (summarise(analysis, _lazy_labeller(kpi, starts)), analysis)
    return out


def attach_trends(kpis) -> None:
    """Set ``kpi.trend`` (a :class:`Trend`) on each KPI, from the cache where still valid."""
    from .models import TrendResult

    kpis = [k for k in kpis if k.pk is not None]
    if not kpis:
        return
    _load_settings(kpis)
    keys = {k.pk: cache_key(k, k.__dict__["trend_settings_cache"]) for k in kpis}
    rows = TrendResult.objects.filter(kpi_id__in=list(keys)).values_list("kpi_id", "key", "data")
    cached = {kpi_id: (key, data) for kpi_id, key, data in rows}
    stale = []
    for kpi in kpis:
        row = cached.get(kpi.pk)
        if row is not None and row[0] == keys[kpi.pk]:
            kpi.trend = Trend(kpi, row[1])
        else:
            stale.append(kpi)
    if not stale:
        return
    _load_rebaselines(stale)
    _load_series(stale)
    results = _compute(stale)
    now = timezone.now()
    rows = []
    for kpi in stale:
        data, analysis = results[kpi.pk]
        kpi.trend = Trend(kpi, data, analysis)
        rows.append(
            TrendResult(
                organisation_id=kpi.organisation_id,
                kpi_id=kpi.pk,
                key=keys[kpi.pk],
                data=data,
                computed_at=now,
            )
        )
    TrendResult.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["kpi"],
        update_fields=["key", "data", "computed_at"],
    )


def attach_trends_uncached(kpis) -> None:
    """Set ``kpi.trend`` from each KPI's own ``series`` (e.g. cut at a past date), neither
    reading nor writing the cache, which holds the verdict of the current series."""
    kpis = [k for k in kpis if k.pk is not None]
    if not kpis:
        return
    _load_settings(kpis)
    _load_rebaselines(kpis)
    _load_series(kpis)
    results = _compute(kpis)
    for kpi in kpis:
        kpi.trend = Trend(kpi, *results[kpi.pk])


def trend_for(kpi) -> Trend | None:
    """The trend of one KPI (None for an unsaved KPI); also sets ``kpi.trend``."""
    if kpi.pk is None:
        return None
    attach_trends([kpi])
    return kpi.trend


def forget(kpi_ids: Iterable[int]) -> None:
    """Drop cached results (not needed after a revision bump; for maintenance)."""
    from .models import TrendResult

    TrendResult.objects.filter(kpi_id__in=list(kpi_ids)).delete()


def load_trend_inputs(kpis) -> None:
    """Load the trend settings and new levels of many KPIs in two queries (before calling
    ``analysis_for_values`` for each, as reports and meetings do)."""
    kpis = [k for k in kpis if k.pk is not None]
    _load_settings(kpis)
    _load_rebaselines(kpis)
