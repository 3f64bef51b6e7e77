"""Run in an audited process: a real build, a build of a project with a hostile logo, and the renderers fed
that logo directly, past `koers check`, as if check had missed it.

Usage: python audit_runner.py <project> <hostile project> <results.json>. The
project's theme folder holds the hostile logo as lek.svg, which its
theme.yaml does not name; the hostile project names it as its logo.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path


def run(project: Path, hostile: Path, out: Path) -> None:
    from koers.cli import main
    from koers.findings import Report
    from koers.pipeline.check import check
    from koers.publish.exports import export_posters
    from koers.render.document.written import render_document
    from koers.render.posters.svg import NAMES, render_poster

    results: dict[str, object] = {"sys_path": [p for p in sys.path if p], "prefixes": [sys.prefix, sys.base_prefix, sys.exec_prefix]}
    results["build"] = main(["build", str(project)])
    results["hostile_build"] = main(["build", str(hostile)])
    checked = check(project)
    assert checked.style is not None and checked.strategy is not None
    style = dataclasses.replace(checked.style, logo=checked.style.root / "lek.svg")
    results["document_pages"] = render_document(checked.strategy, style).pages
    report = Report()
    posters = [render_poster(checked.strategy, style, NAMES[0], "social")]
    results["exports"] = sorted(o.path for o in export_posters(posters, style, report, lambda _: None))
    results["export_report"] = report.as_text()
    out.write_text(json.dumps(results), "utf-8")


if __name__ == "__main__":
    run(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
