"""Strict, bounded YAML reading that remembers the source line of every value.

Editors are not developers, so YAML 1.1 surprises are switched off: only
`true`/`false` are booleans (`no`, `ja`, `on` stay text), `12:30` is text, not a
sexagesimal number, dates stay text (the schema checks their form), and a
duplicate key is an error. Aliases are expanded under a budget so that an
alias bomb is refused at once.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

MAX_NODES = 50_000
MAX_DEPTH = 40
# No number in a strategy or house style needs more digits; Python refuses to read ints of over 4,300
# (a ValueError), and reading one of a million digits would take seconds before that.
MAX_DIGITS = 15

Path_ = tuple[str | int, ...]


class StrictLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-like scalars and no implicit timestamps."""


StrictLoader.yaml_implicit_resolvers = {}
_RESOLVERS = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]
for _tag, _pattern, _first in _RESOLVERS:
    StrictLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


def _fast_loader() -> type | None:
    """StrictLoader's composer on libyaml's scanner and parser (about ten times faster), when libyaml is there.

    Only the tokenising moves to C: nodes are still composed (anchors, aliases, recursion
    limit) and resolved in Python exactly as StrictLoader does. A document libyaml
    rejects is read again by StrictLoader, so the messages stay those of PyYAML.
    """
    try:
        from yaml._yaml import CParser
    except ImportError:
        return None

    class FastStrictLoader(Composer, CParser, SafeConstructor, Resolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    FastStrictLoader.yaml_implicit_resolvers = StrictLoader.yaml_implicit_resolvers
    return FastStrictLoader


_FAST_LOADER = _fast_loader()


# Where libyaml and PyYAML disagree (found by differential fuzzing, see tests/test_yamlread_fast.py): tabs, BOMs,
# NEL/LS/PS line breaks and control characters, '?' and '!' (explicit keys, tags, '?' in flow collections) and
# a comment right after a block scalar header. A document with any of them is read by PyYAML alone.
_DIVERGENT = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]|[?!]|[|>][-+0-9]*#"
    "|(?:\\A|\n)---[ ]*\\Z"  # a document that ends in '---' without a newline: libyaml puts its empty value a line lower
)


def compose(text: str) -> yaml.Node | None:
    """The node tree of one document, read strictly; raises what yaml.compose with StrictLoader raises."""
    if _FAST_LOADER is not None and not _DIVERGENT.search(text):
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except (yaml.YAMLError, ValueError):
            pass  # read it again below, for PyYAML's own (translated) message and line
    return yaml.compose(text, Loader=StrictLoader)


@dataclass(frozen=True)
class YamlProblem:
    """A problem found while reading YAML: line (1-based, in the file) and Dutch text."""

    line: int
    message: str


@dataclass
class YamlResult:
    """Plain Python data plus a map from key path to source line."""

    data: Any = None
    lines: dict[Path_, int] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)
    refused: set[Path_] = field(default_factory=set)  # values replaced by None because they were refused


