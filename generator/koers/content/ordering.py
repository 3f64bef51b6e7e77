"""The author's order: numbers as the document writes them ("1.2" before "1.10" before "2"), else as written."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
_CHUNK = re.compile(r"(\d+)")


def natural_key(nummer: str) -> tuple[tuple[int, int, str], ...]:
    """A sort key that reads digit runs as numbers: 1.2 < 1.10 < 2 < 10, and 8.3 < 8.3a < 8.4."""
    parts = (chunk for chunk in _CHUNK.split(nummer.strip()) if chunk)
    return tuple((0, int(chunk), "") if chunk.isdigit() else (1, 0, chunk.casefold()) for chunk in parts)


def in_author_order(items: Iterable[T], nummer: Callable[[T], str]) -> tuple[T, ...]:
    """Numbered items in natural order first, then the others in the order given (stable)."""
    listed = list(items)
    numbered = sorted((i for i in listed if nummer(i)), key=lambda i: natural_key(nummer(i)))
    return tuple(numbered) + tuple(i for i in listed if not nummer(i))


def nummer_text(value: Any, raw: str | None = None) -> str:
    """A nummer as text: written as a YAML number (nummer: 3 or 1.10) it keeps its source spelling."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, (int, float)):
        return raw if raw is not None else str(value)
    return str(value).strip()


def with_number(nummer: str, titel: str) -> str:
    """'1.1 Titel', or the title alone when there is no number."""
    return f"{nummer} {titel}" if nummer else titel


def duplicates(numbers: Sequence[tuple[str, T]]) -> list[tuple[str, T, T]]:
    """(nummer, where, where it was first used) for each nummer used twice; compared as written, spaces ignored.

    `where` is whatever the caller needs to point at both uses: a line, or a (document, line) pair.
    """
    first: dict[str, T] = {}
    out = []
    for nummer, where in numbers:
        key = "".join(nummer.split()).casefold()
        if not key:
            continue
        if key in first:
            out.append((nummer, where, first[key]))
        else:
            first[key] = where
    return out
