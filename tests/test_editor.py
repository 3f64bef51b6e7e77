"""Editor help in a project: the VS Code task for `koers check` and its problem matchers, and the copied schemas kept current."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from koers.cli import COMMANDS, main
from koers.resources import schema_dir

WARNING = (
    ".koers/schemas/opgave.schema.json:1: waarschuwing: de schema's in .koers/schemas horen niet bij deze Koers ({version}): "
    "{count}, dus de editor controleert met andere regels dan koers check; ververs ze in de projectmap met: koers init --bijwerken"
)


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "koers", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    target = tmp_path / "nieuw"
    assert main(["init", str(target), "--organisatie", "Gemeente Ergens"]) == 0
    return target


def _python_regexp(js: str) -> re.Pattern[str]:
    """A problem matcher's JavaScript regexp in Python: named groups are spelled differently; the rest is the same here."""
    assert not re.search(r"\(\?<[=!]|\\[pPk]", js), "a construct that needs more than this translation"
    return re.compile(re.sub(r"\(\?<(\w+)>", r"(?P<\1>", js))


def _problems(task: dict[str, Any], lines: list[str]) -> tuple[set[tuple[str, int, str, str]], list[str]]:
    """What VS Code's Problems panel would show for these output lines: (file, line, severity, message); and the lines no matcher took."""
    found, unmatched = set(), []
    for text in lines:
        hits = []
        for matcher in task["problemMatcher"]:
            pattern = matcher["pattern"]
            match = _python_regexp(pattern["regexp"]).match(text)
            if match:
                hits.append((match[pattern["file"]], int(match[pattern["line"]]), matcher["severity"], match[pattern["message"]]))
        assert len(hits) <= 1, f"two matchers take {text!r}"
        if hits:
            found.add(hits[0])
        else:
            unmatched.append(text)
    return found, unmatched


def test_init_writes_a_check_task_whose_matchers_read_real_check_output(fresh: Path) -> None:
    tasks = json.loads((fresh / ".vscode" / "tasks.json").read_text("utf-8"))
    task = next(t for t in tasks["tasks"] if t["label"] == "koers check")
    assert (task["command"], task["args"]) == ("koers", ["check"]) and "check" in COMMANDS
    assert all(m["fileLocation"] == ["relative", "${workspaceFolder}"] and m["owner"] == "koers" for m in task["problemMatcher"])
    assert sorted(m["severity"] for m in task["problemMatcher"]) == ["error", "warning"]
    # An error in the front matter of a Markdown file (which the YAML extension does not see) and a stale schema.
    opgave = fresh / "content" / "opgaven" / "eerste-opgave.md"
    opgave.write_text(opgave.read_text("utf-8").replace("    status: gepland\n", "    status: klaar\n", 1), "utf-8")
    (fresh / ".koers" / "schemas" / "opgave.schema.json").write_text("{}", "utf-8")
    result = run(*task["args"], cwd=fresh)  # as the task runs it: in the workspace folder
    assert result.returncode == 1
    problems, other = _problems(task, result.stderr.splitlines() + result.stdout.splitlines())
    from koers import __version__

    stale = WARNING.format(version=__version__, count="1 bestand wijkt af").split(": waarschuwing: ")[1]
    assert {
        ("content/opgaven/eerste-opgave.md", 17, "error", "'klaar' is geen geldige waarde voor 'status' van actie 'eerste-actie'; kies uit: gepland, lopend, gereed, vertraagd, gestopt"),
        (".koers/schemas/opgave.schema.json", 1, "warning", stale),
        ("content/strategie.yaml", 4, "warning", "'ambitie' bevat nog de invultekst 'Vul hier in één …'; vervang die door de echte tekst"),
    } <= problems
    assert {p[2] for p in problems if "invultekst" in p[3]} == {"warning"}
    assert all((fresh / path).is_file() for path, *_ in problems)
    # Only the summary is left over: no finding is lost, nothing else becomes one.
    assert len(problems) == 9 and [t for t in other if t.strip()] == ["1 fout en 8 waarschuwingen"]


