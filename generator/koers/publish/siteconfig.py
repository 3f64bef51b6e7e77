"""The project's mkdocs.yml, read without MkDocs: the settings, the line of every key, and YAML tags."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

KeyPath = tuple[object, ...]
PYTHON_TAG = "tag:yaml.org,2002:python/"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: tags such as !ENV or !!python/name become plain values."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor(PYTHON_TAG, _any_tag)


@dataclass(frozen=True)
class SiteFile:
    """A mkdocs.yml as data, with the line of every key and list item and the tag of every tagged value."""

    data: dict[str, Any] = field(default_factory=dict)
    lines: dict[KeyPath, int] = field(default_factory=dict)
    tags: dict[KeyPath, str] = field(default_factory=dict)

    def line(self, path: KeyPath) -> int:
        """The line of a key path, or of the nearest enclosing key that has one (1 for the file)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


def parse_site_file(text: str) -> SiteFile:
    """A mkdocs.yml's text as a SiteFile; raises yaml.YAMLError (or RecursionError when absurdly deep)."""
    loader = _TolerantLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return SiteFile()
        data = loader.construct_document(node)
        if not isinstance(data, dict):
            return SiteFile()
        lines: dict[KeyPath, int] = {}
        tags: dict[KeyPath, str] = {}
        _map(loader, node, (), lines, tags, set())
        return SiteFile(data, lines, tags)
    finally:
        loader.dispose()


def _map(loader: yaml.SafeLoader, node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], tags: dict[KeyPath, str], seen: set[int]) -> None:
    """Record where every key and item is and which values carry a tag (aliased nodes once: no alias bomb)."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if node.tag.startswith(("!", PYTHON_TAG)):
        tags[path] = node.tag
    children: list[tuple[object, yaml.Node, yaml.Node]] = []
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                children.append((loader.construct_object(key_node), key_node, value_node))
    elif isinstance(node, yaml.SequenceNode):
        children = [(index, item, item) for index, item in enumerate(node.value)]
    for key, place, child in children:
        lines.setdefault((*path, key), place.start_mark.line + 1)
        _map(loader, child, (*path, key), lines, tags, seen)


def load_site_file(path: Path) -> SiteFile:
    """The project's mkdocs.yml; raises OSError, UnicodeDecodeError, yaml.YAMLError or RecursionError."""
    return parse_site_file(path.read_text(encoding="utf-8"))


def load_site_config(path: Path) -> dict[str, Any]:
    """The project's mkdocs.yml as a dict; raises OSError, UnicodeDecodeError or yaml.YAMLError."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506 - a SafeLoader subclass
    return data if isinstance(data, dict) else {}


def read_site_config(path: Path) -> dict[str, Any]:
    """The project's mkdocs.yml as a dict (empty when missing or unreadable; the engine adapter reports why)."""
    try:
        return load_site_config(path)
    except (OSError, yaml.YAMLError, UnicodeDecodeError, RecursionError, ValueError):
        return {}


def theme_settings(config: dict[str, Any]) -> dict[str, Any]:
    """The theme mapping of a mkdocs.yml (empty when absent or not a mapping)."""
    theme = config.get("theme")
    return theme if isinstance(theme, dict) else {}


def theme_features(config: dict[str, Any]) -> list[str]:
    """The Material features the kernteam turned on in mkdocs.yml."""
    features = theme_settings(config).get("features")
    return [f for f in features if isinstance(f, str)] if isinstance(features, list) else []
