"""Turn the measured figures (benchmarks/results.json) into benchmarks/RESULTS.md."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
NOTES = HERE / "notes.md"  # hand-written: what the profiles showed, what was changed, open problems
LINEAR = 1.5  # per-opgave cost may grow at most this much per tenfold size to count as near-linear


def _s(value: float | None) -> str:
    if value is None or value != value:
        return "–"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} MB"


def _get(data: dict[str, Any], *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(" --- " for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _target(label: str, value: float | None, limit: float, shown: str | None = None, unit: str = "s") -> list[str]:
    if value is None:
        return [label, "not measured in this run", "–"]
    figure = shown or (_s(value) if unit == "s" else f"{value:.2f}×" if unit == "x" else _mb(value))
    return [label, figure, "met" if value < limit or (unit == "x" and value <= limit) else "**missed**"]


def _own_work(run: dict[str, Any]) -> float | None:
    """Load, validate, model, pages and posters as SVG on one strategy (first, uncached call of each)."""
    check, pages = _get(run, "check", "first"), _get(run, "site", "parts", "pages")
    svg = _get(run, "posters", "svg")
    if check is None or pages is None or not svg:
        return None
    return check + pages + sum(v["seconds"] for v in svg.values())


def targets(results: dict[str, Any]) -> str:
    runs = results["runs"]
    ex, big = runs.get("example", {}), runs.get("1000", {})
    plain = _get(ex, "build", "plain")
    warm, cold = _get(ex, "build", "warm"), _get(ex, "build", "cold")
    site_big = _get(big, "site", "total")
    # What `koers check` and `koers build` of this strategy run: the build stops before posters and the PDF,
    # because the written strategy is far over its page budget (the document is measured on its own below).
    peaks = [
        _get(big, "check", "cold_peak_mb"),
        _get(big, "check", "warm_peak_mb"),
        _get(big, "site", "peak_mb"),
    ]
    peak = max((p for p in peaks if p is not None), default=None)
    growth = _growth(runs, ("site", "total"))
    rows = [
        _target("`koers check`, example, warm (in-process) < 0.3 s", _get(ex, "check", "warm"), 0.3),
        _target("`koers check`, example, cold process < 0.5 s", _get(ex, "check", "cold"), 0.5),
        ["check path imports no Typst, cairosvg or MkDocs", "asserted by tests/test_imports.py", "met"],
        _target("Koers' own work on the example (load, validate, pages, posters SVG) < 1 s", _own_work(ex), 1.0),
        _ratio_target("warm rebuild, unchanged content ≤ 1.2× plain Material", warm, plain, 1.2),
        _ratio_target("cold full build with every export ≤ 2× plain Material", cold, plain, 2.0),
        _target("save-to-preview in `koers serve`, example < 1 s", _get(ex, "serve", "median"), 1.0),
        _target("save-to-preview in `koers serve`, example ≤ 0.5 s (issue 15)", _get(ex, "serve", "median"), 0.5),
        _target("1,000 opgaven: `koers check` (cold process) < 5 s", _get(big, "check", "cold"), 5.0),
        _target("1,000 opgaven: site build (check, pages, engine) < 10 s", site_big, 10.0),
        [
            "1,000 opgaven: site build linear",
            f"{growth[1]:.1f}× for 10× more (100 → 1,000)" if growth[1] else "not measured in this run",
            ("met" if growth[1] / 10 < LINEAR else "**missed**") if growth[1] else "–",
        ],
        _target("1,000 opgaven: peak memory (check, site build) < 1 GB", peak, 1024, unit="mb"),
    ]
    posters, document = _get(big, "posters", "peak_mb"), _get(big, "document", "peak_mb")
    note = ""
    if posters or document:
        note = (
            f"\nAt 1,000 opgaven `koers build` stops after the check: the written strategy is estimated far over its "
            f"page budget (`max_a4` is at most 50). Made on their own, all posters as SVG peak at {_mb(posters)} and "
            f"the PDF at {_mb(document)}.\n"
        )
    return _table(["target (issue 10)", "measured", "result"], rows) + note


def _ratio_target(label: str, seconds: float | None, plain: float | None, limit: float) -> list[str]:
    """A target on Koers' time as a multiple of plain MkDocs' time."""
    if not seconds or not plain:
        return _target(label, None, limit, None, "x")
    return _target(label, seconds / plain, limit, f"{_s(seconds)} vs {_s(plain)}: {seconds / plain:.2f}×", "x")


def _growth(runs: dict[str, Any], path: tuple[str, ...]) -> tuple[float | None, float | None]:
    values = [_get(runs.get(str(n), {}), *path) for n in (10, 100, 1000)]
    steps = [b / a if a and b else None for a, b in zip(values, values[1:], strict=False)]
    return steps[0], steps[1]


SCALING = (
    ("`koers check`, cold process", ("check", "cold")),
    ("`check`, warm, in-process", ("check", "warm")),
    ("site: check", ("site", "parts", "check")),
    ("site: pages (Markdown)", ("site", "parts", "pages")),
    ("site: engine (MkDocs + Material)", ("site", "parts", "engine")),
    ("site build, whole process", ("site", "total")),
    ("plain `mkdocs build`, same Markdown", ("site", "plain")),
    ("written strategy (PDF)", ("document", "seconds")),
)


def scaling(results: dict[str, Any]) -> str:
    runs = results["runs"]
    rows = []
    for label, path in SCALING + (("posters, all SVGs", ("posters", "svg_total")),):
        values = [_get(runs.get(str(n), {}), *path) for n in (10, 100, 1000)]
        if all(v is None for v in values):
            continue
        steps = [b / a if a and b else None for a, b in zip(values, values[1:], strict=False)]
        known = [s for s in steps if s]
        verdict = "–" if not known else "near-linear" if all(s / 10 < LINEAR for s in known) else "**superlinear**"
        rows.append([label] + [_s(v) for v in values] + [f"{s:.1f}×" if s else "–" for s in steps] + [verdict])
    pages = [_get(runs.get(str(n), {}), "site", "pages") for n in (10, 100, 1000)]
    volume = [_get(runs.get(str(n), {}), "site", "markdown_mb") for n in (10, 100, 1000)]
    rows.append(["pages / Markdown"] + [f"{p} / {v:.1f} MB" if p else "–" for p, v in zip(pages, volume, strict=False)] + ["", "", ""])
    head = ["figure", "10 opgaven", "100", "1,000", "× 10→100", "× 100→1,000", "verdict"]
    note = (
        f"\nNear-linear: the cost per opgave grows less than {LINEAR}× per tenfold size "
        "(a growth factor below 15×); fixed costs make small strategies look sublinear.\n"
    )
    return _table(head, rows) + note


def details(results: dict[str, Any]) -> str:
    out = []
    runs = results["runs"]
    rows = []
    for name, run in runs.items():
        c = run.get("check", {})
        st = c.get("stages", {})
        stages = ", ".join(f"{k} {_s(st[k])}" for k in ("load", "validate", "model", "style", "estimate", "fit") if k in st)
        rows.append([name, _s(c.get("cold")), _s(c.get("first")), _s(c.get("warm")), _mb(c.get("cold_peak_mb")), stages])
    out.append("### `koers check`\n\n" + _table(["strategy", "cold process", "first in-process", "warm", "peak", "stages (first call)"], rows))
    rows = []
    for name, run in runs.items():
        s = run.get("site")
        if s:
            parts = ", ".join(f"{k} {_s(v)}" for k, v in s["parts"].items())
            ratio = s["total"] / s["plain"] if s.get("plain") else None
            shown = f"{ratio:.2f}×" if ratio else "–"
            rows.append(
                [name, str(s["pages"]), f"{s['markdown_mb']:.1f} MB", _s(s["total"]), parts, _s(s["plain"]), shown, _mb(s["peak_mb"]), _mb(s["plain_peak_mb"])]
            )
    out.append("### Site build vs plain MkDocs + Material on the same Markdown\n\n" + _table(
        ["strategy", "pages", "Markdown", "Koers (process)", "parts", "plain mkdocs", "ratio", "peak", "plain peak"], rows))
    rows = []
    for name, run in runs.items():
        b = run.get("build")
        if b:
            plain = b.get("plain")
            warm_stages = ", ".join(f"{k} {_s(v)}" for k, v in b["warm_stages"].items())
            cold_stages = ", ".join(f"{k} {_s(v)}" for k, v in b["cold_stages"].items())
            edited = b.get("edited")
            edited_stages = ", ".join(f"{k} {_s(v)}" for k, v in b.get("edited_stages", {}).items())
            body = b.get("body_edited")
            body_stages = ", ".join(f"{k} {_s(v)}" for k, v in b.get("body_edited_stages", {}).items())
            ratios = f"{b['cold'] / plain:.1f}× / {b['warm'] / plain:.2f}×" + (f" / {edited / plain:.2f}×" if edited else "")
            ratios += f" / {body / plain:.2f}×" if body and plain else ""
            rows.append([name, _s(b["cold"]), _s(b["warm"]), _s(edited) if edited else "–", _s(body) if body else "–", _s(plain),
                         ratios if plain else "–", _mb(max(b["cold_peak_mb"], b["warm_peak_mb"])), cold_stages, warm_stages,
                         edited_stages or "–", body_stages or "–"])
    out.append("### Full `koers build` (site, posters, exports, document)\n\nThe ratio compares the whole `koers build` process "
               "with a plain `mkdocs build` process (Material, Koers' nav and Markdown extensions, no overrides) of what the "
               "build published in `build/docs/` (pages, assets and downloads). *Warm*: nothing changed since the last build, so "
               "the published site is kept (`koers.reuse.site`); *one edit*: one opgave's title changed before each build, so the "
               "engine runs and the posters and the document, which show that title, are made again; *body edit*: a sentence "
               "added to that opgave's text, which only the pages and the document show.\n\n" + _table(
        ["strategy", "cold cache", "warm cache", "one edit", "body edit", "plain mkdocs", "ratio to plain (cold / warm / edit / body)",
         "peak", "stages, cold", "stages, warm", "stages, one edit", "stages, body edit"], rows))
    rows = []
    for name, run in runs.items():
        sv = run.get("serve")
        if sv:
            rows.append([name, _s(sv["startup"]), _s(sv["median"]), ", ".join(_s(e) for e in sv["edits"]), str(sv["failures"])])
    if rows:
        out.append("### Save-to-preview in `koers serve` (one opgave's title changed)\n\n" + _table(
            ["strategy", "first preview", "median edit → served", "each edit", "failed"], rows))
    out.append(_posters(runs))
    return "\n".join(out)


def _posters(runs: dict[str, Any]) -> str:
    rows, export_rows, doc_rows = [], [], []
    for name, run in runs.items():
        for key, v in (_get(run, "posters", "svg") or {}).items():
            rows.append([name, key, _s(v["seconds"]), f"{v['mb']:.2f} MB", v["page"]])
        for key, v in (_get(run, "posters", "export") or {}).items():
            export_rows.append([name, key, _s(v["seconds"]), f"{v['mb']:.1f} MB"])
        d = run.get("document")
        if d:
            doc_rows.append([name, _s(d["seconds"]), str(d["pages"]), f"{d['mb']:.1f} MB", _mb(d.get("peak_mb"))])
    text = "### Posters: layout (SVG) per poster and size\n\n" + _table(["strategy", "poster, size", "layout", "SVG", "page"], rows)
    if export_rows:
        text += "\n### Posters: export per size (both posters, empty cache, parallel workers)\n\n"
        text += _table(["strategy", "format, size", "time", "files"], export_rows)
    text += "\n### Written strategy (PDF, uncached)\n\n" + _table(["strategy", "time", "A4 pages", "size", "peak"], doc_rows)
    return text


def machine(results: dict[str, Any]) -> str:
    m = results["machine"]
    first = ["cpu", "cores", "memory", "system", "load", "python", "libyaml"]
    rows = [[k, str(m[k])] for k in first if k in m] + [[k, str(v)] for k, v in m.items() if k not in first]
    return _table(["", ""], rows)


def profiles(results: dict[str, Any]) -> str:
    out = []
    for what, found in (results.get("profiles") or {}).items():
        text = found.get("tottime", "")
        lines = [line for line in text.splitlines() if line.strip()]
        start = next((i for i, line in enumerate(lines) if line.strip().startswith("ncalls")), 0)
        body = "\n".join(lines[start : start + 14])
        out.append(f"`{what}` of the {results.get('largest')}-opgave strategy, by own time:\n\n```\n{body}\n```\n")
    return "\n".join(out)


ENGINES_START, ENGINES_END = "<!-- engines:start", "<!-- engines:end -->"


def engines_section(report: Path) -> str:
    """The print-engine comparison that benchmarks/engines.py wrote into the report, kept when run.py rewrites it."""
    text = report.read_text("utf-8") if report.is_file() else ""
    start, end = text.find(ENGINES_START), text.find(ENGINES_END)
    if start < 0 or end < start:
        return ""
    return text[start : end + len(ENGINES_END)] + "\n"


def refused(results: dict[str, Any]) -> str:
    """The strategies `koers check` refuses: their build and preview figures are missing for that reason."""
    lines = [f"- {name} opgaven: `{run['refused']}`" for name, run in results["runs"].items() if run.get("refused")]
    if not lines:
        return ""
    return (
        "Not built and not previewed, because `koers check` refuses these synthetic strategies (so `koers build` and "
        "`koers serve` stop there too); their check and site figures are still measured:\n\n" + "\n".join(lines) + "\n"
    )


def render(results: dict[str, Any], engines: str = "") -> str:
    for run in results["runs"].values():
        svg = _get(run, "posters", "svg")
        if svg and "posters" in run:
            run["posters"]["svg_total"] = sum(v["seconds"] for v in svg.values())
    notes = NOTES.read_text("utf-8") if NOTES.is_file() else ""
    mode = "quick run (`--quick`: no 1,000-opgave strategy)" if results.get("quick") else "full run"
    return "\n".join(
        [
            "# Koers benchmark results\n",
            f"Made by `{results['command']}` on {time.strftime('%Y-%m-%d')} ({mode}, {results['seconds']:.0f} s; "
            f"medians of {results['repeat']} runs, each in a fresh process; peak = that process's own maximum "
            "resident memory). Strategies: the repository's example (9 opgaven) and synthetic ones with 10 actions "
            "per opgave (`benchmarks/synth.py`). Raw figures: `benchmarks/results.json`.\n",
            "## Machine\n",
            machine(results),
            "## Targets\n",
            targets(results),
            refused(results),
            "## Scaling from 10 to 1,000 opgaven\n",
            scaling(results),
            "## Figures\n",
            details(results),
            "## Profiles of this run\n",
            profiles(results),
            engines,
            notes,
        ]
    )
