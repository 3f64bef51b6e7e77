"""Teams as the site shows them: from teams.yaml, or derived from free-text owners when there is none."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from koers.content.model import Action, Strategy
from koers.slug import slugify


@dataclass(frozen=True)
class TeamView:
    """A team page: who the team is and the actions it owns or joins."""

    id: str
    naam: str
    afdeling: str
    beschrijving: str
    owned: tuple[Action, ...]
    joined: tuple[Action, ...]

    # Computed once per view (a frozen dataclass keeps cached_property values in its __dict__):
    # the page asks for them once per action, which made large team pages quadratic.
    @cached_property
    def actions(self) -> tuple[Action, ...]:
        """Owned and joined actions together, by start year then id (an action is never listed twice)."""
        seen = {a.id: a for a in self.joined} | {a.id: a for a in self.owned}
        return tuple(sorted(seen.values(), key=lambda a: (a.van, a.tot, a.id)))

    @cached_property
    def _owned_ids(self) -> frozenset[str]:
        return frozenset(a.id for a in self.owned)

    @cached_property
    def opgave_ids(self) -> frozenset[str]:
        """The opgaven the team's actions belong to."""
        return frozenset(a.opgave for a in self.actions)

    def role(self, action: Action) -> str:
        return "Eigenaar" if action.id in self._owned_ids else "Doet mee"

    def by_year(self) -> list[tuple[int, tuple[Action, ...]]]:
        """The team's actions grouped by the year they start."""
        groups: dict[int, list[Action]] = {}
        for action in self.actions:
            groups.setdefault(action.van, []).append(action)
        return [(y, tuple(groups[y])) for y in sorted(groups)]


def team_views(strategy: Strategy) -> dict[str, TeamView]:
    """Team views keyed by the name actions use (a team id, or the free-text owner)."""
    if strategy.has_teams_file:
        return {
            t.id: TeamView(t.id, t.naam, t.afdeling, t.beschrijving, *strategy.actions_by_team.get(t.id, ((), ())))
            for t in strategy.teams
        }
    names = sorted({a.eigenaar for a in strategy.actions} | {t for a in strategy.actions for t in a.teams}, key=str.casefold)
    owned_by: dict[str, list[Action]] = {}
    joined_by: dict[str, list[Action]] = {}
    for action in strategy.actions:
        owned_by.setdefault(action.eigenaar, []).append(action)
        for team in action.teams:
            joined_by.setdefault(team, []).append(action)
    views: dict[str, TeamView] = {}
    used: set[str] = set()
    for name in names:
        slug, n = slugify(name), 2
        while slug in used:
            slug, n = f"{slugify(name)}-{n}", n + 1
        used.add(slug)
        views[name] = TeamView(slug, name, "", "", tuple(owned_by.get(name, ())), tuple(joined_by.get(name, ())))
    return views


def sorted_teams(views: dict[str, TeamView]) -> list[TeamView]:
    return sorted(views.values(), key=lambda t: (t.afdeling.casefold(), t.naam.casefold(), t.id))


def by_department(views: dict[str, TeamView]) -> list[tuple[str, list[TeamView]]]:
    """Teams grouped by afdeling; teams without one come last, under ''."""
    groups: dict[str, list[TeamView]] = {}
    for team in sorted_teams(views):
        groups.setdefault(team.afdeling, []).append(team)
    return sorted(groups.items(), key=lambda kv: (kv[0] == "", kv[0].casefold()))
