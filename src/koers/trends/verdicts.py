"""Trend verdicts for KPIs: the one place the product asks the engine about a KPI.

``trends_of(kpis)`` gives a :class:`Trend` per KPI (by primary key); ``trend_for(kpi)`` does it
for one. Nothing is set on the KPI objects: the caller keeps what it gets (pages use
:mod:`koers.trends.display`, which pairs each KPI with its series, trend and sparkline).
``analysis_for_values(values, kpi, ...)`` runs the engine on any values of a KPI with the KPI's
own direction, trend settings and target (meetings and reports use it); ``load_inputs(kpis)``
reads the settings and new levels of many KPIs in two queries (:class:`TrendInputs`).

Caching: the summary of each KPI's analysis (verdict, evidence, reasons in every language,
limits, target assurance) is stored in ``TrendResult``, one row per KPI, valid while its key
matches: the KPI's ``revision`` (bumped by every change to a value or a trend setting), the
settings version, the direction, frequency and targets (a profile, the annual goals'
targets a derived target follows: ``goals.targets.target_fingerprint``), and
``CACHE_VERSION`` (bump it when the engine's results change). A database row rather than
Django's cache: it is shared by every process, survives restarts, and rolls back with a
test's transaction, so no stale verdicts leak between tests whose KPIs reuse a primary key. A
page costs a constant number of queries: the cached rows with the settings' versions (one
query, written in SQL), the annual goals' targets (only when a KPI's target derives from
them) and, only for KPIs whose row is missing or stale, their settings (when they have any),
new levels, their values (when not given or prefetched with ``KPIQuerySet.with_series``) and
one upsert. Misses are analysed with ``analyse_batch`` per
group of KPIs that share their options.

``Trend.analysis`` (the full :class:`koers.trendengine.Analysis`, for the chart) is computed lazily
from the KPI's series on first access; a cached verdict never needs it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext_lazy

from koers.fields import current_lang
from koers.goals.targets import goal_targets, target_at_end, target_fingerprint
from koers.kpis.models import SERIES_ATTR, series_rows
from koers.kpis.reading import among
from koers.kpis.rollup import provisional
from koers.periods import Period
from koers.trendengine import Analysis, analyse, analyse_batch

from .models import Rebaseline, TrendResult, TrendSettings
from .stored import LANGS, cached_rows

CACHE_VERSION = 1

VERDICT_LABELS = {
    "improving": pgettext_lazy("trend verdict", "improving"),
    "deteriorating": pgettext_lazy("trend verdict", "deteriorating"),
    "stable": pgettext_lazy("trend verdict", "stable"),
    "insufficient_data": pgettext_lazy("trend verdict", "too little data"),
}

_UNSET = object()


# -- settings and options -----------------------------------------------------------------


@dataclass(frozen=True)
class TrendInputs:
    """What, besides its values, decides a KPI's trend: its settings (None: the defaults) and
    its new levels (``Rebaseline`` rows in period order)."""

    settings: TrendSettings | None = None
    levels: list[Rebaseline] = field(default_factory=list)

    @property
    def level_dates(self) -> list[date]:
        return [r.period_start for r in self.levels]


def _settings_by_kpi(kpis: list) -> dict[int, TrendSettings]:
    by_pk = {k.pk: k for k in kpis}
    found = {}
    for row in TrendSettings.objects.filter(among("kpi_id", by_pk)):
        row.kpi = by_pk[row.kpi_id]
        found[row.kpi_id] = row
    return found


def _levels_by_kpi(kpis: list) -> dict[int, list[Rebaseline]]:
    found: dict[int, list[Rebaseline]] = {k.pk: [] for k in kpis}
    rows = Rebaseline.objects.filter(among("kpi_id", found)).select_related("created_by")
    for row in rows.order_by("period_start"):
        found[row.kpi_id].append(row)
    return found


def load_inputs(kpis) -> dict[int, TrendInputs]:
    """The trend inputs of many KPIs (by primary key) in two queries."""
    kpis = [k for k in kpis if k.pk is not None]
    if not kpis:
        return {}
    settings = _settings_by_kpi(kpis)
    levels = _levels_by_kpi(kpis)
    return {k.pk: TrendInputs(settings.get(k.pk), levels[k.pk]) for k in kpis}


def inputs_of(kpi) -> TrendInputs:
    """The trend inputs of one KPI (defaults for an unsaved one)."""
    return load_inputs([kpi]).get(kpi.pk, TrendInputs())


def cache_key(kpi, settings, goals: Mapping | None = None) -> str:
    """What a cached verdict is valid for; ``goals`` (``goal_targets``) for KPIs whose target
    derives from their annual goals (read here when not given)."""
    version = settings.version if settings is not None else 0
    return _key(kpi, version, goal_targets([kpi]) if goals is None else goals)


def _key(kpi, version: int, goals: Mapping) -> str:
    """``cache_key`` with the settings' version (0: no settings)."""
    target = target_fingerprint(kpi, goals)
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


