"""The bits of mkdocs.yml that end up as markup on every page: the copyright line and the logo link.

Material prints ``copyright`` into the footer as HTML and ``extra.homepage`` into the href of
the logo link, both without escaping. The kernteam may keep a little markup in the copyright line
(``&copy;``, a link to the organisation, bold text): the tags and links below, nothing else.
``copyright_problems`` names what `koers check` refuses; ``clean_copyright`` (nh3) is what the
build prints whatever the check said, so a parser difference can never let markup through.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3

COPYRIGHT_TAGS = frozenset({"a", "b", "br", "em", "i", "span", "strong"})
LINK_SCHEMES = ("https://", "http://", "mailto:")
# A path inside the site: no scheme, no host, nothing that an attribute or a browser would read otherwise.
_SITE_PATH = re.compile(r"[A-Za-z0-9._~/%?#=+-]*")
_WEB_ADDRESS = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~/%?#=+&;:,@!$*()-]*)?", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")


def _link_allowed(href: str) -> bool:
    """Whether a link is a web or mail address (as a browser reads it: controls and spaces dropped)."""
    return _INVISIBLE.sub("", href).lower().startswith(LINK_SCHEMES)


class _Tags(HTMLParser):
    """Collects every tag, attribute and link of a bit of HTML that the copyright policy refuses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refused: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in COPYRIGHT_TAGS:
            self.refused.append(f"<{tag}>")
            return
        for name, value in attrs:
            if tag != "a" or name != "href":
                self.refused.append(f"het attribuut {name}")
            elif not _link_allowed(value or ""):
                self.refused.append("een link die niet naar een webadres of e-mailadres gaat")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def copyright_problems(text: str) -> list[str]:
    """What in a copyright line is not allowed (tags, attributes, links), each named once, in order."""
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return list(dict.fromkeys(parser.refused))


def clean_copyright(text: str) -> str:
    """The copyright line with only the allowed tags, href on links (web and mail addresses) and no comments."""
    return nh3.clean(
        text,
        tags=set(COPYRIGHT_TAGS),
        attributes={"a": {"href"}, "*": set()},  # "*": no lang or title, which nh3 allows on every tag by default
        url_schemes={"http", "https", "mailto"},
        attribute_filter=lambda tag, name, value: value if name != "href" or _link_allowed(value) else None,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def homepage_allowed(value: str) -> bool:
    """Whether extra.homepage is a web address (http or https) or a path inside the site."""
    if _WEB_ADDRESS.fullmatch(value):
        return True
    return bool(value) and bool(_SITE_PATH.fullmatch(value)) and not value.startswith("//")


def homepage_href(value: str) -> str:
    """extra.homepage as Material may print it raw into the logo's href: checked, and entities written out."""
    return html.escape(value) if homepage_allowed(value) else ""
