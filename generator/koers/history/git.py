"""Read a project's content as it was at a git ref (tag, branch, commit), read-only."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

# What a project needs to be checked on its own; only content/ is required at the ref.
PROJECT_PARTS = ("content", "themes", "mkdocs.yml")
ADOPTED_PATTERN = "vastgesteld-*"


class GitError(Exception):
    """A Dutch reason why git could not give us what we asked for."""


def _git(project: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess[bytes]:
    if shutil.which("git") is None:
        raise GitError("git is niet geïnstalleerd of niet te vinden; installeer git en probeer het opnieuw")
    # A fixed locale and no pager keep git's output stable and parseable.
    env = {**os.environ, "LC_ALL": "C", "GIT_PAGER": "cat", "GIT_TERMINAL_PROMPT": "0"}
    return subprocess.run(["git", "-C", str(project), *args], capture_output=True, env=env, timeout=120, check=False)


def _text(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stdout.decode("utf-8", "replace").strip()


def repository_prefix(project: Path) -> tuple[Path, str]:
    """The repository's top folder and the project's folder inside it ('' at the top); GitError outside git."""
    if not project.is_dir():
        raise GitError(f"map {project} bestaat niet")
    result = _git(project, "rev-parse", "--show-toplevel", "--show-prefix")
    if result.returncode != 0:
        raise GitError(f"map {project} staat niet in een git-repository; gebruik 'git init' en leg een versie vast")
    top, _, prefix = result.stdout.decode("utf-8").partition("\n")
    return Path(top), prefix.strip()


def resolve(project: Path, ref: str) -> str:
    """The commit id a ref points to, or GitError with a Dutch explanation."""
    repository_prefix(project)
    if not ref or ref.startswith("-"):
        raise GitError(f"'{ref}' is geen geldige versie (tag, tak of commit)")
    result = _git(project, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    if result.returncode != 0:
        raise GitError(f"versie '{ref}' bestaat niet in deze repository; bekijk de tags met: git tag --list")
    return _text(result)


def head_commit(project: Path) -> str | None:
    """The commit the working tree is on, or None in a repository without commits."""
    result = _git(project, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    return _text(result) if result.returncode == 0 else None


def same_content(project: Path, commit: str, other: str = "HEAD") -> bool:
    """True when content/ and themes/ of the project are the same at both commits (False also when git cannot tell)."""
    if commit.startswith("-") or other.startswith("-"):
        return False
    result = _git(project, "diff", "--quiet", "--no-ext-diff", "--no-textconv", commit, other, "--", "content", "themes")
    return result.returncode == 0


def content_is_clean(project: Path) -> bool:
    """True when content/ and themes/ in the working tree match HEAD (nothing changed or added)."""
    result = _git(project, "status", "--porcelain", "--untracked-files=all", "--", "content", "themes")
    return result.returncode == 0 and not result.stdout.strip()


def materialise(project: Path, ref: str, target: Path) -> Path:
    """Unpack content/ (and themes/, mkdocs.yml when present) of the project at ref into target; return target."""
    top, prefix = repository_prefix(project)
    commit = resolve(project, ref)
    # Tree paths are relative to the top of the repository, so git runs there.
    tree = f"{commit}:{prefix}" if prefix else commit
    present = _parts(top, tree, ref)
    if "content" not in present:
        raise GitError(f"in versie '{ref}' staat geen map content/")
    archive = _git(top, "archive", "--format=tar", tree, "--", *present)
    if archive.returncode != 0:
        raise GitError(f"versie '{ref}' kon niet worden gelezen: {archive.stderr.decode('utf-8', 'replace').strip()}")
    target.mkdir(parents=True, exist_ok=True)
    _extract(archive.stdout, target)
    if "themes" not in present and (project / "themes").is_dir():
        # An old version without its own themes/ is still compared with today's house style. Links are
        # left out, never followed: `themes/loop -> .` would copy forever, a link out of the project
        # would read outside it (checking the working tree reports such links already).
        shutil.copytree(project / "themes", target / "themes", ignore=_links)
    return target


def parts_at(project: Path, ref: str) -> list[str]:
    """Which of PROJECT_PARTS the project folder holds at ref; GitError when it did not exist there."""
    top, prefix = repository_prefix(project)
    commit = resolve(project, ref)
    return _parts(top, f"{commit}:{prefix}" if prefix else commit, ref)


def _parts(top: Path, tree: str, ref: str) -> list[str]:
    listing = _git(top, "ls-tree", "--name-only", tree)
    if listing.returncode != 0:
        raise GitError(f"de projectmap bestond nog niet in versie '{ref}'")
    return [part for part in PROJECT_PARTS if part in _text(listing).splitlines()]


def commit_time(project: Path, commit: str) -> int | None:
    """The committer time of a commit (Unix seconds), or None when git cannot tell."""
    line = _git_line(project, "show", "-s", "--format=%ct", commit)
    return int(line) if line and line.isascii() and line.isdigit() else None


def _links(folder: str, names: list[str]) -> list[str]:
    """The names in a folder that are symbolic links (shutil.copytree's `ignore`)."""
    return [name for name in names if os.path.islink(os.path.join(folder, name))]


def _extract(data: bytes, target: Path) -> None:
    """Unpack a tar of plain files and folders; anything else (links, devices, '..') is skipped."""
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        safe = [
            m for m in tar.getmembers()
            if (m.isfile() or m.isdir()) and not m.name.startswith("/") and ".." not in Path(m.name).parts
        ]
        for member in safe:
            member.mode = 0o755 if member.isdir() else 0o644
        # The 'data' filter (Python >= 3.11.4) adds the standard library's own checks on top.
        extra = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        tar.extractall(target, members=safe, **extra)  # type: ignore[arg-type]


def tags(project: Path, pattern: str = ADOPTED_PATTERN) -> list[str]:
    """Tags matching pattern, newest first: by version order of the name, then by date."""
    result = _git(project, "tag", "--list", pattern, "--sort=-creatordate", "--sort=-v:refname")
    if result.returncode != 0:
        return []
    return [line for line in _text(result).splitlines() if line]


def _git_line(project: Path, *args: str) -> str | None:
    """The trimmed output of a git command run in the project, or None when git fails or is missing."""
    try:
        result = _git(project, *args)
    except (GitError, OSError, subprocess.SubprocessError):
        return None
    return _text(result) if result.returncode == 0 else None


def last_change(project: Path) -> str | None:
    """The date (YYYY-MM-DD) of the last commit that touched content/, or None outside git."""
    return _git_line(project, "log", "-1", "--format=%cs", "--", "content") or None


def content_epoch(project: Path) -> str | None:
    """The Unix time of the last commit that touched content/ (for reproducible engine dates), or None."""
    return _git_line(project, "log", "-1", "--format=%ct", "--", "content") or None


def show_prefix(project: Path) -> str:
    """The project's folder inside its repository ('' at the top or outside git)."""
    return (_git_line(project, "rev-parse", "--show-prefix") or "").strip("/")
