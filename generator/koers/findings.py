"""Findings are data: every problem with content is a Finding in a Report."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["fout", "waarschuwing"]
ERROR: Severity = "fout"
WARNING: Severity = "waarschuwing"


# Characters that would act on a terminal or reorder a line instead of being shown: control characters
# (an escape sequence can recolour, move or hide the rest of the output) and bidirectional overrides.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text with control and bidi characters written as escapes (ESC as \\x1b), so a file name cannot act on a terminal."""
    return _UNPRINTABLE.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True, order=True)
class Location:
    """A place in a project file: path relative to the project, 1-based line."""

    path: str
    line: int = 1

    def __str__(self) -> str:
        return f"{printable(self.path)}:{self.line}"


@dataclass(frozen=True)
class Finding:
    """One Dutch message about one place in the content."""

    location: Location
    message: str
    severity: Severity = ERROR
    # About an adopted version in git's history (a vastgesteld-* tag), which nobody can change any more:
    # it stays a warning under --strict, so an old tag never stops a project from publishing.
    past: bool = False

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.path, self.location.line, self.severity != ERROR, self.message)

    def format(self, strict: bool = False) -> str:
        severity = ERROR if strict and not self.past else self.severity
        return f"{self.location}: {severity}: {printable(self.message)}"

    def as_dict(self, strict: bool = False) -> dict[str, object]:
        return {
            "bestand": printable(self.location.path),
            "regel": self.location.line,
            "ernst": ERROR if strict and not self.past else self.severity,
            "melding": printable(self.message),
        }


@dataclass
class Report:
    """All findings of one run; collected first, reported together."""

    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def error(self, path: str, line: int, message: str) -> None:
        self.findings.append(Finding(Location(path, line), message, ERROR))

    def warning(self, path: str, line: int, message: str, past: bool = False) -> None:
        self.findings.append(Finding(Location(path, line), message, WARNING, past))

    def extend(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)

    def note(self, text: str) -> None:
        """An informative line (not a finding), e.g. the remaining page budget."""
        self.notes.append(text)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.sorted() if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.sorted() if f.severity == WARNING]

    def sorted(self) -> list[Finding]:
        unique = {(f.location, f.message, f.severity, f.past): f for f in self.findings}
        return sorted(unique.values(), key=Finding.sort_key)

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and any(not f.past for f in self.warnings))

    def as_text(self, strict: bool = False) -> str:
        return "\n".join(f.format(strict) for f in self.sorted())

    def as_json(self, strict: bool = False) -> str:
        payload = {
            "geldig": not self.failed(strict),
            "fouten": sum(1 for f in self.sorted() if f.severity == ERROR or (strict and not f.past)),
            "waarschuwingen": sum(1 for f in self.warnings if f.past or not strict),
            "bevindingen": [f.as_dict(strict) for f in self.sorted()],
            "opmerkingen": self.notes,
        }
        return json.dumps(payload, ensure_ascii=False, indent=2)