# The natural lower bound of a unit of measure: a lower limit below it is no limit at all.
NATURAL_LOWER_BOUND = {"percent": 0.0, "count": 0.0, "hours": 0.0, "days": 0.0}


def engine_options(
    kpi, settings, starts: Sequence[date], rebaseline_dates=(), values=(), goals=None
) -> dict:
    """Keyword arguments for ``koers.trendengine.analyse`` for this KPI and these points.

    The target checked is the one valid for the last point (``goals.targets.target_at_end``:
    a monthly profile's value for that month, or the share of its year's annual goal);
    ``values`` place a target along last year's pattern, ``goals`` save the query."""
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
        "target": target_at_end(kpi, starts, values, goals),
        "lower_bound": NATURAL_LOWER_BOUND.get(kpi.unit_of_measure),
        "cycle": _cycle(kpi),
    }


def _cycle(kpi) -> int | None:
    """Periods in a year: the cycle checked for likely seasonality (None for yearly KPIs)."""
    per_year = kpi.period_frequency.per_year
    return per_year if per_year >= 2 else None


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
    inputs: TrendInputs | None = None,
    **overrides,
) -> Analysis:
    """Analyse ``values`` (in period order) as this KPI: its direction, target and trend settings.

    ``settings`` defaults to the KPI's stored TrendSettings (None: the defaults). ``periods``
    (one Period per value) gives the reason its period names and places the KPI's new levels
    (``rebaselines``: dates where a new level starts; default: the KPI's stored ones; they
    need ``periods``). ``inputs`` (from ``load_inputs``) saves the queries for both.
    ``overrides`` replace engine options (e.g. ``rebaseline_at=(k,)`` to compare before and
    after an action). Raises ``koers.trendengine.TrendError`` on empty input.
    """
    if inputs is None and (settings is _UNSET or (rebaselines is None and periods)):
        inputs = inputs_of(kpi)
    if settings is _UNSET:
        settings = inputs.settings
    starts = [p.start for p in periods] if periods else []
    if rebaselines is None:
        rebaselines = inputs.level_dates if periods else []
    opts = engine_options(
        kpi, settings, starts or [date.min] * len(values), rebaselines, values=values
    )
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
    """What the product shows of a KPI's trend. Build with ``trends_of``/``trend_for``."""

    def __init__(
        self,
        kpi,
        data: dict | str,
        analysis: Analysis | None = None,
        *,
        series: list | None = None,
        inputs: TrendInputs | None = None,
        provisional: Mapping[date, tuple[int, int]] | None = None,
        shown: tuple[str, Mapping[str, str | None]] | None = None,
    ):
        """``data``: the summary (``summarise``), or its JSON text, read when first needed;
        ``shown``: its verdict and reasons by language when read without the rest (lists of
        KPIs show only these); ``series``: the measurements judged, in period order (None:
        the KPI's stored ones, read when first needed); ``inputs``: its settings and new
        levels (None: read then); ``provisional``: the roll-up periods with children missing
        (start → (reported, total)), shown but never judged."""
        self.kpi = kpi
        self._data = data
        self._shown = shown
        self.provisional = dict(provisional or {})
        self._series = None if series is None else _judged(series, self.provisional)
        self._inputs = inputs
        if analysis is not None:
            self.__dict__["analysis"] = analysis

    def __repr__(self) -> str:
        return f"<Trend {self.kpi.pk} {self.verdict}>"

    @property
    def data(self) -> dict:
        """The cached summary: verdict, evidence, reasons in every language, limits, target."""
        if isinstance(self._data, str):
            self._data = json.loads(self._data)
        return self._data

    @property
    def verdict(self) -> str:
        if self._shown is not None:
            return self._shown[0]
        return self.data["verdict"]

    @property
    def evidence(self) -> str | None:
        return self.data.get("evidence")

    @property
    def verdict_label(self) -> str:
        return str(VERDICT_LABELS[self.verdict])

    @property
    def reason(self) -> str:
        return self.reason_in(current_lang())

    def reason_in(self, lang: str) -> str:
        """The reason in ``lang`` (Dutch when there is none in it): for lists, which ask the
        language once."""
        reasons = self.data["reason"] if self._shown is None else self._shown[1]
        return reasons.get(lang) or reasons.get("nl") or ""

    @property
    def limits(self) -> dict | None:
        return self.data.get("limits")

    @property
    def target(self) -> dict | None:
        return self.data.get("target")

    @property
    def n(self) -> int:
        return self.data.get("n", 0)

    @property
    def series(self) -> list:
        """The measurements this trend judges, in period order."""
        if self._series is None:
            rows = list(self.kpi.measurements.order_by("period_start"))
            self._series = _judged(rows, self.provisional)
        return self._series

    @property
    def inputs(self) -> TrendInputs:
        if self._inputs is None:
            self._inputs = inputs_of(self.kpi)
        return self._inputs

    @cached_property
    def _points(self) -> tuple[list[float], list[Period]]:
        series = self.series
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
        return analysis_for_values(values, self.kpi, periods=periods, inputs=self.inputs)


