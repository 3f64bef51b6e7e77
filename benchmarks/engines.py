"""Print engines side by side (issue 15): `python benchmarks/engines.py [--quick]`.

Compares, on the example strategy, a 33-action roadmap (11 opgaven × 3
actions) and 100 opgaven (benchmarks/synth.py):

- the written strategy: WeasyPrint (koers.render.document, today's code path)
  against a Typst prototype of the same document (benchmarks/engines/);
- poster exports (A3, A1, A0): PNG at 150 dpi with cairosvg and tagged PDF with
  WeasyPrint (koers.export_worker, fontconfig limited to the theme's fonts as
  koers.export sets it up) against Typst (PNG and PDF/UA-1).

Every measurement runs in a fresh process (`engines.py task …`) that reports
its own peak memory (VmHWM); outputs are compared afterwards (PDF/UA facts read
with pypdf, rasters compared with numpy, word positions with poppler). Writes
the "Print engines" section of the report (default benchmarks/RESULTS.md; the
hand-written notes.md after it, as run.py does) and engines.json beside it.
Not part of the test suite; --quick takes about five minutes on two cores.

A record of the decision, not a running benchmark: it compares the code paths
Koers had before it chose (WeasyPrint for the document and the poster PDFs, the
Typst prototype in benchmarks/engines/). Koers now makes every PDF with Typst
(koers.render.typesetting) and no longer depends on WeasyPrint, so run it on a
checkout of commit aa0b973 with WeasyPrint installed to repeat the figures (the
Typst prototype of the document, benchmarks/engines/typst_document.py, typst_markup.py
and document.typ, is there too; its successor is koers.render.document);
`python benchmarks/run.py` measures today's documents (its "Written strategy" table).
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if __name__ == "__main__" and not (HERE.parent / "generator/koers/templates/document/print.css").is_file():
    sys.exit("engines.py vergelijkt de code van vóór de keuze voor Typst: draai het op commit aa0b973 (zie de docstring)")
REPO = HERE.parent
PROTOTYPE = HERE / "engines"
for _path in (str(PROTOTYPE), str(REPO / "generator")):
    if _path not in sys.path:
        sys.path.insert(0, _path)  # this worktree's koers, never an installed one

STRATEGIES = ("example", "roadmap-33", "opgaven-100")
SIZES = ("a3", "a1", "a0")
QUICK_SIZES = {"example": ("a3", "a0"), "roadmap-33": ("a3",), "opgaven-100": ("a3",)}


# --- tasks: each runs in a fresh process and prints one JSON line ---------------------------------


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def _measured(fn: Callable[[], Any]) -> tuple[dict[str, float], Any]:
    """Wall time and CPU time (all threads of this process) of one call: CPU time suffers less from a busy machine."""
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}, value


def high_water_mb() -> float:
    """Peak resident memory of this process image (VmHWM), which, unlike wait4's ru_maxrss, excludes the parent.

    On Linux a child's ru_maxrss starts from the parent's resident size at fork
    time, so a large parent (one that just compared two 60-megapixel rasters)
    would show up as the peak of every small task started after it.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _checked(project: str) -> Any:
    from koers.pipeline.check import check

    checked = check(Path(project))
    assert checked.strategy is not None and checked.style is not None, checked.report.as_text()
    return checked


def task_import(module: str) -> dict[str, Any]:
    """Import time of one engine in a fresh interpreter."""
    seconds, _ = _timed(lambda: __import__(module))
    return {"seconds": seconds}


def task_document(engine: str, project: str, out: str, repeat: str) -> dict[str, Any]:
    """The written strategy: engine import, first render, then the median of warm renders."""
    import koers

    checked = _checked(project)
    result: dict[str, Any] = {"koers": koers.__file__}
    if engine == "weasyprint":
        from koers.render.document.written import render_document

        result["import"], _ = _timed(lambda: __import__("weasyprint"))

        def render() -> bytes:
            document = render_document(checked.strategy, checked.style)
            result["pages"], result["extent"] = document.pages, document.extent
            return document.pdf

    else:
        import typst_document

        result["import"], _ = _timed(lambda: __import__("typst"))
        balance = engine == "typst"

        def render() -> bytes:
            return typst_document.render(checked.strategy, checked.style, balance)[1]

    first, pdf = _measured(render)
    result["first"], result["first_cpu"] = first["wall"], first["cpu"]
    warm = [_measured(render)[0] for _ in range(int(repeat))]
    result["warm"] = statistics.median(w["wall"] for w in warm) if warm else None
    result["warm_cpu"] = statistics.median(w["cpu"] for w in warm) if warm else None
    result["warm_runs"] = [w["wall"] for w in warm]
    Path(out).write_bytes(pdf)
    return result


