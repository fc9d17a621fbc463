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
from dataclasses import dataclass
from datetime import date
from html import escape

from koers.numbers import format_number
from koers.periods import Period

COLOURS = {
    "improvement": "#1b6e3a",
    "concern": "#a4161a",
    "none": "#0b5cad",
    "limit": "#a4161a",
    "centre": "#3d4a57",
    "mid": "#9aa5b1",
    "target": "#8a5300",
    "grid": "#e3e7eb",
    "axis": "#56606b",
    "raw": "#b8c2cc",
    "divider": "#56606b",
    "marker": "#6a3d9a",
}
# A white outline behind a label's letters: readable over lines and points.
HALO = 'stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"'


@dataclass(frozen=True)
class ChartTexts:
    """The chart's words as ``str.format`` templates. This module is pure, so the caller gives
    them in the reader's language (``koers.trends.charttexts.chart_texts()`` through gettext);
    without them the chart speaks English."""

    title: str = "Process behaviour chart of {name}"
    desc: str = (
        "{n} values from {first} to {last}. Centre line {cl}; natural process limits {lo} to {hi}."
    )
    desc_signals: str = "{good} points signal an improvement, {bad} a concern."
    desc_target: str = "Target {t}."
    desc_adjusted: str = "Values are adjusted for the season."
    desc_mr: str = (
        "Beneath: the moving ranges (jump from one period to the next), upper range limit {url}."
    )
    cl: str = "CL"
    unpl: str = "UNPL"
    lnpl: str = "LNPL"
    no_lnpl: str = "no lower limit"
    url: str = "URL"
    mr: str = "moving range"
    target: str = "target"
    baseline_end: str = "baseline"
    new_level: str = "new level"
    improvement: str = "improvement"
    concern: str = "concern"


