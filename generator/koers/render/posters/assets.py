"""Self-contained SVG assets: a WOFF2 subset of the house font and the logo as a data URI.

The subset keeps only the glyphs a poster uses and drops the OpenType layout
features (kerning, ligatures): cairosvg draws glyph by glyph with plain
advance widths, so without kerning a browser draws the same line widths that
the layout measured. Subsetting is deterministic: the head table's modified
stamp is kept from the source font instead of being set to the current time.
"""

from __future__ import annotations

import base64
import hashlib
import io
import struct
from functools import lru_cache

from fontTools import subset
from fontTools.ttLib import TTFont
from markupsafe import Markup, escape

from koers.housestyle.theme import Fonts
from koers.render.css import css_string
from koers.render.logo import outlined_svg
from koers.render.posters.bands import logo_ratio

# Always in the subset, so any number the layout prints and the .notdef box are there.
ALWAYS = "0123456789 .,:·–-"


@lru_cache(maxsize=32)
def woff2_subset(path: str, chars: str) -> bytes:
    """A deterministic WOFF2 subset of a TrueType/OpenType font with these characters."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    font = TTFont(path, recalcTimestamp=False, lazy=True)  # only the glyphs kept are decompiled; same bytes
    try:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(sorted(set(chars + ALWAYS))))
        subsetter.subset(font)
        font.flavor = "woff2"
        buffer = io.BytesIO()
        font.save(buffer, reorderTables=True)
        return buffer.getvalue()
    finally:
        font.close()


def font_face_css(family: str, faces: list[tuple[str, str, str]]) -> Markup:
    """@font-face rules for (font file, weight, characters) triples, ready for an SVG <style>."""
    rules = []
    for path, weight, chars in faces:
        if not chars:
            continue
        data = base64.b64encode(woff2_subset(path, chars)).decode("ascii")
        rules.append(
            f"@font-face{{font-family:{css_string(family)};font-style:normal;font-weight:{weight};"
            f'src:url(data:font/woff2;base64,{data}) format("woff2")}}'
        )
    # Element content: only &, < and > need escaping; the quotes stay readable CSS.
    return Markup(str(escape("\n".join(rules))).replace("&#34;", '"').replace("&#39;", "'"))


@lru_cache(maxsize=8)  # asked for by every sheet of every size: outlining the logo's text once is enough
def logo_data(logo: tuple[bytes, str] | None, fonts: Fonts | None = None) -> tuple[str, float | None]:
    """The logo as a data URI and its width/height ratio ('' and None when there is none).

    With the house fonts, an SVG logo's text is outlined first (koers.render.logo): an SVG in a data: URL
    cannot use the poster's embedded fonts either.
    """
    if logo is None:
        return "", None
    data, suffix = logo
    if suffix == ".svg":
        data = outlined_svg(data, fonts) if fonts is not None else data

        return "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii"), logo_ratio(
            data.decode("utf-8", "replace")
        )
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return "data:image/png;base64," + base64.b64encode(data).decode("ascii"), (width / height if height else None)
    if data[:3] == b"\xff\xd8\xff":
        return "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii"), None
    return "", None


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
