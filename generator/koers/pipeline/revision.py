"""The strategy at a git ref, and the "Wijzigingen" page against the last adopted version."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from koers.content.model import Strategy
from koers.findings import Finding, Report
from koers.history import git as gitsource
from koers.history.diff import changes_markdown, diff_strategies, markdown_escaper
from koers.pipeline.check import Checked, check

PAGE_TITLE = "Wijzigingen"


@contextmanager
def materialised(project: Path, ref: str) -> Iterator[Checked]:
    """The project as it was at ref, checked, in a temporary folder that lives as long as the block; GitError if git cannot.

    Only content/, themes/ and mkdocs.yml of that version are unpacked (koers.history.git.materialise), and
    they are checked exactly as the working tree is: a renderer gets that version only when it is valid.
    """
    with tempfile.TemporaryDirectory(prefix="koers-versie-") as tmp:
        yield check(gitsource.materialise(project, ref, Path(tmp) / "project"))


def checked_at(project: Path, ref: str) -> Checked:
    """Check the project as it was at ref (content/, themes/ and mkdocs.yml of that version); GitError if git cannot."""
    with materialised(project, ref) as checked:
        return checked


def invalid_reason(report: Report) -> str:
    """Why a version's content is not valid, in one line: its first error ('file:line: message') and how many more."""
    errors = report.errors
    if not errors:
        return "de huisstijl kon niet worden geladen"
    first: Finding = errors[0]
    more = len(errors) - 1
    rest = f" (en nog {more} {'fout' if more == 1 else 'fouten'})" if more else ""
    return f"{first.location}: {first.message}{rest}"


def unreadable_reason(tag: str, error: gitsource.GitError) -> str:
    """git's reason a version cannot be read, naming the tag when the reason does not already."""
    text = str(error)
    return text if f"'{tag}'" in text else f"versie '{tag}' kan niet worden gelezen: {text}"


def latest_adopted_tag(project: Path) -> str | None:
    """The most recent tag 'vastgesteld-*' (by version order of the name, then date), or None."""
    try:
        found = gitsource.tags(project)
    except gitsource.GitError:
        return None
    return found[0] if found else None


def baseline_tag(project: Path) -> str | None:
    """The adopted version to compare the site with: the latest tag, unless the site *is* that version.

    When HEAD is the tagged commit and content/ has no edits, comparing with it
    would always say "nothing changed"; the previous adopted version is then
    the meaningful baseline.
    """
    try:
        found = gitsource.tags(project)
        if not found:
            return None
        head = gitsource.head_commit(project)
        if head and gitsource.resolve(project, found[0]) == head and gitsource.content_is_clean(project):
            return found[1] if len(found) > 1 else None
        return found[0]
    except gitsource.GitError:
        return None


def shown_tag(project: Path) -> str | None:
    """The adopted version the site shows exactly, or None (edits since, a concept, no tags, no git).

    That is the newest tag whose content/ and themes/ are those of HEAD, with no edits in the working tree:
    a commit after the tag that changed only a README still shows that version.
    """
    try:
        if gitsource.head_commit(project) is None or not gitsource.content_is_clean(project):
            return None
        return next((tag for tag in gitsource.tags(project) if gitsource.same_content(project, gitsource.resolve(project, tag))), None)
    except gitsource.GitError:
        return None


def changes_page_markdown(project: Path, strategy: Strategy, report: Report | None = None) -> str | None:
    """Markdown for the site's "Wijzigingen" page, or None when there is no adopted version to compare with.

    Never fails the build: when the old version cannot be read or is invalid,
    there is no page (and a warning when a report is given).
    """
    tag = baseline_tag(project)
    if tag is None:
        return None
    try:
        old = checked_at(project, tag)
    except gitsource.GitError as exc:
        if report is not None:
            report.warning("content", 1, f"geen pagina Wijzigingen: {unreadable_reason(tag, exc)}", past=True)
        return None
    if old.strategy is None:
        if report is not None:
            report.warning("content", 1, f"geen pagina Wijzigingen: de inhoud van versie '{tag}' is niet geldig: {invalid_reason(old.report)}", past=True)
        return None
    changes = diff_strategies(old.strategy, strategy)
    shown = markdown_escaper(True)(tag)
    intro = f"Wat is er veranderd sinds de vastgestelde versie **{shown}**? Nieuwe, vervallen en gewijzigde opgaven, acties en thema's."
    return changes_markdown(changes, tag, "nu", title=PAGE_TITLE, intro=intro, for_site=True)
