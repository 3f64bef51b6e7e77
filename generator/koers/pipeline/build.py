"""The build stage: check, render every output into a staging folder, run the site engine, swap the site in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from koers.content.model import Strategy, YearSlice
from koers.epoch import epoch_problem, given_epoch
from koers.findings import Report
from koers.housestyle.theme import HouseStyle
from koers.output import Output
from koers.pipeline.check import Checked, check, strict_for
from koers.pipeline.context import build_epoch, page_context
from koers.publish.checkpoints import pause_point
from koers.publish.lock import build_lock
from koers.publish.outputs import guarded_folder, publish, staging, stopped_by, write_outputs
from koers.render.document import budget
from koers.reuse import site as site_reuse

if TYPE_CHECKING:
    from koers.pipeline.documents import Documents
    from koers.publish.exports import Exports
    from koers.render.document.written import WrittenStrategy

Progress = Callable[[str], None]


@dataclass
class Built:
    """The result of a build: the report, and where the site went when it succeeded."""

    report: Report
    site: Path | None = None
    downloads: list[str] = field(default_factory=list)
    strict: bool = False  # whether warnings counted as errors (--strict-vastgesteld: decided by the status)


def _quiet(_: str) -> None:
    return None


def render_posters(strategy: Strategy, style: HouseStyle, report: Report, progress: Progress) -> tuple[list[Output], Exports]:
    """The posters' SVGs under downloads/, and their PNG and PDF files, which the export workers may still be making.

    Each poster goes to the export workers as soon as it is laid out, so they export while this
    process lays out the next one, and then while it makes the pages and the site.
    The caller closes the exports (Exports.close) whatever happens.
    """
    # Deferred: it brings the wrappers of cairosvg and Typst, which `koers check` never needs.
    from koers.publish.exports import BUILD_PNG_SIZES, Exports
    from koers.reuse import downloads as cache

    progress("posters opmaken en exporteren naar PNG en PDF")
    svgs = []
    exports = Exports(style, report, progress, png_sizes=BUILD_PNG_SIZES)
    try:
        for poster in cache.each_poster(strategy, style):  # reused when content, house style and Koers are unchanged
            svgs += cache.svg_outputs([poster])
            exports.add(poster)
        exports.settle()
    except BaseException:
        exports.close()
        raise
    return svgs, exports


def start_documents(strategy: Strategy, style: HouseStyle, report: Report, progress: Progress) -> Documents:
    """The written strategy and the progress reports, being made (koers.pipeline.documents) when this returns.

    Without Typst only those in the cache are offered; the others are left out with a warning, and the build goes on.
    """
    # Deferred, as the other renderers of downloads: `koers check` never needs them.
    from koers.pipeline.documents import start
    from koers.render.typesetting import unavailable

    reason = unavailable()
    progress("geschreven strategie en voortgangsrapportages opmaken (PDF)")
    documents = start(strategy, style, given_epoch(), can_make=reason is None)
    if documents.skipped:
        report.warning("build", 1, f"geschreven strategie (PDF) overgeslagen: {reason}")
    return documents


def check_budgets(made: list[tuple[YearSlice | None, WrittenStrategy]], strategy: Strategy, report: Report, budget_line: int) -> None:
    """A document longer than its budget (omvang in strategie.yaml) is an error on that line."""
    from koers.render.document.progress import budget_problem

    for slot, document in made:
        if slot is None and document.pages > strategy.max_a4:
            report.error(
                "content/strategie.yaml",
                budget_line,
                f"de geschreven strategie is {document.pages} A4, maximaal {strategy.max_a4}: "
                f"het langst zijn {budget.longest_phrase(strategy)}",
            )
        elif slot is not None and (problem := budget_problem(strategy, slot, document)) is not None:
            report.error("content/strategie.yaml", budget_line, problem)


def finish_documents(documents: Documents, strategy: Strategy, report: Report, progress: Progress, budget_line: int) -> None:
    """Wait for the documents still being made; what they are too long for, or why Typst could not lay one out, goes in the report."""
    from koers.render.typesetting import error_text

    if documents.busy():
        progress("wacht op de geschreven strategie en de voortgangsrapportages (PDF)")
    try:
        made = documents.finish()
    except RuntimeError as exc:  # Typst could not lay it out: `koers check` refuses what we know of
        report.error("build", 1, f"de geschreven strategie of een voortgangsrapportage kon niet worden opgemaakt: {error_text(exc)}")
        return
    check_budgets(made, strategy, report, budget_line)


def build(project: Path, strict: bool | str = False, progress: Progress = _quiet) -> Built:
    """Check, render every output into a staging folder, run the site engine, swap the site in.

    strict: True, False or pipeline.check.ONCE_ADOPTED (warnings count once the strategy is no concept).
    """
    project = project.resolve()
    out = project / "build"
    progress("inhoud controleren")
    checked = check(project)
    report = checked.report
    strict = strict_for(strict, checked)
    if (problem := guarded_folder(project, out)) is not None:
        report.error("build", 1, problem)
    if (problem := epoch_problem()) is not None:
        report.error("build", 1, problem)
    if report.failed(strict) or checked.strategy is None or checked.style is None:
        return Built(report, strict=strict)
    try:
        # One build of a project at a time: a second one waits here (koers.publish.lock).
        with build_lock(out, lambda: progress("wacht op een andere build van dit project")):
            return replace(_make(project, checked, strict, progress), strict=strict)
    except OSError as exc:
        # A full disk, a read-only build/, a file that cannot be read: one line, and build/site stays as it was.
        report.error("build", 1, stopped_by(project, exc))
        return Built(report, strict=strict)


def _make(project: Path, checked: Checked, strict: bool, progress: Progress) -> Built:
    """Render the downloads and pages into a staging folder, run the engine, swap the results in."""
    assert checked.strategy is not None and checked.style is not None
    strategy, style, report = checked.strategy, checked.style, checked.report
    # What a concept's banner counts: the content's own open points (placeholder texts and other content
    # warnings), never warnings about the site settings or this machine, which readers cannot act on.
    open_points = sum(1 for finding in report.warnings if finding.location.path.startswith("content/"))
    pause_point("gecontroleerd")
    # The documents are laid out in a thread, the exports in worker processes, while the posters, pages and site are made.
    documents = start_documents(strategy, style, report, progress)
    try:
        svgs, exports = render_posters(strategy, style, report, progress)
        try:
            return _make_site(project, checked, strict, progress, open_points, svgs, exports, documents)
        finally:
            exports.close()
    finally:
        documents.stop()  # after an error or Ctrl+C: no further document is begun


def _make_site(
    project: Path, checked: Checked, strict: bool, progress: Progress, open_points: int, svgs: list[Output], exports: Exports, documents: Documents
) -> Built:
    from koers.pipeline import pending
    from koers.pipeline.archive import build_archive
    from koers.publish.engine import CONFIG_FILE, run_engine
    from koers.render.pages.assemble import render_pages

    assert checked.strategy is not None and checked.style is not None
    strategy, style, report, out = checked.strategy, checked.style, checked.report, project / "build"
    archive = build_archive(project, report, progress)  # the written strategy of every adopted (tagged) version
    check_budgets(documents.cached(), strategy, report, checked.budget_line)  # known at once for those from the cache
    # Files still being made get a placeholder for their size and an empty stand-in (koers.pipeline.pending).
    shown = pending.placeholders([*exports.pending(), *documents.pending_paths()])
    downloads = [*svgs, *exports.at_hand(), *archive.outputs, *documents.outputs(), *pending.stand_ins(shown)]
    pause_point("downloads")
    if report.failed(strict):
        # What the files still being made have to say comes with the rest of this run's findings.
        _finish_downloads(exports, documents, strategy, report, progress, checked.budget_line)
        return Built(report)
    progress("pagina's maken")
    # A concept's banner counts what is still open (its warnings); an adopted strategy has none to show.
    context = page_context(project, downloads, strategy, report, archive.versions, shown)
    pages = render_pages(strategy, style, replace(context, open_points=open_points))
    # Everything is made in a staging folder; build/ changes only in the last step, in one swap per folder.
    with staging(out) as staged:
        write_outputs(staged / "docs", pages + downloads)
        pause_point("klaargezet")
        progress("website bouwen")
        epoch = build_epoch(project)
        # With a file still being made, the site cannot be the published one: its sizes are not known yet.
        engine = run_engine(project, staged, report, epoch=epoch, published=None if shown else out / "site")
        made = _finish_downloads(exports, documents, strategy, report, progress, checked.budget_line)
        if report.failed(strict):
            return Built(report)
        pause_point("website")
        if engine.reused:
            # The published site is what the engine would make again, byte for byte (koers.reuse.site);
            # its sources are swapped in all the same (koers serve reads the downloads there).
            progress("website ongewijzigd: de gepubliceerde blijft staan")
            publish(staged, out, folders=("docs",), files=("mkdocs.yml",))
        else:
            try:
                pending.fill_in(staged, made, shown)
            except pending.LeftOver as left:
                report.error("build", 1, f"de website is niet gepubliceerd: in {left} staat nog een voorlopige bestandsgrootte (een fout in Koers; meld hem)")
                return Built(report)
            key = site_reuse.engine_key(staged, staged / CONFIG_FILE, epoch) if shown else engine.key
            files = site_reuse.fingerprint(staged / "site")
            publish(staged, out, folders=("docs", "site"), files=("mkdocs.yml",))
            site_reuse.remember(out / "site", key, files)
    pause_point("gepubliceerd")
    return Built(report, out / "site", sorted(o.path for o in downloads))


def _finish_downloads(
    exports: Exports, documents: Documents, strategy: Strategy, report: Report, progress: Progress, budget_line: int
) -> list[Output]:
    """Wait for the exports and the documents; the files made meanwhile (a failure goes in the report)."""
    made = exports.finish()
    if made is None:
        # The pages already link these files: without them the site would be incomplete.
        report.error("build", 1, f"de PNG- en PDF-bestanden van de posters konden niet worden gemaakt: {exports.broken}")
        made = []
    finish_documents(documents, strategy, report, progress, budget_line)
    return made + documents.outputs_made()
