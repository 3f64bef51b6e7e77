"""`koers serve`: a live preview that regenerates the site whenever content/ or themes/ change.

The preview lives in build/preview/ (docs, config and site), apart from the
published build/site/. The poster SVGs are made on every save (koers.reuse.downloads
reuses them when nothing they show changed) and served at the URLs of the build,
so the home and agenda pages show the current posters. New posters are laid out in
the poster lane's worker process while this one makes the pages and runs the engine
(koers.pipeline.posterlane): the pages get the last round's file names and
placeholders for the sizes, filled in when the posters arrive, and are made again
when a guess was wrong. The server answers no request while a round runs, so no
page with a placeholder is ever served. The PNG and PDF exports and the written
strategy are too slow for every keystroke: those of the last `koers build` are
reused. They are current when every poster SVG of that build equals the one
made now, byte for byte (the exports are made from exactly those SVGs); when
not, the downloads page and the terminal say they are from the previous build.
The written strategy follows the same verdict: a change that shows on no
poster (a longer opgave text) is not noticed. Without a build the downloads
page offers the SVGs and says how to make the rest.
A content error keeps the last good pages on screen, with the
errors in a banner on every page and as Dutch `file:line` lines in the terminal;
the server keeps running.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from koers.content.model import Strategy
from koers.epoch import epoch_problem
from koers.findings import Report
from koers.housestyle.theme import HouseStyle
from koers.output import Output
from koers.publish.outputs import guarded_folder, output_target, stopped_by, write_outputs

if TYPE_CHECKING:
    from koers.pipeline.posterlane import PosterLane

ReportPrinter = Callable[[Report], None]
PREVIEW = "build/preview"
PLACEHOLDER = """---
title: De inhoud bevat fouten
---

# De inhoud bevat fouten

<p>Er is nog geen versie van de strategie die klopt. Herstel de fouten uit de melding hierboven; deze pagina ververst vanzelf.</p>
"""


STALE_EXPORTS = "de PNG- en PDF-bestanden zijn van de vorige build; maak ze opnieuw met: koers build"
NO_EXPORTS = "er zijn nog geen PNG- en PDF-bestanden, alleen de posters als SVG; maak ze met: koers build"
NOTES = (STALE_EXPORTS, NO_EXPORTS)


def print_report(report: Report) -> None:
    """Findings as Dutch `file:line: fout: …` lines on stderr, the preview's note on its exports, and a one-line status."""
    text = report.as_text()
    if text:
        print(text, file=sys.stderr)
    for note in report.notes:
        if note in NOTES:
            print(f"koers serve: {note}", file=sys.stderr)
    errors = len(report.errors)
    status = (
        "voorbeeld bijgewerkt"
        if not errors
        else f"{errors} {'fout' if errors == 1 else 'fouten'}: je ziet de laatste versie die klopte"
    )
    print(f"koers serve: {status}", file=sys.stderr, flush=True)


def _previous_downloads(project: Path) -> list[Output]:
    """The downloads of the last `koers build`."""
    folder = project / "build" / "docs" / "downloads"
    if not folder.is_dir() or guarded_folder(project, folder) is not None:
        return []
    return [Output(f"downloads/{p.name}", p.read_bytes()) for p in sorted(folder.iterdir()) if p.is_file()]


def _last_build(project: Path) -> tuple[list[Output], dict[str, bytes]]:
    """The exports (PNG, PDF) of the last `koers build`, and its poster SVGs by path."""
    previous = _previous_downloads(project)
    return [o for o in previous if not o.path.endswith(".svg")], {o.path: o.data() for o in previous if o.path.endswith(".svg")}


def exports_note(exports: list[Output], built: dict[str, bytes], svgs: list[Output]) -> str | None:
    """The note on the last build's exports: none at all, made from other posters, or None (current)."""
    if not exports:
        return NO_EXPORTS
    return None if all(built.get(o.path) == o.data() for o in svgs) else STALE_EXPORTS


def _replace_docs(docs: Path, outputs: list[Output]) -> None:
    fresh = docs.with_name("docs.new")
    shutil.rmtree(fresh, ignore_errors=True)
    write_outputs(fresh, outputs)
    shutil.rmtree(docs, ignore_errors=True)
    fresh.rename(docs)


