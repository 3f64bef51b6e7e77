"""The fault corpus: every case in tests/cases/invalid/ meets its expectation.

A case is a small variation of tests/cases/base/: `case.yaml` names the
change (`vervang`: exact text substitutions in base files, `verwijder`: files
to remove, `maak`: files that cannot live in git as they are: huge, binary,
symlinks) plus any overlay files under content/ or themes/ in the case
folder, and the findings expected, exactly, in order.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import CASES, make_project
from koers.pipeline import check

INVALID = sorted(p for p in (CASES / "invalid").iterdir() if (p / "case.yaml").is_file())


def _make(project: Path, spec: dict[str, str]) -> None:
    path = project / spec["pad"]
    kind = spec["soort"]
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "groot":
        with path.open("wb") as handle:
            handle.write(b"---\ntitel: x\n---\n")
            handle.write(b"lorem ipsum " * (50 * 1024 * 1024 // 12))
    elif kind == "latin1":
        path.write_bytes(path.read_bytes().replace("visie".encode(), "visi\xeb".encode("latin-1"), 1))
    elif kind == "symlink":
        if path.exists():
            path.unlink()
        os.symlink(spec["naar"], path)
    elif kind == "bom-crlf":
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    else:
        raise AssertionError(f"unknown kind {kind}")


def build_case(case: Path, target: Path) -> tuple[Path, dict]:
    spec = yaml.safe_load((case / "case.yaml").read_text("utf-8"))
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
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    for item in spec.get("maak") or []:
        _make(project, item)
    return project, spec


@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
def test_case(case: Path, tmp_path: Path) -> None:
    project, spec = build_case(case, tmp_path / "p")
    started = time.perf_counter()
    report = check(project).report
    elapsed = time.perf_counter() - started
    lines = report.as_text().splitlines()
    assert lines == spec["verwacht"], "\n".join(lines)
    assert report.failed(strict=bool(spec.get("strikt"))) == (spec.get("exit", 1) == 1)
    assert elapsed < 5, f"{case.name} took {elapsed:.1f} s"


def test_corpus_is_large_enough() -> None:
    assert len(INVALID) >= 40


@pytest.mark.parametrize("case", [c for c in INVALID if c.name in ("alias-bom", "groot-bestand", "yaml-syntax", "symlink-buiten")], ids=lambda c: c.name)
def test_cli_never_shows_a_traceback(case: Path, tmp_path: Path) -> None:
    project, spec = build_case(case, tmp_path / "p")
    result = subprocess.run([sys.executable, "-m", "koers", "check", str(project)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[: len(spec["verwacht"])] == spec["verwacht"]
