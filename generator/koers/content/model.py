"""The strategy as a frozen model with its derived views; built from validated content."""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from koers.content.load import Content, Document
from koers.content.ordering import in_author_order, nummer_text, with_number
from koers.content.owners import role_key
from koers.content.schema import statuses
from koers.content.slots import Slots, phases_of, slots_of
from koers.content.validate import DEFAULT_SOURCES, period_of

STATUSES = statuses()
STATUS_LABELS = {status: status.capitalize() for status in STATUSES}


@dataclass(frozen=True)
class Source:
    """A row of the matrix: where opgaven come from."""

    id: str
    titel: str


@dataclass(frozen=True)
class Principle:
    titel: str
    toelichting: str = ""


@dataclass(frozen=True)
class Indicator:
    naam: str
    doel: str = ""  # empty: no target set yet
    nulmeting: str = ""
    jaar: int | None = None
    metingen: tuple[tuple[int, str], ...] = ()  # (year, measured value), by year


@dataclass(frozen=True)
class NotAnymore:
    """Something we explicitly stop doing, optionally tied to the opgave that replaces it."""

    tekst: str
    opgave: str = ""

    def __str__(self) -> str:
        return self.tekst


@dataclass(frozen=True)
class Team:
    id: str
    naam: str
    afdeling: str = ""
    beschrijving: str = ""
    rollen: tuple[str, ...] = ()


@dataclass(frozen=True)
class Action:
    """One action in the agenda of an opgave."""

    id: str
    titel: str
    opgave: str
    van: int
    tot: int
    eigenaar: str
    teams: tuple[str, ...]
    status: str
    na: tuple[str, ...]
    toelichting: str
    source: str
    line: int
    nummer: str = ""
    period_label: str = ""  # '2025', '2025–2026', or the phase(s): 'Fundament – Excelleren'

    @property
    def years(self) -> range:
        """The slot keys the action runs in: years, or phase positions in a phased strategy."""
        return range(self.van, self.tot + 1)

    @property
    def display(self) -> str:
        """'1.1 Titel', or the title alone."""
        return with_number(self.nummer, self.titel)


@dataclass(frozen=True)
class Opgave:
    """A cross-cutting challenge with its three cells: stip, koers and acties."""

    id: str
    titel: str
    bron: str
    eigenaar: str
    themas: tuple[str, ...]
    stip: str
    koers: str
    acties: tuple[Action, ...]
    indicatoren: tuple[Indicator, ...]
    body: str
    source: str
    nummer: str = ""
    na: tuple[str, ...] = ()  # ids of opgaven this one builds on

    @property
    def display(self) -> str:
        return with_number(self.nummer, self.titel)


@dataclass(frozen=True)
class Theme:
    """A cross-cutting theme (ethiek, transparantie, …) with its short vision."""

    id: str
    titel: str
    kort: str
    body: str
    source: str
    nummer: str = ""

    @property
    def display(self) -> str:
        return with_number(self.nummer, self.titel)


@dataclass(frozen=True)
class YearSlice:
    """A column of the agenda: a year of the period, or a phase (plateau) in a phased strategy."""

    jaar: int  # the slot key: the year, or the phase's position (1, 2, …)
    titel: str
    body: str
    source: str | None
    slug: str = ""  # the page name: '2024' or the phase id
    label: str = ""  # what a reader sees: '2024' or the phase's titel
    toelichting: str = ""  # a phase's short explanation from strategie.yaml
    years: str = ""  # a phase's indicative years, '2025–2026' (empty when not given)
    terugblik: str = ""  # lessons learned in this year or phase
    short: str = ""  # a label for narrow places: '2024', or 'Fase 2'


@dataclass(frozen=True)
class Vision:
    titel: str
    kern: str
    body: str
    source: str


@dataclass(frozen=True)
class Adoption:
    datum: str
    door: str


