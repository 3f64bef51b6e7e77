"""The accessibility test result a CI run leaves in build/toegankelijkheid.json, read for the statement page.

The file is written by the browser tests (tests/e2e/) and read by the next build:

    {"datum": "2025-03-01", "hulpmiddel": "axe-core 4.10 in Chromium 134", "paginas": 31, "problemen": 0,
     "controles": [{"naam": "…", "geslaagd": true}], "breedtes": [1280, 390]}

Only "problemen" is required; everything else is optional. Anything unreadable means: not yet tested.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from koers.dutch import dutch_date

ACCESSIBILITY_RESULT = "build/toegankelijkheid.json"


@dataclass(frozen=True)
class Check:
    """One automatic check and whether it passed."""

    naam: str
    geslaagd: bool


@dataclass(frozen=True)
class AccessibilityResult:
    """What the last automatic accessibility test found."""

    problemen: int
    datum: str | None = None
    hulpmiddel: str | None = None
    paginas: int | None = None
    controles: tuple[Check, ...] = ()
    breedtes: tuple[int, ...] = ()

    @property
    def found(self) -> str:
        if self.problemen == 0:
            return "geen problemen gevonden"
        return f"{self.problemen} {'probleem' if self.problemen == 1 else 'problemen'} gevonden"

    @property
    def date_label(self) -> str | None:
        return dutch_date(self.datum) if self.datum else None

    def summary(self) -> str:
        """One Dutch sentence for the about page."""
        parts = ["Automatisch getest"]
        if self.datum:
            parts.append(f"op {dutch_date(self.datum)}")
        if self.hulpmiddel:
            parts.append(f"met {self.hulpmiddel}")
        scope = f" op {self.paginas} pagina's" if self.paginas is not None else ""
        return " ".join(parts) + f"{scope}: {self.found}."


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _count(value: Any) -> int | None:
    # bool is an int in Python; a JSON true is no page count.
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _checks(value: Any) -> tuple[Check, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(
        Check(item["naam"].strip(), item.get("geslaagd") is True)
        for item in value
        if isinstance(item, dict) and _text(item.get("naam"))
    )


def parse_accessibility(data: Any) -> AccessibilityResult | None:
    """The result from the decoded JSON; None when it is not a result at all."""
    if not isinstance(data, dict) or _count(data.get("problemen")) is None:
        return None
    widths = data.get("breedtes")
    return AccessibilityResult(
        problemen=data["problemen"],
        datum=_text(data.get("datum")),
        hulpmiddel=_text(data.get("hulpmiddel")),
        paginas=_count(data.get("paginas")),
        controles=_checks(data.get("controles")),
        breedtes=tuple(w for w in widths if _count(w)) if isinstance(widths, list) else (),
    )
