"""Helpers for the site tests (no tests here): build a site with Koers' own pages, and read what a browser would load."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from koers.findings import Report
from koers.pipeline.check import check
from koers.pipeline.context import page_context
from koers.publish.engine import run_engine
from koers.publish.outputs import Output, write_outputs
from koers.render.pages.assemble import render_pages

# Attributes through which a browser fetches something on its own (not links a reader may follow).
LOADING = {
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("audio", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
    ("track", "src"),
}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


@dataclass
class Built:
    """A site built in a staging folder: its docs, its site and the report of the whole run."""

    staging: Path
    report: Report
    outputs: list[Output] = field(default_factory=list)

    @property
    def site(self) -> Path:
        return self.staging / "site"

    def html(self, page: str) -> str:
        return (self.site / page).read_text(encoding="utf-8")

    def pages(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))


def build_site(project: Path, downloads: list[Output] | None = None) -> Built:
    """check → render_pages → write → run_engine, as the pipeline does (without posters and document)."""
    checked = check(project)
    assert not checked.report.errors, checked.report.as_text()
    assert checked.strategy is not None and checked.style is not None
    downloads = downloads or []
    outputs = render_pages(checked.strategy, checked.style, page_context(project, downloads)) + downloads
    staging = project / "build" / "staging"
    write_outputs(staging / "docs", outputs)
    run_engine(project, staging, checked.report)
    return Built(staging, checked.report, outputs)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()
        self.styles: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.lang: str | None = None
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "link" and ("rel", "canonical") in attrs:
            return  # the page's own address (with site_url), which no browser loads
        for name, value in attrs:
            value = value or ""
            self.attrs.append((tag, name, value))
            if name == "id":
                self.ids.add(value)
            if name in ("href", "src", "srcset", "data", "poster"):
                self.refs.append((tag, name, value))
            if name == "style":
                self.styles.append(value)
            if tag == "html" and name == "lang":
                self.lang = value
        self._in_style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)
            self._in_style = False


@lru_cache(maxsize=512)
def parse(path: Path) -> _Collector:
    """The references, ids and lang of a built page (cached: built pages do not change)."""
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def is_external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "file")


def resolve(site: Path, page: Path, url: str) -> tuple[Path, str]:
    """The file a relative URL on `page` points at, and its fragment."""
    parts = urlsplit(url)
    if not parts.path:
        return page, parts.fragment
    # Root-relative URLs occur only in 404.html, which a web server serves at any depth.
    base = "" if parts.path.startswith("/") else posixpath.dirname(page.relative_to(site).as_posix())
    target = site / posixpath.normpath(posixpath.join(base, unquote(parts.path).lstrip("/")))
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def loaded_urls(site: Path) -> list[tuple[Path, str]]:
    """Every URL the built pages and stylesheets make a browser load (HTML attributes, inline styles, CSS)."""
    found: list[tuple[Path, str]] = []
    for page in sorted(site.rglob("*.html")):
        parsed = parse(page)
        for tag, name, value in parsed.refs:
            if (tag, name) in LOADING:
                found += [(page, v.strip().split(" ")[0]) for v in value.split(",")] if name == "srcset" else [(page, value)]
        for style in parsed.styles:
            found += [(page, a or b) for a, b in CSS_URL.findall(style)]
    for sheet in sorted(site.rglob("*.css")):
        text = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
        found += [(sheet, a or b) for a, b in CSS_URL.findall(text)]
    return found
