"""Poster export: PNG pixels, PDF pages (tagged, with the text alternative), the theme font, cache, no cairo."""

from __future__ import annotations

import io
import subprocess
import time
from dataclasses import dataclass, replace
from pathlib import Path

import pypdf
import pytest
from PIL import Image

from koers.findings import Report
from koers.pipeline.poster import poster_command
from koers.publish.exports import check_fonts, check_typst_fonts, export_posters, font_config
from koers.render.posters.svg import render_poster
from koers.render.text import load_metrics
from koers.reuse.store import cache_root
from support.projects import make_project
from test_posters import REPO, checked

A3_PT = (1190.55, 841.89)


def _postscript_names(style) -> set[str]:
    from fontTools.ttLib import TTFont

    return {TTFont(path)["name"].getDebugName(6) for path in (style.fonts.regular, style.fonts.bold)}


@pytest.fixture(scope="module")
def exported(cache):
    strategy, style = checked(REPO)
    posters = [
        render_poster(strategy, style, name, size)
        for name in ("strategie-in-een-beeld", "routekaart")
        for size in ("a3", "social")
    ]
    report = Report()
    started = time.perf_counter()
    outputs = export_posters(posters, style, report, lambda _: None)
    return {o.path: o.content for o in outputs}, report, time.perf_counter() - started, posters, style


def test_png_and_pdf_for_every_poster(exported):
    files, report, _, posters, _ = exported
    assert not report.findings, report.as_text()
    assert sorted(files) == sorted(f"downloads/{p.stem}.{ext}" for p in posters for ext in ("png", "pdf"))


def test_png_pixels_150_dpi_and_exact_social(exported):
    files = exported[0]
    for name in ("strategie-in-een-beeld", "routekaart"):
        assert Image.open(io.BytesIO(files[f"downloads/{name}-a3.png"])).size == (2480, 1754)
        assert Image.open(io.BytesIO(files[f"downloads/{name}-social.png"])).size == (1200, 630)


def test_pdf_pages_are_a3_landscape_tagged_and_carry_the_text_alternative(exported):
    files, _, _, posters, style = exported
    for poster in posters:
        pdf = pypdf.PdfReader(io.BytesIO(files[f"downloads/{poster.stem}.pdf"]))
        assert len(pdf.pages) == 1
        box = pdf.pages[0].mediabox
        expected = A3_PT if poster.size == "a3" else (900.0, 472.5)
        assert abs(float(box.width) - expected[0]) < 1 and abs(float(box.height) - expected[1]) < 1
        root = pdf.trailer["/Root"]
        assert root["/MarkInfo"]["/Marked"] and root["/Lang"] == "nl" and "/StructTreeRoot" in root
        assert pdf.metadata.title == poster.title
        figures = [e for e in _structure(root["/StructTreeRoot"]) if e.get("/S") == "/Figure"]
        assert [str(f["/Alt"]) for f in figures] == [poster.description]
        assert "Voorbeeldstad" in pdf.pages[0].extract_text()  # real text, not outlines
        fonts = {str(f.get_object()["/BaseFont"]) for f in pdf.pages[0]["/Resources"]["/Font"].values()}
        # Exactly the theme's two files, subset and embedded (Typst never falls back to a font of its own).
        assert {f.split("+")[-1] for f in fonts} == _postscript_names(style), fonts


def _structure(node, depth: int = 0):
    """Every structure element below a node of the PDF's structure tree."""
    node = node.get_object()
    if depth > 50 or not hasattr(node, "get"):
        return
    yield node
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, list) else [kids]:
        yield from _structure(kid, depth + 1)


def test_second_export_comes_from_the_cache(exported, cache, monkeypatch):
    import koers.publish.exports as exports

    files, _, _, posters, style = exported

    def no_rendering(*_: object) -> None:
        raise AssertionError("an unchanged poster was rendered again instead of taken from the cache")

    monkeypatch.setattr(exports, "_Workers", no_rendering)  # not even a worker process is started
    progress: list[str] = []
    again = export_posters(posters, style, Report(), progress.append)
    assert progress == []  # not even "0 van 16 exportbestanden maken"
    assert {o.path: o.content for o in again} == files
    assert cache_root() == cache and len(list((cache / "exports").rglob("*.png"))) >= 4


@dataclass(frozen=True)
class _Sample:
    """A minimal poster: one long line in the theme font (or another family) on a white page."""

    svg: str
    stem: str = "proef"
    pixels: tuple[int, int] = (1200, 200)
    width_phys: str = "1200px"
    height_phys: str = "200px"
    title: str = "proef"
    description: str = "proef"

    @property
    def sheets(self) -> tuple[str, ...]:
        return (self.svg,)

    @property
    def sheet_stems(self) -> tuple[str, ...]:
        return (self.stem,)


SAMPLE_TEXT = "Digitaliseringsstrategie Voorbeeldstad: Hamburgefonstiv"


