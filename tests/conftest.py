"""Shared fixtures: small projects made from the test base, the example and the second strategy."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parent.parent
CASES = REPO / "tests" / "cases"

# CI (.ci/run) explores the same examples on every run, so a red build is a regression, never the luck
# of the draw; a developer's run explores new ones, and what it finds becomes a corpus case or a test.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A private export cache per test module: its builds share it, and the user's cache is neither read nor filled."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KOERS_CACHE_DIR", str(folder))
        yield folder


def make_project(target: Path, content: Path | None = None, files: dict[str, str | bytes | None] | None = None) -> Path:
    """A project folder: content (default: the test base), the shipped themes and mkdocs.yml, plus overrides."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(content or CASES / "base" / "content", target / "content")
    shutil.copytree(REPO / "themes", target / "themes")
    shutil.copyfile(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for relative, value in (files or {}).items():
        path = target / relative
        if value is None:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(value, bytes):
            path.write_bytes(value)
        else:
            path.write_text(value, "utf-8")
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A valid small project in a temporary folder."""
    return make_project(tmp_path / "project")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """The example strategy of the repository, in a temporary project folder."""
    return make_project(tmp_path / "example", REPO / "content")


@pytest.fixture
def second(tmp_path: Path) -> Path:
    """The second, independent strategy (other period, custom sources)."""
    return make_project(tmp_path / "second", CASES / "valid" / "tweede-strategie" / "content")
