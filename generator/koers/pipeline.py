"""The one readable orchestrator: load → validate → model → render → publish."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from koers import budget, site_reuse
from koers.findings import Report
from koers.load import ID_PATTERN, load
from koers.model import Strategy, build_model
from koers.publish import Output, guarded_folder, publish, staging, write_outputs
from koers.theme import HouseStyle, load_house_style
from koers.validate import validate

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Checked:
    """What `check` found, and the model when the content is valid."""

    report: Report
    strategy: Strategy | None
    style: HouseStyle | None
    budget_line: int = 1
    estimate: float = 0.0  # the written strategy's estimated length in A4 (0 when there is no model)


@dataclass
class Built:
    """The result of a build: the report, and where the site went when it succeeded."""

    report: Report
    site: Path | None = None
    downloads: list[str] = field(default_factory=list)


def check(project: Path) -> Checked:
    """Load, validate and model the project; never raises for bad content."""
    report = Report()
    content = load(project, report)
    validate(content, report)
    style = None
    strategie = content.strategie
    huisstijl = strategie.data.get("huisstijl") if strategie and isinstance(strategie.data, dict) else None
    if strategie is not None and isinstance(huisstijl, str) and ID_PATTERN.match(huisstijl):
        style = load_house_style(project, huisstijl, report, (strategie.path, strategie.line(("huisstijl",))))
    strategy = build_model(content) if not report.errors else None
    budget_line = strategie.line(("omvang",)) if strategie else 1
    estimate = 0.0
    if strategy is not None:
        estimate = _check_budget(strategy, style, budget_line, report)
        if style is not None:
            from koers.render.fitting import check_fit

            check_fit(strategy, style, report)
    return Checked(report, strategy, style, budget_line, estimate)


def _check_budget(strategy: Strategy, style: HouseStyle | None, line: int, report: Report) -> float:
    pages = budget.estimate_pages(strategy, style)
    room = strategy.max_a4 - pages
    if room < 0:
        report.warning(
            "content/strategie.yaml",
            line,
            f"de geschreven strategie wordt naar schatting {budget.dutch_number(pages)} A4, maximaal {strategy.max_a4}: "
            f"het langst zijn {budget.longest_phrase(strategy)}",
        )
    else:
        report.note(
            f"geschreven strategie: naar schatting {budget.dutch_number(pages)} A4 van maximaal {strategy.max_a4}; "
            f"nog ongeveer {budget.dutch_number(room)} A4 over"
        )
    return pages


def _quiet(_: str) -> None:
    return None


def render_downloads(
    strategy: Strategy, style: HouseStyle, report: Report, progress: Progress, budget_line: int = 1
) -> list[Output]:
    """Posters (SVG, PNG, PDF) and the written strategy, as outputs under downloads/."""
    from koers import cache
    from koers.export import export_posters
    from koers.render.document import EngineUnavailable
    from koers.render.posters import length_notes

    progress("posters opmaken")
    posters = cache.posters(strategy, style)  # reused when content, house style and Koers are unchanged
    outputs = [Output(f"downloads/{p.filename}", p.svg) for p in posters]
    for note in length_notes(posters):
        report.note(note)
    progress("posters exporteren naar PNG en PDF")
    outputs += export_posters(posters, style, report, progress)
    progress("geschreven strategie opmaken (PDF)")
    try:
        document = cache.document(strategy, style)
    except EngineUnavailable as exc:
        report.warning("build", 1, f"geschreven strategie (PDF) overgeslagen: {exc}")
        return outputs
    if document.pages > strategy.max_a4:
        report.error(
            "content/strategie.yaml",
            budget_line,
            f"de geschreven strategie is {document.pages} A4, maximaal {strategy.max_a4}: "
            f"het langst zijn {budget.longest_phrase(strategy)}",
        )
    outputs.append(Output(f"downloads/{document.filename}", document.pdf))
    return outputs


def build(project: Path, strict: bool = False, progress: Progress = _quiet) -> Built:
    """Check, render every output into a staging folder, run the site engine, swap the site in."""
    from koers.render.pages import PageContext, render_pages
    from koers.render.pages_context import epoch_problem
    from koers.site import run_engine

    project = project.resolve()
    out = project / "build"
    progress("inhoud controleren")
    checked = check(project)
    report = checked.report
    if (problem := guarded_folder(project, out)) is not None:
        report.error("build", 1, problem)
    if (problem := epoch_problem()) is not None:
        report.error("build", 1, problem)
    if report.failed(strict) or checked.strategy is None or checked.style is None:
        return Built(report)
    strategy, style = checked.strategy, checked.style
    if checked.estimate > 2 * strategy.max_a4:
        # Far over the page budget the build will fail anyway; making the posters and a PDF of hundreds
        # of pages first would take minutes and gigabytes (1,000 opgaven: 372 A4, 2.6 GB) to say so.
        report.error(
            "content/strategie.yaml",
            checked.budget_line,
            f"de geschreven strategie wordt naar schatting {budget.dutch_number(checked.estimate)} A4, meer dan twee "
            f"keer het maximum van {strategy.max_a4}: er is niets gebouwd; het langst zijn {budget.longest_phrase(strategy)}",
        )
        return Built(report)
    downloads = render_downloads(strategy, style, report, progress, checked.budget_line)
    if report.failed(strict):
        return Built(report)
    progress("pagina's maken")
    pages = render_pages(strategy, style, PageContext.for_project(project, downloads, strategy))
    # Everything is made in a staging folder; build/ changes only in the last step, in one swap per folder.
    with staging(out) as staged:
        write_outputs(staged / "docs", pages + downloads)
        progress("website bouwen")
        engine = run_engine(project, staged, report, published=out / "site")
        if report.failed(strict):
            return Built(report)
        if engine.reused:
            # The published site is what the engine would make again, byte for byte (koers.site_reuse);
            # its sources are swapped in all the same (koers serve reads the downloads there).
            progress("website ongewijzigd: de gepubliceerde blijft staan")
            publish(staged, out, folders=("docs",), files=("mkdocs.yml",))
        else:
            files = site_reuse.fingerprint(staged / "site")
            publish(staged, out, folders=("docs", "site"), files=("mkdocs.yml",))
            site_reuse.remember(out / "site", engine.key, files)
    return Built(report, out / "site", sorted(o.path for o in downloads))
