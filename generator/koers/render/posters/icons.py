"""Status icons as SVG path data: a second signal beside colour, so a grey-scale print still reads.

gepland: an open ring · lopend: a half-filled ring · gereed: a check mark ·
vertraagd: an exclamation mark · gestopt: a cross. Drawn in one colour
(white on the status colour) and distinct by shape alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from koers.render.posters.base import num


@dataclass(frozen=True)
class Stroke:
    """One path of an icon: filled, or stroked with a width."""

    d: str
    fill: str
    stroke: str
    width: float


def _circle(cx: float, cy: float, r: float) -> str:
    return f"M{num(cx - r)} {num(cy)}a{num(r)} {num(r)} 0 1 0 {num(2 * r)} 0a{num(r)} {num(r)} 0 1 0 {num(-2 * r)} 0z"


def icon(status: str, cx: float, cy: float, size: float, colour: str) -> tuple[Stroke, ...]:
    """The icon for a status, centred on (cx, cy), `size` wide."""
    s = size
    line = 0.14 * s
    if status == "gepland":
        return (Stroke(_circle(cx, cy, 0.36 * s), "none", colour, line),)
    if status == "lopend":
        r = 0.36 * s
        half = f"M{num(cx)} {num(cy - r)}a{num(r)} {num(r)} 0 0 1 0 {num(2 * r)}z"
        return (Stroke(_circle(cx, cy, r), "none", colour, line), Stroke(half, colour, "none", 0.0))
    if status == "gereed":
        d = (
            f"M{num(cx - 0.34 * s)} {num(cy + 0.02 * s)}L{num(cx - 0.1 * s)} {num(cy + 0.26 * s)}"
            f"L{num(cx + 0.36 * s)} {num(cy - 0.26 * s)}"
        )
        return (Stroke(d, "none", colour, 0.17 * s),)
    if status == "vertraagd":
        bar = (
            f"M{num(cx - 0.08 * s)} {num(cy - 0.4 * s)}h{num(0.16 * s)}l{num(-0.025 * s)} {num(0.5 * s)}"
            f"h{num(-0.11 * s)}z"
        )
        return (Stroke(bar, colour, "none", 0.0), Stroke(_circle(cx, cy + 0.3 * s, 0.095 * s), colour, "none", 0.0))
    if status == "gestopt":
        r = 0.27 * s
        d = (
            f"M{num(cx - r)} {num(cy - r)}L{num(cx + r)} {num(cy + r)}"
            f"M{num(cx + r)} {num(cy - r)}L{num(cx - r)} {num(cy + r)}"
        )
        return (Stroke(d, "none", colour, 0.17 * s),)
    raise ValueError(f"unknown status {status!r}")
