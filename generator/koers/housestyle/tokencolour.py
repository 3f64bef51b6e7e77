"""Token values → what a house style needs: any CSS colour as #rrggbb, a CSS font-family list as one family."""

from __future__ import annotations

from typing import Any

GENERIC_FAMILIES = frozenset(
    {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-serif", "ui-sans-serif",
     "ui-monospace", "ui-rounded", "math", "emoji", "fangsong", "-apple-system", "blinkmacsystemfont",
     "inherit", "initial", "unset", "revert"}
)

# XYZ (D65) → linear sRGB, and the Bradford adaptation D50 → D65 (CSS Color 4, section 18).
_XYZ_TO_SRGB = (
    (3.2409699419045226, -1.537383177570094, -0.4986107602930034),
    (-0.9692436362808796, 1.8759675015077202, 0.04155505740717559),
    (0.05563007969699366, -0.20397695888897652, 1.0569715142428786),
)
_D50_TO_D65 = (
    (0.955473421488075, -0.02309845494876471, 0.06325924320057072),
    (-0.0283697093338637, 1.0099953980813041, 0.021041441191917323),
    (0.012314014864481998, -0.020507649298898964, 1.330365926242124),
)


class TokenError(Exception):
    """A Dutch reason why a token could not be used."""


def _times(matrix: tuple[tuple[float, ...], ...], vector: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(sum(m * v for m, v in zip(row, vector, strict=False)) for row in matrix)


def _gamma(linear: float) -> float:
    sign = -1.0 if linear < 0 else 1.0
    value = abs(linear)
    return sign * (value * 12.92 if value <= 0.0031308 else 1.055 * value ** (1 / 2.4) - 0.055)


def _srgb(colour: Any) -> tuple[float, float, float]:
    """Gamma-encoded sRGB channels (0..1, not yet clipped) of a tinycss2 color4 Color."""
    space = colour.space
    coordinates = tuple(c or 0.0 for c in colour.coordinates)
    if space == "srgb":
        return coordinates  # type: ignore[return-value]
    if space in ("hsl", "hwb"):
        return tuple(colour.to("srgb").coordinates)
    if space == "srgb-linear":
        return tuple(_gamma(c) for c in coordinates)  # type: ignore[return-value]
    if space in ("xyz-d65", "xyz", "oklab", "oklch"):
        xyz = tuple(colour.to("xyz-d65").coordinates) if space in ("oklab", "oklch") else coordinates
    elif space in ("xyz-d50", "lab", "lch"):
        d50 = tuple(colour.to("xyz-d50").coordinates) if space in ("lab", "lch") else coordinates
        xyz = _times(_D50_TO_D65, d50)
    else:
        raise TokenError(f"kleurruimte '{space}' kent Koers niet; gebruik #rrggbb, rgb(), hsl() of een kleurnaam")
    return tuple(_gamma(c) for c in _times(_XYZ_TO_SRGB, xyz))  # type: ignore[return-value]


def _hex(channels: tuple[float, ...]) -> str:
    # Round half up, like browsers do when they serialise a computed colour.
    return "#" + "".join(f"{int(min(1.0, max(0.0, c)) * 255 + 0.5):02x}" for c in channels)


def _object_colour(value: dict[str, Any]) -> str:
    """The W3C colour object form: {"colorSpace": "srgb", "components": [r, g, b], "alpha": 1, "hex": "#…"}."""
    if isinstance(value.get("hex"), str) and value.get("alpha", 1) == 1:
        return to_hex(value["hex"])
    components = value.get("components")
    numbers = isinstance(components, list) and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in components)
    if value.get("colorSpace") == "srgb" and numbers and len(components) == 3:  # type: ignore[arg-type]
        if value.get("alpha", 1) != 1:
            raise TokenError("deze kleur is (deels) doorzichtig; kies een dekkende kleur")
        return _hex(tuple(float(c) for c in components))  # type: ignore[union-attr]
    raise TokenError("dit kleurobject kent Koers niet; gebruik colorSpace 'srgb' of een 'hex'-waarde")


def to_hex(value: Any) -> str:
    """Any CSS colour (hex, rgb()/rgba(), hsl(), hwb(), lab(), oklch(), named) as lowercase #rrggbb."""
    from tinycss2.color4 import parse_color

    if isinstance(value, dict):
        return _object_colour(value)
    if not isinstance(value, str):
        raise TokenError(f"{json_repr(value)} is geen kleur")
    colour = parse_color(value)
    if colour is None or isinstance(colour, str):
        raise TokenError(f"'{value}' is geen CSS-kleur die Koers kan omzetten")
    if colour.alpha is not None and colour.alpha < 1:
        raise TokenError(f"'{value}' is (deels) doorzichtig; kies een dekkende kleur")
    try:
        return _hex(_srgb(colour))
    except NotImplementedError:
        raise TokenError(f"'{value}' kan Koers niet omrekenen naar #rrggbb") from None


def json_repr(value: Any) -> str:
    """A short readable rendering of a token value for messages."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def font_family(value: Any) -> str:
    """The first named (non-generic) family of a CSS font-family list or a W3C fontFamily array."""
    items = value if isinstance(value, list) else _split_families(value) if isinstance(value, str) else None
    if items is None:
        raise TokenError(f"{json_repr(value)} is geen lettertypenaam")
    for item in items:
        name = str(item).strip().strip("\"'").strip()
        if name and name.lower() not in GENERIC_FAMILIES:
            return name
    raise TokenError(f"{json_repr(value)} noemt geen lettertype, alleen een soort (zoals sans-serif)")


def _split_families(text: str) -> list[str]:
    """Split a CSS font-family list on commas outside quotes."""
    parts, current, quote = [], "", ""
    for char in text:
        if quote:
            current += char
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
            current += char
        elif char == ",":
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts
