"""Helpers for the browser tests: Koers' own loopback server, Chromium and axe-core (as `koers toets` uses them), and a guard against other hosts."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from koers.content.model import Strategy
from koers.publish.axe import AXE_TAGS, HEIGHT, WIDTHS, axe_source, axe_version
from koers.publish.browser import CHROMIUM_ARGS, Server, chromium, site_pages
from koers.render.pages.accessibility import result_data
from koers.render.pages.base import opgave_page, team_page
from koers.render.pages.teams import sorted_teams, team_views
from support.projects import CASES

__all__ = ["AXE_TAGS", "CHROMIUM_ARGS", "HEIGHT", "WIDTHS", "Server", "axe_source", "chromium", "site_pages"]
REPO = Path(__file__).resolve().parents[2]

STRATEGIES = {
    "voorbeeld": REPO / "content",
    "tweede-strategie": CASES / "valid" / "tweede-strategie" / "content",
    # Shaped like a real roadmap: numbered adviezen, phases instead of years, roles and teams.
    "routekaart-fasen": CASES / "valid" / "routekaart-fasen" / "content",
    # A roadmap of 22 opgaven and 67 actions in four sporen: its routekaart continues on three A3 sheets.
    "routekaart-groot": CASES / "valid" / "routekaart-groot" / "content",
}
# The strategies a test module runs on: those in its SITES, else USUAL. The large roadmap is there for its
# posters of several sheets, whose links and previews are on the home, agenda and downloads pages; its other
# pages are the other strategies' templates with more of the same content. So only the checks every page must
# pass name it (axe, keyboard, privacy: SITES = EVERY), and test_downloads, which is about the sheets.
SEVERAL_SHEETS = "routekaart-groot"
EVERY = tuple(STRATEGIES)
USUAL = tuple(name for name in STRATEGIES if name != SEVERAL_SHEETS)


def artifacts() -> Path:
    """Where screenshots and results go: $KOERS_ARTIFACTS, else test-artifacts/ in the repository (gitignored)."""
    return Path(os.environ.get("KOERS_ARTIFACTS") or REPO / "test-artifacts")


@dataclass
class Site:
    """One built strategy, served: its pages, its model, and what the tests found (for the statement)."""

    name: str
    project: Path
    root: Path
    server: Server
    strategy: Strategy
    pages: list[str]
    problems: dict[int, int] = field(default_factory=dict)  # axe violations per screen width
    checks: dict[str, bool] = field(default_factory=dict)  # Dutch check name → passed
    requests: list[str] = field(default_factory=list)  # every URL the browser asked for
    outside: list[str] = field(default_factory=list)  # those for another host (aborted)

    def url(self, page: str) -> str:
        return self.server.url(page)

    def is_local(self, url: str) -> bool:
        return self.server.is_local(url)

    @property
    def opgave(self) -> str:
        """The page of the first opgave."""
        return html_page(opgave_page(self.strategy.opgaven[0].id))

    @property
    def team(self) -> str:
        """The page of the first team as the team overview lists it."""
        return html_page(team_page(sorted_teams(team_views(self.strategy))[0].id))


def html_page(docs_page: str) -> str:
    return docs_page[:-3] + ".html"


def guard(context: Any, site: Site) -> None:
    """Record every request of the browser context; abort (and record) anything for another host."""

    def record(request: Any) -> None:
        site.requests.append(request.url)

    def route(route: Any) -> None:
        url = route.request.url
        if site.is_local(url):
            route.continue_()
        else:
            site.outside.append(url)
            route.abort("blockedbyclient")

    context.on("request", record)
    context.route("**/*", route)


def outside_requests(site: Site) -> list[str]:
    """Requests for any host but the test server, whether routed or only seen."""
    seen = [u for u in site.requests if not site.is_local(u)]
    return sorted(set(seen + site.outside))


def load_everything(tab: Any) -> None:
    """Scroll to the bottom and wait for every image, so lazy images are fetched (and seen) too."""
    tab.evaluate(
        """async () => {
          window.scrollTo(0, document.body.scrollHeight);
          for (const img of document.images) img.loading = 'eager';
          await Promise.all([...document.images].map(i => i.complete ? null : new Promise(r => { i.onload = i.onerror = r; })));
          window.scrollTo(0, 0);
        }"""
    )


def host(url: str) -> str:
    return urlsplit(url).netloc


def result_json(site: Site, chromium_version: str, day: datetime.date) -> dict[str, Any]:
    """The test result as koers.render.pages.accessibility reads it (build/toegankelijkheid.json), as `koers toets` writes it."""
    tool = f"axe-core {axe_version()} in Chromium {chromium_version.split('.')[0]}"
    return result_data(day.isoformat(), tool, len(site.pages), site.problems, site.checks)


# The repository's own strategy: every browser check runs on every one of its pages, and its result goes to
# $KOERS_A11Y_REPORT. The other strategies are there for their shapes (other sources, phases, roles): each
# check runs on one page of every kind of theirs, which covers each page template with their content.
REPORTED = "voorbeeld"


def one_of_each_kind(pages: list[str]) -> list[str]:
    """Every page at the top, and per folder its overview and its first other page: each page template once."""
    chosen: list[str] = []
    detail_seen: set[str] = set()
    for page in pages:
        folder, _, name = page.rpartition("/")
        if not folder or name == "index.html":
            chosen.append(page)
        elif folder not in detail_seen:
            detail_seen.add(folder)
            chosen.append(page)
    return chosen


# The pages where the large roadmap differs from the other strategies: its posters of several sheets.
SHEET_PAGES = ("index.html", "agenda/index.html", "downloads.html")


def pages_to_check(site: Site) -> list[str]:
    """Every page of the example; a page of each kind of the other strategies; the poster pages of the large roadmap."""
    if site.name == REPORTED:
        return site.pages
    if site.name == SEVERAL_SHEETS:
        return [p for p in site.pages if p in SHEET_PAGES]
    return one_of_each_kind(site.pages)
