"""The project context the pages need besides the model, gathered here because it takes I/O.

Git (last change, the repository prefix for edit links, the changes since the last adopted
version), mkdocs.yml (edit links, tabs) and the accessibility result a CI run left in build/.
The renderers receive it as a plain PageContext value.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from koers.content.model import Strategy
from koers.epoch import valid_epoch
from koers.findings import Report
from koers.history.git import content_epoch, last_change, show_prefix
from koers.output import Output
from koers.pipeline.revision import changes_page_markdown, shown_tag
from koers.publish.siteconfig import read_site_config, theme_features
from koers.render.pages.accessibility import ACCESSIBILITY_RESULT, AccessibilityResult, parse_accessibility
from koers.render.pages.context import ArchivedVersion, EditLinks, PageContext, collect_downloads


def page_context(
    project: Path,
    downloads: list[Output],
    strategy: Strategy | None = None,
    report: Report | None = None,
    archive: tuple[ArchivedVersion, ...] = (),
    shown_sizes: Mapping[str, str] | None = None,
) -> PageContext:
    """The context of a project; with the strategy, also the changes since its last adopted (tagged) version.

    report gets the warning when that version cannot be compared; archive is koers.pipeline.archive's list
    of adopted versions, with which the about page also says which of them the site shows.
    shown_sizes: the size to show for downloads still being made (koers.pipeline.documents).
    """
    project = project.resolve()
    config = read_site_config(project / "mkdocs.yml")
    result = read_accessibility(project)
    return PageContext(
        downloads=collect_downloads(downloads, shown_sizes),
        edit=edit_links(project, config),
        last_change=last_change(project),
        accessibility=result.summary() if result else None,
        tabs="navigation.tabs" in theme_features(config),
        accessibility_result=result,
        changes=changes_page_markdown(project, strategy, report) if strategy is not None else None,
        archive=archive,
        shown_tag=shown_tag(project) if archive else None,
    )


def read_accessibility(project: Path) -> AccessibilityResult | None:
    """The last result in the project's build folder, or None ('nog niet getest')."""
    try:
        data = json.loads((project / ACCESSIBILITY_RESULT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return parse_accessibility(data)


def edit_links(project: Path, config: dict[str, Any]) -> EditLinks | None:
    """Edit links from repo_url and edit_uri (or edit_uri_template) in mkdocs.yml; None when unset."""
    repo_url = config.get("repo_url")
    if not isinstance(repo_url, str) or not repo_url.startswith(("http://", "https://")):
        return None
    edit_uri, template = config.get("edit_uri"), config.get("edit_uri_template")
    if edit_uri is None and template is None:
        # MkDocs' own defaults for the two big forges, pointing at the repository root.
        edit_uri = "edit/main/" if "github.com" in repo_url else "-/edit/main/" if "gitlab" in repo_url else None
    return EditLinks(
        repo_url,
        edit_uri if isinstance(edit_uri, str) else None,
        template if isinstance(template, str) else None,
        show_prefix(project),
    )


def build_epoch(project: Path) -> str:
    """The build's one date: SOURCE_DATE_EPOCH when it holds whole seconds, else the last commit to content/, else 0."""
    return valid_epoch() or content_epoch(project) or "0"
