"""The accessibility test result in build/toegankelijkheid.json, read for the statement page; and its compliance status.

`koers toets` (and Koers' own browser tests) write the file; the next `koers build` reads it:

    {"datum": "2025-03-01", "hulpmiddel": "axe-core 4.10 in Chromium 134", "paginas": 31, "problemen": 0,
     "controles": [{"naam": "…", "geslaagd": true}], "breedtes": [1280, 390],
     "bekende_problemen": [{"regel": "color-contrast", "beschrijving": "…", "ernst": "serious",
                            "paginas": ["index.html"], "breedtes": [390]}]}

Only "problemen" is required; everything else is optional. The file is untrusted input (anyone who can
write to build/ made it): what has the wrong shape is left out, texts are single lines of limited length,
and anything unreadable means: not yet tested.

The compliance status (A–E) follows the national register's model (toegankelijkheidsverklaring.nl), with
this rule, because an automatic test is not the expert research (WCAG-EM, all 50 requirements) that
status A and B require:
- E (geen verklaring): there is no test result, so nothing to base a statement on;
- D (voldoet niet): the test found a problem, or one of its checks failed;
- C (eerste maatregelen genomen): the test found no problem; C holds only while an expert research is
  planned within six months;
- A and B are never computed: the organisation claims them in the register after that research.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from koers.dutch import dutch_date

ACCESSIBILITY_RESULT = "build/toegankelijkheid.json"
MAX_TEXT = 300  # characters of one text from the file
MAX_ISSUES = 100  # known problems shown
MAX_PAGES = 10  # pages named per problem
IMPACTS = {"critical": "kritiek", "serious": "ernstig", "moderate": "matig", "minor": "klein"}  # axe's impact, in Dutch


@dataclass(frozen=True)
class Check:
    """One automatic check and whether it passed."""

    naam: str
    geslaagd: bool


@dataclass(frozen=True)
class Issue:
    """One axe rule the test found broken, and where."""

    regel: str
    beschrijving: str
    ernst: str | None
    paginas: tuple[str, ...]
    meer_paginas: int  # pages beyond those named
    breedtes: tuple[int, ...]

    @property
    def ernst_label(self) -> str | None:
        return IMPACTS.get(self.ernst) if self.ernst else None


@dataclass(frozen=True)
class Status:
    """A compliance status of the register's model: its letter, its name and why it applies."""

    letter: str
    naam: str
    reden: str


@dataclass(frozen=True)
class AccessibilityResult:
    """What the last automatic accessibility test found."""

    problemen: int
    datum: str | None = None
    hulpmiddel: str | None = None
    paginas: int | None = None
    controles: tuple[Check, ...] = ()
    breedtes: tuple[int, ...] = ()
    bekende_problemen: tuple[Issue, ...] = ()

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


def compliance(result: AccessibilityResult | None) -> Status:
    """The status by the rule in this module's docstring."""
    if result is None:
        return Status("E", "geen verklaring", "er is nog geen uitkomst van een toegankelijkheidstest om een verklaring op te baseren")
    if result.problemen or any(not c.geslaagd for c in result.controles):
        return Status("D", "voldoet niet", "de automatische test vond problemen die nog niet zijn opgelost")
    return Status(
        "C",
        "eerste maatregelen genomen",
        "de automatische test vond geen problemen; status C geldt alleen als binnen zes maanden een volledig onderzoek door een deskundige is gepland",
    )


def _text(value: Any) -> str | None:
    """A text as one line (a line break could end the page's HTML block and start Markdown), at most MAX_TEXT characters."""
    if not isinstance(value, str) or not value.split():
        return None
    line = " ".join(value.split())
    return line if len(line) <= MAX_TEXT else line[: MAX_TEXT - 1] + "…"


def _count(value: Any) -> int | None:
    # bool is an int in Python; a JSON true is no page count.
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _widths(value: Any) -> tuple[int, ...]:
    return tuple(w for w in value if _count(w)) if isinstance(value, list) else ()


def _checks(value: Any) -> tuple[Check, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(Check(name, item.get("geslaagd") is True) for item in value if isinstance(item, dict) and (name := _text(item.get("naam"))))


def _issue(item: Any) -> Issue | None:
    if not isinstance(item, dict) or not (rule := _text(item.get("regel"))) or not (text := _text(item.get("beschrijving"))):
        return None
    pages = [page for p in item.get("paginas", []) if (page := _text(p))] if isinstance(item.get("paginas"), list) else []
    impact = item.get("ernst") if item.get("ernst") in IMPACTS else None
    return Issue(rule, text, impact, tuple(pages[:MAX_PAGES]), max(0, len(pages) - MAX_PAGES), _widths(item.get("breedtes")))


def _issues(value: Any) -> tuple[Issue, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(issue for item in value[:MAX_ISSUES] if (issue := _issue(item)))


def parse_accessibility(data: Any) -> AccessibilityResult | None:
    """The result from the decoded JSON; None when it is not a result at all."""
    if not isinstance(data, dict) or _count(data.get("problemen")) is None:
        return None
    return AccessibilityResult(
        problemen=data["problemen"],
        datum=_text(data.get("datum")),
        hulpmiddel=_text(data.get("hulpmiddel")),
        paginas=_count(data.get("paginas")),
        controles=_checks(data.get("controles")),
        breedtes=_widths(data.get("breedtes")),
        bekende_problemen=_issues(data.get("bekende_problemen")),
    )


def result_data(
    day: str, tool: str, pages: int, problems: dict[int, int], checks: dict[str, bool], issues: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The JSON that `parse_accessibility` reads, from a test run: problems per screen width, check name → passed."""
    data: dict[str, Any] = {
        "datum": day,
        "hulpmiddel": tool,
        "paginas": pages,
        "problemen": sum(problems.values()),
        "controles": [{"naam": k, "geslaagd": v} for k, v in sorted(checks.items())],
        "breedtes": sorted(problems, reverse=True),
    }
    if issues is not None:
        data["bekende_problemen"] = issues
    return data
