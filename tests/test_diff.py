"""`koers diff` and the "Wijzigingen" page: a test repository with two adopted (tagged) versions."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from koers.history import git as gitsource
from koers.history.diff import diff_strategies
from koers.pipeline.check import check
from koers.pipeline.revision import baseline_tag, changes_page_markdown, checked_at, latest_adopted_tag
from support.projects import CASES, make_project
from test_new import run_cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="these tests build a git repository and need the git command")

SLIMME_STAD = """---
titel: Slimme stad
bron: coalitieakkoord
eigenaar: Directeur Ruimte
stip: >-
  Sensoren helpen de stad schoon en veilig te houden.
koers: >-
  We plaatsen sensoren waar inwoners er last van hebben.
acties:
  - id: sensoren
    titel: Sensoren plaatsen
    jaar: 2025
    eigenaar: team-informatie
    status: lopend
---
Een slimme stad.
"""


@pytest.fixture
def git_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Git that ignores the machine's own configuration and has a fixed identity."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Kernteam")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "kernteam@example.invalid")
        monkeypatch.setenv(f"GIT_{role}_DATE", "2025-01-01T12:00:00+01:00")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def make_history(repo: Path, project: Path) -> None:
    """vastgesteld-2024: the test base; vastgesteld-2025: statuses, years, actions and opgaven changed; then more in the working tree."""
    make_project(project)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Vastgesteld 2024")
    git(repo, "tag", "-a", "vastgesteld-2024", "-m", "Door de raad vastgesteld")
    balie = project / "content/opgaven/digitale-balie.md"
    edit(balie, "    status: lopend\n", "    status: gereed\n")
    edit(balie, "    van: 2025\n    tot: 2026\n", "    jaar: 2025\n")
    edit(balie, "indicatoren:", "  - id: chatbot\n    titel: Chatbot proberen\n    jaar: 2026\n    eigenaar: team-publiek\n    status: gepland\nindicatoren:")
    data = project / "content/opgaven/data-op-orde.md"
    edit(data, "  - id: oude-systemen\n    titel: Oude systemen uitfaseren\n    jaar: 2026\n    eigenaar: team-informatie\n    status: gepland\n    na: [datamanagement]\n", "")
    edit(data, "    jaar: 2025\n", "    jaar: 2026\n")
    (project / "content/opgaven/slimme-stad.md").write_text(SLIMME_STAD, "utf-8")
    edit(project / "content/strategie.yaml", 'versie: "1.0"', 'versie: "1.1"')
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Vastgesteld 2025")
    git(repo, "tag", "vastgesteld-2025")
    # Work in progress for 2026, not committed.
    edit(balie, "    jaar: 2026\n    eigenaar: team-publiek\n    status: gepland\n", "    jaar: 2025\n    eigenaar: team-publiek\n    status: lopend\n")
    edit(project / "content/opgaven/slimme-stad.md", "titel: Sensoren plaatsen\n    jaar: 2025\n    eigenaar: team-informatie", "titel: Sensoren in de binnenstad\n    jaar: 2025\n    eigenaar: team-publiek")
    (project / "content/opgaven/data-op-orde.md").unlink()
    (project / "content/themas/privacy.md").write_text("---\ntitel: Privacy\nkort: Zuinig met gegevens.\n---\nVisie.\n", "utf-8")


EXPECTED_2024_TO_2025 = """\
# Wijzigingen: vastgesteld-2024 → vastgesteld-2025

Vergeleken zijn **vastgesteld-2024** (oud) en **vastgesteld-2025** (nieuw).

- De strategie: versie gewijzigd
- Opgaven: 1 nieuw
- Acties: 2 nieuw, 1 vervallen, 2 gewijzigd

## De strategie

- versie: 1.0 → 1.1

## Opgaven

### Nieuw

- **Slimme stad** (`slimme-stad`): Opgaven uit het coalitieakkoord; 1 actie

## Acties

### Nieuw

- **Chatbot proberen** (`chatbot`): Digitale balie, 2026, gepland
- **Sensoren plaatsen** (`sensoren`): Slimme stad, 2025, lopend

### Vervallen

- **Oude systemen uitfaseren** (`oude-systemen`): Data op orde, 2026, gepland

### Gewijzigd

