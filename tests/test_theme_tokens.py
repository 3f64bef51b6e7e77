"""`tokens:` in theme.yaml: colours read from a design-token file at check time, explicit colours winning."""

from __future__ import annotations

import shutil
from pathlib import Path

from koers.pipeline.check import check
from support.projects import REPO, make_project

FIXTURES = REPO / "tests" / "fixtures" / "tokens"
FONTS = """lettertype:
  familie: "Open Sans"
  regulier: fonts/OpenSans-Regular.ttf
  vet: fonts/OpenSans-Bold.ttf
"""


def _token_project(tmp_path: Path, theme_yaml: str, tokens: Path = FIXTURES / "w3c-basis" / "tokens.json") -> Path:
    """A project whose strategy uses themes/lindewaard: the voorbeeld fonts and logo, this theme.yaml, a token file."""
    project = make_project(tmp_path / "p")
    theme = project / "themes" / "lindewaard"
    shutil.copytree(project / "themes" / "voorbeeld" / "fonts", theme / "fonts")
    shutil.copyfile(tokens, theme / "tokens.json")
    (theme / "theme.yaml").write_text(theme_yaml, "utf-8")
    strategie = project / "content" / "strategie.yaml"
    strategie.write_text(strategie.read_text("utf-8").replace("huisstijl: voorbeeld", "huisstijl: lindewaard"), "utf-8")
    return project


def test_colours_come_from_the_token_file(tmp_path: Path) -> None:
    project = _token_project(tmp_path, f"naam: Lindewaard\ntokens:\n  bestand: tokens.json\n{FONTS}")
    checked = check(project)
    assert checked.report.errors == [], checked.report.as_text()
    style = checked.style
    assert style is not None
    assert (style.primary, style.secondary, style.accent) == ("#105f26", "#003355", "#4d1a99")
    assert (style.text, style.background, style.surface) == ("#1b2733", "#ffffff", "#f4f6f8")
    assert dict(style.status) == {
        "gepland": "#1b2733", "lopend": "#003355", "gereed": "#0c451c", "vertraagd": "#8b4513", "gestopt": "#ad281f",
    }
    assert dict(style.token_origins)["primair"] == "basis.color.accent-1-inverse.bg-default"
    assert style.tokens_file is not None and style.tokens_file.name == "tokens.json"


def test_explicit_colours_win_over_tokens_and_koppeling_chooses_tokens(tmp_path: Path) -> None:
    yaml = (
        "naam: Lindewaard\nkleuren:\n  primair: \"#222266\"\n  status:\n    gestopt: \"#7a1f1f\"\n"
        "tokens:\n  bestand: tokens.json\n  koppeling:\n    secundair: lindewaard.kleur.groen.600\n"
        f"    status:\n      lopend: [basis.color.kapot.half, lindewaard.kleur.rood.500]\n{FONTS}"
    )
    style = check(_token_project(tmp_path, yaml)).style
    assert style is not None
    assert style.primary == "#222266" and style.status_colour("gestopt") == "#7a1f1f"
    assert style.secondary == "#0c451c"
    assert style.status_colour("lopend") == "#ad281f"  # the half-transparent token is skipped
    origins = dict(style.token_origins)
    assert "primair" not in origins and origins["status.lopend"] == "lindewaard.kleur.rood.500"


def test_a_role_no_token_can_fill_is_an_error_at_its_koppeling_line(tmp_path: Path) -> None:
    yaml = f"naam: Lindewaard\ntokens:\n  bestand: tokens.json\n  koppeling:\n    accent: basis.color.kapot.kring-a\n{FONTS}"
    lines = check(_token_project(tmp_path, yaml)).report.as_text().splitlines()
    assert lines == [
        ("themes/lindewaard/theme.yaml:5: fout: kleur 'accent' komt niet uit tokens.json: geen bruikbaar token gevonden "
        "('basis.color.kapot.kring-a': kringverwijzing: basis.color.kapot.kring-a → basis.color.kapot.kring-b → "
        "basis.color.kapot.kring-a); zet de kleur onder 'kleuren' of kies een ander token onder 'tokens.koppeling'")
    ]


