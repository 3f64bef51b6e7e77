"""Downloads still being made while the pages and the site are built: the sizes the pages show for them, filled in later.

The download links show each file's size. A file the export workers or the documents' thread
are still making when the pages are rendered gets a placeholder for its size and an empty
stand-in file in the staged docs. Once the engine has run and the files are made, `fill_in`
puts each file over its stand-in and its size in its placeholder's place, in the staged docs
and site (koers.publish.outputs.fill_in). The site is then byte for byte the one a build with
every file at hand makes (tests/test_build_documents.py).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from pathlib import Path

from koers.output import Output
from koers.publish.outputs import fill_in as fill_in_files
from koers.render.pages.context import human_size

# Letters and digits only, so Markdown, HTML escaping and the search index all pass it on unchanged; a
# number new in every build, so no content can hold one (none is left in what is published); the X ends
# the count, so no placeholder is the start of another.
PLACEHOLDER = "KoersPendingSize{build}N{n}X"


class LeftOver(RuntimeError):
    """A placeholder was not filled in (a file type fill_in does not read): the site must not be published."""


def placeholders(paths: Iterable[str]) -> dict[str, str]:
    """A placeholder for the size of each file still being made (path → placeholder)."""
    build = secrets.token_hex(8)
    return {path: PLACEHOLDER.format(build=build, n=n) for n, path in enumerate(paths)}


def stand_ins(paths: Iterable[str]) -> list[Output]:
    """An empty file at each path, so the engine finds every linked download."""
    return [Output(path, b"") for path in paths]


def fill_in(staged: Path, made: list[Output], shown: Mapping[str, str], since: float | None = None) -> None:
    """Each file made meanwhile over its stand-in in the staged docs and site, and its size in its placeholder's place.

    Raises LeftOver when any file of the staged docs or site still holds a placeholder afterwards.
    since: the placeholders were made at this time by the staged folder's file system clock (seconds
    since the epoch); files changed before it cannot hold one, and are not read.
    """
    if not shown:
        return
    late = [output for output in made if output.path in shown]
    # What every placeholder of this build starts with: 'KoersPendingSize', the build's number and N.
    marker = next(iter(shown.values())).rstrip("X").rstrip("0123456789")
    left = fill_in_files(staged, late, {shown[output.path]: human_size(len(output.data())) for output in late}, marker.encode("utf-8"), since)
    if left is not None:
        raise LeftOver(left)
