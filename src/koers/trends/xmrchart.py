"""The XmR chart (process behaviour chart) of one KPI as server-rendered SVG. Pure: no Django.

Why SVG from the server: the very same drawing appears in the browser, on paper and in the
PDF reports (WeasyPrint renders SVG), it needs no JavaScript and no chart library from a CDN,
it stays sharp at any zoom, and screen readers get a title and a description. Colours and
fonts are attributes, not CSS, so the chart looks the same without the stylesheet (print/PDF).

``xmr_chart(analysis, periods, lang=..., ...)`` draws the values (points coloured by signal),
the centre line, the natural process limits and the midlines between them (lighter), per
segment, with dividers where a baseline ends and a new level starts, the target line, markers
(e.g. actions) and, beneath, the moving-range chart with its upper range limit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from koers.numbers import format_number
from koers.periods import Period

from .xmrparts import (
    COLOURS,
    ENGLISH,
    FONT,
    HALO,
    ChartTexts,
    fmt,
    meanings,
    nice_ticks,
    start_of,
    svg_path,
    target_values,
    text,
    tick_decimals,
    value_decimals,
)

__all__ = ["COLOURS", "ChartTexts", "nice_ticks", "value_decimals", "xmr_chart"]


@dataclass
class Chart:
    """What the chart draws: the analysis' series and limits, with the reader's words."""

    analysis: object
    periods: Sequence[Period]
    lang: str
    decimals: int | None
    texts: ChartTexts
    meaning: list[str] = field(init=False)
    jump: list[bool] = field(init=False)

    def __post_init__(self) -> None:
        a = self.analysis
        self.n = a.n
        self.charted = a.adjusted or a.values
        self.raw = a.values if a.adjusted else None
        self.cl, self.up, self.lo = a.centre_line, a.unpl_line, a.lnpl_line
        self.mrs, self.segments, self.limits = a.moving_ranges, a.segments, a.limits
        self.meaning, self.jump = meanings(a)
        self.ldec = value_decimals(self.limits.get("mr_bar"), self.decimals)


@dataclass
class Frame:
    """Where things go: the value plot on top, the moving-range plot beneath."""

    width: int
    n: int
    y_ticks: list[float]
    mr_ticks: list[float]
    left: int = 62
    right: int = 112
    top: int = 24
    plot_h: int = 250
    gap: int = 48
    mr_h: int = 96
    bottom: int = 34

    @property
    def height(self) -> int:
        return self.top + self.plot_h + self.gap + self.mr_h + self.bottom

    @property
    def pw(self) -> int:
        return self.width - self.left - self.right

    @property
    def step(self) -> float:
        return self.pw / max(self.n, 1)

    @property
    def mr_top(self) -> int:
        return self.top + self.plot_h + self.gap

    @property
    def span(self) -> tuple[float, float]:
        return self.y_ticks[0], self.y_ticks[-1]

    def x(self, i: float) -> float:
        return self.left + (i + 0.5) * self.step

    def y(self, v: float) -> float:
        y_lo, y_hi = self.span
        span = (y_hi - y_lo) or 1.0
        return self.top + self.plot_h - (v - y_lo) / span * self.plot_h

    def ym(self, v: float) -> float:
        span = self.mr_ticks[-1] or 1.0
        return self.mr_top + self.mr_h - v / span * self.mr_h


def frame_for(chart: Chart, target, width: int) -> Frame:
    """The scales: every value, limit and target fits the value plot; every moving range
    and upper range limit fits the one beneath."""
    finite = [
        v
        for v in list(chart.charted) + chart.cl + chart.up + chart.lo
        if v is not None and math.isfinite(v)
    ]
    if chart.raw:
        finite += chart.raw
    finite += target_values(target)
    mr_vals = [v for v in chart.mrs if v is not None]
    mr_max = max(mr_vals + [s["url"] for s in chart.segments if s["url"] is not None] + [0.0])
    return Frame(
        width=width,
        n=chart.n,
        y_ticks=nice_ticks(min(finite), max(finite)),
        mr_ticks=nice_ticks(0.0, mr_max or 1.0, 3),
    )


def _target_steps(targets, x, y, step: float, decimals: int, lang: str, texts) -> str:
    """A target per period (``TargetMode`` profile or derived from the annual goal): a stepped
    dashed line, one step per point, labelled with the latest target."""
    path = []
    for i, t in enumerate(targets):
        if t is None:
            continue
        ty = y(float(t))
        path.append(
            f"{'L' if path else 'M'}{x(i) - step / 2:.1f},{ty:.1f} L{x(i) + step / 2:.1f},{ty:.1f}"
        )
    if not path:
        return ""
    i, t = [(i, t) for i, t in enumerate(targets) if t is not None][-1]
    lx, ly = x(i) + step / 2, y(float(t)) - 4
    return (
        f'<path class="target per-period" d="{" ".join(path)}" fill="none" '
        f'stroke="{COLOURS["target"]}" stroke-width="1.4" stroke-dasharray="10 4"/>'
        f'<text class="target-label" x="{lx:.1f}" y="{ly:.1f}" text-anchor="end" '
        f'fill="{COLOURS["target"]}">{escape(text(texts, "target"))} '
        f"{escape(fmt(t, decimals, lang))}</text>"
    )


def _grid(chart: Chart, f: Frame) -> str:
    """Horizontal grid lines with their values, on both plots."""
    out = []
    for ticks, y in ((f.y_ticks, f.y), (f.mr_ticks, f.ym)):
        tdec = tick_decimals(ticks)
        for t in ticks:
            ty = y(t)
            out.append(
                f'<line class="grid" x1="{f.left}" x2="{f.left + f.pw}" y1="{ty:.1f}" '
                f'y2="{ty:.1f}" stroke="{COLOURS["grid"]}" stroke-width="1"/>'
                f'<text class="ytick" x="{f.left - 6}" y="{ty + 4:.1f}" text-anchor="end" '
                f'fill="{COLOURS["axis"]}">{escape(format_number(t, tdec, chart.lang))}</text>'
            )
    out.append(
        f'<text x="{f.left}" y="{f.mr_top - 8}" fill="{COLOURS["axis"]}">'
        f"{escape(text(chart.texts, 'mr'))}</text>"
    )
    return "".join(out)


def _segment_lines(chart: Chart, f: Frame, seg: dict, mid_up, mid_lo) -> list[str]:
    """One segment's midlines, limits and centre line, and its mR-bar and URL beneath."""
    out = []
    s, e = seg["start"], seg["end"]
    x0, x1 = f.x(s) - f.step / 2, f.x(e - 1) + f.step / 2

    def line(values, cls, colour, dash, w=1.2):
        pts = [(f.x(i), f.y(values[i])) for i in range(s, e) if values[i] is not None]
        if not pts:
            return
        pts = [(x0, pts[0][1])] + pts + [(x1, pts[-1][1])]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<path class="{cls}" d="{svg_path(pts)}" fill="none" stroke="{colour}" '
            f'stroke-width="{w}"{dash_attr}/>'
        )

    line(mid_up, "midline", COLOURS["mid"], "2 3", 0.8)
    line(mid_lo, "midline", COLOURS["mid"], "2 3", 0.8)
    line(chart.up, "limit unpl", COLOURS["limit"], "6 3")
    line(chart.lo, "limit lnpl", COLOURS["limit"], "6 3")
    line(chart.cl, "centre", COLOURS["centre"], "", 1.4)
    if seg["mr_bar"] is not None:
        for val, cls, colour, dash in (
            (seg["mr_bar"], "mr-centre", COLOURS["centre"], ""),
            (seg["url"], "limit url", COLOURS["limit"], "6 3"),
        ):
            out.append(
                f'<line class="{cls}" x1="{x0:.1f}" x2="{x1:.1f}" y1="{f.ym(val):.1f}" '
                f'y2="{f.ym(val):.1f}" stroke="{colour}" stroke-width="1.2"'
                + (f' stroke-dasharray="{dash}"' if dash else "")
                + "/>"
            )
    return out