def _judged(rows: list, provisional: Mapping[date, tuple[int, int]] | None) -> list:
    """The measurements a verdict judges: a provisional roll-up value waits until complete."""
    if not provisional:
        return rows
    return [m for m in rows if m.period_start not in provisional]


# -- many KPIs at once ----------------------------------------------------------------------


def series_of(kpis, given: Mapping[int, list] | None = None) -> dict[int, list]:
    """Each KPI's measurements in period order (by primary key): from ``given``, from
    ``KPIQuerySet.with_series``'s prefetch, or read in one query for the rest."""
    out: dict[int, list] = {}
    todo = []
    for kpi in kpis:
        if given is not None and kpi.pk in given:
            out[kpi.pk] = given[kpi.pk]
        elif _prefetched(kpi) is not None:
            out[kpi.pk] = _prefetched(kpi)
        else:
            todo.append(kpi)
    if todo:
        out.update(series_rows(todo))
    return out


def _compute(
    kpis: list,
    series: Mapping[int, list],
    inputs: Mapping[int, TrendInputs],
    goals: Mapping | None = None,
) -> dict[int, tuple[dict, Analysis | None]]:
    """Analyse the KPIs, batched by shared options (``goals``: ``goal_targets(kpis)``)."""
    goals = goal_targets(kpis) if goals is None else goals
    groups: dict[tuple, list] = {}
    out: dict[int, tuple[dict, Analysis | None]] = {}
    prepared = []
    for kpi in kpis:
        rows = series[kpi.pk]
        if not rows:
            out[kpi.pk] = (summarise(None), None)
            continue
        starts = [m.period_start for m in rows]
        values = [float(m.value) for m in rows]
        own = inputs[kpi.pk]
        opts = engine_options(kpi, own.settings, starts, own.level_dates, values, goals)
        key = tuple(sorted(opts.items()))
        groups.setdefault(key, []).append(len(prepared))
        prepared.append((kpi, values, starts))
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


def _store(stale: list, keys: Mapping[int, str], results: Mapping[int, tuple]) -> None:
    now = timezone.now()
    rows = [
        TrendResult(
            organisation_id=kpi.organisation_id,
            kpi_id=kpi.pk,
            key=keys[kpi.pk],
            data=results[kpi.pk][0],
            computed_at=now,
        )
        for kpi in stale
    ]
    TrendResult.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["kpi"],
        update_fields=["key", "data", "computed_at"],
    )


# From how many KPIs a list's cached summaries come with their verdict and reasons picked
# out by the database (and the summary decoded only when asked for).
SHOWN_FROM = 30


