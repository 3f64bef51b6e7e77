"""The one place that runs Typst, the print engine of every PDF Koers makes (the A4 documents and the posters).

Why Typst: it lays out the written strategy about 8× faster than WeasyPrint did (the example:
6 s → 0.75 s) and makes the poster PDFs 10–48× faster, with the same PDF/UA-1 facts
(benchmarks/RESULTS.md, "Print engines", and benchmarks/notes.md).

What Typst may use, whatever it is given:
- fonts: only the theme's font folders (no system fonts, none built into Typst), so text is never
  drawn in a font the house style did not choose; a missing glyph stays missing instead of
  silently falling back;
- files: only what Koers places in a new temporary folder for each document: its main file
  (from Koers' templates) and, for an A4 document, the theme's logo. Everything that comes from
  the strategy arrives as `sys.inputs` strings and is read there as data (JSON, SVG bytes),
  never as code.

`typst` is imported inside the functions so that `koers check` without an exact page count,
and any caller that never prints, does not load it.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typst

# Format characters with no glyph of their own (zero-width space, joiners, word joiner, BOM): pasted from Word,
# invisible in every output, and refused by PDF/UA-1 as undrawable text.
INVISIBLE = dict.fromkeys((0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF))

MAIN = "main.typ"


class EngineUnavailable(RuntimeError):
    """Typst cannot be loaded; the message is Dutch."""


@dataclass(frozen=True)
class Typeset:
    """A compiled document: its PDF (b'' when only laid out) and what a metadata query returned."""

    pdf: bytes
    found: Any = None


@lru_cache(maxsize=4)
def fonts(font_folders: tuple[str, ...]) -> typst.Fonts:
    """The fonts Typst may use: the theme's folders and nothing else. Read once per process."""
    import typst

    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=list(font_folders))


def unavailable() -> str | None:
    """Why Typst cannot be loaded (Dutch), or None when it can."""
    try:
        _typst()
    except EngineUnavailable as error:
        return str(error)
    return None


def _typst() -> Any:
    try:
        import typst
    except ImportError as error:
        raise EngineUnavailable(f"de PDF-opmaak (Typst) is niet geïnstalleerd: {error}") from error
    return typst


def typeset(
    source: str,
    inputs: dict[str, str],
    font_folders: tuple[str, ...],
    *,
    standard: bool = True,
    query: str | None = None,
    pdf: bool = True,
    files: dict[str, bytes] | None = None,
    timestamp: int | None = None,
) -> Typeset:
    """Compile a Typst source with string inputs; with `query` (a label), also return that metadata's value.

    pdf=False lays the document out for the query only (the balancing layouts; an exact page count).
    files: bytes Koers places beside the main file (a theme's logo), the only files the document can read.
    timestamp: seconds since 1970 for the document's dates (None: no dates).
    Raises EngineUnavailable without Typst and typst.TypstError when the source cannot be laid out.
    """
    engine = _typst()
    cleaned = {key: value.translate(INVISIBLE) for key, value in inputs.items()}
    with tempfile.TemporaryDirectory(prefix="koers-typst-") as root:
        main = Path(root) / MAIN
        main.write_text(source, encoding="utf-8")
        for name, data in (files or {}).items():
            (Path(root) / name).write_bytes(data)
        compiler = engine.Compiler(
            str(main), root=root, font_paths=fonts(font_folders), ignore_system_fonts=True, sys_inputs=cleaned
        )
        made = b""
        if pdf:
            made = compiler.compile(format="pdf", pdf_standards="ua-1" if standard else [], timestamp=timestamp)
        found = None
        if query is not None:
            # After a compile the layout is cached: the query costs next to nothing.
            found = json.loads(compiler.query(query, field="value", one=True))
        return Typeset(pdf=made, found=found)


def error_text(error: BaseException) -> str:
    """A Typst error on one line, short enough for a build message."""
    return " ".join(str(error).split())[:200]
