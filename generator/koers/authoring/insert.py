"""YAML written as text: an item added to an opgave's `acties:` list (every other byte kept), safe scalars.

Re-dumping YAML would lose the editor's comments, quoting and layout; so we
find where the list ends (from the parser's marks) and insert lines there.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from koers.content.load import FENCE
from koers.content.yamlread import StrictLoader

BOM = "\ufeff"


class InsertError(Exception):
    """A Dutch reason why the item could not be inserted."""


@dataclass(frozen=True)
class Spot:
    """Where the new item goes: before file line `line` (0-based), indented like its neighbours."""

    line: int
    dash: str
    key: str
    header: str = ""


def _front_matter(lines: list[str]) -> int:
    """Index of the closing fence; InsertError when the file has no front matter."""
    if not lines or not FENCE.match(lines[0].rstrip("\r\n").lstrip(BOM)):
        raise InsertError("het bestand begint niet met front matter ('---')")
    for index in range(1, len(lines)):
        if FENCE.match(lines[index].rstrip("\r\n")):
            return index
    raise InsertError("de front matter is niet afgesloten met een regel '---'")


def _last_position(node: yaml.Node) -> tuple[int, int]:
    """The furthest (line, column) any scalar or flow collection inside node reaches."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style:
        return max((_last_position(n) for pair in node.value for n in pair), default=(node.end_mark.line, node.end_mark.column))
    if isinstance(node, yaml.SequenceNode) and not node.flow_style:
        return max((_last_position(n) for n in node.value), default=(node.end_mark.line, node.end_mark.column))
    return node.end_mark.line, node.end_mark.column


def find_spot(lines: list[str], key: str = "acties") -> Spot:
    """Where to add an item at the end of the block list under `key` in the front matter."""
    end = _front_matter(lines)
    try:
        root = yaml.compose("".join(lines[1:end]), Loader=StrictLoader)
    except yaml.YAMLError as exc:
        raise InsertError("de front matter is geen geldige YAML; herstel dat eerst (zie: koers check)") from exc
    if not isinstance(root, yaml.MappingNode):
        raise InsertError("de front matter bevat geen sleutels")
    pair = next(((k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
    if pair is None:
        return Spot(end, "  ", "    ", header=f"{key}:")
    key_node, value = pair
    column = key_node.start_mark.column
    if isinstance(value, yaml.ScalarNode) and value.value == "" and value.style is None:
        rest = lines[1 + key_node.start_mark.line][key_node.end_mark.column :].strip()
        if rest in (":", "") or rest.startswith(":") and rest[1:].strip().startswith("#"):
            return Spot(1 + key_node.start_mark.line + 1, " " * (column + 2), " " * (column + 4))
    if not isinstance(value, yaml.SequenceNode) or value.flow_style:
        raise InsertError(
            f"'{key}' is geen lijst met een '-' per regel; schrijf de lijst zo (zie docs/schrijven.md) en probeer het opnieuw"
        )
    dash = value.start_mark.column
    first = value.value[0]
    inner = first.start_mark.column if isinstance(first, yaml.MappingNode) and not first.flow_style else dash + 2
    line, col = _last_position(value.value[-1])
    return Spot(1 + (line if col == 0 else line + 1), " " * dash, " " * inner)


def insert_item(text: str, render: Callable[[Spot], list[str]], key: str = "acties") -> str:
    """The file text with render(spot)'s lines added at the end of the list; all other bytes unchanged."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    spot = find_spot(lines, key)
    new = ([spot.header] if spot.header else []) + render(spot)
    before = lines[: spot.line]
    if before and not before[-1].endswith(("\n", "\r")):
        before[-1] += newline
    return "".join(before + [line + newline for line in new] + lines[spot.line :])


def yaml_text(value: Any) -> str:
    """A YAML scalar that reads back as exactly this text: plain when safe, else double-quoted."""
    text = str(value)
    plain_ok = text == text.strip() and "\n" not in text and text[:1] not in ("'", '"')
    if plain_ok:
        try:
            plain_ok = yaml.safe_load(f"k: {text}") == {"k": text}
        except (yaml.YAMLError, ValueError):  # ValueError: an integer of more than 4,300 digits
            plain_ok = False
    return text if plain_ok else json.dumps(text, ensure_ascii=False)


def flow_list(values: list[str] | tuple[str, ...]) -> str:
    """A YAML flow list of scalars: [a, b]."""
    return "[" + ", ".join(yaml_text(v) for v in values) + "]"