def _sync_docs(docs: Path, outputs: list[Output]) -> tuple[list[str], list[str], bool]:
    """Make docs/ hold exactly these outputs, rewriting only files whose bytes changed.

    Unchanged pages keep their modification time, so the engine's dirty build skips them.
    Returns the rewritten and the removed files (relative paths), and whether pages were added or removed.
    """
    base = docs.resolve()
    wanted = {output_target(base, output): output.data() for output in outputs}
    removed = [p for p in sorted(base.rglob("*"), reverse=True) if p.is_file() and p.resolve() not in wanted]
    added = [t for t in wanted if not t.is_file()]
    for path in removed:
        path.unlink()
    rewritten = []
    for target, data in wanted.items():
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        rewritten.append(target.relative_to(base).as_posix())
    reshaped = any(p.suffix == ".md" for p in removed + added)
    return rewritten, [p.relative_to(base).as_posix() for p in removed], reshaped


def _quick_update(preview: Path, outputs: list[Output]) -> bool:
    """Update the preview's pages in place for a dirty engine build; False when a full build is needed.

    The HTML of every changed page, and the site's copy of every other changed file, is removed first:
    MkDocs rebuilds a page or copies a file only when it is newer than what the site holds, which a
    save within the same second does not show on a coarse file system.
    A file gone from the docs (a routekaart with fewer sheets) goes from the site too: the engine only
    copies. A page added or removed changes every page's menu, so that takes a full build.
    """
    rewritten, removed, reshaped = _sync_docs(preview / "docs", outputs)
    for name in rewritten:
        # The engine copies a file only when it is newer than its copy: on a coarse file system the
        # real poster written within the second after its stand-in would not be copied.
        copy = preview / "site" / name
        (copy.with_suffix(".html") if name.endswith(".md") else copy).unlink(missing_ok=True)
    for name in removed:
        (preview / "site" / name).unlink(missing_ok=True)
    return not reshaped


def regenerate(project: Path, preview: Path, quick: bool = False, lane: PosterLane | None = None) -> Report:
    """Check the content and rebuild the preview; on errors keep the last good pages and show the errors.

    quick=True (every rebuild after the first) rewrites only changed pages and lets the engine
    rebuild just those, unless pages were added or removed or the engine config changed apart
    from the nav (koers.publish.engine.run_engine, dirty). The search index stays that of the last full
    build (stale only in the changed pages): fine for a preview, never for what is published.
    lane (the server's): posters that are not kept are laid out there while the pages are made.
    """
    from koers.pipeline.check import check
    from koers.pipeline.context import build_epoch
    from koers.publish.engine import run_engine

    checked = check(project)
    report = checked.report
    if not report.errors and checked.strategy is not None and checked.style is not None:
        _show_strategy(project, preview, checked.strategy, checked.style, report, quick, lane)
        return report
    docs = preview / "docs"
    if not (docs / "index.md").is_file():
        _replace_docs(docs, [Output("index.md", PLACEHOLDER)])
    errors = [f.format() for f in report.errors]
    run_engine(project, preview, report, epoch=build_epoch(project), extra={"koers_fouten": errors} if errors else None, dirty=quick)
    return report


def _show_strategy(
    project: Path, preview: Path, strategy: Strategy, style: HouseStyle, report: Report, quick: bool, lane: PosterLane | None
) -> None:
    """The preview of valid content, with its posters: kept ones at once, new ones from the lane when it can."""
    from koers.pipeline.pending import LeftOver, fill_in, placeholders, stand_ins
    from koers.pipeline.posterlane import poster_files
    from koers.reuse.downloads import poster_key, stored_posters, svg_outputs

    exports, built = _last_build(project)
    key = poster_key(strategy, style)
    kept = stored_posters(key)
    svgs = None if kept is None else svg_outputs(kept)
    pending = lane.submit(strategy, style, key) if lane is not None and svgs is None and quick else None
    if lane is not None and pending is not None:
        # The likely outcome: the posters keep their file names, and a changed poster is not the last build's.
        likely = STALE_EXPORTS if exports else NO_EXPORTS
        shown = placeholders(pending.paths)
        since = _now(preview)
        trial = Report()
        quick = _show_pages(project, preview, strategy, style, trial, stand_ins(pending.paths) + exports, likely, quick, shown)
        svgs = lane.collect(pending)
        if svgs is not None and tuple(o.path for o in svgs) == pending.paths and exports_note(exports, built, svgs) == likely:
            try:
                fill_in(preview, svgs, shown, since)
            except LeftOver:
                pass  # not expected; the pages are made again below
            else:
                report.extend(trial.sorted())
                for text in (*trial.notes, likely):
                    report.note(text)
                lane.remember(strategy, style, svgs)
                lane.rounds += 1
                return
        # A guess was wrong (another number of routekaart sheets, or the posters of the last build again) or
        # the lane failed: the pages are made again with the real posters. After a full engine run (a page
        # added, the config changed) that is a full run again, so the search index loses its placeholders too.
        if svgs is not None:
            lane.misses += 1
    if svgs is None:
        svgs = poster_files(strategy, style, key)
    note = exports_note(exports, built, svgs)
    _show_pages(project, preview, strategy, style, report, svgs + exports, note, quick)
    if note is not None:
        report.note(note)
    if lane is not None:
        lane.remember(strategy, style, svgs)


