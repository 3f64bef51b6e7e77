"""Shared pieces for the site pages: page paths, relative URLs, escaping and the Jinja2 environment.

Pages are Markdown for the site engine, but every content string is emitted
inside small, block-level HTML (escaped by Jinja2's autoescape). Only headings
are Markdown (so the engine builds its table of contents); their text is both
HTML-escaped and Markdown-escaped. Each heading line of a page template gets a
line HEADING_MARK before it when the template is read, so the engine can keep
the HTML between two headings whole instead of parsing it again
(koers.publish.pageblocks); content cannot forge the mark, because every content
string is escaped and every body sanitised. Links inside HTML blocks are not rewritten
by the engine, so they are final: relative and ending in .html, which also
works from a file share.
"""

from __future__ import annotations

import html
import posixpath
import re
from functools import lru_cache
from typing import Any

import yaml
from jinja2 import Environment
from jinja2.ext import Extension
from markupsafe import Markup

from koers.content.model import STATUS_LABELS
from koers.dutch import dutch_date, plural
from koers.render.indicators import indicator_line, key_indicators
from koers.render.markup import markdown_to_html
from koers.resources import templates_dir
from koers.templating import environment as template_environment

HOME = "index.md"
VISION = "visie.md"
OPGAVEN = "opgaven/index.md"
THEMES = "themas/index.md"
AGENDA = "agenda/index.md"
PROGRESS = "voortgang/index.md"
TEAMS = "teams/index.md"
DOWNLOADS = "downloads.md"
ABOUT = "over.md"
STATEMENT = "toegankelijkheid.md"

# The characters Python-Markdown (with the tables extension) unescapes after a backslash.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_SPACE = re.compile(r"\s+")
HEADING_MARK = "<!--koers-kop-->"
_HEADING_LINE = re.compile(r"^(?=#{1,6} )", re.MULTILINE)


def _in(folder: str, name: str) -> str:
    # An id 'index' would collide with the section's overview page.
    return f"{folder}/{name if name != 'index' else 'index-1'}.md"


def opgave_page(opgave_id: str) -> str:
    return _in("opgaven", opgave_id)


def theme_page(theme_id: str) -> str:
    return _in("themas", theme_id)


def year_page(slug: str) -> str:
    """The page of a year ('2024') or a phase (its id)."""
    return f"agenda/{slug}.md"


def progress_page(slug: str) -> str:
    """The progress report of a year or phase."""
    return _in("voortgang", slug)


def team_page(team_id: str) -> str:
    return _in("teams", team_id)


def action_anchor(action_id: str) -> str:
    return f"actie-{action_id}"


def url(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A relative link from one docs page to another, as the built .html file."""
    rel = _relative(posixpath.dirname(from_page) or ".", to_page)
    return f"{rel}#{anchor}" if anchor else rel


@lru_cache(maxsize=65536)
def _relative(base: str, to_page: str) -> str:
    """posixpath.relpath is slow (it resolves both paths); pages link to the same few targets many times."""
    target = to_page[:-3] + ".html" if to_page.endswith(".md") else to_page
    return posixpath.relpath(target, base)


def one_line(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def md_text(text: str) -> Markup:
    """Text for a Markdown line (a heading): HTML-escaped and Markdown-escaped."""
    return Markup(html.escape(_MD_SPECIAL.sub(r"\\\1", one_line(text)), quote=False))


def heading_id(anchor: str) -> Markup:
    """An attr_list id for a Markdown heading (written here because '{#' opens a Jinja2 comment)."""
    return Markup("{#" + re.sub(r"[^a-z0-9-]", "", anchor) + "}")


def percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def front_matter(title: str, edit_url: str | None = None, hide: tuple[str, ...] = (), description: str = "") -> str:
    """YAML front matter the engine reads; titles are HTML-escaped because the theme prints them raw."""
    meta: dict[str, Any] = {"title": html.escape(one_line(title))}
    if edit_url:
        meta["edit_url"] = edit_url
    if hide:
        meta["hide"] = list(hide)
    if description:
        meta["description"] = html.escape(one_line(description))
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, width=10_000) + "---\n\n"


def _body(text: str) -> Markup:
    return Markup(markdown_to_html(text)) if text.strip() else Markup("")


class _HeadingMarks(Extension):
    """Puts HEADING_MARK on its own line before every Markdown heading line of a page template's source."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return _HEADING_LINE.sub(HEADING_MARK + "\n", source)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja2 environment for page templates: autoescape on, undefined is an error."""
    filters = {"md": md_text, "body": _body, "date": dutch_date, "line": one_line}
    env = template_environment(templates_dir() / "pages", filters=filters)
    env.add_extension(_HeadingMarks)
    env.globals.update(
        STATUS_LABELS=STATUS_LABELS,
        plural=plural,
        percent=percent,
        key_indicators=key_indicators,
        indicator_line=indicator_line,
        opgave_page=opgave_page,
        theme_page=theme_page,
        year_page=year_page,
        team_page=team_page,
        action_anchor=action_anchor,
        heading_id=heading_id,
        HOME=HOME,
        VISION=VISION,
        OPGAVEN=OPGAVEN,
        THEMES=THEMES,
        AGENDA=AGENDA,
        PROGRESS=PROGRESS,
        progress_page=progress_page,
        TEAMS=TEAMS,
        DOWNLOADS=DOWNLOADS,
        ABOUT=ABOUT,
        STATEMENT=STATEMENT,
    )
    return env


def render(template: str, page: str, **values: Any) -> str:
    """Render one page template; `link(to, anchor)` in the template is relative to this page."""

    def link(to_page: str, anchor: str | None = None) -> str:
        return url(page, to_page, anchor)

    return environment().get_template(template).render(page=page, link=link, **values)
