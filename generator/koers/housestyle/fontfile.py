"""Whether a font file can be read as far as the outputs read it.

A font whose name table is fine can still have a broken glyph table: `koers check` used to
pass it and `koers build` ended in an IndexError (or a struct.error, or a TTLibError) when
the posters subset the font. Every glyph's outline header and composite references are
read here, as the subsetter reads them, so the damage is reported on the theme file at
check. A few milliseconds for a font of 900 glyphs (the glyph table is read as raw bytes).
"""

from __future__ import annotations

import struct
from functools import lru_cache
from pathlib import Path
from typing import Any

# The tables the poster subset and the text measurement read (the subsetter keeps these).
TABLES = ("head", "hhea", "maxp", "cmap", "hmtx", "name", "post", "OS/2", "loca", "glyf", "CFF ")


def font_damage(path: Path) -> str | None:
    """Why the font file at path cannot be read as the outputs read it, or None when it can."""
    try:
        stat = path.stat()
    except OSError as exc:
        return exc.strerror or str(exc)
    return _damage(str(path.resolve()), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=16)
def _damage(path: str, size: int, modified: int) -> str | None:
    """font_damage for one version (size, time) of a file."""
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, lazy=True) as font:
            order = font.getGlyphOrder()
            for tag in TABLES:
                if tag in font and tag not in ("glyf", "loca"):
                    font[tag]  # noqa: B018 - decompiles the table
            if "glyf" in font:
                return _glyf_damage(font, order)
            if "CFF " in font:
                charstrings = font["CFF "].cff.topDictIndex[0].CharStrings
                for name in order:
                    charstrings[name].decompile()
    except Exception as exc:  # noqa: BLE001 - fontTools reports damage in many exception types
        return f"{type(exc).__name__}: {exc}"[:160]
    return None


def _glyf_damage(font: Any, order: list[str]) -> str | None:
    """Read every glyph's header and composite references straight from the tables, as the subsetter follows them.

    Reading the raw bytes takes a few milliseconds where expanding every glyph with fontTools took a
    tenth of a second or more per file, on every `koers check`.
    """
    count = len(order)
    long = font["head"].indexToLocFormat == 1
    loca, glyf = font.reader["loca"], font.reader["glyf"]
    width = 4 if long else 2
    if len(loca) < (count + 1) * width:
        return "de loca-tabel is te kort voor het aantal letters"
    offsets = struct.unpack_from(f">{count + 1}{'L' if long else 'H'}", loca)
    scale = 1 if long else 2
    for index in range(count):
        start, end = offsets[index] * scale, offsets[index + 1] * scale
        if end < start or end > len(glyf):
            return f"letter '{order[index]}' ligt buiten de glyf-tabel"
        if end == start:
            continue  # an empty glyph, such as the space
        if end - start < 10:
            return f"letter '{order[index]}' is te kort"
        if struct.unpack_from(">h", glyf, start)[0] < 0 and (problem := _components(glyf, start + 10, end, count)):
            return f"letter '{order[index]}' {problem}"
    return None


def _components(glyf: bytes, at: int, end: int, count: int) -> str | None:
    """Why a composite glyph's component list cannot be followed, or None."""
    while True:
        if at + 4 > end:
            return "houdt midden in een onderdeel op"
        flags, component = struct.unpack_from(">HH", glyf, at)
        if component >= count:
            return f"verwijst naar letter nummer {component}, maar het lettertype heeft er {count}"
        at += 4 + (4 if flags & 0x0001 else 2)  # the arguments: words or bytes
        at += 2 if flags & 0x0008 else 4 if flags & 0x0040 else 8 if flags & 0x0080 else 0  # the scale
        if not flags & 0x0020:  # no more components
            return None
