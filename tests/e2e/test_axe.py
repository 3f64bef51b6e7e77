"""axe-core with the WCAG 2.0 and 2.1 A and AA rules finds nothing, on every page, on a wide and a narrow screen.

The run is `koers toets`' own (koers.publish.axe.audit), so the suite and the users' test are the same check.
"""

from __future__ import annotations

from typing import Any

import pytest

from koers.publish.axe import CHECK_NAME, audit

from .support import EVERY, REPORTED, SEVERAL_SHEETS, SHEET_PAGES, WIDTHS, Site, pages_to_check

pytestmark = pytest.mark.e2e
CONTROLE = CHECK_NAME
SITES = EVERY


def test_axe_finds_no_violation_on_any_page(site: Site, context: Any) -> None:
    pages = pages_to_check(site)
    found = audit(context, site.url, pages, WIDTHS)
    if pages == site.pages:  # only a run over every page may fill the statement (build/toegankelijkheid.json)
        site.problems.update({width: len(violations) for width, violations in found.items()})
    assert len(pages) > 20 if site.name == REPORTED else len(pages) >= (len(SHEET_PAGES) if site.name == SEVERAL_SHEETS else 10)
    # The pages that show the posters and link their files (a link per sheet for a poster of several sheets) are always checked.
    assert set(SHEET_PAGES) <= set(pages), pages
    problems = [v.describe() for width in WIDTHS for v in found[width]]
    assert not problems, f"{len(problems)} overtredingen van WCAG 2.1 A/AA:\n" + "\n".join(problems)
