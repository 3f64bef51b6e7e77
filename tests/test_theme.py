"""House styles: the contrast gate, font names, path confinement and switching between the two shipped themes."""

from __future__ import annotations

from pathlib import Path

import pytest

from koers.findings import Report
from koers.housestyle.theme import HouseStyle, contrast, contrast_pairs, load_house_style
from koers.pipeline.check import check
from support.projects import REPO, make_project

SHIPPED = ("voorbeeld", "nl-design-system")


def _replace(path: Path, old: str, new: str) -> int:
    """Replace text once in a file; return the 1-based line it is on."""
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")
    return text[: text.index(old)].count("\n") + 1


def _use_theme(project: Path, theme: str) -> None:
    _replace(project / "content" / "strategie.yaml", "huisstijl: voorbeeld", f"huisstijl: {theme}")


@pytest.mark.parametrize("theme", SHIPPED)
def test_shipped_themes_pass_the_gate_with_the_example_strategy(example: Path, theme: str) -> None:
    if theme != "voorbeeld":
        _use_theme(example, theme)
    checked = check(example)
    assert checked.report.errors == [], checked.report.as_text()
    assert checked.style is not None and checked.style.id == theme
    for fg_role, fg, bg_role, bg, needed, _ in contrast_pairs(checked.style):
        assert contrast(fg, bg) >= needed, (fg_role, bg_role)


def test_low_contrast_text_colour_fails_check_with_the_ratio(project: Path) -> None:
    line = _replace(project / "themes/voorbeeld/theme.yaml", 'tekst: "#1c2530"', 'tekst: "#aaaaaa"')
    report = check(project).report
    assert report.failed()
    assert report.as_text().splitlines() == [
        (f"themes/voorbeeld/theme.yaml:{line}: fout: contrast te laag voor gewone tekst: tekst #aaaaaa op achtergrond #ffffff "
        "is 2,32:1, nodig is 4,50:1 (WCAG 2.1 AA)"),
        (f"themes/voorbeeld/theme.yaml:{line}: fout: contrast te laag voor tekst op kaarten: tekst #aaaaaa op vlak #eef3f7 "
        "is 2,08:1, nodig is 4,50:1 (WCAG 2.1 AA)"),
    ]


def test_status_colour_needs_white_label_text_and_graphic_contrast(project: Path) -> None:
    line = _replace(project / "themes/voorbeeld/theme.yaml", 'gereed: "#2f7a3a"', 'gereed: "#c8e6c9"')
    lines = check(project).report.as_text().splitlines()
    assert lines == [
        (f"themes/voorbeeld/theme.yaml:{line}: fout: contrast te laag voor statuskleur: status.gereed #c8e6c9 op achtergrond "
        "#ffffff is 1,34:1, nodig is 3,00:1 (WCAG 2.1 AA)"),
        (f"themes/voorbeeld/theme.yaml:{line}: fout: contrast te laag voor statuslabel: wit #ffffff op status.gereed #c8e6c9 "
        "is 1,34:1, nodig is 4,50:1 (WCAG 2.1 AA)"),
    ]


def test_secondary_colour_is_checked_as_small_text(project: Path) -> None:
    # #3f8f8f carries white text at 4.0:1 and reads on white at 4.0:1: both need 4.5.
    line = _replace(project / "themes/voorbeeld/theme.yaml", 'secundair: "#0b6e6e"', 'secundair: "#3f8f8f"')
    messages = [f.message for f in check(project).report.errors]
    assert [f.location.line for f in check(project).report.errors] == [line, line]
    assert any(m.startswith("contrast te laag voor kleine tekst in de secundaire kleur: secundair #3f8f8f op achtergrond #ffffff") for m in messages)
    assert any(m.startswith("contrast te laag voor tekst op secundaire vlakken: wit #ffffff op secundair #3f8f8f") for m in messages)


def test_primary_is_checked_on_the_surface_colour(project: Path) -> None:
    # A darker surface: text still reads, the primary colour on cards no longer does.
    _replace(project / "themes/voorbeeld/theme.yaml", 'vlak: "#eef3f7"', 'vlak: "#8fa3b8"')
    _replace(project / "themes/voorbeeld/theme.yaml", 'tekst: "#1c2530"', 'tekst: "#000000"')
    messages = [f.message for f in check(project).report.errors]
    assert messages == [
        "contrast te laag voor koppen en cijfers op kaarten: primair #1b3a6b op vlak #8fa3b8 is 4,34:1, nodig is 4,50:1 (WCAG 2.1 AA)"
    ]


