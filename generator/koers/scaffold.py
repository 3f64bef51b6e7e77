"""`koers init`: a new, valid project from the shipped theme, config and starter content."""

from __future__ import annotations

import shutil
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from koers.resources import schema_dir, shipped, starter_dir

SCHEMA_FOLDER = ".koers/schemas"


class ScaffoldError(Exception):
    """A Dutch reason why the project could not be created."""


def _render_starter(target: Path, organisation: str) -> list[Path]:
    base = starter_dir()
    env = Environment(loader=FileSystemLoader(str(base)), undefined=StrictUndefined, keep_trailing_newline=True)
    written = []
    for source in sorted(p for p in base.rglob("*") if p.is_file()):
        relative = source.relative_to(base)
        name = relative.as_posix()
        out = target / (name[: -len(".j2")] if name.endswith(".j2") else name)
        out.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".j2"):
            out.write_text(env.get_template(name).render(organisatie=organisation, schemas=SCHEMA_FOLDER), "utf-8")
        else:
            shutil.copyfile(source, out)
        written.append(out)
    return written


def init_project(target: Path, organisation: str) -> list[Path]:
    """Create a project folder that `koers check` accepts at once."""
    if target.exists() and any(target.iterdir()):
        raise ScaffoldError(f"map {target} bestaat al en is niet leeg; kies een nieuwe map")
    target.mkdir(parents=True, exist_ok=True)
    written = _render_starter(target, organisation)
    shutil.copyfile(shipped("mkdocs.yml"), target / "mkdocs.yml")
    shutil.copytree(shipped("themes/voorbeeld"), target / "themes" / "voorbeeld")
    shutil.copytree(schema_dir(), target / SCHEMA_FOLDER, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    written += [target / "mkdocs.yml"] + [p for p in (target / "themes").rglob("*") if p.is_file()]
    return written
