"""Large strategies: the menu stays short (linear site size) and the preview rebuilds only changed pages."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

import koers.render.pages.assemble as pages_module
from koers.pipeline.check import check
from koers.pipeline.context import page_context
from koers.pipeline.serve import regenerate
from koers.publish.engine import run_engine
from koers.publish.outputs import write_outputs
from koers.render.pages.assemble import NAV_LIMIT, navigation, render_pages
from support.projects import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from synth import write_strategy  # noqa: E402

MANY = NAV_LIMIT + 5


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid strategy with more opgaven than the menu lists."""
    return write_strategy(tmp_path_factory.mktemp("groot") / "project", MANY)


def test_a_long_section_lists_only_its_overview_page(large: Path) -> None:
    strategy = check(large).strategy
    assert strategy is not None and len(strategy.opgaven) == MANY
    hidden: list[str] = []
    nav = navigation(strategy, hidden=hidden)
    opgaven = next(item["Opgaven"] for item in nav if "Opgaven" in item)
    assert opgaven == ["opgaven/index.md"]
    assert hidden == ["/opgaven/*.md", "!/opgaven/index.md"]
    agenda = next(item["Agenda"] for item in nav if "Agenda" in item)
    assert len(agenda) == 1 + len(strategy.years)  # short sections are listed in full


def test_the_engine_builds_the_unlisted_pages_strictly_and_the_overview_links_them_all(large: Path, tmp_path: Path) -> None:
    checked = check(large)
    assert checked.strategy is not None and checked.style is not None
    write_outputs(tmp_path / "docs", render_pages(checked.strategy, checked.style, page_context(large, [])))
    run_engine(large, tmp_path, checked.report)
    assert not checked.report.errors, checked.report.as_text()
    overview = (tmp_path / "site" / "opgaven" / "index.html").read_text("utf-8")
    for opgave in checked.strategy.opgaven:
        assert (tmp_path / "site" / "opgaven" / f"{opgave.id}.html").is_file()
        assert f'href="{opgave.id}.html"' in overview
    home = (tmp_path / "site" / "index.html").read_text("utf-8")
    menu_links = re.findall(r'<a href="([^"]+)"[^>]*class="md-nav__link', home)
    assert "opgaven/index.html" in menu_links
    assert not [link for link in menu_links if re.search(r"opgaven/opgave-\d+\.html", link)]


def test_a_quick_preview_rebuild_rewrites_only_what_changed(large: Path) -> None:
    preview = large / "build" / "preview"
    assert not regenerate(large, preview).errors
    source = large / "content" / "opgaven" / "opgave-0003.md"
    original = source.read_text("utf-8")
    untouched = preview / "site" / "visie.html"
    before = untouched.stat().st_mtime_ns
    try:
        source.write_text(re.sub(r"(?m)^titel: .*$", "titel: Nieuwe titel voor drie", original, count=1), "utf-8")
        assert not regenerate(large, preview, quick=True).errors
        assert "Nieuwe titel voor drie" in (preview / "site" / "opgaven" / "opgave-0003.html").read_text("utf-8")
        assert untouched.stat().st_mtime_ns == before  # the vision page did not change, so it was not rebuilt
    finally:
        source.write_text(original, "utf-8")


def test_a_build_far_over_the_page_budget_stops_before_posters_and_document(tmp_path: Path) -> None:
    from koers.pipeline.build import build
    from support.projects import make_project

    project = make_project(tmp_path / "te-lang", REPO / "content")
    strategie = project / "content" / "strategie.yaml"
    strategie.write_text(strategie.read_text("utf-8").replace("omvang: {max_a4: 5}", "omvang: {max_a4: 2}"), "utf-8")
    steps: list[str] = []
    built = build(project, progress=steps.append)
    assert built.site is None and not (project / "build" / "site").exists()
    [error] = [f.format() for f in built.report.errors]
    assert re.fullmatch(
        r"content/strategie\.yaml:\d+: fout: de geschreven strategie wordt naar schatting [\d,]+ A4, maximaal 2 "
        r"\(de schatting zit er hoogstens 0,3 A4 naast\): het langst zijn content/\S+ \(\d+ woorden\), .*",
        error,
    ), error
    assert steps and not any(step.startswith("posters") for step in steps), steps  # the check stopped it before any poster


def _pages_of(project: Path) -> dict[str, str]:
    checked = check(project)
    assert checked.strategy is not None and checked.style is not None
    outputs = render_pages(checked.strategy, checked.style, page_context(project, []))
    return {o.path: o.data().decode("utf-8") for o in outputs if o.path.endswith(".md")}