def task_layout(engine: str, project: str) -> dict[str, Any]:
    """What an exact page count in `koers check` would cost: check, then lay out the document (no PDF)."""
    imported, _ = _timed(lambda: __import__("koers.pipeline"))
    check_seconds, checked = _timed(lambda: _checked(project))
    result: dict[str, Any] = {"import_koers": imported, "check": check_seconds}
    if engine == "none":
        return result
    if engine == "weasyprint":
        from koers.render.document.written import document_css, document_html

        def layout() -> Any:
            from weasyprint import CSS, HTML
            from weasyprint.text.fonts import FontConfiguration

            fonts = FontConfiguration()
            base = checked.style.root.as_uri() + "/"
            css = CSS(string=document_css(checked.style), base_url=base, font_config=fonts)
            html = HTML(string=document_html(checked.strategy, checked.style), base_url=base)
            laid_out = html.render(stylesheets=[css], font_config=fonts, pdf_variant="pdf/ua-1")
            return len(laid_out.pages), None

    else:
        import typst_document

        def layout() -> Any:
            return typst_document.extent(checked.strategy, checked.style)

    measured, (result["pages"], result["extent"]) = _measured(layout)
    result["layout"], result["layout_cpu"] = measured["wall"], measured["cpu"]
    return result


def task_svgs(project: str, out: str, sizes: str) -> dict[str, Any]:
    """Poster SVGs (both posters, these sizes) and what the export needs to know about each."""
    from koers.publish.exports import font_config
    from koers.render.posters.svg import NAMES, render_poster

    checked = _checked(project)
    style = checked.style
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    posters = []
    for size in sizes.split(","):
        for name in NAMES:
            poster = render_poster(checked.strategy, style, name, size)
            (folder / f"{poster.stem}.svg").write_text(poster.svg, "utf-8")
            posters.append(
                {
                    "stem": poster.stem,
                    "name": name,
                    "size": size,
                    "width_phys": poster.width_phys,
                    "height_phys": poster.height_phys,
                    "width": poster.width,
                    "pixels": list(poster.pixels),
                    "title": poster.title,
                    "description": poster.description,
                    "svg_bytes": len(poster.svg.encode("utf-8")),
                }
            )
    return {
        "posters": posters,
        "fontconfig": str(font_config(style)),
        "font_folders": [str(p) for p in style.fonts.folders],
        "regular": str(style.fonts.regular),
        "bold": str(style.fonts.bold),
        "background": style.background,
    }


TEXT = re.compile(r"<text\b.*?</text>", re.S)
TEXTLESS_LIMIT = 36_000_000  # pixels (A0 is 35 M): the text check renders once more, so not the 60-megapixel roadmaps


