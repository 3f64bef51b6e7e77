"""Shared fixtures: small projects made from the test base, the example and the second strategy."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from support.projects import CASES, REPO, make_project

# CI (.ci/run) explores the same examples on every run, so a red build is a regression, never the luck
# of the draw; a developer's run explores new ones, and what it finds becomes a corpus case or a test.
# No deadline anywhere: how long an example takes depends on the machine's load, never on Koers' correctness.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True, deadline=None)
settings.register_profile("local", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "local"))


@pytest.fixture(scope="session", autouse=True)
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One Koers cache for the whole run, shared by the xdist workers and the `koers` processes tests start.

    Tests never read or fill the user's ~/.cache/koers, and a build of content an earlier test built
    (in either worker) takes its posters, exports and document from the cache, as a kernteam's second
    build does. Entries are keyed by all their inputs and written atomically, so two workers can fill
    it at once. Tests of the cache itself use a fresh one of their module (`cache`).
    """
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "koers-cache"
    folder.mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KOERS_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A private export cache per test module: its builds share it, and the user's cache is neither read nor filled."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KOERS_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A valid small project in a temporary folder."""
    return make_project(tmp_path / "project")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """The example strategy of the repository, in a temporary project folder."""
    return make_project(tmp_path / "example", REPO / "content")


@pytest.fixture
def second(tmp_path: Path) -> Path:
    """The second, independent strategy (other period, custom sources)."""
    return make_project(tmp_path / "second", CASES / "valid" / "tweede-strategie" / "content")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "xdist_group(name): tests that pytest-xdist runs in one worker")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist (CI: `-n 2 --dist loadgroup`), keep what shares fixtures in one worker.

    A module's tests go together, so its module-scoped builds are made once; the browser tests are
    two groups, which share the sites their package builds once per run (tests/e2e/conftest.py).
    """
    rank: dict[pytest.Item, int] = {}
    for item in items:
        path = Path(str(item.path))
        # The browser tests are two groups, so two workers share them: axe (and `koers toets`) in one,
        # the rest in the other; the first to need a site builds it, the other serves the same files.
        group = ("e2e-axe" if path.stem in ("test_axe", "test_toets") else "e2e") if "e2e" in path.parts else path.stem
        item.add_marker(pytest.mark.xdist_group(group))
        rank[item] = _SLOW_FIRST.get(group, len(_SLOW_FIRST))
    # The workers take groups in this order: the longest first, so neither ends the run with one long
    # module while the other waits (pytest --durations=0 shows these as the slowest; the rest is short).
    items.sort(key=rank.__getitem__)


_SLOW_FIRST = {
    name: rank
    for rank, name in enumerate(
        ("e2e", "e2e-axe", "test_document", "test_publish", "test_build_documents", "test_site_settings", "test_site_scale", "test_site_browser",
         "test_site", "test_no_outside_access", "test_release", "test_export", "test_corpus", "test_paper_sizes", "test_cli",
         "test_site_serve", "test_poster_combined", "test_hostile", "test_build_second", "test_hostile_props")
    )
}  # fmt: skip
