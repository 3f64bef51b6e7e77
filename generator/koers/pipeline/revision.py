"""The strategy at a git ref, and the "Wijzigingen" page against the last adopted version."""

from __future__ import annotations

import tempfile
from pathlib import Path

from koers.content.model import Strategy
from koers.findings import Report
from koers.history import git as gitsource
from koers.history.diff import changes_markdown, diff_strategies, markdown_escaper
from koers.pipeline.check import Checked, check

PAGE_TITLE = "Wijzigingen"


def checked_at(project: Path, ref: str) -> Checked:
    """Check the project as it was at ref (content/, themes/ and mkdocs.yml of that version); GitError if git cannot."""
    with tempfile.TemporaryDirectory(prefix="koers-versie-") as tmp:
        return check(gitsource.materialise(project, ref, Path(tmp) / "project"))


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
            report.warning("content", 1, f"geen pagina Wijzigingen: {exc}")
        return None
    if old.strategy is None:
        if report is not None:
            report.warning("content", 1, f"geen pagina Wijzigingen: de inhoud van versie '{tag}' is niet geldig")
        return None
    changes = diff_strategies(old.strategy, strategy)
    shown = markdown_escaper(True)(tag)
    intro = f"Wat is er veranderd sinds de vastgestelde versie **{shown}**? Nieuwe, vervallen en gewijzigde opgaven, acties en thema's."
    return changes_markdown(changes, tag, "nu", title=PAGE_TITLE, intro=intro, for_site=True)
