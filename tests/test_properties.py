"""Property tests: whatever content arrives, check reports findings and never raises."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koers.pipeline.check import check
from support.projects import make_project

KEYS = ["titel", "bron", "eigenaar", "themas", "stip", "koers", "acties", "id", "jaar", "van", "tot", "status", "na", "teams", "periode", "versie", "naam", "x"]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.floats(allow_nan=False), st.text(max_size=30), st.sampled_from(["2024", "gereed", "team-publiek", "formulieren", "coalitieakkoord"]))
VALUES = st.recursive(SCALARS, lambda kids: st.one_of(st.lists(kids, max_size=4), st.dictionaries(st.sampled_from(KEYS), kids, max_size=5)), max_leaves=20)
DOCS = st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=8)

_TEMPLATE: dict[str, Path] = {}


def _base() -> Path:
    if "base" not in _TEMPLATE:
        _TEMPLATE["base"] = make_project(Path(tempfile.mkdtemp()) / "base")
    return _TEMPLATE["base"]


def _fresh() -> Path:
    target = Path(tempfile.mkdtemp()) / "p"
    shutil.copytree(_base(), target, symlinks=True)
    return target


def _assert_sound(project: Path) -> None:
    checked = check(project)
    for finding in checked.report.findings:
        assert finding.location.line >= 1 and finding.message
    if checked.report.errors:
        assert checked.strategy is None
    shutil.rmtree(project.parent, ignore_errors=True)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS)
def test_random_front_matter_never_raises(data: dict) -> None:
    project = _fresh()
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\nTekst.\n"
    (project / "content/opgaven/data-op-orde.md").write_text(text, "utf-8")
    _assert_sound(project)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS)
def test_random_strategy_file_never_raises(data: dict) -> None:
    project = _fresh()
    (project / "content/strategie.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    _assert_sound(project)


FILES = ["content/strategie.yaml", "content/teams.yaml", "content/visie.md", "content/opgaven/digitale-balie.md", "themes/voorbeeld/theme.yaml"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FILES), st.integers(0, 60), st.sampled_from(["delete", "duplicate", "insert", "indent"]), st.text(max_size=12))
def test_random_line_edits_never_raise(name: str, index: int, edit: str, extra: str) -> None:
    project = _fresh()
    path = project / name
    lines = path.read_text("utf-8").split("\n")
    i = index % len(lines)
    if edit == "delete":
        del lines[i]
    elif edit == "duplicate":
        lines.insert(i, lines[i])
    elif edit == "insert":
        lines.insert(i, extra)
    else:
        lines[i] = "   " + lines[i]
    path.write_text("\n".join(lines), "utf-8")
    _assert_sound(project)
