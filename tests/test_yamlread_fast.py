"""The libyaml-backed fast path of the strict YAML reader gives exactly what PyYAML alone gives."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koers.content import yamlread
from koers.content.yamlread import StrictLoader, read_yaml

REPO = Path(__file__).resolve().parent.parent
# Characters that build YAML structure, prose and the edge cases where the two parsers differ.
ALPHABET = "ab xé:-\n\n  '\"[]{},#&*!|>?%@`\\.019~\t\u2028\u0085\ufeff\x07"

pytestmark = pytest.mark.skipif(yamlread._FAST_LOADER is None, reason="PyYAML was installed without libyaml")


def _outcome(text: str, compose: Callable[[str], Any]) -> tuple[Any, ...]:
    """Every node's kind, tag, line and value, or the kind of failure."""
    try:
        root = compose(text)
    except yaml.YAMLError:
        return ("error",)
    except (RecursionError, ValueError) as error:
        return (type(error).__name__,)
    out: list[Any] = []
    seen: set[int] = set()
    todo = [root] if root is not None else []
    while todo:
        node = todo.pop()
        if id(node) in seen:  # an alias: shared, never expanded
            out.append(("alias", node.start_mark.line))
            continue
        seen.add(id(node))
        value = node.value
        out.append((type(node).__name__, node.tag, node.start_mark.line, None if isinstance(value, list) else value))
        if isinstance(value, list):
            for item in reversed(value):
                todo.extend(reversed(item) if isinstance(item, tuple) else [item])
    return tuple(out)


def _pyyaml(text: str) -> Any:
    return yaml.compose(text, Loader=StrictLoader)


def _same(text: str) -> None:
    assert _outcome(text, yamlread.compose) == _outcome(text, _pyyaml)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_fast_path_matches_pyyaml_on_random_text(text: str) -> None:
    _same(text)


def _content_files() -> list[Path]:
    return sorted(p for p in (REPO / "content").rglob("*") if p.is_file())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_content_files()), st.integers(0, 10_000), st.text(alphabet=ALPHABET, min_size=1, max_size=3))
def test_fast_path_matches_pyyaml_on_damaged_content(path: Path, where: int, insert: str) -> None:
    text = path.read_text("utf-8")
    if text.startswith("---"):
        text = text.split("\n---", 1)[0][4:]
    at = where % (len(text) + 1)
    _same(text[:at] + insert + text[at + 1 :])


def test_fast_path_reads_the_example_like_pyyaml() -> None:
    for path in _content_files():
        text = path.read_text("utf-8")
        if text.startswith("---"):
            text = text.split("\n---", 1)[0][4:]
        assert read_yaml(text).data == _pure(text).data, path


def test_text_where_the_parsers_differ_goes_to_pyyaml() -> None:
    # libyaml accepts '?' inside a flow mapping; PyYAML (and so Koers) reports it.
    result = read_yaml("a: {naam: Klaar?, doel: 3}\n")
    assert result.problems and result.problems[0].line == 1
    assert read_yaml("a: |#\n  b\n").problems


def _pure(text: str) -> yamlread.YamlResult:
    fast, yamlread._FAST_LOADER = yamlread._FAST_LOADER, None
    try:
        return read_yaml(text)
    finally:
        yamlread._FAST_LOADER = fast


@pytest.mark.parametrize("text", ["---", "%YAML 1.1\n---", "a: 1\n---", "--- ", "---\n"])
def test_a_document_ending_in_a_separator_matches_pyyaml(text: str) -> None:
    _same(text)  # libyaml put the empty value of a bare '---' without a newline one line lower
