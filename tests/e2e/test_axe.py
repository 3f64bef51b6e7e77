"""axe-core with the WCAG 2.0 and 2.1 A and AA rules finds nothing, on every page, on a wide and a narrow screen."""

from __future__ import annotations

from typing import Any

import pytest

from .support import AXE_TAGS, HEIGHT, WIDTHS, Site, axe_source

pytestmark = pytest.mark.e2e
CONTROLE = "WCAG 2.1 niveau A en AA met axe-core, op elke pagina"
# axe.run is started in every tab before any result is awaited: each tab has its own renderer, so the widths run in parallel.
START = """(tags) => {
  window.__koersAxe = axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
    .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))})));
}"""


def _describe(width: int, page: str, violation: dict[str, Any]) -> str:
    nodes = "\n".join(f"      {n['target']}: {' '.join(n['summary'].split())[:300]}" for n in violation["nodes"][:8])
    return f"  {width} px, {page}: {violation['id']} ({violation['impact']}): {violation['help']}\n{nodes}"


def test_axe_finds_no_violation_on_any_page(site: Site, context: Any) -> None:
    context.add_init_script(script=axe_source())
    tabs = {width: context.new_page() for width in WIDTHS}
    for width, tab in tabs.items():
        tab.set_viewport_size({"width": width, "height": HEIGHT})
    found: dict[int, list[str]] = {width: [] for width in WIDTHS}
    for page in site.pages:
        for tab in tabs.values():
            tab.goto(site.url(page), wait_until="load")
            tab.evaluate(START, AXE_TAGS)
        for width, tab in tabs.items():
            found[width] += [_describe(width, page, v) for v in tab.evaluate("() => window.__koersAxe")]
    for tab in tabs.values():
        tab.close()
    site.problems.update({width: len(problems) for width, problems in found.items()})
    assert len(site.pages) > 20
    problems = [p for width in WIDTHS for p in found[width]]
    assert not problems, f"{len(problems)} overtredingen van WCAG 2.1 A/AA:\n" + "\n".join(problems)
