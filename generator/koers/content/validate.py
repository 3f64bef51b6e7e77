"""Validation: the schema pass per file, then the cross-reference pass over all."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from koers.content.dependencies import ActionRef, check_actions, check_opgaven
from koers.content.load import ID_PATTERN, Content, Document
from koers.content.markdownlimits import check_markdown
from koers.content.ordering import duplicates, nummer_text
from koers.content.owners import Teams
from koers.content.schema import check_document, suggest
from koers.content.slots import MAX_YEARS, Slots, action_slots, check_slices, period_of, slots_of, uses_phases
from koers.findings import Report

DEFAULT_SOURCES = (
    {"id": "coalitieakkoord", "titel": "Opgaven uit het coalitieakkoord"},
    {"id": "taken", "titel": "Opgaven uit de gemeentelijke taken"},
    {"id": "bedrijfsvoering", "titel": "Opgaven uit de bedrijfsvoering"},
)
# How the texts written by `koers init` and `koers new` begin: published as they are, they would embarrass.
PLACEHOLDERS = (
    "Vul hier",
    "Beschrijf hier",
    "Beschrijf wat",
    "Beschrijf waar",
    "Licht hier",
    "Vat in één regel",
    "Nog te bepalen",
    "Eerste actie van deze opgave",
)

__all__ = ["DEFAULT_SOURCES", "PLACEHOLDERS", "period_of", "source_ids", "validate"]


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


def source_ids(content: Content) -> list[str]:
    """The ids of the matrix rows: declared bronnen or the three defaults."""
    data = _dict(content.strategie.data if content.strategie else None)
    if "bronnen" not in data:
        return [s["id"] for s in DEFAULT_SOURCES]
    return [str(_dict(s).get("id")) for s in _list(data.get("bronnen")) if isinstance(_dict(s).get("id"), str)]


def _cross_references(content: Content, report: Report) -> None:
    strategie = content.strategie
    slots = slots_of(content)
    if strategie is not None:
        _check_strategy(strategie, content, report)
    # An unreadable teams.yaml has been reported already; checking against it would only add noise.
    teams = Teams.of(content.teams.data) if content.teams is not None else None
    # A file that could not be read has been reported; what only follows from it (an action in it that seems
    # missing, a year that seems empty, a bron that seems unknown) would bury that one real error.
    complete = not any(d.data is None or d.unreadable for d in content.opgaven)
    strategy_read = strategie is not None and isinstance(strategie.data, dict)
    actions, covered = _collect_actions(content, slots if strategy_read else None, teams, report, strategy_read)
    _check_opgaven(content, teams, report, strategy_read)
    _check_numbers(content, report)
    check_actions(actions, dict(zip(slots.keys, slots.labels, strict=True)) if slots else {}, report, complete)
    check_opgaven(content.opgaven, report, complete)
    for doc in content.documents():
        _check_placeholders(doc, report)
        _check_curly_quotes(doc, report)
    if slots is not None and strategie is not None and complete:
        check_slices(content, slots, covered, report)


def _check_opgaven(content: Content, teams: Teams | None, report: Report, strategy_read: bool) -> None:
    """Each opgave's bron, thema's, owner and indicators."""
    sources = source_ids(content)
    themes = {d.id for d in content.themas if d.id}
    period = period_of(content)
    for doc in content.opgaven:
        data = _dict(doc.data)
        bron = data.get("bron")
        if strategy_read and isinstance(bron, str) and bron not in sources:
            hint = suggest(bron, sources) or "; kies uit: " + ", ".join(sources)
            report.error(doc.path, doc.line(("bron",)), f"bron '{bron}' bestaat niet in strategie.yaml{hint}")
        for i, thema in enumerate(_list(data.get("themas"))):
            if isinstance(thema, str) and thema not in themes:
                hint = suggest(thema, themes) or "; maak content/themas/" + thema + ".md aan of kies een bestaand thema"
                report.error(doc.path, doc.line(("themas", i)), f"thema '{thema}' bestaat niet{hint}")
        owner = data.get("eigenaar")
        if teams is not None and isinstance(owner, str) and (problem := teams.problem(owner)):
            report.error(doc.path, doc.line(("eigenaar",)), f"team '{owner}' (eigenaar van de opgave) {problem}")
        for i, indicator in enumerate(_list(data.get("indicatoren"))):
            _check_indicator(doc, i, _dict(indicator), period, report)


def _check_indicator(doc: Document, index: int, indicator: dict[str, Any], period: tuple[int, int] | None, report: Report) -> None:
    name = f"indicator {index + 1}"
    jaar = indicator.get("jaar")
    if period and isinstance(jaar, int) and not isinstance(jaar, bool) and not period[0] <= jaar <= period[1]:
        line = doc.line(("indicatoren", index, "jaar"))
        report.error(doc.path, line, f"jaar {jaar} van {name} ligt buiten de periode {period[0]}–{period[1]}")
    if "jaar" in indicator and "doel" not in indicator:
        report.warning(doc.path, doc.line(("indicatoren", index, "jaar")), f"{name} heeft een 'jaar' maar geen 'doel'; het jaar hoort bij het doel")
    for year in _dict(indicator.get("metingen")):
        if period and str(year).isdigit() and not period[0] <= int(year) <= period[1]:
            line = doc.line(("indicatoren", index, "metingen", year))
            report.error(doc.path, line, f"meting {year} van {name} ligt buiten de periode {period[0]}–{period[1]}")


def _check_numbers(content: Content, report: Report) -> None:
    """A nummer is used once among the opgaven, once among the thema's and once among one opgave's actions."""
    for kind, docs in (("opgave", content.opgaven), ("thema", content.themas)):
        numbers = [(nummer_text(_dict(d.data).get("nummer"), d.raw.get(("nummer",))), d) for d in docs]
        each = "elke opgave" if kind == "opgave" else "elk thema"
        for nummer, doc, other in duplicates(numbers):
            report.error(doc.path, doc.line(("nummer",)), f"nummer '{nummer}' heeft {other.path} al; {each} krijgt een eigen nummer")
    for doc in content.opgaven:
        items = _list(_dict(doc.data).get("acties"))
        written = [
            (nummer_text(_dict(a).get("nummer"), doc.raw.get(("acties", i, "nummer"))), doc.line(("acties", i, "nummer")))
            for i, a in enumerate(items)
        ]
        for nummer, line, first in duplicates(written):
            report.error(doc.path, line, f"nummer '{nummer}' staat al bij een andere actie van deze opgave (regel {first}); geef elke actie een eigen nummer")


def _check_placeholders(doc: Document, report: Report) -> None:
    """Warn about example texts that were never replaced (an error with --strict, so CI never publishes them)."""
    for path, text in _placeholder_texts(doc.data, ()):
        name = f"'{path[-1]}'" if path and isinstance(path[-1], str) else "een tekst"
        report.warning(doc.path, doc.line(path), f"{name} bevat nog de invultekst '{' '.join(text.split()[:4])} …'; vervang die door de echte tekst")
    if doc.body.strip().startswith(PLACEHOLDERS):
        report.warning(doc.path, doc.body_line, f"de tekst bevat nog de invultekst '{' '.join(doc.body.split()[:4])} …'; vervang die door de echte tekst")


_CURLY_OPEN, _CURLY_CLOSE = "\u201c\u201e\u2018", "\u201d\u2019"


def _check_curly_quotes(doc: Document, report: Report) -> None:
    """A hint for a text wrapped in Word's curly quotes: YAML keeps them, so they would be printed as part of it."""
    for path, text in _texts(doc.data, ()):
        stripped = text.strip()
        if len(stripped) > 1 and stripped[0] in _CURLY_OPEN and stripped[-1] in _CURLY_CLOSE:
            name = f"'{path[-1]}'" if path and isinstance(path[-1], str) else "een tekst"
            report.warning(
                doc.path,
                doc.line(path),
                f"{name} staat tussen gekrulde aanhalingstekens (zoals uit Word); die komen zo op de website en de posters: "
                'haal ze weg, of gebruik rechte aanhalingstekens: "…"',
            )


