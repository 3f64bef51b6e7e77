"""The archive of adopted versions: a PDF per `vastgesteld-*` tag in downloads/archief/, listed on the about page.

One repository is built once for the module (two valid tags and one whose content no longer validates);
the other tests read that build, or copy the repository for a change of their own and render only pages.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from koers.content.model import Strategy
from koers.findings import Report
from koers.housestyle.theme import HouseStyle
from koers.pipeline.archive import archive_name, build_archive
from koers.pipeline.build import Built, build
from koers.pipeline.check import check
from koers.pipeline.context import page_context
from koers.pipeline.revision import changes_page_markdown, shown_tag
from koers.render.document.written import WrittenStrategy
from koers.render.pages.assemble import render_pages
from support.projects import make_project

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="these tests build a git repository and need the git command")
pytest.importorskip("typst", reason="Typst is not installed")

BASE_AMBITION = "In 2026 helpen we inwoners digitaal net zo goed als aan de balie."
OLD_AMBITION = "Testdorp werkt samen met inwoners aan een stevige regionale dienstverlening."
INVALID = (
    "content:1: waarschuwing: versie 'vastgesteld-2023' staat niet in het archief: de inhoud is niet geldig: "
    "content/opgaven/digitale-balie.md:22: 'bezig' is geen geldige waarde voor 'status' van actie 'hulp-op-maat'; "
    "kies uit: gepland, lopend, gereed, vertraagd, gestopt"
)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout.strip()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture(scope="module", autouse=True)
def git_env() -> Iterator[None]:
    """Git that ignores the machine's own configuration and has a fixed identity, for the whole module."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
        patch.setenv("GIT_CONFIG_NOSYSTEM", "1")
        for role in ("AUTHOR", "COMMITTER"):
            patch.setenv(f"GIT_{role}_NAME", "Kernteam")
            # An address of this module's own: its commits (and so the archive's cache keys) are made nowhere else.
            patch.setenv(f"GIT_{role}_EMAIL", "archief@example.invalid")
            patch.setenv(f"GIT_{role}_DATE", "2025-01-01T12:00:00+01:00")
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        yield


@pytest.fixture(scope="module")
def renders() -> Iterator[list[str]]:
    """The versions the archive's renderer was called for (render_document wrapped for the whole module)."""
    from koers.render.document import written

    calls: list[str] = []
    real = written.render_document

    def counted(strategy: Strategy, style: HouseStyle, epoch: str = "") -> WrittenStrategy:
        calls.append(strategy.versie)
        return real(strategy, style, epoch)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(written, "render_document", counted)
        yield calls


def _make_history(project: Path) -> Path:
    """vastgesteld-2024 (versie 0.9, another ambition), then vastgesteld-2025 (the test base, versie 1.0) on main;
    vastgesteld-2023 on a side branch, with content Koers no longer accepts.

    The site's own content is the test base, so its posters and document usually come from the run's shared cache;
    the archive's PDFs never do: no other module makes these commits (the committer's address is this module's own).
    """
    make_project(project)
    strategie = project / "content/strategie.yaml"
    base = strategie.read_text("utf-8")
    edit(strategie, 'versie: "1.0"', 'versie: "0.9"')
    edit(strategie, "vastgesteld: {datum: 2023-12-14, door: Gemeenteraad}", "vastgesteld: {datum: 2022-12-15, door: de gemeenteraad}")
    edit(strategie, BASE_AMBITION, OLD_AMBITION)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Vastgesteld 2024")
    git(project, "tag", "-a", "vastgesteld-2024", "-m", "Door de raad vastgesteld")
    git(project, "checkout", "-q", "-b", "oud")
    edit(project / "content/opgaven/digitale-balie.md", "status: lopend", "status: bezig")
    git(project, "commit", "-q", "-am", "Een status die niet meer bestaat")
    git(project, "tag", "vastgesteld-2023")
    git(project, "checkout", "-q", "main")
    strategie.write_text(base, "utf-8")
    git(project, "commit", "-q", "-am", "Vastgesteld 2025")
    git(project, "tag", "vastgesteld-2025")
    return project


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _make_history(tmp_path_factory.mktemp("archief") / "p")


@pytest.fixture(scope="module")
def built(history: Path) -> Built:
    result = build(history)
    assert not result.report.errors and result.site is not None, result.report.as_text()
    return result


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _about(project: Path, report: Report | None = None) -> str:
    """The about page's Markdown of a project, with its archive as a build makes it (from the cache)."""
    checked = check(project)
    assert checked.strategy is not None and checked.style is not None, checked.report.as_text()
    archive = build_archive(project, report if report is not None else Report(), lambda _: None)
    context = page_context(project, [], checked.strategy, report, archive.versions)
    return next(str(o.content) for o in render_pages(checked.strategy, checked.style, context) if o.path == "over.md")


