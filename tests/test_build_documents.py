"""Downloads made while the site is built (koers.pipeline.pending): the documents and the poster exports; the site is the same as with them at hand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from koers.pipeline import pending
from koers.pipeline.build import build
from koers.render.pages.context import human_size
from support.projects import REPO, make_project

SHARED = ("exports", "posters", "fontconfig")  # what this module may take from the run's cache; documents never


@pytest.fixture
def documents_cache(tmp_path: Path, shared_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache without documents (so every build of them starts empty), sharing the run's poster exports."""
    folder = tmp_path / "cache"
    folder.mkdir()
    for name in SHARED:
        (shared_cache / name).mkdir(exist_ok=True)
        (folder / name).symlink_to(shared_cache / name, target_is_directory=True)
    monkeypatch.setenv("KOERS_CACHE_DIR", str(folder))
    yield folder


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_site_built_while_its_downloads_are_made_equals_one_built_with_them(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "p", REPO / "content")
    late: list[list[str]] = []
    fill_in = pending.fill_in

    def noting(staged: Path, made: list, shown: dict[str, str]) -> None:
        late.append(sorted(shown))
        fill_in(staged, made, shown)

    monkeypatch.setattr(pending, "fill_in", noting)
    first = build(project)
    assert first.site is not None and not first.report.errors, first.report.as_text()
    # An empty cache: the written strategy, both progress reports and every PNG and PDF of the posters were made beside the site.
    documents = ["downloads/gemeente-voorbeeldstad-strategie.pdf", "downloads/gemeente-voorbeeldstad-voortgang-2023.pdf",
                 "downloads/gemeente-voorbeeldstad-voortgang-2024.pdf"]  # fmt: skip
    exports = [p for p in first.downloads if p.endswith((".png", ".pdf")) and p not in documents]
    assert len(exports) == 16 and late == [sorted(documents + exports)]
    made = {"site": _files(project / "build" / "site"), "docs": _files(project / "build" / "docs")}
    pdf = made["site"][documents[0]]
    assert pdf.startswith(b"%PDF-") and pdf == made["docs"][documents[0]]
    assert all(len(made["site"][path]) > 1000 for path in exports)
    everything = b"".join(made["site"].values()) + b"".join(made["docs"].values())
    assert b"KoersPendingSize" not in everything
    downloads_page = made["site"]["downloads.html"].decode("utf-8")
    assert f"PDF, {human_size(len(pdf))}" in downloads_page
    png = "downloads/routekaart-a3.png"
    assert f'href="{png}" download><span class="koers-sr">Poster: de routekaart A3 als </span>PNG, {human_size(len(made["site"][png]))}</a>' in downloads_page
    index = made["site"]["search/search_index.json"].decode("utf-8")
    assert f"PDF, {human_size(len(pdf))}" in index

    # The same content again, with every file in the cache now: the engine runs on the finished sizes.
    (project / "build" / "site" / "index.html").write_text("aangepast", "utf-8")  # so the published site is not reused
    second = build(project)
    assert second.site is not None and not second.report.errors, second.report.as_text()
    assert late == [sorted(documents + exports), []]
    again = {"site": _files(project / "build" / "site"), "docs": _files(project / "build" / "docs")}
    for part in ("site", "docs"):
        assert sorted(again[part]) == sorted(made[part])
        different = [name for name in made[part] if made[part][name] != again[part][name]]
        assert not different, f"{part}: {different}"


def test_a_site_built_while_its_documents_are_made_is_reused_when_nothing_changed(tmp_path: Path, documents_cache: Path) -> None:
    project = make_project(tmp_path / "p", REPO / "content")
    assert build(project).site is not None
    said: list[str] = []
    assert build(project, progress=said.append).site is not None
    assert "website ongewijzigd: de gepubliceerde blijft staan" in said


def test_a_document_over_its_budget_stops_the_build_after_the_site_and_keeps_the_last_one(tmp_path: Path, documents_cache: Path) -> None:
    project = make_project(tmp_path / "p", REPO / "content")
    assert build(project).site is not None
    published = _files(project / "build" / "site")
    strategie = project / "content" / "strategie.yaml"
    # Both progress reports take two A4; `koers check` cannot know, only their layout can.
    strategie.write_text(strategie.read_text("utf-8").replace("omvang: {max_a4: 5}", "omvang: {max_a4: 5, voortgang_max_a4: 1}"), "utf-8")
    line = next(n for n, row in enumerate(strategie.read_text("utf-8").splitlines(), 1) if row.startswith("omvang:"))
    failed = build(project)
    assert failed.site is None
    assert [f.format() for f in failed.report.errors] == [
        f"content/strategie.yaml:{line}: fout: de voortgangsrapportage {year} is 2 A4, maximaal 1 (omvang.voortgang_max_a4): "
        "maak de toelichtingen en de terugblik korter of verhoog het maximum"
        for year in (2023, 2024)
    ]
    assert _files(project / "build" / "site") == published


def test_export_workers_that_stop_half_way_fail_the_build_with_one_line(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages already link the files being exported: a site without them is not published."""
    from concurrent.futures.process import BrokenProcessPool

    from koers.publish import exports

    def dies(*_: object) -> None:
        raise BrokenProcessPool("een exportproces is gestopt")

    monkeypatch.setattr(exports._Workers, "collect", dies)
    project = make_project(tmp_path / "p", REPO / "content")
    failed = build(project)
    assert failed.site is None and not (project / "build" / "site").exists()
    assert [f.format() for f in failed.report.errors] == [
        "build:1: fout: de PNG- en PDF-bestanden van de posters konden niet worden gemaakt: "
        "de exportprocessen zijn gestopt (een exportproces is gestopt)"
    ]
