"""Design tokens → house style: read W3C (`$value`) or Style Dictionary (`value`) JSON, resolve, map roles.

A token file is a tree of groups; a token is an object with `$value` (W3C design
tokens format) or `value` (older Style Dictionary). Values may reference other
tokens as `{group.token}`. Koers needs only a few of them: the colour roles of a
house style and one font family. The role → token mapping is data (DEFAULT_MAPPING,
overridable per theme), documented for editors in docs/huisstijl.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from koers.content.schema import statuses
from koers.housestyle.tokencolour import TokenError, font_family, to_hex

MAX_TOKEN_BYTES = 10_000_000
MAX_REFERENCE_DEPTH = 32
MAX_NESTING = 64
STATUS_KEYS = statuses()
COLOUR_ROLES = ("primair", "secundair", "accent", "tekst", "achtergrond", "vlak") + tuple(f"status.{k}" for k in STATUS_KEYS)
FONT_ROLE = "lettertype"
ROLES = COLOUR_ROLES + (FONT_ROLE,)
_REFERENCE = re.compile(r"\{([^{}]+)\}")

# Candidates per role, tried in order; '*' stands for exactly one path segment
# (e.g. the package prefix 'utrecht' or 'denhaag' in packages without a basis layer).
DEFAULT_MAPPING: dict[str, tuple[str, ...]] = {
    "primair": (
        "basis.color.accent-1-inverse.bg-default",
        "basis.color.accent-1.color-default",
        "*.button.primary-action.background-color",
    ),
    "secundair": (
        "basis.color.accent-2-inverse.bg-default",
        "basis.color.accent-2.color-default",
        "*.link.color",
    ),
    "accent": (
        "basis.color.accent-3.border-default",
        "basis.color.accent-1.border-default",
    ),
    "tekst": ("basis.color.default.color-document", "*.document.color"),
    "achtergrond": ("basis.color.default.bg-document", "*.document.background-color"),
    "vlak": ("basis.color.default.bg-default", "basis.color.default.bg-subtle"),
    "status.gepland": ("basis.color.default-inverse.bg-default",),
    "status.lopend": ("basis.color.info-inverse.bg-default",),
    "status.gereed": ("basis.color.positive-inverse.bg-default",),
    "status.vertraagd": ("basis.color.warning-inverse.bg-default",),
    "status.gestopt": ("basis.color.negative-inverse.bg-default",),
    "lettertype": ("basis.text.font-family.default", "*.document.font-family"),
}


@dataclass(frozen=True)
class Token:
    """One design token: its dotted path, raw value and (possibly inherited) type."""

    path: str
    value: Any
    type: str | None


@dataclass
class TokenSet:
    """All tokens of one file, by dotted path, with reference resolution."""

    tokens: dict[str, Token]
    groups: set[str] = field(default_factory=set)
    # Top-level groups in file order: Tokens Studio files put each token set there and leave it out of references.
    sets: tuple[str, ...] = ()
    _resolved: dict[str, Any] = field(default_factory=dict, repr=False)

    def lookup(self, path: str) -> str | None:
        """The stored path a reference or mapping path means, or None."""
        candidates = [path]
        if path.rsplit(".", 1)[-1] in ("value", "$value"):
            # Style Dictionary 3 writes references with the value key: {color.red.value}.
            candidates.append(path.rsplit(".", 1)[0])
        for candidate in candidates:
            if candidate in self.tokens:
                return candidate
        # The first set that has it wins, so a later 'dark' set never overrides the default scheme.
        return next((f"{s}.{c}" for c in candidates for s in self.sets if f"{s}.{c}" in self.tokens), None)

    def resolve(self, path: str, _stack: tuple[str, ...] = ()) -> Any:
        """The value of a token with every `{reference}` replaced; TokenError when that is impossible."""
        found = self.lookup(path)
        if found is None:
            if path in self.groups or any(f"{s}.{path}" in self.groups for s in self.sets):
                raise TokenError(f"'{path}' is een groep tokens, geen token")
            raise TokenError(f"token '{path}' bestaat niet")
        if found in self._resolved:
            return self._resolved[found]
        if found in _stack:
            raise TokenError("kringverwijzing: " + " → ".join(_stack[_stack.index(found) :] + (found,)))
        if len(_stack) >= MAX_REFERENCE_DEPTH:
            raise TokenError(f"te veel verwijzingen achter elkaar (meer dan {MAX_REFERENCE_DEPTH}) vanaf '{_stack[0]}'")
        value = self._substitute(self.tokens[found].value, _stack + (found,))
        self._resolved[found] = value
        return value

    def _substitute(self, value: Any, stack: tuple[str, ...]) -> Any:
        if isinstance(value, str):
            whole = _REFERENCE.fullmatch(value.strip())
            if whole:
                return self.resolve(whole.group(1).strip(), stack)
            return _REFERENCE.sub(lambda m: str(self.resolve(m.group(1).strip(), stack)), value)
        if isinstance(value, list):
            return [self._substitute(v, stack) for v in value]
        if isinstance(value, dict):
            return {k: self._substitute(v, stack) for k, v in value.items()}
        return value

    def matching(self, pattern: str) -> list[str]:
        """Token paths matching a pattern with '*' segments, sorted (deterministic choice)."""
        pattern = pattern.strip().strip("{}").strip()
        if "*" not in pattern:
            exact = self.lookup(pattern)
            return [exact] if exact else []
        body = "\\.".join("[^.]+" if part == "*" else re.escape(part) for part in pattern.split("."))
        for prefix in ("",) + tuple(f"{s}." for s in self.sets):
            regex = re.compile(re.escape(prefix) + body)
            found = sorted(p for p in self.tokens if regex.fullmatch(p))
            if found:
                return found
        return []


def _is_token(node: Mapping[str, Any]) -> bool:
    if "$value" in node:
        return True
    # Style Dictionary: an object with 'value' is a token, unless 'value' is itself a group of tokens.
    value = node.get("value")
    if "value" not in node:
        return False
    return not (isinstance(value, dict) and any(isinstance(v, dict) for v in value.values()) and "$value" not in value)


def _walk(node: Mapping[str, Any], prefix: tuple[str, ...], inherited: str | None, out: TokenSet, depth: int) -> None:
    if depth > MAX_NESTING:
        raise TokenError(f"de tokens zijn te diep genest (meer dan {MAX_NESTING} niveaus) bij '{'.'.join(prefix)}'")
    own = node.get("$type")
    group_type = own if isinstance(own, str) else inherited
    for key in sorted(node, key=str):
        child = node[key]
        if not isinstance(key, str) or key.startswith("$") or not isinstance(child, dict):
            continue
        path = prefix + (key,)
        dotted = ".".join(path)
        if _is_token(child):
            raw = child["$value"] if "$value" in child else child["value"]
            kind = child.get("$type", child.get("type", group_type))
            out.tokens[dotted] = Token(dotted, raw, kind if isinstance(kind, str) else None)
        else:
            out.groups.add(dotted)
            _walk(child, path, group_type, out, depth + 1)


def parse_tokens(data: Any) -> TokenSet:
    """A TokenSet from parsed JSON; TokenError when it holds no tokens at all."""
    if not isinstance(data, dict):
        raise TokenError("het bestand is geen JSON-object met groepen tokens")
    tokens = TokenSet({})
    _walk(data, (), None, tokens, 0)
    tokens.sets = tuple(k for k in data if isinstance(k, str) and k in tokens.groups)
    if not tokens.tokens:
        raise TokenError("geen design tokens gevonden (geen enkel object met '$value' of 'value')")
    return tokens


class TokenFileError(TokenError):
    """A token file that cannot be read, with the line of the problem when known."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


