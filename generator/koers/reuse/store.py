"""Koers' cache folder: where reusable files live, how they are written, and the digests that key them.

Imports nothing from Koers, so every stage that reuses work (exports, downloads,
the published site) can use it without pulling in another stage.
"""

from __future__ import annotations

import hashlib
import os
import sys
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent  # the koers package


def cache_root() -> Path:
    """Where Koers keeps reusable files outside the project: $KOERS_CACHE_DIR, else the XDG cache folder."""
    if os.environ.get("KOERS_CACHE_DIR"):
        return Path(os.environ["KOERS_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "koers"


def store_atomically(path: Path, data: bytes) -> None:
    """Write a cache file atomically (a killed build never leaves half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


@lru_cache(maxsize=1)
def source_digest() -> str:
    """A hash of Koers' own code and templates: a development build without a version bump still misses.

    The version lives in koers/__init__.py, so it is part of the hash too.
    """
    hasher = hashlib.sha256()
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and p.suffix in (".py", ".j2", ".html", ".css", ".json", ".typ")):
        hasher.update(path.relative_to(PACKAGE).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return hasher.hexdigest()


@lru_cache(maxsize=1)
def installed_digest() -> str:
    """A hash of the Python version and every installed distribution's name and version.

    Read from the dist-info/egg-info folder names on sys.path (about a millisecond), so an upgrade of
    any library (fontTools, pyphen, Typst, cairosvg, MkDocs, a Markdown extension …) misses every key.
    """
    names = []
    for entry in dict.fromkeys(sys.path):
        try:
            names += [f"{entry}/{name}" for name in os.listdir(entry or ".") if name.endswith((".dist-info", ".egg-info"))]
        except OSError:
            continue
    return hashlib.sha256("\n".join([sys.version, *sorted(names)]).encode("utf-8")).hexdigest()


def file_digests(paths: list[Path | None]) -> bytes:
    """The SHA-256 of each file's bytes, concatenated ('-' for a file that is absent)."""
    out = b""
    for path in paths:
        if path is not None and path.is_file():
            out += hashlib.sha256(path.read_bytes()).digest()
        else:
            out += b"-"
    return out


def folder_digest(folder: Path) -> bytes:
    """The SHA-256 of a folder's regular files (relative path and bytes), links left out as git.materialise leaves them."""
    hasher = hashlib.sha256()
    for root, dirs, files in os.walk(folder):  # never follows a link to a folder
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if path.is_symlink() or not path.is_file():
                continue
            hasher.update(path.relative_to(folder).as_posix().encode("utf-8", "surrogateescape") + b"\0")
            hasher.update(hashlib.sha256(path.read_bytes()).digest())
    return hasher.digest()
