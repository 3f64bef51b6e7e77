"""The strategy as a frozen model with its derived views; built from validated content."""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from koers.content.load import Content, Document
from koers.content.schema import statuses
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
    doel: str
    nulmeting: str = ""
    jaar: int | None = None


@dataclass(frozen=True)
class Team:
    id: str
    naam: str
    afdeling: str = ""
    beschrijving: str = ""


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

    @property
    def years(self) -> range:
        return range(self.van, self.tot + 1)

    @property
    def period_label(self) -> str:
        return str(self.van) if self.van == self.tot else f"{self.van}–{self.tot}"


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


@dataclass(frozen=True)
class Theme:
    """A cross-cutting theme (ethiek, transparantie, …) with its short vision."""

    id: str
    titel: str
    kort: str
    body: str
    source: str


@dataclass(frozen=True)
class YearSlice:
    jaar: int
    titel: str
    body: str
    source: str | None


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
    niet_meer: tuple[str, ...]
    vision: Vision
    opgaven: tuple[Opgave, ...]
    themes: tuple[Theme, ...]
    years: tuple[YearSlice, ...]
    teams: tuple[Team, ...]
    has_teams_file: bool
    key_lines: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()

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
        """Rows of the matrix: each source with its opgaven (in file order)."""
        return tuple((s, tuple(o for o in self.opgaven if o.bron == s.id)) for s in self.sources)

    @cached_property
    def actions_by_year(self) -> dict[int, tuple[Action, ...]]:
        """Every year of the period with the actions that run in it."""
        return {y.jaar: tuple(a for a in self.actions if y.jaar in a.years) for y in self.years}

    @cached_property
    def opgaven_by_theme(self) -> dict[str, tuple[Opgave, ...]]:
        return {t.id: tuple(o for o in self.opgaven if t.id in o.themas) for t in self.themes}

    @cached_property
    def actions_by_team(self) -> dict[str, tuple[tuple[Action, ...], tuple[Action, ...]]]:
        """Per team: (actions it owns, actions it contributes to)."""
        owned: dict[str, list[Action]] = {t.id: [] for t in self.teams}
        joined: dict[str, list[Action]] = {t.id: [] for t in self.teams}
        for action in self.actions:
            owned.setdefault(action.eigenaar, []).append(action)
            for team in action.teams:
                joined.setdefault(team, []).append(action)
        return {t.id: (tuple(owned[t.id]), tuple(joined[t.id])) for t in self.teams}

    @cached_property
    def dependents(self) -> dict[str, tuple[str, ...]]:
        """For each action, the actions that wait for it."""
        out: dict[str, list[str]] = {a.id: [] for a in self.actions}
        for action in self.actions:
            for dep in action.na:
                out[dep].append(action.id)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def dependency_order(self) -> tuple[Action, ...]:
        """All actions in an order where each comes after those it waits for (Kahn; stable by year, id)."""
        waiting = {a.id: len(a.na) for a in self.actions}
        # A heap keyed (year, id) always yields the earliest ready action, as re-sorting a list did, in O(n log n).
        ready = [(a.van, a.id) for a in self.actions if not a.na]
        heapq.heapify(ready)
        order: list[Action] = []
        while ready:
            action = self.action_by_id[heapq.heappop(ready)[1]]
            order.append(action)
            for nxt in self.dependents[action.id]:
                waiting[nxt] -= 1
                if waiting[nxt] == 0:
                    heapq.heappush(ready, (self.action_by_id[nxt].van, nxt))
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
    def actions_by_year_and_opgave(self) -> dict[int, tuple[tuple[Opgave, tuple[Action, ...]], ...]]:
        """Per year of the period: each opgave (in file order) with its actions that run in that year."""
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


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _raw_or_text(doc: Document, key: tuple[Any, ...], value: Any) -> str:
    """Numbers that editors meant as text (versie: 1.10) keep their source spelling."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return doc.raw.get(key, str(value))
    return _text(value)


def _actions(doc: Document, opgave_id: str) -> tuple[Action, ...]:
    out = []
    for i, item in enumerate(doc.data.get("acties", [])):
        van = item.get("jaar", item.get("van"))
        tot = item.get("jaar", item.get("tot"))
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
                toelichting=_text(item.get("toelichting")),
                source=doc.path,
                line=doc.line(("acties", i)),
            )
        )
    return tuple(out)


def _opgave(doc: Document) -> Opgave:
    data = doc.data
    assert doc.id is not None
    indicators = tuple(
        Indicator(
            naam=i["naam"],
            doel=_raw_or_text(doc, ("indicatoren", n, "doel"), i["doel"]),
            nulmeting=_raw_or_text(doc, ("indicatoren", n, "nulmeting"), i.get("nulmeting")),
            jaar=i.get("jaar"),
        )
        for n, i in enumerate(data.get("indicatoren", []))
    )
    return Opgave(
        id=doc.id,
        titel=data["titel"],
        bron=data["bron"],
        eigenaar=data["eigenaar"],
        themas=tuple(data.get("themas", ())),
        stip=data["stip"].strip(),
        koers=data["koers"].strip(),
        acties=_actions(doc, doc.id),
        indicatoren=indicators,
        body=doc.body,
        source=doc.path,
    )


def build_model(content: Content) -> Strategy:
    """Turn validated content into the frozen Strategy (call only when validation found no errors)."""
    assert content.strategie is not None and content.visie is not None
    doc = content.strategie
    data = doc.data
    period = period_of(content)
    assert period is not None
    years_docs = {int(d.id): d for d in content.jaarschijven if d.id}
    years = tuple(
        YearSlice(
            jaar=y,
            titel=_text((years_docs[y].data or {}).get("titel")) if y in years_docs else "",
            body=years_docs[y].body if y in years_docs else "",
            source=years_docs[y].path if y in years_docs else None,
        )
        for y in range(period[0], period[1] + 1)
    )
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
        niet_meer=tuple(data.get("niet_meer", [])),
        vision=Vision(visie.data["titel"], visie.data["kern"].strip(), visie.body, visie.path),
        opgaven=tuple(_opgave(d) for d in content.opgaven),
        themes=tuple(Theme(d.id or "", d.data["titel"], d.data["kort"].strip(), d.body, d.path) for d in content.themas),
        years=years,
        teams=tuple(
            Team(k, v["naam"], _text(v.get("afdeling")), _text(v.get("beschrijving"))) for k, v in sorted((teams_data or {}).items())
        ),
        has_teams_file=content.teams is not None,
        key_lines=tuple(
            (d.path, tuple(sorted((str(k[0]), v) for k, v in d.lines.items() if len(k) == 1))) for d in content.documents()
        ),
    )
