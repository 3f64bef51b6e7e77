"""The logo with its text drawn as outlines in the house font, for every place it is shown as an image.

An SVG inside an <img> (the site header, the favicon) or a data: URL (the posters) cannot use the
page's web fonts: a <text> there falls back to the reader's default serif font. So before the logo is
published, every <text> becomes a <path> of the glyph outlines of the theme's own font files, at the
position, size, weight and anchor the text asked for; the SVG's <title> keeps its accessible name (the
text itself becomes the <title> when there is none). The rest of the file is kept byte for byte: only
the <text> elements are spliced out, found with expat's byte offsets. An SVG without <text>, or one
this cannot read, is returned unchanged; nothing is refused here (the allow-list check ran at load).

Limits: glyphs are placed by their advance widths without kerning,
as cairosvg draws them; a <textPath>, per-glyph position lists and class-based CSS fonts are not
interpreted (the first position of a list is used, a text on a path is left as text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.parsers import expat

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont
from markupsafe import escape

from koers.housestyle.svgallow import SVG_NS
from koers.housestyle.theme import Fonts

_SEP = "\x1f"  # expat's namespace separator: "uri\x1flocalname"
_TEXT, _TSPAN, _TEXT_PATH, _TITLE = (f"{SVG_NS}{_SEP}{n}" for n in ("text", "tspan", "textPath", "title"))
_SVG = f"{SVG_NS}{_SEP}svg"
_FONT_PROPERTIES = ("font-size", "font-weight", "font-style", "text-anchor", "letter-spacing", "word-spacing")
# Attributes that only mean something to text; the rest (fill, stroke, opacity, transform, id, class, …) stay.
_TEXT_ONLY = frozenset(
    {"x", "y", "dx", "dy", "rotate", "textLength", "lengthAdjust", "font", "font-family", "font-size-adjust",
     "font-stretch", "font-variant", "dominant-baseline", "alignment-baseline", "baseline-shift", "direction",
     "unicode-bidi", "writing-mode", "text-decoration", "text-rendering",
     *_FONT_PROPERTIES}
)  # fmt: skip
_NUMBER = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(px)?\s*$")
_START_TAG = re.compile(rb"<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*(/?)>")
_DEFAULT_SIZE = 16.0  # CSS 'medium'


@dataclass
class _Run:
    """Characters in one font and paint, and the attributes of the <tspan> that painted them."""

    text: str
    size: float
    bold: bool
    italic: bool
    letter_spacing: float
    word_spacing: float
    paint: dict[str, str]


@dataclass
class _Chunk:
    """An absolutely positioned stretch of text; text-anchor aligns each chunk on its own."""

    x: float
    y: float
    anchor: str
    runs: list[_Run] = field(default_factory=list)


@dataclass
class _Text:
    """One <text> element: where it sits in the file, its own attributes and its chunks."""

    start: int
    attributes: dict[str, str]
    chunks: list[_Chunk]
    end: int = -1
    readable: bool = True


def _number(value: str | None, default: float = 0.0) -> float:
    """A length in user units; the first of a list ('10 20 30' → 10); units other than px give the default."""
    if not value:
        return default
    first = value.replace(",", " ").split()[0] if value.strip() else ""
    match = _NUMBER.match(first)
    return float(match[1]) if match else default


def _declarations(style: str | None) -> dict[str, str]:
    out = {}
    for part in (style or "").split(";"):
        name, _, value = part.partition(":")
        if value.strip():
            out[name.strip().lower()] = value.strip()
    return out


def _own(attributes: dict[str, str]) -> dict[str, str]:
    """The element's font properties: the style attribute wins over presentation attributes, as in CSS."""
    merged = {k: v for k, v in attributes.items() if k in _FONT_PROPERTIES}
    merged.update({k: v for k, v in _declarations(attributes.get("style")).items() if k in _FONT_PROPERTIES})
    return merged


def _is_bold(weight: str) -> bool:
    weight = weight.strip().lower()
    return weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)


def _collapse(text: str) -> str:
    """SVG's default white-space handling: newlines removed, tabs to spaces, runs of spaces to one."""
    return re.sub(r" +", " ", text.replace("\n", "").replace("\r", "").replace("\t", " "))


