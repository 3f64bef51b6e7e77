"""The site's "Wijzigingen" page: changes since the most recent adopted (tagged) version."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from koers.findings import Report
from koers.pipeline.check import check
from koers.pipeline.context import page_context
from koers.publish.engine import run_engine
from koers.publish.outputs import write_outputs
from koers.render.pages.assemble import NAV_FILE, render_pages
from support.projects import make_project


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.nl", *args], cwd=project, check=True, capture_output=True)


def _pages(project: Path) -> dict[str, str]:
    checked = check(project)
    assert checked.strategy is not None and checked.style is not None, checked.report.as_text()
    context = page_context(project, [], checked.strategy)
    return {o.path: o.content for o in render_pages(checked.strategy, checked.style, context) if isinstance(o.content, str)}


def test_no_changes_page_without_an_adopted_tag(project: Path) -> None:
    pages = _pages(project)
    assert "wijzigingen.md" not in pages
    assert "Wijzigingen" not in pages[NAV_FILE]


def test_changes_page_against_the_latest_adopted_tag(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "vastgesteld")
    _git(project, "tag", "vastgesteld-2024")
    opgave = project / "content/opgaven/digitale-balie.md"
    opgave.write_text(opgave.read_text("utf-8").replace("    status: lopend", "    status: gereed"), "utf-8")
    pages = _pages(project)
    page = pages["wijzigingen.md"]
    assert "vastgesteld-2024" in page
    assert "lopend → gereed" in page
    nav = json.loads(pages[NAV_FILE])["nav"]
    assert nav[-1] == {"Over deze strategie": [{"Over deze strategie": "over.md"}, {"Wijzigingen": "wijzigingen.md"}, {"Toegankelijkheidsverklaring": "toegankelijkheid.md"}]}
    # The engine accepts the page in strict mode (no broken links, no warnings).
    staging = tmp_path / "staging"
    checked = check(project)
    assert checked.strategy is not None and checked.style is not None
    write_outputs(staging / "docs", render_pages(checked.strategy, checked.style, page_context(project, [], checked.strategy)))
    report = Report()
    run_engine(project, staging, report)
    assert not report.findings, report.as_text()
    assert "lopend → gereed" in (staging / "site" / "wijzigingen.html").read_text("utf-8")
