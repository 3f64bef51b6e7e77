"""The archive of adopted versions: the written strategy (PDF) of every `vastgesteld-*` tag, under downloads/archief/.

Each tag's content is read from git (koers.pipeline.revision.materialised: content/, themes/ and
mkdocs.yml of that version, links left out) and checked exactly as the working tree is; only a valid
version is rendered, with its own house style. A tag that cannot be read or whose content is not
valid is one warning naming the tag and the reason, and stays out of the archive. Outside git or
without tags there is no archive and nothing to say.

The PDF of a tag is made once: koers.reuse.downloads.archived keys it by the tag's commit, the
project's folder in the repository, the house style it borrows when it has none of its own, its
epoch, Koers' source and the installed libraries. Its dates follow SOURCE_DATE_EPOCH as the current
document's do (none when unset), clamped to the tag's commit time: an archived PDF keeps its bytes
while later commits move SOURCE_DATE_EPOCH on.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from koers.epoch import valid_epoch
from koers.findings import Report
from koers.history import git as gitsource
from koers.output import Output
from koers.pipeline.revision import invalid_reason, materialised, unreadable_reason
from koers.render.pages.context import ARCHIVE_FOLDER, ArchivedVersion, human_size
from koers.reuse import downloads as cache
from koers.reuse.store import folder_digest
from koers.slug import slugify

# A tag name used as it is: lower-case letters and digits in parts joined by single '-' or '.'.
_PLAIN = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")
_MAX_NAME = 80


@dataclass(frozen=True)
class Archive:
    """The archived versions for the about page (newest first) and their PDFs as outputs."""

    versions: tuple[ArchivedVersion, ...] = ()
    outputs: tuple[Output, ...] = ()


def archive_name(tag: str) -> str:
    """The PDF's file name for a tag: 'vastgesteld-2024.pdf' for a plain name, else a slug with a hash of the tag.

    Git allows '/', capitals, '#', '%', non-ASCII letters and more in a tag. Such a name becomes its slug plus
    the first 10 hex digits of the SHA-256 of the tag ('vastgesteld-2024-raad-1a2b3c4d5e.pdf' for
    'vastgesteld-2024/raad'): safe in a URL and on every file system, and two tags never share a file.
    """
    if _PLAIN.fullmatch(tag) and len(tag) <= _MAX_NAME:
        return f"{tag}.pdf"
    digest = hashlib.sha256(tag.encode("utf-8", "surrogateescape")).hexdigest()[:10]
    return f"{slugify(tag)[:_MAX_NAME].rstrip('-')}-{digest}.pdf"


def build_archive(project: Path, report: Report, progress: Callable[[str], None]) -> Archive:
    """The written strategy of every adopted (tagged) version; warnings for the tags that cannot be archived."""
    from koers.render.document.written import EngineUnavailable  # deferred: the print engine's wrapper

    try:
        found = gitsource.tags(project)
    except gitsource.GitError:
        return Archive()  # no git installed: no tags to archive
    if not found:
        return Archive()
    progress("archief van vastgestelde versies opmaken (PDF)")
    versions: list[ArchivedVersion] = []
    outputs: list[Output] = []
    for tag in found:
        try:
            made = _archived(project, tag)
        except gitsource.GitError as exc:
            report.warning("content", 1, f"versie '{tag}' staat niet in het archief: {unreadable_reason(tag, exc)}", past=True)
            continue
        except EngineUnavailable as exc:
            report.warning("build", 1, f"archief van vastgestelde versies overgeslagen: {exc}")
            return Archive()
        if made.problem:
            report.warning("content", 1, f"versie '{tag}' staat niet in het archief: de inhoud is niet geldig: {made.problem}", past=True)
            continue
        path = f"{ARCHIVE_FOLDER}/{archive_name(tag)}"
        outputs.append(Output(path, made.pdf))
        versions.append(ArchivedVersion(tag, made.versie, made.datum, made.door, path, human_size(len(made.pdf))))
    return Archive(tuple(versions), tuple(outputs))


def _archived(project: Path, tag: str) -> cache.Archived:
    """The tag's version from the cache, or read, checked and rendered now; GitError when git cannot read it."""
    commit = gitsource.resolve(project, tag)
    _, prefix = gitsource.repository_prefix(project)
    # A tag without its own themes/ is rendered with today's house style (as koers.history.git.materialise does).
    borrowed = b"" if "themes" in gitsource.parts_at(project, tag) else folder_digest(project / "themes")
    epoch = _epoch(project, commit)
    return cache.archived((commit, prefix, borrowed, epoch), lambda: _render(project, tag, epoch))


def _epoch(project: Path, commit: str) -> str:
    """SOURCE_DATE_EPOCH for the tag's document: unset stays unset, else no later than the tag's commit."""
    given = valid_epoch()
    if given is None:
        return ""
    committed = gitsource.commit_time(project, commit)
    return str(min(int(given), committed)) if committed is not None else given


def _render(project: Path, tag: str, epoch: str) -> cache.Archived:
    """Read and check the tag's content; render its written strategy only when it is valid."""
    from koers.render.document import written

    with materialised(project, tag) as checked:
        strategy, style = checked.strategy, checked.style
        if strategy is None or style is None:
            return cache.Archived(problem=invalid_reason(checked.report))
        document = written.render_document(strategy, style, epoch)
    adopted = strategy.vastgesteld
    return cache.Archived(
        versie=strategy.versie,
        datum=str(adopted.datum) if adopted else "",
        door=adopted.door if adopted else "",
        pdf=document.pdf,
    )
