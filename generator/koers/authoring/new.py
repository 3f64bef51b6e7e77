"""`koers new`: new opgaven, thema's and acties as valid files in content/ (the user's explicit request).

This is the one place where Koers writes into content/: only a new file, or
new lines at the end of an opgave's `acties:` list; never anything else.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from koers.authoring.insert import InsertError, Spot, flow_list, insert_item, yaml_text
from koers.content.load import FENCE, ID_PATTERN, Content, Document, load
from koers.content.model import STATUSES
from koers.content.owners import Teams
from koers.content.schema import check_document, suggest
from koers.content.slots import phases_of, uses_phases
from koers.content.validate import period_of, source_ids
from koers.content.yamlread import read_yaml
from koers.findings import Report
from koers.resources import templates_dir
from koers.templating import environment

ID_HINT = "gebruik alleen kleine letters, cijfers en koppeltekens, bijvoorbeeld 'datagedreven-sturing'"
SCHEMA_LINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)")
YEARS = re.compile(r"^\s*(\d{4})\s*(?:[-–]\s*(\d{4})\s*)?$")


class NewError(Exception):
    """A Dutch reason why nothing was written."""


@dataclass(frozen=True)
class Created:
    """What `koers new` wrote, project-relative, and the next step for the editor."""

    path: str
    next_step: str


@dataclass
class _Project:
    """What exists already: ids, sources, teams and the period, read without failing on bad content."""

    root: Path
    content: Content
    actions: dict[str, tuple[str, int | None]]

    @property
    def opgaven(self) -> dict[str, Path]:
        return {d.id: self.root / d.path for d in self.content.opgaven if d.id}

    @property
    def themes(self) -> list[str]:
        return [d.id for d in self.content.themas if d.id]

    @property
    def teams(self) -> list[str] | None:
        data = self.content.teams.data if self.content.teams is not None else None
        return list(data) if isinstance(data, dict) else None


def _read_project(project: Path) -> _Project:
    if not (project / "content").is_dir():
        raise NewError(f"map {project / 'content'} bestaat niet; maak eerst een project met: koers init MAP")
    content = load(project, Report())
    actions: dict[str, tuple[str, int | None]] = {}
    for doc in content.opgaven:
        items = doc.data.get("acties") if isinstance(doc.data, dict) else None
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                # The last year counts: an action waited for must be finished before the new one starts.
                end = item.get("jaar", item.get("tot"))
                actions.setdefault(item["id"], (doc.path, end if isinstance(end, int) else None))
    return _Project(project.resolve(), content, actions)


def _check_id(value: str, what: str) -> None:
    if not ID_PATTERN.match(value):
        raise NewError(f"'{value}' is geen geldig {what}-id: {ID_HINT}")


def _schema_hint(project: _Project, folder: Path, kind: str) -> str | None:
    """The relative path from folder to the kind's JSON Schema, as the project's other files point to it."""
    candidates = [project.root / ".koers" / "schemas"]
    strategie = project.root / "content" / "strategie.yaml"
    if strategie.is_file():
        first = strategie.read_text("utf-8", errors="replace").lstrip("\ufeff").split("\n", 1)[0]
        match = SCHEMA_LINE.match(first)
        if match:
            candidates.append((strategie.parent / match.group(1)).parent)
    for base in candidates:
        schema = base / f"{kind}.schema.json"
        if schema.is_file():
            return Path(os.path.relpath(schema.resolve(), folder.resolve())).as_posix()
    return None


def _render(name: str, **values: Any) -> str:

    env = environment(templates_dir() / "new", autoescape=False, filters={"yaml": yaml_text, "yaml_list": flow_list})
    return env.get_template(name).render(**values)


def _schema_errors(relative: str, text: str, kind: str, doc_id: str) -> list[str]:
    """What the schema says about a Markdown file's front matter (messages, without line numbers)."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    end = next((i for i in range(1, len(lines)) if FENCE.match(lines[i])), len(lines))
    result = read_yaml("\n".join(lines[1:end]), 2)
    report = Report()
    for problem in result.problems:
        report.error(relative, problem.line, problem.message)
    if not report.errors:
        check_document(Document(relative, kind, doc_id, result.data, result.lines, result.raw), kind, report)
    return [f.message for f in report.errors]


def _validate_text(relative: str, text: str, kind: str, doc_id: str, before: str = "") -> None:
    """Refuse what the schema would refuse (lengths, forms), before anything is written.

    Problems the file already had are left to `koers check`; only new ones refuse the change.
    """
    known = set(_schema_errors(relative, before, kind, doc_id)) if before else set()
    new = [m for m in _schema_errors(relative, text, kind, doc_id) if m not in known]
    if new:
        raise NewError(new[0])


