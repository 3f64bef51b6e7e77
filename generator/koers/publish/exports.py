"""Poster SVG → PNG and PDF: in worker processes that see only the house style's fonts, cached.

Engines (decided):
- PNG with cairosvg: 150 dpi for the paper sizes (A3 = 2480 × 1754 px), exactly
  1200 × 630 px for the social image.
- PDF with Typst as a tagged PDF/UA-1 document (language nl, title, a page per
  sheet holding the sheet as one figure; the first one's alt text is the
  poster's full text alternative; text stays real, selectable text with the
  theme font embedded). Chosen over WeasyPrint by the figures in
  benchmarks/RESULTS.md ("Print engines"): 10–48× faster per file, lower peak
  memory, the same PDF/UA facts, and the export workers no longer import
  WeasyPrint.

Fonts: cairosvg and Typst both ignore @font-face and silently substitute
another font. The workers get FONTCONFIG_FILE (koers.publish.fontconfig: only
the theme's font folder) before cairo loads, and `fc-match` must resolve the
theme's family name to the theme's own regular and bold files; Typst gets the
theme's font folders and nothing else, and must find the same two files under
the family name. Otherwise the export stops with an error on the theme file. Workers are started with 'spawn' so no parent state (an
already loaded cairo) leaks in; they also run the exports in parallel.

Cache: each file is keyed by a hash of (SVG, format, pixel size, font files,
Koers source, installed libraries) under $KOERS_CACHE_DIR, else $XDG_CACHE_HOME/koers, else
~/.cache/koers ('exports/' and 'fontconfig/'), so an unchanged poster is not
rendered twice. Where cairo is missing (a Windows laptop), one warning says
the export was skipped and why, and the build goes on.
"""

from __future__ import annotations

import atexit
import hashlib
import multiprocessing
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from koers import __version__
from koers.dutch import os_reason
from koers.findings import Report
from koers.housestyle.theme import HouseStyle
from koers.output import Output
from koers.publish.export_worker import Job, initialise, probe, run
from koers.publish.fontconfig import fontconfig_file
from koers.render.typesetting import fonts as typst_fonts
from koers.reuse.store import cache_root, installed_digest, source_digest, store_atomically

ENGINE = "koers-export-4"  # bump when the way files are made changes
FORMATS = ("png", "pdf")
# Which sizes get a PNG in a build: screens, presentations and intranet news use A3 and the social
# image; A1 and A0 go to a printer (PDF) or a print shop (SVG). Their PNGs were the slowest exports
# (A0: 5000 × 7000 px, 3.6 s and 180 MB each; benchmarks/RESULTS.md) for a file nobody asked for;
# `koers poster --size A0 --format png` still makes one on demand.
BUILD_PNG_SIZES = ("a3", "social")
SKIPPED = "PNG- en PDF-export van de posters overgeslagen: "


def font_config(style: HouseStyle, report: Report) -> Path:
    """The fonts.conf for this theme's font folder(s), in a cache folder of its own.

    When the cache folder cannot be written (KOERS_CACHE_DIR on a read-only disk, or a path that
    cannot be made), the file goes into a temporary folder for this run: the cache only saves time.
    """
    folders = [str(p) for p in style.fonts.folders]
    digest = hashlib.sha256("\n".join(folders).encode("utf-8")).hexdigest()[:16]
    try:
        return fontconfig_file(style.fonts.folders, cache_root() / "fontconfig" / digest)
    except OSError as exc:
        report.note(
            f"let op: de cachemap {cache_root()} is niet te gebruiken ({os_reason(exc)}); "
            "Koers werkt zonder cache, dus elke build maakt alle exports opnieuw"
        )
    temporary = Path(tempfile.mkdtemp(prefix="koers-fontconfig-"))
    atexit.register(shutil.rmtree, temporary, True)
    return fontconfig_file(style.fonts.folders, temporary)


def _fonts_digest(style: HouseStyle) -> str:
    hasher = hashlib.sha256()
    for path in (style.fonts.regular, style.fonts.bold):
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


def cache_key(job: Job, fonts: str) -> str:
    """A stable key for one export: what is drawn, how, with which fonts, which Koers and which libraries."""
    hasher = hashlib.sha256()
    for part in (
        ENGINE,
        __version__,
        source_digest(),  # Koers' own code, and every library's version (cairosvg, Typst …)
        installed_digest(),
        job.kind,
        f"{job.pixels[0]}x{job.pixels[1]}",
        "x".join(job.page),
        fonts,
        job.title,
        job.description,
    ):
        hasher.update(part.encode("utf-8") + b"\0")
    for svg in job.svgs:
        hasher.update(hashlib.sha256(svg).digest())
    return hasher.hexdigest()


