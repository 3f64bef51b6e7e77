"""Hostile SVGs for the theme image checks: each with the exact Dutch reason `svg_bytes_problem` gives.

They cover issue 18's findings (nested data: SVG with file: and http: images,
escaped CSS url(), <set> rewriting a link into javascript:, <?xml-stylesheet?>,
url() in presentation attributes, xml:base) and the classic SVG attack list
(script, handlers, foreign content, entities, animation, external references).
"""

from __future__ import annotations

from urllib.parse import quote

from support.images import data_url, jpeg, png

SVG = 'xmlns="http://www.w3.org/2000/svg"'
XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'
NESTED = " (in een ingesloten SVG-afbeelding)"
OUTSIDE = "verwijst naar iets buiten het bestand"
EXTERNAL = "laadt stijl of afbeeldingen van buiten het bestand"


def svg(body: str, attributes: str = "") -> str:
    return f'<svg {SVG} {XLINK} viewBox="0 0 10 10"{attributes}>{body}</svg>'


def nest(text: str, levels: int) -> str:
    """The SVG wrapped `levels` times in an <image> of an outer SVG, as base64 data: URLs."""
    for _ in range(levels):
        text = svg(f'<image href="{data_url("image/svg+xml", text.encode())}"/>')
    return text


CIRCLE = svg('<circle r="4"/>')
INNER_FILE = svg('<image href="file:///etc/koers-geheim.png" width="10" height="10"/>')
INNER_HTTP = svg('<image xlink:href="http://127.0.0.1:9/x.png" width="10" height="10"/>')
INNER_FONT = svg(r"<style>@font-face{font-family:x;src:ur\l(http://127.0.0.1:9/f.woff)}</style>")