def _rows(page: str) -> list[str]:
    """One-line rows: an action in short, or a multi-year action after its first year ('loopt door')."""
    return re.findall(r'<li class="koers-regel(?: koers-regel--loopt-door)?">.*?</li>', page)


def test_long_action_lists_are_rows_that_link_to_the_full_card(large: Path) -> None:
    strategy = check(large).strategy
    assert strategy is not None
    pages = _pages_of(large)
    year, actions = max(strategy.actions_by_year.items(), key=lambda item: len(item[1]))
    assert len(actions) > pages_module.LIST_LIMIT
    page = pages[f"agenda/{year}.md"]
    assert 'class="koers-actie"' not in page and f"De {len(actions)} acties van {year} staan hier in het kort" in page
    rows = _rows(page)
    assert len(rows) == len(actions)
    for action in actions:
        target = f'href="../opgaven/{action.opgave}.html#actie-{action.id}">{action.titel}</a>'
        [row] = [row for row in rows if target in row]
        assert ("loopt door" in row) == (action.van != year), action.id  # a full row in its first year only
        assert f'id="actie-{action.id}"' in pages[f"opgaven/{action.opgave}.md"]  # the full card the row links to
    # The agenda shows that year as a count with a link; the rows are on the year page.
    agenda = pages["agenda/index.md"]
    section = agenda.split(f"{{#jaar-{year}}}", 1)[1].split("koers-meer", 1)[0]
    assert not _rows(section) and f"van {len(actions)}</strong> acties in {year} gereed" in section


def test_a_team_with_many_actions_lists_them_in_short_with_its_role(large: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    strategy = check(large).strategy
    assert strategy is not None
    from koers.render.pages.teams import team_views

    team = max(team_views(strategy).values(), key=lambda t: len(t.actions))
    monkeypatch.setattr(pages_module, "LIST_LIMIT", min(len(team.actions), len(team.opgave_ids)) - 1)
    page = _pages_of(large)[f"teams/{team.id}.md"]
    assert 'class="koers-actie"' not in page and 'class="koers-kaart"' not in page
    rows = _rows(page)
    assert len(rows) == sum(len(actions) for _, actions in team.by_year()) + len(team.opgave_ids)
    owned = next(a for a in team.actions if team.role(a))
    assert any(f"#actie-{owned.id}\">" in row and f'<span class="koers-rol">{team.role(owned)}</span>' in row for row in rows)


def test_the_example_keeps_its_full_cards() -> None:
    pages = _pages_of(REPO)
    details = [path for path in pages if path.startswith(("agenda/", "teams/")) and not path.endswith("index.md")]
    assert len(details) > 10
    for path in details:
        assert 'class="koers-actie"' in pages[path] and "in het kort" not in pages[path], path
    assert _rows(pages["agenda/index.md"])  # and the agenda its rows per year


def test_a_quick_preview_rebuild_drops_a_removed_page_and_rebuilds_a_page_saved_in_the_same_second(tmp_path: Path) -> None:
    import os

    # What it tests does not depend on the size: a small strategy keeps its four rebuilds quick.
    large = write_strategy(tmp_path / "klein", 6)
    preview = large / "build" / "preview-quick"
    assert not regenerate(large, preview).errors
    last = sorted((large / "content" / "opgaven").glob("*.md"))[-1]  # nothing waits for the last opgave
    original = last.read_text("utf-8")
    html = preview / "site" / "opgaven" / f"{last.stem}.html"
    assert html.is_file()
    try:
        last.unlink()
        report = regenerate(large, preview, quick=True)
        assert not report.errors, report.as_text()
        assert not html.exists()  # a page less: a full build, so no stale page stays behind
        assert f'href="{last.stem}.html"' not in (preview / "site" / "opgaven" / "index.html").read_text("utf-8")
    finally:
        last.write_text(original, "utf-8")
    assert not regenerate(large, preview, quick=True).errors and html.is_file()
    # A coarse file system: the saved page's Markdown is no newer than its HTML, yet the change shows.
    source = large / "content" / "opgaven" / "opgave-0002.md"
    text = source.read_text("utf-8")
    page = preview / "site" / "opgaven" / "opgave-0002.html"
    try:
        source.write_text(re.sub(r"(?m)^titel: .*$", "titel: Zelfde seconde", text, count=1), "utf-8")
        stamp = page.stat().st_mtime_ns
        real_write = Path.write_bytes

        def write_old(self: Path, data: bytes) -> int:
            written = real_write(self, data)
            os.utime(self, ns=(stamp, stamp))  # as old as the HTML
            return written

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(Path, "write_bytes", write_old)
            assert not regenerate(large, preview, quick=True).errors
        assert "Zelfde seconde" in page.read_text("utf-8")
    finally:
        source.write_text(text, "utf-8")
