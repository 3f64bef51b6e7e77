"""Bounded work: `python benchmarks/bounds.py [--write]` times Koers on pathological Markdown bodies.

Issue 18 found inputs whose cost grows with the square of their size: a line of 100,000 '['
made `koers check` take 52 s (the page budget's regex) and 24,000 '[' made `koers build` take
155 s (Python-Markdown); a list nested 300 deep overflowed the stack. Koers now refuses such
bodies at `check` (koers.content.markdownlimits). This script shows both halves of that:

1. refused fast: `koers check` (a fresh process, as users run it) on a 1 MB visie.md of each
   pathological kind, which must finish in under 2 s and report the body;
2. accepted bounded: for each kind, the largest body `check` still accepts (found by
   bisection on its size) and how long Markdown takes to turn it into HTML, in-process
   (koers.render.markup.markdown_to_html, as the site and the document do). This is what
   the work estimate promises: about WORK_LIMIT (2 s) on this kind of machine, whatever
   the text.

The figures are printed as Markdown; --write also writes them to benchmarks/BOUNDS.md (apart
from RESULTS.md, which benchmarks/run.py writes anew). Not a test: timings on a shared machine
are no pass/fail criterion (tests/test_markdown_limits.py asserts the outcomes).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO / "generator"))

from koers.content.markdownlimits import body_problems  # noqa: E402
from koers.render.markup import markdown_to_html  # noqa: E402

MB = 1_000_000
NOTE = (
    "Wall-clock seconds on a shared two-core machine. `koers check` refuses 1 MB of every pathological kind in under "
    "2 s (issue 18's criterion). The largest bodies it accepts convert in about 0–2.5 s: the estimate "
    "(koers.content.markdownlimits) bounds each construct's own work; brackets inside many nested emphases "
    "are scanned once more per level, which it does not count, so that kind comes out highest."
)
# name -> (what it is, the repeated unit, optional prefix/suffix maker)
KINDS: dict[str, tuple[str, Callable[[int], str]]] = {
    "[": ("'[' without ']'", lambda n: "[" * n),
    "[[]]": ("brackets nested n deep", lambda n: "[" * n + "]" * n),
    "![": ("image brackets", lambda n: "![" * n),
    "[](": ("links without ')'", lambda n: "[](" * n),
    "[`]`": ("']' hidden in code spans", lambda n: "[`]`" * n),
    "*a [": ("'[' inside 40 nested emphases", lambda n: "*a " * 40 + "[" * n + " x" + "*" * 40),
    "\\[": ("escaped brackets", lambda n: "\\[" * n + "[" * min(n, 500)),
    "<a ": ("tags without '>'", lambda n: "<a " * n),
    "<a¶¶": ("tags without '>', one per paragraph", lambda n: "<a\n\n" * n),
    "<!--": ("comments without '-->'", lambda n: "x <!-- " * n),
    "<![CDATA[": ("CDATA sections", lambda n: "<![CDATA[" * n),
    "<b>x</b>": ("closed tags in one paragraph", lambda n: "<b>x</b>" * n),
    "*a*": ("emphasis in one paragraph", lambda n: "*a* " * n),
    "&amp;": ("entities in one paragraph", lambda n: "&amp; " * n),
    "- ": ("list markers on one line", lambda n: "- " * n + "x"),
    "ul": ("list nested by indentation", lambda n: "\n".join("    " * i + "- x" for i in range(n))),
    ">": ("quotes in quotes", lambda n: ">" * n + " x"),
    "prose": ("Dutch prose with links, paragraphs", lambda n: ("Inwoners regelen hun zaken digitaal waar het kan, [zie](https://x.nl). " * 6 + "\n\n") * n),
}


def _largest(make: Callable[[int], str], fits: Callable[[str], bool]) -> int:
    """The largest n for which fits(make(n)) holds (it holds for 0 and stops holding once, as n grows)."""
    low, high = 0, 1
    while fits(make(high)):
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if fits(make(middle)) else (low, middle)
    return low


def _largest_accepted(make: Callable[[int], str]) -> int:
    """The largest n whose body is at most 1 MB and accepted by check."""
    return _largest(make, lambda text: len(text.encode()) <= MB and not body_problems(text))


def _convert_seconds(text: str) -> str:
    markdown_to_html.cache_clear()
    start = time.perf_counter()
    try:
        markdown_to_html(text)
    except RecursionError:
        return "RecursionError"
    return f"{time.perf_counter() - start:.2f} s"


def _project(target: Path, body: str) -> Path:
    shutil.copytree(REPO / "content", target / "content")
    shutil.copytree(REPO / "themes", target / "themes")
    shutil.copyfile(REPO / "mkdocs.yml", target / "mkdocs.yml")
    vision = target / "content" / "visie.md"
    head = vision.read_text("utf-8").split("\n---\n", 1)[0] + "\n---\n"
    vision.write_text(head + body[: MB - len(head.encode()) - 1] + "\n", "utf-8")
    return target


def _check_seconds(project: Path) -> tuple[float, int, str]:
    env = dict(os.environ, PYTHONPATH=str(REPO / "generator"))
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "koers", "check", str(project)], capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    lines = [line for line in result.stderr.splitlines() if "content/visie.md" in line]
    return seconds, result.returncode, lines[0].split(": ", 2)[-1][:70] if lines else "(geaccepteerd)"


def run() -> str:
    rows_check = ["| body (1 MB visie.md) | `koers check` | exit | message |", "| --- | --- | --- | --- |"]
    rows_limit = ["| body | largest accepted | Markdown → HTML |", "| --- | --- | --- |"]
    with tempfile.TemporaryDirectory() as tmp:
        for index, (name, (what, make)) in enumerate(KINDS.items()):
            count = _largest(make, lambda text: len(text.encode()) <= MB - 200)
            body = make(count)
            seconds, code, message = _check_seconds(_project(Path(tmp) / f"p{index}", body))
            rows_check.append(f"| `{name}` × {count:,}: {what} | {seconds:.2f} s | {code} | {message} |")
            largest = _largest_accepted(make)
            text = make(largest)
            rows_limit.append(f"| `{name}`: {what} | n = {largest:,} ({len(text):,} characters) | {_convert_seconds(text)} |")
            print(rows_check[-1], rows_limit[-1], sep="\n", flush=True)
    return "\n".join(["### Refused fast", "", *rows_check, "", "### Accepted, bounded", "", *rows_limit, ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the tables to benchmarks/BOUNDS.md")
    args = parser.parse_args()
    load = os.getloadavg()
    text = (
        f"# Bounded work (`python benchmarks/bounds.py --write`)\n\n{NOTE}\n\n"
        f"Load at the start: {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f}.\n\n" + run()
    )
    print(text)
    if args.write:
        (HERE / "BOUNDS.md").write_text(text, "utf-8")


if __name__ == "__main__":
    main()