@dataclass(frozen=True)
class Strategy:
    """The whole strategy; derived views are computed once, here."""

    titel: str
    organisatie: str
    ambitie: str
    van: int
    tot: int
    versie: str
    status: str
    vastgesteld: Adoption | None
    huisstijl: str
    max_a4: int
    sources: tuple[Source, ...]
    principles: tuple[Principle, ...]
    niet_meer: tuple[NotAnymore, ...]
    vision: Vision
    opgaven: tuple[Opgave, ...]
    themes: tuple[Theme, ...]
    years: tuple[YearSlice, ...]
    teams: tuple[Team, ...]
    has_teams_file: bool
    key_lines: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()
    phased: bool = False  # the agenda goes by phase (fasen), not by year
    poster_form: str = "twee"  # 'een': one poster with the routekaart on it instead of two posters
    progress_max_a4: int = 2  # page budget of each yearly progress report (omvang.voortgang_max_a4)

    @property
    def slot_word(self) -> tuple[str, str]:
        """('jaar', 'jaren') or ('fase', 'fasen'): what the agenda's columns are called."""
        return ("fase", "fasen") if self.phased else ("jaar", "jaren")

    def line(self, path: str, key: str) -> int:
        """The source line of a top-level key in a content file (for later findings, e.g. poster fitting)."""
        lines = dict(dict(self.key_lines).get(path, ()))
        return lines.get(key, 2 if path.endswith(".md") else 1)

    @cached_property
    def actions(self) -> tuple[Action, ...]:
        return tuple(a for o in self.opgaven for a in o.acties)

    @cached_property
    def action_by_id(self) -> dict[str, Action]:
        return {a.id: a for a in self.actions}

    @cached_property
    def opgave_by_id(self) -> dict[str, Opgave]:
        return {o.id: o for o in self.opgaven}

    @cached_property
    def source_by_id(self) -> dict[str, Source]:
        return {b.id: b for b in self.sources}

    @cached_property
    def theme_by_id(self) -> dict[str, Theme]:
        return {t.id: t for t in self.themes}

    @cached_property
    def team_by_id(self) -> dict[str, Team]:
        return {t.id: t for t in self.teams}

    @cached_property
    def matrix(self) -> tuple[tuple[Source, tuple[Opgave, ...]], ...]:
        """Rows of the matrix: each source with its opgaven (in the author's order)."""
        return tuple((s, tuple(o for o in self.opgaven if o.bron == s.id)) for s in self.sources)

    @cached_property
    def actions_by_year(self) -> dict[int, tuple[Action, ...]]:
        """Every year of the period with the actions that run in it."""
        return {y.jaar: tuple(a for a in self.actions if y.jaar in a.years) for y in self.years}

    @cached_property
    def opgaven_by_theme(self) -> dict[str, tuple[Opgave, ...]]:
        return {t.id: tuple(o for o in self.opgaven if t.id in o.themas) for t in self.themes}

    @cached_property
    def _role_teams(self) -> dict[str, str]:
        """Each team's id, and each role a team lists under `rollen`, mapped to that team."""
        out = {role_key(role): t.id for t in reversed(self.teams) for role in t.rollen}
        return out | {t.id: t.id for t in self.teams}

    def team_of(self, owner: str) -> str | None:
        """The team an owner stands for: a team id, or a role of a team; None for a role of no team."""
        return self._role_teams.get(owner) or self._role_teams.get(role_key(owner))

    @cached_property
    def actions_by_team(self) -> dict[str, tuple[tuple[Action, ...], tuple[Action, ...]]]:
        """Per team: (actions it owns, actions it contributes to), in the author's order."""
        owned: dict[str, list[Action]] = {t.id: [] for t in self.teams}
        joined: dict[str, list[Action]] = {t.id: [] for t in self.teams}
        for action in self.actions:
            owner = self.team_of(action.eigenaar)
            if owner is not None:
                owned[owner].append(action)
            for team in dict.fromkeys(filter(None, (self.team_of(name) for name in action.teams))):
                if team != owner:
                    joined[team].append(action)
        return {t.id: (tuple(owned[t.id]), tuple(joined[t.id])) for t in self.teams}

    @cached_property
    def opgaven_by_team(self) -> dict[str, tuple[Opgave, ...]]:
        """Per team: the opgaven it owns (as a team, or through one of its roles)."""
        owned: dict[str, list[Opgave]] = {t.id: [] for t in self.teams}
        for opgave in self.opgaven:
            team = self.team_of(opgave.eigenaar)
            if team is not None:
                owned[team].append(opgave)
        return {k: tuple(v) for k, v in owned.items()}

    @cached_property
    def dependents(self) -> dict[str, tuple[str, ...]]:
        """For each action, the actions that wait for it."""
        out: dict[str, list[str]] = {a.id: [] for a in self.actions}
        for action in self.actions:
            for dep in action.na:
                out[dep].append(action.id)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def opgave_dependents(self) -> dict[str, tuple[Opgave, ...]]:
        """For each opgave, the opgaven that build on it (opgave-level `na`), in the author's order."""
        return {o.id: tuple(other for other in self.opgaven if o.id in other.na) for o in self.opgaven}

    @cached_property
    def dependency_order(self) -> tuple[Action, ...]:
        """All actions in an order where each comes after those it waits for (Kahn; ties broken by start slot, then the author's order)."""
        waiting = {a.id: len(a.na) for a in self.actions}
        # A heap keyed (slot, author's position) always yields the earliest ready action, in O(n log n).
        position = {a.id: n for n, a in enumerate(self.actions)}
        ready = [(a.van, position[a.id], a.id) for a in self.actions if not a.na]
        heapq.heapify(ready)
        order: list[Action] = []
        while ready:
            action = self.action_by_id[heapq.heappop(ready)[2]]
            order.append(action)
            for nxt in self.dependents[action.id]:
                waiting[nxt] -= 1
                if waiting[nxt] == 0:
                    heapq.heappush(ready, (self.action_by_id[nxt].van, position[nxt], nxt))
        return tuple(order)

    def chain(self, action_id: str) -> tuple[Action, ...]:
        """Every action this one waits for, directly or indirectly, in dependency order."""
        seen: set[str] = set()
        todo = list(self.action_by_id[action_id].na)
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(self.action_by_id[current].na)
        position = self._dependency_position
        return tuple(sorted((self.action_by_id[i] for i in seen), key=lambda a: position[a.id]))

    @cached_property
    def _dependency_position(self) -> dict[str, int]:
        """Where each action stands in dependency_order (chain() sorts by it instead of scanning the whole order)."""
        return {a.id: n for n, a in enumerate(self.dependency_order)}

    @cached_property
    def author_position(self) -> dict[str, int]:
        """Each action's position in the author's order (opgaven in order, their actions as written)."""
        return {a.id: n for n, a in enumerate(self.actions)}

    @cached_property
    def actions_by_year_and_opgave(self) -> dict[int, tuple[tuple[Opgave, tuple[Action, ...]], ...]]:
        """Per slot (year or phase): each opgave (in the author's order) with its actions that run then."""
        out: dict[int, tuple[tuple[Opgave, tuple[Action, ...]], ...]] = {}
        for year, actions in self.actions_by_year.items():
            groups: dict[str, list[Action]] = {}
            for action in actions:
                groups.setdefault(action.opgave, []).append(action)
            out[year] = tuple((o, tuple(groups[o.id])) for o in self.opgaven if o.id in groups)
        return out

    @staticmethod
    def progress(actions: tuple[Action, ...] | list[Action]) -> dict[str, int]:
        """Status counts for a group of actions, in the fixed status order."""
        counts = Counter(a.status for a in actions)
        return {s: counts.get(s, 0) for s in STATUSES}

    @cached_property
    def period_label(self) -> str:
        return f"{self.van}–{self.tot}"

    @cached_property
    def slot_by_key(self) -> dict[int, YearSlice]:
        return {y.jaar: y for y in self.years}

    def first_year_of(self, action: Action, slot: int) -> bool:
        """Whether slot is the first the action runs in (a multi-slot action shows in full there, in brief after)."""
        return action.van == slot


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _raw_or_text(doc: Document, key: tuple[Any, ...], value: Any) -> str:
    """Numbers that editors meant as text (versie: 1.10) keep their source spelling."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return doc.raw.get(key, str(value))
    return _text(value)


def _actions(doc: Document, opgave_id: str, slots: Slots) -> tuple[Action, ...]:
    """The actions of an opgave: numbered ones in natural order, then the rest as written (never by year)."""
    out = []
    for i, item in enumerate(doc.data.get("acties", [])):
        van, tot = _span(item, slots)
        out.append(
            Action(
                id=item["id"],
                titel=item["titel"],
                opgave=opgave_id,
                van=van,
                tot=tot,
                eigenaar=item["eigenaar"],
                teams=tuple(item.get("teams", ())),
                status=item["status"],
                na=tuple(item.get("na", ())),
                toelichting=_text(item.get("toelichting")).strip(),
                source=doc.path,
                line=doc.line(("acties", i)),
                nummer=nummer_text(item.get("nummer"), doc.raw.get(("acties", i, "nummer"))),
                period_label=slots.span_label(van, tot),
            )
        )
    return in_author_order(out, lambda a: a.nummer)


def _span(item: dict[str, Any], slots: Slots) -> tuple[int, int]:
    """An action's first and last slot key: its years, or the positions of its phases."""
    if not slots.phased:
        return int(item.get("jaar") or item["van"]), int(item.get("jaar") or item["tot"])
    fase = item["fase"]
    first, last = (fase, fase) if isinstance(fase, str) else (fase["van"], fase["tot"])
    return slots.key(first) or 0, slots.key(last) or 0


