"""House-style images: SVG by allow-list, and logos and favicons that are what their name says and bounded.

The allow-list is tested against a list of hostile SVGs (every one refused with
its exact reason) and against real logos (the shipped ones, editor output,
the starter logo `koers init` writes: all accepted). py-svg-hush, a maintained
sanitiser, is run over the same list to show why Koers does not rely on it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from koers.housestyle.dataurl import decode_data_url
from koers.housestyle.images import image_problem
from koers.housestyle.raster import jpeg_size, png_size
from koers.housestyle.svgsafe import svg_bytes_problem, svg_problem
from koers.pipeline.check import check
from support.hostile_svg import HOSTILE, SAFE, data_url, jpeg, png, svg
from support.projects import REPO, make_project

THEME = "themes/voorbeeld/theme.yaml"
LOGO_LINE = 32  # `logo: logo.svg` in themes/voorbeeld/theme.yaml
FAVICON_LINE = 33


@pytest.mark.parametrize(("name", "text", "reason"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_every_hostile_svg_is_refused_with_its_reason(name: str, text: str, reason: str) -> None:
    assert svg_bytes_problem(text.encode("utf-8")) == reason


@pytest.mark.parametrize(("name", "text"), SAFE, ids=[s[0] for s in SAFE])
def test_logos_as_editors_make_them_pass(name: str, text: str) -> None:
    assert svg_bytes_problem(text.encode("utf-8")) is None


SHIPPED_SVGS = sorted([*REPO.glob("themes/*/*.svg"), *REPO.glob("tests/fixtures/**/*.svg"), *REPO.glob("tests/cases/**/*.svg")])


@pytest.mark.parametrize("path", SHIPPED_SVGS, ids=lambda p: str(p.relative_to(REPO)))
def test_shipped_logos_and_favicons_pass(path: Path) -> None:
    assert image_problem(path) is None


def test_there_are_shipped_logos_to_test() -> None:
    assert len(SHIPPED_SVGS) >= 4


def test_the_starter_logo_passes_for_any_organisation_name(tmp_path: Path) -> None:
    """The logo a new project draws from strategie.yaml's name: escaped, and as safe as any theme's logo."""
    from koers.authoring.scaffold import init_project
    from koers.pipeline.check import check

    project = tmp_path / "p"
    init_project(project, "Gemeente 's-Hertogenbosch & <Omstreken>")
    style = check(project).style
    assert style is not None and style.logo_svg is not None and style.logo is None
    drawn = project.parent / "getekend.svg"
    drawn.write_bytes(style.logo_svg)
    assert "&amp; &lt;Omstreken&gt;" in drawn.read_text("utf-8")
    assert svg_problem(drawn) is None


def test_an_svg_file_that_cannot_be_read_is_refused(tmp_path: Path) -> None:
    assert svg_problem(tmp_path / "weg.svg") == "kan niet gelezen worden"


# --- py-svg-hush, the maintained sanitiser, on the same hostile list ------------------------------------------------


def test_svg_hush_makes_script_inert_but_keeps_paths_that_would_still_load() -> None:
    """Why Koers refuses instead of cleaning with py-svg-hush.

    svg-hush removes script, handlers and foreign content, but keeps URL paths
    without their origin: `file:///etc/passwd` becomes `/etc/passwd` and
    `url(http://host/x)` becomes `url(/x)`. On the site that is a request to
    the intranet's own origin; in WeasyPrint, whose base URL is the theme
    folder, `/etc/passwd` is a file on the build machine. It also drops
    harmless embedded PNGs, and a cleaned copy would differ from the file the
    editors review. Koers's allow-list refuses all of these with a reason.
    """
    hush = pytest.importorskip("py_svg_hush", reason="py-svg-hush is not installed (it is in the [test] extras)")
    hostile = {name: text.encode("utf-8") for name, text, _ in HOSTILE}
    cleaned = {name: hush.filter_svg(hostile[name]) for name in ("script", "onload", "foreignObject", "image-file", "fill-url", "nested-file")}
    for name in ("script", "onload", "foreignObject"):
        assert b"script" not in cleaned[name] and b"onload" not in cleaned[name] and b"foreignObject" not in cleaned[name]
    assert b'href="/etc/passwd"' in cleaned["image-file"]
    assert svg_bytes_problem(cleaned["image-file"]) == "verwijst naar iets buiten het bestand (/etc/passwd)"
    assert svg_bytes_problem(cleaned["fill-url"]) == "laadt stijl of afbeeldingen van buiten het bestand (url(/x.svg#p))"
    embedded = dict(SAFE)["embedded-raster"].encode("utf-8")
    assert b"data:image/png" not in hush.filter_svg(embedded)
    assert svg_bytes_problem(embedded) is None


# --- headers of PNG and JPEG ----------------------------------------------------------------------------------------


def test_png_and_jpeg_sizes_are_read_from_the_header() -> None:
    assert png_size(png(20000, 30000)) == (20000, 30000)
    assert jpeg_size(jpeg(640, 480)) == (640, 480)
    progressive = jpeg(800, 600).replace(b"\xff\xc0", b"\xff\xc2")
    assert jpeg_size(progressive) == (800, 600)
    assert png_size(png(10, 10, ihdr_crc=False)) is None
    assert png_size(png(0, 10)) is None
    assert png_size(b"\x89PNG\r\n\x1a\n") is None
    assert jpeg_size(b"\xff\xd8\xff\xda\x00\x02") is None  # a scan before any frame header
    assert jpeg_size(b"\xff\xd8\xff\xe0\x00\x10JFIF") is None  # cut off


def test_data_urls_decode_like_a_browser() -> None:
    assert decode_data_url("data:image/PNG;base64,iVBO Rw0K") == ("image/png", b"\x89PNG\r\n")
    assert decode_data_url("data:image/svg+xml,%3Csvg%2F%3E") == ("image/svg+xml", b"<svg/>")
    assert decode_data_url("DATA:image/svg+xml;charset=utf-8,<svg/>") == ("image/svg+xml", b"<svg/>")
    assert decode_data_url("data:image/png;base64,iVBORw") == ("image/png", b"\x89PNG")  # padding left out
    assert decode_data_url("data:image/svg+xml,<svg fill='#fff'/>") is None  # the reader would cut at '#'
    assert decode_data_url("data:image/png;base64,!!!!") is None
    assert decode_data_url("data:image/png") is None


# --- logo and favicon files at `koers check` ------------------------------------------------------------------------


def _errors(project: Path) -> list[str]:
    return [f.format() for f in check(project).report.errors]


def _set(project: Path, key: str, name: str, data: bytes | str) -> None:
    theme = project / THEME
    theme.write_text(theme.read_text("utf-8").replace(f"{key}: {key}.svg", f"{key}: {name}"), "utf-8")
    target = project / "themes" / "voorbeeld" / name
    target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


@pytest.mark.parametrize(
    ("key", "name", "data", "reason"),
    [
        ("favicon", "fav.html", "<script>alert(1)</script>", "is geen SVG-, PNG- of JPEG-bestand (extensie .html)"),
        ("favicon", "favicon", "<svg/>", "is geen SVG-, PNG- of JPEG-bestand (zonder extensie)"),
        ("logo", "logo.gif", b"GIF89a", "is geen SVG-, PNG- of JPEG-bestand (extensie .gif)"),
        ("logo", "logo.png", "<html><script>alert(1)</script></html>", "is geen PNG-afbeelding: de inhoud past niet bij de extensie .png"),
        ("logo", "logo.PNG", jpeg(10, 10), "is geen PNG-afbeelding: de inhoud past niet bij de extensie .PNG"),
        ("logo", "logo.jpg", png(10, 10), "is geen JPEG-afbeelding: de inhoud past niet bij de extensie .jpg"),
        ("logo", "logo.png", png(20000, 20000), "is te groot: 20000 × 20000 pixels, maximaal 4096 × 4096"),
        ("favicon", "favicon.jpeg", jpeg(4097, 16), "is te groot: 4097 × 16 pixels, maximaal 4096 × 4096"),
        ("logo", "logo.png", png(16, 16, ihdr_crc=False), "is een beschadigde PNG-afbeelding: de afmetingen zijn niet te lezen"),
        ("logo", "logo.png", png(16, 16) + b"\0" * 1_000_000, "is te groot: 1,0 MB, maximaal 1 MB"),
        ("logo", "logo.svg", svg('<image href="http://127.0.0.1:9/x.png"/>'), "verwijst naar iets buiten het bestand (http://127.0.0.1:9/x.png)"),
    ],
)
def test_logo_and_favicon_are_checked_at_check(tmp_path: Path, key: str, name: str, data: bytes | str, reason: str) -> None:
    project = make_project(tmp_path / "p")
    _set(project, key, name, data)
    line = LOGO_LINE if key == "logo" else FAVICON_LINE
    assert _errors(project) == [f"{THEME}:{line}: fout: {key} '{name}' {reason}; dat is niet toegestaan in een huisstijl"]


@pytest.mark.parametrize(("name", "data"), [("logo.png", png(4096, 1024)), ("logo.jpeg", jpeg(300, 100)), ("logo.JPG", jpeg(1, 1))])
def test_png_and_jpeg_logos_within_bounds_pass(tmp_path: Path, name: str, data: bytes) -> None:
    project = make_project(tmp_path / "p")
    _set(project, "logo", name, data)
    checked = check(project)
    assert checked.report.errors == []
    assert checked.style is not None and checked.style.logo == (project / "themes" / "voorbeeld" / name).resolve()


def test_an_svg_logo_with_an_embedded_png_passes_and_one_with_a_huge_png_does_not(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    _set(project, "logo", "logo-ok.svg", svg(f'<image width="9" height="9" href="{data_url("image/png", png(64, 64))}"/>'))
    assert _errors(project) == []
    _set(project, "logo", "logo-reus.svg", svg(f'<image width="9" height="9" href="{data_url("image/png", png(20000, 20000))}"/>'))
    theme = project / THEME
    theme.write_text(theme.read_text("utf-8").replace("logo: logo-ok.svg", "logo: logo-reus.svg"), "utf-8")
    assert _errors(project) == [
        f"{THEME}:{LOGO_LINE}: fout: logo 'logo-reus.svg' bevat een ingesloten afbeelding van 20000 × 20000 pixels, "
        "maximaal 4096 × 4096; dat is niet toegestaan in een huisstijl"
    ]


# --- bounded work on a hostile 1 MB logo ----------------------------------------------------------------------------


def test_css_that_needs_tokenizing_is_bounded_per_logo() -> None:
    heavy = svg('<rect style="' + "fill:rgb(1,2,3);" * 60_000 + '"/>')
    assert svg_bytes_problem(heavy.encode()) == "bevat te veel CSS om te controleren (meer dan 100.000 tekens)"
    spread = svg('<rect fill="url(#g)"/>' * 20_000)  # many small values add up too
    assert svg_bytes_problem(spread.encode()) == "bevat te veel CSS om te controleren (meer dan 100.000 tekens)"
    plain = svg('<rect style="' + "fill:#fff;" * 90_000 + '"/>')  # nothing to tokenize: costs nothing
    assert svg_bytes_problem(plain.encode()) is None


def test_deeply_nested_css_is_refused_without_recursing_into_it() -> None:
    nested = svg("<style>" + "@media screen{" * 5_000 + "}" * 5_000 + "</style>")
    assert svg_bytes_problem(nested.encode()) == "bevat CSS die niet klopt"
    functions = svg('<rect fill="' + "calc(" * 15_000 + '1px"/>')  # calc() is allowed, its nesting is not
    assert svg_bytes_problem(functions.encode()) == "bevat CSS die niet klopt"
    elements = svg("<g>" * 100_000 + "</g>" * 100_000)
    assert svg_bytes_problem(elements.encode()) is None
