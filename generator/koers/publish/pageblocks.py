"""A Markdown extension for Koers' own pages: the HTML between their headings is kept whole, unparsed.

Koers writes every page itself (koers.render.pages.base): Markdown headings, each on the line
after HEADING_MARK, and between them only HTML that Koers made, with every content string
escaped and every body sanitised. Python-Markdown would read that HTML tag by tag, only to find
where each block ends: most of the engine's time per page (the 20 pages that show an opgave's
title hold 300 KB, and `koers serve` rebuilds them all after a title edit). The marks already
say where the HTML is, so each stretch between two headings goes to the HTML stash in one piece,
before the engine's own HTML-block reader runs, and comes back out as it went in.

A stretch that does not begin with a block-level tag is left to Python-Markdown, which would wrap
it in a paragraph. The same HTML reaches the page either way; only blank lines between blocks
differ (tests/test_page_blocks.py compares every page of the example both ways). A page without
marks, which no Koers page is, is converted as before.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from koers.render.pages.base import HEADING_MARK

_FIRST_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")


class _Blocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if HEADING_MARK not in lines:
            return lines
        out: list[str] = []
        stretch: list[str] = []
        rows = iter(lines)
        for line in rows:
            if line == HEADING_MARK:
                self._keep(stretch, out)
                stretch = []
                out.append(next(rows, ""))
            else:
                stretch.append(line)
        self._keep(stretch, out)
        return out

    def _keep(self, stretch: list[str], out: list[str]) -> None:
        text = "\n".join(stretch).strip("\n")
        first = _FIRST_TAG.match(text)
        if first is None or not self.md.is_block_level(first.group(1).lower()):
            out.extend(stretch)
            return
        # Blank lines on both sides make the placeholder a paragraph of its own, which the stash replaces whole.
        out.extend(("", self.md.htmlStash.store(text), "", ""))


class PageBlocks(Extension):
    """Registered just after whitespace normalising (30) and before the HTML-block reader (20)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(_Blocks(md), "koers_page_blocks", 25)


def makeExtension(**kwargs: Any) -> PageBlocks:  # noqa: N802 - Python-Markdown's entry point
    return PageBlocks(**kwargs)
