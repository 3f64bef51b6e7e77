"""A theme's logo or favicon: only SVG, PNG or JPEG whose bytes are what the name says, and bounded.

The file is published on the site's own origin and drawn by cairosvg,
Typst and browsers, so `koers check` refuses anything else before a
build reads it: another type (an .html favicon would run script on the site),
bytes that do not match the extension, more than 1 MB, or more than 4096
pixels wide or high (read from the header, never decoded).
"""

from __future__ import annotations

from pathlib import Path

from koers.housestyle.raster import LABELS, MAX_SIDE, has_signature, pixels, raster_size, too_large
from koers.housestyle.svgsafe import svg_bytes_problem

MAX_BYTES = 1_000_000
KINDS = {".svg": "svg", ".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg"}


def image_problem(path: Path) -> str | None:
    """A Dutch reason why this logo or favicon may not be published, or None when it may."""
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        found = f"extensie {path.suffix}" if path.suffix else "zonder extensie"
        return f"is geen SVG-, PNG- of JPEG-bestand ({found})"
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return f"is te groot: {size / 1_000_000:.1f} MB, maximaal 1 MB".replace(".", ",")
        data = path.read_bytes()
    except OSError:
        return "kan niet gelezen worden"
    if kind == "svg":
        return svg_bytes_problem(data)
    return raster_problem(data, kind, path.suffix)


def raster_problem(data: bytes, kind: str, suffix: str) -> str | None:
    """A PNG or JPEG file: the right signature, a readable header and at most MAX_SIDE pixels each way."""
    label = LABELS[kind]
    if not has_signature(data, kind):
        return f"is geen {label}-afbeelding: de inhoud past niet bij de extensie {suffix}"
    size = raster_size(data, kind)
    if size is None:
        return f"is een beschadigde {label}-afbeelding: de afmetingen zijn niet te lezen"
    if too_large(size):
        return f"is te groot: {pixels(size)}, maximaal {MAX_SIDE} × {MAX_SIDE}"
    return None
