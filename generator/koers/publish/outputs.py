"""Publishing: renderers return Outputs (koers.output); only this module writes them.

A build is written into a fresh staging folder under build/ and swapped in as a
whole. On Linux the swap is one atomic renameat2(RENAME_EXCHANGE); elsewhere it
is two renames, and a build killed between them is repaired by the next run
(`recover`), so readers see the old or the new site, never a mix. Loose files
(build/mkdocs.yml) are replaced with one rename each. A failed or killed build
only ever touches its own staging folder, which the next run removes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from koers.dutch import os_reason
from koers.output import Output
from koers.publish.checkpoints import pause_point

RENAME_EXCHANGE = 2
AT_FDCWD = -100


def output_target(base: Path, output: Output) -> Path:
    """Where an output goes below the resolved folder base; a path that would leave it is refused."""
    target = (base / output.path).resolve()
    if not target.is_relative_to(base):
        raise ValueError(f"output path escapes its folder {base.name}/: {output.path}")
    return target


def write_outputs(root: Path, outputs: list[Output] | tuple[Output, ...]) -> None:
    """Write outputs below root, refusing any path that would leave it."""
    base = root.resolve()
    for output in outputs:
        target = output_target(base, output)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(output.data())


# The files of a staged site that can carry a page's text: pages, their Markdown, the search index (also as a script).
TEXT_SUFFIXES = frozenset((".md", ".html", ".json", ".js", ".xml", ".txt"))


def fill_in(staged: Path, outputs: list[Output], texts: Mapping[str, str], left: bytes, since: float | None = None) -> str | None:
    """Files made after the engine ran: each output over its stand-in in staged docs/ and site/, each text in its placeholder's place.

    texts maps placeholders (letters and digits, passed on unchanged by Markdown, HTML and the
    search index) to what they stand for, in every text file of the staged docs and site.
    Returns the first file (under docs/ or site/) that still holds `left` afterwards, in one
    pass over every file; None when none does. since: only files changed at or after this time
    (seconds since the epoch) are read, when the placeholders are new since then.
    """
    for root in ("docs", "site"):
        base = (staged / root).resolve()
        for output in outputs:
            target = output_target(base, output)
            if target.is_file():  # the engine may leave a file out of the site; it stays out
                target.write_bytes(output.data())
    pattern = re.compile("|".join(re.escape(key) for key in sorted(texts, key=len, reverse=True)).encode("utf-8"))
    replacement = {key.encode("utf-8"): value.encode("utf-8") for key, value in texts.items()}
    found = None
    for root in ("docs", "site"):
        for path in sorted((staged / root).rglob("*")):
            if not path.is_file() or path.is_symlink() or (since is not None and path.stat().st_mtime < since):
                continue
            data = path.read_bytes()
            if texts and path.suffix in TEXT_SUFFIXES:
                filled = pattern.sub(lambda m: replacement[m[0]], data)
                if filled != data:
                    path.write_bytes(filled)
                    data = filled
            if found is None and left and left in data:
                found = f"{root}/{path.relative_to(staged / root).as_posix()}"
    return found


def guarded_folder(project: Path, out: Path) -> str | None:
    """Why Koers may not write into `out`, a folder below the project (build/ or one inside it), else None.

    Refused: a folder that reaches content/ or themes/, and one that is, or lies below, a
    symbolic link: a link can be committed to git and point anywhere, and publishing empties
    folders and replaces files in it.
    """
    root, target = project.resolve(), out.resolve()
    link = _first_link(project, out)
    shown = _shown(project, link or out)
    for name in ("content", "themes"):
        folder = (project / name).resolve()
        if target.is_relative_to(folder) or folder.is_relative_to(target):
            return f"{shown}/ wijst naar {name}/ (een snelkoppeling?); Koers schrijft nooit in {name}/: maak van {shown}/ een gewone map"
    if link is not None:
        return (
            f"{shown}/ is een snelkoppeling (naar {os.readlink(link)}); Koers schrijft alleen in een gewone map "
            f"in het project: maak van {shown}/ een gewone map"
        )
    if not target.is_relative_to(root):
        return f"{shown}/ ligt buiten het project ({target}); Koers schrijft alleen in een gewone map in het project"
    return None


def _first_link(project: Path, out: Path) -> Path | None:
    """The first folder from the project down to out that is a symbolic link, or None."""
    try:
        parts = out.relative_to(project).parts
    except ValueError:
        return None
    step = project
    for part in parts:
        step = step / part
        if step.is_symlink():
            return step
    return None


def stopped_by(project: Path, error: OSError, what: str = "de build is afgebroken") -> str:
    """The Dutch finding for work stopped by a system error (a full disk, a read-only build/ …)."""
    where = f" ({_shown(project, Path(error.filename))})" if isinstance(error.filename, str) else ""
    return f"{what}: {os_reason(error)}{where}; wat al in build/ stond, blijft staan"


def _shown(project: Path, path: Path) -> str:
    try:
        return path.relative_to(project).as_posix()
    except ValueError:
        return path.as_posix()


def staging_dir(build: Path, prefix: str = ".staging-") -> Path:
    """A new, empty folder on the same file system as build/ (so renames are atomic)."""
    build.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=prefix, dir=build))


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths with renameat2; False where unsupported."""
    name = ctypes.util.find_library("c")
    if not name or os.name != "posix":
        return False
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return result == 0


def recover(target: Path) -> None:
    """Repair a swap that was interrupted between its two renames."""
    old = target.with_name(f".{target.name}.old")
    if not target.exists() and old.exists():
        os.replace(old, target)
    elif old.exists():
        shutil.rmtree(old, ignore_errors=True)


def swap_in(new: Path, target: Path) -> None:
    """Make `new` the published `target` folder in one step; the old one is removed."""
    recover(target)
    if target.exists() and _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)
        return
    old = target.with_name(f".{target.name}.old")
    if target.exists():
        os.replace(target, old)
        pause_point("site-hernoemd")  # the moment between the two renames that recover() repairs
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)


def clean_stale(build: Path, prefix: str = ".staging-") -> None:
    """Remove staging folders left by builds that were killed."""
    if build.is_dir():
        for path in build.iterdir():
            if path.name.startswith(prefix) and path.is_dir():
                shutil.rmtree(path, ignore_errors=True)


@contextmanager
def staging(build: Path, prefix: str = ".staging-") -> Iterator[Path]:
    """A fresh staging folder under build/, removed afterwards whatever happens (and stale ones first)."""
    clean_stale(build, prefix)
    folder = staging_dir(build, prefix)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def publish(staged: Path, build: Path, folders: tuple[str, ...], files: tuple[str, ...] = ()) -> None:
    """Swap each finished folder of the staging area in as a whole, then each loose file with one rename."""
    for name in folders:
        swap_in(staged / name, build / name)
        pause_point(f"{name}-gewisseld")
    for name in files:
        os.replace(staged / name, build / name)