def check_fonts(style: HouseStyle, conf: Path, report: Report) -> bool:
    """fc-match must resolve the theme's family to its own regular and bold files; else an error on the theme.

    With only the theme's folder configured, fontconfig falls back to *some* file
    there for any name, so the matched family name is compared as well: cairosvg
    would otherwise draw with whichever face happens to come first.
    """
    env = dict(os.environ, FONTCONFIG_FILE=str(conf))
    for weight, path in (("regular", style.fonts.regular), ("bold", style.fonts.bold)):
        try:
            found = subprocess.run(
                ["fc-match", "-f", "%{file}\n%{family}", f"{style.fonts.family}:weight={weight}"],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            ).stdout
        except FileNotFoundError:
            report.note("lettertype voor de posterexport niet gecontroleerd: fc-match ontbreekt op deze computer")
            return True
        file, _, families = found.partition("\n")
        same_file = bool(file) and Path(file).resolve() == Path(path).resolve()
        if not same_file or style.fonts.family not in [f.strip() for f in families.split(",")]:
            shown = f"'{families.split(',')[0]}' ({Path(file).name})" if file else "geen lettertype"
            report.error(
                style.source,
                _family_line(style),
                f"lettertype '{style.fonts.family}' wordt bij het exporteren "
                f"van de posters niet gevonden: fontconfig kiest {shown} in plaats van {Path(path).name}; zet "
                "bij 'familie' precies de naam die in het lettertypebestand staat",
            )
            return False
    return True


def check_typst_fonts(style: HouseStyle, report: Report) -> bool:
    """Typst, given only the theme's font folders, must see the family in the theme's regular and bold files."""
    try:
        found = typst_fonts(tuple(str(f) for f in style.fonts.folders)).fonts()
    except ImportError:
        return True  # the workers say why the exports are skipped
    found = [font for font in found if font.path]
    files = {Path(str(font.path)).resolve() for font in found if font.family == style.fonts.family}
    for path in (style.fonts.regular, style.fonts.bold):
        if Path(path).resolve() not in files:
            names = sorted({font.family for font in found if Path(str(font.path)).resolve() == Path(path).resolve()})
            shown = f"de familie '{names[0]}'" if names else "geen lettertype dat Typst kan lezen"
            report.error(
                style.source,
                _family_line(style),
                f"lettertype '{style.fonts.family}' wordt bij het maken van de PDF-posters niet gevonden: "
                f"{Path(path).name} bevat {shown}; zet bij 'familie' precies de naam die in het lettertypebestand staat",
            )
            return False
    return True


def _family_line(style: HouseStyle) -> int:
    """Line of 'familie:' in the theme file (1 when it cannot be read)."""
    try:
        lines = (style.root / "theme.yaml").read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    return next((n for n, line in enumerate(lines, 1) if line.strip().startswith("familie:")), 1)


def jobs_for(posters: Iterable, formats: Iterable[str] = FORMATS, png_sizes: Iterable[str] | None = None) -> list[tuple[str, Job]]:
    """(output file name, job) for each poster and format: a PNG per sheet, one PDF with a page per sheet.

    png_sizes: the sizes that get a PNG (None: every size asked for).
    """
    out = []
    for poster in posters:
        page = (poster.width_phys, poster.height_phys)
        for kind in formats:
            if kind == "png" and png_sizes is not None and poster.size not in png_sizes:
                continue
            if kind == "pdf":
                svgs = tuple(svg.encode("utf-8") for svg in poster.sheets)
                out.append((f"{poster.stem}.pdf", Job(kind, svgs, poster.pixels, page, poster.title, poster.description)))
                continue
            for stem, svg in zip(poster.sheet_stems, poster.sheets, strict=True):
                job = Job(kind, (svg.encode("utf-8"),), poster.pixels, page, poster.title, poster.description)
                out.append((f"{stem}.{kind}", job))
    return out


def _context() -> multiprocessing.context.BaseContext:
    # spawn everywhere: a fresh interpreter has no cairo loaded with the wrong fontconfig.
    return multiprocessing.get_context("spawn")


def export_posters(
    posters: list,
    style: HouseStyle,
    report: Report,
    progress: Callable[[str], None],
    formats: Iterable[str] = FORMATS,
    prefix: str = "downloads/",
    png_sizes: Iterable[str] | None = None,
) -> list[Output]:
    """PNG and PDF files for the posters, as outputs under `prefix` (PNGs only of `png_sizes`, when given)."""
    exports = Exports(style, report, progress, formats, prefix, png_sizes)
    try:
        for poster in posters:
            exports.add(poster)
        exports.settle()
        made = exports.finish()
        if made is None:
            report.warning("build", 1, SKIPPED + exports.broken)
        return made or []
    finally:
        exports.close()


