"""Teams as the site shows them: only the teams of teams.yaml (an owner written as a role is no team)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from koers.content.model import Action, Opgave, Strategy


@dataclass(frozen=True)
class TeamView:
    """A team page: who the team is, the opgaven and actions it owns and the actions it joins."""

    id: str
    naam: str
    afdeling: str
    beschrijving: str
    owned: tuple[Action, ...]
    joined: tuple[Action, ...]
    owned_opgaven: tuple[Opgave, ...] = ()
    rollen: tuple[str, ...] = ()
    # Every action's position in the author's order: the strategy's one map, shared by all views.
    position: Mapping[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)

    # Computed once per view (a frozen dataclass keeps cached_property values in its __dict__):
    # the page asks for them once per action, which made large team pages quadratic.
    @cached_property
    def actions(self) -> tuple[Action, ...]:
        """Owned and joined actions together, by the slot they start in, then in the author's order (never twice)."""
        seen = {a.id: a for a in self.joined} | {a.id: a for a in self.owned}
        return tuple(sorted(seen.values(), key=lambda a: (a.van, self.position.get(a.id, 0))))

    def actions_in(self, slot: int) -> tuple[Action, ...]:
        """The team's actions that run in a year or phase (for its progress)."""
        return tuple(a for a in self.actions if slot in a.years)

    @cached_property
    def _owned_ids(self) -> frozenset[str]:
        return frozenset(a.id for a in self.owned)

    @cached_property
    def opgave_ids(self) -> frozenset[str]:
        """The opgaven the team owns or that its actions belong to."""
        return frozenset(a.opgave for a in self.actions) | frozenset(o.id for o in self.owned_opgaven)

    def role(self, action: Action) -> str:
        return "Eigenaar" if action.id in self._owned_ids else "Doet mee"

    def by_year(self) -> list[tuple[int, tuple[Action, ...]]]:
        """The team's actions grouped by the year (or phase) they start in."""
        groups: dict[int, list[Action]] = {}
        for action in self.actions:
            groups.setdefault(action.van, []).append(action)
        return [(y, tuple(groups[y])) for y in sorted(groups)]


def team_views(strategy: Strategy) -> dict[str, TeamView]:
    """A view per team of teams.yaml, keyed by team id (none without teams.yaml: roles are not teams)."""
    return {
        t.id: TeamView(
            t.id,
            t.naam,
            t.afdeling,
            t.beschrijving,
            *strategy.actions_by_team.get(t.id, ((), ())),
            owned_opgaven=strategy.opgaven_by_team.get(t.id, ()),
            rollen=t.rollen,
            position=strategy.author_position,
        )
        for t in strategy.teams
    }


def sorted_teams(views: dict[str, TeamView]) -> list[TeamView]:
    return sorted(views.values(), key=lambda t: (t.afdeling.casefold(), t.naam.casefold(), t.id))


def by_department(views: dict[str, TeamView]) -> list[tuple[str, list[TeamView]]]:
    """Teams grouped by afdeling; teams without one come last, under ''."""
    groups: dict[str, list[TeamView]] = {}
    for team in sorted_teams(views):
        groups.setdefault(team.afdeling, []).append(team)
    return sorted(groups.items(), key=lambda kv: (kv[0] == "", kv[0].casefold()))
