"""Koers' benchmark: `python benchmarks/run.py [--quick]` measures and writes benchmarks/RESULTS.md.

Strategies: the repository's example and synthetic ones of 10, 100 and 1,000 opgaven
with 10 actions each (benchmarks/synth.py). Every figure is the median of repeated
runs, each in a fresh process whose own peak memory is read from os.wait4:

1. `koers check`: as a cold process, and warm in-process (benchmarks/tasks.py check);
2. `koers build` and its stages (cold and warm export cache), and the site alone;
3. plain `mkdocs build` with Material on the same staged Markdown, for the ratio;
4. save-to-preview in `koers serve` (example and 100 opgaven);
5. poster layout (SVG) and PNG/PDF export per size, and the written strategy (PDF);
plus cProfile top functions of a check and a site build of the largest strategy.

--quick (about two minutes) skips the 1,000-opgave strategy, the full build of
the 100-opgave one and the larger poster exports; the full run takes about
twenty minutes and is not part of CI.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import measure  # noqa: E402
import report  # noqa: E402
import synth  # noqa: E402


def _env(cache: Path) -> dict[str, str]:
    return dict(os.environ, KOERS_CACHE_DIR=str(cache), NO_MKDOCS_2_WARNING="1")


def bench_check(project: Path, repeat: int, env: dict[str, str]) -> dict[str, Any]:
    """`koers check` as users run it (cold process) and in-process (warm)."""
    cold = [measure.koers("check", str(project), env=env) for _ in range(repeat)]
    warm, warm_run = measure.task("check", project, str(repeat), env=env)
    stages, _ = measure.task("stages", project, env=env)
    return {
        "cold": measure.median([r.seconds for r in cold]),
        "cold_peak_mb": max(r.peak_mb for r in cold),
        "cold_code": cold[0].code,
        "refused": _first_error(cold[0]),
        "warm": warm["warm"],
        "first": warm["first"],
        "warm_peak_mb": warm_run.peak_mb,
        "stages": stages,
    }


def _plain_config(staging: Path) -> Path:
    """A plain Material config for the staged Markdown: Koers' nav and extensions, none of its theme work."""
    effective = yaml.safe_load((staging / "mkdocs.yml").read_text("utf-8"))
    plain = {
        "site_name": effective.get("site_name", "Strategie"),
        "docs_dir": "docs",
        "site_dir": "site-plain",
        "use_directory_urls": False,
        "nav": effective.get("nav", []),
        "theme": {"name": "material", "language": "nl", "features": effective["theme"].get("features", [])},
        "plugins": [{"search": {"lang": ["nl"]}}],
        "markdown_extensions": effective.get("markdown_extensions", []),
    }
    if effective.get("not_in_nav"):
        plain["not_in_nav"] = effective["not_in_nav"]
    path = staging / "plain-mkdocs.yml"
    path.write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=True), "utf-8")
    return path


def bench_site(project: Path, work: Path, repeat: int, env: dict[str, str]) -> dict[str, Any]:
    """The site alone (check, pages, engine) and plain MkDocs + Material on the same Markdown."""
    staging = work / f"staging-{project.name}"
    runs = []
    for _ in range(repeat):
        result, done = measure.task("site", project, str(staging), env=env)
        runs.append((done.seconds, done.peak_mb, result))
    config = _plain_config(staging)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
    plain = [measure.run(command, env=env, cwd=staging) for _ in range(repeat)]
    if plain[0].code != 0:
        raise RuntimeError(f"plain mkdocs build failed:\n{plain[0].stderr[-2000:]}")
    last = runs[-1][2]
    return {
        "total": measure.median([r[0] for r in runs]),
        "peak_mb": max(r[1] for r in runs),
        "parts": {k: measure.median([r[2][k] for r in runs]) for k in ("import", "check", "pages", "write", "engine")},
        "pages": last["page_count"],
        "markdown_mb": last["markdown_mb"],
        "errors": last["errors"],
        "plain": measure.median([r.seconds for r in plain]),
        "plain_peak_mb": max(r.peak_mb for r in plain),
    }


def bench_build(project: Path, work: Path, repeat: int, env_cold: dict[str, str]) -> dict[str, Any]:
    """A whole `koers build`: once with an empty cache (every export made), then warm (nothing changed)."""
    cache = work / f"cache-{project.name}"
    shutil.rmtree(cache, ignore_errors=True)
    env = dict(env_cold, KOERS_CACHE_DIR=str(cache))
    cold, cold_run = measure.task("build", project, env=env)
    warm_runs = [measure.task("build", project, env=env) for _ in range(repeat)]
    stages = {k: measure.median([r[0]["stages"].get(k, 0.0) for r in warm_runs]) for k in warm_runs[0][0]["stages"]}
    plain = _plain_of_build(project, repeat, env) if cold["ok"] else None
    # One opgave's title changed before each build: the engine runs, and the posters and the document
    # (which show that title) are made again; exports of posters that did not change come from the cache.
    source = project / "content" / "opgaven" / f"{_middle_opgave(project)}.md"
    original = source.read_text("utf-8")
    edited = []
    # Then only its body (a sentence added): no poster shows a body, so only the document and the pages change.
    body_edited = []
    try:
        for n in range(repeat):
            measure.set_title(source, f"Bewerkte titel {n}")
            edited.append(measure.task("build", project, env=env))
        titled = source.read_text("utf-8")
        for n in range(repeat):
            source.write_text(titled.rstrip("\n") + f"\n\nEen extra zin over de aanpak, versie {n}.\n", "utf-8")
            body_edited.append(measure.task("build", project, env=env))
    finally:
        source.write_text(original, "utf-8")
    return {
        "plain": plain,
        "cold": cold_run.seconds,
        "cold_peak_mb": cold_run.peak_mb,
        "cold_stages": cold["stages"],
        "cold_ok": cold["ok"],
        "errors": cold["errors"],
        "warm": measure.median([r[1].seconds for r in warm_runs]),
        "warm_peak_mb": max(r[1].peak_mb for r in warm_runs),
        "warm_stages": stages,
        "edited": measure.median([r[1].seconds for r in edited]),
        "edited_stages": {k: measure.median([r[0]["stages"].get(k, 0.0) for r in edited]) for k in edited[0][0]["stages"]},
        "body_edited": measure.median([r[1].seconds for r in body_edited]),
        "body_edited_stages": {k: measure.median([r[0]["stages"].get(k, 0.0) for r in body_edited]) for k in body_edited[0][0]["stages"]},
    }


