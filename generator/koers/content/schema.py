"""JSON Schema pass: the shipped schemas decide keys, types, enums and limits."""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from importlib import resources
from typing import Any

from koers.content.load import Document
from koers.findings import Report
from koers.slug import slugify

# The schemas' pattern for "text with something visible": not only spaces, soft hyphens or zero-width characters.
NOT_BLANK = "[^\\s\\u00ad\\u200b-\\u200d\\u2060\\ufeff]"

_SINGULAR = {
    "acties": "actie",
    "bronnen": "bron",
    "principes": "principe",
    "indicatoren": "indicator",
    "niet_meer": "punt",
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


def draft7_validator(schema: dict[str, Any]) -> Any:
    """A validator for a schema in JSON Schema draft-07, the draft every shipped schema declares.

    Draft-07 because VS Code's YAML extension supports it fully; the schemas use no later keyword
    (tests/test_schemas.py holds that), so the editor and `koers check` apply the same rules.
    """
    from jsonschema import Draft7Validator

    return Draft7Validator(schema)


@cache
def _validator(kind: str) -> Any:
    schema = load_schema(kind)
    return draft7_validator(_inline_refs(schema, schema))


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


def describe(path: tuple[Any, ...], document: Any = None) -> str:
    """A readable name for a key path, e.g. "'titel' van actie 'datawarehouse'" (or "van actie 3" without an id)."""
    if not path:
        return "het bestand"
    last = path[-1]
    if isinstance(last, int):
        owner = path[-2] if len(path) > 1 else ""
        name, rest = _item_name(owner, last, _at(document, path)), path[:-2]
    else:
        name, rest = f"'{last}'", path[:-1]
    if len(rest) >= 2 and isinstance(rest[-1], int):
        return f"{name} van {_item_name(rest[-2], rest[-1], _at(document, rest))}"
    if rest and isinstance(rest[-1], str) and isinstance(last, str):
        return f"'{rest[-1]}.{last}'"
    return name


def _item_name(owner: Any, index: int, item: Any) -> str:
    """'actie 'datawarehouse'' when the item has a valid id (as other messages name it), else 'actie 3'."""
    kind = _SINGULAR.get(str(owner), "onderdeel")
    ident = item.get("id") if isinstance(item, dict) else None
    if owner == "acties" and isinstance(ident, str) and _ID.match(ident):
        return f"{kind} '{ident}'"
    return f"{kind} {index + 1}"


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


def message(error: Any, document: Any = None) -> tuple[tuple[Any, ...], str]:
    """Translate one jsonschema error into (key path, Dutch message); document: the file's data, for hints."""
    path = tuple(error.absolute_path)
    special = _edition_two(error, path, document)
    if special is not None:
        return path, special
    if "propertyNames" in error.absolute_schema_path:
        # A key that is not a valid id: point at the key itself, not at its mapping.
        hint = (error.schema or {}).get("x-koers-hint", "gebruik kleine letters, cijfers en koppeltekens")
        return path + (error.instance,), f"'{error.instance}' is geen geldige sleutel: {hint}"
    kind = error.validator
    value = error.validator_value
    instance = error.instance
    where = describe(path, document)
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
    if kind == "const":
        return path, f"'{instance}' is geen geldige waarde voor {where}; de enige mogelijke waarde is '{value}'"
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


_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_RANGE = re.compile(r"^\s*(\d{4})\s*[-–—]\s*(\d{4})\s*$")
_NUMBER_LIKE = re.compile(r"^\s*\d+(?:[.,]\d+)*[a-z]?\s*$", re.IGNORECASE)


def _number_like(value: Any) -> bool:
    """1.1, 3, "8.3a": a number from the document, where an id was expected."""
    return (isinstance(value, (int, float)) and not isinstance(value, bool)) or (isinstance(value, str) and bool(_NUMBER_LIKE.match(value)))


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        try:
            document = document[key]
        except (KeyError, IndexError, TypeError):
            return None
    return document


def _id_from(titel: Any, nummer: str) -> str:
    """A valid id to copy: the first words of the title, else 'actie-' and the number."""
    words = slugify(str(titel)).split("-")[:5] if isinstance(titel, str) and titel.strip() else []
    return "-".join(words) if words and words != ["strategie"] else f"actie-{slugify(nummer)}"


def year_range_hint(value: Any) -> str:
    """For `jaar: 2027-2028` (text): the hint to write van and tot instead."""
    match = _RANGE.match(value) if isinstance(value, str) else None
    if match is None:
        return ""
    return f"; voor meer jaren schrijf je 'van: {match.group(1)}' en 'tot: {match.group(2)}' in plaats van 'jaar'"


def _edition_two(error: Any, path: tuple[Any, ...], document: Any) -> str | None:
    """Messages that lead straight to the fix for the mistakes real documents make (numbers as ids, year ranges …)."""
    instance, kind = error.instance, error.validator
    last = path[-1] if path else None
    where = describe(path, document)
    if last == "id" and kind in ("type", "pattern") and _number_like(instance):
        shown = str(instance).strip()
        owner = _at(document, path[:-1]) if isinstance(_at(document, path[:-1]), dict) else {}
        suggestion = _id_from(owner.get("titel"), shown)
        return (
            f"'{shown}' in {where} is een nummer, geen id: zet het nummer bij 'nummer: \"{shown}\"' "
            f"en geef als id een naam, bijvoorbeeld 'id: {suggestion}'"
        )
    if len(path) >= 2 and path[-2] == "na" and kind in ("type", "pattern") and _number_like(instance):
        return f"'{str(instance).strip()}' in {where} is een nummer: verwijs in 'na' naar het id van de actie of opgave, niet naar het nummer"
    if last in ("jaar", "van", "tot") and kind == "type" and isinstance(instance, str):
        hint = year_range_hint(instance)
        if hint:
            return f"{where} moet een heel getal zijn, maar is tekst{hint}"
    if kind == "oneOf" and len(path) >= 2 and path[-2] == "niet_meer" and isinstance(instance, dict):
        unknown = [str(k) for k in instance if k not in ("tekst", "opgave")]
        if unknown:
            return f"{where} van 'niet_meer' is een tekst met een dubbele punt erin ('{unknown[0]}: …'); zet de hele tekst tussen aanhalingstekens"
        return f"{where} van 'niet_meer' moet een tekst zijn, of 'tekst:' met eventueel 'opgave:' (het id van een opgave)"
    if kind == "oneOf" and last == "fase":
        return f"{where} moet het id van een fase zijn, of 'van:' en 'tot:' met elk het id van een fase"
    return None


def _split_text(mapping: dict[str, Any], key: str) -> str:
    """For {titel: Think big, act small}: the comma split the text, and 'act small' became a key without a value."""
    keys = list(mapping)
    position = keys.index(key)
    if mapping[key] is not None or position == 0 or not re.search(r"\s", key.strip()):
        return ""
    before = keys[position - 1]
    value = mapping[before]
    if not isinstance(value, str):
        return ""
    return (
        f": dat lijkt het vervolg van de tekst bij '{before}' (een komma tussen {{ }} splitst tekst); "
        f'zet die tekst tussen aanhalingstekens: {before}: "{value}, {key}"'
    )


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
                hint = _split_text(error.instance, key) or hint
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
        path, text = message(error, data)
        report.error(doc.path, doc.line(path), text)
    return not errors and not doc.refused
