"""What the poster fit found, as content errors: the field, its file and line, by how much, on which posters.

Apart from the fit itself (koers.render.posters.fitting), so that a check that reuses the fit's
findings (koers.reuse.fit) loads no text measurer and no poster layout.
"""

from __future__ import annotations

from koers.content.model import Strategy
from koers.findings import Report

FIELD_WORDS = {"titel": "titel", "stip": "stip", "koers": "koers"}

Problem = tuple[tuple[str, str], int, str]  # ((kind, key), characters too many, 'poster, size')


def report_fit(strategy: Strategy, found_problems: list[Problem], report: Report) -> None:
    """Every field that cannot fit, once, with the largest overflow and the poster sizes concerned."""
    found: dict[tuple[str, str], tuple[int, list[str]]] = {}
    for place, chars, where in found_problems:
        most, posters = found.get(place, (0, []))
        found[place] = (max(most, chars), posters + [where] if where not in posters else posters)
    for (kind, key), (chars, posters) in sorted(found.items()):
        if key == "opgaven":
            report.error(
                "content/strategie.yaml",
                1,
                f"de strategie heeft te veel opgaven voor de poster ({_list(posters)}): {len(strategy.opgaven)} opgaven "
                "passen ook met alleen hun titel niet op het papier; voeg opgaven samen tot minder, grotere opgaven",
            )
            continue
        path, field, subject = _subject(strategy, kind, key)
        line = strategy.line(path, field)
        amount = f"{chars} {'teken' if chars == 1 else 'tekens'} te lang" if chars else "te lang"
        report.error(path, line, f"{subject} past niet op de poster: {amount} ({_list(posters)}); maak de tekst korter")


def _subject(strategy: Strategy, kind: str, key: str) -> tuple[str, str, str]:
    """(file, front-matter key, Dutch subject) for a problem."""
    if kind == "opgave":
        opgave_id, field = key.split(":")
        return strategy.opgave_by_id[opgave_id].source, field, f"{FIELD_WORDS[field]} van opgave '{opgave_id}'"
    if key == "visie":
        return strategy.vision.source, "kern", "de kern van de visie"
    if key == "ambitie":
        return "content/strategie.yaml", "ambitie", "de ambitie"
    return "content/strategie.yaml", "titel", "de titel van de strategie"


def _list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else "; ".join(items[:-1]) + " en " + items[-1]