def test_font_family_must_match_the_font_file(project: Path) -> None:
    line = _replace(project / "themes/voorbeeld/theme.yaml", 'familie: "Open Sans"', 'familie: "Open Sans Pro"')
    assert check(project).report.as_text().splitlines() == [
        f"themes/voorbeeld/theme.yaml:{line}: fout: lettertype.familie 'Open Sans Pro' past niet bij OpenSans-{face}.ttf: "
        "dat lettertype heet 'Open Sans'; schrijf precies die naam"
        for face in ("Bold", "Italic", "Regular")
    ]


def test_a_file_that_is_no_font_is_refused(project: Path) -> None:
    (project / "themes/voorbeeld/fonts/nep.ttf").write_text("geen lettertype", "utf-8")
    line = _replace(project / "themes/voorbeeld/theme.yaml", "vet: fonts/OpenSans-Bold.ttf", "vet: fonts/nep.ttf")
    assert check(project).report.as_text().splitlines() == [
        f"themes/voorbeeld/theme.yaml:{line}: fout: bestand 'nep.ttf' is geen lettertype dat Koers kan lezen (TTF of OTF)"
    ]


@pytest.mark.parametrize("target", ["../../content/visie.md", "/etc/hostname", "../nl-design-system/logo.svg"])
def test_paths_outside_the_theme_folder_are_refused(project: Path, target: str) -> None:
    line = _replace(project / "themes/voorbeeld/theme.yaml", "logo: logo.svg", f"logo: {target}")
    assert check(project).report.as_text().splitlines() == [
        f"themes/voorbeeld/theme.yaml:{line}: fout: pad '{target}' wijst buiten de huisstijlmap themes/voorbeeld/; dat mag niet"
    ]


def test_symlinks_out_of_the_theme_folder_are_refused(project: Path) -> None:
    (project / "themes/voorbeeld/uit.svg").symlink_to(project / "content" / "visie.md")
    line = _replace(project / "themes/voorbeeld/theme.yaml", "logo: logo.svg", "logo: uit.svg")
    assert check(project).report.as_text().splitlines() == [
        f"themes/voorbeeld/theme.yaml:{line}: fout: pad 'uit.svg' wijst buiten de huisstijlmap themes/voorbeeld/; dat mag niet"
    ]


def _styles(tmp_path: Path) -> dict[str, HouseStyle]:
    project = make_project(tmp_path / "p", REPO / "content")
    styles = {}
    for theme in SHIPPED:
        style = load_house_style(project, theme, Report())
        assert style is not None
        styles[theme] = style
    return styles


def test_switching_theme_changes_every_house_style_value(tmp_path: Path) -> None:
    styles = _styles(tmp_path)
    old, new = styles["voorbeeld"], styles["nl-design-system"]
    assert (old.primary, new.primary) == ("#1b3a6b", "#5115ef")
    assert (old.fonts.family, new.fonts.family) == ("Open Sans", "Noto Sans")
    assert new.fonts.licence is not None and new.fonts.licence.name == "OFL-1.1.txt"
    changed = {k for k, v in new.css_variables().items() if old.css_variables()[k] != v}
    assert changed == set(old.css_variables()) - {"--koers-achtergrond"}  # both have a white page


def test_switching_theme_changes_the_site_css_and_fonts(tmp_path: Path) -> None:
    from koers.render.pages.assets import STYLESHEET, render_assets

    css = {}
    for theme, style in _styles(tmp_path).items():
        outputs, _ = render_assets(style)
        files = {o.path: o.content for o in outputs}
        css[theme] = files[STYLESHEET]
        assert any(path.endswith(style.fonts.regular.stem + ".woff2") for path in files)
    assert "--koers-primair: #1b3a6b;" in css["voorbeeld"] and '"Open Sans"' in css["voorbeeld"]
    assert "--koers-primair: #5115ef;" in css["nl-design-system"] and '"Noto Sans"' in css["nl-design-system"]
    assert "--koers-status-gereed: #105f26;" in css["nl-design-system"]


