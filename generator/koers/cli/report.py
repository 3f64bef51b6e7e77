"""Printing a Report: findings on stderr as `file:line: fout: …`, notes on stdout, a one-line summary."""

from __future__ import annotations

import sys

from koers.dutch import plural
from koers.findings import Report


def print_report(report: Report, fmt: str, strict: bool) -> None:
    """The findings (text or JSON) and the notes of a run."""
    if fmt == "json":
        print(report.as_json(strict))
        return
    text = report.as_text(strict)
    if text:
        print(text, file=sys.stderr, flush=True)
    for note in report.notes:
        print(note, flush=True)


def summary(report: Report, strict: bool) -> str:
    """'in orde: geen fouten gevonden', or '2 fouten en 1 waarschuwing'."""
    errors, warnings = len(report.errors), len(report.warnings)
    if strict:
        errors, warnings = errors + warnings, 0
    if not errors and not warnings:
        return "in orde: geen fouten gevonden"
    parts = [plural(errors, "fout", "fouten")] if errors else []
    if warnings:
        parts.append(plural(warnings, "waarschuwing", "waarschuwingen"))
    return " en ".join(parts)
