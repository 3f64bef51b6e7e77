"""Validation: the schema pass per file, then the cross-reference pass over all."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from koers.content.load import Content, Document
from koers.content.markdownlimits import check_markdown
from koers.content.schema import check_document, suggest
from koers.findings import Report

DEFAULT_SOURCES = (
    {"id": "coalitieakkoord", "titel": "Opgaven uit het coalitieakkoord"},
    {"id": "taken", "titel": "Opgaven uit de gemeentelijke taken"},
    {"id": "bedrijfsvoering", "titel": "Opgaven uit de bedrijfsvoering"},
)
MAX_YEARS = 10
# How the texts written by `koers init` and `koers new` begin: published as they are, they would embarrass.
PLACEHOLDERS = ("Vul hier", "Beschrijf hier", "Beschrijf wat", "Beschrijf waar", "Licht hier", "Vat in één regel", "Nog te bepalen")


@dataclass
class _Action:
    id: str
    doc: Document
    index: int
    data: dict[str, Any]
    start: int | None = None
    end: int | None = None
    after: list[str] = field(default_factory=list)

    def line(self, key: str | None = None) -> int:
        path: tuple[Any, ...] = ("acties", self.index) + ((key,) if key else ())
        return self.doc.line(path)


def validate(content: Content, report: Report) -> None:
    """Run every content rule; findings go into report."""
    kinds = [(content.strategie, "strategie"), (content.visie, "visie"), (content.teams, "teams")]
    kinds += [(d, "opgave") for d in content.opgaven]
    kinds += [(d, "thema") for d in content.themas]
    kinds += [(d, "jaarschijf") for d in content.jaarschijven]
    for doc, kind in kinds:
        if doc is not None and not doc.unreadable:
            check_document(doc, kind, report)
    check_markdown(content, report)
    _cross_references(content, report)


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def period_of(content: Content) -> tuple[int, int] | None:
    """The strategy's (van, tot) when both are whole numbers in order and within the limit."""
    periode = _dict(_dict(content.strategie.data if content.strategie else None).get("periode"))
    van, tot = periode.get("van"), periode.get("tot")
    if isinstance(van, int) and isinstance(tot, int) and not isinstance(van, bool) and not isinstance(tot, bool):
        if van <= tot and tot - van < MAX_YEARS:
            return van, tot
    return None


def source_ids(content: Content) -> list[str]:
    """The ids of the matrix rows: declared bronnen or the three defaults."""
    data = _dict(content.strategie.data if content.strategie else None)
    if "bronnen" not in data:
        return [s["id"] for s in DEFAULT_SOURCES]
    return [str(_dict(s).get("id")) for s in _list(data.get("bronnen")) if isinstance(_dict(s).get("id"), str)]


def _cross_references(content: Content, report: Report) -> None:
    strategie = content.strategie
    period = period_of(content)
    if strategie is not None:
        _check_strategy(strategie, report)
    sources = source_ids(content)
    themes = {d.id for d in content.themas if d.id}
    teams_data = content.teams.data if content.teams is not None else None
    # An unreadable teams.yaml has been reported already; checking against it would only add noise.
    teams = set(teams_data) if isinstance(teams_data, dict) else None
    names = {str(_dict(v).get("naam", "")).casefold(): k for k, v in teams_data.items()} if isinstance(teams_data, dict) else {}
    actions, covered = _collect_actions(content, period, (teams, names), report)
    for doc in content.opgaven:
        data = _dict(doc.data)
        bron = data.get("bron")
        if isinstance(bron, str) and bron not in sources:
            hint = suggest(bron, sources) or "; kies uit: " + ", ".join(sources)
            report.error(doc.path, doc.line(("bron",)), f"bron '{bron}' bestaat niet in strategie.yaml{hint}")
        for i, thema in enumerate(_list(data.get("themas"))):
            if isinstance(thema, str) and thema not in themes:
                hint = suggest(thema, themes) or "; maak content/themas/" + thema + ".md aan of kies een bestaand thema"
                report.error(doc.path, doc.line(("themas", i)), f"thema '{thema}' bestaat niet{hint}")
        for i, indicator in enumerate(_list(data.get("indicatoren"))):
            jaar = _dict(indicator).get("jaar")
            if period and isinstance(jaar, int) and not period[0] <= jaar <= period[1]:
                line = doc.line(("indicatoren", i, "jaar"))
                report.error(doc.path, line, f"jaar {jaar} van indicator {i + 1} ligt buiten de periode {period[0]}–{period[1]}")
    _check_dependencies(actions, report)
    for doc in content.documents():
        _check_placeholders(doc, report)
    if period is not None and strategie is not None:
        _check_year_slices(content, period, covered, report)