class _Budget(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


_PROBLEMS_NL = [
    ("found character '\\t' that cannot start any token", "tab gevonden; gebruik spaties om in te springen"),
    ("found a tab character", "tab gevonden; gebruik spaties om in te springen"),
    ("mapping values are not allowed here", "onverwachte dubbele punt; zet tekst met een ': ' erin tussen aanhalingstekens"),
    ("could not find expected ':'", "dubbele punt ontbreekt na een sleutel (of een regel springt verkeerd in)"),
    ("found unexpected end of stream", "bestand houdt onverwacht op (een aanhalingsteken of haakje niet gesloten?)"),
    ("found undefined alias", "verwijzing (*alias) naar een anker dat niet bestaat"),
    ("expected <block end>, but found", "inspringing klopt niet"),
    ("did not find expected key", "inspringing klopt niet, of een '-' staat op de verkeerde plek"),
    ("did not find expected '-' indicator", "inspringing van de lijst klopt niet"),
    ("found unknown escape character", "onbekende escape-code met '\\' in tekst tussen dubbele aanhalingstekens"),
    ("found character that cannot start any token", "teken dat hier niet mag; zet de tekst tussen aanhalingstekens"),
    ("could not determine a constructor for the tag", "onbekende YAML-tag (!...) is niet toegestaan"),
    ("while parsing a flow", "lijst of object tussen haakjes is niet goed gesloten"),
    ("did not find expected ',' or ']'", "lijst tussen [ ] is niet goed gesloten"),
    ("did not find expected ',' or '}'", "object tussen { } is niet goed gesloten"),
    ("expected a single document", "meer dan één YAML-document in dit bestand ('---' te veel?)"),
]


def _dutch(problem: str | None, context: str | None) -> str:
    text = f"{context or ''} {problem or ''}"
    for english, dutch in _PROBLEMS_NL:
        if english in text:
            return f"YAML klopt niet: {dutch}"
    return "YAML klopt niet: controleer inspringing, dubbele punten en aanhalingstekens"


_NBSP_STRUCTURE = re.compile("(?m)(?<=:)\u00a0|^[ \u00a0]*\u00a0[ \u00a0]*")
_CURLY = re.compile("[\u201c\u201d\u2018\u2019\u201e]")
# 'titel: "Wat doen we?" (vervolg)': a quoted text with more after its closing quote (not a comment).
_AFTER_QUOTES = re.compile(r"""^\s*(?:-\s+)?[^\s:#'"][^:#]*:\s+(["']).*?\1\s*[^\s#,}\]]""")


def _forgive(text: str) -> str:
    """A non-breaking space (often pasted from Word) after a colon or in indentation counts as a space."""
    return _NBSP_STRUCTURE.sub(lambda m: m.group().replace("\u00a0", " "), text)


def read_yaml(text: str, first_line: int = 1) -> YamlResult:
    """Parse one YAML document strictly; never raises for bad input."""
    result = YamlResult()
    offset = first_line - 1
    text = _forgive(text)
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + offset
        message = _dutch(exc.problem, exc.context)
        lines = text.split("\n")
        source = lines[line - offset - 1] if 0 < line - offset <= len(lines) else ""
        if _CURLY.search(source):
            message = "YAML klopt niet: deze regel heeft gekrulde aanhalingstekens (zoals uit Word); gebruik rechte: \"…\""
        elif _AFTER_QUOTES.match(source):
            message = (
                "YAML klopt niet: na de tekst tussen aanhalingstekens staat nog meer op deze regel; "
                "zet de hele tekst tussen de aanhalingstekens"
            )
        result.problems.append(YamlProblem(line, message))
        return result
    except yaml.YAMLError:
        result.problems.append(YamlProblem(first_line, _dutch(None, None)))
        return result
    except RecursionError:
        result.problems.append(YamlProblem(first_line, "te diep geneste gegevens (meer dan 40 niveaus)"))
        return result
    if node is None:
        return result
    walker = _Walker(offset, result)
    try:
        result.data = walker.value(node, (), 0)
    except _Budget as exc:
        result.data = None
        result.lines.clear()
        result.problems.append(YamlProblem(exc.line, exc.message))
    return result


def _short(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,2002:") else tag


# Control characters (other than tab and newline), lone surrogates and non-characters cannot be
# written to XML or UTF-8; they arrive by copy-paste from other programs.
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def bad_character(text: str) -> str | None:
    """A Dutch description of the first character in text that no output can carry, or None."""
    match = _BAD_CHAR.search(text)
    if match is None:
        return None
    code = ord(match.group())
    kind = "ongeldig teken" if 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF) else "onzichtbaar stuurteken"
    return f"{kind} (U+{code:04X})"


_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")


class _Walker:
    """Turns composed nodes into plain data, counting nodes (aliases expand)."""

    def __init__(self, offset: int, result: YamlResult) -> None:
        self.offset = offset
        self.result = result
        self.count = 0

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def value(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _Budget(self.line(node), "te veel gegevens: meer dan 50.000 waarden (misbruik van &anker/*alias?)")
        if depth > MAX_DEPTH:
            raise _Budget(self.line(node), "te diep geneste gegevens (meer dan 40 niveaus)")
        self.result.lines.setdefault(path, self.line(node))
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _COLLECTION_TAGS:
            raise _Budget(self.line(node), f"YAML-tag {_short(node.tag)} is niet toegestaan; schrijf gewone gegevens")
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node, path)

    def mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.result.problems.append(YamlProblem(self.line(key_node), "een sleutel moet gewone tekst zijn"))
                continue
            key = str(key_node.value)
            if key in out:
                first = self.result.lines.get(path + (key,), 0)
                self.result.problems.append(
                    YamlProblem(self.line(key_node), f"sleutel '{key}' staat hier twee keer (eerder op regel {first})")
                )
                continue
            self.result.lines[path + (key,)] = self.line(key_node)
            out[key] = self.value(value_node, path + (key,), depth + 1)
        return out

    def scalar(self, node: yaml.Node, path: Path_) -> Any:
        text = str(node.value)
        self.result.raw[path] = text
        tag = node.tag
        if tag == "tag:yaml.org,2002:bool":
            return text.lower() == "true"
        if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            return self.number(node, path, text, tag == "tag:yaml.org,2002:int")
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag not in ("tag:yaml.org,2002:str", None):
            raise _Budget(self.line(node), f"YAML-tag {_short(tag)} is niet toegestaan; schrijf gewone tekst")
        problem = bad_character(text)
        if problem:
            name = f"'{path[-1]}'" if path and isinstance(path[-1], str) else "tekst"
            self.result.problems.append(YamlProblem(self.line(node), f"{name} bevat een {problem}; haal het weg"))
        return text

    def number(self, node: yaml.Node, path: Path_, text: str, whole: bool) -> int | float | None:
        """An int or a finite float; a refused number becomes None (with a problem), so no other check repeats it."""
        name = f"'{path[-1]}'" if path and isinstance(path[-1], str) else "een getal"
        digits = sum(char.isdigit() for char in text)
        value: float = math.nan
        if digits <= MAX_DIGITS:
            value = int(text) if whole else float(text.lower().replace(".inf", "inf").replace(".nan", "nan"))
            if math.isfinite(value):
                return value
        if digits > MAX_DIGITS:
            message = f"{name} is een getal van {digits} cijfers, meer dan {MAX_DIGITS}; bedoel je tekst, zet die dan tussen aanhalingstekens"
        else:
            message = f"{name} is geen gewoon getal ('{text}': oneindig of 'geen getal'); schrijf een getal, zoals 8 of 2.5"
        self.result.problems.append(YamlProblem(self.line(node), message))
        self.result.refused.add(path)
        return None