def test_package_without_basis_layer_needs_explicit_colours_for_the_rest(tmp_path: Path) -> None:
    yaml = f"naam: Stad\ntokens:\n  bestand: tokens.json\n{FONTS}"
    project = _token_project(tmp_path, yaml, FIXTURES / "stadsvorm" / "tokens.json")
    lines = check(project).report.as_text().splitlines()
    assert [line.split(": geen bruikbaar")[0] for line in lines] == [
        f"themes/lindewaard/theme.yaml:3: fout: kleur '{role}' komt niet uit tokens.json"
        for role in ("accent", "status.gepland", "status.gereed", "status.gestopt", "status.lopend", "status.vertraagd", "vlak")
    ]


def test_low_contrast_token_colour_fails_check_naming_the_token(tmp_path: Path) -> None:
    yaml = f"naam: Lindewaard\ntokens:\n  bestand: tokens.json\n  koppeling:\n    tekst: basis.color.kapot.licht\n{FONTS}"
    report = check(_token_project(tmp_path, yaml)).report
    assert report.failed()
    assert report.as_text().splitlines() == [
        ("themes/lindewaard/theme.yaml:5: fout: contrast te laag voor gewone tekst: tekst #dddddd op achtergrond #ffffff "
        "is 1,36:1, nodig is 4,50:1 (WCAG 2.1 AA) (kleur uit token 'basis.color.kapot.licht')"),
        ("themes/lindewaard/theme.yaml:5: fout: contrast te laag voor tekst op kaarten: tekst #dddddd op vlak #f4f6f8 "
        "is 1,25:1, nodig is 4,50:1 (WCAG 2.1 AA) (kleur uit token 'basis.color.kapot.licht')"),
    ]


def test_token_file_outside_the_theme_folder_is_refused(tmp_path: Path) -> None:
    yaml = f"naam: Lindewaard\ntokens:\n  bestand: ../voorbeeld/../../content/visie.md\n{FONTS}"
    assert check(_token_project(tmp_path, yaml)).report.as_text().splitlines() == [
        ("themes/lindewaard/theme.yaml:3: fout: pad '../voorbeeld/../../content/visie.md' wijst buiten de huisstijlmap "
        "themes/lindewaard/; dat mag niet")
    ]


def test_symlinked_token_file_pointing_out_is_refused(tmp_path: Path) -> None:
    project = _token_project(tmp_path, f"naam: L\ntokens:\n  bestand: link.json\n{FONTS}")
    (project / "themes" / "lindewaard" / "link.json").symlink_to(FIXTURES / "w3c-basis" / "tokens.json")
    assert "wijst buiten de huisstijlmap themes/lindewaard/" in check(project).report.as_text()


def test_broken_token_json_is_reported_at_its_own_line(tmp_path: Path) -> None:
    project = _token_project(tmp_path, f"naam: L\ntokens:\n  bestand: tokens.json\n{FONTS}")
    (project / "themes" / "lindewaard" / "tokens.json").write_text('{\n  "a": {"$value": "#fff"}\n  "b": 1\n}\n', "utf-8")
    assert check(project).report.as_text().splitlines() == [
        "themes/lindewaard/tokens.json:3: fout: tokenbestand is geen geldige JSON: Expecting ',' delimiter (kolom 3)"
    ]


def test_without_tokens_every_colour_is_required(tmp_path: Path) -> None:
    project = _token_project(tmp_path, f"naam: L\nkleuren:\n  primair: \"#222266\"\n{FONTS}")
    lines = check(project).report.as_text().splitlines()
    assert lines[0] == "themes/lindewaard/theme.yaml:2: fout: verplichte sleutel 'secundair' ontbreekt in 'kleuren'"
    project = _token_project(tmp_path / "b", f"naam: L\n{FONTS}")
    assert check(project).report.as_text().splitlines() == [
        "themes/lindewaard/theme.yaml:1: fout: verplichte sleutel 'kleuren' ontbreekt"
    ]
