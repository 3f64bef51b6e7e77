"""JSON Schema pass: the shipped schemas decide keys, types, enums and limits."""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources
from typing import Any

from koers.content.load import Document
from koers.findings import Report

# The schemas' pattern for "text with something visible": not only spaces, soft hyphens or zero-width characters.
NOT_BLANK = "[^\\s\\u00ad\\u200b-\\u200d\\u2060\\ufeff]"

_SINGULAR = {
    "acties": "actie",
    "bronnen": "bron",
    "principes": "principe",
    "indicatoren": "indicator",
    "niet_meer": "regel",
    "themas": "thema",
    "teams": "team",
    "na": "verwijzing",
}
_TYPES = {
    "string": "tekst",
    "integer": "een heel getal",
    "number": "een getal",
    "array": "een lijst",
    "object": "een groep sleutels",
    "boolean": "true of false",
    "null": "leeg",
}


@cache
def load_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema shipped for one kind of file."""
    text = resources.files("koers.schemas").joinpath(f"{kind}.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _validator(kind: str) -> Any:
    from jsonschema import Draft202012Validator

    schema = load_schema(kind)
    return Draft202012Validator(_inline_refs(schema, schema))


def _inline_refs(node: Any, root: dict[str, Any]) -> Any:
    """The schema with each local '$ref' replaced, in place, by the keywords it points to.

    Same errors (the shipped schemas only put annotations beside a $ref), but a third
    faster: resolving a $ref costs more than checking the keywords behind it.
    """
    if isinstance(node, list):
        return [_inline_refs(item, root) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$ref" and isinstance(value, str) and value.startswith("#/"):
            target: Any = root
            for part in value[2:].split("/"):
                target = target[part]
            out.update(_inline_refs(target, root))
        else:
            out[key] = _inline_refs(value, root)
    return out


def statuses() -> tuple[str, ...]:
    """The action statuses, in their fixed order: the schema is their single source."""
    action = load_schema("opgave")["properties"]["acties"]["items"]
    return tuple(action["properties"]["status"]["enum"])


def suggest(word: str, options: Any) -> str:
    """A Dutch did-you-mean suffix, or '' when nothing is close."""
    match = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return f"; bedoelde je '{match[0]}'?" if match else ""


def describe(path: tuple[Any, ...]) -> str:
    """A readable name for a key path, e.g. "'titel' van actie 3"."""
    if not path:
        return "het bestand"
    last = path[-1]
    if isinstance(last, int):
        owner = path[-2] if len(path) > 1 else ""
        name, rest = f"{_SINGULAR.get(str(owner), 'onderdeel')} {last + 1}", path[:-2]
    else:
        name, rest = f"'{last}'", path[:-1]
    if len(rest) >= 2 and isinstance(rest[-1], int):
        return f"{name} van {_SINGULAR.get(str(rest[-2]), 'onderdeel')} {rest[-1] + 1}"
    if rest and isinstance(rest[-1], str) and isinstance(last, str):
        return f"'{rest[-1]}.{last}'"
    return name


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "een getal"
    if isinstance(value, float):
        return "een getal"
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een groep sleutels"
    return "leeg"


def message(error: Any) -> tuple[tuple[Any, ...], str]:
    """Translate one jsonschema error into (key path, Dutch message)."""
    path = tuple(error.absolute_path)
    if "propertyNames" in error.absolute_schema_path:
        # A key that is not a valid id: point at the key itself, not at its mapping.
        hint = (error.schema or {}).get("x-koers-hint", "gebruik kleine letters, cijfers en koppeltekens")
        return path + (error.instance,), f"'{error.instance}' is geen geldige sleutel: {hint}"
    kind = error.validator
    value = error.validator_value
    instance = error.instance
    where = describe(path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "required":
        missing = [k for k in value if isinstance(instance, dict) and k not in instance]
        owner = "" if not path else f" in {where}"
        return path, f"verplichte sleutel '{missing[0] if missing else value}' ontbreekt{owner}"
    if kind == "type":
        wanted = value if isinstance(value, list) else [value]
        names = " of ".join(_TYPES.get(str(w), str(w)) for w in wanted)
        hint = ""
        if "string" in wanted and isinstance(instance, (int, float, bool)):
            hint = "; zet de waarde tussen aanhalingstekens"
        if ("integer" in wanted or "number" in wanted) and isinstance(instance, str) and instance.strip().isdigit():
            hint = f"; haal de aanhalingstekens weg ({instance.strip()} in plaats van \"{instance}\")"
        if instance is None:
            return path, f"{where} is leeg; vul een waarde in ({names})"
        return path, f"{where} moet {names} zijn, maar is {_type_name(instance)}{hint}"
    if kind == "enum":
        options = ", ".join(str(v) for v in value)
        return path, f"'{instance}' is geen geldige waarde voor {where}; kies uit: {options}{suggest(instance, value)}"
    if kind == "maxLength":
        length = len(instance)
        return path, f"{where} is te lang: {length} tekens, maximaal {value} ({length - value} te veel)"
    if kind == "minLength":
        return path, f"{where} is leeg"
    if kind == "pattern" and value == NOT_BLANK:
        return path, f"{where} is leeg; vul een waarde in (tekst)"
    if kind == "pattern":
        hint = schema.get("x-koers-hint", f"de vorm klopt niet ({value})")
        return path, f"'{instance}' in {where} klopt niet: {hint}"
    if kind == "minItems":
        return path, f"{where} moet minstens {value} {'onderdeel' if value == 1 else 'onderdelen'} bevatten"
    if kind == "maxItems":
        return path, f"{where} heeft te veel onderdelen: {len(instance)}, maximaal {value}"
    if kind == "minimum":
        return path, f"{where} is te klein: {instance}, minimaal {value}"
    if kind == "maximum":
        return path, f"{where} is te groot: {instance}, maximaal {value}"
    if kind == "uniqueItems":
        return path, f"{where} bevat een waarde twee keer"
    return path, f"{where} klopt niet"


def check_document(doc: Document, kind: str, report: Report) -> bool:
    """Validate one document against its schema; True when it is valid."""
    if doc.data is None and kind == "jaarschijf":
        return True
    data = doc.data
    if data is None:
        if not any(f.location.path == doc.path for f in report.findings):
            report.error(doc.path, doc.line(), "bestand bevat geen gegevens")
        return False
    errors = [e for e in _validator(kind).iter_errors(data) if e.validator not in ("$ref", "allOf")]
    # A value the reader refused (a 5,000-digit number, .nan) is reported already; its None says nothing more.
    errors = [e for e in errors if not any(tuple(e.absolute_path)[: len(r)] == r for r in doc.refused)]
    errors.sort(key=lambda e: [str(p) for p in e.absolute_path])
    misspelt = set()
    for error in errors:
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = sorted(error.schema.get("properties", {}))
            for key in sorted(k for k in error.instance if k not in allowed):
                match = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f"; bedoelde je '{match[0]}'?" if match else f"; toegestaan zijn: {', '.join(allowed)}"
                at = tuple(error.absolute_path) + (key,)
                report.error(doc.path, doc.line(at), f"onbekende sleutel '{key}'{hint}")
                if match:
                    misspelt.add((tuple(error.absolute_path), match[0]))
    for error in errors:
        if error.validator == "additionalProperties":
            continue
        if error.validator == "required" and all(
            (tuple(error.absolute_path), key) in misspelt for key in error.validator_value if key not in error.instance
        ):
            continue
        path, text = message(error)
        report.error(doc.path, doc.line(path), text)
    return not errors and not doc.refused
