"""The shipped JSON Schemas are draft-07 (what VS Code's YAML extension supports fully) and use nothing newer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft7Validator

from koers.resources import schema_dir

SCHEMAS = sorted(p.name for p in schema_dir().glob("*.schema.json"))
# Keywords that draft 2019-09 or 2020-12 added: a draft-07 validator (and VS Code) would silently ignore them.
NEWER = {
    "prefixItems", "unevaluatedProperties", "unevaluatedItems", "dependentRequired", "dependentSchemas",
    "minContains", "maxContains", "$anchor", "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor",
    "$vocabulary", "contentSchema",
}
ANNOTATIONS = {"description", "title", "x-koers-hint", "default", "examples"}
NAMED = ("properties", "patternProperties", "$defs", "definitions")
SINGLE = ("items", "additionalProperties", "additionalItems", "not", "if", "then", "else", "contains", "propertyNames")
LISTS = ("allOf", "anyOf", "oneOf")


def _subschemas(node: dict[str, Any], path: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object in a schema (property names are data, not keywords), with its JSON pointer."""
    yield path, node
    for key, value in node.items():
        children: list[tuple[str, Any]] = []
        if key in NAMED:
            children = [(f"{key}/{name}", sub) for name, sub in value.items()]
        elif key in SINGLE:
            children = [(key, value)]
        elif key in LISTS or (key == "items" and isinstance(value, list)):
            children = [(f"{key}/{i}", sub) for i, sub in enumerate(value)]
        for where, sub in children:
            if isinstance(sub, dict):
                yield from _subschemas(sub, f"{path}/{where}")


def _load(name: str) -> dict[str, Any]:
    import json

    return json.loads((schema_dir() / name).read_text("utf-8"))


def test_there_are_schemas() -> None:
    assert {"strategie.schema.json", "opgave.schema.json", "theme.schema.json"} <= set(SCHEMAS)


@pytest.mark.parametrize("name", SCHEMAS)
def test_each_schema_declares_draft_07_and_is_valid_under_its_meta_schema(name: str) -> None:
    schema = _load(name)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema)


@pytest.mark.parametrize("name", SCHEMAS)
def test_each_schema_uses_no_keyword_newer_than_draft_07(name: str) -> None:
    used = {(path, key) for path, node in _subschemas(_load(name), "#") for key in node if key in NEWER}
    assert not used


@pytest.mark.parametrize("name", SCHEMAS)
def test_refs_are_local_and_have_only_annotations_beside_them(name: str) -> None:
    """Draft-07 ignores a $ref's siblings: only annotations may sit there, and every $ref resolves in the same file."""
    schema = _load(name)
    for path, node in _subschemas(schema, "#"):
        if "$ref" not in node:
            continue
        assert set(node) - {"$ref"} <= ANNOTATIONS, path
        target: Any = schema
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        assert isinstance(target, dict), path


def test_the_walk_sees_nested_keywords() -> None:
    """The checks above can fail: a 2020-12 keyword deep inside is found."""
    schema = {"properties": {"a": {"items": {"properties": {"b": {"prefixItems": [], "$ref": "#/x", "minimum": 1}}}}}}
    found = {(p, k) for p, node in _subschemas(schema, "#") for k in node if k in NEWER}
    assert found == {("#/properties/a/items/properties/b", "prefixItems")}