# (name, SVG text, the reason), every one of them must be refused.
HOSTILE: list[tuple[str, str, str]] = [
    ("script", svg("<script>alert(1)</script>"), "bevat een <script>-element"),
    ("onload", svg("", ' onload="alert(1)"'), "bevat een script-attribuut (onload)"),
    ("onclick-hoofdletters", svg('<rect OnClick="alert(1)"/>'), "bevat een script-attribuut (OnClick)"),
    ("foreignObject", svg("<foreignObject><div xmlns='http://www.w3.org/1999/xhtml'>x</div></foreignObject>"), "bevat een <foreignObject>-element"),
    ("xhtml-script", svg("<h:script xmlns:h='http://www.w3.org/1999/xhtml'>alert(1)</h:script>"), "bevat een <script>-element"),
    ("iframe", svg("<iframe xmlns='http://www.w3.org/1999/xhtml' src='http://127.0.0.1:9/'/>"), "bevat een <iframe>-element"),
    ("set-javascript", svg('<a xlink:href="#"><set attributeName="xlink:href" to="javascript:alert(1)"/><rect width="9" height="9"/></a>'),
     "bevat een <set>-element"),
    ("animate-href", svg('<a href="#"><animate attributeName="href" values="javascript:alert(1)"/></a>'), "bevat een <animate>-element"),
    ("animate-onbegin", svg('<rect><animate onbegin="alert(1)" attributeName="x" dur="1s"/></rect>'), "bevat een <animate>-element"),
    ("a-javascript", svg('<a href="javascript:alert(1)"><rect width="9" height="9"/></a>'), f"{OUTSIDE} (javascript:alert(1))"),
    ("a-tab-javascript", svg('<a href="java&#9;script:alert(1)"><rect/></a>'), f"{OUTSIDE} (java\\x09script:alert(1))"),
    ("a-web", svg('<a xlink:href="https://example.org/"><rect/></a>'), f"{OUTSIDE} (https://example.org/)"),
    ("use-extern", svg('<use href="http://127.0.0.1:9/sprite.svg#x"/>'), f"{OUTSIDE} (http://127.0.0.1:9/sprite.svg#x)"),
    ("use-data", svg('<use href="data:image/svg+xml;base64,PHN2Zy8+#x"/>'), f"{OUTSIDE} (data:image/svg+xml;base64,PHN2Zy8+#x)"),
    ("image-file", svg('<image href="file:///etc/passwd"/>'), f"{OUTSIDE} (file:///etc/passwd)"),
    ("image-relatief", svg('<image href="../../content/visie.md"/>'), f"{OUTSIDE} (../../content/visie.md)"),
    ("image-gif", svg(f'<image href="{data_url("image/gif", b"GIF89a")}"/>'),
     "bevat een ingesloten afbeelding van het type image/gif (alleen PNG, JPEG en SVG)"),
    ("image-png-nep", svg(f'<image href="{data_url("image/png", b"<html><script>alert(1)</script>")}"/>'),
     "bevat een ingesloten afbeelding die geen geldige PNG-afbeelding is"),
    ("image-png-reus", svg(f'<image href="{data_url("image/png", png(20000, 20000))}"/>'),
     "bevat een ingesloten afbeelding van 20000 × 20000 pixels, maximaal 4096 × 4096"),
    ("image-jpeg-reus", svg(f'<image href="{data_url("image/jpeg", jpeg(5000, 10))}"/>'),
     "bevat een ingesloten afbeelding van 5000 × 10 pixels, maximaal 4096 × 4096"),
    ("image-base64-kapot", svg('<image href="data:image/png;base64,@@@"/>'), "bevat een ingesloten afbeelding die niet te lezen is"),
    ("nested-file", svg(f'<image href="{data_url("image/svg+xml", INNER_FILE.encode())}"/>'), f"{OUTSIDE} (file:///etc/koers-geheim.png){NESTED}"),
    ("nested-http", svg(f'<image href="{data_url("image/svg+xml", INNER_HTTP.encode())}"/>'), f"{OUTSIDE} (http://127.0.0.1:9/x.png){NESTED}"),
    ("nested-font-escaped", svg(f'<image href="{data_url("image/svg+xml", INNER_FONT.encode())}"/>'), f"bevat de CSS-regel @font-face{NESTED}"),
    ("nested-procent", svg(f'<image href="data:image/svg+xml,{quote(INNER_HTTP)}"/>'), f"{OUTSIDE} (http://127.0.0.1:9/x.png){NESTED}"),
    ("nested-diep", nest(svg(""), 4), "bevat SVG-afbeeldingen die meer dan 3 lagen diep in elkaar zitten" + NESTED),
    ("nested-script", svg(f'<image href="{data_url("image/svg+xml", svg("<script>alert(1)</script>").encode())}"/>'), f"bevat een <script>-element{NESTED}"),
    ("xml-stylesheet", '<?xml version="1.0"?>\n<?xml-stylesheet href="http://127.0.0.1:9/x.css"?>\n' + svg(""),
     "bevat een verwerkingsinstructie (<?xml-stylesheet …?>)"),
    ("pi-binnen", svg("<?php echo 1; ?>"), "bevat een verwerkingsinstructie (<?php …?>)"),
    ("doctype-standaard", '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">' + svg(""),
     "bevat een DOCTYPE-declaratie (<!DOCTYPE …>)"),
    ("xxe", '<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + svg("<text>&x;</text>"), "bevat een DOCTYPE-declaratie (<!DOCTYPE …>)"),
    ("billion-laughs", '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + svg("<text>&b;</text>"),
     "bevat een DOCTYPE-declaratie (<!DOCTYPE …>)"),
    ("fill-url", svg('<rect fill="url(http://127.0.0.1:9/x.svg#p)"/>'), f"{EXTERNAL} (url(http://127.0.0.1:9/x.svg#p))"),
    ("fill-url-escaped", svg(r'<rect fill="u\72l(http://127.0.0.1:9/x)"/>'), f"{EXTERNAL} (url(http://127.0.0.1:9/x))"),
    ("cursor-url", svg('<rect cursor="url(http://127.0.0.1:9/c.cur), auto"/>'), f"{EXTERNAL} (url(http://127.0.0.1:9/c.cur))"),
    ("filter-url", svg('<rect filter="url(\'http://127.0.0.1:9/f.svg#f\')"/>'), f"{EXTERNAL} (url(http://127.0.0.1:9/f.svg#f))"),
    ("mask-url", svg('<rect mask="url(file:///etc/passwd)"/>'), f"{EXTERNAL} (url(file:///etc/passwd))"),
    ("clip-path-url", svg('<rect clip-path="url(//127.0.0.1:9/c#c)"/>'), f"{EXTERNAL} (url(//127.0.0.1:9/c#c))"),
    ("marker-url", svg('<path d="M0 0L9 9" marker-end="url(http://127.0.0.1:9/m#m)"/>'), f"{EXTERNAL} (url(http://127.0.0.1:9/m#m))"),
    ("style-attribuut", svg('<rect style="fill:url(http://127.0.0.1:9/p#p)"/>'), f"{EXTERNAL} (url(http://127.0.0.1:9/p#p))"),
    ("style-import", svg('<style>@import "http://127.0.0.1:9/x.css";</style>'), "bevat de CSS-regel @import"),
    ("style-import-escaped", svg(r"<style>@\69mport url(x.css);</style>"), "bevat de CSS-regel @import"),
    ("style-font-face", svg("<style>@font-face{font-family:x;src:url(data:font/woff2;base64,AAAA)}</style>"), "bevat de CSS-regel @font-face"),
    ("style-url-escaped", svg(r"<style>rect{fill:ur\l(http://127.0.0.1:9/x)}</style>"), f"{EXTERNAL} (url(http://127.0.0.1:9/x))"),
    ("style-url-commentaar", svg("<style>rect{fill:/* x */url(/* y */http://127.0.0.1:9/x)}</style>"), "bevat CSS die niet klopt"),
    ("style-url-commentaar-ervoor", svg("<style>rect{fill:/* x */url(http://127.0.0.1:9/x)}</style>"), f"{EXTERNAL} (url(http://127.0.0.1:9/x))"),
    ("style-image-set", svg('<style>rect{fill:image-set("http://127.0.0.1:9/x.png" 1x)}</style>'), "gebruikt de CSS-functie image-set()"),
    ("style-cdata", svg("<style><![CDATA[rect{fill:url(http://127.0.0.1:9/x)}]]></style>"), f"{EXTERNAL} (url(http://127.0.0.1:9/x))"),
    ("style-media-url", svg("<style>@media screen{rect{fill:url(http://127.0.0.1:9/x)}}</style>"), f"{EXTERNAL} (url(http://127.0.0.1:9/x))"),
    ("xml-base", svg('<g xml:base="http://127.0.0.1:9/"><use href="#x"/></g>'), "bevat het attribuut xml:base op <g>"),
    ("xlink-actuate", svg('<a xlink:href="#" xlink:actuate="onLoad"/>'), "bevat het attribuut xlink:actuate op <a>"),
    ("feImage", svg('<filter id="f"><feImage href="http://127.0.0.1:9/x.png"/></filter>'), "bevat een <feImage>-element"),
    ("color-profile", svg('<color-profile name="p" xlink:href="http://127.0.0.1:9/p.icc"/>'), "bevat een <color-profile>-element"),
    ("font-face-uri", svg('<font-face><font-face-src><font-face-uri xlink:href="http://127.0.0.1:9/f.svg"/></font-face-src></font-face>'),
     "bevat een <font-face>-element"),
    ("tref", svg('<text><tref xlink:href="http://127.0.0.1:9/t.svg#t"/></text>'), "bevat een <tref>-element"),
    ("handler", svg('<handler type="application/ecmascript">alert(1)</handler>'), "bevat een <handler>-element"),
    ("zonder-namespace", '<svg viewBox="0 0 1 1"><script>alert(1)</script></svg>', "is geen SVG-afbeelding"),
    ("geen-svg", "<html><body>hallo</body></html>", "is geen SVG-afbeelding"),
    ("kapot", "<svg", "is geen geldig SVG-bestand (XML klopt niet)"),
    ("inkscape-href", svg('<sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xml:base="http://x/"/>'),
     "bevat het attribuut xml:base op <namedview>"),
    ("inkscape-handler", svg('<inkscape:x xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" onclick="alert(1)"/>'),
     "bevat een script-attribuut (onclick)"),
]

# Real-looking logos that must pass: editor output with harmless extras.
SAFE: list[tuple[str, str]] = [
    ("gradient", svg('<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>'
                     '<rect width="9" height="9" fill="url(#g)" style="fill:url(&quot;#g&quot;);stroke:none"/>')),
    ("illustrator", '<?xml version="1.0" encoding="utf-8"?>\n' + svg(
        '<style type="text/css">.st0{fill:#1B3A6B;}</style><g id="Laag_1" data-name="Laag 1"><path class="st0" d="M0 0h9v9z"/></g>',
        ' version="1.1" x="0px" y="0px" style="enable-background:new 0 0 10 10;" xml:space="preserve"')),
    ("inkscape", svg(
        '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:cc="http://creativecommons.org/ns#">'
        '<cc:Work rdf:about=""><cc:license rdf:resource="http://creativecommons.org/licenses/by/4.0/"/></cc:Work></rdf:RDF></metadata>'
        '<sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" pagecolor="#ffffff"/>'
        '<g xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:label="Laag 1" inkscape:groupmode="layer">'
        '<text x="1" y="8" font-family="\'Open Sans\', sans-serif" font-weight="700">V</text></g>')),
    ("embedded-raster", svg(f'<image width="9" height="9" href="{data_url("image/png", png(64, 64))}"/>'
                            f'<image width="9" height="9" xlink:href="{data_url("image/jpeg", jpeg(64, 32))}"/>')),
    ("embedded-svg", nest(svg(f'<image width="9" height="9" href="data:image/svg+xml,{quote(CIRCLE)}"/>'), 2)),
    ("dark-mode-favicon", svg("<style>rect{fill:#1b3a6b}@media (prefers-color-scheme: dark){rect{fill:#fff}}</style><rect width='9' height='9'/>")),
    ("use-filter-marker", svg('<defs><filter id="f"><feGaussianBlur stdDeviation="1"/></filter><marker id="m"><path d="M0 0"/></marker>'
                              '<symbol id="s"><path d="M0 0"/></symbol></defs><use href="#s" filter="url(#f)" transform="translate(1 1) rotate(45)"/>'
                              '<path d="M0 0L9 9" marker-end="url(#m)"/><a href="#s"><title>Voorbeeld</title></a>')),
]


def fetching_logo(base: str, secret_uri: str, relative_secret: str) -> str:
    """A logo that tries every way to make a renderer load something: for the fetch guards, past `koers check`.

    Every image covers the whole logo and every server answer is red, so a
    fetch that got through would show as red pixels as well as a request.
    """
    inner = svg(f'<image href="{secret_uri}" width="10" height="10"/><image href="{base}/ingesloten.png" width="10" height="10"/>')
    return (
        f'<?xml version="1.0"?>\n<?xml-stylesheet type="text/css" href="{base}/stijl.css"?>\n'
        + svg(
            f'<style>@font-face{{font-family:Lek;src:ur\\l({base}/letter.woff2)}} text{{font-family:Lek}}'
            f' rect{{fill:url({base}/vulling.svg#p)}}</style>'
            f'<image href="{base}/direct.png" width="10" height="10"/>'
            f'<image xlink:href="{secret_uri}" width="10" height="10"/>'
            f'<image href="{relative_secret}" width="10" height="10"/>'
            f'<image href="{data_url("image/svg+xml", inner.encode())}" width="10" height="10"/>'
            f'<use href="{base}/sprite.svg#x"/>'
            f'<rect width="1" height="1" filter="url({base}/filter.svg#f)" mask="url({base}/masker.svg#m)"/>'
            '<text x="1" y="9" font-size="2">V</text>'
        )
    )