def _now(preview: Path) -> float:
    """The preview's file system's time now, less two seconds for coarse file times (FAT, SMB): from a file written there."""
    probe = preview / ".koers-round"
    probe.write_bytes(b"")
    return probe.stat().st_mtime - 2.0


def _show_pages(
    project: Path,
    preview: Path,
    strategy: Strategy,
    style: HouseStyle,
    report: Report,
    downloads: list[Output],
    note: str | None,
    quick: bool,
    shown: dict[str, str] | None = None,
) -> bool:
    """Render the pages with these downloads (sizes in `shown` still to come) and run the engine over them.

    Returns whether the engine rebuilt only the changed pages (quick and nothing reshaped).
    """
    from koers.pipeline.context import build_epoch, page_context
    from koers.publish.engine import run_engine
    from koers.render.pages.assemble import render_pages

    context = replace(
        page_context(project, downloads, strategy, report, shown_sizes=shown),
        downloads_note=note and note[0].upper() + note[1:] + ".",
    )
    pages = render_pages(strategy, style, context)
    docs = preview / "docs"
    if quick and docs.is_dir():
        quick = _quick_update(preview, pages + downloads)
    else:
        _replace_docs(docs, pages + downloads)
    return run_engine(project, preview, report, epoch=build_epoch(project), dirty=quick).dirty


def serve(project: Path, host: str = "127.0.0.1", port: int = 8000, report_printer: ReportPrinter = print_report) -> int:
    """Build the preview once, then serve it with live reload until Ctrl+C; returns the exit code."""
    from koers.pipeline.posterlane import PosterLane
    from koers.publish.engine import run_dev_server

    project = project.resolve()
    for problem in (guarded_folder(project, project / PREVIEW), epoch_problem()):
        if problem is not None:
            print(f"build:1: fout: {problem}", file=sys.stderr)
            return 1
    # A taken port is found before the first build, not after it (which takes seconds on a large strategy).
    problem = _listen_problem(host, port)
    if problem is not None:
        return _cannot_listen(host, port, problem)
    preview = project / PREVIEW
    try:
        preview.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a read-only or full disk
        print(f"build:1: fout: {stopped_by(project, exc, 'het voorbeeld kan niet worden gemaakt')}", file=sys.stderr)
        return 1

    built = [False]  # every rebuild after the first may be quick
    lane = PosterLane()

    def rebuild() -> None:
        try:
            report_printer(regenerate(project, preview, quick=built[0], lane=lane))
            built[0] = True
        except Exception as exc:  # noqa: BLE001 - the preview must survive anything a half-saved file causes
            print(f"koers serve: fout bij het bijwerken: {exc}", file=sys.stderr, flush=True)

    rebuild()
    print(f"koers serve: voorbeeld op http://{host}:{port}/ (stoppen met Ctrl+C)", file=sys.stderr, flush=True)
    watch = [project / "content", project / "themes", project / "mkdocs.yml"]
    try:
        run_dev_server(preview / "site", host, port, watch, rebuild)
    except OSError as exc:
        return _cannot_listen(host, port, str(exc.strerror or exc))
    finally:
        lane.close()
    return 0


def _listen_problem(host: str, port: int) -> str | None:
    """Why the dev server could not listen on host:port, or None (bound and released at once, as the server binds)."""
    import socket

    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as http.server does
            probe.bind((host, port))
    except OSError as exc:
        return str(exc.strerror or exc)
    except (ValueError, OverflowError) as exc:  # a host name with a NUL character, a port the caller did not check
        return str(exc)
    return None


def _cannot_listen(host: str, port: int, reason: str) -> int:
    print(f"koers serve: fout: kan niet luisteren op {host}:{port} ({reason}); kies een andere poort met --port", file=sys.stderr)
    return 2