def _limit_labels(chart: Chart, f: Frame, seg: dict) -> list[str]:
    """The last segment's limits named at the right edge."""
    out = []
    e, lang, ldec = seg["end"], chart.lang, chart.ldec
    lx = f.left + f.pw + 4
    for key, val in (
        ("unpl", chart.up[e - 1]),
        ("centre", chart.cl[e - 1]),
        ("lnpl", chart.lo[e - 1]),
    ):
        if val is None:
            continue
        colour = COLOURS["centre"] if key == "centre" else COLOURS["limit"]
        tag = text(chart.texts, "cl" if key == "centre" else key)
        out.append(
            f'<text class="limit-label {key}" x="{lx}" y="{f.y(val) + 4:.1f}" '
            f'fill="{colour}">{escape(tag)} {escape(fmt(val, ldec, lang))}</text>'
        )
    if chart.lo[e - 1] is None and getattr(chart.analysis, "no_lower_limit", False):
        out.append(
            f'<text class="limit-label no-lnpl" x="{lx}" y="{f.top + f.plot_h - 4:.1f}" '
            f'fill="{COLOURS["limit"]}">{escape(text(chart.texts, "no_lnpl"))}</text>'
        )
    if seg["url"] is not None:
        out.append(
            f'<text class="limit-label url" x="{lx}" y="{f.ym(seg["url"]) + 4:.1f}" '
            f'fill="{COLOURS["limit"]}">{escape(text(chart.texts, "url"))} '
            f"{escape(fmt(seg['url'], ldec, lang))}</text>"
        )
    return out