def read_tokens(path: Path) -> TokenSet:
    """Read and parse a design-token JSON file (bounded in size)."""
    try:
        size = path.stat().st_size
        if size > MAX_TOKEN_BYTES:
            raise TokenFileError(f"tokenbestand is te groot: {size / 1_000_000:.1f} MB, maximaal 10 MB".replace(".", ","))
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TokenFileError("tokenbestand is geen UTF-8") from None
    except OSError:
        raise TokenFileError("tokenbestand kan niet worden gelezen") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TokenFileError(f"tokenbestand is geen geldige JSON: {exc.msg} (kolom {exc.colno})", exc.lineno) from None
    except RecursionError:
        raise TokenFileError("tokenbestand is te diep genest") from None
    return parse_tokens(data)


@dataclass(frozen=True)
class Mapped:
    """What a mapping found: colours and font per role, with the token each came from, and what failed."""

    colours: dict[str, tuple[str, str]]
    family: tuple[str, str] | None
    problems: dict[str, str]

    def unmapped_lines(self) -> list[str]:
        """One Dutch line per role that no token could fill."""
        return [f"{role}: {reason}" for role, reason in sorted(self.problems.items(), key=lambda kv: ROLES.index(kv[0]))]


def normalise_mapping(raw: Mapping[str, Any] | None) -> dict[str, tuple[str, ...]]:
    """A theme's `koppeling` (nested, string or list per role) as flat role → candidate paths."""
    flat: dict[str, tuple[str, ...]] = {}
    for key, value in (raw or {}).items():
        if key == "status" and isinstance(value, dict):
            for status, candidates in value.items():
                flat[f"status.{status}"] = _candidates(candidates)
        else:
            flat[str(key)] = _candidates(value)
    return flat


def _candidates(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    return tuple(str(v).strip().strip("{}").strip() for v in items if isinstance(v, str) and v.strip())


def effective_mapping(overrides: Mapping[str, tuple[str, ...]] | None = None) -> dict[str, tuple[str, ...]]:
    """The default mapping with a theme's own choices put in place of the defaults for those roles."""
    return DEFAULT_MAPPING | dict(overrides or {})


def _first(tokens: TokenSet, candidates: Iterable[str], convert: Any) -> tuple[Any, str] | str:
    """(converted value, token path) of the first usable candidate, or the Dutch reasons why none was."""
    reasons: list[str] = []
    for pattern in candidates:
        paths = tokens.matching(pattern)
        if not paths:
            reasons.append(f"'{pattern}' bestaat niet")
            continue
        for path in paths:
            try:
                return convert(tokens.resolve(path)), path
            except TokenError as exc:
                reasons.append(f"'{path}': {exc}")
    return "; ".join(reasons) if reasons else "geen token opgegeven"


def map_tokens(tokens: TokenSet, mapping: Mapping[str, tuple[str, ...]], roles: Iterable[str] = ROLES) -> Mapped:
    """Fill each role from the first candidate token that yields a usable value."""
    colours: dict[str, tuple[str, str]] = {}
    problems: dict[str, str] = {}
    family: tuple[str, str] | None = None
    for role in roles:
        found = _first(tokens, mapping.get(role, ()), font_family if role == FONT_ROLE else to_hex)
        if isinstance(found, str):
            problems[role] = f"geen bruikbaar token gevonden ({found})"
        elif role == FONT_ROLE:
            family = found
        else:
            colours[role] = found
    return Mapped(colours, family, problems)