class Exports:
    """The exports of posters handed in one by one (`add`), made in worker processes while the caller goes on.

    The workers start at the first file that is not in the cache (a build whose exports are all
    cached starts none) and export while the next poster is laid out. After the last poster,
    `settle` waits until they are known to work (else the exports are skipped with a warning, as
    without Cairo); then `at_hand` are the files from the cache, `pending` the paths still being
    made, and `finish` waits for those. `close` stops the workers, whatever happened.
    """

    def __init__(
        self,
        style: HouseStyle,
        report: Report,
        progress: Callable[[str], None],
        formats: Iterable[str] = FORMATS,
        prefix: str = "downloads/",
        png_sizes: Iterable[str] | None = None,
    ) -> None:
        self.report, self.progress, self.prefix = report, progress, prefix
        self.formats, self.png_sizes = tuple(formats), png_sizes
        self.broken = ""  # why the workers stopped half-way (finish returned None)
        self._names: list[str] = []
        self._results: dict[str, bytes] = {}
        self._workers: _Workers | None = None
        conf = font_config(style, report)
        self._usable = check_fonts(style, conf, report) and ("pdf" not in self.formats or check_typst_fonts(style, report))
        self._setup = (str(conf), tuple(str(f) for f in style.fonts.folders))
        self._fonts = _fonts_digest(style)
        self._store = cache_root() / "exports"

    def add(self, poster: Any) -> None:
        if not self._usable:
            return
        for name, job in jobs_for([poster], self.formats, self.png_sizes):
            self._names.append(name)
            cached = self._store / (cache_key(job, self._fonts) + "." + job.kind)
            if cached.is_file():
                self._results[name] = cached.read_bytes()
                continue
            if self._workers is None:
                self._workers = _Workers(self._setup)
            self._workers.submit(name, job, cached)

    def settle(self) -> None:
        """After the last poster: whether the workers can export at all; if not, no PNG or PDF (one warning)."""
        if self._workers is None:
            return
        made = len(self._workers.submitted)
        self.progress(f"{made} van {len(self._names)} exportbestanden maken ({len(self._names) - made} uit de cache)")
        reason = self._workers.unusable()
        if reason is not None:
            self.report.warning("build", 1, SKIPPED + reason)
            self._usable = False
            self.close()

    def at_hand(self) -> list[Output]:
        return [Output(self.prefix + name, self._results[name]) for name in self._names if name in self._results] if self._usable else []

    def pending(self) -> list[str]:
        return [self.prefix + name for name in self._names if name not in self._results] if self._usable else []

    def finish(self) -> list[Output] | None:
        """Every file, in order, once the workers made theirs; None when they stopped half-way (`broken` says why)."""
        if self._workers is not None and self._usable:
            try:
                self._workers.collect(self._results, self.report)
            except BrokenProcessPool as error:
                self.broken = f"de exportprocessen zijn gestopt ({error})"
                return None
            finally:
                self.close()
        return [Output(self.prefix + name, self._results[name]) for name in self._names] if self._usable else []

    def close(self) -> None:
        if self._workers is not None:
            self._workers.stop()
            self._workers = None


def _keep(cached: Path, data: bytes) -> None:
    """Store an export in the cache; a cache that cannot be written only costs time."""
    try:
        store_atomically(cached, data)
    except OSError:
        return


class _Workers:
    """The export worker processes, and the files handed to them in order."""

    def __init__(self, setup: tuple[str, tuple[str, ...]]) -> None:
        # Processes start as jobs arrive (spawn starts them on demand), at most one per core and four.
        self._pool = ProcessPoolExecutor(min(os.cpu_count() or 1, 4), mp_context=_context(), initializer=initialise, initargs=setup)
        self.submitted: list[tuple[str, Path, Future[tuple[bytes, str | None]]]] = []
        self._broken: BaseException | None = None
        try:
            self._probed: Future[str | None] | None = self._pool.submit(probe)
        except BrokenProcessPool as error:
            self._probed, self._broken = None, error
        except BaseException:
            self.stop()
            raise

    def submit(self, name: str, job: Job, cached: Path) -> None:
        """Hand a file to the workers (when they cannot take it, `unusable` says why)."""
        if self._broken is None:
            try:
                self.submitted.append((name, cached, self._pool.submit(run, job)))
            except BrokenProcessPool as error:
                self._broken = error

    def unusable(self) -> str | None:
        """Why the workers cannot export (no Cairo, no processes), or None; waits for the first worker."""
        try:
            if self._broken is not None or self._probed is None:
                raise self._broken or BrokenProcessPool("geen exportprocessen")
            return self._probed.result()
        except BrokenProcessPool as error:
            # E.g. Koers embedded in a script without an `if __name__ == "__main__":` guard.
            return f"de exportprocessen konden niet starten ({error})"

    def collect(self, results: dict[str, bytes], report: Report) -> None:
        """Wait for every file and store it in the cache. Raises BrokenProcessPool when a worker died half-way."""
        for name, cached, future in self.submitted:
            data, problem = future.result()
            results[name] = data
            if problem is None:
                _keep(cached, data)
            else:  # not cached: the warning comes again with every build until the text or the font changes
                report.warning("build", 1, f"{name} is geen PDF/UA-1-bestand geworden: {problem}; gebruik tekens die het lettertype van de huisstijl heeft")

    def stop(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