def _plain_of_build(project: Path, repeat: int, env: dict[str, str]) -> float:
    """Plain MkDocs + Material on what `koers build` published (build/docs: pages, assets and downloads)."""
    staged = project / "build"
    config = _plain_config(staged)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
    runs = [measure.run(command, env=env, cwd=staged) for _ in range(repeat)]
    if runs[0].code != 0:
        raise RuntimeError(f"plain mkdocs build failed:\n{runs[0].stderr[-2000:]}")
    shutil.rmtree(staged / "site-plain", ignore_errors=True)
    return measure.median([r.seconds for r in runs])


def bench_serve(project: Path, opgave: str, edits: int) -> dict[str, Any]:
    shutil.rmtree(project / "build" / "preview", ignore_errors=True)
    found = measure.serve_latency(project, opgave, edits)
    return {"startup": found.startup, "edits": found.edits, "median": measure.median(found.edits), "failures": found.failures}


def _middle_opgave(project: Path) -> str:
    """The opgave whose title the serve benchmark edits: the middle one in file order."""
    names = sorted(p.stem for p in (project / "content" / "opgaven").glob("*.md"))
    return names[len(names) // 2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="about three minutes: no 1,000-opgave strategy, fewer repeats")
    parser.add_argument("--sizes", help="synthetic sizes, comma-separated (default 10,100,1000; quick: 10,100)")
    parser.add_argument("--repeat", type=int, help="repeats per figure (default 3; quick: 2)")
    parser.add_argument("--work", type=Path, help="working folder (default: a new temporary folder, removed afterwards)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="the report (default benchmarks/RESULTS.md)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in (args.sizes or ("10,100" if args.quick else "10,100,1000")).split(",")]
    repeat = args.repeat or (2 if args.quick else 3)
    work = args.work or Path(tempfile.mkdtemp(prefix="koers-benchmark-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        results = _run_all(work, sizes, repeat, args.quick)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    results["seconds"] = time.perf_counter() - started
    results["command"] = "python benchmarks/run.py" + (" --quick" if args.quick else "")
    (args.out.parent / "results.json").write_text(json.dumps(results, indent=1, sort_keys=True), "utf-8")
    args.out.write_text(report.render(results, report.engines_section(args.out)), "utf-8")
    print(f"benchmark klaar in {results['seconds']:.0f} s: {args.out}")
    return 0


def _first_error(run: measure.Run) -> str | None:
    """The first error `koers check` reported, or None when it passed: a refused strategy cannot be built."""
    if run.code == 0:
        return None
    return next((line for line in run.stderr.splitlines() if ": fout: " in line), run.stderr.strip()[:300])


def _log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def _run_all(work: Path, sizes: list[int], repeat: int, quick: bool) -> dict[str, Any]:
    env = _env(work / "cache-shared")
    projects = {"example": synth.example_project(work / "example")}
    for size in sizes:
        projects[str(size)] = synth.write_strategy(work / f"s{size}", size)
    out: dict[str, Any] = {"machine": measure.machine(), "sizes": sizes, "repeat": repeat, "quick": quick, "runs": {}}
    for name, project in projects.items():
        big = name not in ("example",) and int(name) >= 1000
        entry: dict[str, Any] = {}
        _log(f"{name}: check")
        entry["check"] = bench_check(project, max(repeat, 3), env)
        refused = entry["check"]["refused"]
        if refused:  # koers build and koers serve stop at the check: nothing of theirs to measure
            entry["refused"] = refused
        _log(f"{name}: site and plain mkdocs")
        entry["site"] = bench_site(project, work, 1 if big else repeat, env)
        if not big and not (quick and name == "100") and not refused:
            _log(f"{name}: koers build (cold and warm cache)")
            entry["build"] = bench_build(project, work, repeat, env)
        if name in ("example", "100") and not refused:
            _log(f"{name}: save-to-preview in koers serve")
            entry["serve"] = bench_serve(project, _middle_opgave(project), 3 if quick else 5)
        # A strategy check refuses (too many opgaven for the poster) has no posters or document to measure.
        if (not quick or name == "example") and not refused:
            _log(f"{name}: posters per size")
            sizes_arg = "a3,a1,a0,social" if name in ("example", "10") or not quick else "a3"
            export = "export" if not big else "svg"
            cache = work / f"cache-posters-{name}"
            shutil.rmtree(cache, ignore_errors=True)
            entry["posters"], _ = measure.task("posters", project, sizes_arg, export, env=dict(env, KOERS_CACHE_DIR=str(cache)))
            _log(f"{name}: written strategy (PDF)")
            entry["document"], _ = measure.task("document", project, env=env)
        out["runs"][name] = entry
    largest = str(max(sizes))
    for what in ("check", "site"):
        _log(f"{largest}: profile of {what}")
        out.setdefault("profiles", {})[what], _ = measure.task(
            "profile", projects[largest], what, str(work / f"profile-{what}.prof"), env=env
        )
    out["largest"] = largest
    return out


if __name__ == "__main__":
    raise SystemExit(main())
