"""`koers init`: a new, valid project from the shipped theme, config and starter content."""

from __future__ import annotations

import shutil
from pathlib import Path

from koers import __version__
from koers.authoring.insert import yaml_text
from koers.authoring.schemacopies import SCHEMA_FOLDER, write_schemas
from koers.dutch import os_reason
from koers.resources import shipped, starter_dir
from koers.templating import environment

# Files `koers init --bijwerken` adds to an older project when they are missing (never overwritten: the user may have edited them).
EDITOR_FILES = (".vscode/tasks.json",)
# Where projects fetch Koers from (pre-commit hook, CI): the repository, at the tag of this version.
# A placeholder until Koers has its public home (also in pyproject.toml's [project.urls] and
# publiccode.yml, kept equal by tests/test_release.py). `koers init --koers-bron` sets another one:
# an organisation's mirror, or a local clone. Tests never contact the placeholder.
KOERS_REPO_URL = "https://gitlab.com/koers/koers"
KOERS_REV = f"v{__version__}"


def _is_local(repo: str) -> bool:
    """A folder on this computer (or a share), not a web or ssh address."""
    return "://" not in repo and not repo.startswith("git@")


def pip_source(repo: str, rev: str = KOERS_REV) -> str:
    """What `pip install` takes for Koers at `rev` from a git repository: a web address or a local folder."""
    if _is_local(repo):
        return f"git+{Path(repo).resolve().as_uri()}@{rev}"
    return f"git+{repo if repo.endswith('.git') else repo + '.git'}@{rev}"


KOERS_PIP = pip_source(KOERS_REPO_URL)


class ScaffoldError(Exception):
    """A Dutch reason why the project could not be created."""


def _starter_values(repo: str) -> dict[str, str]:
    if _is_local(repo):
        repo = str(Path(repo).resolve())  # pre-commit takes a local repository as a plain path
    return {"schemas": SCHEMA_FOLDER, "koers_repo": repo, "koers_rev": KOERS_REV, "koers_pip": pip_source(repo)}


def _render_starter(target: Path, organisation: str, repo: str) -> list[Path]:
    base = starter_dir()
    env = environment(base, autoescape=False, trim=False, filters={"yaml": yaml_text})
    written = []
    for source in sorted(p for p in base.rglob("*") if p.is_file()):
        relative = source.relative_to(base)
        name = relative.as_posix()
        out = target / (name[: -len(".j2")] if name.endswith(".j2") else name)
        out.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".j2"):
            out.write_text(env.get_template(name).render(organisatie=organisation, **_starter_values(repo)), "utf-8")
        else:
            shutil.copyfile(source, out)
        written.append(out)
    return written


NAME_LOGO = (
    "# Nog geen eigen logo: Koers tekent de naam uit 'organisatie' in content/strategie.yaml.\n"
    "# Een eigen logo (SVG, PNG of JPEG): zet het in deze map en schrijf bijvoorbeeld: logo: logo.svg\n"
    "logo:\n"
    "  tekst: organisatie"
)


def _adapt_theme(folder: Path, organisation: str) -> None:
    """The copied house style carries the new organisation's name, and a logo drawn from it instead of the example's."""
    path = folder / "theme.yaml"
    lines = path.read_text("utf-8").split("\n")
    lines = [f"naam: {yaml_text(organisation)}" if line.startswith("naam:") else line for line in lines]
    lines = [NAME_LOGO if line.startswith("logo:") else line for line in lines]
    path.write_text("\n".join(lines), "utf-8")
    (folder / "logo.svg").unlink()


def init_project(target: Path, organisation: str, repo: str = KOERS_REPO_URL) -> list[Path]:
    """Create a project folder that `koers check` accepts at once; CI and pre-commit install Koers from `repo`."""
    if target.exists() and not target.is_dir():
        raise ScaffoldError(f"{target} bestaat al en is geen map; kies een nieuwe map")
    if target.exists() and any(target.iterdir()):
        raise ScaffoldError(f"map {target} bestaat al en is niet leeg; kies een nieuwe map")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScaffoldError(f"map {target} kan niet worden gemaakt: {os_reason(exc)}") from exc
    try:
        # The shipped house style, with the organisation's name and a logo drawn from strategie.yaml.
        shutil.copytree(shipped("themes/voorbeeld"), target / "themes" / "voorbeeld")
        _adapt_theme(target / "themes" / "voorbeeld", organisation)
        written = _render_starter(target, organisation, repo)
        settings = shipped("mkdocs.yml").read_text("utf-8")
        # No site_name of its own: the site then takes the title from content/strategie.yaml, and follows it when it changes.
        default = "# site_name: … (standaard de titel uit content/strategie.yaml; zet hem hier alleen als de website anders moet heten)"
        (target / "mkdocs.yml").write_text(settings.replace("site_name: Digitaliseringsstrategie", default, 1), "utf-8")
        written += write_schemas(target)
        written += [target / "mkdocs.yml"] + [p for p in (target / "themes").rglob("*") if p.is_file()]
    except OSError as exc:
        raise ScaffoldError(f"het project in {target} kon niet worden gemaakt: {os_reason(exc)}") from exc
    return written


def refresh_project(project: Path) -> tuple[list[Path], list[Path]]:
    """`koers init --bijwerken`: the schemas of the installed Koers, and missing editor files; never content/ or themes/.

    Returns the schema files written or removed, and the editor files added.
    """
    if not (project / "content").is_dir():
        raise ScaffoldError(f"map {project} is geen Koers-project: er is geen map content/; maak een nieuw project met: koers init MAP")
    try:
        schemas = write_schemas(project)
        added = []
        for name in EDITOR_FILES:
            if not (project / name).exists():
                (project / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(starter_dir() / name, project / name)
                added.append(project / name)
    except OSError as exc:
        raise ScaffoldError(f"de schema's in {project / SCHEMA_FOLDER} konden niet worden bijgewerkt: {os_reason(exc)}") from exc
    return schemas, added
