"""axe-core over every page of a built site, at a wide and a narrow screen: the checks of `koers toets` and of Koers' own tests.

axe-core (koers/vendor/axe-core, MPL-2.0) is injected into each page before the page's own scripts; it runs the
WCAG 2.0 and 2.1 rules of level A and AA. Only violations count (not 'incomplete', which needs a human).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from koers.resources import vendored

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (1280, 390)
HEIGHT = 900
CHECK_NAME = "WCAG 2.1 niveau A en AA met axe-core, op elke pagina"
# axe.run is started in every tab before any result is awaited: each tab has its own renderer, so the widths run in parallel.
START = """(tags) => {
  window.__koersAxe = axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
    .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || ''}))})));
}"""


@dataclass(frozen=True)
class Violation:
    """One axe rule broken on one page at one screen width."""

    width: int
    page: str
    rule: str
    impact: str | None
    help: str
    nodes: tuple[tuple[str, str], ...]  # (CSS selector, axe's summary) per element

    def describe(self) -> str:
        nodes = "\n".join(f"      {target}: {' '.join(summary.split())[:300]}" for target, summary in self.nodes[:8])
        return f"  {self.width} px, {self.page}: {self.rule} ({self.impact}): {self.help}\n{nodes}"


@functools.cache
def axe_source() -> str:
    return vendored("axe-core/axe.min.js").read_text(encoding="utf-8")


def axe_version() -> str:
    match = re.search(r"axe v([\d.]+)", axe_source()[:200])
    return match[1] if match else "onbekend"


def _violation(width: int, page: str, found: dict[str, Any]) -> Violation:
    nodes = tuple((str(n.get("target", "")), str(n.get("summary", ""))) for n in found.get("nodes", []))
    return Violation(width, page, str(found["id"]), found.get("impact"), str(found.get("help", "")), nodes)


def audit(context: Any, url: Callable[[str], str], pages: Iterable[str], widths: Iterable[int] = WIDTHS) -> dict[int, list[Violation]]:
    """The violations per screen width, over every page, in one tab per width of a Playwright browser context."""
    context.add_init_script(script=axe_source())
    tabs = {width: context.new_page() for width in widths}
    found: dict[int, list[Violation]] = {width: [] for width in tabs}
    try:
        for width, tab in tabs.items():
            tab.set_viewport_size({"width": width, "height": HEIGHT})
        for page in pages:
            for tab in tabs.values():
                tab.goto(url(page), wait_until="load")
                tab.evaluate(START, AXE_TAGS)
            for width, tab in tabs.items():
                found[width] += [_violation(width, page, v) for v in tab.evaluate("() => window.__koersAxe")]
    finally:
        for tab in tabs.values():
            tab.close()
    return found


def known_issues(found: dict[int, list[Violation]]) -> list[dict[str, Any]]:
    """The violations per rule, for build/toegankelijkheid.json: what the rule asks, how serious, on which pages and widths."""
    rules: dict[str, list[Violation]] = {}
    for violation in (v for width in sorted(found) for v in found[width]):
        rules.setdefault(violation.rule, []).append(violation)
    return [
        {
            "regel": rule,
            "beschrijving": seen[0].help,
            "ernst": seen[0].impact,
            "paginas": sorted({v.page for v in seen}),
            "breedtes": sorted({v.width for v in seen}, reverse=True),
        }
        for rule, seen in sorted(rules.items())
    ]
