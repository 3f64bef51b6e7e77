"""Koers as a municipality gets it: sdist and wheel with the licence, a fresh install that inits and builds,
the constraints of the release, the release workflow and CI templates against their published schemas,
the Containerfile, and the pre-commit hook installed from a tag — all offline."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tarfile
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from koers import __version__
from koers.authoring import scaffold
from support.projects import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
# The first major version of each action that runs on Node 24 (GitHub retires Node 20 for actions).
NODE24 = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/cache": 5,
    "actions/upload-artifact": 6,
    "actions/download-artifact": 7,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment without this checkout on PYTHONPATH, so what runs is what was installed."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return {**env, **extra}


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sdist and the wheel, built from this checkout the way the release job does (without network)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(REPO)],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return out / f"koers-{__version__}.tar.gz", out / f"koers-{__version__}-py3-none-any.whl"


def test_wheel_and_sdist_carry_the_licence_and_what_a_catalogue_needs(dist: tuple[Path, Path]) -> None:
    sdist, wheel = dist
    licence = (REPO / "LICENSE").read_text("utf-8")
    assert licence.startswith("# EUROPEAN UNION PUBLIC LICENCE v. 1.2") and "Appendix" in licence
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert archive.read(f"koers-{__version__}.dist-info/licenses/LICENSE").decode("utf-8") == licence
        metadata = archive.read(f"koers-{__version__}.dist-info/METADATA").decode("utf-8")
    assert "koers/shipped/themes/voorbeeld/theme.yaml" in names and "koers/shipped/mkdocs.yml" in names
    assert "License-Expression: EUPL-1.2" in metadata and "Classifier: Natural Language :: Dutch" in metadata
    assert f"Project-URL: Source, {scaffold.KOERS_REPO_URL}" in metadata
    assert "watchdog" not in metadata  # Koers does not import it (MkDocs brings its own)
    with tarfile.open(sdist) as archive:
        members = {m.name.split("/", 1)[1] for m in archive.getmembers() if "/" in m.name}
    assert {"LICENSE", "CHANGELOG.md", "SECURITY.md", "Containerfile", f"constraints/koers-{__version__}.txt"} <= members
    assert not [m for m in members if m.startswith((".mypy_cache", ".import_linter_cache", ".ruff_cache", "build/"))]


def test_the_wheel_in_a_fresh_environment_makes_a_project_and_builds_it(dist: tuple[Path, Path], tmp_path: Path) -> None:
    """Installed non-editable (its dependencies taken from this environment: the test stays offline)."""
    _, wheel = dist
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    env = _clean_env(PIP_NO_INDEX="1", KOERS_CACHE_DIR=str(tmp_path / "cache"))
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True, env=env, timeout=300)
    where = subprocess.run([str(python), "-c", "import koers; print(koers.__file__)"], capture_output=True, text=True, env=env, check=True)
    assert Path(where.stdout.strip()).is_relative_to(env_dir)  # the wheel's copy, not this checkout
    koers = str(env_dir / "bin" / "koers")
    subprocess.run([koers, "init", str(tmp_path / "strategie"), "--organisatie", "Gemeente Wheel"], check=True, env=env, timeout=120)
    built = subprocess.run([koers, "build", str(tmp_path / "strategie"), "--quiet"], capture_output=True, text=True, env=env, timeout=600)
    assert built.returncode == 0, built.stderr
    site = tmp_path / "strategie" / "build" / "site"
    assert "Gemeente Wheel" in (site / "index.html").read_text("utf-8")
    assert (site / "downloads" / "routekaart-a3.pdf").read_bytes().startswith(b"%PDF-")


def test_the_constraints_of_this_version_pin_every_dependency_within_its_range() -> None:
    pins = {}
    for line in (REPO / "constraints" / f"koers-{__version__}.txt").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version
    for line in PYPROJECT["project"]["dependencies"]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} ontbreekt in de constraints"
        assert requirement.specifier.contains(pins[name]), (name, pins[name], str(requirement.specifier))
    # The libraries the byte-identical output rests on, and their own dependencies that draw or encode.
    assert {"typst", "cairosvg", "fonttools", "mkdocs", "mkdocs-material", "pillow", "brotli"} <= set(pins)


def _workflows(tmp_path: Path) -> list[Path]:
    project = tmp_path / "strategie"
    subprocess.run([sys.executable, "-m", "koers", "init", str(project)], check=True, capture_output=True, timeout=120)
    return [REPO / ".github/workflows/release.yml", project / ".github/workflows/publiceren.yml", project / ".gitlab-ci.yml"]


def test_release_workflow_and_ci_templates_pass_their_published_schemas_and_timeout_rule(tmp_path: Path) -> None:
    release, github, gitlab = _workflows(tmp_path)

    def validate(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    for schema, files in (
        ("vendor.github-workflows", (release, github)),
        ("custom.github-workflows-require-timeout", (release, github)),
        ("vendor.gitlab-ci", (gitlab,)),
    ):
        result = validate(schema, *files)
        assert result.returncode == 0, result.stdout + result.stderr
    # The rule has teeth: a job without timeout-minutes fails it.
    loose = tmp_path / "zonder-tijdslimiet.yml"
    loose.write_text(re.sub(r"\n    timeout-minutes: \d+", "", github.read_text("utf-8"), count=1), "utf-8")
    assert validate("custom.github-workflows-require-timeout", loose).returncode == 1
    for workflow in (release, github):
        for job in yaml.safe_load(workflow.read_text("utf-8"))["jobs"].values():
            for step in job["steps"]:
                action, _, version = str(step.get("uses", "")).partition("@v")
                if action in NODE24:
                    assert int(version) >= NODE24[action], f"{workflow.name}: {action}@v{version} draait op Node 20"


def test_release_workflow_publishes_with_trusted_publishing_after_checking_tag_and_changelog() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/release.yml").read_text("utf-8"))
    assert workflow[True]["push"]["tags"] == ["v*.*.*"]  # 'on' reads as true in YAML 1.1
    publish = workflow["jobs"]["publiceren"]
    assert publish["permissions"] == {"id-token": "write"} and publish["needs"] == "pakket"
    assert publish["steps"][-1] == {"uses": "pypa/gh-action-pypi-publish@release/v1"}  # no password: trusted publishing
    checks = next(s["run"] for s in workflow["jobs"]["pakket"]["steps"] if "agree" in s.get("name", ""))
    # What the job checks holds for this version, here.
    version = __version__
    assert f"## [{version}]" in (REPO / "CHANGELOG.md").read_text("utf-8")
    assert (REPO / "constraints" / f"koers-{version}.txt").is_file()
    assert "CHANGELOG.md" in checks and "constraints/koers-$version.txt" in checks


def test_the_repository_address_is_the_same_everywhere() -> None:
    urls = PYPROJECT["project"]["urls"]
    assert urls["Source"] == urls["Homepage"] == scaffold.KOERS_REPO_URL
    assert yaml.safe_load((REPO / "publiccode.yml").read_text("utf-8"))["url"] == scaffold.KOERS_REPO_URL + ".git"
    assert yaml.safe_load((REPO / "publiccode.yml").read_text("utf-8"))["softwareVersion"] == __version__
    assert scaffold.pip_source("https://git.gemeente.example/ict/koers") == f"git+https://git.gemeente.example/ict/koers.git@v{__version__}"
    assert scaffold.pip_source("/srv/spiegel/koers") == f"git+file:///srv/spiegel/koers@v{__version__}"


def test_containerfile_installs_the_wheel_with_its_constraints_as_an_unprivileged_user() -> None:
    """What the image is made of. Building it needs the network (apt-get, pip), which tests never use: see CONTRIBUTING."""
    text = (REPO / "Containerfile").read_text("utf-8")
    assert re.search(r"^FROM python:3\.1[1-3]-slim", text, re.M)
    assert f"ARG KOERS_VERSION={__version__}" in text
    assert "-c /tmp/koers-${KOERS_VERSION}.txt /tmp/koers-${KOERS_VERSION}-py3-none-any.whl" in text
    assert all(package in text for package in ("libcairo2", "fontconfig", "git"))
    users = re.findall(r"^USER (\S+)", text, re.M)
    assert users and users[-1] not in ("root", "0")


def test_the_pre_commit_hook_installs_from_a_tag_and_checks_the_content(tmp_path: Path) -> None:
    """pre-commit clones Koers at the tag of this version and installs it, offline (dependencies from here)."""
    clone = tmp_path / "koers"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True, timeout=300)
    tags = subprocess.run(["git", "-C", str(clone), "tag", "--list", f"v{__version__}"], capture_output=True, text=True, check=True).stdout
    if not tags.strip():  # a CI checkout without tags: tag its head, as the release does
        subprocess.run(["git", "-C", str(clone), "tag", f"v{__version__}"], check=True)
    project = tmp_path / "strategie"
    git = ["git", "-c", "user.email=kernteam@example.org", "-c", "user.name=Kernteam"]
    subprocess.run([sys.executable, "-m", "koers", "init", str(project), "--koers-bron", str(clone)], check=True, capture_output=True, timeout=120)
    config = yaml.safe_load((project / ".pre-commit-config.yaml").read_text("utf-8"))
    assert config["repos"][0] == {"repo": str(clone), "rev": f"v{__version__}", "hooks": [{"id": "koers-check"}]}
    subprocess.run(["git", "init", "-q", "-b", "main", str(project)], check=True)
    subprocess.run([*git, "-C", str(project), "add", "-A"], check=True)
    env = _clean_env(
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit"),
        VIRTUALENV_SYSTEM_SITE_PACKAGES="1",  # Koers' dependencies from this environment …
        PIP_NO_INDEX="1",  # … and nothing from a package index
        PIP_NO_BUILD_ISOLATION="0",  # build Koers with the hatchling that is here
    )
    hook = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    passed = subprocess.run(hook, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"koers check\.+Passed", passed.stdout)
    installed = list((tmp_path / "pre-commit").glob(f"repo*/py_env-*/lib/python*/site-packages/koers-{__version__}.dist-info"))
    assert installed, "pre-commit heeft Koers niet uit de tag geïnstalleerd"
    opgave = project / "content/opgaven/eerste-opgave.md"
    opgave.write_text(opgave.read_text("utf-8").replace("status: gepland", "status: bezig", 1), "utf-8")
    failed = subprocess.run(hook, cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert failed.returncode == 1
    assert re.search(r"content/opgaven/eerste-opgave\.md:\d+: fout: 'bezig' is geen geldige waarde", failed.stdout), failed.stdout
