"""Benchmark tasks, each run in a fresh worker process: `python benchmarks/tasks.py TASK PROJECT [ARGS]`.

A fresh process per task keeps the figures honest (no warm caches from another task)
and lets the parent read the task's own peak memory. The last line on stdout is a JSON
object with the timings in seconds and the peak resident memory in MB.
"""

from __future__ import annotations

import json
import resource
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_START = time.perf_counter()


def peak_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def task_check(project: Path, repeat: int) -> dict[str, Any]:
    """`check` in-process: the first call (cold caches) and the median of warm repeats."""
    imported, _ = _timed(lambda: __import__("koers.pipeline.build"))
    from koers.pipeline.check import check

    first, checked = _timed(lambda: check(project))
    warm = [_timed(lambda: check(project))[0] for _ in range(repeat)]
    return {
        "import": imported,
        "first": first,
        "warm": statistics.median(warm),
        "warm_runs": warm,
        "valid": checked.strategy is not None,
        "findings": checked.report.as_text().splitlines()[:5],
    }


def task_stages(project: Path) -> dict[str, Any]:
    """The check's own stages (load, validate, model, house style, page estimate, poster fit)."""
    from koers.content.load import load
    from koers.content.model import build_model
    from koers.content.validate import validate
    from koers.findings import Report
    from koers.housestyle.theme import load_house_style
    from koers.render.document import budget
    from koers.render.posters.fitting import check_fit

    report = Report()
    out: dict[str, Any] = {}
    out["load"], content = _timed(lambda: load(project, report))
    out["validate"], _ = _timed(lambda: validate(content, report))
    out["model"], strategy = _timed(lambda: build_model(content))
    huisstijl = strategy.huisstijl
    out["style"], style = _timed(lambda: load_house_style(project, huisstijl, report, ("content/strategie.yaml", 1)))
    out["estimate"], _ = _timed(lambda: budget.estimate_pages(strategy, style))
    out["fit"], _ = _timed(lambda: check_fit(strategy, style, report))
    return out


def task_build(project: Path) -> dict[str, Any]:
    """A whole `koers build` in this process, its stages timed by the pipeline's own progress messages."""
    imported, _ = _timed(lambda: __import__("koers.pipeline.build"))
    from koers.pipeline.build import build

    marks: list[tuple[str, float]] = []
    start = time.perf_counter()
    built = build(project, progress=lambda message: marks.append((message, time.perf_counter())))
    end = time.perf_counter()
    stages: dict[str, float] = {}
    for (name, at), (_, until) in zip(marks, marks[1:] + [("", end)], strict=False):
        stages[name] = stages.get(name, 0.0) + until - at
    return {
        "import": imported,
        "total": end - start,
        "stages": stages,
        "ok": built.site is not None,
        "errors": [f.format() for f in built.report.errors][:5],
    }


def task_site(project: Path, staging: Path) -> dict[str, Any]:
    """The site alone (check, pages, engine), as `koers build` makes it, into a staging folder."""
    imported, _ = _timed(lambda: __import__("koers.pipeline.build"))
    from koers.pipeline.check import check
    from koers.pipeline.context import page_context
    from koers.publish.engine import run_engine
    from koers.publish.outputs import write_outputs
    from koers.render.pages.assemble import render_pages

    out: dict[str, Any] = {"import": imported}
    out["check"], checked = _timed(lambda: check(project))
    assert checked.strategy is not None and checked.style is not None, checked.report.as_text()
    out["pages"], pages = _timed(
        lambda: render_pages(checked.strategy, checked.style, page_context(project, []))
    )
    shutil.rmtree(staging, ignore_errors=True)
    out["write"], _ = _timed(lambda: write_outputs(staging / "docs", pages))
    out["engine"], _ = _timed(lambda: run_engine(project, staging, checked.report))
    out["errors"] = [f.format() for f in checked.report.errors][:5]
    out["page_count"] = sum(1 for o in pages if o.path.endswith(".md"))
    out["markdown_mb"] = sum(len(o.data()) for o in pages if o.path.endswith(".md")) / 1e6
    return out


def task_posters(project: Path, sizes: str, export: str = "export") -> dict[str, Any]:
    """Poster layout (SVG) per poster and size, then PNG and PDF export per size (cold cache) unless export="svg"."""
    from koers.findings import Report
    from koers.pipeline.check import check
    from koers.publish.exports import export_posters
    from koers.render.posters.svg import NAMES, render_poster

    checked = check(project)
    assert checked.strategy is not None and checked.style is not None, checked.report.as_text()
    svg: dict[str, Any] = {}
    posters = []
    for size in sizes.split(","):
        for name in NAMES:
            seconds, poster = _timed(lambda name=name, size=size: render_poster(checked.strategy, checked.style, name, size))
            svg[f"{name} {size}"] = {"seconds": seconds, "mb": len(poster.svg) / 1e6, "page": f"{poster.width_phys} × {poster.height_phys}"}
            posters.append(poster)
    exports: dict[str, Any] = {}
    report = Report()
    for size in sizes.split(",") if export == "export" else []:
        group = [p for p in posters if p.size == size]
        for fmt in ("png", "pdf"):
            seconds, outputs = _timed(lambda group=group, fmt=fmt: export_posters(group, checked.style, report, lambda _: None, (fmt,)))
            exports[f"{fmt} {size}"] = {"seconds": seconds, "mb": sum(len(o.data()) for o in outputs) / 1e6}
    return {"svg": svg, "export": exports, "warnings": [f.format() for f in report.findings][:5]}


