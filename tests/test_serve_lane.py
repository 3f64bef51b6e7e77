"""`koers serve` lays new posters out in a worker process while it makes the pages: the preview is the same as without.

Each test edits its own project and a twin of it alike; the twin is regenerated without the lane,
so every file of its preview is what the lane's preview must hold, byte for byte.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from koers.pipeline.posterlane import PosterLane
from koers.pipeline.serve import regenerate
from support.projects import make_project

OLD_TITLE = "Formulieren vernieuwen"


@pytest.fixture
def lane() -> Iterator[PosterLane]:
    made = PosterLane()
    yield made
    made.close()


def _twins(tmp_path: Path) -> tuple[Path, Path]:
    project = make_project(tmp_path / "project")
    twin = tmp_path / "twin"
    shutil.copytree(project, twin)
    return project, twin


def _retitle(projects: tuple[Path, ...], old: str, new: str) -> None:
    """An action's title, changed alike in each project."""
    for project in projects:
        path = project / "content/opgaven/digitale-balie.md"
        text = path.read_text("utf-8")
        assert f"titel: {old}\n" in text
        path.write_text(text.replace(f"titel: {old}\n", f"titel: {new}\n", 1), "utf-8")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _same_preview(project: Path, twin: Path) -> None:
    for part in ("docs", "site"):
        ours, theirs = _files(project / "build/preview" / part), _files(twin / "build/preview" / part)
        assert sorted(ours) == sorted(theirs)
        different = [name for name in ours if ours[name] != theirs[name]]
        assert not different, different[:5]
        assert not [name for name, data in ours.items() if b"KoersPendingSize" in data]


def _both(project: Path, twin: Path, lane: PosterLane, quick: bool = True) -> None:
    assert not regenerate(project, project / "build/preview", quick=quick, lane=lane).errors
    assert not regenerate(twin, twin / "build/preview", quick=quick).errors


def test_posters_from_the_lane_give_the_preview_a_rebuild_here_gives(tmp_path: Path, cache: Path, lane: PosterLane) -> None:
    project, twin = _twins(tmp_path)
    _both(project, twin, lane, quick=False)
    old = OLD_TITLE
    for n, title in enumerate(("Lane Zeepbelformulieren", "Lane Formulieren met een veel langere titel dan eerst")):
        _retitle((project, twin), old, title)
        old = title
        _both(project, twin, lane)
        assert lane.rounds == n + 1  # the pages were made while the lane laid the posters out
        served = (project / "build/preview/site/downloads/routekaart-a3.svg").read_text("utf-8")
        assert title.split()[-1] in served
        _same_preview(project, twin)
    page = (project / "build/preview/site/downloads.html").read_text("utf-8")
    assert "SVG, " in page and " kB" in page  # the real sizes, filled in after the engine ran


def test_a_wrong_guess_of_the_poster_files_makes_the_pages_again(tmp_path: Path, cache: Path, lane: PosterLane) -> None:
    project, twin = _twins(tmp_path)
    _both(project, twin, lane, quick=False)
    lane._paths = ("downloads/routekaart-a3-1.svg", "downloads/routekaart-a3-2.svg")  # as if the routekaart had two sheets
    _retitle((project, twin), OLD_TITLE, "Lane Verkeerd geraden")
    _both(project, twin, lane)
    assert lane.rounds == 0 and not lane.broken
    _same_preview(project, twin)


def test_a_lane_whose_worker_died_leaves_the_posters_to_the_serve_process(tmp_path: Path, cache: Path, lane: PosterLane) -> None:
    project, twin = _twins(tmp_path)
    _both(project, twin, lane, quick=False)
    assert lane._pool is not None
    for process in list(lane._pool._processes.values()):  # type: ignore[union-attr]
        process.kill()
        process.join()
    _retitle((project, twin), OLD_TITLE, "Lane Zonder werker")
    _both(project, twin, lane)
    assert lane.broken and lane.rounds == 0
    _same_preview(project, twin)