def _indicator(doc: Document, n: int, data: dict[str, Any]) -> Indicator:
    measured = data.get("metingen") or {}
    return Indicator(
        naam=data["naam"],
        doel=_raw_or_text(doc, ("indicatoren", n, "doel"), data.get("doel")),
        nulmeting=_raw_or_text(doc, ("indicatoren", n, "nulmeting"), data.get("nulmeting")),
        jaar=data.get("jaar"),
        metingen=tuple(sorted((int(y), _raw_or_text(doc, ("indicatoren", n, "metingen", y), v)) for y, v in measured.items())),
    )


def _opgave(doc: Document, slots: Slots) -> Opgave:
    data = doc.data
    assert doc.id is not None
    return Opgave(
        id=doc.id,
        titel=data["titel"],
        bron=data["bron"],
        eigenaar=data["eigenaar"],
        themas=tuple(data.get("themas", ())),
        stip=data["stip"].strip(),
        koers=data["koers"].strip(),
        acties=_actions(doc, doc.id, slots),
        indicatoren=tuple(_indicator(doc, n, i) for n, i in enumerate(data.get("indicatoren", []))),
        body=doc.body,
        source=doc.path,
        nummer=nummer_text(data.get("nummer"), doc.raw.get(("nummer",))),
        na=tuple(data.get("na", ())),
    )