def task_document(project: Path) -> dict[str, Any]:
    """The written strategy (PDF) alone: render time and page count."""
    from koers.pipeline.check import check
    from koers.render.document.written import render_document

    checked = check(project)
    assert checked.strategy is not None and checked.style is not None, checked.report.as_text()
    seconds, document = _timed(lambda: render_document(checked.strategy, checked.style))
    return {"seconds": seconds, "pages": document.pages, "mb": len(document.pdf) / 1e6}


def task_extent(project: Path) -> dict[str, Any]:
    """What an exact page count would add to a cold `koers check`: the check, then the document laid out without a PDF."""
    from koers.pipeline.check import check

    check_seconds, checked = _timed(lambda: check(project))
    from koers.render.document.written import document_extent

    assert checked.strategy is not None and checked.style is not None, checked.report.as_text()
    seconds, laid = _timed(lambda: document_extent(checked.strategy, checked.style))
    return {"check": check_seconds, "layout": seconds, "pages": laid.pages, "extent": laid.extent}


def task_profile(project: Path, what: str, out: Path) -> dict[str, Any]:
    """cProfile of `check`, of the document's exact extent or of the site build; the top functions by own and by cumulative time."""
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    staging = out.parent / f"profile-staging-{what}"
    if what == "check":
        from koers.pipeline.check import check

        profiler.runcall(check, project)
    elif what == "extent":  # the exact page count `koers check` would need (see notes.md, "An exact page count")
        from koers.pipeline.check import check
        from koers.render.document.written import document_extent

        checked = check(project)
        assert checked.strategy is not None and checked.style is not None, checked.report.as_text()
        profiler.runcall(document_extent, checked.strategy, checked.style)
    else:
        profiler.runcall(task_site, project, staging)
        shutil.rmtree(staging, ignore_errors=True)
    profiler.dump_stats(str(out))
    result: dict[str, Any] = {}
    for order in ("cumulative", "tottime"):
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).strip_dirs().sort_stats(order).print_stats(18)
        result[order] = text.getvalue()
    return result


def task_serve_posters(project: Path, edits: str = "5") -> dict[str, Any]:
    """`koers serve` after a save: from writing an action title to regenerate() returning with it in the served poster.

    Runs on a copy of the project's content (build/preview of the copy); each edit renames the first action
    and counts as refreshed only when the new title is in build/preview/site/downloads/routekaart-a3.svg.
    As in `koers serve`, new posters are laid out in the poster lane's worker while the pages are made.
    """
    import re

    from koers.pipeline.posterlane import PosterLane
    from koers.pipeline.serve import regenerate

    work = project.parent / f"{project.name}-serve-posters"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(project, work, ignore=shutil.ignore_patterns("build"))
    preview = work / "build" / "preview"
    lane = PosterLane()
    startup, _ = _timed(lambda: regenerate(work, preview, lane=lane))
    time.sleep(3)  # the lane's worker starts and loads its fonts, as it does while the first preview is looked at
    action = re.compile(r"^(\s+titel:\s*)(.+)$", re.MULTILINE)  # indented: an action's title, not the opgave's
    source = next(p for p in sorted((work / "content" / "opgaven").glob("*.md")) if action.search(p.read_text("utf-8")))
    served = preview / "site" / "downloads" / "routekaart-a3.svg"
    times, failures = [], 0
    for edit in range(int(edits)):
        title = f"Zeepbel {edit + 1}"
        text = action.sub(lambda m, t=title: m[1] + t, source.read_text("utf-8"), count=1)
        start = time.perf_counter()
        source.write_text(text, "utf-8")
        report = regenerate(work, preview, quick=True, lane=lane)
        times.append(time.perf_counter() - start)
        failures += bool(report.errors) or title not in served.read_text("utf-8")
    lane.close()
    shutil.rmtree(work, ignore_errors=True)
    return {"startup": startup, "edits": times, "median": statistics.median(times), "failures": failures, "from_lane": lane.rounds}


TASKS: dict[str, Callable[..., dict[str, Any]]] = {
    "check": lambda p, n="5": task_check(p, int(n)),
    "stages": task_stages,
    "build": task_build,
    "site": lambda p, staging: task_site(p, Path(staging)),
    "posters": task_posters,
    "document": task_document,
    "extent": task_extent,
    "profile": lambda p, what, out: task_profile(p, what, Path(out)),
    "serve_posters": task_serve_posters,
}


def main(argv: list[str]) -> None:
    task, project, *rest = argv
    result = TASKS[task](Path(project).resolve(), *rest)
    result["peak_mb"] = peak_mb()
    # Export workers are child processes: their peak is not in this process's own figure.
    result["children_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result["process"] = time.perf_counter() - _START
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