def _copy(history: Path, target: Path) -> Path:
    """A copy of the repository (with .git) without its build, for a change of one test's own."""
    shutil.copytree(history, target, symlinks=True, ignore=shutil.ignore_patterns("build"))
    return target


def test_every_adopted_version_is_a_pdf_of_its_own_content(built: Built) -> None:
    assert built.site is not None
    archive = built.site / "downloads" / "archief"
    assert sorted(p.name for p in archive.iterdir()) == ["vastgesteld-2024.pdf", "vastgesteld-2025.pdf"]
    old, new = _pdf_text(archive / "vastgesteld-2024.pdf"), _pdf_text(archive / "vastgesteld-2025.pdf")
    assert "Versie 0.9" in old and "15 december 2022" in old and "regionale" in old
    assert "Versie 1.0" in new and "14 december 2023" in new and "regionale" not in new
    assert "downloads/archief/vastgesteld-2024.pdf" in built.downloads
    # The site is at the tag with no edits: its current document is the same content, so the same bytes.
    current = built.site / "downloads" / "gemeente-testdorp-strategie.pdf"
    assert (archive / "vastgesteld-2025.pdf").read_bytes() == current.read_bytes()


def test_the_about_page_lists_the_versions_newest_first_and_says_which_one_it_shows(built: Built) -> None:
    assert built.site is not None
    about = (built.site / "over.html").read_text("utf-8")
    assert "<p>Deze website toont versie 1.0, vastgesteld door Gemeenteraad op 14 december 2023.</p>" in about
    assert "<caption>Vastgestelde versies, de nieuwste eerst</caption>" in about
    assert '<th scope="col">Versie</th><th scope="col">Vastgesteld op</th><th scope="col">Vastgesteld door</th>' in about
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th><td>(.*?)</td><td>(.*?)</td><td><a href=\"(.*?)\" download>(.*?)</a></td></tr>", about)
    assert [row[:4] for row in rows] == [
        ("1.0", "14 december 2023", "Gemeenteraad", "downloads/archief/vastgesteld-2025.pdf"),
        ("0.9", "15 december 2022", "de gemeenteraad", "downloads/archief/vastgesteld-2024.pdf"),
    ]
    assert re.fullmatch(r"Versie 1\.0 downloaden \(PDF, \d+ kB\)", rows[0][4])
    # The archive is on the about page only, not among the downloads of the current version.
    assert "archief" not in (built.site / "downloads.html").read_text("utf-8")


def test_a_tag_whose_content_no_longer_validates_is_a_warning_naming_it(built: Built) -> None:
    assert [f.format() for f in built.report.warnings] == [INVALID]
    assert not [p for p in built.downloads if "2023" in p]


def test_each_version_is_rendered_once_and_a_second_build_reuses_it(renders: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Commits of this test's own (another committer), so the run's shared cache cannot hold these versions yet.
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "archief-tweemaal@example.invalid")
    project = _make_history(tmp_path / "p")
    renders.clear()
    first = build(project)
    assert first.site is not None, first.report.as_text()
    assert sorted(renders) == ["0.9", "1.0"]  # each valid tag once; the invalid one never reaches the renderer
    before = {p.name: p.read_bytes() for p in (first.site / "downloads" / "archief").iterdir()}
    renders.clear()
    # Strict, as CI builds an adopted strategy: a warning about an old tag nobody can change does not stop it.
    again = build(project, strict=True)
    assert renders == []
    assert [f.format(strict=True) for f in again.report.sorted()] == [INVALID], again.report.as_text()
    assert again.site is not None and not again.report.failed(strict=True)
    assert {p.name: p.read_bytes() for p in (again.site / "downloads" / "archief").iterdir()} == before


def test_edits_after_the_last_tag_say_which_adopted_version_they_follow(built: Built, history: Path, renders: list[str], tmp_path: Path) -> None:
    project = _copy(history, tmp_path / "p")
    made = len(renders)
    strategie = project / "content/strategie.yaml"
    edit(strategie, 'versie: "1.0"', 'versie: "1.1"')
    edit(strategie, "status: vastgesteld\nvastgesteld: {datum: 2023-12-14, door: Gemeenteraad}", "status: concept")
    report = Report()
    about = _about(project, report)
    assert (
        "<p>Deze website toont een concept (versie 1.1), met wijzigingen na de vastgestelde versie 1.0, vastgesteld door Gemeenteraad op 14 december 2023.</p>"
        in about
    )
    assert about.index("vastgesteld-2025.pdf") < about.index("vastgesteld-2024.pdf")
    # The copy's archive comes from the cache, warning and all: the same commits in another folder.
    assert [f.format() for f in report.findings] == [INVALID] and len(renders) == made


