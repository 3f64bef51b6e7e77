"""The poster fit of `koers check`, reused when nothing a poster shows changed (an edit of a body changes none).

The fit lays the strategy out at three paper sizes with the house style's font (koers.render.posters.fitting):
the larger part of a cold `koers check` (0,14–0,24 s of 0,5–0,8 s for the example), and of every
`koers build` and every save in `koers serve`. Its findings depend on what the posters show and
nothing else, so they are kept like the posters (koers.reuse.downloads.posters): keyed by the
strategy without its bodies, the house style, the bytes of its fonts and logo, Koers' source and the
installed libraries. Their files, lines and wording come from the current strategy each time
(koers.render.posters.fitreport). `koers check` loads the poster layouts only when nothing is kept.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from koers.content.model import Strategy, without_bodies
from koers.housestyle.theme import HouseStyle
from koers.render.posters.fitreport import Problem
from koers.reuse.store import cache_root, file_digests, installed_digest, source_digest, store_atomically

SCHEME = "koers-fit-1"  # bump when the stored form changes


def poster_inputs(strategy: Strategy, style: HouseStyle) -> bytes:
    """A digest of everything the posters are made from, so of the fit too (koers.reuse.downloads keys the posters by it).

    The strategy without its bodies (no poster shows one), the house style, the bytes of its fonts
    and logo, Koers' source and the installed libraries.
    """
    hasher = hashlib.sha256()
    for part in (source_digest(), installed_digest(), repr(without_bodies(strategy)), repr(style)):
        hasher.update(part.encode("utf-8") + b"\0")
    hasher.update(file_digests([style.fonts.regular, style.fonts.bold, style.fonts.italic, style.logo]))
    return hasher.digest()


def key(strategy: Strategy, style: HouseStyle) -> Path:
    """Where the fit's findings for this strategy and house style are kept."""
    return cache_root() / "fit" / f"{hashlib.sha256(SCHEME.encode('utf-8') + poster_inputs(strategy, style)).hexdigest()}.json"


def stored(path: Path) -> list[Problem] | None:
    """The findings kept there, or None (not found yet, or not readable)."""
    try:
        return [((str(kind), str(name)), int(chars), str(where)) for (kind, name), chars, where in json.loads(path.read_bytes())]
    except (OSError, ValueError, TypeError):
        return None


def keep(path: Path, found: list[Problem]) -> None:
    try:
        store_atomically(path, json.dumps(found, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass  # a cache that cannot be written only costs time
