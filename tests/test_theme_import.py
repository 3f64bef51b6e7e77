"""`koers theme import`: a new theme folder from design tokens, refused or reported in Dutch when it cannot be made."""

from __future__ import annotations

import argparse
import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from koers.cli.housestyle import COMMANDS, add_parsers
from koers.findings import Report
from koers.housestyle.theme import load_house_style
from koers.pipeline.check import check
from support.projects import REPO, make_project

FIXTURES = REPO / "tests" / "fixtures" / "tokens"
VOORBEELD_FONTS = REPO / "themes" / "voorbeeld" / "fonts"


def koers_theme(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    """Run `koers theme …` through the parser this module adds; (exit code, stdout, stderr)."""
    parser = argparse.ArgumentParser(prog="koers")
    add_parsers(parser.add_subparsers(dest="command"))
    code = COMMANDS["theme"](parser.parse_args([str(a) for a in args]))
    out, err = capsys.readouterr()
    return code, out, err


def _colours(theme_yaml: Path) -> dict:
    return yaml.safe_load(theme_yaml.read_text("utf-8"))["kleuren"]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_real_voorbeeld_tokens_import_to_a_theme_that_passes_the_gate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "p")
    code, out, err = koers_theme(capsys, "theme", "import", FIXTURES / "voorbeeld" / "tokens.json", "--id", "nlds", "--project", project)
    assert code == 0, err
    assert out.splitlines() == [
        "huisstijl 'nlds' gemaakt in themes/nlds uit tokens.json",
        ("let op: de tokens noemen lettertype 'Noto Sans', maar die bestanden zijn er niet: deze huisstijl gebruikt "
        "'Open Sans'; geef de lettertypebestanden (TTF met licentie) mee met --fonts MAP"),
        "contrast in orde (WCAG 2.1 AA)",
        "gebruik hem met 'huisstijl: nlds' in content/strategie.yaml",
    ]
    theme = project / "themes" / "nlds"
    assert _colours(theme / "theme.yaml")["primair"] == "#5115ef"
    assert _colours(theme / "theme.yaml")["status"]["gereed"] == "#105f26"
    assert _sha(theme / "tokens" / "tokens.json") == _sha(FIXTURES / "voorbeeld" / "tokens.json")
    assert "EUPL" in (theme / "tokens" / "LICENSE.md").read_text("utf-8")
    assert (theme / "fonts" / "LICENSE-Apache-2.0.txt").is_file() and (theme / "fonts" / "OpenSans-Bold.woff2").is_file()
    logo = (theme / "logo.svg").read_text("utf-8")
    assert "#5115ef" in logo and "#1b3a6b" not in logo
    style = load_house_style(project, "nlds", Report())
    assert style is not None and style.fonts.family == "Open Sans"
    assert not list((project / "themes").glob(".*")), "no staging folder is left behind"


def test_shipped_nl_design_system_theme_is_the_import_of_the_fixture(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The shipped theme's colours are exactly what the import gives with the documented mapping."""
    project = make_project(tmp_path / "p")
    folder = FIXTURES / "voorbeeld"
    code, _, err = koers_theme(
        capsys, "theme", "import", folder / "tokens.json", "--id", "opnieuw", "--project", project, "--mapping", folder / "koppeling.yaml"
    )
    assert code == 0, err
    shipped = REPO / "themes" / "nl-design-system"
    assert _colours(project / "themes" / "opnieuw" / "theme.yaml") == _colours(shipped / "theme.yaml")
    assert _sha(shipped / "tokens" / "tokens.json") == _sha(folder / "tokens.json")
    assert _sha(shipped / "tokens" / "LICENSE.md") == _sha(folder / "LICENSE.md")
    assert (shipped / "tokens" / "koppeling.yaml").read_text("utf-8") == (folder / "koppeling.yaml").read_text("utf-8")


def test_package_shape_without_basis_layer_reports_what_it_could_not_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "p")
    code, out, err = koers_theme(capsys, "theme", "import", FIXTURES / "stadsvorm" / "tokens.json", "--id", "stad", "--project", project)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[1] == "niet gekoppeld (7):"
    assert lines[2] == (
        "  accent: geen bruikbaar token gevonden ('basis.color.accent-3.border-default' bestaat niet; "
        "'basis.color.accent-1.border-default' bestaat niet); Koers gebruikt de standaardkleur #c75b12"
    )
    assert [line.split(":")[0] for line in lines[3:9]] == [
        "  vlak", "  status.gepland", "  status.lopend", "  status.gereed", "  status.vertraagd", "  status.gestopt",
    ]
    assert "Fira Sans" in out
    colours = _colours(project / "themes" / "stad" / "theme.yaml")
    assert (colours["primair"], colours["tekst"], colours["vlak"]) == ("#24578f", "#1a1a1a", "#eef3f7")
    text = (project / "themes" / "stad" / "theme.yaml").read_text("utf-8")
    assert '  primair: "#24578f"          # stad.button.primary-action.background-color\n' in text
    assert '  vlak: "#eef3f7"             # standaardkleur van Koers: geen token gevonden\n' in text


