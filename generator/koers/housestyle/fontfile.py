"""Whether a font file can be read as far as the outputs read it.

A font whose name table is fine can still have a broken glyph table: `koers check` used to
pass it and `koers build` ended in an IndexError (or a struct.error, or a TTLibError) when
the posters subset the font. Every glyph's outline header and composite references are
read here, as the subsetter reads them, so the damage is reported on the theme file at
check. About 30 ms for a font of 900 glyphs, once per file and version in a process.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

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
                if tag in font:
                    font[tag]  # noqa: B018 - decompiles the table
            if "glyf" in font:
                glyphs = font["glyf"]
                for name in order:
                    glyph = glyphs[name]
                    if glyph.isComposite():
                        for component in glyph.components:
                            glyphs[component.glyphName]  # noqa: B018 - a component must name a glyph of this font
            elif "CFF " in font:
                charstrings = font["CFF "].cff.topDictIndex[0].CharStrings
                for name in order:
                    charstrings[name].decompile()
    except Exception as exc:  # noqa: BLE001 - fontTools reports damage in many exception types
        return f"{type(exc).__name__}: {exc}"[:160]
    return None
