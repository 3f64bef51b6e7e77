"""Teams as the site shows them: from teams.yaml, or derived from free-text owners when there is none."""

from __future__ import annotations

from dataclasses import dataclass

from koers.model import Action, Strategy
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

    @property
    def actions(self) -> tuple[Action, ...]:
        """Owned and joined actions together, by start year then id (an action is never listed twice)."""
        seen = {a.id: a for a in self.joined} | {a.id: a for a in self.owned}
        return tuple(sorted(seen.values(), key=lambda a: (a.van, a.tot, a.id)))

    def role(self, action: Action) -> str:
        return "Eigenaar" if any(a.id == action.id for a in self.owned) else "Doet mee"

    def by_year(self) -> list[tuple[int, tuple[Action, ...]]]:
        """The team's actions grouped by the year they start."""
        years = sorted({a.van for a in self.actions})
        return [(y, tuple(a for a in self.actions if a.van == y)) for y in years]


def team_views(strategy: Strategy) -> dict[str, TeamView]:
    """Team views keyed by the name actions use (a team id, or the free-text owner)."""
    if strategy.has_teams_file:
        return {
            t.id: TeamView(t.id, t.naam, t.afdeling, t.beschrijving, *strategy.actions_by_team.get(t.id, ((), ())))
            for t in strategy.teams
        }
    names = sorted({a.eigenaar for a in strategy.actions} | {t for a in strategy.actions for t in a.teams}, key=str.casefold)
    views: dict[str, TeamView] = {}
    used: set[str] = set()
    for name in names:
        slug, n = slugify(name), 2
        while slug in used:
            slug, n = f"{slugify(name)}-{n}", n + 1
        used.add(slug)
        owned = tuple(a for a in strategy.actions if a.eigenaar == name)
        joined = tuple(a for a in strategy.actions if name in a.teams)
        views[name] = TeamView(slug, name, "", "", owned, joined)
    return views


def sorted_teams(views: dict[str, TeamView]) -> list[TeamView]:
    return sorted(views.values(), key=lambda t: (t.afdeling.casefold(), t.naam.casefold(), t.id))


def by_department(views: dict[str, TeamView]) -> list[tuple[str, list[TeamView]]]:
    """Teams grouped by afdeling; teams without one come last, under ''."""
    groups: dict[str, list[TeamView]] = {}
    for team in sorted_teams(views):
        groups.setdefault(team.afdeling, []).append(team)
    return sorted(groups.items(), key=lambda kv: (kv[0] == "", kv[0].casefold()))