class _Reader:
    """One expat pass over the SVG that records each <text> element, its offsets and its runs."""

    def __init__(self) -> None:
        self.texts: list[_Text] = []
        self.titled = False
        self.inherited: list[dict[str, str]] = [{}]  # font properties, one entry per open element
        self.paints: list[dict[str, str]] = []  # within a <text>: the paint of each open <tspan> (or {} )
        self.parser = expat.ParserCreate(namespace_separator=_SEP)
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.characters
        self.parser.StartDoctypeDeclHandler = self.refuse  # a checked SVG has none; never expand entities here
        self.parser.EntityDeclHandler = self.refuse

    @staticmethod
    def refuse(*_: object) -> None:
        raise ValueError("DOCTYPE")

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if name == _TITLE and len(self.inherited) == 2:
            self.titled = True
        style = self.inherited[-1] | _own(attributes)
        self.inherited.append(style)
        if not self.paints:
            if name == _TEXT:
                x = _number(attributes.get("x")) + _number(attributes.get("dx"))
                y = _number(attributes.get("y")) + _number(attributes.get("dy"))
                anchor = style.get("text-anchor", "start")
                self.texts.append(_Text(self.parser.CurrentByteIndex, attributes, [_Chunk(x, y, anchor)]))
                self.paints.append({})
            return
        text = self.texts[-1]
        self.paints.append({k: v for k, v in attributes.items() if k not in _TEXT_ONLY and _SEP not in k})
        if name != _TSPAN:
            text.readable = False  # a <textPath> (or anything else in a text) is left as it is
        elif "x" in attributes or "y" in attributes:
            last = text.chunks[-1]
            x, y = _number(attributes.get("x"), last.x), _number(attributes.get("y"), last.y)
            text.chunks.append(_Chunk(x, y, style.get("text-anchor", "start")))
        elif "dx" in attributes or "dy" in attributes:
            text.readable = False  # a relative shift inside a chunk: not interpreted

    def end(self, name: str) -> None:
        self.inherited.pop()
        if self.paints:
            self.paints.pop()
            if not self.paints:
                self.texts[-1].end = self.parser.CurrentByteIndex

    def characters(self, data: str) -> None:
        if not self.paints:
            return
        style = self.inherited[-1]
        paint = {k: v for p in self.paints for k, v in p.items()}
        self.texts[-1].chunks[-1].runs.append(
            _Run(
                data,
                _number(style.get("font-size"), _DEFAULT_SIZE),
                _is_bold(style.get("font-weight", "400")),
                style.get("font-style", "normal").strip().lower() in ("italic", "oblique"),
                _number(style.get("letter-spacing")),
                _number(style.get("word-spacing")),
                paint,
            )
        )

    def read(self, data: bytes) -> None:
        self.parser.Parse(data, True)


@lru_cache(maxsize=8)
def _font(path: str, stamp: tuple[int, int]) -> TTFont:
    """A parsed font file, kept while its size and modification time stay the same."""
    return TTFont(path, lazy=True)


def _face(fonts: Fonts, bold: bool, italic: bool) -> TTFont:
    path = fonts.bold if bold else fonts.italic if italic and fonts.italic is not None else fonts.regular
    stat = Path(path).stat()
    return _font(str(path), (stat.st_size, stat.st_mtime_ns))


