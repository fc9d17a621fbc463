"""A KPI's chart for the meeting room, with the actions marked on it.

The trends app's XmR chart is used when it is there; until then a plain SVG line (pure, no
JavaScript, prints the same) with the markers drawn as labelled vertical lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

MARKER_COLOURS = {"action_start": "#6b4a00", "action_done": "#1e6b34"}
MARKER_DASH = {"action_start": "4 3", "action_done": ""}


def line_with_markers(
    values: Sequence[float],
    labels: Sequence[str],
    markers: Sequence[tuple[int, str, str]] = (),
    *,
    width: int = 900,
    height: int = 320,
    title: str = "",
    centre: float | None = None,
    band: tuple[float, float] | None = None,
) -> str:
    """An SVG line of ``values`` with x-axis ``labels`` and markers (point index, label, kind)."""
    if not values:
        return ""
    left, right, top, bottom = 56, 16, 34, height - 30
    lo, hi = min(values), max(values)
    if band is not None:
        lo, hi = min(lo, band[0]), max(hi, band[1])
    if hi == lo:
        hi, lo = hi + 1, lo - 1
    pad = (hi - lo) * 0.08
    lo, hi = lo - pad, hi + pad

    def y(v: float) -> float:
        return bottom - (v - lo) / (hi - lo) * (bottom - top)

    step = (width - left - right) / max(len(values) - 1, 1)

    def x(i: float) -> float:
        return left + i * step

    parts = [
        f'<svg class="chart meeting-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    if band is not None:
        parts.append(
            f'<rect x="{left}" y="{y(band[1]):.1f}" width="{width - left - right}" '
            f'height="{max(y(band[0]) - y(band[1]), 0):.1f}" fill="#e9eef3"/>'
        )
    if centre is not None:
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(centre):.1f}" y2="{y(centre):.1f}" '
            'stroke="#8d99a6" stroke-dasharray="4 4"/>'
        )
    for v in (lo + pad, (lo + hi) / 2, hi - pad):
        parts.append(
            f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#556">{v:.4g}</text>'
        )
    every = max(1, len(labels) // 8)
    for i, label in enumerate(labels):
        if i % every == 0 or i == len(labels) - 1:
            parts.append(
                f'<text x="{x(i):.1f}" y="{height - 10}" text-anchor="middle" font-size="12" '
                f'fill="#556">{escape(label)}</text>'
            )
    for n, (index, label, kind) in enumerate(markers):
        colour = MARKER_COLOURS.get(kind, "#333")
        dash = MARKER_DASH.get(kind, "")
        mx = x(index)
        parts.append(
            f'<g class="marker {escape(kind)}"><title>{escape(label)}</title>'
            f'<line x1="{mx:.1f}" x2="{mx:.1f}" y1="{top - 4}" y2="{bottom}" stroke="{colour}" '
            f'stroke-width="2"{f" stroke-dasharray={chr(34)}{dash}{chr(34)}" if dash else ""}/>'
            f'<text x="{mx + 4:.1f}" y="{top - 8 + (n % 2) * 14}" font-size="12" '
            f'fill="{colour}">{escape(label[:40])}</text></g>'
        )
    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
    parts.append(
        f'<polyline points="{points}" fill="none" stroke="#0b5cad" stroke-width="2.5" '
        'stroke-linejoin="round"/>'
    )
    for i, v in enumerate(values):
        parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3" fill="#0b5cad"/>')
    parts.append("</svg>")
    return "".join(parts)


def marker_indexes(periods, markers) -> list[tuple[int, str, str]]:
    """Place (Period, label, kind) markers on the chart's points (nearest point at or after)."""
    out = []
    starts = [p.start for p in periods]
    for period, label, kind in markers:
        index = next((i for i, s in enumerate(starts) if s >= period.start), None)
        if index is None:
            index = len(starts) - 1 if starts else None
        if index is not None:
            out.append((index, label, kind))
    return out
