"""Atomic publishing: a failed or killed build never damages the last good site; content/ and themes/ stay untouched."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from koers.pipeline.build import build
from koers.pipeline.check import check
from koers.publish import outputs as publish
from koers.publish.outputs import (
    Output,
    guarded_folder,
    recover,
    staging,
    swap_in,
    write_outputs,
)
from support.projects import make_project

Tree = dict[str, str]


def tree(root: Path) -> Tree:
    """Every file and link below root with a hash of its bytes (or link target); folders as entries too."""
    found: Tree = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[key] = "link:" + os.readlink(path)
        elif path.is_file():
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir():
            found[key] = "folder"
    return found


def leftovers(build_dir: Path) -> list[str]:
    """Staging folders and half-swapped folders that a finished run must not leave behind."""
    return sorted(p.name for p in build_dir.iterdir() if p.name.startswith((".staging-", ".site.", ".docs.")))


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory, cache: Path) -> Path:
    """A project with a complete, good build (the template every test copies)."""
    project = make_project(tmp_path_factory.mktemp("good") / "p")
    built = build(project)
    assert not built.report.errors, built.report.as_text()
    return project


@pytest.fixture
def built(good: Path, tmp_path: Path) -> Path:
    """A fresh copy of the well-built project."""
    project = tmp_path / "p"
    shutil.copytree(good, project, symlinks=True)
    return project


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def _assert_unchanged_after_failure(project: Path, before: Tree) -> None:
    assert tree(project / "build") == before
    assert leftovers(project / "build") == []


def test_a_content_error_leaves_the_previous_build_byte_identical(built: Path) -> None:
    before = tree(built / "build")
    _edit(built / "content/strategie.yaml", "status: vastgesteld", "status: definitief")
    result = build(built)
    assert result.site is None and result.report.errors
    _assert_unchanged_after_failure(built, before)


def test_a_broken_engine_config_leaves_the_previous_build_byte_identical(built: Path) -> None:
    before = tree(built / "build")
    (built / "mkdocs.yml").write_text("site_name: [niet gesloten\n", "utf-8")
    result = build(built)
    assert result.site is None
    assert [f.location.path for f in result.report.errors] == ["mkdocs.yml"]
    _assert_unchanged_after_failure(built, before)


def test_an_engine_failure_leaves_the_previous_build_byte_identical(built: Path) -> None:
    """The engine itself fails (a Markdown extension that does not exist): nothing is published."""
    before = tree(built / "build")
    _edit(built / "mkdocs.yml", "  - tables\n", "  - tables\n  - bestaat_niet\n")
    result = build(built)
    assert result.site is None
    assert result.report.errors and all(f.location.path == "mkdocs.yml" for f in result.report.errors)
    _assert_unchanged_after_failure(built, before)


def test_a_crash_inside_the_engine_leaves_the_previous_build_byte_identical(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even an unexpected exception while the engine runs leaves build/ as it was, without a staging folder."""
    import koers.publish.engine

    def crash(config_file: Path) -> None:
        (config_file.parent / "site").mkdir()
        (config_file.parent / "site" / "half.html").write_text("<p>half</p>", "utf-8")
        raise RuntimeError("engine crashed half-way")

    before = tree(built / "build")
    monkeypatch.setattr(koers.publish.engine, "_build", crash)
    with pytest.raises(RuntimeError):
        build(built)
    _assert_unchanged_after_failure(built, before)


def test_a_failed_strict_build_publishes_nothing(built: Path) -> None:
    before = tree(built / "build")
    _edit(built / "content/opgaven/data-op-orde.md", "    jaar: 2026", "    jaar: 2025")
    _edit(built / "content/opgaven/digitale-balie.md", "    tot: 2026", "    tot: 2025")
    result = build(built, strict=True)
    assert result.site is None and result.report.warnings
    _assert_unchanged_after_failure(built, before)


def test_a_good_build_replaces_the_site_as_a_whole(built: Path) -> None:
    old = tree(built / "build" / "site")
    (built / "build" / "site" / "weg.html").write_text("<p>van een oude versie</p>", "utf-8")
    _edit(built / "content/visie.md", "Testdorp werkt", "Testdorp bouwt en werkt")
    result = build(built)
    assert result.site == built / "build" / "site"
    new = tree(built / "build" / "site")
    assert "weg.html" not in new
    assert new.keys() == old.keys() and new != old
    assert "Testdorp bouwt en werkt" in (built / "build" / "site" / "visie.html").read_text("utf-8")
    assert leftovers(built / "build") == []
    assert sorted(p.name for p in (built / "build").iterdir()) == [".koers.lock", "docs", "mkdocs.yml", "site"]  # the lock file stays, empty


def _project_files(project: Path) -> Tree:
    return {k: v for k, v in tree(project).items() if not k.startswith("build")}


