"""The command line: exit codes, Dutch output, JSON findings, init."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from koers.cli import main
from support.projects import make_project


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "koers", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_check_valid_project_exits_zero(project: Path) -> None:
    result = run("check", str(project))
    assert result.returncode == 0, result.stderr
    assert "in orde" in result.stdout
    assert "A4 over" in result.stdout


def test_check_reports_every_error_sorted_with_exit_one(tmp_path: Path) -> None:
    project = make_project(
        tmp_path / "p",
        files={
            "content/visie.md": "---\ntitell: Visie\nkern: Kort.\n---\nTekst.\n",
            "content/themas/toegankelijkheid.md": "---\ntitel: T\nkort: K\nkleur: rood\n---\n",
        },
    )
    result = run("check", str(project))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[:2] == [
        "content/themas/toegankelijkheid.md:4: fout: onbekende sleutel 'kleur'; toegestaan zijn: kort, nummer, titel",
        "content/visie.md:2: fout: onbekende sleutel 'titell'; bedoelde je 'titel'?",
    ]
    assert "2 fouten" in result.stderr and "Traceback" not in result.stderr


def test_check_json_format(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", files={"content/visie.md": "---\ntitel: V\nkern: K\nextra: 1\n---\n"})
    result = run("check", str(project), "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["geldig"] is False
    assert data["bevindingen"] == [
        {"bestand": "content/visie.md", "regel": 4, "ernst": "fout", "melding": "onbekende sleutel 'extra'; toegestaan zijn: kern, titel"}
    ]


def test_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    path = project / "content/opgaven/data-op-orde.md"
    path.write_text(path.read_text("utf-8").replace("    jaar: 2026", "    jaar: 2025"), "utf-8")
    path = project / "content/opgaven/digitale-balie.md"
    path.write_text(path.read_text("utf-8").replace("    tot: 2026", "    tot: 2025"), "utf-8")
    assert run("check", str(project)).returncode == 0
    strict = run("check", str(project), "--strict")
    assert strict.returncode == 1
    assert "content/strategie.yaml:6: fout: jaarschijf 2026 heeft nog geen acties" in strict.stderr


def test_usage_error_exits_two(capsys: object) -> None:
    result = run("check", "--formaat", "xml")
    assert result.returncode == 2
    assert "gebruiksfout" in result.stderr


def test_missing_project_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "bestaat-niet"))
    assert result.returncode == 2
    assert f"koers: gebruiksfout: map '{tmp_path / 'bestaat-niet'}' bestaat niet" in result.stderr
    (tmp_path / "leeg").mkdir()
    empty = run("check", str(tmp_path / "leeg"))
    assert empty.returncode == 1
    assert "content:1: fout: map content/ ontbreekt" in empty.stderr


def test_project_is_found_from_a_subfolder_or_a_file(project: Path) -> None:
    assert run("check", cwd=project / "content" / "opgaven").returncode == 0
    assert run("check", str(project / "content" / "strategie.yaml")).returncode == 0


def test_init_creates_a_valid_project(tmp_path: Path) -> None:
    target = tmp_path / "nieuw"
    assert main(["init", str(target), "--organisatie", "Gemeente Ergens"]) == 0
    assert (target / "mkdocs.yml").is_file() and (target / "themes/voorbeeld/theme.yaml").is_file()
    assert "Gemeente Ergens" in (target / "content/strategie.yaml").read_text("utf-8")
    first = (target / "content/strategie.yaml").read_text("utf-8").splitlines()[0]
    schema = first.split("$schema=")[1]
    assert (target / "content" / schema).resolve().is_file()
    result = run("check", str(target))
    assert result.returncode == 0, result.stderr
    # The starter's example texts are warnings, so CI (--strict) never publishes them unreplaced.
    strict = run("check", str(target), "--strict")
    assert strict.returncode == 1
    assert all("bevat nog de invultekst" in line for line in strict.stderr.splitlines()[:-1]), strict.stderr
    assert "content/strategie.yaml:4: fout: 'ambitie' bevat nog de invultekst 'Vul hier in één …'; vervang die door de echte tekst" in strict.stderr
    # No logo file of the example's: the theme draws the organisation's name from strategie.yaml.
    assert not (target / "themes/voorbeeld/logo.svg").exists()
    assert "logo:\n  tekst: organisatie" in (target / "themes/voorbeeld/theme.yaml").read_text("utf-8")
    # No site_name: the site takes its name from strategie.yaml, so it follows a later change of title.
    assert "\nsite_name:" not in (target / "mkdocs.yml").read_text("utf-8")


def test_the_starter_logo_follows_the_organisation_in_strategie_yaml(tmp_path: Path) -> None:
    import base64
    import re

    from koers.pipeline.check import check
    from koers.render.document.written import strategy_source
    from koers.render.pages.assets import render_assets
    from koers.render.posters.svg import render_poster

    target = tmp_path / "nieuw"
    assert main(["init", str(target), "--organisatie", "Gemeente Ergens"]) == 0
    strategie = target / "content/strategie.yaml"
    strategie.write_text(strategie.read_text("utf-8").replace("organisatie: Gemeente Ergens", "organisatie: Gemeente Nergens"), "utf-8")
    checked = check(target)
    assert checked.strategy is not None and checked.style is not None and not checked.report.errors
    drawn = checked.style.logo_svg
    assert drawn is not None and b"<title>Gemeente Nergens</title>" in drawn and b"Ergens" not in drawn
    assert b">N</text>" in drawn  # the initial after 'Gemeente'
    # The site's header logo: the same logo, its text outlined in the house font (an <img> has no web fonts).
    outputs, assets = render_assets(checked.style)
    site_logo = next(o.content for o in outputs if o.path == assets.logo)
    assert assets.logo.endswith("/logo.svg") and b"<text" not in site_logo and b"<title>Gemeente Nergens</title>" in site_logo
    # The poster embeds it as a data: URL, the document too.
    poster = render_poster(checked.strategy, checked.style, "strategie-in-een-beeld", "a3")
    embedded = [base64.b64decode(m) for m in re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", poster.sheets[0])]
    assert any(b"Gemeente Nergens" in svg for svg in embedded)
    document = strategy_source(checked.strategy, checked.style)
    assert '"logo_alt": "Logo Gemeente Nergens"' in document.inputs["data"] and document.files == {"logo.svg": drawn}
    # The name's width decides the logo's width: a longer name, a wider logo.
    widths = {}
    for name in ("Gemeente Ede", "Gemeente Súdwest-Fryslân"):
        strategie.write_text(re.sub(r"organisatie: .*", f"organisatie: {name}", strategie.read_text("utf-8")), "utf-8")
        widths[name] = int(re.search(rb'width="(\d+)"', check(target).style.logo_svg).group(1))
    assert widths["Gemeente Súdwest-Fryslân"] > widths["Gemeente Ede"] + 100


@pytest.mark.parametrize(
    ("name", "letter"),
    [("Gemeente 's-Hertogenbosch", "H"), ("Gemeente ’s-Gravenhage", "G"), ("Gemeente 't Hoogeland", "H"),
     ("Gemeente Ede", "E"), ("Provincie Utrecht", "U"), ("Waterschap Aa en Maas", "A"), ("Gemeente", "G"), ("'s", "S")],
)  # fmt: skip
def test_the_starter_logos_letter_is_the_places_first_letter(name: str, letter: str) -> None:
    from koers.render.namelogo import initial

    assert initial(name) == letter


def test_init_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "bestaand").mkdir()
    (tmp_path / "bestaand" / "x.txt").write_text("x")
    result = run("init", str(tmp_path / "bestaand"))
    assert result.returncode == 2
    assert "niet leeg" in result.stderr


def test_example_schema_lines_point_at_shipped_schemas() -> None:
    repo = Path(__file__).resolve().parent.parent
    for name in ("strategie.yaml", "teams.yaml"):
        first = (repo / "content" / name).read_text("utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        assert (repo / "content" / first.split("$schema=")[1]).resolve().is_file()


def test_help_and_usage_errors_are_dutch() -> None:
    help_text = run("build", "--help").stdout
    assert help_text.startswith("gebruik: koers build")
    assert "opties:" in help_text and "toon deze hulp en stop" in help_text
    missing = run("new", "opgave")
    assert missing.returncode == 2
    assert "koers: gebruiksfout: dit ontbreekt nog: id, --bron, --titel" in missing.stderr


@pytest.mark.parametrize(
    ("args", "suggestion"),
    [
        (["check", "--strikt"], "onbekend: --strikt; bedoelde je '--strict'?"),
        (["chek"], "; bedoelde je 'check'?"),
        (["check", "--format", "jsn"], "; bedoelde je 'json'?"),
        (["new", "opgve"], "; bedoelde je 'opgave'?"),
        (["--strict", "check"], "onbekend: --strict; zet --strict na de opdracht, zoals in 'koers check --strict'"),
    ],
)
def test_a_mistyped_option_or_command_gets_a_suggestion(args: list[str], suggestion: str) -> None:
    result = subprocess.run([sys.executable, "-m", "koers", *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("koers: gebruiksfout: ") and last.endswith(suggestion), last


def test_an_unknown_option_far_from_any_gets_no_guess_but_the_commands_own_options() -> None:
    result = subprocess.run([sys.executable, "-m", "koers", "check", "--xyz"], capture_output=True, text=True, timeout=60)
    last = result.stderr.strip().splitlines()[-1]
    assert result.returncode == 2 and last == "koers: gebruiksfout: onbekend: --xyz; 'koers check' kent: --format, --strict, --strict-vastgesteld"


def test_suggestions_come_only_from_the_options_of_the_command_used() -> None:
    """'koers new actie … --bron' must not suggest an option of 'koers new opgave' (that is how '--thema' was offered)."""
    for typo, expected in (("--bron", "'koers new actie' kent: "), ("--eigenar", "bedoelde je '--eigenaar'?")):
        result = subprocess.run(
            [sys.executable, "-m", "koers", "new", "actie", "o", "a", "--jaar", "2025", typo, "x"], capture_output=True, text=True, timeout=60
        )
        last = result.stderr.strip().splitlines()[-1]
        assert result.returncode == 2 and expected in last and "bedoelde je '--bron'" not in last, last


def test_options_and_arguments_of_a_command_may_come_in_any_order(tmp_path: Path) -> None:
    """'koers diff VERSIE --naar X MAP' was refused: MAP after an option is the project all the same."""
    from koers.cli import build_parser

    args = build_parser().parse_args(["diff", "vastgesteld-2025", "--naar", "main", str(tmp_path)])
    assert (args.ref, args.naar, args.project) == ("vastgesteld-2025", "main", tmp_path)


def test_a_bad_source_date_epoch_is_one_dutch_line_and_an_empty_one_is_ignored(tmp_path: Path) -> None:
    import os

    project = make_project(tmp_path / "p")
    bad = subprocess.run(
        [sys.executable, "-m", "koers", "build", "-q", str(project)],
        capture_output=True, text=True, timeout=300, env=dict(os.environ, SOURCE_DATE_EPOCH="gisteren"),
    )
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert "build:1: fout: SOURCE_DATE_EPOCH moet een aantal seconden sinds 1970 zijn (alleen de cijfers 0-9), maar is 'gisteren'" in bad.stderr
    assert not (project / "build" / "site").exists()
    empty = subprocess.run(
        [sys.executable, "-m", "koers", "build", "-q", str(project)],
        capture_output=True, text=True, timeout=300, env=dict(os.environ, SOURCE_DATE_EPOCH=""),
    )
    assert empty.returncode == 0 and "SOURCE_DATE_EPOCH" not in empty.stderr, empty.stderr
    assert (project / "build" / "site" / "index.html").is_file()


@pytest.mark.parametrize(
    ("epoch", "message"),
    [
        ("99999999999999999", "SOURCE_DATE_EPOCH is te groot ('99999999999999999'): het aantal seconden sinds 1970 mag hoogstens 253402300799 zijn (het jaar 9999)"),
        ("²", "SOURCE_DATE_EPOCH moet een aantal seconden sinds 1970 zijn (alleen de cijfers 0-9), maar is '²'"),
        ("٣", "SOURCE_DATE_EPOCH moet een aantal seconden sinds 1970 zijn (alleen de cijfers 0-9), maar is '٣'"),
    ],
)
def test_a_source_date_epoch_that_is_no_date_is_one_dutch_line(tmp_path: Path, epoch: str, message: str) -> None:
    """Issue 18: '²' passes str.isdigit() and a year beyond 9999 passed too; both ended in a traceback."""
    import os

    project = make_project(tmp_path / "p")
    result = subprocess.run(
        [sys.executable, "-m", "koers", "build", "-q", str(project)],
        capture_output=True, text=True, timeout=300, env=dict(os.environ, SOURCE_DATE_EPOCH=epoch),
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == f"build:1: fout: {message}"
    assert not (project / "build" / "site").exists()


@pytest.mark.parametrize("port", ["70000", "0", "-1", "acht", "８０"])
def test_serve_on_a_port_that_does_not_exist_is_a_usage_error(project: Path, port: str) -> None:
    result = run("serve", str(project), "--port", port)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == f"koers: gebruiksfout: poort '{port}' bestaat niet: kies een getal van 1 tot en met 65535, bijvoorbeeld 8000"
    assert not (project / "build").exists()


def test_init_on_a_file_or_below_one_is_a_dutch_error(tmp_path: Path) -> None:
    afile = tmp_path / "strategie.txt"
    afile.write_text("x", "utf-8")
    assert [run("init", str(path)).stderr for path in (afile, afile / "nieuw")] == [
        f"koers: fout: {afile} bestaat al en is geen map; kies een nieuwe map\n",
        f"koers: fout: map {afile / 'nieuw'} kan niet worden gemaakt: een deel van het pad is geen map\n",
    ]
    assert run("init", str(afile)).returncode == 2 and afile.read_text("utf-8") == "x"


def test_terminal_escapes_in_file_names_are_printed_as_escapes(tmp_path: Path) -> None:
    """Issue 18: `koers check` printed file names raw, so a name could clear or recolour the terminal."""
    name = "\x1b[2J\x1b]0;gehackt\x07\u202eam.md"
    project = make_project(tmp_path / "p", files={f"content/themas/{name}": "---\ntitel: X\nkort: X.\n---\n"})
    for args in ((), ("--format", "json")):
        result = run("check", str(project), *args)
        assert result.returncode == 1
        output = result.stdout + result.stderr
        assert not any(char in output for char in "\x1b\x07\u202e"), output
    shown = "\\x1b[2J\\x1b]0;gehackt\\x07\\u202eam.md"
    assert run("check", str(project)).stderr.splitlines()[0].startswith(f"content/themas/{shown}:1: fout: bestandsnaam '{shown}' is geen geldig id")
    assert json.loads(run("check", str(project), "--format", "json").stdout)["bevindingen"][0]["bestand"] == f"content/themas/{shown}"