def test_the_site_shows_a_tag_while_content_and_themes_are_those_of_the_tag(history: Path, tmp_path: Path) -> None:
    project = _copy(history, tmp_path / "p")
    assert shown_tag(project) == "vastgesteld-2025"
    (project / "LEESMIJ.md").write_text("Hoe we werken.\n", "utf-8")
    git(project, "add", "LEESMIJ.md")
    git(project, "commit", "-q", "-m", "Alleen een leesmij")
    assert shown_tag(project) == "vastgesteld-2025"  # a commit that leaves content/ and themes/ alone
    edit(project / "content/opgaven/digitale-balie.md", "status: lopend", "status: gereed")
    assert shown_tag(project) is None  # an edit, not yet committed
    git(project, "commit", "-q", "-am", "Gereed")
    assert shown_tag(project) is None
    git(project, "checkout", "-q", "vastgesteld-2024")
    assert shown_tag(project) == "vastgesteld-2024"


def test_an_unreadable_or_invalid_tag_is_named_in_both_warnings(built: Built, history: Path, tmp_path: Path) -> None:
    project = _copy(history, tmp_path / "p")
    strategy = check(project).strategy
    assert strategy is not None
    # The newest tag has no content/ at all: a commit with an empty tree.
    empty = git(project, "commit-tree", git(project, "hash-object", "-t", "tree", "-w", "--stdin"), "-m", "Leeg")
    git(project, "tag", "vastgesteld-2026", empty)
    report = Report()
    assert changes_page_markdown(project, strategy, report) is None
    archive = build_archive(project, report, lambda _: None)
    assert [v.tag for v in archive.versions] == ["vastgesteld-2025", "vastgesteld-2024"]
    assert [f.format() for f in report.sorted()] == [
        "content:1: waarschuwing: geen pagina Wijzigingen: in versie 'vastgesteld-2026' staat geen map content/",
        INVALID,
        "content:1: waarschuwing: versie 'vastgesteld-2026' staat niet in het archief: in versie 'vastgesteld-2026' staat geen map content/",
    ]
    # The Wijzigingen page against a tag whose content is not valid names the tag and the reason.
    git(project, "tag", "-f", "vastgesteld-2026", "vastgesteld-2023")
    report = Report()
    assert changes_page_markdown(project, strategy, report) is None
    assert [f.format() for f in report.findings] == [
        "content:1: waarschuwing: geen pagina Wijzigingen: de inhoud van versie 'vastgesteld-2026' is niet geldig: "
        + INVALID.split("de inhoud is niet geldig: ", 1)[1]
    ]


def test_no_archive_outside_git_or_without_tags(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    for step in ("outside git", "no tags"):
        if step == "no tags":
            git(project, "init", "-q", "-b", "main")
            git(project, "add", "-A")
            git(project, "commit", "-q", "-m", "Concept")
        report = Report()
        archive = build_archive(project, report, lambda _: None)
        assert (archive.versions, archive.outputs, report.findings) == ((), (), []), step
        assert "Vastgestelde versies" not in _about(project, report) and not report.findings, step


@pytest.mark.parametrize(
    ("tag", "name"),
    [
        ("vastgesteld-2024", "vastgesteld-2024.pdf"),
        ("vastgesteld-1.2", "vastgesteld-1.2.pdf"),
        ("vastgesteld-2024/raad", "vastgesteld-2024-raad-"),
        ("vastgesteld-2024-Raad", "vastgesteld-2024-raad-"),
        ("vastgesteld-één#%&", "vastgesteld-een-"),
        ("vastgesteld-a..b", "vastgesteld-a-b-"),
    ],
)
def test_archive_names_are_safe_for_any_tag_git_allows(tag: str, name: str) -> None:
    made = archive_name(tag)
    assert made.startswith(name) and made.endswith(".pdf")
    assert re.fullmatch(r"[a-z0-9]+(?:[.-][a-z0-9]+)*\.pdf", made)
    if not made == name:
        assert re.fullmatch(re.escape(name) + r"[0-9a-f]{10}\.pdf", made)


def test_archive_names_of_different_tags_differ_and_stay_short() -> None:
    tags = ["vastgesteld-2024/raad", "vastgesteld-2024-raad", "vastgesteld-2024-Raad", "vastgesteld-" + "x" * 300]
    names = [archive_name(tag) for tag in tags]
    assert len(set(names)) == len(names)
    assert max(len(n) for n in names) <= 100
