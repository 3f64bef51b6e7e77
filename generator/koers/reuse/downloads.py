"""Reusing downloads whose inputs did not change: the poster SVGs and the written strategy (PDF).

`koers build` makes the posters and the document on every run, although most
builds change only a page or two and the poster exports are cached already
(koers.publish.exports). These wrappers key each result by a hash of everything it is
made from and return the stored result when the key is known:

- posters: the model and the house style as values (their reprs list every
  field), the bytes of the font and logo files, the Koers source code and the
  installed libraries (name and version of each);
- the document and the yearly progress reports: everything Typst would get (the
  template, the content as JSON, the logo's bytes, the font folders, the date from
  SOURCE_DATE_EPOCH) and a report's file name, the bytes of the theme's font files,
  Koers' source and the installed libraries. A cache hit lays nothing out.
- an archived version (the written strategy of a `vastgesteld-*` tag): what the
  pipeline says identifies the tag's content (its commit, the project's folder in
  the repository, the borrowed house style of a tag without one, the document's
  epoch), Koers' source and the installed libraries. A tag's content never
  changes, so a hit skips reading, checking and rendering it; a tag whose content
  is not valid is stored too, with the reason, and reported again from the store.

The files live next to the export cache (koers.reuse.store.cache_root), are written
atomically and are only ever read back by a key that names all their inputs,
so a stale file cannot be used. Renderers stay uncached; only the pipeline uses these.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from koers.content.model import Strategy, YearSlice
from koers.housestyle.theme import HouseStyle
from koers.output import Output
from koers.render.document.pdf import typeset_pdf
from koers.render.document.progress import report_source
from koers.render.document.written import DocumentSource, WrittenStrategy, document_filename, strategy_source
from koers.render.posters.svg import Poster, render_each_poster
from koers.render.yearreport import report_filename, reported_slots
from koers.reuse.fit import poster_inputs
from koers.reuse.store import cache_root, file_digests, installed_digest, source_digest, store_atomically

SCHEME = "koers-downloads-1"  # bump when the stored form changes


def _folder(kind: str) -> Path:
    return cache_root() / kind


def _key(*parts: str | bytes) -> str:
    hasher = hashlib.sha256(SCHEME.encode("utf-8"))
    for part in parts:
        hasher.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def _read(folder: Path, key: str) -> tuple[dict, bytes] | None:
    """The stored metadata and payload for a key, or None when absent or unreadable."""
    try:
        meta = json.loads((folder / f"{key}.json").read_text("utf-8"))
        data = (folder / f"{key}.bin").read_bytes()
    except (OSError, ValueError):
        return None
    return (meta, data) if isinstance(meta, dict) else None


def _write(folder: Path, key: str, meta: dict, data: bytes) -> None:
    """Store a result atomically (payload first: metadata without its payload is never read)."""
    try:
        for suffix, content in ((".bin", data), (".json", json.dumps(meta, sort_keys=True).encode("utf-8"))):
            store_atomically(folder / f"{key}{suffix}", content)
    except OSError:
        return  # a read-only or full cache folder only costs speed


def posters(strategy: Strategy, style: HouseStyle) -> list[Poster]:
    """render_posters(strategy, style), reused when nothing they show changed (an edit of a body changes none)."""
    return list(each_poster(strategy, style))


def each_poster(strategy: Strategy, style: HouseStyle) -> Iterator[Poster]:
    """`posters` one by one, each as soon as it is laid out (kept once all are made)."""
    key = poster_key(strategy, style)
    stored = stored_posters(key)
    if stored is not None:
        yield from stored
        return
    yield from make_posters(strategy, style, key)


def poster_key(strategy: Strategy, style: HouseStyle) -> str:
    """The key of the posters of this strategy in this house style (no body text: no poster shows one)."""
    return _key("posters", poster_inputs(strategy, style))


def svg_outputs(posters: Iterable[Poster]) -> list[Output]:
    """Every sheet of these posters as an SVG download."""
    return [Output(f"downloads/{name}", svg) for poster in posters for name, svg in poster.files]


def stored_posters(key: str) -> list[Poster] | None:
    """The posters kept under this key, or None when there are none (nothing is laid out)."""
    stored = _read(_folder("posters"), key)
    if stored is None:
        return None
    meta, data = stored
    svgs = data.decode("utf-8").split("\0")
    described = meta.get("posters", [])
    if len(svgs) != sum(m.get("count", 0) for m in described):
        return None
    found, at = [], 0
    for m in described:
        fields = {k: v for k, v in m.items() if k != "count"}
        found.append(Poster(**{**fields, "sheets": tuple(svgs[at : at + m["count"]])}))
        at += m["count"]
    return found


def make_posters(strategy: Strategy, style: HouseStyle, key: str) -> Iterator[Poster]:
    """Lay out every poster, one by one, and keep them all under `key` once the last is made."""
    made = []
    for poster in render_each_poster(strategy, style):
        made.append(poster)
        yield poster
    described = [{**{k: v for k, v in asdict(p).items() if k != "sheets"}, "count": len(p.sheets)} for p in made]
    _write(_folder("posters"), key, {"posters": described}, "\0".join(svg for p in made for svg in p.sheets).encode("utf-8"))


@dataclass(frozen=True)
class PdfJob:
    """One A4 PDF of a build: what Typst gets and its cache key; `stored` is the kept result, `make` lays it out.

    The source and the key are made where the job is made (they read the strategy and render
    Markdown); `make` only runs Typst and writes the cache, so it may run in another thread.
    """

    filename: str
    source: DocumentSource
    key: str
    slot: YearSlice | None = None  # the year of a progress report; None for the written strategy
    # Where it is kept, decided with the job (KOERS_CACHE_DIR as it was then), not when `make` runs in its thread.
    folder: Path = field(default_factory=lambda: _folder("documents"))

    def stored(self) -> WrittenStrategy | None:
        found = _read(self.folder, self.key)
        if found is None:
            return None
        meta, data = found
        return WrittenStrategy(meta["filename"], data, int(meta["pages"]), float(meta["last_page_fill"]))

    def make(self) -> WrittenStrategy:
        """Lay out and write the PDF, and keep it. Raises EngineUnavailable without Typst, RuntimeError when Typst fails."""
        made = typeset_pdf(self.filename, self.source)
        _write(self.folder, self.key, {"filename": made.filename, "pages": made.pages, "last_page_fill": made.last_page_fill}, made.pdf)
        return made

    def get(self) -> WrittenStrategy:
        return self.stored() or self.make()


def pdf_jobs(strategy: Strategy, style: HouseStyle, epoch: str = "") -> list[PdfJob]:
    """The written strategy, then every reported year's voortgang PDF (render.document.progress)."""
    jobs = [_job("strategie", document_filename(strategy), strategy_source(strategy, style, epoch))]
    for slot in reported_slots(strategy):
        name = report_filename(strategy, slot)
        jobs.append(_job(name, name, report_source(strategy, style, slot, epoch), slot))
    return jobs