def test_the_matchers_tell_errors_from_warnings_and_ignore_other_lines() -> None:
    tasks = json.loads((Path(__file__).resolve().parents[1] / "generator/koers/starter/.vscode/tasks.json").read_text("utf-8"))
    task = tasks["tasks"][0]
    problems, other = _problems(
        task,
        [
            "content/visie.md:4: fout: 'kern' ontbreekt: bijvoorbeeld: a: b",
            "themes/huis stijl/theme.yaml:12: waarschuwing: kleur: te licht",
            "in orde: geen fouten gevonden",
            "koers: fout: map x bestaat niet",
        ],
    )
    assert problems == {
        ("content/visie.md", 4, "error", "'kern' ontbreekt: bijvoorbeeld: a: b"),
        ("themes/huis stijl/theme.yaml", 12, "warning", "kleur: te licht"),
    }
    assert other == ["in orde: geen fouten gevonden", "koers: fout: map x bestaat niet"]


def test_a_fresh_project_has_current_schemas_and_no_warning_about_them(fresh: Path) -> None:
    assert sorted(p.name for p in (fresh / ".koers" / "schemas").iterdir()) == sorted(p.name for p in schema_dir().glob("*.schema.json"))
    assert ".koers/schemas" not in run("check", str(fresh)).stderr


def test_stale_schemas_get_one_warning_and_bijwerken_refreshes_them(fresh: Path) -> None:
    from koers import __version__

    schemas = fresh / ".koers" / "schemas"
    (schemas / "opgave.schema.json").write_text("{}", "utf-8")
    (schemas / "teams.schema.json").unlink()
    (schemas / "oud.schema.json").write_text("{}", "utf-8")
    (fresh / ".vscode" / "tasks.json").unlink()  # a project from before the task existed
    (fresh / ".vscode" / "settings.json").write_text("{\"eigen\": true}", "utf-8")
    content_before = {p: p.read_bytes() for p in (fresh / "content").rglob("*") if p.is_file()}
    themes_before = {p: p.read_bytes() for p in (fresh / "themes").rglob("*") if p.is_file()}
    result = run("check", str(fresh))
    lines = [line for line in result.stderr.splitlines() if ".koers" in line]
    assert lines == [WARNING.format(version=__version__, count="3 bestanden wijken af")]

    refreshed = run("init", "--bijwerken", cwd=fresh / "content" / "opgaven")  # from anywhere inside the project
    assert refreshed.returncode == 0, refreshed.stderr
    assert refreshed.stdout.splitlines() == [
        "bijgewerkt: 3 schema's in .koers/schemas: opgave.schema.json, oud.schema.json, teams.schema.json",
        "toegevoegd: .vscode/tasks.json",
    ]
    assert not (schemas / "oud.schema.json").exists()
    assert all((schemas / p.name).read_bytes() == p.read_bytes() for p in schema_dir().glob("*.schema.json"))
    assert ".koers" not in run("check", str(fresh)).stderr
    # Never content/ or themes/, and no file the user may have changed.
    assert {p: p.read_bytes() for p in (fresh / "content").rglob("*") if p.is_file()} == content_before
    assert {p: p.read_bytes() for p in (fresh / "themes").rglob("*") if p.is_file()} == themes_before
    assert (fresh / ".vscode" / "settings.json").read_text("utf-8") == "{\"eigen\": true}"
    assert run("init", "--bijwerken", str(fresh)).stdout == "de schema's in .koers/schemas waren al bijgewerkt\n"


def test_a_project_without_schema_copies_gets_no_warning(project: Path) -> None:
    assert not (project / ".koers").exists()
    assert ".koers" not in run("check", str(project)).stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["init"], "koers: gebruiksfout: dit ontbreekt nog: map (of werk een bestaand project bij met: koers init --bijwerken)\n"),
        (["init", "--bijwerken", "--organisatie", "X", "."], "koers: gebruiksfout: --organisatie hoort bij een nieuw project, niet bij --bijwerken\n"),
        (["init", "--bijwerken", "--koers-bron", "/srv/koers", "."], "koers: gebruiksfout: --koers-bron hoort bij een nieuw project, niet bij --bijwerken\n"),
    ],
)
def test_init_usage_errors(args: list[str], message: str, tmp_path: Path) -> None:
    result = run(*args, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, message)


def test_bijwerken_outside_a_project_is_one_dutch_line(tmp_path: Path) -> None:
    result = run("init", "--bijwerken", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr == f"koers: fout: map {tmp_path} is geen Koers-project: er is geen map content/; maak een nieuw project met: koers init MAP\n"
    assert list(tmp_path.iterdir()) == []