def _theme(doc: Document) -> Theme:
    data = doc.data
    nummer = nummer_text(data.get("nummer"), doc.raw.get(("nummer",)))
    return Theme(doc.id or "", data["titel"], data["kort"].strip(), doc.body, doc.path, nummer)


def _slices(content: Content, slots: Slots) -> tuple[YearSlice, ...]:
    """A YearSlice per slot, with its introduction from content/jaarschijven/<jaar or fase>.md when there is one."""
    docs = {d.id: d for d in content.jaarschijven if d.id}
    phases = {str(p["id"]): p for p in phases_of(content)}
    out = []
    for key, ident, label in zip(slots.keys, slots.ids, slots.labels, strict=True):
        doc = docs.get(ident)
        front = (doc.data or {}) if doc is not None else {}
        phase = phases.get(ident, {}) if slots.phased else {}
        van, tot = phase.get("van"), phase.get("tot")
        years = "" if van is None and tot is None else str(van or tot) if van == tot or None in (van, tot) else f"{van}–{tot}"
        out.append(
            YearSlice(
                jaar=key,
                titel=_text(front.get("titel")),
                body=doc.body if doc is not None else "",
                source=doc.path if doc is not None else None,
                slug=ident,
                label=label,
                toelichting=_text(phase.get("toelichting")).strip(),
                years=years,
                terugblik=_text(front.get("terugblik")).strip(),
                short=f"Fase {key}" if slots.phased else label,
            )
        )
    return tuple(out)