- **Datamanagement inrichten** (`datamanagement`, Data op orde)
    - jaar: 2025 → 2026
- **Digitale hulp in de bibliotheek** (`hulp-op-maat`, Digitale balie)
    - jaar: 2025–2026 → 2025
    - status: lopend → gereed

## Thema's

Geen wijzigingen.

## Voortgang van de acties

| Status | vastgesteld-2024 | vastgesteld-2025 |
| --- | ---: | ---: |
| Gepland | 2 | 2 |
| Lopend | 1 | 1 |
| Gereed | 1 | 2 |
| Vertraagd | 0 | 0 |
| Gestopt | 0 | 0 |
| **Totaal** | **4** | **5** |
"""


@pytest.fixture
def history(tmp_path: Path, git_env: None) -> Path:
    repo = tmp_path / "repo"
    make_history(repo, repo)
    return repo


def test_diff_between_two_adopted_versions(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["diff", "vastgesteld-2024", str(history), "--naar", "vastgesteld-2025"]) == 0
    assert capsys.readouterr().out == EXPECTED_2024_TO_2025


def test_diff_against_the_working_tree(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["diff", "vastgesteld-2025", str(history)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "# Wijzigingen: vastgesteld-2025 → huidige inhoud"
    assert lines[4:8] == [
        "- Opgaven: 1 vervallen",
        "- Acties: 1 vervallen, 2 gewijzigd",
        "- Thema's: 1 nieuw",
        "",
    ]
    text = "\n".join(lines)
    assert "### Vervallen\n\n- **Data op orde** (`data-op-orde`): Opgaven uit de bedrijfsvoering; 1 actie\n" in text
    assert (
        "- **Chatbot proberen** (`chatbot`, Digitale balie)\n"
        "    - jaar: 2026 → 2025\n"
        "    - status: gepland → lopend\n"
        "- **Sensoren in de binnenstad** (`sensoren`, Slimme stad)\n"
        '    - titel: "Sensoren plaatsen" → "Sensoren in de binnenstad"\n'
        "    - eigenaar: Team Informatievoorziening → Team Publiekszaken\n"
    ) in text
    assert "- **Privacy** (`privacy`)\n" in text
    assert "- **Datamanagement inrichten** (`datamanagement`): Data op orde, 2026, gepland" in text


def test_diff_from_the_first_version_adds_up_everything(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["diff", "vastgesteld-2024", str(history)]) == 0
    text = capsys.readouterr().out
    assert "- Opgaven: 1 nieuw, 1 vervallen" in text
    assert "- Acties: 2 nieuw, 2 vervallen, 1 gewijzigd" in text
    assert "- **Chatbot proberen** (`chatbot`): Digitale balie, 2025, lopend" in text  # as it is now


def test_project_in_a_subfolder_of_the_repository(tmp_path: Path, git_env: None, capsys: pytest.CaptureFixture[str]) -> None:
    repo = tmp_path / "repo"
    make_history(repo, repo / "strategie")
    assert run_cli(["diff", "vastgesteld-2024", str(repo / "strategie"), "--naar", "vastgesteld-2025"]) == 0
    assert capsys.readouterr().out == EXPECTED_2024_TO_2025


def test_git_problems_are_dutch_usage_errors(tmp_path: Path, git_env: None, history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain = make_project(tmp_path / "los")
    assert run_cli(["diff", "vastgesteld-2024", str(plain)]) == 2
    assert "staat niet in een git-repository" in capsys.readouterr().err
    assert run_cli(["diff", "vastgesteld-2023", str(history)]) == 2
    assert "koers: fout: versie 'vastgesteld-2023' bestaat niet in deze repository" in capsys.readouterr().err


def test_invalid_content_at_a_version_is_reported(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(history / "content/opgaven/digitale-balie.md", "status: lopend", "status: bezig")
    assert run_cli(["diff", "vastgesteld-2025", str(history)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("koers: fout: de huidige inhoud bevat fouten; vergelijken kan pas als die zijn opgelost:\n")
    assert "  content/opgaven/digitale-balie.md:" in err and "'bezig' is geen geldige waarde" in err


def test_latest_tag_and_baseline(history: Path) -> None:
    assert latest_adopted_tag(history) == "vastgesteld-2025"
    assert gitsource.tags(history) == ["vastgesteld-2025", "vastgesteld-2024"]
    assert baseline_tag(history) == "vastgesteld-2025"  # the working tree has edits
    git(history, "add", "-A")
    git(history, "commit", "-q", "-m", "Herijking 2026")
    git(history, "tag", "vastgesteld-2026")
    # The site of the adopted version itself shows what changed since the version before it.
    assert latest_adopted_tag(history) == "vastgesteld-2026"
    assert baseline_tag(history) == "vastgesteld-2025"


def test_no_tags_or_no_git_means_no_page(tmp_path: Path, git_env: None) -> None:
    project = make_project(tmp_path / "los")
    strategy = check(project).strategy
    assert strategy is not None
    assert latest_adopted_tag(project) is None
    assert changes_page_markdown(project, strategy) is None
    git(project, "init", "-q")
    assert latest_adopted_tag(project) is None
    assert changes_page_markdown(project, strategy) is None


def test_changes_page_for_the_site(history: Path) -> None:
    strategy = check(history).strategy
    assert strategy is not None
    page = changes_page_markdown(history, strategy)
    assert page is not None
    assert page.startswith("# Wijzigingen\n\nWat is er veranderd sinds de vastgestelde versie **vastgesteld-2025**?")
    assert "| Status | vastgesteld-2025 | nu |" in page


def test_site_page_escapes_html_in_content(tmp_path: Path) -> None:
    old = check(make_project(tmp_path / "oud")).strategy
    new_project = make_project(tmp_path / "nieuw")
    edit(new_project / "content/opgaven/digitale-balie.md", "titel: Formulieren vernieuwen", 'titel: "Formulieren <script>alert(1)</script> & *meer*"')
    new = check(new_project).strategy
    assert old is not None and new is not None
    from koers.history.diff import changes_markdown

    changes = diff_strategies(old, new)
    site = changes_markdown(changes, "a", "b", for_site=True)
    assert "<script>" not in site and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\*meer\\*" in site
    terminal = changes_markdown(changes, "a", "b")
    assert "Formulieren \\<script\\>alert(1)\\</script\\> & \\*meer\\*" in terminal


def test_identical_versions_have_no_changes(tmp_path: Path) -> None:
    strategy = check(make_project(tmp_path / "p", CASES / "valid" / "tweede-strategie" / "content")).strategy
    assert strategy is not None
    changes = diff_strategies(strategy, strategy)
    assert changes.empty
    from koers.history.diff import changes_markdown

    assert "Geen wijzigingen in de strategie, de opgaven, de acties of de thema's." in changes_markdown(changes, "a", "b")


def test_materialise_only_reads(history: Path, tmp_path: Path) -> None:
    before = subprocess.run(["git", "-C", str(history), "status", "--porcelain"], capture_output=True, text=True).stdout
    checked = checked_at(history, "vastgesteld-2024")
    assert checked.strategy is not None and checked.strategy.versie == "1.0"
    after = subprocess.run(["git", "-C", str(history), "status", "--porcelain"], capture_output=True, text=True).stdout
    assert after == before


def test_a_link_loop_in_themes_is_not_followed_when_an_old_version_borrows_todays_house_style(
    tmp_path: Path, git_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 18: `themes/loop -> .` with a vastgesteld-* tag ended in a shutil.Error from copytree following the link."""
    project = make_project(tmp_path / "p")
    shutil.move(project / "themes", tmp_path / "themes")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Vastgesteld 2024, zonder eigen huisstijl")
    git(project, "tag", "-a", "vastgesteld-2024", "-m", "Door de raad vastgesteld")
    shutil.move(tmp_path / "themes", project / "themes")
    (project / "themes" / "loop").symlink_to(".", target_is_directory=True)
    (project / "themes" / "buiten").symlink_to(tmp_path, target_is_directory=True)
    assert run_cli(["diff", "vastgesteld-2024", str(project)]) == 0
    assert "Geen wijzigingen" in capsys.readouterr().out
    target = gitsource.materialise(project, "vastgesteld-2024", tmp_path / "oud")
    assert not [p for p in (target / "themes").iterdir() if p.name in ("loop", "buiten") or p.is_symlink()]  # links are left out
    assert (target / "themes" / "voorbeeld" / "theme.yaml").is_file()
