"""A built site in a headless Chromium: Debian's browser (never a downloaded one), the site on a loopback server, other hosts refused.

Used by `koers toets` and by Koers' own browser tests (tests/e2e/). Playwright is the optional extra
`koers[toets]`; it is imported only here, inside `launch`, so nothing else depends on it.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

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
CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
INSTALL_PLAYWRIGHT = "koers toets heeft Playwright nodig: installeer het met: pip install 'koers[toets]'"
INSTALL_CHROMIUM = "koers toets heeft de browser Chromium nodig: installeer hem met: sudo apt-get install chromium (Debian en Ubuntu)"


class BrowserMissing(Exception):
    """A Dutch line saying what to install."""


def chromium() -> str | None:
    """Debian's Chromium, or another Chromium on the PATH."""
    for name in CANDIDATES:
        candidate = name if os.path.isabs(name) else shutil.which(name)
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@contextmanager
def launch() -> Iterator[Any]:
    """A headless Chromium driven by Playwright; BrowserMissing when either is not installed."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BrowserMissing(INSTALL_PLAYWRIGHT) from None
    executable = chromium()
    if executable is None:
        raise BrowserMissing(INSTALL_CHROMIUM)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves the built site; no log lines."""

    def log_message(self, format: str, *args: Any) -> None:
        return None


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The browser hangs up on a big image when it moves on to the next page: not a failure.
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

    def is_local(self, url: str) -> bool:
        return url.startswith((self.origin + "/", "data:", "blob:", "about:"))

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


def refuse_other_hosts(context: Any, server: Server) -> None:
    """Abort every request of the browser context for anything but the site itself."""

    def route(route: Any) -> None:
        if server.is_local(route.request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.route("**/*", route)


def site_pages(root: Path) -> list[str]:
    """Every HTML page of the built site, the 404 page included."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))
