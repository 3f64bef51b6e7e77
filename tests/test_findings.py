"""Reports: findings are deduplicated once, and every count agrees with the list it counts."""

from __future__ import annotations

import json

from koers.findings import Report


def _same_error_twice() -> Report:
    report = Report()
    report.error("content/visie.md", 3, "'kern' is te lang")
    report.error("content/visie.md", 3, "'kern' is te lang")
    report.warning("content/strategie.yaml", 5, "jaarschijf 2026 heeft nog geen acties")
    return report


def test_a_duplicated_error_counts_once_in_json() -> None:
    payload = json.loads(_same_error_twice().as_json())
    assert payload["fouten"] == 1
    assert payload["waarschuwingen"] == 1
    assert [f["ernst"] for f in payload["bevindingen"]] == ["waarschuwing", "fout"]  # sorted by file


def test_strict_counts_every_unique_finding_as_an_error() -> None:
    payload = json.loads(_same_error_twice().as_json(strict=True))
    assert payload["fouten"] == 2 == len(payload["bevindingen"])
    assert payload["waarschuwingen"] == 0 and payload["geldig"] is False


def test_text_lists_the_duplicate_once() -> None:
    assert _same_error_twice().as_text().splitlines() == [
        "content/strategie.yaml:5: waarschuwing: jaarschijf 2026 heeft nog geen acties",
        "content/visie.md:3: fout: 'kern' is te lang",
    ]