def _sample(family: str) -> _Sample:
    return _Sample(
        '<svg xmlns="http://www.w3.org/2000/svg" width="1200px" height="200px" viewBox="0 0 1200 200">'
        '<rect width="1200" height="200" fill="#ffffff"/>'
        f'<text x="20" y="120" font-family="{family}" font-size="40" fill="#000000">{SAMPLE_TEXT}</text></svg>'
    )


def _ink_width(png: bytes) -> int:
    image = Image.open(io.BytesIO(png)).convert("L")
    columns = [x for x in range(image.width) if any(image.getpixel((x, y)) < 128 for y in range(60, 160))]
    return columns[-1] - columns[0] + 1


def test_png_really_uses_the_theme_font(cache):
    strategy, style = checked(REPO)
    metrics = load_metrics(style.fonts.regular)
    expected = sum(metrics.advance(c) for c in SAMPLE_TEXT) * 40 / metrics.units_per_em
    files = export_posters([_sample(style.fonts.family)], style, Report(), lambda _: None, ("png",))
    width = _ink_width(files[0].content)
    assert abs(width - expected) / expected < 0.02, (width, expected)
    # The same line in the machine's default font is measurably different: the check above has teeth.
    default = subprocess.run(["fc-match", "-f", "%{file}", "sans-serif"], capture_output=True, text=True).stdout
    if default and Path(default).suffix.lower() in (".ttf", ".otf") and "OpenSans" not in default:
        other = load_metrics(default)
        other_width = sum(other.advance(c) for c in SAMPLE_TEXT) * 40 / other.units_per_em
        assert abs(other_width - expected) / expected > 0.04


def test_a_family_name_fontconfig_cannot_resolve_is_an_error_on_the_theme(cache):
    _, style = checked(REPO)
    wrong = replace(style, fonts=replace(style.fonts, family="Open Sans Pro"))
    report = Report()
    assert not check_fonts(wrong, font_config(wrong, report), report)
    [finding] = report.errors
    line = next(
        n
        for n, t in enumerate((REPO / "themes/voorbeeld/theme.yaml").read_text().splitlines(), 1)
        if t.strip().startswith("familie:")
    )
    assert finding.format().startswith(f"themes/voorbeeld/theme.yaml:{line}: fout: lettertype 'Open Sans Pro' wordt ")
    assert export_posters([_sample("Open Sans Pro")], wrong, Report(), lambda _: None) == []


def test_typst_must_find_the_family_in_the_themes_own_files(cache):
    _, style = checked(REPO)
    assert check_typst_fonts(style, Report())
    wrong = replace(style, fonts=replace(style.fonts, family="Open Sans Pro"))
    report = Report()
    assert not check_typst_fonts(wrong, report)
    [finding] = report.errors
    assert finding.format().endswith(
        "fout: lettertype 'Open Sans Pro' wordt bij het maken van de PDF-posters niet gevonden: OpenSans-Regular.ttf "
        "bevat de familie 'Open Sans'; zet bij 'familie' precies de naam die in het lettertypebestand staat"
    )