def _fmt(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _outline(run: _Run, font: TTFont, x: float, y: float) -> tuple[str, float]:
    """The path data of a run drawn from (x, y) on the baseline, and the x where it ends."""
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap() or {}
    advances = font["hmtx"].metrics
    scale = run.size / font["head"].unitsPerEm
    pen = SVGPathPen(glyphs, ntos=_fmt)
    for char in run.text:
        name = cmap.get(ord(char), ".notdef")
        if name != ".notdef" and name in glyphs:
            glyphs[name].draw(TransformPen(pen, (scale, 0, 0, -scale, x, y)))
        x += advances.get(name, (0, 0))[0] * scale + run.letter_spacing + (run.word_spacing if char == " " else 0.0)
    return pen.getCommands(), x


def _attributes(attributes: dict[str, str]) -> str:
    names = {k: v for k, v in attributes.items() if k not in _TEXT_ONLY}
    out = ""
    for name, value in names.items():
        if _SEP not in name:  # namespaced ones (xml:space, editor bookkeeping) mean nothing on a path
            out += f' {name}="{escape(value)}"'
    return out


def _drawn(text: _Text, fonts: Fonts) -> str:
    """The <g> of paths that replaces one <text>; its own attributes minus the text-only ones stay on it."""
    paths = []
    for chunk in text.chunks:
        runs = [r for r in chunk.runs if r.text]
        widths = 0.0
        for run in runs:
            widths = _outline(run, _face(fonts, run.bold, run.italic), widths, 0.0)[1]
        x = chunk.x - {"middle": widths / 2, "end": widths}.get(chunk.anchor.strip(), 0.0)
        for run in runs:
            d, x = _outline(run, _face(fonts, run.bold, run.italic), x, chunk.y)
            if d:
                paint = "".join(f' {k}="{escape(v)}"' for k, v in run.paint.items())
                paths.append(f'<path{paint} d="{d}"/>')
    return f"<g{_attributes(text.attributes)}>{''.join(paths)}</g>"


def _plain(texts: list[_Text]) -> str:
    return " ".join(" ".join("".join(r.text for c in t.chunks for r in c.runs) for t in texts).split())


def _trim(text: _Text) -> None:
    """Leading and trailing spaces of the whole element go, as SVG's default white-space handling does."""
    runs = [r for c in text.chunks for r in c.runs]
    for run in runs:
        run.text = _collapse(run.text)
    joined = [r for r in runs if r.text]
    if joined:
        joined[0].text = joined[0].text.lstrip(" ")
        joined[-1].text = joined[-1].text.rstrip(" ")


def outlined_svg(data: bytes, fonts: Fonts) -> bytes:
    """The SVG with each <text> drawn as paths in the theme's font; unchanged when it has no text or cannot be read."""
    if b"<text" not in data and b":text" not in data:
        return data
    files = [f for f in (fonts.regular, fonts.bold, fonts.italic) if f is not None]
    try:
        stamps = tuple((s.st_size, s.st_mtime_ns) for s in (Path(f).stat() for f in files))
    except OSError:
        return data
    return _outlined(data, fonts, stamps)


@lru_cache(maxsize=16)
def _outlined(data: bytes, fonts: Fonts, stamps: tuple[tuple[int, int], ...]) -> bytes:
    """outlined_svg, kept per logo, fonts and font file stamps (the preview asks again on every save)."""
    reader = _Reader()
    try:
        reader.read(data)
    except (expat.ExpatError, ValueError):
        return data
    texts = [t for t in reader.texts if t.readable and t.end >= 0]
    if not texts:
        return data
    for text in texts:
        _trim(text)
    try:
        drawn = [_drawn(t, fonts).encode("utf-8") for t in texts]
    except (OSError, KeyError, ValueError):
        return data  # an unreadable font file was reported by the check; the logo then stays as it was
    out, position = b"", 0
    for text, replacement in zip(texts, drawn, strict=True):
        end = _element_end(data, text)
        out += data[position : text.start] + replacement
        position = end
    out += data[position:]
    if not reader.titled and (name := _plain(texts)):
        out = _with_title(out, name)
    return out


def _element_end(data: bytes, text: _Text) -> int:
    """The offset just after the element: after its '</text>', or after its own tag when it is empty."""
    if text.end == text.start:
        tag = _START_TAG.match(data, text.start)
        return tag.end() if tag else data.index(b">", text.start) + 1
    return data.index(b">", text.end) + 1


def _with_title(svg: bytes, name: str) -> bytes:
    """A <title> right after the <svg> start tag, so the outlined text keeps giving the image its name."""
    start = svg.find(b"<svg")
    tag = _START_TAG.match(svg, start) if start >= 0 else None
    if tag is None or tag[1] == b"/":
        return svg
    return svg[: tag.end()] + f"<title>{escape(name)}</title>".encode() + svg[tag.end() :]