def test_koers_never_writes_into_content_or_themes(built: Path) -> None:
    before = _project_files(built)
    top = sorted(p.name for p in built.iterdir())
    check(built)
    build(built)
    _edit(built / "content/strategie.yaml", "status: vastgesteld", "status: definitief")
    build(built)
    result = subprocess.run([sys.executable, "-m", "koers", "check", "--format", "json", str(built)], capture_output=True, timeout=60, check=False)
    assert result.returncode == 1
    _edit(built / "content/strategie.yaml", "status: definitief", "status: vastgesteld")
    assert _project_files(built) == before
    assert sorted(p.name for p in built.iterdir()) == top


def test_a_build_folder_that_links_into_content_is_refused(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    (project / "build").symlink_to(project / "content", target_is_directory=True)
    before = tree(project / "content")
    result = build(project)
    assert result.site is None
    assert [str(f.location) for f in result.report.errors] == ["build:1"]
    assert "Koers schrijft nooit in content/" in result.report.errors[0].message
    assert tree(project / "content") == before
    assert guarded_folder(project, project / "elders") is None


def test_outputs_cannot_leave_the_staging_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_outputs(tmp_path / "docs", [Output("../buiten.txt", "x")])
    assert not (tmp_path / "buiten.txt").exists()


def test_staging_is_removed_whatever_happens(tmp_path: Path) -> None:
    out = tmp_path / "build"
    (out / ".staging-oud").mkdir(parents=True)
    with pytest.raises(KeyError), staging(out) as staged:
        assert staged.parent == out and not (out / ".staging-oud").exists()
        raise KeyError("stop")
    assert list(out.iterdir()) == []


def _site(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(text, "utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "a.html").write_text(text + "a", "utf-8")
    return folder


def test_swap_with_exchange_and_with_two_renames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both ways of swapping leave exactly the new tree and nothing else."""
    target = _site(tmp_path / "site", "oud")
    swap_in(_site(tmp_path / "nieuw", "nieuw"), target)
    assert tree(target) == tree(_site(tmp_path / "verwacht", "nieuw"))
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    swap_in(_site(tmp_path / "nieuwer", "nieuwer"), target)
    assert (target / "index.html").read_text("utf-8") == "nieuwer"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "verwacht"]


def test_a_swap_killed_between_the_two_renames_is_recovered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without renameat2 the swap is two renames; a kill between them is repaired by `recover` (old site back)."""
    target = _site(tmp_path / "site", "oud")
    old = tree(target)
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    real_replace = os.replace

    def killed(src: object, dst: object) -> None:
        real_replace(src, dst)  # type: ignore[arg-type]
        if Path(str(dst)).name == ".site.old":
            raise SystemExit("killed")

    monkeypatch.setattr(publish.os, "replace", killed)
    with pytest.raises(SystemExit):
        swap_in(_site(tmp_path / "nieuw", "nieuw"), target)
    monkeypatch.setattr(publish.os, "replace", real_replace)
    assert not target.exists() and (tmp_path / ".site.old").is_dir()
    recover(target)
    assert tree(target) == old and not (tmp_path / ".site.old").exists()
    # Killed after the second rename, before the clean-up: recover only removes the old copy.
    _site(tmp_path / ".site.old", "oud")
    recover(target)
    assert tree(target) == old and not (tmp_path / ".site.old").exists()


def _write_variant(project: Path, variant: str) -> None:
    """Content that differs between builds in the site and the document, not on the posters (their export stays cached)."""
    visie = project / "content" / "visie.md"
    body = visie.read_text("utf-8").split("---\n", 2)
    visie.write_text(f"---\n{body[1]}---\nVersie {variant}: Testdorp werkt aan eenvoudige dienstverlening.\n", "utf-8")


def _run_build(project: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "koers", "build", "-q", str(project)], env=env, check=True, capture_output=True, timeout=300)
    return time.perf_counter() - started


# Where a build can be stopped (koers.publish.checkpoints), and which site a reader sees when it is killed there.
KILL_POINTS = {
    "gecontroleerd": "oud",
    "downloads": "oud",
    "klaargezet": "oud",
    "website": "oud",
    "docs-gewisseld": "oud",
    "site-gewisseld": "nieuw",
    "gepubliceerd": "nieuw",
}


def _build_until(project: Path, env: dict[str, str], stage: str, marker: Path) -> subprocess.Popen[bytes]:
    """Start a build that stops at `stage`; returns once it is waiting there (no clock involved)."""
    marker.unlink(missing_ok=True)
    process = subprocess.Popen(
        [sys.executable, "-m", "koers", "build", "-q", str(project)],
        env=dict(env, KOERS_PAUSE_AT=stage, KOERS_PAUSE_FILE=str(marker)),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    while not marker.exists():
        if process.poll() is not None:
            raise AssertionError(f"the build ended before it reached '{stage}': {process.stderr.read().decode() if process.stderr else ''}")
        time.sleep(0.05)  # polling for the marker only; no assertion depends on how long this takes
    return process


def test_killing_the_build_never_leaves_a_mixed_or_empty_site(built: Path, cache: Path, tmp_path: Path) -> None:
    """SIGKILL at every stage of a build: right after each kill build/site is complete, the old or the new site."""
    from koers.publish.checkpoints import STAGES

    assert set(KILL_POINTS) <= set(STAGES)
    env = dict(os.environ, KOERS_CACHE_DIR=str(cache))
    site = built / "build" / "site"
    known: dict[str, Tree] = {}
    for variant in ("A", "B"):
        _write_variant(built, variant)
        _run_build(built, env)
        known[variant] = tree(site)
    assert known["A"] != known["B"] and known["A"].keys() == known["B"].keys()
    current = "B"
    for stage, expected in KILL_POINTS.items():
        target = "A" if current == "B" else "B"
        _write_variant(built, target)
        process = _build_until(built, env, stage, tmp_path / "gepauzeerd")
        os.killpg(process.pid, signal.SIGKILL)  # the build and any export workers it started
        process.wait(timeout=60)
        seen = tree(site)  # what a reader sees right after the kill, before any recovery
        assert seen == known[current if expected == "oud" else target], f"killed at '{stage}': expected the {expected} site"
        current = current if expected == "oud" else target
    _write_variant(built, "A" if current == "B" else "B")
    _run_build(built, env)  # the next run recovers: stale staging folders go, the site is the content's
    assert tree(site) == known["A" if current == "B" else "B"]
    assert leftovers(built / "build") == []


def _mtimes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in sorted(root.rglob("*")) if p.is_file()}


def _engine_must_not_run(config_file: Path, dirty: bool = False) -> None:
    raise AssertionError("the engine ran although the published site was current")


def test_an_unchanged_build_keeps_the_published_site_and_a_changed_one_rebuilds_it(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import koers.publish.engine

    site = built / "build" / "site"
    assert build(built).site == site  # the copy's first build runs the engine and records what it made
    before, stamps = tree(site), _mtimes(site)
    steps: list[str] = []
    with monkeypatch.context() as patch:
        patch.setattr(koers.publish.engine, "_build", _engine_must_not_run)
        result = build(built, progress=steps.append)
    assert result.site == site and not result.report.errors
    assert "website ongewijzigd: de gepubliceerde blijft staan" in steps
    assert tree(site) == before and _mtimes(site) == stamps  # not even rewritten
    assert leftovers(built / "build") == []
    # A page removed by hand: the record no longer matches the files, so the engine runs and restores it.
    (site / "visie.html").unlink()
    steps.clear()
    assert build(built, progress=steps.append).site == site
    assert tree(site) == before and "website ongewijzigd: de gepubliceerde blijft staan" not in steps
    # Changed content: the engine runs and the change is published.
    _edit(built / "content/visie.md", "Testdorp werkt", "Testdorp bouwt en werkt")
    steps.clear()
    assert build(built, progress=steps.append).site == site
    assert "website ongewijzigd: de gepubliceerde blijft staan" not in steps
    assert "Testdorp bouwt en werkt" in (site / "visie.html").read_text("utf-8")


def test_a_kept_site_is_byte_identical_to_one_the_engine_makes_again(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = built / "build" / "site"
    build(built)
    kept = tree(site)
    monkeypatch.setenv("KOERS_CACHE_DIR", str(tmp_path / "empty-cache"))  # no record: the engine must run
    steps: list[str] = []
    assert build(built, progress=steps.append).site == site
    assert "website ongewijzigd: de gepubliceerde blijft staan" not in steps
    assert tree(site) == kept


def test_a_kept_site_still_gets_its_sources_and_an_extension_that_reads_files_always_rebuilds(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import koers.publish.engine

    build(built)
    shutil.rmtree(built / "build" / "docs")
    steps: list[str] = []
    assert build(built, progress=steps.append).site is not None
    assert "website ongewijzigd: de gepubliceerde blijft staan" in steps
    assert (built / "build" / "docs" / "index.md").is_file() and (built / "build" / "mkdocs.yml").is_file()
    # pymdownx.emoji is not on the list of extensions known to read only the page, so the engine runs every time.
    _edit(built / "mkdocs.yml", "  - tables\n", "  - tables\n  - pymdownx.emoji\n")
    build(built)
    runs: list[Path] = []
    real = koers.publish.engine._build
    monkeypatch.setattr(koers.publish.engine, "_build", lambda config_file, dirty=False: (runs.append(config_file), real(config_file))[1])
    steps.clear()
    assert build(built, progress=steps.append).site is not None
    assert len(runs) == 1 and "website ongewijzigd: de gepubliceerde blijft staan" not in steps


def test_a_build_folder_that_links_outside_the_project_is_refused(tmp_path: Path) -> None:
    """Issue 18: with build -> a folder elsewhere, `koers build` emptied that folder and overwrote its mkdocs.yml."""
    project = make_project(tmp_path / "p")
    elsewhere = tmp_path / "elders"
    (elsewhere / "site").mkdir(parents=True)
    (elsewhere / "mkdocs.yml").write_text("site_name: iets anders\n", "utf-8")
    (elsewhere / "site" / "index.html").write_text("van iemand anders", "utf-8")
    (project / "build").symlink_to(elsewhere, target_is_directory=True)
    before = tree(elsewhere)
    result = build(project)
    assert result.site is None
    assert [f.format() for f in result.report.errors] == [
        f"build:1: fout: build/ is een snelkoppeling (naar {elsewhere}); Koers schrijft alleen in een gewone map in het project: "
        "maak van build/ een gewone map"
    ]
    assert tree(elsewhere) == before


def test_poster_and_serve_refuse_a_linked_build_folder_and_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 18: `koers poster` and `koers serve` wrote into content/ when build -> content."""
    from koers.pipeline.poster import poster_command
    from koers.pipeline.serve import serve

    project = make_project(tmp_path / "p")
    (project / "build").symlink_to(project / "content", target_is_directory=True)
    before = tree(project / "content")
    assert poster_command(project, "routekaart", "a3", "svg") == 1
    assert serve(project, port=1) == 1  # refused before it would listen (or build)
    err = capsys.readouterr().err
    message = "build:1: fout: build/ wijst naar content/ (een snelkoppeling?); Koers schrijft nooit in content/: maak van build/ een gewone map"
    assert err.splitlines() == [message, message]
    assert tree(project / "content") == before
    (project / "build").unlink()
    (project / "build").mkdir()
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (project / "build" / "posters").symlink_to(elsewhere, target_is_directory=True)
    assert poster_command(project, "routekaart", "a3", "svg") == 1
    assert capsys.readouterr().err.startswith(f"build:1: fout: build/posters/ is een snelkoppeling (naar {elsewhere}); ")
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize(
    ("where", "error", "reason"),
    [
        ("write_outputs", errno.ENOSPC, "de schijf is vol"),
        ("staging_dir", errno.EROFS, "de schijf is alleen-lezen"),
        ("publish", errno.EACCES, "geen toestemming om daar te schrijven"),
    ],
)
def test_a_full_or_read_only_disk_is_one_dutch_line_and_the_last_build_stays(
    built: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], where: str, error: int, reason: str
) -> None:
    """Issue 18: an OSError while writing build/ was a traceback."""
    from koers.cli import main
    from koers.pipeline import build as pipeline_build

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(error, os.strerror(error), str(built / "build" / "docs" / "index.md"))

    _edit(built / "content/strategie.yaml", "status: vastgesteld", "status: concept")
    before = tree(built / "build")
    monkeypatch.setattr(publish if where == "staging_dir" else pipeline_build, where, fail)
    assert main(["build", "-q", str(built)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines()[0] == f"build:1: fout: de build is afgebroken: {reason} (build/docs/index.md); wat al in build/ stond, blijft staan"
    _assert_unchanged_after_failure(built, before)


def test_a_second_build_waits_for_the_first(built: Path, cache: Path) -> None:
    """Two builds of one project at once removed each other's staging folders; now the second waits for the lock."""
    from koers.publish.lock import build_lock

    env = dict(os.environ, KOERS_CACHE_DIR=str(cache))
    with build_lock(built / "build", lambda: None):
        second = subprocess.Popen(
            [sys.executable, "-m", "koers", "build", str(built)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert second.stderr is not None
        lines = []
        for line in second.stderr:  # until it says it waits (it cannot get further while the lock is held)
            lines.append(line.rstrip("\n"))
            if "wacht" in line:
                break
        assert lines[-1] == "… wacht op een andere build van dit project"
        assert second.poll() is None
        assert "… website bouwen" not in lines
    out, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    assert "… website bouwen" in err or "… website ongewijzigd" in err
    assert leftovers(built / "build") == []


def test_serve_on_a_read_only_disk_is_one_dutch_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from koers.pipeline.serve import serve

    project = make_project(tmp_path / "p")

    def read_only(self: Path, *args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))

    monkeypatch.setattr(Path, "mkdir", read_only)
    assert serve(project, port=0) == 1  # port 0: any free port, so only the disk can stop it
    assert capsys.readouterr().err == (
        "build:1: fout: het voorbeeld kan niet worden gemaakt: de schijf is alleen-lezen (build/preview); wat al in build/ stond, blijft staan\n"
    )
