"""Characters the house font cannot draw: a warning on every text that uses them.

The posters (SVG, PNG, PDF) and the written strategy (PDF) are set in the house style's
own font and nothing else, so an emoji, a bidi control or a combining mark the font lacks
prints as an empty box (.notdef). Checked against the regular and the bold font's
character maps. Not warned: the soft hyphen (the posters drop it, the document hyphenates
with it), the invisible format characters (zero-width space and joiners, word joiner,
byte-order mark), which no output draws, and control characters, which are errors already.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache
from typing import Any

from koers.content.load import Content
from koers.content.schema import describe
from koers.content.yamlread import bad_character
from koers.findings import Report
from koers.housestyle.theme import HouseStyle
from koers.render.text import load_metrics

IGNORED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff\n\r\t")
SHOWN = 5  # characters named in one warning


@cache
def _drawable(regular: str, bold: str) -> frozenset[int]:
    """The code points both the regular and the bold font map to a glyph."""
    return frozenset(load_metrics(regular).advances.keys() & load_metrics(bold).advances.keys())


def _strings(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every text value of YAML data with its key path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))


def _missing(text: str, drawable: frozenset[int]) -> list[str]:
    """The characters of text the fonts cannot draw, in order of first use."""
    # Control characters and lone surrogates are errors of their own (koers.content.yamlread.bad_character).
    lacking = {c for c in set(text) if ord(c) not in drawable and c not in IGNORED and bad_character(c) is None}
    return sorted(lacking, key=text.index)


def _named(chars: list[str]) -> str:
    """"'😀' (U+1F600), U+202E en nog 3 andere": invisible and combining characters by their number only."""
    names = []
    for char in chars[:SHOWN]:
        code = f"U+{ord(char):04X}"
        visible = unicodedata.category(char)[0] not in ("M", "C", "Z")
        names.append(f"'{char}' ({code})" if visible else code)
    more = f" en nog {len(chars) - SHOWN} andere" if len(chars) > SHOWN else ""
    return ", ".join(names) + more


def _message(subject: str, chars: list[str]) -> str:
    which = "een teken dat" if len(chars) == 1 else "tekens die"
    return (
        f"{subject} bevat {which} het lettertype van de huisstijl niet heeft: {_named(chars)}; op de posters en in de "
        "PDF wordt dat een leeg vakje: kies een ander teken of laat het weg"
    )


def check_coverage(content: Content, style: HouseStyle, report: Report) -> None:
    """Warn for every text field and body that uses characters the house fonts cannot draw."""
    drawable = _drawable(str(style.fonts.regular), str(style.fonts.bold))
    for doc in content.documents():
        for path, text in _strings(doc.data):
            if chars := _missing(text, drawable):
                report.warning(doc.path, doc.line(path), _message(describe(path), chars))
        if chars := _missing(doc.body, drawable):
            first = min(doc.body.index(c) for c in chars)
            skipped = doc.body[: len(doc.body) - len(doc.body.lstrip())].count("\n")
            line = doc.body_line - skipped + doc.body.count("\n", 0, first)
            report.warning(doc.path, line, _message("de tekst", chars))
