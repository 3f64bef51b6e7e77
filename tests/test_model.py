"""The frozen model and its derived views, on the test base and the example."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from koers.content.model import Strategy
from koers.pipeline.check import check
from support.projects import make_project


def model(project: Path) -> Strategy:
    checked = check(project)
    assert not checked.report.errors, checked.report.as_text()
    assert checked.strategy is not None
    return checked.strategy


def test_base_model_views(project: Path) -> None:
    s = model(project)
    assert (s.van, s.tot, s.versie, s.status) == (2024, 2026, "1.0", "vastgesteld")
    assert [src.id for src, _ in s.matrix] == ["coalitieakkoord", "bedrijfsvoering"]
    assert [[o.id for o in row] for _, row in s.matrix] == [["digitale-balie"], ["data-op-orde"]]
    assert {y: [a.id for a in acts] for y, acts in s.actions_by_year.items()} == {
        2024: ["formulieren"],
        2025: ["datamanagement", "hulp-op-maat"],
        2026: ["oude-systemen", "hulp-op-maat"],
    }
    owned, joined = s.actions_by_team["team-informatie"]
    assert [a.id for a in owned] == ["datamanagement", "oude-systemen"]
    assert [a.id for a in joined] == ["formulieren"]
    assert [a.id for a in s.dependency_order] == ["formulieren", "datamanagement", "hulp-op-maat", "oude-systemen"]
    assert [a.id for a in s.chain("oude-systemen")] == ["formulieren", "datamanagement"]
    assert s.dependents["formulieren"] == ("datamanagement", "hulp-op-maat")
    assert [o.id for o in s.opgaven_by_theme["toegankelijkheid"]] == ["data-op-orde", "digitale-balie"]
    assert s.progress(s.actions) == {"gepland": 2, "lopend": 1, "gereed": 1, "vertraagd": 0, "gestopt": 0}
    assert s.years[0].titel == "2024: de basis" and s.years[1].source is None
    assert s.opgave_by_id["digitale-balie"].indicatoren[0].nulmeting == "6,8"


def test_model_is_frozen(project: Path) -> None:
    s = model(project)
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.titel = "x"  # type: ignore[misc]


def test_default_sources_apply_when_none_are_given(tmp_path: Path) -> None:
    base = make_project(tmp_path / "p")
    text = (base / "content/strategie.yaml").read_text("utf-8")
    start = text.index("bronnen:")
    end = text.index("principes:")
    (base / "content/strategie.yaml").write_text(text[:start] + text[end:], "utf-8")
    s = model(base)
    assert [src.id for src in s.sources] == ["coalitieakkoord", "taken", "bedrijfsvoering"]


def test_unquoted_version_keeps_its_spelling(tmp_path: Path) -> None:
    base = make_project(tmp_path / "p")
    path = base / "content/strategie.yaml"
    path.write_text(path.read_text("utf-8").replace('versie: "1.0"', "versie: 1.10"), "utf-8")
    assert model(base).versie == "1.10"


def test_example_round_trip(example: Path) -> None:
    s = model(example)
    assert len(s.opgaven) >= 7 and len(s.themes) >= 5 and len(s.actions) >= 30
    assert len(s.principles) >= 4 and s.niet_meer
    assert {src.id for src, row in s.matrix if row} == {"coalitieakkoord", "taken", "bedrijfsvoering"}
    assert all(s.actions_by_year[y.jaar] for y in s.years)
    assert sum(1 for a in s.actions if a.na) >= 10
    assert any(o.indicatoren for o in s.opgaven)
    # every action appears once in the dependency order, after everything it waits for
    position = {a.id: i for i, a in enumerate(s.dependency_order)}
    assert len(position) == len(s.actions)
    assert all(position[d] < position[a.id] for a in s.actions for d in a.na)


def test_example_passes_strict_check(example: Path) -> None:
    report = check(example).report
    assert not report.failed(strict=True), report.as_text()


def test_second_strategy_without_code_changes(second: Path) -> None:
    s = model(second)
    assert (s.van, s.tot) != (2022, 2026)
    assert [src.id for src in s.sources] != ["coalitieakkoord", "taken", "bedrijfsvoering"]
    assert s.has_teams_file and len(s.opgaven) >= 9
    assert not check(second).report.failed(strict=True), check(second).report.as_text()
