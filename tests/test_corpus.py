"""The fault corpus: every case in tests/cases/invalid/ meets its expectation.

A case is a small variation of tests/cases/base/: `case.yaml` names the
change (`vervang`: exact text substitutions in base files, `verwijder`: files
to remove, `maak`: files that cannot live in git as they are: huge, binary,
empty, Latin-1, symlinks, a PNG of given dimensions, or text appended many times) plus any overlay
files under content/ or themes/ in the case folder, and the findings expected, exactly, in order
(`verwacht`), with the exit code (`exit`, default 1) and whether warnings count (`strikt`).

`bekend-probleem: <reason>` marks a case whose expectation is right but which
Koers does not meet yet: it runs as a strict xfail, so the fix makes it fail
until the marker is removed.

The other way round, every strategy in tests/cases/valid/ (which other tests build into sites, posters and
documents) passes `koers check --strict` without a single finding.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from koers.pipeline.check import check
from support.images import png
from support.projects import CASES, make_project

INVALID = sorted(p for p in (CASES / "invalid").iterdir() if (p / "case.yaml").is_file())
VALID = sorted(p for p in (CASES / "valid").iterdir() if (p / "content").is_dir())
# A PNG header, NUL bytes included: what a misnamed image looks like.
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def _spec(case: Path) -> dict:
    return yaml.safe_load((case / "case.yaml").read_text("utf-8"))


def _make(project: Path, spec: dict[str, str]) -> None:
    path = project / spec["pad"]
    kind = spec["soort"]
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "groot":
        with path.open("wb") as handle:
            handle.write(b"---\ntitel: x\n---\n")
            handle.write(b"lorem ipsum " * (50 * 1024 * 1024 // 12))
    elif kind == "latin1":
        word, replacement = spec.get("woord", "visie"), spec.get("wordt", "visi\xeb")
        data = path.read_bytes()
        assert data.count(word.encode()) >= 1, f"'{word}' not in {spec['pad']}"
        path.write_bytes(data.replace(word.encode(), replacement.encode("latin-1"), 1))
    elif kind == "symlink":
        if path.is_symlink() or path.is_file():
            path.unlink()
        os.symlink(spec["naar"].replace("{basis}", str(CASES / "base")), path)
    elif kind == "bom-crlf":
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    elif kind == "leeg":
        path.write_bytes(b"")
    elif kind == "binair":
        path.write_bytes(BINARY)
    elif kind == "tekst":
        path.write_text(spec["tekst"], "utf-8")
    elif kind == "png":
        path.write_bytes(png(spec["breedte"], spec["hoogte"]))
    elif kind == "achteraan":  # text appended to a file: once, then `herhaal` repeated `keer` times
        with path.open("a", encoding="utf-8") as handle:
            handle.write(spec.get("tekst", "") + spec.get("herhaal", "") * int(spec.get("keer", 1)))
    else:
        raise AssertionError(f"unknown kind {kind}")


def build_case(case: Path, target: Path) -> tuple[Path, dict]:
    spec = _spec(case)
    project = make_project(target)
    for folder in ("content", "themes"):
        if (case / folder).is_dir():
            shutil.copytree(case / folder, project / folder, dirs_exist_ok=True)
    for relative, pairs in (spec.get("vervang") or {}).items():
        path = project / relative
        text = path.read_text("utf-8")
        for old, new in pairs:
            assert text.count(old) == 1, f"{case.name}: '{old}' must occur once in {relative}"
            text = text.replace(old, new)
        path.write_text(text, "utf-8")
    for relative in spec.get("verwijder") or []:
        path = project / relative
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    for item in spec.get("maak") or []:
        _make(project, item)
    return project, spec


def _param(case: Path) -> object:
    reason = _spec(case).get("bekend-probleem")
    marks = [pytest.mark.xfail(strict=True, reason=f"bekend probleem: {reason}")] if reason else []
    return pytest.param(case, id=case.name, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in INVALID])
def test_case(case: Path, tmp_path: Path) -> None:
    project, spec = build_case(case, tmp_path / "p")
    report = check(project).report
    lines = report.as_text().splitlines()
    assert lines == spec["verwacht"], "\n".join(lines)
    assert report.failed(strict=bool(spec.get("strikt"))) == (spec.get("exit", 1) == 1)


@pytest.mark.parametrize("case", VALID, ids=lambda c: c.name)
def test_every_valid_case_passes_the_strict_check(case: Path, tmp_path: Path) -> None:
    report = check(make_project(tmp_path / "p", case / "content")).report
    assert not report.findings, report.as_text()
    assert not report.failed(strict=True)


def test_corpus_is_large_enough() -> None:
    assert len(INVALID) >= 40


def test_every_case_is_described_and_expects_something_exact() -> None:
    for case in INVALID:
        spec = _spec(case)
        assert spec.get("beschrijving"), case.name
        assert isinstance(spec.get("verwacht"), list), case.name
        assert spec.get("exit", 1) in (0, 1), case.name
        assert all(line.split(":", 2)[1].isdigit() for line in spec["verwacht"]), case.name


def _cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "koers", "check", *args, str(project)], capture_output=True, text=True, timeout=60, check=False)


TRACEBACK_CASES = ("alias-bom", "groot-bestand", "yaml-syntax", "symlink-buiten", "binair-bestand", "front-matter-lijst", "strategie-is-lijst")


@pytest.mark.parametrize("case", [c for c in INVALID if c.name in TRACEBACK_CASES], ids=lambda c: c.name)
def test_cli_never_shows_a_traceback(case: Path, tmp_path: Path) -> None:
    project, spec = build_case(case, tmp_path / "p")
    result = _cli(project)
    assert result.returncode == spec.get("exit", 1)
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[: len(spec["verwacht"])] == spec["verwacht"]


JSON_CASES = ("meerdere-fouten", "kring", "laag-contrast", "lege-content", "jaar-buiten-periode", "lege-jaarschijf",
              "onbekende-sleutel-actie", "niet-utf8-yaml", "bom-en-crlf", "geen-opgaven")  # fmt: skip


@pytest.mark.parametrize("case", [c for c in INVALID if c.name in JSON_CASES], ids=lambda c: c.name)
def test_json_gives_the_same_findings_as_text(case: Path, tmp_path: Path) -> None:
    """`koers check --format json` (for CI annotations) reports exactly what the text output reports."""
    project, spec = build_case(case, tmp_path / "p")
    strict = ("--strict",) if spec.get("strikt") else ()
    text, data = _cli(project, *strict), _cli(project, "--format", "json", *strict)
    assert text.returncode == data.returncode == spec.get("exit", 1)
    payload = json.loads(data.stdout)
    as_lines = [f"{f['bestand']}:{f['regel']}: {f['ernst']}: {f['melding']}" for f in payload["bevindingen"]]
    shown = [line for line in text.stderr.splitlines() if line.split(":", 2)[1:2] and line.split(":", 2)[1].isdigit()]
    assert as_lines == shown
    assert sorted(set(as_lines)) == sorted(set(spec["verwacht"] if not strict else [ln.replace(": waarschuwing: ", ": fout: ") for ln in spec["verwacht"]]))
    assert payload["geldig"] is (spec.get("exit", 1) == 0)
    assert payload["fouten"] == sum(1 for f in payload["bevindingen"] if f["ernst"] == "fout")
    assert data.stderr == ""


def test_all_findings_of_many_files_come_together_sorted(tmp_path: Path) -> None:
    """Mistakes in six files are all reported in one run, sorted by file and then line."""
    project = make_project(tmp_path / "p")
    edits = {
        "content/visie.md": ("titel: Onze visie", "titell: Onze visie"),
        "content/teams.yaml": ("team-publiek: {naam: Team Publiekszaken", "team-publiek: {nam: Team Publiekszaken"),
        "content/strategie.yaml": ("status: vastgesteld", "status: vastgestel"),
        "content/opgaven/digitale-balie.md": ("    status: gereed", "    status: klaar"),
        "content/opgaven/data-op-orde.md": ("    jaar: 2026", "    jaar: 2031"),
        "content/themas/toegankelijkheid.md": ("kort: Iedereen", "kort: [Iedereen]\nextra: Iedereen"),
        "themes/voorbeeld/theme.yaml": ('accent: "#c75b12"', 'accent: "#c75b1"'),
    }
    for relative, (old, new) in edits.items():
        path = project / relative
        path.write_text(path.read_text("utf-8").replace(old, new, 1), "utf-8")
    findings = check(project).report.sorted()
    places = [(f.location.path, f.location.line) for f in findings]
    assert places == sorted(places)
    assert {f.location.path for f in findings} >= set(edits)
    assert len([f for f in findings if f.location.path == "content/themas/toegankelijkheid.md"]) == 2
    result = _cli(project)
    assert result.returncode == 1
    printed = [line for line in result.stderr.splitlines() if ": fout: " in line or ": waarschuwing: " in line]
    assert printed == [f.format() for f in findings]


MEMORY_LIMIT_MB = 300
# The peak is VmHWM, this process's own high-water mark. Not ru_maxrss: on Linux it survives exec and
# starts from the parent's size (subprocess may vfork), so a large pytest process would be measured instead.
_MEASURE = """
import sys
from pathlib import Path
from koers.pipeline.check import check
report = check(Path(sys.argv[1])).report
print(len(report.findings))
status = Path("/proc/self/status").read_text()
print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
"""


@pytest.mark.parametrize("name", ["groot-bestand", "alias-bom", "alias-bom-voorwerk", "diepe-nesting"])
def test_memory_is_bounded(name: str, tmp_path: Path) -> None:
    """Huge files and alias bombs are refused without reading or expanding them into memory."""
    project, spec = build_case(CASES / "invalid" / name, tmp_path / "p")
    result = subprocess.run([sys.executable, "-c", _MEASURE, str(project)], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    count, peak_kb = (int(v) for v in result.stdout.split())
    assert count == len(spec["verwacht"])
    assert peak_kb / 1024 < MEMORY_LIMIT_MB, f"{name}: {peak_kb / 1024:.0f} MB"