def text(texts: ChartTexts, key: str, **params) -> str:
    return getattr(texts, key).format(**params)


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2 or 5 × 10^k apart) that cover [lo, hi]."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return []
    if hi <= lo:
        pad = abs(hi) * 0.1 or 1.0
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / max(count, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    first = math.floor(lo / step) * step
    ticks = []
    v = first
    while v <= hi + step * 1e-9:
        ticks.append(round(v, 12))
        v += step
    if ticks[-1] < hi:
        ticks.append(round(ticks[-1] + step, 12))
    return ticks


def tick_decimals(ticks: Sequence[float]) -> int:
    if len(ticks) < 2:
        return 0
    step = abs(ticks[1] - ticks[0])
    return max(0, -math.floor(math.log10(step) + 1e-9)) if step > 0 else 0


def value_decimals(spread: float | None, decimals: int | None) -> int:
    """Decimals for limits: the KPI's own plus enough to show the spread (at most 4)."""
    base = decimals if decimals is not None else 1
    if spread is not None and math.isfinite(spread) and spread > 0:
        return max(base, min(4, 1 - math.floor(math.log10(spread))))
    return base


def _fmt(v, dec: int, lang: str) -> str:
    return "–" if v is None else format_number(round(float(v), dec), dec, lang)


def _start(when) -> date:
    return when.start if isinstance(when, Period) else when


def _meanings(analysis) -> tuple[list[str], list[bool]]:
    """Per point: 'improvement' | 'concern' | 'none' (rules 1–3), and rule-4 jumps."""
    n = analysis.n
    meaning = ["none"] * n
    jump = [False] * n
    for sig in analysis.signals:
        if sig["rule"] == "moving_range":
            jump[sig["points"][-1]] = True
            continue
        for p in sig["points"]:
            if meaning[p] != "concern":
                meaning[p] = sig["meaning"]
    return meaning, jump


def _path(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{'M' if k == 0 else 'L'}{x:.1f},{y:.1f}" for k, (x, y) in enumerate(points))


def _targets(target) -> list[float]:
    """The target values drawn: one number, or one per point (None where there is none)."""
    if target is None:
        return []
    if isinstance(target, (list, tuple)):
        return [float(t) for t in target if t is not None]
    return [float(target)]


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
        f"{escape(_fmt(t, decimals, lang))}</text>"
    )


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
    texts: ChartTexts = ChartTexts(),
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
    n = analysis.n
    charted = analysis.adjusted or analysis.values
    raw = analysis.values if analysis.adjusted else None
    cl, up, lo = analysis.centre_line, analysis.unpl_line, analysis.lnpl_line
    mrs = analysis.moving_ranges
    segments = analysis.segments
    meaning, jump = _meanings(analysis)
    limits = analysis.limits
    ldec = value_decimals(limits.get("mr_bar"), decimals)

    # Geometry.
    left, right, top = 62, 112, 24
    plot_h, gap, mr_h, bottom = 250, 48, 96, 34
    height = top + plot_h + gap + mr_h + bottom
    pw = width - left - right
    step = pw / max(n, 1)

    def x(i: float) -> float:
        return left + (i + 0.5) * step

    finite = [v for v in list(charted) + cl + up + lo if v is not None and math.isfinite(v)]
    if raw:
        finite += raw
    finite += _targets(target)
    ticks = nice_ticks(min(finite), max(finite))
    y_lo, y_hi = ticks[0], ticks[-1]

    def y(v: float) -> float:
        span = (y_hi - y_lo) or 1.0
        return top + plot_h - (v - y_lo) / span * plot_h

    mr_vals = [v for v in mrs if v is not None]
    mr_max = max(mr_vals + [s["url"] for s in segments if s["url"] is not None] + [0.0])
    mr_ticks = nice_ticks(0.0, mr_max or 1.0, 3)
    mr_top = top + plot_h + gap

    def ym(v: float) -> float:
        span = mr_ticks[-1] or 1.0
        return mr_top + mr_h - v / span * mr_h

    out: list[str] = []
    add = out.append
    first_label = periods[0].label(lang) if periods else ""
    last_label = periods[-1].label(lang) if periods else ""
    title = text(texts, "title", name=name) if name else text(texts, "title", name="KPI")
    desc = [
        text(
            texts,
            "desc",
            n=n,
            first=first_label,
            last=last_label,
            cl=_fmt(limits.get("centre"), ldec, lang),
            lo=_fmt(limits.get("lnpl"), ldec, lang),
            hi=_fmt(limits.get("unpl"), ldec, lang),
        ),
        text(
            texts,
            "desc_signals",
            good=meaning.count("improvement"),
            bad=meaning.count("concern"),
        ),
    ]
    if _targets(target):
        desc.append(text(texts, "desc_target", t=_fmt(_targets(target)[-1], decimals or 0, lang)))
    if raw:
        desc.append(text(texts, "desc_adjusted"))
    desc.append(text(texts, "desc_mr", url=_fmt(limits.get("url"), ldec, lang)))
    if summary:
        desc.append(summary)
    if band is not None:
        desc.append(band_text(band, decimals, lang))
    tid, did = f"{chart_id}-title", f"{chart_id}-desc"
    add(
        f'<svg class="chart xmr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" role="img" aria-labelledby="{tid} {did}" {FONT}'
        ' font-size="11">'
    )
    add(
        f'<title id="{tid}">{escape(title)}</title><desc id="{did}">{escape(" ".join(desc))}</desc>'
    )

    # Grid and y axis.
    tdec = tick_decimals(ticks)
    for t in ticks:
        ty = y(t)
        add(
            f'<line class="grid" x1="{left}" x2="{left + pw}" y1="{ty:.1f}" y2="{ty:.1f}" '
            f'stroke="{COLOURS["grid"]}" stroke-width="1"/>'
            f'<text class="ytick" x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end" '
            f'fill="{COLOURS["axis"]}">{escape(format_number(t, tdec, lang))}</text>'
        )
    mdec = tick_decimals(mr_ticks)
    for t in mr_ticks:
        ty = ym(t)
        add(
            f'<line class="grid" x1="{left}" x2="{left + pw}" y1="{ty:.1f}" y2="{ty:.1f}" '
            f'stroke="{COLOURS["grid"]}" stroke-width="1"/>'
            f'<text class="ytick" x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end" '
            f'fill="{COLOURS["axis"]}">{escape(format_number(t, mdec, lang))}</text>'
        )
    add(
        f'<text x="{left}" y="{mr_top - 8}" fill="{COLOURS["axis"]}">'
        f"{escape(text(texts, 'mr'))}</text>"
    )

    if band is not None:
        add(draw_band(band, left, pw, y, (y_lo, y_hi), decimals, lang))

    # Limits, midlines and centre line per segment.
    mid_up = [None if c is None or u is None else (c + u) / 2 for c, u in zip(cl, up, strict=True)]
    mid_lo = [None if c is None or v is None else (c + v) / 2 for c, v in zip(cl, lo, strict=True)]
    for k, seg in enumerate(segments):
        s, e = seg["start"], seg["end"]
        idx = list(range(s, e))
        x0, x1 = x(s) - step / 2, x(e - 1) + step / 2

        def line(values, cls, colour, dash, w=1.2, idx=idx, x0=x0, x1=x1):
            pts = [(x(i), y(values[i])) for i in idx if values[i] is not None]
            if not pts:
                return
            pts = [(x0, pts[0][1])] + pts + [(x1, pts[-1][1])]
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            add(
                f'<path class="{cls}" d="{_path(pts)}" fill="none" stroke="{colour}" '
                f'stroke-width="{w}"{dash_attr}/>'
            )

        line(mid_up, "midline", COLOURS["mid"], "2 3", 0.8)
        line(mid_lo, "midline", COLOURS["mid"], "2 3", 0.8)
        line(up, "limit unpl", COLOURS["limit"], "6 3")
        line(lo, "limit lnpl", COLOURS["limit"], "6 3")
        line(cl, "centre", COLOURS["centre"], "", 1.4)
        # mR̄ and URL beneath.
        if seg["mr_bar"] is not None:
            for val, cls, colour, dash in (
                (seg["mr_bar"], "mr-centre", COLOURS["centre"], ""),
                (seg["url"], "limit url", COLOURS["limit"], "6 3"),
            ):
                add(
                    f'<line class="{cls}" x1="{x0:.1f}" x2="{x1:.1f}" y1="{ym(val):.1f}" '
                    f'y2="{ym(val):.1f}" stroke="{colour}" stroke-width="1.2"'
                    + (f' stroke-dasharray="{dash}"' if dash else "")
                    + "/>"
                )
        if k == len(segments) - 1:
            lx = left + pw + 4
            for key, val in (("unpl", up[e - 1]), ("centre", cl[e - 1]), ("lnpl", lo[e - 1])):
                if val is None:
                    continue
                colour = COLOURS["centre"] if key == "centre" else COLOURS["limit"]
                tag = text(texts, "cl" if key == "centre" else key)
                add(
                    f'<text class="limit-label {key}" x="{lx}" y="{y(val) + 4:.1f}" '
                    f'fill="{colour}">{escape(tag)} {escape(_fmt(val, ldec, lang))}</text>'
                )
            if lo[e - 1] is None and getattr(analysis, "no_lower_limit", False):
                add(
                    f'<text class="limit-label no-lnpl" x="{lx}" y="{top + plot_h - 4:.1f}" '
                    f'fill="{COLOURS["limit"]}">{escape(text(texts, "no_lnpl"))}</text>'
                )
            if seg["url"] is not None:
                add(
                    f'<text class="limit-label url" x="{lx}" y="{ym(seg["url"]) + 4:.1f}" '
                    f'fill="{COLOURS["limit"]}">{escape(text(texts, "url"))} '
                    f"{escape(_fmt(seg['url'], ldec, lang))}</text>"
                )

    # Dividers: a new level (segment start) and the end of a baseline.
    def divider(at: int, cls: str, label: str) -> None:
        dx = x(at) - step / 2
        add(
            f'<line class="divider {cls}" x1="{dx:.1f}" x2="{dx:.1f}" y1="{top}" '
            f'y2="{mr_top + mr_h}" stroke="{COLOURS["divider"]}" stroke-width="1" '
            'stroke-dasharray="1 3"/>'
            f'<text class="divider-label {cls}" x="{dx + 3:.1f}" y="{top - 8}" '
            f'fill="{COLOURS["divider"]}">{escape(label)}</text>'
        )

    for k, seg in enumerate(segments):
        s, e = seg["start"], seg["end"]
        if k > 0:
            divider(s, "rebaseline", text(texts, "new_level"))
        b = baseline if (k == 0 and baseline is not None) else min(20, e - s)
        if s + b < e:
            divider(s + b, "baseline-end", text(texts, "baseline_end"))

    # Target.
    overlay: list[str] = []
    if isinstance(target, (list, tuple)):
        add(_target_steps(target, x, y, step, decimals or 0, lang, texts))
    elif target is not None:
        ty = y(float(target))
        add(
            f'<line class="target" x1="{left}" x2="{left + pw}" y1="{ty:.1f}" y2="{ty:.1f}" '
            f'stroke="{COLOURS["target"]}" stroke-width="1.4" stroke-dasharray="10 4"/>'
        )
        # Labels inside the plot go on top of the points, with a white halo (see HALO).
        overlay.append(
            f'<text class="target-label" x="{left + 4}" y="{ty - 4:.1f}" {HALO} '
            f'fill="{COLOURS["target"]}">{escape(text(texts, "target"))} '
            f"{escape(_fmt(target, decimals or 0, lang))}</text>"
        )

    # Markers (e.g. actions).
    starts = [p.start for p in periods]
    for k_marker, (when, label, kind) in enumerate(markers):
        d = _start(when)
        if not starts or d < starts[0] or d > (periods[-1].end if periods else d):
            continue
        i = max(k for k, s in enumerate(starts) if s <= d)
        frac = 0.0
        if i + 1 < len(starts):
            span = (starts[i + 1] - starts[i]).days or 1
            frac = (d - starts[i]).days / span
        mx = x(i + frac)
        flip = mx > left + pw * 0.6
        add(
            f'<line class="marker-line" x1="{mx:.1f}" x2="{mx:.1f}" y1="{top}" '
            f'y2="{top + plot_h}" stroke="{COLOURS["marker"]}" stroke-width="1.2"/>'
        )
        overlay.append(
            f'<g class="marker {escape(str(kind))}">'
            f'<text x="{mx + (-3 if flip else 3):.1f}" y="{top + 10 + (k_marker % 3) * 12}" '
            f'text-anchor="{"end" if flip else "start"}" {HALO} '
            f'fill="{COLOURS["marker"]}">'
            f"{escape(str(label))}</text><title>{escape(str(label))}</title></g>"
        )

    # Values.
    if raw:
        add(
            f'<path class="raw" d="{_path([(x(i), y(v)) for i, v in enumerate(raw)])}" '
            f'fill="none" stroke="{COLOURS["raw"]}" stroke-width="1"/>'
        )
    add(
        f'<path class="values" d="{_path([(x(i), y(v)) for i, v in enumerate(charted)])}" '
        f'fill="none" stroke="{COLOURS["none"]}" stroke-width="1.6" stroke-linejoin="round"/>'
    )
    vdec = decimals if decimals is not None else 2
    for i, v in enumerate(charted):
        m = meaning[i]
        r = 3.2 if m == "none" else 4.8
        label = periods[i].label(lang) if i < len(periods) else str(i + 1)
        tip = f"{label}: {_fmt(v, vdec, lang)}"
        if m != "none":
            tip += f" ({text(texts, m)})"
        add(
            f'<circle class="pt {m}" cx="{x(i):.1f}" cy="{y(v):.1f}" r="{r}" '
            f'fill="{COLOURS[m]}" stroke="#fff" stroke-width="1"><title>{escape(tip)}</title>'
            "</circle>"
        )
    out.extend(overlay)  # after the points, so no point covers a label
    # Moving ranges.
    mr_pts = [(x(i), ym(v)) for i, v in enumerate(mrs) if v is not None]
    # Break the mR line at segment starts (no moving range across a new level).
    seg_starts = {seg["start"] for seg in segments}
    path, prev = [], None
    for i, v in enumerate(mrs):
        if v is None or i in seg_starts:
            prev = None
            continue
        path.append(f"{'L' if prev is not None else 'M'}{x(i):.1f},{ym(v):.1f}")
        prev = i
    if mr_pts:
        add(
            f'<path class="mr" d="{" ".join(path)}" fill="none" stroke="{COLOURS["none"]}" '
            'stroke-width="1.2"/>'
        )
    for i, v in enumerate(mrs):
        if v is None or i in seg_starts:
            continue
        cls = "mr-pt jump" if jump[i] else "mr-pt"
        colour = COLOURS["concern"] if jump[i] else COLOURS["none"]
        add(
            f'<circle class="{cls}" cx="{x(i):.1f}" cy="{ym(v):.1f}" '
            f'r="{4 if jump[i] else 2.2}" fill="{colour}"/>'
        )

    # X axis labels (thinned; the last one always shown).
    labels = [p.label(lang) for p in periods]
    longest = max((len(t) for t in labels), default=1)
    room = max(1, int(pw // (longest * 6.2 + 10)))
    every = max(1, math.ceil(n / room))
    axis_y = mr_top + mr_h + 16
    for i in range(n - 1, -1, -every):
        add(
            f'<text class="xtick" x="{x(i):.1f}" y="{axis_y}" text-anchor="middle" '
            f'fill="{COLOURS["axis"]}">{escape(labels[i])}</text>'
        )
    add(
        f'<line x1="{left}" x2="{left + pw}" y1="{top + plot_h}" y2="{top + plot_h}" '
        f'stroke="{COLOURS["axis"]}"/><line x1="{left}" x2="{left + pw}" y1="{mr_top + mr_h}" '
        f'y2="{mr_top + mr_h}" stroke="{COLOURS["axis"]}"/>'
    )
    add("</svg>")
    return "".join(out)


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
            f"{escape(_fmt(band.median, decimals or 0, lang))}</text>"
        )
    return "".join(parts)
