"""`koers toets`: axe-core in Chromium over the built site in build/site, the result in build/toegankelijkheid.json.

The same checks as Koers' own browser tests (koers.publish.axe): every page, a wide and a narrow screen, the
WCAG 2.0 and 2.1 rules of level A and AA; requests for other hosts are refused. The next `koers build` puts
the result in the accessibility statement (koers.render.pages.accessibility).
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from koers.dutch import os_reason
from koers.publish.axe import CHECK_NAME, HEIGHT, WIDTHS, Violation, audit, axe_version, known_issues
from koers.publish.browser import BrowserMissing, Server, launch, refuse_other_hosts, site_pages
from koers.publish.outputs import guarded_folder
from koers.render.pages.accessibility import ACCESSIBILITY_RESULT, AccessibilityResult, parse_accessibility, result_data
from koers.reuse.store import store_atomically


class ToetsError(Exception):
    """A Dutch reason why the site could not be tested."""


@dataclass(frozen=True)
class Tested:
    """What the test found and where it was written."""

    result: AccessibilityResult
    violations: list[Violation]
    written: Path


def _run(site: Path, pages: list[str]) -> tuple[dict[int, list[Violation]], str]:
    """The violations per width, and the browser's version."""
    server = Server(site)
    try:
        with launch() as browser:
            context = browser.new_context(viewport={"width": WIDTHS[0], "height": HEIGHT}, locale="nl-NL", service_workers="block")
            refuse_other_hosts(context, server)
            try:
                return audit(context, server.url, pages), browser.version
            finally:
                context.close()
    except BrowserMissing as exc:
        raise ToetsError(str(exc)) from None
    except Exception as exc:
        if not type(exc).__module__.startswith("playwright"):
            raise
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise ToetsError(f"Chromium kon de website niet testen: {first}") from None
    finally:
        server.stop()


def toets(project: Path, today: datetime.date | None = None) -> Tested:
    """Test the built site and write the result; ToetsError (one Dutch line) when that cannot be done."""
    site = project / "build" / "site"
    if not (site / "index.html").is_file():
        raise ToetsError("er is nog geen website in build/site om te testen; bouw hem eerst met: koers build")
    refused = guarded_folder(project, project / "build")
    if refused:
        raise ToetsError(refused)
    pages = site_pages(site)
    found, version = _run(site, pages)
    day = (today or datetime.date.today()).isoformat()
    tool = f"axe-core {axe_version()} in Chromium {version.split('.')[0]}"
    passed = not any(found.values())
    data = result_data(day, tool, len(pages), {w: len(v) for w, v in found.items()}, {CHECK_NAME: passed}, known_issues(found))
    target = project / ACCESSIBILITY_RESULT
    try:
        store_atomically(target, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    except OSError as exc:
        raise ToetsError(f"{ACCESSIBILITY_RESULT} kon niet worden geschreven: {os_reason(exc)}") from None
    result = parse_accessibility(data)
    assert result is not None  # what result_data makes is a result
    return Tested(result, [v for width in sorted(found, reverse=True) for v in found[width]], target)
