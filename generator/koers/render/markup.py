"""Markdown bodies → safe HTML, one policy for the site and the document.

Policy: Markdown is rendered with a small set of extensions; raw HTML is then
limited by nh3 to an allow-list of harmless text tags. No scripts, styles,
iframes, forms or event-handler attributes survive, and links keep only
http(s), mailto and relative URLs (no javascript: or data:).
"""

from __future__ import annotations

from functools import lru_cache

import markdown
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3", "h4", "h5",
    "h6", "hr", "i", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody", "td", "th",
    "thead", "tr", "ul", "mark", "small", "span",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": set(), "span": set()}
URL_SCHEMES = {"http", "https", "mailto"}


@lru_cache(maxsize=4096)
def markdown_to_html(text: str) -> str:
    """Render a content Markdown body to sanitised HTML."""
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