def test_import_that_fails_the_gate_prints_the_failing_pairs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "p")
    mapping = tmp_path / "koppeling.yaml"
    mapping.write_text("accent: basis.color.kapot.licht\n", "utf-8")
    code, _, err = koers_theme(
        capsys, "theme", "import", FIXTURES / "w3c-basis" / "tokens.json", "--id", "licht", "--project", project, "--mapping", mapping
    )
    assert code == 1
    assert err.splitlines()[0] == (
        "themes/licht/theme.yaml:10: fout: contrast te laag voor lijnen en vlakken: accent #dddddd op achtergrond #ffffff "
        "is 1,36:1, nodig is 3,00:1 (WCAG 2.1 AA)"
    )
    assert "kies andere tokens met --mapping" in err
    assert (project / "themes" / "licht" / "tokens" / "koppeling.yaml").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--id", "voorbeeld"), "koers: fout: themes/voorbeeld bestaat al; kies een ander id of verwijder die map eerst"),
        (("--id", "Mijn Stijl"), "koers: fout: 'Mijn Stijl' is geen geldig id: gebruik kleine letters, cijfers en koppeltekens, bijvoorbeeld 'gemeente-x'"),
    ],
)
def test_refusals_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str) -> None:
    project = make_project(tmp_path / "p")
    before = sorted(p.relative_to(project).as_posix() for p in (project / "themes").rglob("*"))
    code, out, err = koers_theme(capsys, "theme", "import", FIXTURES / "w3c-basis" / "tokens.json", *args, "--project", project)
    assert code == 2 and out == ""
    assert err.splitlines() == [message, "er is niets geschreven"]
    assert sorted(p.relative_to(project).as_posix() for p in (project / "themes").rglob("*")) == before


def test_unreadable_token_file_and_bad_mapping_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "p")
    broken = tmp_path / "kapot.json"
    broken.write_text('{"a": {"$value": "#fff"},}', "utf-8")
    code, _, err = koers_theme(capsys, "theme", "import", broken, "--id", "x", "--project", project)
    assert code == 2
    assert err.splitlines()[0].startswith(f"{broken}:1: fout: tokenbestand is geen geldige JSON")
    code, _, err = koers_theme(capsys, "theme", "import", tmp_path / "weg.json", "--id", "x", "--project", project)
    assert code == 2 and err.splitlines() == [f"koers: fout: tokenbestand {tmp_path / 'weg.json'} bestaat niet", "er is niets geschreven"]
    mapping = tmp_path / "koppeling.yaml"
    mapping.write_text("primair: [a, b]\nprimair: c\n", "utf-8")
    code, _, err = koers_theme(
        capsys, "theme", "import", FIXTURES / "w3c-basis" / "tokens.json", "--id", "x", "--project", project, "--mapping", mapping
    )
    assert code == 2 and f"{mapping}:2: fout:" in err
    assert not (project / "themes" / "x").exists()


