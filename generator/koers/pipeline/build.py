"""The build stage: check, render every output into a staging folder, run the site engine, swap the site in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

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


def render_downloads(
    strategy: Strategy, style: HouseStyle, report: Report, progress: Progress, budget_line: int = 1
) -> list[Output]:
    """Posters (SVG, PNG, PDF) and the written strategy, as outputs under downloads/."""
    # Deferred: they bring the wrappers of cairosvg and Typst, which `koers check` never needs.
    from koers.publish.exports import BUILD_PNG_SIZES, export_posters
    from koers.render.document.progress import budget_problem
    from koers.render.document.written import EngineUnavailable, WrittenStrategy
    from koers.render.typesetting import error_text
    from koers.reuse import downloads as cache

    progress("posters opmaken")
    posters = cache.posters(strategy, style)  # reused when content, house style and Koers are unchanged
    outputs = [Output(f"downloads/{name}", svg) for p in posters for name, svg in p.files]
    documents: list[WrittenStrategy] = []
    reports: list[tuple[YearSlice, WrittenStrategy]] = []
    missing: list[str] = []
    failed: list[str] = []

    def lay_out_documents() -> None:
        # In this process while the export workers make the posters' PNGs and PDFs.
        progress("geschreven strategie en voortgangsrapportages opmaken (PDF)")
        try:
            documents.append(cache.document(strategy, style, given_epoch()))
            reports.extend(cache.progress_reports(strategy, style, given_epoch()))
        except EngineUnavailable as exc:
            missing.append(str(exc))
        except RuntimeError as exc:  # Typst could not lay it out: `koers check` refuses what we know of
            failed.append(error_text(exc))

    progress("posters exporteren naar PNG en PDF")
    outputs += export_posters(posters, style, report, progress, png_sizes=BUILD_PNG_SIZES, meanwhile=lay_out_documents)
    if missing:
        report.warning("build", 1, f"geschreven strategie (PDF) overgeslagen: {missing[0]}")
        return outputs
    if failed:
        report.error("build", 1, f"de geschreven strategie of een voortgangsrapportage kon niet worden opgemaakt: {failed[0]}")
        return outputs
    [document] = documents
    if document.pages > strategy.max_a4:
        report.error(
            "content/strategie.yaml",
            budget_line,
            f"de geschreven strategie is {document.pages} A4, maximaal {strategy.max_a4}: "
            f"het langst zijn {budget.longest_phrase(strategy)}",
        )
    outputs.append(Output(f"downloads/{document.filename}", document.pdf))
    for slot, made in reports:
        if (problem := budget_problem(strategy, slot, made)) is not None:
            report.error("content/strategie.yaml", budget_line, problem)
        outputs.append(Output(f"downloads/{made.filename}", made.pdf))
    return outputs


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
    from koers.pipeline.archive import build_archive
    from koers.publish.engine import run_engine
    from koers.render.pages.assemble import render_pages

    assert checked.strategy is not None and checked.style is not None
    strategy, style, report, out = checked.strategy, checked.style, checked.report, project / "build"
    # What a concept's banner counts: the content's own open points (placeholder texts and other content
    # warnings), never warnings about the site settings or this machine, which readers cannot act on.
    open_points = sum(1 for finding in report.warnings if finding.location.path.startswith("content/"))
    pause_point("gecontroleerd")
    downloads = render_downloads(strategy, style, report, progress, checked.budget_line)
    archive = build_archive(project, report, progress)  # the written strategy of every adopted (tagged) version
    downloads += archive.outputs
    pause_point("downloads")
    if report.failed(strict):
        return Built(report)
    progress("pagina's maken")
    # A concept's banner counts what is still open (its warnings); an adopted strategy has none to show.
    context = replace(page_context(project, downloads, strategy, report, archive.versions), open_points=open_points)
    pages = render_pages(strategy, style, context)
    # Everything is made in a staging folder; build/ changes only in the last step, in one swap per folder.
    with staging(out) as staged:
        write_outputs(staged / "docs", pages + downloads)
        pause_point("klaargezet")
        progress("website bouwen")
        engine = run_engine(project, staged, report, epoch=build_epoch(project), published=out / "site")
        if report.failed(strict):
            return Built(report)
        pause_point("website")
        if engine.reused:
            # The published site is what the engine would make again, byte for byte (koers.reuse.site);
            # its sources are swapped in all the same (koers serve reads the downloads there).
            progress("website ongewijzigd: de gepubliceerde blijft staan")
            publish(staged, out, folders=("docs",), files=("mkdocs.yml",))
        else:
            files = site_reuse.fingerprint(staged / "site")
            publish(staged, out, folders=("docs", "site"), files=("mkdocs.yml",))
            site_reuse.remember(out / "site", engine.key, files)
    pause_point("gepubliceerd")
    return Built(report, out / "site", sorted(o.path for o in downloads))
