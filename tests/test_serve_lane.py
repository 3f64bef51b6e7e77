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


WRONG_GUESS = ("downloads/routekaart-a3-1.svg", "downloads/routekaart-a3-2.svg")  # as if the routekaart had two sheets


def test_a_wrong_guess_of_the_poster_files_makes_the_pages_again(tmp_path: Path, cache: Path, lane: PosterLane) -> None:
    project, twin = _twins(tmp_path)
    _both(project, twin, lane, quick=False)
    lane._paths = WRONG_GUESS
    _retitle((project, twin), OLD_TITLE, "Lane Verkeerd geraden")
    _both(project, twin, lane)
    assert (lane.rounds, lane.misses) == (0, 1) and not lane.broken
    _same_preview(project, twin)


def test_a_wrong_guess_in_a_round_that_adds_a_page_leaves_no_placeholder_in_the_search_index(
    tmp_path: Path, cache: Path, lane: PosterLane
) -> None:
    project, twin = _twins(tmp_path)
    _both(project, twin, lane, quick=False)
    lane._paths = WRONG_GUESS
    for folder in (project, twin):  # a new opgave: a new page, so the engine builds every page and the search index
        source = (folder / "content/opgaven/data-op-orde.md").read_text("utf-8")
        renamed = source.replace("titel: Data op orde", "titel: Lane Nog een opgave").replace("id: ", "id: nog-").replace("na: [datamanagement]", "na: [nog-datamanagement]")
        (folder / "content/opgaven/nog-een-opgave.md").write_text(renamed, "utf-8")
    _both(project, twin, lane)
    assert lane.misses == 1
    index = (project / "build/preview/site/search/search_index.json").read_text("utf-8")
    assert "Lane Nog een opgave" in index and "KoersPendingSize" not in index
    _same_preview(project, twin)


def test_the_exports_note_is_guessed_and_checked(tmp_path: Path, cache: Path, lane: PosterLane) -> None:
    """With exports of a last build, a changed poster is guessed not to be that build's; when it is, the pages are made again."""
    from koers.pipeline.check import check
    from koers.pipeline.posterlane import poster_files
    from koers.pipeline.serve import STALE_EXPORTS

    project, twin = _twins(tmp_path)
    for folder in (project, twin):  # a last build with an export, made from posters that say something else
        (folder / "build/docs/downloads").mkdir(parents=True)
        (folder / "build/docs/downloads/routekaart-a3.png").write_bytes(b"\x89PNG stand-in")
    _both(project, twin, lane, quick=False)
    _retitle((project, twin), OLD_TITLE, "Lane Oud gebouwd")
    report = regenerate(project, project / "build/preview", quick=True, lane=lane)
    assert lane.rounds == 1 and STALE_EXPORTS in report.notes  # guessed right: not the last build's posters
    assert not regenerate(twin, twin / "build/preview", quick=True).errors
    _same_preview(project, twin)

    # The last build is made of exactly the posters of the next edit: the exports are current after all.
    _retitle((project, twin), "Lane Oud gebouwd", "Lane Precies gebouwd")
    checked = check(twin)
    assert checked.strategy is not None and checked.style is not None
    for folder in (project, twin):
        for svg in poster_files(checked.strategy, checked.style):
            (folder / "build/docs" / svg.path).write_bytes(svg.data())
    report = regenerate(project, project / "build/preview", quick=True, lane=lane)
    assert lane.misses == 1 and STALE_EXPORTS not in report.notes
    assert not regenerate(twin, twin / "build/preview", quick=True).errors
    _same_preview(project, twin)
    assert "vorige build" not in (project / "build/preview/site/downloads.html").read_text("utf-8")


def test_an_error_in_the_lane_leaves_the_posters_to_the_serve_process(
    tmp_path: Path, cache: Path, lane: PosterLane, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    import koers.pipeline.posterlane as posterlane

    project, twin = _twins(tmp_path)
    _both(project, twin, lane, quick=False)
    assert lane._pool is not None
    lane._pool.shutdown()
    lane._pool = ThreadPoolExecutor(1)  # in this process, so the layout below can be made to fail
    real, calls = posterlane.poster_files, []

    def failing_once(*args: object) -> object:
        calls.append(args)
        if len(calls) == 1:
            raise ValueError("a layout error in the lane")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(posterlane, "poster_files", failing_once)
    _retitle((project, twin), OLD_TITLE, "Lane Fout in de werker")
    assert not regenerate(project, project / "build/preview", quick=True, lane=lane).errors
    assert len(calls) == 2 and lane.broken and lane.rounds == 0  # the lane's try failed; this process laid them out
    assert not regenerate(twin, twin / "build/preview", quick=True).errors
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


WORKER_SCRIPT = """
import os, signal, sys, time
from pathlib import Path
from koers.pipeline.check import check
from koers.pipeline.posterlane import PosterLane

if __name__ == "__main__":
    checked = check(Path(sys.argv[1]))
    lane = PosterLane()
    lane.remember(checked.strategy, checked.style, [])
    worker = lane._pool.submit(os.getpid).result()
    print(worker, flush=True)
    os.kill(worker, signal.SIGINT)  # Ctrl+C in a terminal reaches every process of the server
    time.sleep(0.5)
    print("alive" if lane._pool.submit(os.getpid).result() == worker else "replaced", flush=True)
    os._exit(0)  # the server ends without stopping its lane (killed, or crashed)
"""


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (OSError, IndexError):
        return False
    return state not in "ZX"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc (Linux)")
def test_the_worker_leaves_ctrl_c_to_the_server_and_ends_with_it(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    project = make_project(tmp_path / "project")
    script = tmp_path / "server.py"
    script.write_text(WORKER_SCRIPT, "utf-8")
    run = subprocess.run([sys.executable, str(script), str(project)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    worker, verdict = run.stdout.split()
    assert verdict == "alive" and "Traceback" not in run.stderr
    deadline = time.monotonic() + 60  # a bound for a hung worker, not a speed requirement: it ends at once
    while _running(int(worker)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(int(worker))
