"""The "Print engines" section of benchmarks/RESULTS.md, from the figures of benchmarks/engines.py.

The section sits between two markers, so engines.py can rewrite it and
benchmarks/report.py keeps it when run.py writes the rest of the file.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import Any

START = "<!-- engines:start (written by benchmarks/engines.py) -->"
END = "<!-- engines:end -->"
NOTES_HEADING = "## What the profiles showed"
NAMES = {
    "example": "example (9 opgaven, 44 actions)",
    "roadmap-33": "roadmap (11 opgaven × 3 actions)",
    "opgaven-100": "100 opgaven (1,000 actions)",
}
ORDER = ("example", "roadmap-33", "opgaven-100")
ENGINES = {
    "weasyprint": "WeasyPrint (today)",
    "typst": "Typst prototype",
    "typst-unbalanced": "Typst, columns not balanced",
}


def _s(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _wc(wall: float | None, cpu: float | None) -> str:
    """Wall time, with the CPU time of all the process's threads in brackets."""
    return "–" if wall is None else f"{_s(wall)} ({_s(cpu)})"


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} MB"


def _size(value: int | None) -> str:
    if value is None:
        return "–"
    return f"{value / 1e6:.2f} MB" if value >= 1e6 else f"{value / 1e3:.0f} kB"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.2f} %"


def _yes(value: bool | None) -> str:
    return "–" if value is None else ("yes" if value else "**no**")


def _table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _poppler() -> str:
    try:
        found = subprocess.run(["pdftoppm", "-v"], capture_output=True, text=True, check=False)
        return (found.stderr or found.stdout).splitlines()[0].split()[-1]
    except (OSError, IndexError):
        return "-"


def _fonts(facts: dict[str, Any]) -> str:
    names = sorted({name.split("+")[-1].lstrip("/") for name in facts["fonts"]})
    return ("embedded: " if facts["fonts_embedded"] else "**not all embedded**: ") + ", ".join(names)


def _structure(facts: dict[str, Any]) -> str:
    s = facts["structure"]
    headings = sum(v for k, v in s.items() if k[:1] == "H" and k[1:].isdigit())
    parts = [
        f"H1–H6 {headings}",
        f"P {s.get('P', 0)}",
        f"L {s.get('L', 0)}",
        f"Table {s.get('Table', 0)}",
        f"TH {s.get('TH', 0)}",
    ]
    parts.append(f"Figure {s.get('Figure', 0)} ({facts['figures_with_alt']} with Alt)")
    return ", ".join(parts)


def documents(results: dict[str, Any]) -> str:
    rows, facts_rows = [], []
    for name in [n for n in ORDER if n in results["documents"]]:
        for engine in [e for e in ENGINES if e in results["documents"][name]]:
            r = results["documents"][name][engine]
            f = r["facts"]
            extent = f" ({r['extent']:.2f})" if r.get("extent") is not None else ""
            rows.append(
                [
                    NAMES[name],
                    ENGINES[engine],
                    _s(r["import"]),
                    _wc(r["first"], r.get("first_cpu")),
                    _wc(r["warm"], r.get("warm_cpu")),
                    _mb(r["peak_mb"]),
                    _size(f["bytes"]),
                    f"{f['pages']}{extent}",
                    str(r["overlapping_words"]),
                    _yes(r["identical"]),
                ]
            )
            if engine == "typst-unbalanced":
                continue
            facts_rows.append(
                [
                    NAMES[name],
                    ENGINES[engine],
                    f"{f['version']}, pdfuaid {f['pdfua_part'] or '**none**'}",
                    _yes(f["struct_tree"] and f["marked"]),
                    f["lang"] or "**none**",
                    _yes(bool(f["title_info"]) and f["title_info"] == f["title_xmp"])
                    + (", shown" if f["display_doc_title"] else ""),
                    _fonts(f),
                    _structure(f),
                    str(f["artifact_marks"]),
                    "**yes**" if f["dated"] else "no",
                ]
            )
    head = [
        "strategy",
        "engine",
        "engine import",
        "first render (CPU)",
        "warm render, median (CPU)",
        "process peak",
        "size",
        "pages (extent)",
        "overlapping words",
        "identical bytes, 2 processes",
    ]
    facts_head = [
        "strategy",
        "engine",
        "PDF",
        "tagged (StructTreeRoot, Marked)",
        "/Lang",
        "title in Info = XMP",
        "fonts",
        "structure elements",
        "artifact marks",
        "dated",
    ]
    return _table(head, rows) + "\n" + _table(facts_head, facts_rows)


