"""Helpers for the browser tests: a loopback web server, Chromium, axe-core and a guard against other hosts."""

from __future__ import annotations

import datetime
import functools
import os
import re
import shutil
import sys
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from koers.content.model import Strategy
from koers.render.pages.base import opgave_page, team_page
from koers.render.pages.teams import sorted_teams, team_views

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "tests" / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (1280, 390)
HEIGHT = 900
# Headless, and nothing Chromium itself would fetch from the internet (updates, sync, field trials, QUIC probes).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def artifacts() -> Path:
    """Where screenshots and results go: $KOERS_ARTIFACTS, else test-artifacts/ in the repository (gitignored)."""
    return Path(os.environ.get("KOERS_ARTIFACTS") or REPO / "test-artifacts")


def chromium() -> str | None:
    """Debian's Chromium (never a downloaded browser)."""
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@functools.lru_cache(maxsize=1)
def axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def axe_version() -> str:
    match = re.search(r"axe v([\d.]+)", axe_source()[:200])
    return match[1] if match else "onbekend"


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the built site; no log lines in the test output."""

    def log_message(self, format: str, *args: Any) -> None:
        return None


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The browser hangs up on a big image when the test moves on to the next page: not a failure.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Server:
    """The built site on 127.0.0.1 at a free port, served from a thread (search needs http, not file://)."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(root))
        self._httpd = _Server(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        self.origin = f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def url(self, page: str) -> str:
        return f"{self.origin}/{page}"

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


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
        return url.startswith((self.server.origin + "/", "data:", "blob:", "about:"))

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


def site_pages(root: Path) -> list[str]:
    """Every HTML page of the built site, the 404 page included."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))


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
    """The test result as koers.render.pages.accessibility reads it (build/toegankelijkheid.json)."""
    return {
        "datum": day.isoformat(),
        "hulpmiddel": f"axe-core {axe_version()} in Chromium {chromium_version.split('.')[0]}",
        "paginas": len(site.pages),
        "problemen": sum(site.problems.values()),
        "controles": [{"naam": k, "geslaagd": v} for k, v in sorted(site.checks.items())],
        "breedtes": sorted(site.problems, reverse=True),
    }
