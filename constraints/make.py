"""Write constraints/koers-<version>.txt: every package Koers needs at run time, pinned to the installed version.

Koers promises byte-identical output for the same content; that holds for the same
versions of the libraries that make the output (Typst, cairosvg, fontTools,
MkDocs, Material …). The constraints file of a release names those versions, so a
municipality can install exactly what the release was tested with:

    pip install koers==0.2.0 -c constraints/koers-0.2.0.txt

Run it in the environment the release was tested in (after `bash .ci/run`):

    python constraints/make.py
"""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

HERE = Path(__file__).resolve().parent


def closure(root: str = "koers") -> dict[str, str]:
    """Canonical name → installed version, for the root's run-time requirements and theirs (no extras)."""
    found: dict[str, str] = {}
    todo = [(root, frozenset[str]())]
    while todo:
        name, extras = todo.pop()
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            continue
        key = canonicalize_name(dist.metadata["Name"])
        if key in found and not extras:
            continue
        found[key] = dist.version
        for line in dist.requires or []:
            requirement = Requirement(line)
            environments = [{"extra": e} for e in extras] or [{"extra": ""}]
            if requirement.marker is None or any(requirement.marker.evaluate(env) for env in environments):
                todo.append((requirement.name, frozenset(requirement.extras)))
    found.pop(canonicalize_name(root), None)
    return found


def text(version: str, pins: dict[str, str]) -> str:
    head = (
        f"# Koers {version}: the versions it was tested with (byte-identical output rests on them).\n"
        f"# pip install koers=={version} -c constraints/koers-{version}.txt\n"
        f"# Made by constraints/make.py with Python {sys.version_info.major}.{sys.version_info.minor}.\n"
    )
    return head + "".join(f"{name}=={pins[name]}\n" for name in sorted(pins))


def main() -> int:
    version = distribution("koers").version
    target = HERE / f"koers-{version}.txt"
    target.write_text(text(version, closure()), encoding="utf-8")
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
