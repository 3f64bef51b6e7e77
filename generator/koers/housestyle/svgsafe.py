"""Is a theme's SVG (logo, favicon) safe to publish as it is?

The logo is copied into the site and embedded in the posters unchanged, so it
must not be able to run script or load anything from elsewhere when a reader
opens it on its own.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

_FORBIDDEN = {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener"}
_LINK_ATTRIBUTES = {"href", "{http://www.w3.org/1999/xlink}href", "src"}
_EXTERNAL_CSS = re.compile(r"@import|url\(\s*['\"]?(?!#|data:image/)", re.IGNORECASE)


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def svg_problem(path: Path) -> str | None:
    """A Dutch reason why the SVG file may not be published, or None when it is safe."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError, ValueError):
        return "is geen geldig SVG-bestand (XML klopt niet)"
    if _local(root.tag) != "svg":
        return "is geen SVG-afbeelding"
    for element in root.iter():
        name = _local(str(element.tag))
        if name in _FORBIDDEN:
            return f"bevat een <{name}>-element"
        for attribute, value in element.attrib.items():
            if _local(attribute).lower().startswith("on"):
                return f"bevat een script-attribuut ({_local(attribute)})"
            if attribute in _LINK_ATTRIBUTES and not value.strip().startswith(("#", "data:image/")):
                return f"verwijst naar iets buiten het bestand ({value[:60]})"
            if _local(attribute) == "style" and _EXTERNAL_CSS.search(value):
                return "laadt stijl of afbeeldingen van buiten het bestand"
        if name == "style" and element.text and _EXTERNAL_CSS.search(element.text):
            return "laadt stijl of afbeeldingen van buiten het bestand"
    return None
