"""The XmR chart's words in the reader's language, through gettext like every other text.

``koers.trends.xmrchart`` is pure (no Django), so it takes its words from here as a
``ChartTexts``; the numbers and period labels it formats itself in ``lang``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .xmrchart import ChartTexts


def chart_texts() -> ChartTexts:
    """The chart's texts in the active language."""
    return ChartTexts(
        title=_("Process behaviour chart of {name}"),
        desc=_(
            "{n} values from {first} to {last}. Centre line {cl}; natural process limits "
            "{lo} to {hi}."
        ),
        desc_signals=_("{good} points signal an improvement, {bad} a concern."),
        desc_target=_("Target {t}."),
        desc_adjusted=_("Values are adjusted for the season."),
        desc_mr=_(
            "Beneath: the moving ranges (jump from one period to the next), upper range "
            "limit {url}."
        ),
        cl=pgettext("chart label: the centre line", "CL"),
        unpl=pgettext("chart label: the upper natural process limit", "UNPL"),
        lnpl=pgettext("chart label: the lower natural process limit", "LNPL"),
        no_lnpl=pgettext("chart label", "no lower limit"),
        url=pgettext("chart label: the upper range limit", "URL"),
        mr=pgettext("chart label", "moving range"),
        target=pgettext("chart label", "target"),
        baseline_end=pgettext("chart label: where the baseline ends", "baseline"),
        new_level=pgettext("chart label", "new level"),
        improvement=pgettext("chart: a point's meaning", "improvement"),
        concern=pgettext("chart: a point's meaning", "concern"),
    )
