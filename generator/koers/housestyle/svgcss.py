"""CSS inside a theme's SVG (<style>, style="…", presentation attributes): may it load anything?

CSS is read with tinycss2, the tokenizer WeasyPrint uses, so escapes are
decoded first (`ur\\l(`, `\\75 rl(` are `url(`) and comments cannot hide a
rule. A `url(…)` must point inside the file (`#id`); any function outside the
allow-list (image-set(), src(), attr(), …) and any at-rule but @media is refused.

Blocks are checked as the tokens tinycss2 made, never serialised and parsed
again, and nesting deeper than _MAX_DEPTH is refused, so the recursion here is
bounded whatever the input.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import tinycss2

from koers.housestyle.excerpt import excerpt
from koers.housestyle.svgallow import CSS_AT_RULES, CSS_FUNCTIONS

_EXTERNAL = "laadt stijl of afbeeldingen van buiten het bestand"
_BROKEN = "bevat CSS die niet klopt"
_MAX_DEPTH = 32  # nested blocks: deeper than any real stylesheet, shallow enough for the recursion

CssInput = str | Iterable[Any]  # CSS text, or component values tinycss2 already made


def inert_at_a_glance(text: str) -> bool:
    """True when CSS text cannot load anything without tokenizing it: no function, url(), escape or at-rule."""
    return not any(c in text for c in "(\\@")


def _local(target: str) -> bool:
    return target.strip().startswith("#")


def _url_function(token: Any) -> str | None:
    """url("…") written as a function: one string that points inside the file."""
    parts = [t for t in token.arguments if t.type not in ("whitespace", "comment")]
    if len(parts) == 1 and parts[0].type == "string" and _local(parts[0].value):
        return None
    # Shown from the first tokens' own text: serialising arbitrary nesting could recurse without bound.
    target = "".join(str(getattr(t, "value", "")) for t in parts[:8])
    return f"{_EXTERNAL} (url({excerpt(target)}))"


def values_problem(tokens: Iterable[Any], depth: int = 0) -> str | None:
    """Why these CSS component values could load something or are not CSS; None when they are inert."""
    if depth > _MAX_DEPTH:
        return _BROKEN
    for token in tokens:
        kind = token.type
        problem = None
        if kind == "url" and not _local(token.value):
            problem = f"{_EXTERNAL} (url({excerpt(token.value)}))"
        elif kind == "error":
            problem = _BROKEN
        elif kind == "at-keyword":
            problem = f"bevat de CSS-regel @{excerpt(token.lower_value)}"
        elif kind == "function" and token.lower_name == "url":
            problem = _url_function(token)
        elif kind == "function" and token.lower_name not in CSS_FUNCTIONS:
            problem = f"gebruikt de CSS-functie {excerpt(token.lower_name)}()"
        elif kind == "function":
            problem = values_problem(token.arguments, depth + 1)
        elif kind in ("() block", "[] block", "{} block"):
            problem = values_problem(token.content, depth + 1)
        if problem:
            return problem
    return None


def declarations_problem(css: CssInput, depth: int = 0) -> str | None:
    """A style="…" attribute or the body of a rule: every declaration value must be inert."""
    if depth > _MAX_DEPTH:
        return _BROKEN
    for item in tinycss2.parse_blocks_contents(css, skip_comments=True, skip_whitespace=True):
        problem = _item_problem(item, depth)
        if problem:
            return problem
    return None


def stylesheet_problem(css: CssInput, depth: int = 0) -> str | None:
    """The text of a <style> element: rules with inert declarations, @media at most."""
    if depth > _MAX_DEPTH:
        return _BROKEN
    for item in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        problem = _item_problem(item, depth)
        if problem:
            return problem
    return None


def _item_problem(item: Any, depth: int) -> str | None:
    if item.type == "declaration":
        return values_problem(item.value, depth + 1)
    if item.type == "at-rule":
        if item.lower_at_keyword not in CSS_AT_RULES:
            return f"bevat de CSS-regel @{excerpt(item.lower_at_keyword)}"
        return values_problem(item.prelude, depth + 1) or stylesheet_problem(item.content or [], depth + 1)
    if item.type == "qualified-rule":
        # Selectors cannot load anything; a url() in one is still refused, in case a parser reads it otherwise.
        if any(t.type == "url" or (t.type == "function" and t.lower_name == "url") for t in item.prelude):
            return _EXTERNAL
        return declarations_problem(item.content, depth + 1)
    return _BROKEN


def attribute_problem(value: str) -> str | None:
    """A presentation attribute such as fill="url(#verloop)" or cursor="…"."""
    return values_problem(tinycss2.parse_component_value_list(value, skip_comments=True))
