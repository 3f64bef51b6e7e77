"""Is a theme's SVG (logo, favicon) safe to publish as it is? Checked against an allow-list.

The logo is copied into the site unchanged, embedded in the posters and drawn
in the document, so it must not be able to run script or load anything from
elsewhere: not when a reader opens it on its own, not when Typst or
cairosvg draw it. Everything not on the lists in koers.housestyle.svgallow is
refused. The XML is parsed with defusedxml (no DOCTYPE, so no entities) and
processing instructions such as <?xml-stylesheet?> are refused; links may
only point inside the file (`#id`), except that an <image> may hold a PNG,
JPEG or SVG as a data: URL, which is decoded and checked by the same rules.
The work is bounded: embedded SVG at most MAX_NESTING deep, CSS that needs the
tokenizer at most MAX_CSS characters per logo.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import DefusedXMLParser

from koers.housestyle.dataurl import decode_data_url
from koers.housestyle.excerpt import excerpt
from koers.housestyle.raster import LABELS, MAX_SIDE, pixels, raster_size, too_large
from koers.housestyle.svgallow import (
    CSS_ATTRIBUTES,
    ELEMENTS,
    INERT_NAMESPACES,
    PLAIN_ATTRIBUTES,
    PREFIXES,
    SVG_NS,
    XLINK_ATTRIBUTES,
    XLINK_NS,
    XML_ATTRIBUTES,
    XML_NS,
)
from koers.housestyle.svgcss import attribute_problem, declarations_problem, inert_at_a_glance, stylesheet_problem

MAX_NESTING = 3  # SVG inside SVG inside SVG: data: URLs grow by a third per level, real logos need one
# CSS that needs tokenizing (with a function, url(), escape or at-rule), summed over the file and the SVGs in it.
# tinycss2 is pure Python: this keeps `koers check` on a hostile 1 MB logo well under a second.
MAX_CSS = 100_000
NESTED = " (in een ingesloten SVG-afbeelding)"
_RASTER_TYPES = {"image/png": "png", "image/jpeg": "jpeg"}
_URL_EDGES = "".join(chr(c) for c in range(0x21))  # what a URL parser strips from both ends
_URL_TABS = re.compile(r"[\t\n\r]")  # what it removes everywhere


class _Budget:
    """What is left of MAX_CSS for one logo file, shared with the SVGs embedded in it."""

    def __init__(self) -> None:
        self.css_left = MAX_CSS

    def spend(self, css: str) -> bool:
        """False once the CSS to tokenize exceeds the budget; plain values (fill="#fff") cost nothing."""
        if not inert_at_a_glance(css):
            self.css_left -= len(css)
        return self.css_left >= 0


class _Builder(ET.TreeBuilder):
    """A tree builder that records every processing instruction, also those before the root (the tree keeps none)."""

    def __init__(self) -> None:
        super().__init__(insert_pis=False)
        self.instructions: list[str] = []

    def pi(self, target: str, text: str | None = None) -> ET.Element:
        self.instructions.append(target)
        return super().pi(target, text)


def _split(name: str) -> tuple[str, str]:
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return "", name


def _qualified(namespace: str, local: str) -> str:
    return f"{PREFIXES.get(namespace, namespace)}:{local}" if namespace else local


def svg_problem(path: Path) -> str | None:
    """A Dutch reason why the SVG file may not be published, or None when it is safe."""
    try:
        data = path.read_bytes()
    except OSError:
        return "kan niet gelezen worden"
    return svg_bytes_problem(data)


def svg_bytes_problem(data: bytes, depth: int = 0, budget: _Budget | None = None) -> str | None:
    """A Dutch reason why these SVG bytes may not be published, or None when they are safe."""
    budget = budget or _Budget()
    builder = _Builder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        parser.feed(data)
        root = parser.close()
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden):
        return "bevat een DOCTYPE-declaratie (<!DOCTYPE …>)"
    except (ET.ParseError, DefusedXmlException, ValueError):
        return "is geen geldig SVG-bestand (XML klopt niet)"
    if builder.instructions:
        return f"bevat een verwerkingsinstructie (<?{excerpt(builder.instructions[0])} …?>)"
    if root.tag != f"{{{SVG_NS}}}svg":
        return "is geen SVG-afbeelding"
    for element in root.iter():
        problem = _element_problem(element, depth, budget)
        if problem:
            return problem
    return None


def _css(check: Callable[[str], str | None], css: str, budget: _Budget) -> str | None:
    if not budget.spend(css):
        return f"bevat te veel CSS om te controleren (meer dan {MAX_CSS:,} tekens)".replace(",", ".")
    return None if inert_at_a_glance(css) else check(css)


def _element_problem(element: ET.Element, depth: int, budget: _Budget) -> str | None:
    namespace, name = _split(str(element.tag))
    if namespace in INERT_NAMESPACES:
        return _inert_problem(element, name)
    if namespace != SVG_NS or name not in ELEMENTS:
        return f"bevat een <{excerpt(name)}>-element"
    for attribute, value in element.attrib.items():
        problem = _attribute_problem(name, attribute, value, depth, budget)
        if problem:
            return problem
    if name == "style":
        return "bevat een <style>-element met elementen erin" if len(element) else _css(stylesheet_problem, element.text or "", budget)
    return None


def _inert_problem(element: ET.Element, name: str) -> str | None:
    """Editor metadata: any plain attribute, but no handlers, links or xml:base that would reach SVG content."""
    for attribute in element.attrib:
        namespace, local = _split(attribute)
        if local.lower().startswith("on"):
            return f"bevat een script-attribuut ({excerpt(local)})"
        plain = namespace in INERT_NAMESPACES or (namespace == "" and local != "href") or (namespace == XML_NS and local in XML_ATTRIBUTES)
        if not plain:
            return f"bevat het attribuut {excerpt(_qualified(namespace, local))} op <{excerpt(name)}>"
    return None


def _attribute_problem(element: str, attribute: str, value: str, depth: int, budget: _Budget) -> str | None:
    namespace, name = _split(attribute)
    if name.lower().startswith("on"):
        return f"bevat een script-attribuut ({excerpt(name)})"
    if namespace in INERT_NAMESPACES:
        return None
    if name == "href" and namespace in ("", XLINK_NS):
        return link_problem(element, value, depth, budget)
    if namespace == "":
        if name == "style":
            return _css(declarations_problem, value, budget)
        if name in CSS_ATTRIBUTES:
            return _css(attribute_problem, value, budget)
        if name in PLAIN_ATTRIBUTES or name.startswith(("aria-", "data-")):
            return None
    elif (namespace == XML_NS and name in XML_ATTRIBUTES) or (namespace == XLINK_NS and name in XLINK_ATTRIBUTES):
        return None
    return f"bevat het attribuut {excerpt(_qualified(namespace, name))} op <{element}>"


def link_problem(element: str, value: str, depth: int, budget: _Budget) -> str | None:
    """href: a place in this file (`#id`), or for <image> a PNG, JPEG or SVG held in a data: URL."""
    url = _URL_TABS.sub("", value.strip(_URL_EDGES))
    if url.startswith("#"):
        return None
    if element == "image" and url[:5].lower() == "data:":
        return embedded_problem(url, depth, budget)
    return f"verwijst naar iets buiten het bestand ({excerpt(value)})"


def embedded_problem(url: str, depth: int, budget: _Budget) -> str | None:
    """An image held in a data: URL: decoded and checked like a file of its own."""
    decoded = decode_data_url(url)
    if decoded is None:
        return "bevat een ingesloten afbeelding die niet te lezen is"
    mime, data = decoded
    if mime == "image/svg+xml":
        if depth + 1 > MAX_NESTING:
            return f"bevat SVG-afbeeldingen die meer dan {MAX_NESTING} lagen diep in elkaar zitten"
        inner = svg_bytes_problem(data, depth + 1, budget)
        return None if inner is None else inner if inner.endswith(NESTED) else inner + NESTED
    kind = _RASTER_TYPES.get(mime)
    if kind is None:
        return f"bevat een ingesloten afbeelding van het type {excerpt(mime)} (alleen PNG, JPEG en SVG)"
    size = raster_size(data, kind)
    if size is None:
        return f"bevat een ingesloten afbeelding die geen geldige {LABELS[kind]}-afbeelding is"
    if too_large(size):
        return f"bevat een ingesloten afbeelding van {pixels(size)}, maximaal {MAX_SIDE} × {MAX_SIDE}"
    return None
