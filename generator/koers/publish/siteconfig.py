"""The project's mkdocs.yml, read without MkDocs: the settings the kernteam may tune."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: tags such as !ENV or !!python/name become plain values."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("!", _any_tag)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def load_site_config(path: Path) -> dict[str, Any]:
    """The project's mkdocs.yml as a dict; raises OSError, UnicodeDecodeError or yaml.YAMLError."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506 - a SafeLoader subclass
    return data if isinstance(data, dict) else {}


def read_site_config(path: Path) -> dict[str, Any]:
    """The project's mkdocs.yml as a dict (empty when missing or unreadable; the engine adapter reports why)."""
    try:
        return load_site_config(path)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}


def theme_settings(config: dict[str, Any]) -> dict[str, Any]:
    """The theme mapping of a mkdocs.yml (empty when absent or not a mapping)."""
    theme = config.get("theme")
    return theme if isinstance(theme, dict) else {}


def theme_features(config: dict[str, Any]) -> list[str]:
    """The Material features the kernteam turned on in mkdocs.yml."""
    features = theme_settings(config).get("features")
    return [f for f in features if isinstance(f, str)] if isinstance(features, list) else []