def layout(results: dict[str, Any]) -> str:
    rows = []
    for name in [n for n in ORDER if n in results["layout"]]:
        by_engine = results["layout"][name]
        none = by_engine["none"]
        for engine in [e for e in ("typst", "weasyprint") if e in by_engine]:
            r = by_engine[engine]
            extent = f"{r['pages']} ({r['extent']:.2f})" if r.get("extent") is not None else str(r["pages"])
            rows.append(
                [
                    NAMES[name],
                    ENGINES[engine],
                    _s(none["process"]),
                    _s(r["process"]),
                    _wc(r["layout"], r.get("layout_cpu")),
                    extent,
                    _mb(none["peak_mb"]),
                    _mb(r["peak_mb"]),
                ]
            )
    head = [
        "strategy",
        "engine",
        "check alone (process)",
        "check + layout (process)",
        "layout itself (CPU)",
        "pages (extent)",
        "peak, check alone",
        "peak, with layout",
    ]
    return _table(head, rows)


def _export(entry: dict[str, Any] | None, stem: str) -> dict[str, Any]:
    return entry["first"]["files"][stem] if entry else {}


def _identical(entry: dict[str, Any], stem: str) -> bool | None:
    if not entry or not entry.get("again"):
        return None
    return entry["first"]["files"][stem]["sha256"] == entry["again"]["files"][stem]["sha256"]