def _texts(value: Any, path: tuple[Any, ...]) -> list[tuple[tuple[Any, ...], str]]:
    if isinstance(value, str):
        return [(path, value)]
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    return [found for key, item in items for found in _texts(item, path + (key,))]


def _placeholder_texts(value: Any, path: tuple[Any, ...]) -> list[tuple[tuple[Any, ...], str]]:
    return [(where, text) for where, text in _texts(value, path) if text.strip().startswith(PLACEHOLDERS)]


def _check_strategy(doc: Document, content: Content, report: Report) -> None:
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
    for key, kind in (("bronnen", "bron"), ("fasen", "fase")):
        seen: dict[str, int] = {}
        for i, item in enumerate(_list(data.get(key))):
            item_id = _dict(item).get("id")
            if isinstance(item_id, str):
                if item_id in seen:
                    report.error(doc.path, doc.line((key, i, "id")), f"{kind} '{item_id}' staat er twee keer in (eerder op regel {seen[item_id]})")
                seen.setdefault(item_id, doc.line((key, i, "id")))
    _check_phase_years(doc, data, report)
    opgaven = {d.id for d in content.opgaven if d.id}
    for i, item in enumerate(_list(data.get("niet_meer"))):
        opgave = _dict(item).get("opgave")
        if isinstance(opgave, str) and opgave not in opgaven:
            hint = suggest(opgave, opgaven)
            report.error(doc.path, doc.line(("niet_meer", i, "opgave")), f"opgave '{opgave}' (bij niet_meer) bestaat niet{hint}")