def _limits(chart: Chart, f: Frame) -> str:
    """Limits, midlines and centre line per segment; the last segment's named."""
    cl, up, lo = chart.cl, chart.up, chart.lo
    mid_up = [None if c is None or u is None else (c + u) / 2 for c, u in zip(cl, up, strict=True)]
    mid_lo = [None if c is None or v is None else (c + v) / 2 for c, v in zip(cl, lo, strict=True)]
    out = []
    for k, seg in enumerate(chart.segments):
        out += _segment_lines(chart, f, seg, mid_up, mid_lo)
        if k == len(chart.segments) - 1:
            out += _limit_labels(chart, f, seg)
    return "".join(out)


def _dividers(chart: Chart, f: Frame, baseline: int | None) -> str:
    """Dividers: a new level (segment start) and the end of a baseline."""
    out = []

    def divider(at: int, cls: str, label: str) -> None:
        dx = f.x(at) - f.step / 2
        out.append(
            f'<line class="divider {cls}" x1="{dx:.1f}" x2="{dx:.1f}" y1="{f.top}" '
            f'y2="{f.mr_top + f.mr_h}" stroke="{COLOURS["divider"]}" stroke-width="1" '
            'stroke-dasharray="1 3"/>'
            f'<text class="divider-label {cls}" x="{dx + 3:.1f}" y="{f.top - 8}" '
            f'fill="{COLOURS["divider"]}">{escape(label)}</text>'
        )

    for k, seg in enumerate(chart.segments):
        s, e = seg["start"], seg["end"]
        if k > 0:
            divider(s, "rebaseline", text(chart.texts, "new_level"))
        b = baseline if (k == 0 and baseline is not None) else min(20, e - s)
        if s + b < e:
            divider(s + b, "baseline-end", text(chart.texts, "baseline_end"))
    return "".join(out)