def posters(results: dict[str, Any]) -> str:
    png_rows, pdf_rows, fact_rows = [], [], []
    for name in [n for n in ORDER if n in results["posters"]]:
        data = results["posters"][name]
        exports = data["exports"]
        for poster in data["svgs"]["posters"]:
            stem, size = poster["stem"], poster["size"]
            label = [
                NAMES[name].split(" (")[0],
                poster["name"].replace("strategie-in-een-beeld", "overview").replace("routekaart", "roadmap"),
                size.upper(),
            ]
            cmp = data["compare"][stem]
            cairo_png, typst_png = exports[f"cairo png {size}"], exports[f"typst png {size}"]
            ink = cmp.get("logo_ink", {})
            png_rows.append(
                label
                + [
                    "×".join(str(p) for p in poster["pixels"])
                    + (
                        ""
                        if cmp["png"]["size_b"] == cmp["png"]["size_a"]
                        else f" (Typst {'×'.join(map(str, cmp['png']['size_b']))})"
                    ),
                    _wc(_export(cairo_png, stem)["seconds"], _export(cairo_png, stem)["cpu"]),
                    _wc(_export(typst_png, stem)["seconds"], _export(typst_png, stem)["cpu"]),
                    f"{_mb(cairo_png['first']['peak_mb'])} / {_mb(typst_png['first']['peak_mb'])}",
                    f"{_size(_export(cairo_png, stem)['bytes'])} / {_size(_export(typst_png, stem)['bytes'])}",
                    f"{_yes(_identical(cairo_png, stem))} / {_yes(_identical(typst_png, stem))}",
                    _differ(cmp["png"]).removesuffix(" (– dpi)"),
                    f"{ink.get('cairo', 0) * 100:.0f} % / {ink.get('typst', 0) * 100:.0f} %" if ink else "–",
                    " / ".join(_fit(cmp.get("text_fit", {}).get(e)) for e in ("cairo", "typst")),
                ]
            )
            cairo_pdf, typst_pdf = exports[f"cairo pdf {size}"], exports[f"typst pdf {size}"]
            fit = cmp["fitter"]
            pdf_rows.append(
                label
                + [
                    _wc(_export(cairo_pdf, stem)["seconds"], _export(cairo_pdf, stem)["cpu"]),
                    _wc(_export(typst_pdf, stem)["seconds"], _export(typst_pdf, stem)["cpu"]),
                    f"{_mb(cairo_pdf['first']['peak_mb'])} / {_mb(typst_pdf['first']['peak_mb'])}",
                    f"{_size(_export(cairo_pdf, stem)['bytes'])} / {_size(_export(typst_pdf, stem)['bytes'])}",
                    f"{_yes(_identical(cairo_pdf, stem))} / {_yes(_identical(typst_pdf, stem))}",
                    _differ(cmp["pdf"]),
                    " / ".join(_offset(fit[e]) for e in ("weasyprint", "typst")),
                ]
            )
            if size == "a3":
                for engine in ("weasyprint", "typst"):
                    f = cmp["facts"][engine]
                    fact_rows.append(
                        label[:2]
                        + [
                            "WeasyPrint (today)" if engine == "weasyprint" else "Typst",
                            f"{f['version']}, pdfuaid {f['pdfua_part'] or '**none**'}",
                            _yes(f["struct_tree"] and f["marked"]),
                            f["lang"] or "**none**",
                            _yes(bool(f["title_info"]) and f["title_info"] == f["title_xmp"]),
                            _fonts(f),
                            _structure(f),
                            "**yes**" if f["dated"] else "no",
                        ]
                    )
    png_head = [
        "strategy",
        "poster",
        "size",
        "pixels",
        "cairosvg (CPU)",
        "Typst (CPU)",
        "peak (both posters of the size) cairosvg / Typst",
        "size cairosvg / Typst",
        "identical bytes cairosvg / Typst",
        "pixels differing: plain / 1-px shift allowed / 8×8 blocks",
        "logo box inked cairosvg / Typst",
        "text ink beyond the fitter's box, max (lines > 0.5 pt) cairosvg / Typst",
    ]
    pdf_head = [
        "strategy",
        "poster",
        "size",
        "WeasyPrint, today (CPU)",
        "Typst (CPU)",
        "peak WeasyPrint / Typst",
        "size WeasyPrint / Typst",
        "identical bytes WeasyPrint / Typst",
        "rasters differing: plain / shift / blocks",
        "word ends vs fitter, max overshoot (max offset): WeasyPrint / Typst",
    ]
    fact_head = [
        "strategy",
        "poster",
        "engine",
        "PDF",
        "tagged",
        "/Lang",
        "title Info = XMP",
        "fonts",
        "structure",
        "dated",
    ]
    return "\n".join(
        [
            "#### PNG, 150 dpi\n",
            _table(png_head, png_rows),
            "#### PDF\n",
            _table(pdf_head, pdf_rows),
            "#### PDF/UA facts of the A3 poster PDFs\n",
            _table(fact_head, fact_rows),
        ]
    )


def _differ(found: dict[str, Any]) -> str:
    if "error" in found:
        return f"not compared: {found['error']}"
    shares = " / ".join(_pct(found[k]) for k in ("differ", "differ_shift1", "differ_blocks"))
    return f"{shares} ({found.get('dpi', '–')} dpi)"


def _fit(fit: dict[str, Any] | None) -> str:
    if not fit or not fit.get("lines"):
        return "–"
    return f"{fit['max_overshoot_pt']:+.2f} pt ({fit['lines_over_0_5pt']} of {fit['lines']})"


def _offset(fit: dict[str, Any]) -> str:
    if not fit.get("matched"):
        return "–"
    return f"{fit['max_end_overshoot_pt']:+.2f} pt ({fit['max_abs_pt']:.2f})"