def _write_new(root: Path, path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.parent.resolve().is_relative_to(root):
        raise NewError(f"map {path.parent.name}/ is een snelkoppeling naar een plek buiten het project; daar schrijft Koers niet")
    try:
        # 'x' refuses to overwrite, also when someone created the file a moment ago.
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError as exc:
        raise NewError(f"{path.name} bestaat al; kies een ander id") from exc


def _title_from_id(value: str) -> str:
    words = value.replace("-", " ")
    return words[:1].upper() + words[1:]


def _period(project: _Project) -> tuple[int, int]:
    period = period_of(project.content)
    if period is None:
        raise NewError("de periode in content/strategie.yaml is niet te lezen; herstel die eerst (zie: koers check)")
    return period


def _owner_team(project: _Project, wanted: str | None, fallback: str) -> str:
    """The action owner as given (a team id or a role); without one, the opgave's owner or a placeholder.

    Koers never picks a team on its own: an owner nobody chose would be published as if it were true.
    The placeholder 'Nog te bepalen' is a warning in `koers check`, so `--strict` refuses it.
    """
    owner = wanted or fallback
    teams = Teams.of(project.content.teams.data) if project.content.teams is not None else None
    if teams is not None and (problem := teams.problem(owner)):
        raise NewError(f"team '{owner}' {problem}")
    return owner


def new_opgave(
    project: Path, opgave_id: str, *, bron: str, titel: str, eigenaar: str | None = None, themas: tuple[str, ...] = ()
) -> Created:
    """Write content/opgaven/<id>.md: a valid opgave with placeholder stip, koers and a first action."""
    _check_id(opgave_id, "opgave")
    state = _read_project(project)
    relative = f"content/opgaven/{opgave_id}.md"
    if opgave_id in state.opgaven or (state.root / relative).exists():
        raise NewError(f"opgave '{opgave_id}' bestaat al: {relative}")
    sources = source_ids(state.content)
    if bron not in sources:
        raise NewError(f"bron '{bron}' bestaat niet in strategie.yaml{suggest(bron, sources) or '; kies uit: ' + ', '.join(sources)}")
    for thema in themas:
        if thema not in state.themes:
            raise NewError(f"thema '{thema}' bestaat niet{suggest(thema, state.themes)}; maak het eerst met: koers new thema {thema}")
    period = _period(state)
    action_id, number = f"{opgave_id}-eerste-actie", 2
    while action_id in state.actions:
        action_id, number = f"{opgave_id}-eerste-actie-{number}", number + 1
    role = eigenaar or "Nog te bepalen"
    folder = state.root / "content" / "opgaven"
    text = _render(
        "opgave.md.j2",
        schema=_schema_hint(state, folder, "opgave"),
        titel=titel,
        bron=bron,
        eigenaar=role,
        themas=list(themas),
        actie=action_id,
        jaar=period[0],
        team=_owner_team(state, None, role),
    )
    _validate_text(relative, text, "opgave", opgave_id)
    _write_new(state.root, state.root / relative, text)
    return Created(relative, "vul stip, koers en de eerste actie in; controleer daarna met: koers check")


def new_thema(project: Path, thema_id: str, *, titel: str | None = None) -> Created:
    """Write content/themas/<id>.md with a title and a placeholder short vision."""
    _check_id(thema_id, "thema")
    state = _read_project(project)
    relative = f"content/themas/{thema_id}.md"
    if thema_id in state.themes or (state.root / relative).exists():
        raise NewError(f"thema '{thema_id}' bestaat al: {relative}")
    folder = state.root / "content" / "themas"
    text = _render("thema.md.j2", schema=_schema_hint(state, folder, "thema"), titel=titel or _title_from_id(thema_id))
    _validate_text(relative, text, "thema", thema_id)
    _write_new(state.root, state.root / relative, text)
    return Created(relative, "vul 'kort' en de visie op het thema in; noem het thema bij opgaven onder 'themas'")


def parse_years(value: str) -> tuple[int, int]:
    """'2025' → (2025, 2025); '2025-2026' → (2025, 2026); NewError otherwise."""
    match = YEARS.match(value)
    if not match:
        raise NewError(f"jaar '{value}' klopt niet: schrijf een jaartal (2025) of twee jaartallen (2025-2026)")
    van = int(match.group(1))
    tot = int(match.group(2) or van)
    if van > tot:
        raise NewError(f"jaar '{value}' klopt niet: het eerste jaar ligt na het tweede")
    return van, tot


def _when(state: _Project, jaar: str | None, fase: tuple[str, ...]) -> list[tuple[str, str]]:
    """The action's year(s) or phase(s) as YAML fields, in the form the strategy uses."""
    if uses_phases(state.content):
        ids = [str(p["id"]) for p in phases_of(state.content)]
        if jaar is not None or not fase:
            raise NewError(f"deze strategie werkt met fasen: geef --fase met het id van een fase ({', '.join(ids)}), niet --jaar")
        if len(fase) > 2:
            raise NewError("geef --fase één keer, of twee keer voor de eerste en de laatste fase")
        for ident in fase:
            if ident not in ids:
                raise NewError(f"fase '{ident}' staat niet in 'fasen' in strategie.yaml{suggest(ident, ids) or '; kies uit: ' + ', '.join(ids)}")
        if len(fase) == 2 and ids.index(fase[0]) > ids.index(fase[1]):
            raise NewError(f"fase '{fase[0]}' komt na fase '{fase[1]}'; geef eerst de eerste fase, dan de laatste")
        return [("fase", fase[0])] if len(fase) == 1 or fase[0] == fase[1] else [("fase", f"{{van: {fase[0]}, tot: {fase[1]}}}")]
    if fase:
        raise NewError("deze strategie werkt met jaren: geef --jaar (2025 of 2025-2026), niet --fase")
    if jaar is None:
        raise NewError("geef het jaar van de actie met --jaar, bijvoorbeeld --jaar 2025 of --jaar 2025-2026")
    years = parse_years(jaar)
    return [("jaar", str(years[0]))] if years[0] == years[1] else [("van", str(years[0])), ("tot", str(years[1]))]


def _check_action_args(state: _Project, opgave_id: str, actie_id: str, years: tuple[int, int] | None, na: tuple[str, ...]) -> None:
    if opgave_id not in state.opgaven:
        hint = suggest(opgave_id, state.opgaven) or f"; maak haar met: koers new opgave {opgave_id} --bron … --titel …"
        raise NewError(f"opgave '{opgave_id}' bestaat niet{hint}")
    if actie_id in state.actions:
        where = state.actions[actie_id][0]
        raise NewError(f"actie-id '{actie_id}' bestaat al in {where}; een actie-id moet uniek zijn in de hele strategie")
    van, tot = _period(state)
    for year in years or ():
        if not van <= year <= tot:
            raise NewError(f"jaar {year} ligt buiten de periode {van}–{tot}")
    for dep in na:
        if dep not in state.actions:
            raise NewError(f"actie '{dep}' (bij --na) bestaat niet{suggest(dep, state.actions)}")
        end = state.actions[dep][1]
        if years is not None and end is not None and years[0] < end:
            raise NewError(f"de actie begint in {years[0]}, maar wacht op '{dep}' dat pas in {end} klaar is")


def _last_owner(state: _Project, opgave_id: str) -> str | None:
    doc = next(d for d in state.content.opgaven if d.id == opgave_id)
    data = doc.data if isinstance(doc.data, dict) else {}
    items = [i for i in data.get("acties") or [] if isinstance(i, dict) and isinstance(i.get("eigenaar"), str)]
    if items:
        return str(items[-1]["eigenaar"])
    return str(data["eigenaar"]) if isinstance(data.get("eigenaar"), str) else None


def _action_lines(spot: Spot, fields: list[tuple[str, str]]) -> list[str]:
    """One list item: '- ' at the list's indentation, keys aligned with the other items' keys."""
    gap = max(1, len(spot.key) - len(spot.dash) - 1)
    first, *rest = fields
    return [f"{spot.dash}-{' ' * gap}{first[0]}: {first[1]}"] + [f"{spot.key}{k}: {v}" for k, v in rest]


def new_actie(
    project: Path,
    opgave_id: str,
    actie_id: str,
    *,
    jaar: str | None = None,
    fase: tuple[str, ...] = (),
    titel: str | None = None,
    nummer: str | None = None,
    eigenaar: str | None = None,
    teams: tuple[str, ...] = (),
    status: str = "gepland",
    na: tuple[str, ...] = (),
    toelichting: str | None = None,
) -> Created:
    """Add an action at the end of the opgave's `acties:` list; the rest of the file stays byte-identical."""
    _check_id(actie_id, "actie")
    if status not in STATUSES:
        raise NewError(f"status '{status}' bestaat niet{suggest(status, STATUSES) or '; kies uit: ' + ', '.join(STATUSES)}")
    state = _read_project(project)
    when = _when(state, jaar, fase)
    years = parse_years(jaar) if jaar is not None and not uses_phases(state.content) else None
    _check_action_args(state, opgave_id, actie_id, years, na)
    owner = _owner_team(state, eigenaar, _last_owner(state, opgave_id) or "Nog te bepalen")
    for team in teams:
        _owner_team(state, team, team)
    fields = [("id", yaml_text(actie_id))] + ([("nummer", yaml_text(nummer))] if nummer else [])
    fields += [("titel", yaml_text(titel or _title_from_id(actie_id)))] + when
    fields += [("eigenaar", yaml_text(owner))] + ([("teams", flow_list(teams))] if teams else [])
    fields += [("status", status)] + ([("na", flow_list(na))] if na else [])
    fields += [("toelichting", yaml_text(toelichting))] if toelichting else []
    path = state.opgaven[opgave_id]
    relative = f"content/opgaven/{path.name}"
    if path.is_symlink() or not path.is_file():
        raise NewError(f"{relative} is een snelkoppeling of geen gewoon bestand; daar schrijft Koers niet")
    try:
        original = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise NewError(f"{relative} is niet te lezen als UTF-8-tekst; herstel dat eerst (zie: koers check)") from exc
    try:
        updated = insert_item(original, lambda spot: _action_lines(spot, fields))
    except InsertError as exc:
        raise NewError(f"{relative}: {exc}") from exc
    _validate_text(relative, updated, "opgave", opgave_id, before=original)
    path.write_bytes(updated.encode("utf-8"))
    return Created(relative, f"actie '{actie_id}' staat onderaan de acties; controleer met: koers check")
