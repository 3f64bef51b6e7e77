"""Owners: a team from teams.yaml, or a role written as text ('CIO', 'Programmamanager data').

Only teams.yaml makes teams. An owner that is a team's id is that team; an owner written
as one of a team's `rollen` counts for that team; any other text is a role and stays text.
A value written like an id (lowercase letters, digits and hyphens only) is meant as a team
id, so where teams.yaml exists it must be one: a typo there is an error, not a new role.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from koers.content.load import ID_PATTERN
from koers.content.schema import suggest


def role_key(text: str) -> str:
    """Roles compare without regard to case or spacing: 'CIO' is 'cio', 'Programma  manager' is 'programma manager'."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Teams:
    """What teams.yaml says, for resolving owners: ids, names and roles (None: there is no usable teams.yaml)."""

    ids: frozenset[str]
    names: dict[str, str]  # casefolded team name → id
    roles: dict[str, str]  # role_key(role) → id

    @classmethod
    def of(cls, data: Any) -> Teams | None:
        if not isinstance(data, dict):
            return None
        names: dict[str, str] = {}
        roles: dict[str, str] = {}
        for team_id, team in sorted(data.items()):
            team = team if isinstance(team, dict) else {}
            names[str(team.get("naam", "")).casefold()] = team_id
            for role in team.get("rollen") or []:
                if isinstance(role, str):
                    roles.setdefault(role_key(role), team_id)
        return cls(frozenset(data), names, roles)

    def problem(self, owner: str) -> str | None:
        """Why an owner (or a contributing team) cannot be resolved, as the end of a Dutch sentence; None when fine."""
        if owner in self.ids or role_key(owner) in self.roles:
            return None
        if owner.casefold() in self.names:
            return f"staat niet in teams.yaml; dat is de naam van team '{self.names[owner.casefold()]}': gebruik het id"
        if ID_PATTERN.match(owner):
            hint = suggest(owner, self.ids)
            return "staat niet in teams.yaml" + (hint or "; een rol schrijf je als tekst, zoals 'CIO' of 'Programmamanager data'")
        return None