def section(results: dict[str, Any]) -> str:
    m, v = results["machine"], results["versions"]
    load = lambda values: " / ".join(f"{x:.2f}" for x in values)  # noqa: E731
    imports = _table(
        ["engine", "import (fresh process, median of 3)", "process peak"],
        [[k, _s(r["seconds"]), _mb(r["peak_mb"])] for k, r in sorted(results["imports"].items())],
    )
    fonts = results["posters"].get("example", {}).get("typst_fonts", {})
    mode = "quick run: A0 posters of the example only, no A1, fewer repeats" if results["quick"] else "full run"
    return "\n".join(
        [
            START,
            "## Print engines: WeasyPrint and cairosvg against Typst (issue 15)\n",
            f"Made by `{results['command']}` on {time.strftime('%Y-%m-%d')} ({mode}, {results['seconds']:.0f} s) on "
            f"{m['cores']} cores ({m['cpu']}); load average {load(results['load_start'])} at the start and "
            f"{load(results['load_end'])} at the end. typst {v['typst']}, WeasyPrint {v['weasyprint']}, cairosvg "
            f"{v['cairosvg']}, pypdf {v['pypdf']}, poppler {_poppler()}. Every figure comes from a fresh process. "
            "Times are wall clock, with CPU time (all threads) in brackets: the machine is shared, and CPU time "
            "suffers less from other work. Peak = the process's own high-water resident memory (VmHWM), which "
            "includes Python and, for the document, Koers' check; os.wait4's ru_maxrss is kept in the JSON but not "
            "shown, because on Linux it starts from the parent's resident size at fork time (a 14 MB child of a "
            "435 MB parent reports 435 MB). Raw figures: `benchmarks/engines.json`; the Typst prototype: "
            "`benchmarks/engines/`.\n",
            "### Engine import\n",
            imports,
            "### The written strategy (A4 PDF/UA-1)\n",
            "First render: the first call in the process after the engine was imported; warm: median of the "
            "following calls (Typst builds a new compiler each call). Extent = pages − 1 + the used share of the "
            "last page. Overlapping words: pairs of words drawn over each other (poppler's word boxes), 0 unless a "
            "layout overflowed.\n",
            documents(results),
            "### An exact page count in `koers check`?\n",
            "A fresh process that imports Koers, runs `check`, then lays out the document without writing a PDF "
            "(Typst: a `query` of the end marker; WeasyPrint: `HTML.render`).\n",
            layout(results),
            "### Poster exports\n",
            "Today: PNG by cairosvg under a fontconfig that sees only the theme's fonts, PDF by WeasyPrint as "
            "a tagged PDF/UA-1 (koers.export_worker). Typst: one page of the poster's size holding the SVG as an "
            "image with the poster's text alternative as alt text, fonts from the theme folder only. Times are per "
            "file, after the engine import. Pixels compare cairosvg's PNG with Typst's; PDFs are rasterised by "
            "pdftoppm. Text ink beyond the fitter's box (PNG): the text's pixels are where the poster differs from "
            "the same poster rendered without its texts; per line, how far they reach past the start or end that "
            "the poster fitter measured (plain advance widths of the theme's TTF, no kerning; every box has 2 % "
            "safety on top), negative when inside; a glyph may reach a little past its advance box by design (Open "
            "Sans' J reaches about 0.08 em left of its origin), so the same small figure in both columns is the font; "
            "not for the 60-megapixel roadmaps. Word ends vs fitter (PDF): "
            "where each word ends in the PDF's text against where the fitter measured it; + is further right.\n",
            posters(results),
            "Typst draws SVG text only with fonts it was given: the WOFF2 subset in the poster's @font-face is "
            f"ignored. Given only its built-in fonts, the A3 overview's text comes out in "
            f"{', '.join(n.split('+')[-1] for n in fonts.get('typst_builtin_fonts_only', [])) or '–'}; given no fonts "
            f"at all, the PDF has {len(fonts.get('no_fonts_at_all', [])) or 'no'} fonts, i.e. no text. Neither case "
            "gives a warning.\n",
            END,
        ]
    )


def write(results: dict[str, Any], out: Path) -> None:
    """Put the section into the report (replacing an old one, else before the hand-written notes); refresh the notes."""
    text = out.read_text("utf-8") if out.is_file() else "# Koers benchmark results\n"
    new = section(results)
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + new + after
    elif NOTES_HEADING in text:
        before, after = text.split(NOTES_HEADING, 1)
        text = before + new + "\n\n" + NOTES_HEADING + after
    else:
        text = text.rstrip("\n") + "\n\n" + new + "\n"
    notes = out.parent / "notes.md"
    if NOTES_HEADING in text and notes.is_file():  # the hand-written notes close the report, as run.py writes it
        text = text[: text.index(NOTES_HEADING)] + notes.read_text("utf-8")
    out.write_text(text, "utf-8")