@pytest.mark.parametrize(
    "failure, reason",
    [
        ("raise OSError('no library called \"cairo-2\" was found')", "de Cairo-bibliotheek is niet gevonden"),
        ("raise ImportError('No module named cairocffi')", "cairosvg is niet geïnstalleerd"),
    ],
)
def test_without_cairo_the_build_warns_once_and_goes_on(tmp_path, monkeypatch, failure, reason):
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "cairosvg.py").write_text(failure + "\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(fake))  # spawned workers start with this sys.path
    monkeypatch.setenv("KOERS_CACHE_DIR", str(tmp_path / "cache"))
    _, style = checked(REPO)
    report = Report()
    assert export_posters([_sample(style.fonts.family)], style, report, lambda _: None) == []
    [warning] = report.warnings
    assert warning.format().startswith(
        f"build:1: waarschuwing: PNG- en PDF-export van de posters overgeslagen: {reason}"
    )
    assert not report.errors
    assert report.failed(strict=True) and not report.failed()


def test_poster_command_writes_one_size_and_format(tmp_path, cache):
    project = make_project(tmp_path / "p", REPO / "content")
    lines: list[str] = []
    assert poster_command(project, None, "A3", "png", lines.append, lines.append) == 0
    written = sorted(p.name for p in (project / "build" / "posters").iterdir())
    assert written == ["routekaart-a3.png", "strategie-in-een-beeld-a3.png"]
    assert lines == [
        f"poster geschreven: build/posters/{name}" for name in ("strategie-in-een-beeld-a3.png", "routekaart-a3.png")
    ]
    assert Image.open(project / "build" / "posters" / "routekaart-a3.png").size == (2480, 1754)
    assert poster_command(project, "routekaart", "social", "svg", lines.append, lines.append) == 0
    assert (project / "build" / "posters" / "routekaart-social.svg").read_text().startswith("<?xml")
    assert not (project / "build" / "posters" / "strategie-in-een-beeld-social.svg").exists()
    # The build makes no A1 PNG (printers take the PDF); on demand there is one, at 150 dpi.
    assert poster_command(project, "strategie-in-een-beeld", "A1", "png", lines.append, lines.append) == 0
    assert Image.open(project / "build" / "posters" / "strategie-in-een-beeld-a1.png").size == (3508, 4967)
    errors: list[str] = []
    assert poster_command(project, None, "A5", "pdf", lines.append, errors.append) == 2
    assert poster_command(project, "kaart", "a3", "pdf", lines.append, errors.append) == 2
    assert errors and errors[0].startswith(
        "koers: gebruiksfout: kies --poster uit strategie-in-een-beeld, routekaart of strategie-met-routekaart"
    )
    (project / "content" / "visie.md").unlink()
    assert poster_command(project, "routekaart", "A3", "pdf", lines.append, errors.append) == 1
    assert "content/visie.md:1: fout:" in errors[-1]


def test_a_cache_folder_that_cannot_be_made_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 18: KOERS_CACHE_DIR below a file (or on a read-only disk) ended the build in a NotADirectoryError."""
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map", "utf-8")
    monkeypatch.setenv("KOERS_CACHE_DIR", str(blocker / "koers"))
    project = make_project(tmp_path / "p")
    _, style = checked(project)
    report = Report()
    conf = font_config(style, report)
    assert conf.is_file() and not conf.is_relative_to(blocker)
    assert report.notes == [
        f"let op: de cachemap {blocker / 'koers'} is niet te gebruiken (een deel van het pad is geen map); "
        "Koers werkt zonder cache, dus elke build maakt alle exports opnieuw"
    ]
    lines: list[str] = []
    assert poster_command(project, "routekaart", "A3", "png", lines.append, lines.append) == 0
    assert lines == ["poster geschreven: build/posters/routekaart-a3.png"]
    assert blocker.read_text("utf-8") == "geen map"


def test_a_character_the_house_font_lacks_still_gives_the_poster_pdf_with_one_warning(cache):
    """PDF/UA-1 refuses undrawable text: Typst then makes a plain tagged PDF, and the build says why, in one line."""
    strategy, style = checked(REPO)
    first = strategy.opgaven[0]
    emoji = replace(strategy, opgaven=(replace(first, titel="Data 🚀 voor iedereen"), *strategy.opgaven[1:]))
    invisible = replace(strategy, opgaven=(replace(first, titel="Data\u200b voor\u200d iedereen\ufeff"), *strategy.opgaven[1:]))
    for content, warned in ((emoji, True), (invisible, False)):
        poster = render_poster(content, style, "strategie-in-een-beeld", "a3")
        report = Report()
        [pdf] = export_posters([poster], style, report, lambda _: None, ("pdf",))
        reader = pypdf.PdfReader(io.BytesIO(pdf.content))
        assert pdf.path == "downloads/strategie-in-een-beeld-a3.pdf" and len(reader.pages) == 1
        assert "Data" in reader.pages[0].extract_text()
        lines = [f.format() for f in report.warnings]
        if warned:
            assert lines == [
                "build:1: waarschuwing: strategie-in-een-beeld-a3.pdf is geen PDF/UA-1-bestand geworden: PDF/UA-1 error: the text "
                '`"🚀"` could not be displayed with a font; gebruik tekens die het lettertype van de huisstijl heeft'
            ]
        else:  # zero-width characters are left out: the PDF stays PDF/UA-1
            assert lines == [] and b"pdfuaid" in pdf.content


def test_the_same_poster_gives_the_same_bytes_from_fresh_worker_processes(tmp_path, monkeypatch):
    """Same content in, byte-identical files out: no date, no random id, whichever process makes them."""
    strategy, style = checked(REPO)
    poster = render_poster(strategy, style, "routekaart", "a3")
    made = []
    for run in ("eerste", "tweede"):
        monkeypatch.setenv("KOERS_CACHE_DIR", str(tmp_path / run))  # an empty cache: both runs really render
        made.append({o.path: o.content for o in export_posters([poster], style, Report(), lambda _: None)})
    assert sorted(made[0]) == ["downloads/routekaart-a3.pdf", "downloads/routekaart-a3.png"]
    assert made[0] == made[1]
    assert b"CreationDate" not in made[0]["downloads/routekaart-a3.pdf"]


def test_workers_that_cannot_start_skip_the_exports_with_one_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from concurrent.futures.process import BrokenProcessPool

    import koers.publish.exports as exports

    strategy, style = checked(REPO)
    posters = [render_poster(strategy, style, name, "social") for name in ("routekaart", "strategie-in-een-beeld")]
    monkeypatch.setenv("KOERS_CACHE_DIR", str(tmp_path / "leeg"))

    class Broken:
        def __init__(self, *_: object, **__: object) -> None:
            self.stopped = False

        def submit(self, *_: object) -> None:
            raise BrokenProcessPool("geen processen")

        def shutdown(self, *_: object, **__: object) -> None:
            self.stopped = True

    monkeypatch.setattr(exports, "ProcessPoolExecutor", Broken)
    report = Report()
    assert export_posters(posters, style, report, lambda _: None) == []
    assert [f.message for f in report.warnings] == [exports.SKIPPED + "de exportprocessen konden niet starten (geen processen)"]
