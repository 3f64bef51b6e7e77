"""The kernteam's workflow: what `koers init` writes (CI, pre-commit, editor), the repository's hook and publiccode.yml."""

from __future__ import annotations

import argparse
import fnmatch
import json
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from koers import cli
from koers.authoring import scaffold
from koers.content.yamlread import read_yaml
from koers.pipeline.check import check
from support.projects import REPO, make_project

# Every command the templates and docs may name; `check` and `build` are what CI runs.
DOCUMENTED_COMMANDS = {"check", "build", "serve", "init", "poster", "new", "diff", "theme", "toets"}
CI_COMMANDS = {"check", "build", "toets"}
SHELL_OPERATORS = {">", ">>", "||", "&&", "|", ";", ";;", "2>&1"}


@pytest.fixture(scope="module")
def initialised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("init") / "strategie"
    assert cli.main(["init", str(target), "--organisatie", "Gemeente Ergens"]) == 0
    return target


@pytest.fixture(scope="module")
def shims(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """PATH with `koers` and `python` running this interpreter, as in CI after `pip install`."""
    folder = tmp_path_factory.mktemp("bin")
    for name, command in (("koers", f'exec "{sys.executable}" -m koers "$@"'), ("python", f'exec "{sys.executable}" "$@"')):
        path = folder / name
        path.write_text(f"#!/bin/sh\n{command}\n", "utf-8")
        path.chmod(0o755)
    import os

    return {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"}


def gitlab(project: Path) -> dict[str, Any]:
    return yaml.safe_load((project / ".gitlab-ci.yml").read_text("utf-8"))


def github(project: Path) -> dict[str, Any]:
    return yaml.safe_load((project / ".github/workflows/publiceren.yml").read_text("utf-8"))


def scripts(node: Any) -> Iterator[str]:
    """Every shell script in a CI file: GitLab's script/before_script lines and GitHub's run blocks."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("script", "before_script", "after_script"):
                yield from (value if isinstance(value, list) else [value])
            elif key == "run" and isinstance(value, str):
                yield value
            else:
                yield from scripts(value)
    elif isinstance(node, list):
        for item in node:
            yield from scripts(item)


def koers_calls(script: str) -> list[list[str]]:
    """The argument lists of every `koers …` command in a shell script (up to the first shell operator)."""
    calls = []
    for line in script.splitlines():
        for match in re.finditer(r"(?:^|[\s;&|(])koers\s+([^\n]*)", line):
            tokens = []
            for token in shlex.split(match.group(1)):
                if token in SHELL_OPERATORS or token.startswith(">"):
                    break
                if token.endswith(";"):  # `…; fi`
                    tokens.append(token[:-1])
                    break
                tokens.append(token)
            calls.append(tokens)
    return calls


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def heredoc(script: str) -> str:
    match = re.search(r"<<'PY'\n(.*?)\nPY\n", script, re.S)
    assert match, script
    return match.group(1)


def test_init_project_passes_check_and_every_schema_hint_resolves(initialised: Path) -> None:
    report = check(initialised).report
    assert not report.errors
    assert report.warnings and all("bevat nog de invultekst" in f.message for f in report.warnings)
    for path in sorted((initialised / "content").rglob("*")):
        if path.suffix not in (".md", ".yaml"):
            continue
        hint = next(line for line in path.read_text("utf-8").splitlines() if "yaml-language-server" in line)
        assert (path.parent / hint.split("$schema=")[1]).resolve().is_file(), path


def test_vscode_settings_map_schemas_onto_existing_files(initialised: Path) -> None:
    settings = json.loads((initialised / ".vscode/settings.json").read_text("utf-8"))
    files = [p.relative_to(initialised).as_posix() for p in initialised.rglob("*") if p.is_file()]
    for schema, pattern in settings["yaml.schemas"].items():
        assert (initialised / schema).is_file(), schema
        assert fnmatch.filter(files, pattern), pattern
    assert json.loads((initialised / ".vscode/extensions.json").read_text("utf-8"))["recommendations"] == ["redhat.vscode-yaml"]


def test_ci_templates_are_valid_yaml_with_pages_jobs(initialised: Path) -> None:
    lab = gitlab(initialised)
    assert lab["pages"]["artifacts"]["paths"] == ["public"]
    assert "cp -r build/site public" in lab["pages"]["script"]
    assert lab["controleren"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert lab["controleren"]["artifacts"]["when"] == "always"
    assert lab["variables"]["KOERS_PAKKET"] == scaffold.KOERS_PIP
    hub = github(initialised)
    assert hub[True]["push"]["branches"] == ["main"]  # 'on' reads as true in YAML 1.1; GitHub reads it as the key 'on'
    build_steps = hub["jobs"]["bouwen"]["steps"]
    assert {"uses": "actions/upload-pages-artifact@v5", "with": {"path": "build/site"}} in build_steps
    deploy = hub["jobs"]["publiceren"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    assert deploy["steps"][-1]["uses"] == "actions/deploy-pages@v5"
    assert hub["env"]["KOERS_PAKKET"] == scaffold.KOERS_PIP
    # Only publishing waits in line: a pull request's run can never cancel a deploy of main that waits.
    assert "concurrency" not in hub and "concurrency" not in hub["jobs"]["bouwen"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    # Caches: pip's and Koers' own (made posters and PDFs), in both templates.
    cache = next(s for s in build_steps if str(s.get("uses", "")).startswith("actions/cache@"))
    assert cache["with"]["path"].split() == ["~/.cache/pip", ".koers-cache"] and hub["env"]["KOERS_CACHE_DIR"].endswith("/.koers-cache")
    assert lab["default"]["cache"]["paths"] == [".cache/pip", ".cache/koers"]
    assert lab["variables"]["KOERS_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/koers" and lab["variables"]["PIP_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/pip"
    assert lab["default"]["timeout"] == "30m" and all(job["timeout-minutes"] <= 30 for job in hub["jobs"].values())


def test_ci_templates_name_only_commands_that_exist(initialised: Path) -> None:
    calls = [c for doc in (gitlab(initialised), github(initialised)) for s in scripts(doc) for c in koers_calls(s)]
    names = {c[0] for c in calls}
    assert names == CI_COMMANDS <= DOCUMENTED_COMMANDS
    assert ["check", "--strict-vastgesteld", "--format", "json"] in calls and ["build", "--strict-vastgesteld", "--quiet"] in calls
    available = subcommands()
    assert "check" in available
    parser = cli.build_parser()
    for call in calls:
        if call[0] in available:  # `build` is checked as soon as the CLI has it
            parser.parse_args(call)


def test_github_check_step_annotates_findings(initialised: Path, shims: dict[str, str], tmp_path: Path) -> None:
    step = next(s for s in github(initialised)["jobs"]["bouwen"]["steps"] if s.get("name") == "Inhoud controleren")
    valid = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=make_project(tmp_path / "geldig"), env=shims, capture_output=True, text=True, timeout=120)
    assert valid.returncode == 0, valid.stderr
    assert "::" not in valid.stdout
    # A new project is a concept with the starter's example texts: its first pipeline passes, and shows them as warnings.
    fresh = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=initialised, env=shims, capture_output=True, text=True, timeout=120)
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr
    assert "::warning file=content/strategie.yaml,line=4,title=koers check::'ambitie' bevat nog de invultekst" in fresh.stdout
    assert "::error" not in fresh.stdout
    # Once adopted, the same example texts stop it: nothing unfinished is published as adopted.
    adopted = tmp_path / "vastgesteld"
    shutil.copytree(initialised, adopted)
    strategie = adopted / "content/strategie.yaml"
    strategie.write_text(
        strategie.read_text("utf-8").replace("status: concept", "status: vastgesteld\nvastgesteld: {datum: 2026-12-01, door: gemeenteraad}"), "utf-8"
    )
    refused = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=adopted, env=shims, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "::error file=content/strategie.yaml,line=4,title=koers check::'ambitie' bevat nog de invultekst" in refused.stdout
    broken = make_project(tmp_path / "kapot")
    opgave = broken / "content/opgaven/digitale-balie.md"
    opgave.write_text(opgave.read_text("utf-8").replace("status: lopend", "status: bezig"), "utf-8")
    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=broken, env=shims, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    line = check(broken).report.errors[0].location.line
    assert result.stdout.startswith(
        f"::error file=content/opgaven/digitale-balie.md,line={line},title=koers check::'bezig' is geen geldige waarde"
    )


def test_gitlab_check_job_writes_a_code_quality_report(shims: dict[str, str], tmp_path: Path, initialised: Path) -> None:
    script = gitlab(initialised)["controleren"]["script"][0]
    broken = make_project(tmp_path / "kapot", files={"content/themas/toegankelijkheid.md": "---\ntitell: X\nkort: Y\n---\n"})
    result = subprocess.run(["bash", "-e", "-c", script], cwd=broken, env=shims, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "content/themas/toegankelijkheid.md:2: fout: onbekende sleutel 'titell'; bedoelde je 'titel'?" in result.stdout
    issues = json.loads((broken / "gl-code-quality-report.json").read_text("utf-8"))
    first = next(i for i in issues if "titell" in i["description"])
    assert first["location"] == {"path": "content/themas/toegankelijkheid.md", "lines": {"begin": 2}}
    assert first["severity"] == "major" and first["check_name"] == "koers-check"
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert "fingerprint" in heredoc(script)


def test_repository_offers_the_pre_commit_hook() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = next(h for h in hooks if h["id"] == "koers-check")
    assert hook["language"] == "python" and hook["entry"] == "koers check" and hook["pass_filenames"] is False
    pattern = re.compile(hook["files"])
    assert pattern.search("content/opgaven/data.md") and pattern.search("themes/voorbeeld/theme.yaml")
    assert not pattern.search("docs/schrijven.md") and not pattern.search("build/site/index.html")
    cli.build_parser().parse_args(hook["entry"].split()[1:])
    # language: python installs this repository, so it must provide the `koers` command.
    scripts_table = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert scripts_table["koers"] == "koers.cli:main"


def test_init_project_uses_the_hook(initialised: Path) -> None:
    config = yaml.safe_load((initialised / ".pre-commit-config.yaml").read_text("utf-8"))
    assert config["repos"] == [{"repo": scaffold.KOERS_REPO_URL, "rev": scaffold.KOERS_REV, "hooks": [{"id": "koers-check"}]}]


def test_documentation_names_only_known_commands() -> None:
    for doc in (REPO / "docs/workflow.md", REPO / "CONTRIBUTING.md", REPO / "generator/koers/starter/README.md.j2"):
        text = doc.read_text("utf-8")
        code = re.findall(r"```[a-z]*\n(.*?)```", text, re.S) + re.findall(r"`([^`\n]+)`", text)
        names = {m.group(1) for block in code for m in re.finditer(r"(?:^|\s)koers ([a-z]+)", block, re.M)}
        assert names, doc.name
        assert names <= DOCUMENTED_COMMANDS, (doc.name, names - DOCUMENTED_COMMANDS)


# The publiccode.yml standard, version 0.4 (https://yml.publiccode.tools): required keys, types and vocabularies.
CATEGORIES = """accounting agile-project-management applicant-tracking application-development appointment-scheduling backup
billing-and-invoicing blog budgeting business-intelligence business-process-management cad call-center-management
cloud-management collaboration communications compliance-management contact-management content-management crm
customer-service-and-support data-analytics data-collection data-visualization design design-system digital-asset-management
digital-citizenship document-management donor-management e-commerce e-signature educational-content email-management
email-marketing employee-management enterprise-project-management enterprise-social-networking erp event-management
facility-management feedback-and-reviews-management financial-reporting fleet-management fundraising gamification
geographic-information-systems grant-management graphic-design help-desk hr ide identity-management instant-messaging
inventory-management it-asset-management it-development it-management it-security it-service-management knowledge-management
learning-management-system marketing mind-mapping mobile-marketing mobile-payment network-management office online-booking
online-community payment-gateway payroll predictive-analysis procurement productivity-suite project-collaboration
project-management property-management real-estate-management remote-support resource-management sales-management seo
service-desk social-media-management survey talent-management task-management taxes-management test-management
time-management time-tracking translation video-conferencing video-editing visitor-management voip warehouse-management
web-collaboration web-conferencing website-builder whistleblowing workflow-management""".split()
SCOPES = """agriculture culture defence education emergency-services employment energy environment
finance-and-economic-development foreign-affairs healthcare infrastructures justice local-authorities manufacturing research
science-and-technology security society sport tourism transportation welfare""".split()
_TEXT = {"type": "string", "minLength": 1}
_DEPENDENCY = {
    "type": "object",
    "required": ["name"],
    "properties": {"name": _TEXT, "versionMin": _TEXT, "versionMax": _TEXT, "version": _TEXT, "optional": {"type": "boolean"}},
}
PUBLICCODE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["publiccodeYmlVersion", "name", "url", "platforms", "categories", "developmentStatus", "softwareType",
                 "description", "legal", "maintenance", "localisation"],
    "properties": {
        "publiccodeYmlVersion": {"const": "0.4"},
        "name": _TEXT,
        "url": {"type": "string", "pattern": "^https?://"},
        "landingURL": {"type": "string", "pattern": "^https?://"},
        "softwareVersion": _TEXT,
        "releaseDate": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "platforms": {"type": "array", "minItems": 1, "items": _TEXT},
        "categories": {"type": "array", "minItems": 1, "items": {"enum": CATEGORIES}},
        "developmentStatus": {"enum": ["concept", "development", "beta", "stable", "obsolete"]},
        "softwareType": {"enum": ["standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web",
                                  "standalone/backend", "standalone/other", "addon", "library", "configurationFiles"]},
        "intendedAudience": {
            "type": "object",
            "properties": {
                "countries": {"type": "array", "items": {"pattern": "^[a-z]{2}$"}},
                "unsupportedCountries": {"type": "array", "items": {"pattern": "^[a-z]{2}$"}},
                "scope": {"type": "array", "items": {"enum": SCOPES}},
            },
        },
        "description": {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": "^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$"},
            "additionalProperties": {
                "type": "object",
                "required": ["shortDescription"],
                "properties": {
                    "localisedName": _TEXT,
                    "shortDescription": {"type": "string", "minLength": 1, "maxLength": 150},
                    "longDescription": {"type": "string", "minLength": 150, "maxLength": 10000},
                    "features": {"type": "array", "items": _TEXT},
                    "documentation": {"type": "string", "pattern": "^https?://"},
                    "screenshots": {"type": "array", "items": _TEXT},
                },
            },
        },
        "legal": {"type": "object", "required": ["license"], "properties": {"license": _TEXT, "mainCopyrightOwner": _TEXT, "repoOwner": _TEXT}},
        "maintenance": {
            "type": "object",
            "required": ["type"],
            "properties": {
                "type": {"enum": ["internal", "contract", "community", "none"]},
                "contacts": {"type": "array", "minItems": 1, "items": {"type": "object", "required": ["name"], "properties": {"name": _TEXT}}},
                "contractors": {"type": "array", "minItems": 1, "items": {"type": "object", "required": ["name", "until"]}},
            },
            "allOf": [
                {"if": {"properties": {"type": {"enum": ["internal", "community"]}}}, "then": {"required": ["contacts"]}},
                {"if": {"properties": {"type": {"const": "contract"}}}, "then": {"required": ["contractors"]}},
            ],
        },
        "localisation": {
            "type": "object",
            "required": ["localisationReady", "availableLanguages"],
            "properties": {"localisationReady": {"type": "boolean"}, "availableLanguages": {"type": "array", "minItems": 1, "items": _TEXT}},
        },
        "dependsOn": {"type": "object", "properties": {k: {"type": "array", "items": _DEPENDENCY} for k in ("open", "proprietary", "hardware")}},
    },
}


def test_publiccode_yml_follows_the_standard() -> None:
    from jsonschema import Draft202012Validator

    text = (REPO / "publiccode.yml").read_text("utf-8")
    result = read_yaml(text)  # YAML 1.2-like reading, as the standard recommends
    assert not result.problems
    data = result.data
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in Draft202012Validator(PUBLICCODE_SCHEMA).iter_errors(data)]
    assert errors == []
    # 'Mandatory for at least one language': a long description and features.
    assert any("longDescription" in d and d.get("features") for d in data["description"].values())
    assert set(data["description"]) == {"nl", "en"}
    assert data["legal"]["license"] == "EUPL-1.2"
    assert tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["license"] == "EUPL-1.2"
    from koers import __version__
    assert data["softwareVersion"] == __version__
    assert data["url"] == scaffold.KOERS_REPO_URL + ".git"


def test_a_new_projects_first_pipeline_publishes_the_concept_with_its_open_points_counted(
    initialised: Path, shims: dict[str, str], tmp_path: Path
) -> None:
    """The GitHub template's build step on a fresh `koers init`: green, and every page says how much is still open."""
    project = tmp_path / "eerste-push"
    shutil.copytree(initialised, project)
    step = next(s for s in github(project)["jobs"]["bouwen"]["steps"] if s.get("name") == "Website bouwen")
    env = {**shims, "KOERS_CACHE_DIR": str(tmp_path / "cache")}
    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if ": waarschuwing: " in line]
    assert len(warnings) == 7 and all("bevat nog de invultekst" in line for line in warnings)
    home = (project / "build/site/index.html").read_text("utf-8")
    assert "Deze strategie is nog niet vastgesteld: de inhoud kan nog veranderen. Er staan nog 7 open punten in de inhoud, zoals invulteksten" in home


@pytest.mark.parametrize(
    ("chromium", "toets_exit", "calls", "said"),
    [
        (True, 0, ["toets", "build --strict-vastgesteld --quiet"], None),
        (True, 1, ["toets", "build --strict-vastgesteld --quiet"], "vond problemen"),
        (True, 2, ["toets"], "kon niet draaien"),  # e.g. Chromium crashed: the site stays as built
        (False, 0, [], "geen Chromium"),
    ],
)
def test_the_accessibility_step_fills_the_statement_only_where_chromium_is(
    initialised: Path, tmp_path: Path, chromium: bool, toets_exit: int, calls: list[str], said: str | None
) -> None:
    """Both templates' toets steps, run with stand-ins that record their calls: they never fail the pipeline."""
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "calls.txt"
    stand_ins = {
        "koers": f'echo "$*" >> "{log}"\nif [ "$1" = toets ]; then exit {toets_exit}; fi\nexit 0',
        "python": "exit 0",  # `python -m pip install playwright`: nothing to install here
    }
    if chromium:
        stand_ins["chromium"] = "exit 0"
    for name, body in stand_ins.items():
        (folder / name).write_text(f"#!/bin/sh\n{body}\n", "utf-8")
        (folder / name).chmod(0o755)
    env = {"PATH": str(folder), "HOME": str(tmp_path)}  # only the stand-ins: the machine's own Chromium stays out of sight
    github_step = next(s["run"] for s in github(initialised)["jobs"]["bouwen"]["steps"] if s.get("name") == "Toegankelijkheid testen")
    gitlab_step = next(s for s in gitlab(initialised)["pages"]["script"] if "koers toets" in s)
    for script in (github_step, gitlab_step):
        log.write_text("", "utf-8")
        result = subprocess.run(["/bin/bash", "-e", "-o", "pipefail", "-c", script], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr
        assert log.read_text("utf-8").splitlines() == calls
        assert (said or "koers toets:") in result.stdout if said else "problemen" not in result.stdout