def test_switching_theme_changes_the_documents_colours_and_fonts(tmp_path: Path) -> None:
    import io

    from pypdf import PdfReader

    from koers.pipeline.check import check
    from koers.render.document.written import render_document, strategy_source

    styles = _styles(tmp_path)
    checked = check(tmp_path / "p")
    assert checked.strategy is not None
    old, new = (strategy_source(checked.strategy, styles[theme]) for theme in ("voorbeeld", "nl-design-system"))
    assert '"primary": "#1b3a6b"' in old.inputs["data"] and "#5115ef" not in old.inputs["data"]
    assert '"primary": "#5115ef"' in new.inputs["data"] and "#1b3a6b" not in new.inputs["data"]
    pdf = PdfReader(io.BytesIO(render_document(checked.strategy, styles["nl-design-system"]).pdf))
    fonts = {str(font.get_object()["/BaseFont"]).split("+")[-1] for page in pdf.pages for font in page["/Resources"]["/Font"].values()}
    assert fonts and all(name.startswith("NotoSans") for name in fonts), fonts


def test_switching_theme_changes_the_poster_colours(tmp_path: Path) -> None:
    from koers.render.posters.palette import palette

    styles = _styles(tmp_path)
    old, new = palette(styles["voorbeeld"]), palette(styles["nl-design-system"])
    assert (old.header, new.header) == ("#1b3a6b", "#5115ef")
    assert (old.band, new.band) == ("#0b6e6e", "#00568b")
    assert new.status_colour("gestopt") == "#a01d23"


def test_switching_huisstijl_changes_the_rendered_poster(example: Path) -> None:
    from koers.render.posters.svg import NAMES, render_poster

    svgs = {}
    for theme in SHIPPED:
        if theme != "voorbeeld":
            _use_theme(example, theme)
        checked = check(example)
        assert checked.strategy is not None and checked.style is not None, checked.report.as_text()
        svgs[theme] = render_poster(checked.strategy, checked.style, NAMES[0], "a3").svg
    assert "#1b3a6b" in svgs["voorbeeld"] and "#5115ef" not in svgs["voorbeeld"]
    assert "#5115ef" in svgs["nl-design-system"] and "#1b3a6b" not in svgs["nl-design-system"]
    assert "Noto Sans" in svgs["nl-design-system"] and "Open Sans" in svgs["voorbeeld"]


def _damaged_copy(font: Path, glyph: str = "Aacute") -> bytes:
    """The font with one composite glyph pointing at a glyph that does not exist (a corrupt glyf table)."""
    import struct

    from fontTools.ttLib import TTFont

    with TTFont(str(font)) as parsed:
        start = parsed["loca"][parsed.getGlyphID(glyph)]
    data = bytearray(font.read_bytes())
    for index in range(struct.unpack(">H", data[4:6])[0]):
        tag, _, offset, _ = struct.unpack(">4sIII", data[12 + 16 * index : 28 + 16 * index])
        if tag == b"glyf":
            at = offset + start
            assert struct.unpack(">h", data[at : at + 2]) == (-1,)  # a composite glyph
            struct.pack_into(">H", data, at + 12, 0xFFF0)  # its first component's glyph index
    return bytes(data)


def test_a_font_with_a_corrupt_glyph_table_is_refused_at_check(project: Path, cache: Path) -> None:
    """Issue 18: the name table was fine, so check passed; the posters' font subset then ended in an IndexError."""
    from koers.pipeline.build import build
    from koers.render.posters.assets import woff2_subset

    font = project / "themes/voorbeeld/fonts/OpenSans-Bold.ttf"
    font.write_bytes(_damaged_copy(font))
    with pytest.raises(IndexError):
        woff2_subset(str(font), "abcÁ")  # what build met (a poster with an Á)
    line = next(n for n, t in enumerate((project / "themes/voorbeeld/theme.yaml").read_text().splitlines(), 1) if t.strip().startswith("vet:"))
    expected = (
        f"themes/voorbeeld/theme.yaml:{line}: fout: lettertype 'OpenSans-Bold.ttf' is beschadigd: de vormen van de letters zijn "
        "niet te lezen (letter 'Aacute' verwijst naar letter nummer 65520, maar het lettertype heeft er 938); "
        "vervang het bestand door een goed exemplaar"
    )
    assert check(project).report.as_text().splitlines() == [expected]
    built = build(project)
    assert built.site is None and built.report.as_text().splitlines() == [expected]
