"""Fixtures for the browser tests: the strategies built once (when first needed), served on loopback, and Chromium.

A module runs on the strategies named in its SITES (default support.USUAL); see support.STRATEGIES.

When the whole package has run, the result is written as build/toegankelijkheid.json into each tested project
(and for the example also to $KOERS_A11Y_REPORT when set), so the next `koers build` puts it in the
accessibility statement.
"""

from __future__ import annotations

import datetime
import fcntl
import json
import os
import shutil
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest

from support.projects import make_project

from .support import CHROMIUM_ARGS, HEIGHT, REPORTED, STRATEGIES, USUAL, WIDTHS, Server, Site, artifacts, chromium, guard, result_json, site_pages


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: end-to-end tests in a real Chromium (tests/e2e)")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that needs a site runs once per strategy of its module's SITES (default USUAL)."""
    if "site" in metafunc.fixturenames:
        names = tuple(getattr(metafunc.module, "SITES", USUAL))
        assert names and set(names) <= set(STRATEGIES), names
        metafunc.parametrize("site", names, indirect=True, scope="package")


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    """Headless Chromium from the system; a missing browser skips, unless KOERS_E2E_REQUIRED is set (CI)."""
    required = bool(os.environ.get("KOERS_E2E_REQUIRED"))
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if required:
            raise
        pytest.skip("playwright (test extra) is not installed: no browser tests")
    executable = chromium()
    if executable is None:
        if required:
            pytest.fail("Chromium is not installed (apt-get install chromium)")
        pytest.skip("no Chromium here (apt-get install chromium): no browser tests")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _build(name: str, content: Path, shared: Path) -> Site:
    """The strategy built once for the whole run: the first worker to ask builds it, the other waits and serves the same files."""
    from koers.pipeline.build import build
    from koers.pipeline.check import check

    project = shared / name
    with (shared / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also when the build fails
        done = shared / f"{name}.gebouwd"
        if not done.exists():
            shutil.rmtree(project, ignore_errors=True)  # a build that failed half-way is made again
            built = build(make_project(project, content))
            assert built.site is not None and not built.report.errors, built.report.as_text()
            done.touch()
    strategy = check(project).strategy
    assert strategy is not None
    site = project / "build" / "site"
    return Site(name, project, site, Server(site), strategy, site_pages(site))


class Sites:
    """The strategies, each built (by the real pipeline: posters and PDF included) and served when first asked for."""

    def __init__(self, shared: Path) -> None:
        self.shared = shared
        self.built: dict[str, Site] = {}

    def get(self, name: str) -> Site:
        if name not in self.built:
            self.built[name] = _build(name, STRATEGIES[name], self.shared)
        return self.built[name]


@pytest.fixture(scope="package")
def sites(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[Sites]:
    # Shared by the xdist workers (beside their own temporary folders), as the Koers cache is (tests/conftest.py).
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "e2e-sites"
    shared.mkdir(exist_ok=True)
    registry = Sites(shared)
    try:
        yield registry
    finally:
        for site in registry.built.values():
            site.server.stop()
    for site in registry.built.values():
        _write_result(site, browser.version)


@pytest.fixture(scope="package")
def site(request: pytest.FixtureRequest, sites: Sites) -> Site:
    """The strategy named by the test's parameter (pytest_generate_tests), built and served."""
    return sites.get(request.param)


@pytest.fixture
def context(browser: Any, site: Site) -> Iterator[Any]:
    """A fresh browser context at desktop size in which every request is recorded and other hosts are refused."""
    ctx = browser.new_context(viewport={"width": WIDTHS[0], "height": HEIGHT}, locale="nl-NL", service_workers="block")
    before = len(site.requests), len(site.outside)
    guard(ctx, site)
    yield ctx
    ctx.close()
    # Every browser test also guards privacy: no request to another host, whatever it was testing.
    outside = [u for u in site.requests[before[0] :] if not site.is_local(u)] + site.outside[before[1] :]
    assert not outside, f"verzoeken naar andere servers: {sorted(set(outside))}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Note per strategy whether each named check (a module's CONTROLE) passed, for the statement."""
    report = yield
    name = getattr(getattr(item, "module", None), "CONTROLE", None)
    site = getattr(item, "funcargs", {}).get("site")
    if name and isinstance(site, Site) and (report.when == "call" or report.failed):
        site.checks[name] = site.checks.get(name, True) and report.passed
    return report


def _write_result(site: Site, chromium_version: str) -> None:
    """build/toegankelijkheid.json, only when axe-core ran over every page at every width."""
    if set(site.problems) != set(WIDTHS):
        return
    text = json.dumps(result_json(site, chromium_version, datetime.date.today()), ensure_ascii=False, indent=1) + "\n"
    targets = [site.project / "build" / "toegankelijkheid.json", artifacts() / f"toegankelijkheid-{site.name}.json"]
    if site.name == REPORTED and os.environ.get("KOERS_A11Y_REPORT"):
        targets.append(Path(os.environ["KOERS_A11Y_REPORT"]))
    for target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