def _check_phase_years(doc: Document, data: dict[str, Any], report: Report) -> None:
    """A phase's indicative years lie inside the period, in order."""
    periode = _dict(data.get("periode"))
    first, last = periode.get("van"), periode.get("tot")
    for i, phase in enumerate(_list(data.get("fasen"))):
        van, tot = _dict(phase).get("van"), _dict(phase).get("tot")
        name = f"fase '{_dict(phase).get('id', i + 1)}'"
        if isinstance(van, int) and isinstance(tot, int) and van > tot:
            report.error(doc.path, doc.line(("fasen", i, "van")), f"{name}: 'van' ({van}) ligt na 'tot' ({tot})")
        for key, year in (("van", van), ("tot", tot)):
            if isinstance(year, int) and isinstance(first, int) and isinstance(last, int) and not first <= year <= last:
                report.error(doc.path, doc.line(("fasen", i, key)), f"jaar {year} van {name} ligt buiten de periode {first}–{last}")


def _collect_actions(
    content: Content, slots: Slots | None, teams: Teams | None, report: Report, strategy_read: bool = True
) -> tuple[dict[str, ActionRef], set[int]]:
    """Actions by id (first of duplicates), and every slot that any action covers."""
    actions: dict[str, ActionRef] = {}
    covered: set[int] = set()
    phased = uses_phases(content)
    for doc in content.opgaven:
        for i, item in enumerate(_list(_dict(doc.data).get("acties"))):
            data = _dict(item)
            action_id = data.get("id")
            start, end = action_slots(doc, i, data, slots, phased, report) if data and strategy_read else (None, None)
            if start is not None and end is not None:
                covered.update(k for k in (slots.keys if slots else ()) if start <= k <= end)
            # An id the schema refused (a number such as 1.1) takes no part in the cross-references: its one error says it all.
            if not isinstance(action_id, str) or not ID_PATTERN.match(action_id):
                continue
            after = [a for a in _list(data.get("na")) if isinstance(a, str) and ID_PATTERN.match(a)]
            action = ActionRef(action_id, doc, i, data, start, end, after)
            if action_id in actions:
                first = actions[action_id]
                where = f"{first.doc.path}:{first.line('id')}"
                report.error(doc.path, action.line("id"), f"actie-id '{action_id}' bestaat al in {where}; een actie-id moet uniek zijn in de hele strategie")
                continue
            actions[action_id] = action
            if teams is not None:
                _check_teams(action, teams, report)
    return actions, covered


def _check_teams(action: ActionRef, teams: Teams, report: Report) -> None:
    owner = action.data.get("eigenaar")
    if isinstance(owner, str) and (problem := teams.problem(owner)):
        report.error(action.doc.path, action.line("eigenaar"), f"team '{owner}' (eigenaar van actie '{action.id}') {problem}")
    for j, team in enumerate(_list(action.data.get("teams"))):
        if isinstance(team, str) and (problem := teams.problem(team)):
            line = action.doc.line(("acties", action.index, "teams", j))
            report.error(action.doc.path, line, f"team '{team}' (bij actie '{action.id}') {problem}")
