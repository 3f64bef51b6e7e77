"""Reusing downloads whose inputs did not change: the poster SVGs and the written strategy (PDF).

`koers build` makes the posters and the document on every run, although most
builds change only a page or two and the poster exports are cached already
(koers.export). These wrappers key each result by a hash of everything it is
made from and return the stored result when the key is known:

- posters: the model and the house style as values (their reprs list every
  field), the bytes of the font and logo files, the Koers source code and the
  installed libraries (name and version of each);
- the document: the HTML and print CSS WeasyPrint would get, the bytes of the
  files they point at (fonts, logo), Koers' source, the installed libraries
  and SOURCE_DATE_EPOCH. A cache hit does not even import WeasyPrint.

The files live next to the export cache (koers.export.cache_root), are written
atomically and are only ever read back by a key that names all their inputs,
so a stale file cannot be used. Renderers stay uncached; only the pipeline uses these.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from koers import __version__

if TYPE_CHECKING:
    from koers.model import Strategy
    from koers.render.document import WrittenStrategy
    from koers.render.posters import Poster
    from koers.theme import HouseStyle

SCHEME = "koers-downloads-1"  # bump when the stored form changes


def _folder(kind: str) -> Path:
    from koers.export import cache_root

    return cache_root() / kind


@lru_cache(maxsize=1)
def source_digest() -> str:
    """A hash of Koers' own code and templates: a development build without a version bump still misses."""
    root = Path(__file__).resolve().parent
    hasher = hashlib.sha256(__version__.encode("utf-8"))
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".j2", ".html", ".css", ".json")):
        hasher.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return hasher.hexdigest()


@lru_cache(maxsize=1)
def installed_digest() -> str:
    """A hash of the Python version and every installed distribution's name and version.

    Read from the dist-info/egg-info folder names on sys.path (about a millisecond), so an upgrade of
    any library (fontTools, pyphen, WeasyPrint, pydyf, MkDocs, a Markdown extension …) misses every key.
    """
    import sys

    names = []
    for entry in dict.fromkeys(sys.path):
        try:
            names += [f"{entry}/{name}" for name in os.listdir(entry or ".") if name.endswith((".dist-info", ".egg-info"))]
        except OSError:
            continue
    return hashlib.sha256("\n".join([sys.version, *sorted(names)]).encode("utf-8")).hexdigest()


def _file_bytes(paths: list[Path | None]) -> bytes:
    out = b""
    for path in paths:
        if path is not None and path.is_file():
            out += hashlib.sha256(path.read_bytes()).digest()
        else:
            out += b"-"
    return out


def _key(*parts: str | bytes) -> str:
    hasher = hashlib.sha256(SCHEME.encode("utf-8"))
    for part in parts:
        hasher.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def _read(kind: str, key: str) -> tuple[dict, bytes] | None:
    """The stored metadata and payload for a key, or None when absent or unreadable."""
    folder = _folder(kind)
    try:
        meta = json.loads((folder / f"{key}.json").read_text("utf-8"))
        data = (folder / f"{key}.bin").read_bytes()
    except (OSError, ValueError):
        return None
    return (meta, data) if isinstance(meta, dict) else None


def _write(kind: str, key: str, meta: dict, data: bytes) -> None:
    """Store a result atomically (payload first: metadata without its payload is never read)."""
    from koers.export import store_atomically

    folder = _folder(kind)
    try:
        for suffix, content in ((".bin", data), (".json", json.dumps(meta, sort_keys=True).encode("utf-8"))):
            store_atomically(folder / f"{key}{suffix}", content)
    except OSError:
        return  # a read-only or full cache folder only costs speed


def posters(strategy: Strategy, style: HouseStyle) -> list[Poster]:
    """render_posters(strategy, style), reused when nothing it depends on changed."""
    from koers.render.posters import Poster, render_posters

    key = _key(
        source_digest(),
        installed_digest(),
        repr(strategy),
        repr(style),
        _file_bytes([style.fonts.regular, style.fonts.bold, style.fonts.italic, style.logo]),
    )
    stored = _read("posters", key)
    if stored is not None:
        meta, data = stored
        svgs = data.decode("utf-8").split("\0")
        if len(svgs) == len(meta.get("posters", [])):
            return [Poster(**{**m, "svg": svg}) for m, svg in zip(meta["posters"], svgs)]
    made = render_posters(strategy, style)
    described = [{k: v for k, v in asdict(p).items() if k != "svg"} for p in made]
    _write("posters", key, {"posters": described}, "\0".join(p.svg for p in made).encode("utf-8"))
    return made


def document(strategy: Strategy, style: HouseStyle) -> WrittenStrategy:
    """render_document(strategy, style), reused when its HTML, CSS, files and engine did not change.

    Raises EngineUnavailable as render_document does, but only when the PDF has to be made.
    """
    from koers.render.document import PDF_VARIANT, WrittenStrategy, document_css, document_html, render_document

    html, css = document_html(strategy, style), document_css(style)
    key = _key(
        source_digest(),
        installed_digest(),
        html,
        css,
        style.root.as_uri(),
        _file_bytes([style.fonts.regular, style.fonts.bold, style.fonts.italic, style.logo]),
        PDF_VARIANT,
        os.environ.get("SOURCE_DATE_EPOCH", ""),
    )
    stored = _read("documents", key)
    if stored is not None:
        meta, data = stored
        return WrittenStrategy(meta["filename"], data, int(meta["pages"]), float(meta["last_page_fill"]))
    made = render_document(strategy, style)
    _write(
        "documents",
        key,
        {"filename": made.filename, "pages": made.pages, "last_page_fill": made.last_page_fill},
        made.pdf,
    )
    return made

