"""Small server-rendered SVG charts (pure: no Django).

SVG renders the same in the browser, on paper and in PDF, needs no
JavaScript and loads nothing from elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape


def _scale(lo: float, hi: float, top: float, bottom: float):
    if hi == lo:
        hi, lo = hi + 1, lo - 1
    return lambda v: bottom - (v - lo) / (hi - lo) * (bottom - top)


def sparkline(
    values: Sequence[float],
    *,
    lo: float | None = None,
    hi: float | None = None,
    width: int = 120,
    height: int = 32,
    label: str = "",
    band: tuple[float, float] | None = None,
    centre: float | None = None,
) -> str:
    """A tiny line of the last values. ``lo``/``hi`` fix the scale (no auto-zoom on noise);
    ``band`` shades the natural process limits, ``centre`` draws the centre line."""
    if not values:
        return ""
    lo = min(values) if lo is None else lo
    hi = max(values) if hi is None else hi
    pad = 3
    y = _scale(lo, hi, pad, height - pad)
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    points = " ".join(f"{pad + i * step:.1f},{y(v):.1f}" for i, v in enumerate(values))
    parts = [
        f'<svg class="spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{escape(label)}"><title>{escape(label)}</title>'
    ]
    if band is not None:
        top, bottom = y(band[1]), y(band[0])
        parts.append(
            f'<rect x="0" y="{top:.1f}" width="{width}" height="{max(bottom - top, 0):.1f}" '
            'fill="#e9eef3"/>'
        )
    if centre is not None:
        parts.append(
            f'<line x1="0" x2="{width}" y1="{y(centre):.1f}" y2="{y(centre):.1f}" '
            'stroke="#8d99a6" stroke-width="0.8" stroke-dasharray="2 2"/>'
        )
    parts.append(
        f'<polyline points="{points}" fill="none" stroke="#0b5cad" stroke-width="1.5" '
        'stroke-linejoin="round"/>'
    )
    last_x, last_y = pad + (len(values) - 1) * step, y(values[-1])
    parts.append(f'<circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="2.2" fill="#0b5cad"/>')
    parts.append("</svg>")
    return "".join(parts)