def _placeholder_texts(value: Any, path: tuple[Any, ...]) -> list[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        return [(path, value)] if value.strip().startswith(PLACEHOLDERS) else []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    return [found for key, item in items for found in _placeholder_texts(item, path + (key,))]


def _check_placeholders(doc: Document, report: Report) -> None:
    """Warn about example texts that were never replaced (an error with --strict, so CI never publishes them)."""
    for path, text in _placeholder_texts(doc.data, ()):
        name = f"'{path[-1]}'" if path and isinstance(path[-1], str) else "een tekst"
        report.warning(doc.path, doc.line(path), f"{name} bevat nog de invultekst '{' '.join(text.split()[:4])} …'; vervang die door de echte tekst")
    if doc.body.strip().startswith(PLACEHOLDERS):
        report.warning(doc.path, doc.body_line, f"de tekst bevat nog de invultekst '{' '.join(doc.body.split()[:4])} …'; vervang die door de echte tekst")


def _check_strategy(doc: Document, report: Report) -> None:
    data = _dict(doc.data)
    periode = _dict(data.get("periode"))
    van, tot = periode.get("van"), periode.get("tot")
    if isinstance(van, int) and isinstance(tot, int):
        if van > tot:
            report.error(doc.path, doc.line(("periode",)), f"periode klopt niet: 'van' ({van}) ligt na 'tot' ({tot})")
        elif tot - van + 1 > MAX_YEARS:
            report.error(doc.path, doc.line(("periode",)), f"periode is te lang: {tot - van + 1} jaar, maximaal {MAX_YEARS}")
    datum = _dict(data.get("vastgesteld")).get("datum")
    if isinstance(datum, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", datum):
        try:
            date.fromisoformat(datum)
        except ValueError:
            report.error(doc.path, doc.line(("vastgesteld", "datum")), f"'{datum}' in 'vastgesteld.datum' klopt niet: die datum bestaat niet")
    if data.get("status") in ("vastgesteld", "herijkt") and "vastgesteld" not in data:
        report.error(doc.path, doc.line(("status",)), "status is '" + str(data["status"]) + "', maar 'vastgesteld' (datum en door) ontbreekt")
    seen: dict[str, int] = {}
    for i, bron in enumerate(_list(data.get("bronnen"))):
        bron_id = _dict(bron).get("id")
        if isinstance(bron_id, str):
            if bron_id in seen:
                report.error(doc.path, doc.line(("bronnen", i, "id")), f"bron '{bron_id}' staat er twee keer in (eerder op regel {seen[bron_id]})")
            seen.setdefault(bron_id, doc.line(("bronnen", i, "id")))


def _years(doc: Document, index: int, data: dict[str, Any], period: tuple[int, int] | None, report: Report) -> tuple[int | None, int | None]:
    line = doc.line(("acties", index))
    jaar, van, tot = data.get("jaar"), data.get("van"), data.get("tot")
    name = f"actie '{data.get('id', index + 1)}'"
    if jaar is not None and (van is not None or tot is not None):
        report.error(doc.path, line, f"{name} heeft zowel 'jaar' als 'van'/'tot'; kies één van beide")
        return None, None
    if jaar is None and van is None and tot is None:
        report.error(doc.path, line, f"{name} heeft geen jaar: geef 'jaar' of 'van' en 'tot'")
        return None, None
    if jaar is None and (van is None or tot is None):
        missing = "tot" if tot is None else "van"
        report.error(doc.path, line, f"{name} heeft '{'van' if missing == 'tot' else 'tot'}' maar geen '{missing}'")
        return None, None
    start, end = (jaar, jaar) if jaar is not None else (van, tot)
    if not isinstance(start, int) or not isinstance(end, int):
        return None, None
    if start > end:
        report.error(doc.path, doc.line(("acties", index, "van")), f"{name}: 'van' ({start}) ligt na 'tot' ({end})")
        return None, None
    if period is not None:
        for key, year in (("jaar" if jaar is not None else "van", start), ("jaar" if jaar is not None else "tot", end)):
            if not period[0] <= year <= period[1]:
                report.error(doc.path, doc.line(("acties", index, key)), f"jaar {year} van {name} ligt buiten de periode {period[0]}–{period[1]}")
                return None, None
    return start, end


def _collect_actions(
    content: Content, period: tuple[int, int] | None, known: tuple[set[str] | None, dict[str, str]], report: Report
) -> tuple[dict[str, _Action], set[int]]:
    """Actions by id (first of duplicates), and every year that any action covers."""
    actions: dict[str, _Action] = {}
    covered: set[int] = set()
    teams, names = known
    for doc in content.opgaven:
        for i, item in enumerate(_list(_dict(doc.data).get("acties"))):
            data = _dict(item)
            action_id = data.get("id")
            start, end = _years(doc, i, data, period, report) if data else (None, None)
            if start is not None and end is not None:
                covered.update(range(start, end + 1))
            if not isinstance(action_id, str):
                continue
            action = _Action(action_id, doc, i, data, start, end, [a for a in _list(data.get("na")) if isinstance(a, str)])
            if action_id in actions:
                first = actions[action_id]
                where = f"{first.doc.path}:{first.line('id')}"
                report.error(doc.path, action.line("id"), f"actie-id '{action_id}' bestaat al in {where}; een actie-id moet uniek zijn in de hele strategie")
                continue
            actions[action_id] = action
            if teams is not None:
                _check_teams(action, teams, names, report)
    return actions, covered


def _team_hint(team: str, teams: set[str], names: dict[str, str]) -> str:
    """Did-you-mean for a team reference; a team's name (instead of its id) is recognised."""
    if team.casefold() in names:
        return f"; dat is de naam van team '{names[team.casefold()]}': gebruik het id"
    return suggest(team, teams)


def _check_teams(action: _Action, teams: set[str], names: dict[str, str], report: Report) -> None:
    owner = action.data.get("eigenaar")
    if isinstance(owner, str) and owner not in teams:
        hint = _team_hint(owner, teams, names)
        report.error(action.doc.path, action.line("eigenaar"), f"team '{owner}' (eigenaar van actie '{action.id}') staat niet in teams.yaml{hint}")
    for j, team in enumerate(_list(action.data.get("teams"))):
        if isinstance(team, str) and team not in teams:
            line = action.doc.line(("acties", action.index, "teams", j))
            hint = _team_hint(team, teams, names)
            report.error(action.doc.path, line, f"team '{team}' (bij actie '{action.id}') staat niet in teams.yaml{hint}")


def _check_dependencies(actions: dict[str, _Action], report: Report) -> None:
    for action in actions.values():
        for j, dep in enumerate(action.after):
            line = action.doc.line(("acties", action.index, "na", j))
            if dep == action.id:
                report.error(action.doc.path, line, f"actie '{action.id}' wacht op zichzelf")
            elif dep not in actions:
                report.error(action.doc.path, line, f"actie '{action.id}' wacht op '{dep}', maar die actie bestaat niet{suggest(dep, actions)}")
            else:
                first = actions[dep]
                if action.start is not None and first.start is not None and action.start < first.start:
                    report.error(action.doc.path, line, f"actie '{action.id}' begint in {action.start}, maar wacht op '{dep}' dat pas in {first.start} begint")
    for cycle in find_cycles({a.id: [d for d in a.after if d in actions and d != a.id] for a in actions.values()}):
        head = actions[cycle[0]]
        chain = " → ".join(cycle + [cycle[0]])
        report.error(head.doc.path, head.line("na"), f"acties wachten in een kring op elkaar: {chain}")


def find_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Each strongly connected group of more than one node, as a readable cycle (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, [])))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    cycles.append(_order_cycle(sorted(group), graph))
    return sorted(cycles)


def _order_cycle(group: list[str], graph: dict[str, list[str]]) -> list[str]:
    """Walk the group from its smallest id so the message reads as a chain."""
    members = set(group)
    path = [group[0]]
    while True:
        nxt = next((c for c in sorted(graph[path[-1]]) if c in members and c not in path), None)
        if nxt is None:
            return path
        path.append(nxt)


def _check_year_slices(content: Content, period: tuple[int, int], covered: set[int], report: Report) -> None:
    strategie = content.strategie
    assert strategie is not None
    van, tot = period
    for year in range(van, tot + 1):
        if year not in covered:
            report.warning(strategie.path, strategie.line(("periode",)), f"jaarschijf {year} heeft nog geen acties")
    for doc in content.jaarschijven:
        if doc.id and not van <= int(doc.id) <= tot:
            report.error(doc.path, 1, f"jaarschijf {doc.id} ligt buiten de periode {van}–{tot}")
