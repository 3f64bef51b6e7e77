"""Markdown bodies → safe HTML, one policy for the site and the document.

Policy (for editors: docs/veiligheid.md): Markdown is rendered with a small set
of extensions; raw HTML is then limited by nh3 to an allow-list of harmless
text tags. No scripts, styles, images, iframes, forms or event-handler
attributes survive; no class, id or style attributes either; links keep only
http(s), mailto and relative URLs (no javascript:, data: or vbscript:) and get
rel="noopener noreferrer". Characters that are not allowed in XML or HTML
(control characters, lone surrogates, non-characters) are removed first, so
the output is always well-formed and encodable.
"""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody", "td", "th",
    "thead", "tr", "ul", "mark", "small", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": set(), "span": set()}
URL_SCHEMES = {"http", "https", "mailto"}

# C0 controls except tab and newline, DEL, C1 controls, lone surrogates and the non-characters:
# none may appear in XML 1.0, HTML calls them parse errors, and a lone surrogate cannot even be encoded.
_NOT_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)


def clean_text(text: str) -> str:
    """Text without characters that XML, HTML or UTF-8 cannot carry (carriage returns become newlines)."""
    return _NOT_TEXT.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    """One Markdown converter, reset before each use: building one costs more than most conversions."""
    return markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")


# Large enough for every body and action note of a 1,000-opgave strategy: the site shows each
# action note on several pages, and a cache that is too small misses every time.
@lru_cache(maxsize=65536)
def markdown_to_html(text: str) -> str:
    """Render a content Markdown body to sanitised HTML."""
    html = _converter().reset().convert(clean_text(text))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


# A start or end tag of serialised HTML; attribute values may hold '>' (nh3 writes them in double quotes).
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def html_depth(html: str) -> int:
    """How many elements deep the (well-formed, sanitised) HTML nests at its deepest."""
    depth = deepest = 0
    for tag in _TAG.finditer(html):
        if tag.group(1):
            depth -= 1
        elif tag.group(2).lower() not in _VOID and not tag.group(3):
            depth += 1
            deepest = max(deepest, depth)
    return deepest