def _target_line(chart: Chart, f: Frame, target, overlay: list[str]) -> str:
    """The target: one dashed line (its label over the points), or a step per period."""
    decimals = chart.decimals or 0
    if isinstance(target, (list, tuple)):
        return _target_steps(target, f.x, f.y, f.step, decimals, chart.lang, chart.texts)
    if target is None:
        return ""
    ty = f.y(float(target))
    # Labels inside the plot go on top of the points, with a white halo (see HALO).
    overlay.append(
        f'<text class="target-label" x="{f.left + 4}" y="{ty - 4:.1f}" {HALO} '
        f'fill="{COLOURS["target"]}">{escape(text(chart.texts, "target"))} '
        f"{escape(fmt(target, decimals, chart.lang))}</text>"
    )
    return (
        f'<line class="target" x1="{f.left}" x2="{f.left + f.pw}" y1="{ty:.1f}" y2="{ty:.1f}" '
        f'stroke="{COLOURS["target"]}" stroke-width="1.4" stroke-dasharray="10 4"/>'
    )


def _markers(chart: Chart, f: Frame, markers: Sequence[tuple], overlay: list[str]) -> str:
    """Markers (e.g. actions) as vertical lines at their date; their labels over the points."""
    periods = chart.periods
    starts = [p.start for p in periods]
    out = []
    for k_marker, (when, label, kind) in enumerate(markers):
        d = start_of(when)
        if not starts or d < starts[0] or d > (periods[-1].end if periods else d):
            continue
        i = max(k for k, s in enumerate(starts) if s <= d)
        frac = 0.0
        if i + 1 < len(starts):
            span = (starts[i + 1] - starts[i]).days or 1
            frac = (d - starts[i]).days / span
        mx = f.x(i + frac)
        flip = mx > f.left + f.pw * 0.6
        out.append(
            f'<line class="marker-line" x1="{mx:.1f}" x2="{mx:.1f}" y1="{f.top}" '
            f'y2="{f.top + f.plot_h}" stroke="{COLOURS["marker"]}" stroke-width="1.2"/>'
        )
        overlay.append(
            f'<g class="marker {escape(str(kind))}">'
            f'<text x="{mx + (-3 if flip else 3):.1f}" y="{f.top + 10 + (k_marker % 3) * 12}" '
            f'text-anchor="{"end" if flip else "start"}" {HALO} '
            f'fill="{COLOURS["marker"]}">'
            f"{escape(str(label))}</text><title>{escape(str(label))}</title></g>"
        )
    return "".join(out)


def _values(chart: Chart, f: Frame) -> str:
    """The values: the raw series faintly behind a seasonal one, then the points by signal."""
    out = []
    x, y, lang = f.x, f.y, chart.lang
    if chart.raw:
        out.append(
            f'<path class="raw" d="{svg_path([(x(i), y(v)) for i, v in enumerate(chart.raw)])}" '
            f'fill="none" stroke="{COLOURS["raw"]}" stroke-width="1"/>'
        )
    out.append(
        f'<path class="values" d="{svg_path([(x(i), y(v)) for i, v in enumerate(chart.charted)])}" '
        f'fill="none" stroke="{COLOURS["none"]}" stroke-width="1.6" stroke-linejoin="round"/>'
    )
    vdec = chart.decimals if chart.decimals is not None else 2
    for i, v in enumerate(chart.charted):
        m = chart.meaning[i]
        r = 3.2 if m == "none" else 4.8
        label = chart.periods[i].label(lang) if i < len(chart.periods) else str(i + 1)
        tip = f"{label}: {fmt(v, vdec, lang)}"
        if m != "none":
            tip += f" ({text(chart.texts, m)})"
        out.append(
            f'<circle class="pt {m}" cx="{x(i):.1f}" cy="{y(v):.1f}" r="{r}" '
            f'fill="{COLOURS[m]}" stroke="#fff" stroke-width="1"><title>{escape(tip)}</title>'
            "</circle>"
        )
    return "".join(out)