def task_poster(engine: str, kind: str, folder: str, stems: str, prefix: str, textless: str = "") -> dict[str, Any]:
    """Export these posters with one engine in one format; each file's time. cairo runs under the theme's fontconfig.

    With textless="yes" a PNG is also made (untimed) of the poster without its texts:
    the difference between the two is exactly the ink of the text, for the fit check.
    """
    base = Path(folder)
    meta = json.loads((base / "svgs.json").read_text("utf-8"))
    by_stem = {p["stem"]: p for p in meta["posters"]}
    result: dict[str, Any] = {"files": {}}
    if engine == "cairo":
        assert os.environ.get("FONTCONFIG_FILE") == meta["fontconfig"], "cairo must see only the theme's fonts"
        result["import"], _ = _timed(lambda: __import__("cairosvg"))
        if kind == "pdf":
            result["import_weasyprint"], _ = _timed(lambda: __import__("weasyprint"))
    else:
        result["import"], _ = _timed(lambda: __import__("typst"))
    for stem in stems.split(","):
        poster = by_stem[stem]
        svg = (base / f"{stem}.svg").read_bytes()
        seconds, data = _measured(functools.partial(_export, engine, kind, svg, poster, meta["font_folders"]))
        (base / f"{prefix}{engine}-{stem}.{kind}").write_bytes(data)
        result["files"][stem] = {
            "seconds": seconds["wall"],
            "cpu": seconds["cpu"],
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        if textless == "yes" and kind == "png" and poster["pixels"][0] * poster["pixels"][1] <= TEXTLESS_LIMIT:
            bare = TEXT.sub("", svg.decode("utf-8")).encode("utf-8")
            (base / f"{prefix}{engine}-{stem}-textless.png").write_bytes(
                _export(engine, kind, bare, poster, meta["font_folders"])
            )
    return result


def _export(engine: str, kind: str, svg: bytes, poster: dict[str, Any], font_folders: list[str]) -> bytes:
    """One file, made as Koers makes it today (cairo: cairosvg PNG, WeasyPrint tagged PDF) or by Typst."""
    if engine == "typst":
        import typst_poster

        return typst_poster.export(svg, poster, kind, font_folders)
    if kind == "png":
        import cairosvg

        width, height = poster["pixels"]
        return cairosvg.svg2png(bytestring=svg, output_width=width, output_height=height)
    from koers.publish.export_worker import Job, tagged_pdf

    page = (poster["width_phys"], poster["height_phys"])
    return tagged_pdf(Job("pdf", (svg,), tuple(poster["pixels"]), page, poster["title"], poster["description"]))


def task_typst_fonts(folder: str, stem: str) -> dict[str, Any]:
    """Which font Typst draws the poster's SVG text with when it is not given the theme's font files."""
    import typst_poster
    from compare import pdf_facts

    base = Path(folder)
    meta = json.loads((base / "svgs.json").read_text("utf-8"))
    poster = next(p for p in meta["posters"] if p["stem"] == stem)
    svg = (base / f"{stem}.svg").read_bytes()
    out: dict[str, Any] = {}
    for label, embedded in (("typst_builtin_fonts_only", True), ("no_fonts_at_all", False)):
        data = typst_poster.export(svg, poster, "pdf", [], embedded_fonts=embedded)
        path = base / f"fonts-{label}.pdf"
        path.write_bytes(data)
        out[label] = pdf_facts(path)["fonts"]
    return out


TASKS: dict[str, Callable[..., dict[str, Any]]] = {
    "import": task_import,
    "document": task_document,
    "layout": task_layout,
    "svgs": task_svgs,
    "poster": task_poster,
    "typst-fonts": task_typst_fonts,
}


# --- the parent: processes, comparisons, report ---------------------------------------------------


def _log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


class Runner:
    """Starts tasks in fresh interpreters with this worktree's code and a private cache."""

    def __init__(self, work: Path) -> None:
        self.work = work
        env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "FONTCONFIG_FILE")}
        env["PYTHONPATH"] = os.pathsep.join([str(REPO / "generator"), str(PROTOTYPE)])
        env["KOERS_CACHE_DIR"] = str(work / "cache")
        self.env = env

    def task(self, name: str, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
        from measure import run

        done = run([sys.executable, str(Path(__file__)), "task", name, *args], env=dict(self.env, **(env or {})))
        result = done.result()
        result["process"] = done.seconds
        result["wait4_maxrss_mb"] = done.peak_mb  # kept for the record; see high_water_mb
        result["peak_mb"] = result["high_water_mb"]
        return result


def make_projects(work: Path) -> dict[str, Path]:
    """The three strategies as project folders."""
    import synth

    projects = {"example": synth.example_project(work / "example")}
    saved = synth.ACTIONS_PER_OPGAVE
    try:
        synth.ACTIONS_PER_OPGAVE = 3  # a roadmap-shaped strategy: 11 opgaven × 3 actions
        projects["roadmap-33"] = synth.write_strategy(work / "roadmap-33", 11)
    finally:
        synth.ACTIONS_PER_OPGAVE = saved
    projects["opgaven-100"] = synth.write_strategy(work / "opgaven-100", 100)
    return projects


def bench_imports(runner: Runner, repeat: int, fontconfig: str) -> dict[str, Any]:
    out = {}
    for module in ("weasyprint", "cairosvg", "typst"):
        env = {"FONTCONFIG_FILE": fontconfig} if module == "cairosvg" else None
        runs = [runner.task("import", module, env=env) for _ in range(repeat)]
        out[module] = {
            "seconds": statistics.median(r["seconds"] for r in runs),
            "peak_mb": statistics.median(r["peak_mb"] for r in runs),
        }
        _log(f"import {module}: {out[module]['seconds'] * 1000:.0f} ms")
    return out


def bench_document(runner: Runner, name: str, project: Path, quick: bool) -> dict[str, Any]:
    """Each engine twice, in turns (a busy machine then hurts both alike); the second run only checks the bytes."""
    from compare import overlapping_words, pdf_facts

    folder = runner.work / "documents"
    folder.mkdir(exist_ok=True)
    engines = ("weasyprint", "typst", "typst-unbalanced")
    runs: dict[str, list[dict[str, Any]]] = {engine: [] for engine in engines}
    for copy in range(2):
        for engine in engines:
            slow = engine == "weasyprint" and name == "opgaven-100"
            if copy == 1 and (engine == "typst-unbalanced" or (slow and quick)):
                continue
            repeat = "0" if copy == 1 or (slow and quick) else "1" if slow or quick else "3"
            pdf = folder / f"{name}-{engine}-{copy}.pdf"
            done = runner.task("document", engine, str(project), str(pdf), repeat)
            done["sha256"] = hashlib.sha256(pdf.read_bytes()).hexdigest()
            runs[engine].append(done)
    out: dict[str, Any] = {}
    for engine in engines:
        entry = dict(runs[engine][0])
        entry["first_runs"] = [r["first"] for r in runs[engine]]
        entry["peak_mb"] = max(r["peak_mb"] for r in runs[engine])
        entry["identical"] = len({r["sha256"] for r in runs[engine]}) == 1 if len(runs[engine]) > 1 else None
        first = folder / f"{name}-{engine}-0.pdf"
        entry["facts"] = pdf_facts(first)
        entry["overlapping_words"] = overlapping_words(first)
        out[engine] = entry
        warm = entry["warm"] if entry["warm"] is not None else float("nan")
        _log(
            f"document {name} {engine}: first {entry['first']:.2f} s, warm {warm:.2f} s, "
            f"{entry['facts']['pages']} pages, {entry['peak_mb']:.0f} MB"
        )
    return out


def bench_layout(runner: Runner, project: Path, engines: tuple[str, ...]) -> dict[str, Any]:
    out = {}
    for engine in engines:
        out[engine] = runner.task("layout", engine, str(project))
        _log(f"layout {project.name} {engine}: process {out[engine]['process']:.2f} s")
    return out


def bench_posters(runner: Runner, name: str, project: Path, sizes: tuple[str, ...], quick: bool) -> dict[str, Any]:
    folder = runner.work / "posters" / name
    svgs = runner.task("svgs", str(project), str(folder), ",".join(sizes))
    (folder / "svgs.json").write_text(json.dumps(svgs), "utf-8")
    fontconfig = {"FONTCONFIG_FILE": svgs["fontconfig"]}
    out: dict[str, Any] = {"svgs": svgs, "exports": {}}
    for size in sizes:
        stems = ",".join(p["stem"] for p in svgs["posters"] if p["size"] == size)
        for kind in ("png", "pdf"):
            for engine in ("cairo", "typst"):
                env = fontconfig if engine == "cairo" else None
                textless = "yes" if size == "a3" or not quick else ""
                first = runner.task("poster", engine, kind, str(folder), stems, "", textless, env=env)
                again = None
                if not quick or (size == "a3" and name != "opgaven-100"):  # a second process: are the bytes the same?
                    again = runner.task("poster", engine, kind, str(folder), stems, "again-", env=env)
                out["exports"][f"{engine} {kind} {size}"] = {"first": first, "again": again}
                _log(
                    f"posters {name} {size} {kind} {engine}: "
                    + ", ".join(f"{s.split('-')[0]} {v['seconds']:.2f} s" for s, v in first["files"].items())
                    + f", {first['peak_mb']:.0f} MB"
                )
    out["compare"] = compare_posters(folder, svgs)
    if name == "example":
        out["typst_fonts"] = runner.task("typst-fonts", str(folder), svgs["posters"][0]["stem"])
    return out


def compare_posters(folder: Path, svgs: dict[str, Any]) -> dict[str, Any]:
    """Pixels (PNG against PNG, PDF against PDF), word positions against the fitter, the logo, PDF/UA facts."""
    from compare import (
        fitter_deviation,
        ink_share,
        load_rgb,
        logo_box,
        pdf_facts,
        pixel_difference,
        rasterise,
        text_fit,
    )

    background = tuple(int(svgs["background"][i : i + 2], 16) for i in (1, 3, 5))
    out = {}
    for poster in svgs["posters"]:
        stem = poster["stem"]
        svg = (folder / f"{stem}.svg").read_text("utf-8")
        entry: dict[str, Any] = {}
        cairo_png, typst_png = load_rgb(folder / f"cairo-{stem}.png"), load_rgb(folder / f"typst-{stem}.png")
        entry["png"] = pixel_difference(cairo_png, typst_png)
        box = logo_box(svg)
        if box is not None:
            scale = poster["pixels"][0] / poster["width"]
            pixels = (
                int(box[0] * scale),
                int(box[1] * scale),
                int((box[0] + box[2]) * scale),
                int((box[1] + box[3]) * scale),
            )
            entry["logo_ink"] = {
                "cairo": ink_share(cairo_png, pixels, background),
                "typst": ink_share(typst_png, pixels, background),
            }
        del cairo_png, typst_png
        height_mm = float(poster["height_phys"].removesuffix("mm"))
        dpi = 72 if height_mm <= 2000 else 24
        try:
            rasters = [
                rasterise(folder / f"{e}-{stem}.pdf", folder / f"raster-{e}-{stem}", dpi) for e in ("cairo", "typst")
            ]
            entry["pdf"] = pixel_difference(load_rgb(rasters[0]), load_rgb(rasters[1]))
        except RuntimeError as error:
            entry["pdf"] = {"error": str(error)}
        entry["pdf"]["dpi"] = dpi
        fonts = (svgs["regular"], svgs["bold"])
        entry["fitter"] = {
            "weasyprint": fitter_deviation(svg, folder / f"cairo-{stem}.pdf", *fonts),
            "typst": fitter_deviation(svg, folder / f"typst-{stem}.pdf", *fonts),
        }
        if (folder / f"cairo-{stem}-textless.png").is_file():
            scale = poster["pixels"][0] / poster["width"]
            entry["text_fit"] = {
                engine: text_fit(
                    svg,
                    load_rgb(folder / f"{engine}-{stem}.png"),
                    load_rgb(folder / f"{engine}-{stem}-textless.png"),
                    scale,
                    *fonts,
                )
                for engine in ("cairo", "typst")
            }
        entry["facts"] = {
            "weasyprint": pdf_facts(folder / f"cairo-{stem}.pdf"),
            "typst": pdf_facts(folder / f"typst-{stem}.pdf"),
        }
        out[stem] = entry
        png = entry["png"]
        _log(f"compared {stem}: PNG differ {png['differ'] * 100:.2f} %, shifted {png['differ_shift1'] * 100:.2f} %")
    return out


def versions() -> dict[str, str]:
    from measure import package_versions

    return package_versions(("typst", "weasyprint", "cairosvg", "pypdf", "numpy", "pillow", "pydyf", "tinycss2"))


def run_all(work: Path, quick: bool) -> dict[str, Any]:
    from measure import machine

    runner = Runner(work)
    results: dict[str, Any] = {
        "quick": quick,
        "machine": machine(),
        "versions": versions(),
        "load_start": os.getloadavg(),
    }
    projects = make_projects(work)
    from koers.pipeline.check import check
    from koers.publish.exports import font_config

    conf = str(font_config(check(projects["example"]).style))
    results["imports"] = bench_imports(runner, 3, conf)
    results["documents"] = {name: bench_document(runner, name, projects[name], quick) for name in STRATEGIES}
    results["layout"] = {
        "example": bench_layout(runner, projects["example"], ("none", "typst", "weasyprint")),
        "opgaven-100": bench_layout(
            runner, projects["opgaven-100"], ("none", "typst") if quick else ("none", "typst", "weasyprint")
        ),
    }
    results["posters"] = {
        name: bench_posters(runner, name, projects[name], QUICK_SIZES[name] if quick else SIZES, quick)
        for name in STRATEGIES
    }
    results["load_end"] = os.getloadavg()
    return results


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "task":
        result = TASKS[argv[1]](*argv[2:])
        result["high_water_mb"] = high_water_mb()
        print(json.dumps(result))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="about five minutes: no A1 posters, A0 only of the example, fewer repeats"
    )
    parser.add_argument(
        "--work", type=Path, help="working folder, kept afterwards (default: a temporary folder, removed)"
    )
    parser.add_argument(
        "--out", type=Path, default=HERE / "RESULTS.md", help="the report whose engine section is (re)written"
    )
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="koers-engines-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        results = run_all(work.resolve(), args.quick)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    results["seconds"] = time.perf_counter() - started
    results["command"] = "python benchmarks/engines.py" + (" --quick" if args.quick else "")
    (args.out.parent / "engines.json").write_text(json.dumps(results, indent=1, sort_keys=True, default=str), "utf-8")
    import engines_report

    engines_report.write(results, args.out)
    print(f"engines benchmark done in {results['seconds']:.0f} s: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
