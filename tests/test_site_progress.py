"""Progress on the site (per strategy, year slice, opgave and team) matches the statuses in content."""

from __future__ import annotations

import re

import pytest

from koers.content.model import STATUS_LABELS, Action, Strategy
from koers.pipeline.check import check
from koers.pipeline.context import page_context
from koers.render.pages.assemble import render_pages
from koers.render.pages.base import AGENDA, opgave_page, team_page, year_page

HEAD = re.compile(r'<p class="koers-voortgang__kop"><strong>(\d+) van (\d+)</strong>')
LEGEND = re.compile(r'</span>(\d+) (gepland|lopend|gereed|vertraagd|gestopt)</li>')


def _shown(page: str) -> list[tuple[int, int, dict[str, int]]]:
    """Every progress block on a page: (done, total, counts per status)."""
    blocks = page.split('<div class="koers-voortgang">')[1:]
    out = []
    for block in blocks:
        block = block.split("</div>\n</div>")[0] if "</ul>" not in block else block.split("</ul>")[0]
        head = HEAD.search(block)
        assert head, block[:200]
        counts = {status: int(n) for n, status in LEGEND.findall(block)}
        out.append((int(head.group(1)), int(head.group(2)), counts))
    return out


def _expected(strategy: Strategy, actions: tuple[Action, ...]) -> tuple[int, int, dict[str, int]]:
    counts = strategy.progress(actions)
    return counts["gereed"], len(actions), {k: v for k, v in counts.items() if v}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Strategy, dict[str, str]]:
    from support.projects import REPO, make_project

    project = make_project(tmp_path_factory.mktemp("progress") / "p", REPO / "content")
    checked = check(project)
    assert checked.strategy is not None and checked.style is not None
    pages = render_pages(checked.strategy, checked.style, page_context(project, []))
    return checked.strategy, {o.path: o.content for o in pages if isinstance(o.content, str)}


def test_status_labels_are_the_legend_words() -> None:
    assert [label.lower() for label in STATUS_LABELS.values()] == ["gepland", "lopend", "gereed", "vertraagd", "gestopt"]


def test_agenda_progress_matches_content(site: tuple[Strategy, dict[str, str]]) -> None:
    strategy, pages = site
    shown = _shown(pages[AGENDA])
    assert shown[0] == _expected(strategy, strategy.actions)
    assert shown[1:] == [_expected(strategy, strategy.actions_by_year[y.jaar]) for y in strategy.years]


def test_year_opgave_and_team_pages_match_content(site: tuple[Strategy, dict[str, str]]) -> None:
    strategy, pages = site
    for year in strategy.years:
        assert _shown(pages[year_page(year.jaar)])[0] == _expected(strategy, strategy.actions_by_year[year.jaar])
    for opgave in strategy.opgaven:
        assert _shown(pages[opgave_page(opgave.id)])[0] == _expected(strategy, opgave.acties)
    for team in strategy.teams:
        owned, joined = strategy.actions_by_team[team.id]
        actions = tuple({a.id: a for a in owned + joined}.values())
        if actions:
            assert _shown(pages[team_page(team.id)])[0] == _expected(strategy, actions), team.id
