"""Poster text fitting: `koers check` reports what cannot fit; render never lets text out of its box."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koers.findings import Report
from koers.pipeline.check import check
from koers.render.posters.fitting import check_fit
from koers.render.posters.svg import render_poster
from support.projects import make_project
from test_posters import REPO, assert_texts_fit, checked

WIDE = "WMW " * 70  # 280 characters of the widest capitals: the schema allows it, the poster cannot hold it


def _replace_key(path: Path, key: str, value: str) -> None:
    """Set a folded front-matter/YAML key (`key: >-` block or one line) to a one-line value."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(rf"^{key}:( >-\n(?:  .*\n)+| .*\n)", re.M)
    assert pattern.search(text), f"{key} not found in {path}"
    path.write_text(pattern.sub(f"{key}: {value}\n", text, count=1), encoding="utf-8")


def _line(path: Path, key: str) -> int:
    return next(
        n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(f"{key}:")
    )


def test_the_example_fits_every_poster():
    # How fast check_fit is, is measured by benchmarks/ (koers check's time), never asserted here.
    strategy, style = checked(REPO)
    report = Report()
    check_fit(strategy, style, report)
    assert not report.findings


def test_a_stip_that_cannot_fit_is_a_content_error_with_file_and_line(tmp_path):
    project = make_project(tmp_path / "p", REPO / "content")
    opgave = project / "content" / "opgaven" / "open-overheid.md"
    _replace_key(opgave, "stip", WIDE.strip())
    _replace_key(opgave, "koers", ("MW " * 133).strip())  # 399 characters, within the schema's 400
    result = check(project)
    messages = [f.format() for f in result.report.errors]
    line = _line(opgave, "stip")
    expected = (
        f"content/opgaven/open-overheid.md:{line}: fout: stip van opgave 'open-overheid' past niet op de poster: "
    )
    found = [m for m in messages if m.startswith(expected)]
    assert len(found) == 1, messages
    assert re.search(r": \d+ tekens te lang \(Strategie in één beeld, A3", found[0]), found[0]
    assert all("open-overheid" in m for m in messages if "past niet op de poster" in m)


def test_ambition_vision_and_title_overflow_are_reported_with_their_lines():
    # Within the schema's limits these always fit; longer texts (as an older schema or a direct
    # model change could bring) must still be reported, at the line of their key.
    strategy, style = checked(REPO)
    changed = replace(
        strategy,
        ambitie=("WMW " * 200).strip(),
        titel=("WMWMWMWMWM " * 40).strip(),
        vision=replace(strategy.vision, kern=("MWM " * 200).strip()),
    )
    report = Report()
    check_fit(changed, style, report)
    messages = [f.format() for f in report.errors]
    strategie, visie = REPO / "content" / "strategie.yaml", REPO / "content" / "visie.md"
    for where, subject in (
        (f"content/strategie.yaml:{_line(strategie, 'ambitie')}", "de ambitie"),
        (f"content/strategie.yaml:{_line(strategie, 'titel')}", "de titel van de strategie"),
        (f"content/visie.md:{_line(visie, 'kern')}", "de kern van de visie"),
    ):
        assert any(m.startswith(f"{where}: fout: {subject} past niet op de poster: ") for m in messages), messages


def test_render_of_unchecked_content_still_keeps_every_text_inside():
    strategy, style = checked(REPO)
    first = strategy.opgaven[0]
    changed = replace(
        strategy,
        ambitie=("WMW " * 50).strip(),
        opgaven=(replace(first, stip=WIDE.strip(), koers=("MW " * 133).strip()),) + strategy.opgaven[1:],
    )
    report = Report()
    check_fit(changed, style, report)
    assert report.errors
    for name in ("strategie-in-een-beeld", "routekaart"):
        for size in ("a3", "social"):
            assert_texts_fit(render_poster(changed, style, name, size).svg, style)


LETTERS = "abcdefghijklmnopqrstuvwxyzéëïöüABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
word = st.text(alphabet=LETTERS, min_size=1, max_size=24)
sentence = st.lists(word, min_size=1, max_size=60).map(" ".join)


def _bounded(limit: int):
    return sentence.map(lambda s: s[:limit].strip() or "x")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    titel=_bounded(80),
    stip=_bounded(280),
    koers=_bounded(400),
    action=_bounded(90),
    unbroken=st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=30, max_size=80),
)
def test_random_texts_never_overflow(titel, stip, koers, action, unbroken):
    strategy, style = _model()
    first = strategy.opgaven[0]
    acties = (replace(first.acties[0], titel=action), replace(first.acties[1], titel=unbroken)) + first.acties[2:]
    changed = replace(
        strategy,
        opgaven=(replace(first, titel=titel, stip=f"{stip} {unbroken}", koers=koers, acties=acties),)
        + strategy.opgaven[1:],
    )
    for name in ("strategie-in-een-beeld", "routekaart"):
        assert_texts_fit(render_poster(changed, style, name, "a3").svg, style)
    assert_texts_fit(render_poster(changed, style, "strategie-in-een-beeld", "social").svg, style)


_cache: dict[str, object] = {}


def _model():
    if "model" not in _cache:
        _cache["model"] = checked(REPO)
    return _cache["model"]


def test_the_fit_reads_no_body_so_check_reuses_it_after_a_body_edit(tmp_path, monkeypatch):
    """koers.reuse.fit keys the fit's findings without the bodies: that holds only while the fit reads none."""
    import koers.render.posters.fitting as fitting
    from koers.content.model import without_bodies

    monkeypatch.setenv("KOERS_CACHE_DIR", str(tmp_path / "cache"))
    project = make_project(tmp_path / "p", REPO / "content")
    opgave = project / "content" / "opgaven" / "open-overheid.md"
    _replace_key(opgave, "stip", WIDE.strip())
    _replace_key(opgave, "koers", ("MW " * 133).strip())
    first = check(project)
    messages = [f.format() for f in first.report.errors]
    assert any("past niet op de poster" in m for m in messages), messages
    assert fitting.problems(first.strategy, first.style) == fitting.problems(without_bodies(first.strategy), first.style)

    def laid_out(*_):
        raise AssertionError("the fit was laid out again")

    monkeypatch.setattr(fitting, "problems", laid_out)
    # A longer body moves no front-matter line: the same findings, at the same lines, without laying anything out.
    opgave.write_text(opgave.read_text(encoding="utf-8") + "\nNog een alinea over open data.\n", encoding="utf-8")
    assert [f.format() for f in check(project).report.errors] == messages
    # A field the posters show: the fit is made again.
    _replace_key(opgave, "titel", "Open overheid, anders gezegd")
    with pytest.raises(AssertionError, match="laid out again"):
        check(project)
