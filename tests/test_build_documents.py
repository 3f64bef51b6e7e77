"""Downloads made while the site is built (koers.pipeline.pending): the documents and the poster exports; the site is the same as with them at hand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from koers.findings import Report
from koers.pipeline import pending
from koers.pipeline.build import build
from koers.render.pages.context import human_size
from support.projects import REPO, make_project

SHARED = ("exports", "posters", "fontconfig")  # what this module may take from the run's cache; documents never


@pytest.fixture
def empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of this test alone, empty: every download of its first build is made while the site is built."""
    folder = tmp_path / "leeg"
    monkeypatch.setenv("KOERS_CACHE_DIR", str(folder))
    return folder


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
    tmp_path: Path, empty_cache: Path, monkeypatch: pytest.MonkeyPatch
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
    # Nothing changed since: the site is kept, whichever way it was made.
    said: list[str] = []
    assert build(project, progress=said.append).site is not None
    assert "website ongewijzigd: de gepubliceerde blijft staan" in said


def test_a_document_over_its_budget_is_found_after_the_site_and_nothing_is_published(tmp_path: Path, documents_cache: Path) -> None:
    project = make_project(tmp_path / "p", REPO / "content")
    strategie = project / "content" / "strategie.yaml"
    # Both progress reports take two A4; `koers check` cannot know, only their layout can.
    strategie.write_text(strategie.read_text("utf-8").replace("omvang: {max_a4: 5}", "omvang: {max_a4: 5, voortgang_max_a4: 1}"), "utf-8")
    line = next(n for n, row in enumerate(strategie.read_text("utf-8").splitlines(), 1) if row.startswith("omvang:"))
    failed = build(project)
    assert failed.site is None and not (project / "build" / "site").exists()
    assert [f.format() for f in failed.report.errors] == [
        f"content/strategie.yaml:{line}: fout: de voortgangsrapportage {year} is 2 A4, maximaal 1 (omvang.voortgang_max_a4): "
        "maak de toelichtingen en de terugblik korter of verhoog het maximum"
        for year in (2023, 2024)
    ]


def test_export_workers_that_stop_half_way_fail_the_build_with_one_line(tmp_path: Path, empty_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
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


def test_a_build_stopped_by_the_posters_still_reports_the_documents(
    tmp_path: Path, documents_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """All findings of a run together: the documents being made when the posters failed are waited for and judged."""
    from koers.publish import exports

    def refused(style: object, conf: object, report: Report) -> bool:
        report.error("themes/voorbeeld/theme.yaml", 1, "lettertype geweigerd")
        return False

    monkeypatch.setattr(exports, "check_fonts", refused)
    project = make_project(tmp_path / "p", REPO / "content")
    strategie = project / "content" / "strategie.yaml"
    strategie.write_text(strategie.read_text("utf-8").replace("omvang: {max_a4: 5}", "omvang: {max_a4: 5, voortgang_max_a4: 1}"), "utf-8")
    failed = build(project)
    assert failed.site is None
    found = sorted(f.format().split(": fout: ")[1][:31] for f in failed.report.errors)
    assert found == ["de voortgangsrapportage 2023 is", "de voortgangsrapportage 2024 is", "lettertype geweigerd"]


def test_without_typst_the_documents_in_the_cache_are_still_offered(
    tmp_path: Path, documents_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from koers.render import typesetting

    project = make_project(tmp_path / "p", REPO / "content")
    assert build(project).site is not None  # every document made, and kept
    monkeypatch.setattr(typesetting, "unavailable", lambda: "de PDF-opmaak (Typst) is niet geïnstalleerd: test")
    opgave = sorted((project / "content" / "opgaven").glob("*.md"))[0]
    opgave.write_text(opgave.read_text("utf-8") + "\nEen nieuwe zin, dus een nieuw document.\n", "utf-8")
    built = build(project)
    assert built.site is not None, built.report.as_text()
    assert [f.message for f in built.report.warnings if f.location.path == "build"] == [
        "geschreven strategie (PDF) overgeslagen: de PDF-opmaak (Typst) is niet geïnstalleerd: test"
    ]
    pdfs = sorted(p for p in built.downloads if p.startswith("downloads/gemeente-voorbeeldstad-"))
    # The reports do not show an opgave's text: they are the ones from the cache; the written strategy is left out.
    assert pdfs == ["downloads/gemeente-voorbeeldstad-voortgang-2023.pdf", "downloads/gemeente-voorbeeldstad-voortgang-2024.pdf"]
    assert "gemeente-voorbeeldstad-strategie.pdf" not in (built.site / "downloads.html").read_text("utf-8")


def test_a_placeholder_left_anywhere_stops_the_publication(tmp_path: Path, documents_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from koers.publish import outputs

    monkeypatch.setattr(outputs, "TEXT_SUFFIXES", outputs.TEXT_SUFFIXES - {".json"})  # the search index is not filled in
    project = make_project(tmp_path / "p", REPO / "content")
    failed = build(project)
    assert failed.site is None and not (project / "build" / "site").exists()
    assert [f.format() for f in failed.report.errors] == [
        "build:1: fout: de website is niet gepubliceerd: in site/search/search_index.json staat nog een voorlopige "
        "bestandsgrootte (een fout in Koers; meld hem)"
    ]