def _moving_ranges(chart: Chart, f: Frame) -> str:
    """The moving ranges beneath, broken at segment starts (no range across a new level)."""
    out = []
    mrs, jump, x, ym = chart.mrs, chart.jump, f.x, f.ym
    seg_starts = {seg["start"] for seg in chart.segments}
    path, prev = [], None
    for i, v in enumerate(mrs):
        if v is None or i in seg_starts:
            prev = None
            continue
        path.append(f"{'L' if prev is not None else 'M'}{x(i):.1f},{ym(v):.1f}")
        prev = i
    if any(v is not None for v in mrs):
        out.append(
            f'<path class="mr" d="{" ".join(path)}" fill="none" stroke="{COLOURS["none"]}" '
            'stroke-width="1.2"/>'
        )
    for i, v in enumerate(mrs):
        if v is None or i in seg_starts:
            continue
        cls = "mr-pt jump" if jump[i] else "mr-pt"
        colour = COLOURS["concern"] if jump[i] else COLOURS["none"]
        out.append(
            f'<circle class="{cls}" cx="{x(i):.1f}" cy="{ym(v):.1f}" '
            f'r="{4 if jump[i] else 2.2}" fill="{colour}"/>'
        )
    return "".join(out)


def _x_axis(chart: Chart, f: Frame) -> str:
    """Period labels (thinned; the last one always shown) and both plots' base lines."""
    out = []
    labels = [p.label(chart.lang) for p in chart.periods]
    longest = max((len(t) for t in labels), default=1)
    room = max(1, int(f.pw // (longest * 6.2 + 10)))
    every = max(1, math.ceil(chart.n / room))
    axis_y = f.mr_top + f.mr_h + 16
    for i in range(chart.n - 1, -1, -every):
        out.append(
            f'<text class="xtick" x="{f.x(i):.1f}" y="{axis_y}" text-anchor="middle" '
            f'fill="{COLOURS["axis"]}">{escape(labels[i])}</text>'
        )
    left, right_x = f.left, f.left + f.pw
    out.append(
        f'<line x1="{left}" x2="{right_x}" y1="{f.top + f.plot_h}" y2="{f.top + f.plot_h}" '
        f'stroke="{COLOURS["axis"]}"/><line x1="{left}" x2="{right_x}" y1="{f.mr_top + f.mr_h}" '
        f'y2="{f.mr_top + f.mr_h}" stroke="{COLOURS["axis"]}"/>'
    )
    return "".join(out)


def xmr_chart(
    analysis,
    periods: Sequence[Period],
    *,
    lang: str = "nl",
    name: str = "",
    decimals: int | None = None,
    target: float | Sequence[float | None] | None = None,
    baseline: int | None = None,
    markers: Sequence[tuple] = (),
    summary: str = "",
    chart_id: str = "xmr",
    width: int = 760,
    texts: ChartTexts = ENGLISH,
    band=None,
) -> str:
    """The XmR chart of ``analysis`` (a koers.trendengine Analysis) as an SVG string.

    ``periods``: one Period per point (x-axis labels in ``lang``). ``decimals``: the KPI's.
    ``target``: drawn as a line (one number, or one per point: a stepped line).
    ``baseline``: the first segment's baseline length as used
    (None: the engine default, first 20). ``markers``: (period or date, label, kind) drawn as
    vertical lines, e.g. actions ("action"). ``summary``: extra text for the description
    (e.g. the verdict's reason). ``band``: a benchmark (``p25``, ``median``, ``p75``,
    ``label``) shaded behind the values, within the chart's own range (see ``draw_band``).
    """
    chart = Chart(analysis, periods, lang, decimals, texts)
    f = frame_for(chart, target, width)
    tid, did = f"{chart_id}-title", f"{chart_id}-desc"
    title = text(texts, "title", name=name) if name else text(texts, "title", name="KPI")
    description = _description(chart, target, summary, band)
    out = [
        f'<svg class="chart xmr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} '
        f'{f.height}" width="{width}" height="{f.height}" role="img" '
        f'aria-labelledby="{tid} {did}" {FONT} font-size="11">',
        f'<title id="{tid}">{escape(title)}</title><desc id="{did}">{escape(description)}</desc>',
        _grid(chart, f),
    ]
    if band is not None:
        out.append(draw_band(band, f.left, f.pw, f.y, f.span, decimals, lang))
    out += [_limits(chart, f), _dividers(chart, f, baseline)]
    overlay: list[str] = []  # labels inside the plot, drawn after the points
    out += [_target_line(chart, f, target, overlay), _markers(chart, f, markers, overlay)]
    out.append(_values(chart, f))
    out.extend(overlay)  # after the points, so no point covers a label
    out += [_moving_ranges(chart, f), _x_axis(chart, f), "</svg>"]
    return "".join(out)


def _description(chart: Chart, target, summary: str, band) -> str:
    """The chart in words for screen readers: its values, limits, signals and target."""
    texts, lang, limits, ldec, periods = (
        chart.texts,
        chart.lang,
        chart.limits,
        chart.ldec,
        chart.periods,
    )
    desc = [
        text(
            texts,
            "desc",
            n=chart.n,
            first=periods[0].label(lang) if periods else "",
            last=periods[-1].label(lang) if periods else "",
            cl=fmt(limits.get("centre"), ldec, lang),
            lo=fmt(limits.get("lnpl"), ldec, lang),
            hi=fmt(limits.get("unpl"), ldec, lang),
        ),
        text(
            texts,
            "desc_signals",
            good=chart.meaning.count("improvement"),
            bad=chart.meaning.count("concern"),
        ),
    ]
    if target_values(target):
        last = fmt(target_values(target)[-1], chart.decimals or 0, lang)
        desc.append(text(texts, "desc_target", t=last))
    if chart.raw:
        desc.append(text(texts, "desc_adjusted"))
    desc.append(text(texts, "desc_mr", url=fmt(limits.get("url"), ldec, lang)))
    if summary:
        desc.append(summary)
    if band is not None:
        desc.append(band_text(band, chart.decimals, lang))
    return " ".join(desc)


# -- a benchmark band (koers.benchmarks) ---------------------------------------------------

BAND_FILL = "#e8eef5"


def band_text(band, decimals: int | None, lang: str) -> str:
    """The band for the chart's description (the band's caller words it in its language)."""
    return band.description


def draw_band(band, left: float, pw: float, y, span: tuple[float, float], decimals, lang) -> str:
    """The P25–P75 band shaded behind the values and the median as a thin line, clipped to
    the chart's own range: the benchmark never rescales the trend, it stays second to it."""
    lo, hi = span
    top_v, bottom_v = min(max(band.p75, lo), hi), min(max(band.p25, lo), hi)
    parts = []
    if top_v > bottom_v:
        parts.append(
            f'<rect class="benchmark-band" x="{left}" y="{y(top_v):.1f}" width="{pw:.1f}" '
            f'height="{y(bottom_v) - y(top_v):.1f}" fill="{BAND_FILL}"/>'
        )
    if lo <= band.median <= hi:
        my = y(band.median)
        word = band.median_word
        parts.append(
            f'<line class="benchmark-median" x1="{left}" x2="{left + pw}" y1="{my:.1f}" '
            f'y2="{my:.1f}" stroke="{COLOURS["mid"]}" stroke-width="1" stroke-dasharray="4 2"/>'
            f'<text class="benchmark-label" x="{left + pw - 4}" y="{my - 4:.1f}" '
            f'text-anchor="end" fill="{COLOURS["axis"]}">{escape(band.label)} · {word} '
            f"{escape(fmt(band.median, decimals or 0, lang))}</text>"
        )
    return "".join(parts)
