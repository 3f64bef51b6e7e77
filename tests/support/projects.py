"""Small projects for tests: the test base, the example and the other strategies, with overrides."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
CASES = REPO / "tests" / "cases"


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
