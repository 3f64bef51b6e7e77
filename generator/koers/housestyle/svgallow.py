"""The allow-lists for a theme's SVG: which elements, attributes and CSS functions a logo may use.

Static drawing only: shapes, text, gradients, patterns, clipping, masks,
markers and filters. No script, no animation (`set` and `animate*` can rewrite
a link into `javascript:`), no foreign content, no elements that load
something by themselves (`feImage`, `color-profile`, `font-face-uri`, `cursor`,
`tref`). Whatever is not listed here is refused, so a new browser feature is
refused until someone reads up on it and adds it.
"""

from __future__ import annotations

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

# Editor bookkeeping (Inkscape, Sodipodi, RDF licence metadata): browsers and renderers treat these
# elements and attributes as unknown XML and never load or run anything from them.
INERT_NAMESPACES = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://creativecommons.org/ns#",
        "http://web.resource.org/cc/",
        "http://purl.org/dc/elements/1.1/",
    }
)

PREFIXES = {SVG_NS: "svg", XLINK_NS: "xlink", XML_NS: "xml", "http://www.w3.org/1999/xhtml": "html"}

_STRUCTURE = {"svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "switch", "a", "style", "image"}
_SHAPES = {"path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath"}
_PAINT = {"linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker"}
_FILTERS = {
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feFuncR", "feFuncG", "feFuncB", "feFuncA",
    "feComposite", "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow",
    "feFlood", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight",
    "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
}  # fmt: skip
ELEMENTS = frozenset(_STRUCTURE | _SHAPES | _PAINT | _FILTERS)

# Presentation attributes: their values are CSS values, checked like CSS (a `url(…)` must point to `#id`).
CSS_ATTRIBUTES = frozenset(
    {
        "alignment-baseline", "baseline-shift", "clip", "clip-path", "clip-rule", "color", "color-interpolation",
        "color-interpolation-filters", "cursor", "direction", "display", "dominant-baseline", "enable-background",
        "fill", "fill-opacity", "fill-rule", "filter", "flood-color", "flood-opacity", "font", "font-family",
        "font-size", "font-size-adjust", "font-stretch", "font-style", "font-variant", "font-weight",
        "image-rendering", "isolation", "letter-spacing", "lighting-color", "marker", "marker-end", "marker-mid",
        "marker-start", "mask", "mask-type", "mix-blend-mode", "opacity", "overflow", "paint-order",
        "shape-rendering", "stop-color", "stop-opacity", "stroke", "stroke-dasharray", "stroke-dashoffset",
        "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-opacity", "stroke-width", "text-anchor",
        "text-decoration", "text-rendering", "transform", "transform-origin", "unicode-bidi", "vector-effect",
        "visibility", "word-spacing", "writing-mode",
    }
)  # fmt: skip

# Geometry, structure and filter parameters: numbers, names and ids that never reference anything outside.
PLAIN_ATTRIBUTES = frozenset(
    {
        "id", "class", "lang", "role", "tabindex", "focusable", "version", "baseProfile", "zoomAndPan",
        "x", "y", "width", "height", "viewBox", "preserveAspectRatio", "d", "points", "pathLength",
        "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr", "dx", "dy", "rotate",
        "textLength", "lengthAdjust", "startOffset", "method", "spacing", "side",
        "gradientUnits", "gradientTransform", "spreadMethod", "offset",
        "patternUnits", "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits",
        "markerUnits", "markerWidth", "markerHeight", "refX", "refY", "orient",
        "filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "mode", "type", "values",
        "tableValues", "slope", "intercept", "amplitude", "exponent", "operator", "k1", "k2", "k3", "k4",
        "radius", "baseFrequency", "numOctaves", "seed", "stitchTiles", "scale", "xChannelSelector",
        "yChannelSelector", "edgeMode", "kernelMatrix", "order", "divisor", "bias", "targetX", "targetY",
        "preserveAlpha", "surfaceScale", "diffuseConstant", "specularConstant", "specularExponent",
        "azimuth", "elevation", "z", "pointsAtX", "pointsAtY", "pointsAtZ", "limitingConeAngle",
        "kernelUnitLength", "media", "title",
    }
)  # fmt: skip

# Attributes in the xml: and xlink: namespaces; href (plain or xlink:) is checked as a link, xml:base never allowed.
XML_ATTRIBUTES = frozenset({"space", "lang", "id"})
XLINK_ATTRIBUTES = frozenset({"href", "title"})

# CSS functions that compute a value and cannot load anything; url() is checked on its own (only `#id`).
CSS_FUNCTIONS = frozenset(
    {
        "rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color", "color-mix",
        "calc", "min", "max", "clamp", "var",
        "matrix", "matrix3d", "translate", "translatex", "translatey", "translatez", "translate3d",
        "scale", "scalex", "scaley", "scalez", "scale3d", "rotate", "rotatex", "rotatey", "rotatez", "rotate3d",
        "skew", "skewx", "skewy", "perspective",
    }
)  # fmt: skip

# At-rules a <style> may hold; @import, @font-face, @namespace and the rest are refused.
CSS_AT_RULES = frozenset({"media"})
