"""Reusing downloads (koers.reuse.downloads): an edit of only a body keeps the posters, and makes the document again."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from koers.content.model import without_bodies
from koers.pipeline.check import check
from koers.render.posters.svg import render_posters
from koers.reuse import downloads
from support.projects import CASES, REPO, make_project


@pytest.mark.parametrize("content", [REPO / "content", CASES / "valid" / "routekaart-fasen" / "content"])
def test_no_poster_shows_a_body(tmp_path: Path, content: Path) -> None:
    """The poster cache leaves bodies out of its key; that holds only while no poster shows one."""
    checked = check(make_project(tmp_path / "p", content))
    assert checked.strategy is not None and checked.style is not None
    strategy = checked.strategy
    assert strategy.vision.body.strip() and any(o.body.strip() for o in strategy.opgaven)
    emptied = without_bodies(strategy)
    assert emptied.vision.body == "" and all(o.body == "" for o in emptied.opgaven)
    made = [(p.stem, p.sheets, p.description) for p in render_posters(strategy, checked.style)]
    assert made == [(p.stem, p.sheets, p.description) for p in render_posters(emptied, checked.style)]


def test_a_body_edit_keeps_the_posters_and_makes_the_document_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOERS_CACHE_DIR", str(tmp_path / "cache"))
    checked = check(make_project(tmp_path / "p", REPO / "content"))
    assert checked.strategy is not None and checked.style is not None
    strategy, style = checked.strategy, checked.style
    first = downloads.posters(strategy, style)
    before = downloads.document(strategy, style)

    opgave = strategy.opgaven[0]
    edited = replace(strategy, opgaven=(replace(opgave, body=opgave.body + "\n\nEen zin over zeepbellen."), *strategy.opgaven[1:]))

    def not_again(*_: object) -> None:
        raise AssertionError("the posters were made again")

    monkeypatch.setattr(downloads, "render_each_poster", not_again)
    assert [p.sheets for p in downloads.posters(edited, style)] == [p.sheets for p in first]
    after = downloads.document(edited, style)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(after.pdf)).pages)
    assert after.pdf != before.pdf and "zeepbellen" in text
    # A title is on the posters: changing it makes them again.
    retitled = replace(strategy, opgaven=(replace(opgave, titel=opgave.titel + " anders"), *strategy.opgaven[1:]))
    with pytest.raises(AssertionError, match="made again"):
        downloads.posters(retitled, style)


def test_the_document_is_reused_from_another_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same content, same house style, another folder: the same PDF (it holds no path), so the stored one."""
    monkeypatch.setenv("KOERS_CACHE_DIR", str(tmp_path / "cache"))
    first, second = (check(make_project(tmp_path / name / "p", REPO / "content")) for name in ("een", "twee"))
    assert first.strategy is not None and first.style is not None and second.strategy is not None and second.style is not None
    made = downloads.document(first.strategy, first.style)

    def not_again(*_: object) -> None:
        raise AssertionError("the document was made again")

    monkeypatch.setattr(downloads, "typeset_pdf", not_again)
    assert downloads.document(second.strategy, second.style).pdf == made.pdf
    # Another font file in the theme is another key: Typst may choose from it.
    extra = second.style.fonts.folders[0] / "Extra-Regular.ttf"
    extra.write_bytes(second.style.fonts.regular.read_bytes() + b"\0")
    with pytest.raises(AssertionError, match="made again"):
        downloads.document(second.strategy, second.style)
