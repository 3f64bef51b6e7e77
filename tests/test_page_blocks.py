"""Koers' pages reach the engine with their HTML between headings kept whole (koers.publish.pageblocks).

The extension only saves the engine from reading Koers' own HTML tag by tag: every page must come
out as Python-Markdown alone makes it, apart from blank lines between blocks.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from koers.pipeline.check import check
from koers.pipeline.context import page_context
from koers.publish.engine import REQUIRED_EXTENSIONS
from koers.publish.pageblocks import PageBlocks
from koers.render.markup import markdown_to_html
from koers.render.pages.assemble import render_pages
from koers.render.pages.base import HEADING_MARK
from support.projects import REPO, make_project


def _convert(text: str, blocks: bool) -> tuple[str, list[str]]:
    """The HTML of a page's Markdown (without front matter) and the pieces that went to the HTML stash."""
    md = markdown.Markdown(extensions=[*REQUIRED_EXTENSIONS, *([PageBlocks()] if blocks else [])])
    html = md.convert(text)
    return html, [str(piece) for piece in md.htmlStash.rawHtmlBlocks]


def _without_blank_lines(html: str) -> str:
    return "\n".join(line for line in html.split("\n") if line.strip())


def _body(page: str) -> str:
    return page.split("---\n", 2)[2] if page.startswith("---\n") else page


@pytest.mark.parametrize("content", [REPO / "content", REPO / "tests/cases/valid/routekaart-fasen/content"], ids=["example", "routekaart-fasen"])
def test_every_page_comes_out_as_python_markdown_alone_makes_it(tmp_path: Path, content: Path) -> None:
    project = make_project(tmp_path / "p", content)
    checked = check(project)
    assert checked.strategy is not None and checked.style is not None, checked.report.as_text()
    pages = [o for o in render_pages(checked.strategy, checked.style, page_context(project, [], checked.strategy)) if o.path.endswith(".md")]
    assert len(pages) > 20
    for page in pages:
        text = _body(page.data().decode("utf-8"))
        assert HEADING_MARK in text, page.path  # every page has its title as a marked heading
        alone, _ = _convert(text.replace(HEADING_MARK + "\n", ""), blocks=False)  # the page before the marks
        kept, pieces_kept = _convert(text, blocks=True)
        assert _without_blank_lines(kept) == _without_blank_lines(alone), page.path
        assert HEADING_MARK not in kept
        # Kept whole: each stretch of HTML between two headings is one piece of the stash, as it was written.
        stretches = [part.strip("\n") for part in re.split(rf"^{HEADING_MARK}\n[^\n]*\n", text, flags=re.MULTILINE) if part.strip()]
        assert stretches and set(stretches) <= set(pieces_kept), page.path


def test_a_heading_like_line_inside_the_html_stays_part_of_it() -> None:
    body = markdown_to_html("Zo:\n\n    # geen kop\n\n    ## ook geen kop\n")
    page = f"{HEADING_MARK}\n# Titel\n\n<div class=\"koers-tekst\">\n{body}\n</div>\n\n{HEADING_MARK}\n## Daarna {{#daarna}}\n\n<p>Tekst</p>\n"
    html, _ = _convert(page, blocks=True)
    assert re.findall(r"<h[1-6][^>]*>", html) == ['<h1 id="titel">', '<h2 id="daarna">']
    assert "# geen kop\n\n## ook geen kop" in html  # the code block, blank line and all, as it was
    assert html.count("<p>Tekst</p>") == 1 and "<p><div" not in html


def test_content_cannot_forge_a_heading_mark() -> None:
    assert HEADING_MARK not in markdown_to_html(f"Tekst\n\n{HEADING_MARK}\n# Nep\n\n<b>{HEADING_MARK}</b>")