def _font_folder(tmp_path: Path, licence: bool = True, web: bool = True) -> Path:
    """Open Sans regular and bold with a licence; without web fonts the TTFs are cut down so WOFF2 compression is quick."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    folder = tmp_path / "lettertypen"
    folder.mkdir()
    for name in ("OpenSans-Regular", "OpenSans-Bold"):
        if web:
            shutil.copyfile(VOORBEELD_FONTS / f"{name}.ttf", folder / f"{name}.ttf")
            shutil.copyfile(VOORBEELD_FONTS / f"{name}.woff2", folder / f"{name}.woff2")
        else:
            font = TTFont(VOORBEELD_FONTS / f"{name}.ttf", recalcTimestamp=False)
            subsetter = subset.Subsetter(subset.Options())
            subsetter.populate(text="Koers abc")
            subsetter.subset(font)
            font.save(folder / f"{name}.ttf")
    if licence:
        shutil.copyfile(VOORBEELD_FONTS / "LICENSE-Apache-2.0.txt", folder / "LICENSE.txt")
    return folder


def test_font_folder_supplies_the_fonts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "p")
    fonts = _font_folder(tmp_path)
    code, out, err = koers_theme(
        capsys, "theme", "import", FIXTURES / "w3c-basis" / "tokens.json", "--id", "lw", "--project", project, "--fonts", fonts, "--naam", "Lindewaard"
    )
    assert code == 0, err
    assert "let op: de tokens noemen lettertype 'Source Sans 3', maar " in out and "bevat 'Open Sans'; Koers gebruikt 'Open Sans'" in out
    data = yaml.safe_load((project / "themes" / "lw" / "theme.yaml").read_text("utf-8"))
    assert data["naam"] == "Lindewaard"
    assert data["lettertype"] == {
        "familie": "Open Sans",
        "regulier": "fonts/OpenSans-Regular.ttf",
        "vet": "fonts/OpenSans-Bold.ttf",
        "licentie": "fonts/LICENSE.txt",
        "web": {"regulier": "fonts/OpenSans-Regular.woff2", "vet": "fonts/OpenSans-Bold.woff2"},
    }


def test_font_folder_without_licence_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "p")
    code, _, err = koers_theme(
        capsys, "theme", "import", FIXTURES / "w3c-basis" / "tokens.json", "--id", "lw", "--project", project,
        "--fonts", _font_folder(tmp_path, licence=False),
    )
    assert code == 2 and "geen licentiebestand" in err
    assert not (project / "themes" / "lw").exists()


def test_missing_web_fonts_are_made_the_same_every_time(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "p")
    fonts = _font_folder(tmp_path, web=False)
    for theme_id in ("een", "twee"):
        code, _, err = koers_theme(
            capsys, "theme", "import", FIXTURES / "w3c-basis" / "tokens.json", "--id", theme_id, "--project", project, "--fonts", fonts
        )
        assert code == 0, err
    made = project / "themes" / "een" / "fonts" / "OpenSans-Regular.woff2"
    assert made.read_bytes()[:4] == b"wOF2"
    assert made.read_bytes() == (project / "themes" / "twee" / "fonts" / "OpenSans-Regular.woff2").read_bytes()


def test_imported_theme_is_usable_by_the_strategy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "p")
    code, _, err = koers_theme(capsys, "theme", "import", FIXTURES / "w3c-basis" / "tokens.json", "--id", "lindewaard", "--project", project)
    assert code == 0, err
    strategie = project / "content" / "strategie.yaml"
    strategie.write_text(strategie.read_text("utf-8").replace("huisstijl: voorbeeld", "huisstijl: lindewaard"), "utf-8")
    checked = check(project)
    assert checked.report.errors == [], checked.report.as_text()
    assert checked.style is not None and checked.style.primary == "#105f26"


def test_unpacked_npm_package_is_noted_and_its_licence_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    package = tmp_path / "package"
    (package / "dist").mkdir(parents=True)
    shutil.copyfile(FIXTURES / "w3c-basis" / "tokens.json", package / "dist" / "tokens.json")
    (package / "package.json").write_text('{"name": "@lindewaard/tokens", "version": "1.2.3", "license": "EUPL-1.2"}', "utf-8")
    (package / "LICENSE.md").write_text("EUPL-1.2\n", "utf-8")
    (package / "CHANGELOG.md").write_text("niet nodig\n", "utf-8")
    project = make_project(tmp_path / "p")
    code, _, err = koers_theme(capsys, "theme", "import", package / "dist" / "tokens.json", "--id", "lw", "--project", project)
    assert code == 0, err
    theme = project / "themes" / "lw"
    assert "# Tokenpakket: @lindewaard/tokens 1.2.3 (licentie EUPL-1.2).\n" in (theme / "theme.yaml").read_text("utf-8")
    assert sorted(p.name for p in (theme / "tokens").iterdir()) == ["LICENSE.md", "tokens.json"]


def test_token_names_and_package_fields_cannot_inject_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 18: a token key with a line break ended its '# origin' comment and wrote its own keys into theme.yaml."""
    import json

    project = make_project(tmp_path / "p")
    package = tmp_path / "pakket"
    (package / "dist").mkdir(parents=True)
    tokens = json.loads((FIXTURES / "w3c-basis" / "tokens.json").read_text("utf-8"))
    evil = "x\nlogo: ../../content/visie.md\nfavicon: /etc/passwd\u2028q"
    tokens["lindewaard"]["kleur"][evil] = {"$value": "#1b3a6b"}
    (package / "dist" / "tokens.json").write_text(json.dumps(tokens), "utf-8")
    (package / "package.json").write_text(json.dumps({"name": "tokens\nlogo: /etc/passwd", "version": "1\r\nx: y", "license": "MIT"}), "utf-8")
    (package / "LICENSE").write_text("MIT", "utf-8")
    mapping = tmp_path / "koppeling.yaml"
    mapping.write_text(f"primair: {json.dumps('lindewaard.kleur.' + evil)}\n", "utf-8")
    koers_theme(capsys, "theme", "import", package / "dist" / "tokens.json", "--id", "veilig", "--project", project, "--mapping", mapping)
    theme = project / "themes" / "veilig" / "theme.yaml"
    data = yaml.safe_load(theme.read_text("utf-8"))
    assert (data["logo"], data["favicon"]) == ("logo.svg", "favicon.svg")
    assert set(data) == {"naam", "kleuren", "lettertype", "logo", "favicon"}
    assert data["kleuren"]["primair"] == "#1b3a6b"
    text = theme.read_text("utf-8")
    assert "# lindewaard.kleur.x\\nlogo: ../../content/visie.md\\nfavicon: /etc/passwd\\u2028q" in text
    assert "# Tokenpakket: tokens\\nlogo: /etc/passwd 1\\r\\nx: y (licentie MIT)." in text
    report = Report()
    assert load_house_style(project, "veilig", report) is not None, report.as_text()