def _not_anymore(item: Any) -> NotAnymore:
    return NotAnymore(item.strip()) if isinstance(item, str) else NotAnymore(item["tekst"].strip(), _text(item.get("opgave")))


def build_model(content: Content) -> Strategy:
    """Turn validated content into the frozen Strategy (call only when validation found no errors)."""
    assert content.strategie is not None and content.visie is not None
    doc = content.strategie
    data = doc.data
    period = period_of(content)
    slots = slots_of(content)
    assert period is not None and slots is not None
    teams_data = content.teams.data if content.teams is not None else {}
    adopted = data.get("vastgesteld")
    visie = content.visie
    return Strategy(
        titel=data["titel"],
        organisatie=data["organisatie"],
        ambitie=data["ambitie"].strip(),
        van=period[0],
        tot=period[1],
        versie=_raw_or_text(doc, ("versie",), data["versie"]),
        status=data["status"],
        vastgesteld=Adoption(adopted["datum"], adopted["door"]) if adopted else None,
        huisstijl=data["huisstijl"],
        max_a4=int(data.get("omvang", {}).get("max_a4", 5)),
        sources=tuple(Source(s["id"], s["titel"]) for s in data.get("bronnen", DEFAULT_SOURCES)),
        principles=tuple(Principle(p["titel"], _text(p.get("toelichting")).strip()) for p in data.get("principes", [])),
        niet_meer=tuple(_not_anymore(item) for item in data.get("niet_meer", [])),
        vision=Vision(visie.data["titel"], visie.data["kern"].strip(), visie.body, visie.path),
        opgaven=in_author_order((_opgave(d, slots) for d in content.opgaven), lambda o: o.nummer),
        themes=in_author_order((_theme(d) for d in content.themas), lambda t: t.nummer),
        years=_slices(content, slots),
        teams=tuple(
            Team(k, v["naam"], _text(v.get("afdeling")), _text(v.get("beschrijving")), tuple(v.get("rollen", ())))
            for k, v in sorted((teams_data or {}).items())
        ),
        has_teams_file=content.teams is not None,
        key_lines=tuple(
            (d.path, tuple(sorted((str(k[0]), v) for k, v in d.lines.items() if len(k) == 1))) for d in content.documents()
        ),
        phased=slots.phased,
        poster_form=data.get("poster", {}).get("vorm", "twee"),
        progress_max_a4=int(data.get("omvang", {}).get("voortgang_max_a4", 2)),
    )


def without_bodies(strategy: Strategy) -> Strategy:
    """The strategy with every Markdown body empty: what the posters (and their fit in `koers check`) are made from.

    No poster shows a body (the vision's, an opgave's, a theme's or a year's text), so an edit of
    only a body keeps every poster, their exports and the fit's findings (koers.reuse). tests/test_downloads_cache.py
    renders the posters of both and requires them equal, and the fit's findings too, so a poster
    that starts to show a body fails there before its cache goes stale.
    """
    return replace(
        strategy,
        vision=replace(strategy.vision, body=""),
        opgaven=tuple(replace(o, body="") for o in strategy.opgaven),
        themes=tuple(replace(t, body="") for t in strategy.themes),
        years=tuple(replace(y, body="") for y in strategy.years),
    )
