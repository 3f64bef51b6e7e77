"""Reusing the published site when the engine would make exactly the same one again.

Koers builds are reproducible: the same staging folder (pages, assets, downloads,
overrides), the same engine config, the same date and the same engine packages
give the same site, byte for byte. So `koers build` hashes those inputs (the
engine key) and, when the site published last was made from the same key and
its files are untouched since, keeps it instead of running MkDocs again.

The record of the published site (its key and a fingerprint of its files:
paths, sizes and modification times) lives in Koers' cache folder, not in
build/. A site changed by hand, a build killed between its swaps, or a lost
record only ever cause a miss: the engine then runs as always.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from importlib import metadata
from pathlib import Path

SCHEME = "koers-site-1"  # bump when what the key covers changes
# What turns the staged Markdown into HTML; their versions are part of the key.
ENGINE_PACKAGES = (
    "mkdocs", "mkdocs-material", "mkdocs-material-extensions", "markdown", "pymdown-extensions", "jinja2", "pygments",
    "babel", "markupsafe",
)  # fmt: skip
# Markdown extensions that read files outside the staging folder: their output cannot be keyed.
READS_FILES = re.compile(rb"snippets|include", re.IGNORECASE)


def _versions() -> bytes:
    found = []
    for name in ENGINE_PACKAGES:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=-")
    return "\n".join(found).encode("utf-8")


def engine_key(staging: Path, config_file: Path, epoch: str) -> str | None:
    """A hash of everything the engine's output depends on, or None when that cannot be known."""
    config = config_file.read_bytes()
    if READS_FILES.search(config):
        return None
    hasher = hashlib.sha256(SCHEME.encode("utf-8"))
    for part in (config, epoch.encode("utf-8"), _versions()):
        hasher.update(hashlib.sha256(part).digest())
    for folder in ("docs", "overrides"):
        root = staging / folder
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            hasher.update(path.relative_to(staging).as_posix().encode("utf-8") + b"\0")
            hasher.update(hashlib.sha256(path.read_bytes()).digest())
    return hasher.hexdigest()


def fingerprint(site: Path) -> str:
    """Paths, sizes and modification times of every file under site/: any change to it shows."""
    hasher = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file() or p.is_symlink()):
        stat = path.lstat()
        hasher.update(f"{path.relative_to(site).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode("utf-8"))
    return hasher.hexdigest()


def _record(site: Path) -> Path:
    from koers.export import cache_root

    name = hashlib.sha256(str(site.resolve()).encode("utf-8")).hexdigest()[:32]
    return cache_root() / "sites" / f"{name}.json"


def is_current(site: Path, key: str | None) -> bool:
    """Whether the published site was made from this key and is untouched since."""
    if key is None or not site.is_dir():
        return False
    try:
        record = json.loads(_record(site).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(record, dict) and record.get("key") == key and record.get("files") == fingerprint(site)


def remember(site: Path, key: str | None) -> None:
    """Note the key the site just published was made from (or forget it when there is none)."""
    record = _record(site)
    try:
        if key is None:
            record.unlink(missing_ok=True)
            return
        record.parent.mkdir(parents=True, exist_ok=True)
        temporary = record.with_name(f".{record.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"key": key, "files": fingerprint(site)}), "utf-8")
        os.replace(temporary, record)
    except OSError:
        return  # a read-only or full cache folder only costs speed