def document(strategy: Strategy, style: HouseStyle, epoch: str = "") -> WrittenStrategy:
    """The written strategy's PDF, reused when what Typst gets, the fonts and the engine did not change.

    Raises EngineUnavailable as render_document does, but only when the PDF has to be made.
    """
    return pdf_jobs(strategy, style, epoch)[0].get()


def _font_files(source: DocumentSource) -> set[Path]:
    """Every font file Typst may read for this document (it reads whole folders)."""
    return {p for folder in source.font_folders for p in Path(folder).glob("*") if p.suffix.lower() in (".ttf", ".otf", ".ttc")}


def _job(name: str, filename: str, source: DocumentSource, slot: YearSlice | None = None) -> PdfJob:
    """A PDF keyed by what Typst would get, the theme's font files, Koers' source and the libraries."""
    key = _key(
        source_digest(),
        installed_digest(),
        name,
        *source.key(),
        # Every font file Typst may choose from, by its bytes (in name order): not where the project is.
        file_digests([*sorted(_font_files(source), key=lambda path: path.name)]),
    )
    return PdfJob(filename, source, key, slot)


@dataclass(frozen=True)
class Archived:
    """One adopted version for the archive: its version, adoption and PDF, or why its content is not valid."""

    versie: str = ""
    datum: str = ""  # '' when that version's strategie.yaml says nothing about its adoption
    door: str = ""
    pdf: bytes = b""
    problem: str = ""  # the Dutch reason the content cannot be archived; '' when it is


def archived(identity: tuple[str | bytes, ...], make: Callable[[], Archived]) -> Archived:
    """make(), reused when Koers, the libraries and the identity of the tag's content are unchanged.

    Exceptions from make (git cannot read the tag, no Typst) are not stored: the next build tries again.
    """
    key = _key("archief", source_digest(), installed_digest(), *identity)
    stored = _read(_folder("archive"), key)
    if stored is not None:
        meta, data = stored
        fields = {name: str(meta.get(name, "")) for name in ("versie", "datum", "door", "problem")}
        return Archived(**fields, pdf=data)
    made = make()
    meta = {"versie": made.versie, "datum": made.datum, "door": made.door, "problem": made.problem}
    _write(_folder("archive"), key, meta, made.pdf)
    return made