def trends_of(
    kpis,
    series: Mapping[int, list] | None = None,
    inputs: Mapping[int, TrendInputs] | None = None,
    *,
    listing: bool = False,
    store: bool = True,
) -> dict[int, Trend]:
    """A :class:`Trend` per KPI (by primary key), from the cache where still valid.

    ``series`` (by primary key, measurements in period order) saves reading the values of the
    KPIs whose cached verdict is stale; KPIs loaded with ``KPIQuerySet.with_series`` bring
    theirs. ``inputs`` (``load_inputs`` of these KPIs, when the caller needs them anyway, e.g.
    for a chart) save reading the settings and new levels again; each trend carries them.
    ``listing``: the caller shows mostly verdicts and reasons (see ``stored.cached_rows``).
    ``store=False`` leaves the stale verdicts it computes unstored: for a write path that
    asks just before it changes the values (the verdict would be stale at once).
    """
    kpis = [k for k in kpis if k.pk is not None]
    if not kpis:
        return {}
    goals = goal_targets(kpis)
    listing = listing and len(kpis) >= SHOWN_FROM
    cached = cached_rows([k.pk for k in kpis], listing, versions=inputs is None)
    if inputs is not None:
        settings = {pk: i.settings for pk, i in inputs.items() if i.settings is not None}
        versions = {pk: s.version for pk, s in settings.items()}
    else:
        versions = {pk: row[3] for pk, row in cached.items() if row[3] is not None}
    given = series if series is not None else {}
    waiting = provisional(kpis)
    trends: dict[int, Trend] = {}
    stale = []
    for kpi in kpis:
        row = cached.get(kpi.pk)
        if row is not None and row[0] == _key(kpi, versions.get(kpi.pk, 0), goals):
            rows = given.get(kpi.pk, _prefetched(kpi))
            own = inputs.get(kpi.pk) if inputs is not None else None
            trends[kpi.pk] = Trend(
                kpi,
                row[1],
                series=rows,
                inputs=own,
                provisional=waiting.get(kpi.pk),
                shown=row[2],
            )
        else:
            stale.append(kpi)
    if not stale:
        return trends
    if inputs is None:  # the settings of those that have them
        settings = _settings_by_kpi([k for k in stale if k.pk in versions])
        levels = _levels_by_kpi(stale)
        inputs = {k.pk: TrendInputs(settings.get(k.pk), levels[k.pk]) for k in stale}
    stale_series = {
        pk: _judged(rows, waiting.get(pk)) for pk, rows in series_of(stale, series).items()
    }
    results = _compute(stale, stale_series, inputs, goals)
    for kpi in stale:
        data, analysis = results[kpi.pk]
        trends[kpi.pk] = Trend(
            kpi,
            data,
            analysis,
            series=stale_series[kpi.pk],
            inputs=inputs[kpi.pk],
            provisional=waiting.get(kpi.pk),
        )
    if store:
        keys = {k.pk: cache_key(k, settings.get(k.pk), goals) for k in stale}
        _store(stale, keys, results)
    return trends


def _prefetched(kpi) -> list | None:
    """The values ``KPIQuerySet.with_series`` prefetched (None when it was not used)."""
    return getattr(kpi, SERIES_ATTR, None)


def trend_for(kpi, series: list | None = None, inputs: TrendInputs | None = None) -> Trend | None:
    """The trend of one KPI (None for an unsaved KPI); ``inputs``: as for ``trends_of``."""
    if kpi.pk is None:
        return None
    given = {kpi.pk: series} if series is not None else None
    return trends_of([kpi], given, {kpi.pk: inputs} if inputs is not None else None)[kpi.pk]


def trends_uncached(kpis, series: Mapping[int, list]) -> dict[int, Trend]:
    """A :class:`Trend` per KPI judged on the given series (by primary key; e.g. the values
    as they stood at a past date), neither reading nor writing the cache, which holds the
    verdict of the current series. Provisional roll-up periods are left out, as always."""
    kpis = [k for k in kpis if k.pk is not None]
    if not kpis:
        return {}
    inputs = load_inputs(kpis)
    waiting = provisional(kpis)
    judged = {k.pk: _judged(series[k.pk], waiting.get(k.pk)) for k in kpis}
    results = _compute(kpis, judged, inputs)
    return {
        k.pk: Trend(
            k,
            *results[k.pk],
            series=judged[k.pk],
            inputs=inputs[k.pk],
            provisional=waiting.get(k.pk),
        )
        for k in kpis
    }
