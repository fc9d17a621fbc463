"""A KPI's trend for the API: the verdict the web shows, with the engine's full result.

When the trends app offers ``koers.trends.verdicts.trend_for(kpi)`` the API
returns exactly that verdict; otherwise it runs ``koers.trendengine.analyse`` on
the stored values with the KPI's direction. Never a second calculation.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from koers.kpis.models import KPI
from koers.trendengine import TrendError, analyse
from koers.trends import verdicts


def _plain(value) -> str:
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _analysis_of(result):
    analysis = getattr(result, "analysis", None)
    return analysis if hasattr(analysis, "to_dict") else None


def trend_result(kpi: KPI, lang: str) -> dict:
    rows = list(kpi.measurements.order_by("period_start").values_list("period_start", "value"))
    periods = [kpi.period_of(start) for start, _ in rows]
    out = {
        "kpi": kpi.code,
        "periods": [p.key for p in periods],
        "values": [_plain(v) for _, v in rows],
    }

    def labels(i, lang):
        return periods[i].label(lang) if 0 <= i < len(periods) else None

    trend_for = getattr(verdicts, "trend_for", None)
    if trend_for is not None:
        result = trend_for(kpi)
        if result is not None:
            with translation.override(lang):
                reason = str(result.reason)
            analysis = _analysis_of(result)
            return {
                **out,
                "verdict": result.verdict,
                "reason": reason,
                "analysis": analysis.to_dict(lang, labels) if analysis is not None else None,
                **_lower_limit(analysis),
            }
    if not rows:
        return {**out, "verdict": "insufficient_data", "reason": _no_values(lang), "analysis": None}
    try:
        analysis = analyse(
            [float(v) for _, v in rows],
            direction=kpi.direction,
            lower_bound=verdicts.NATURAL_LOWER_BOUND.get(kpi.unit_of_measure),
            labels=labels,
        )
    except TrendError as error:
        return {
            **out,
            "verdict": "insufficient_data",
            "reason": error.message(lang),
            "analysis": None,
        }
    return {
        **out,
        "verdict": analysis.verdict,
        "reason": analysis.reason(lang),
        "analysis": analysis.to_dict(lang),
        **_lower_limit(analysis),
    }


def _lower_limit(analysis) -> dict:
    """``lower_limit`` and ``no_lower_limit`` (a limit below the natural bound is none), and
    ``adjusted_last``: a seasonal KPI's limits hold for its adjusted values."""
    if analysis is None:
        return {"lower_limit": None, "no_lower_limit": False, "adjusted_last": None}
    adjusted = analysis.adjusted
    return {
        "lower_limit": analysis.limits["lnpl"],
        "no_lower_limit": analysis.no_lower_limit,
        "adjusted_last": adjusted[-1] if adjusted else None,
    }


def _no_values(lang: str) -> str:
    with translation.override(lang):
        return _("No values yet.")
