"""Reusing the published site when the engine would make exactly the same one again.

Koers builds are reproducible: the same staging folder (pages, assets, downloads,
overrides), the same engine config, the same date, the same Koers and the same
installed libraries give the same site, byte for byte. So `koers build` hashes those inputs (the
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
from pathlib import Path

import yaml

from koers.reuse.store import cache_root, installed_digest, source_digest, store_atomically

SCHEME = "koers-site-2"  # bump when what the key covers changes
# Markdown extensions whose output depends on the page and their options alone. Any other (snippets and
# b64 read files, emoji can read custom icons, a team's own extension is unknown) switches reuse off.
PURE_EXTENSIONS = frozenset(
    """abbr admonition attr_list def_list fenced_code footnotes legacy_attrs legacy_em md_in_html meta nl2br
    sane_lists smarty tables toc wikilinks codehilite pymdownx.arithmatex pymdownx.betterem pymdownx.caret
    pymdownx.critic pymdownx.details pymdownx.highlight pymdownx.inlinehilite pymdownx.keys pymdownx.magiclink
    pymdownx.mark pymdownx.progressbar pymdownx.saneheaders pymdownx.smartsymbols pymdownx.striphtml
    pymdownx.superfences pymdownx.tabbed pymdownx.tasklist pymdownx.tilde""".split()
)


def _pure(config: object) -> bool:
    """Whether every Markdown extension in the engine config is known to read nothing but the page."""
    items = config.get("markdown_extensions", []) if isinstance(config, dict) else None
    if not isinstance(items, list):
        return False
    for item in items:
        name = next(iter(item), None) if isinstance(item, dict) and len(item) == 1 else item
        if not isinstance(name, str) or name.removeprefix("markdown.extensions.") not in PURE_EXTENSIONS:
            return False
    return True


def engine_key(staging: Path, config_file: Path, epoch: str) -> str | None:
    """A hash of everything the engine's output depends on, or None when that cannot be known."""
    config = config_file.read_bytes()
    if not _pure(yaml.safe_load(config)):
        return None
    hasher = hashlib.sha256(SCHEME.encode("utf-8"))
    for part in (config, epoch.encode("utf-8"), installed_digest().encode("utf-8"), source_digest().encode("utf-8")):
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
        hasher.update(f"{path.relative_to(site).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return hasher.hexdigest()


def _record(site: Path) -> Path:
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


def remember(site: Path, key: str | None, files: str) -> None:
    """Note the key and the fingerprint of the site just published (or forget it when there is no key).

    The fingerprint is taken in the staging folder before the swap (renaming keeps every file's
    time), so a build running at the same time cannot slip its site in under this record.
    """
    record = _record(site)
    try:
        if key is None:
            record.unlink(missing_ok=True)
            return
        store_atomically(record, json.dumps({"key": key, "files": files}).encode("utf-8"))
    except OSError:
        return  # a read-only or full cache folder only costs speed
