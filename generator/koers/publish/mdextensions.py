"""Which Markdown extensions mkdocs.yml may turn on, and with which options: an allow-list.

Koers renders every Markdown body itself (koers.render.markup) into sanitised HTML; the engine then
runs Python-Markdown over the generated pages once more, with the kernteam's extensions. So an
extension may only do things that cannot undo that sanitising: no reading files (snippets, b64),
nothing fetched or linked from another host (emoji with its default images), no preprocessor that
rewrites the already safe HTML (fenced code blocks would turn ``~~~ {onclick=…}`` inside a body
into an attribute; critic markup inside an attribute value breaks out of it), and no option that
is printed as raw HTML or names Python code (the tolerant loader turns ``!!python/name:…`` into a
plain string, and the engine config is written as plain data, so no value can name an object).

Each allowed extension lists its allowed options with the values they may take; anything else is
refused with a Dutch message. Options that only switch behaviour (true/false, small numbers, class
names) are allowed where they have an effect on Koers' pages; text options only without markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

KeyPath = tuple[object, ...]
Problem = tuple[KeyPath, str]

_NAME = re.compile(r"[A-Za-z0-9_ -]{0,40}")
_TEXT = re.compile(r"[^<>\"'`\x00-\x1f\x7f]{0,40}")
_DEPTH = re.compile(r"([1-6])-([1-6])")


@dataclass(frozen=True)
class Option:
    """The values an option may take, and how to say so in Dutch."""

    accepts: Callable[[object], bool]
    expected: str


def _pygments_style(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        from pygments.styles import get_all_styles
    except ImportError:  # pragma: no cover - pygments comes with pymdown-extensions
        return bool(_NAME.fullmatch(value))
    return value in set(get_all_styles())


def _depth(value: object) -> bool:
    match = _DEPTH.fullmatch(value) if isinstance(value, str) else None
    return match is not None and match.group(1) <= match.group(2)


BOOL = Option(lambda v: isinstance(v, bool), "true of false")
NAME = Option(lambda v: isinstance(v, str) and bool(_NAME.fullmatch(v)), "een naam van hoogstens 40 letters, cijfers, spaties, - of _")
TEXT = Option(lambda v: isinstance(v, str) and bool(_TEXT.fullmatch(v)), "een tekst van hoogstens 40 tekens zonder <, >, aanhalingstekens of `")
LEVEL = Option(lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 6, "een heel getal van 1 tot en met 6")
STYLE = Option(_pygments_style, "de naam van een Pygments-stijl, zoals default of friendly")


def _one_of(*values: object) -> Option:
    return Option(lambda v: any(v == value and type(v) is type(value) for value in values), "een van: " + ", ".join(map(str, values)))


def _either(first: Option, second: Option) -> Option:
    return Option(lambda v: first.accepts(v) or second.accepts(v), f"{first.expected}, of {second.expected}")


def _list_of(item: Option) -> Option:
    return Option(lambda v: isinstance(v, list) and len(v) <= 10 and all(item.accepts(i) for i in v), f"een lijst met elk {item.expected}")


def _bools(*names: str) -> dict[str, Option]:
    return dict.fromkeys(names, BOOL)


HIGHLIGHT = {
    **_bools("use_pygments", "guess_lang", "noclasses", "linenums", "anchor_linenums", "auto_title", "pygments_lang_class", "code_attr_on_pre", "stripnl"),
    "css_class": NAME, "pygments_style": STYLE, "linenums_style": _one_of("table", "inline", "pymdownx-inline"), "default_lang": NAME,
    "line_spans": NAME, "line_anchors": NAME, "language_prefix": NAME,
}  # fmt: skip

EXTENSIONS: dict[str, dict[str, Option]] = {
    "abbr": {}, "admonition": {}, "attr_list": {}, "def_list": {}, "legacy_attrs": {}, "legacy_em": {}, "md_in_html": {},
    "meta": {}, "nl2br": {}, "sane_lists": {}, "wikilinks": {},
    "footnotes": _bools("UNIQUE_IDS", "USE_DEFINITION_ORDER"),
    "smarty": _bools("smart_quotes", "smart_angled_quotes", "smart_dashes", "smart_ellipses"),
    "tables": _bools("use_align_attribute"),
    "toc": {
        "marker": TEXT, "title": TEXT, "title_class": NAME, "toc_class": NAME, "anchorlink": BOOL, "anchorlink_class": NAME,
        "permalink": _either(BOOL, TEXT), "permalink_class": NAME, "permalink_title": TEXT, "permalink_leading": BOOL,
        "baselevel": LEVEL, "separator": _one_of("-", "_", "."), "toc_depth": _either(LEVEL, Option(_depth, "een bereik zoals 2-3")),
    },
    "codehilite": {**_bools("linenums", "guess_lang", "noclasses", "use_pygments"), "css_class": NAME, "pygments_style": STYLE, "lang_prefix": NAME},
    # Only the generic mode (spans with the TeX as text); the default mode writes <script type="math/tex"> elements.
    "pymdownx.arithmatex": {
        "generic": Option(lambda v: v is True, "true (Koers gebruikt alleen de vorm zonder <script>-elementen)"), "smart_dollar": BOOL, "preview": BOOL,
        "block_syntax": _list_of(_one_of("dollar", "square", "begin")), "inline_syntax": _list_of(_one_of("dollar", "round")),
    },
    "pymdownx.betterem": {"smart_enable": _one_of("all", "asterisk", "underscore", "none")},
    "pymdownx.caret": _bools("smart_insert", "insert", "superscript"),
    "pymdownx.details": {},
    # Koers sets the index and the generator itself (publish.engine): emoji become characters, not images from a CDN.
    "pymdownx.emoji": {"alt": _one_of("unicode", "short", "html_entity"), "remove_variation_selector": BOOL},
    "pymdownx.highlight": HIGHLIGHT,
    "pymdownx.inlinehilite": {"style_plain_text": BOOL, "css_class": NAME},
    "pymdownx.keys": {"separator": TEXT, "strict": BOOL, "camel_case": BOOL, "class": NAME},
    "pymdownx.magiclink": {
        **_bools("hide_protocol", "repo_url_shortener", "social_url_shortener", "repo_url_shorthand", "social_url_shorthand", "normalize_issue_symbols"),
        "provider": _one_of("github", "gitlab", "bitbucket"), "user": NAME, "repo": NAME,
    },
    "pymdownx.mark": _bools("smart_mark"),
    "pymdownx.progressbar": {"level_class": BOOL, "add_classes": NAME},
    "pymdownx.saneheaders": {},
    "pymdownx.smartsymbols": _bools("trademark", "copyright", "registered", "plusminus", "arrows", "notequal", "fractions", "ordinal_numbers", "care_of"),
    "pymdownx.striphtml": {"strip_comments": BOOL, "strip_js_on_attributes": BOOL, "strip_attributes": _list_of(NAME)},
    "pymdownx.tabbed": {"alternate_style": BOOL, "combine_header_slug": BOOL, "separator": _one_of("-", "_", ".")},
    "pymdownx.tasklist": _bools("custom_checkbox", "clickable_checkbox"),
    "pymdownx.tilde": _bools("smart_delete", "delete", "subscript"),
}  # fmt: skip
# Options Koers always sets, whatever mkdocs.yml says (the allow-list admits only these values).
FORCED: dict[str, dict[str, Any]] = {"pymdownx.arithmatex": {"generic": True}}

_REWRITES = "Koers zet de tekst zelf om, en deze extensie zou de al veilig gemaakte HTML van de pagina's opnieuw bewerken"
REFUSED = {
    "pymdownx.snippets": "die voegt bestanden in de pagina's in, ook van buiten het project",
    "pymdownx.b64": "die leest bestanden in",
    "pymdownx.pathconverter": "die herschrijft links in de al veilig gemaakte HTML",
    "fenced_code": _REWRITES,
    "pymdownx.superfences": _REWRITES,
    "pymdownx.critic": _REWRITES,
}
ITEM_FORM = "schrijf '- naam' of '- naam: {optie: waarde}'"


def shown(text: str) -> str:
    """A key or name from mkdocs.yml as it may appear in a message: printable, and short."""
    printable = "".join(c if c.isprintable() else "?" for c in text)
    return printable if len(printable) <= 60 else printable[:59] + "…"


def extension_items(value: object, path: KeyPath) -> tuple[list[tuple[object, object, KeyPath]], list[Problem]]:
    """Each (name, options, path) of markdown_extensions, in the list or the mapping form MkDocs accepts."""
    if value is None:
        return [], []
    if isinstance(value, dict):
        return [(name, options, (*path, name)) for name, options in value.items()], []
    if not isinstance(value, list):
        return [], [(path, "markdown_extensions moet een lijst van Markdown-extensies zijn; " + ITEM_FORM)]
    items: list[tuple[object, object, KeyPath]] = []
    problems: list[Problem] = []
    for index, item in enumerate(value):
        if isinstance(item, str):
            items.append((item, None, (*path, index)))
        elif isinstance(item, dict) and len(item) == 1:
            name, options = next(iter(item.items()))
            items.append((name, options, (*path, index, name)))
        else:
            problems.append(((*path, index), f"item {index + 1} van markdown_extensions is geen Markdown-extensie; {ITEM_FORM}"))
    return items, problems


def _options(name: str, options: object, path: KeyPath, tagged: Callable[[KeyPath], bool]) -> tuple[dict[str, Any], list[Problem]]:
    """The allowed options of one extension, and a problem for each refused one (python-tagged values are reported elsewhere)."""
    if options is None:
        return dict(FORCED.get(name, {})), []
    if not isinstance(options, dict):
        return {}, [(path, f"de opties van Markdown-extensie '{name}' moeten sleutels met waarden zijn, zoals 'permalink: true'")]
    allowed = EXTENSIONS[name]
    kept: dict[str, Any] = {}
    problems: list[Problem] = []
    for option, value in options.items():
        where = (*path, option)
        if tagged(where):
            continue
        if not isinstance(option, str) or option not in allowed:
            hint = f"toegestaan zijn: {', '.join(sorted(allowed))}" if allowed else "in Koers heeft deze extensie geen opties"
            problems.append((where, f"optie '{shown(str(option))}' van Markdown-extensie '{name}' is niet toegestaan; {hint}"))
        elif not allowed[option].accepts(value):
            problems.append((where, f"optie '{option}' van Markdown-extensie '{name}' moet zijn: {allowed[option].expected}"))
        else:
            kept[option] = value
    return kept | FORCED.get(name, {}), problems


def screen_extensions(value: object, path: KeyPath, tagged: Callable[[KeyPath], bool]) -> tuple[list[Any], list[Problem]]:
    """The allowed extensions with their allowed options (list form), and a problem for everything refused."""
    items, problems = extension_items(value, path)
    kept: list[Any] = []
    for raw, options, where in items:
        if not isinstance(raw, str):
            problems.append((where, f"de naam van een Markdown-extensie moet tekst zijn; {ITEM_FORM}"))
            continue
        name = raw.removeprefix("markdown.extensions.")
        if name in REFUSED:
            problems.append((where, f"Markdown-extensie '{name}' is niet toegestaan: {REFUSED[name]}"))
        elif name not in EXTENSIONS:
            problems.append((where, f"Markdown-extensie '{shown(raw)}' is niet toegestaan: Koers kent alleen de extensies in docs/veiligheid.md"))
        else:
            settings, found = _options(name, options, where, tagged)
            problems += found
            kept.append({name: settings} if settings else name)
    return kept, problems
