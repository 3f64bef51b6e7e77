"""The fast page estimate and the budget messages (no PDF engine; the calibration lives in test_document.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import pytest

from koers.pipeline.check import check
from koers.render.document import budget
from support.projects import REPO, make_project


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory):
    checked = check(make_project(tmp_path_factory.mktemp("budget") / "voorbeeld", REPO / "content"))
    assert checked.strategy is not None and checked.style is not None
    return checked


def test_blocks_split_markdown_into_paragraphs_items_and_headings() -> None:
    markdown = "Eerste **vette** alinea\nloopt door.\n\n## Kopje\n\n- een [link](https://x.nl)\n- twee\n  vervolg\n\n1. drie"
    assert budget.blocks(markdown) == [
        ("p", "Eerste vette alinea loopt door."),
        ("h", "Kopje"),
        ("li", "een link"),
        ("li", "twee vervolg"),
        ("li", "drie"),
    ]


def test_ruler_counts_lines_with_and_without_the_house_font(example) -> None:
    text = " ".join(["Inwoners regelen hun zaken digitaal waar het kan en persoonlijk waar het moet."] * 12)
    width = budget.LAYOUT.column_width
    with_font = budget.Ruler(example.style).lines(text, width, 8.5)
    average = budget.Ruler().lines(text, width, 8.5)
    assert 15 <= with_font <= 25
    assert abs(with_font - average) <= 2
    assert budget.Ruler().lines("", width, 8.5) == 0
    assert budget.Ruler(example.style).lines("kort", width, 8.5) == 1


def test_estimate_grows_with_the_text(example) -> None:
    strategy = example.strategy
    longer = replace(strategy, vision=replace(strategy.vision, body=strategy.vision.body + "\n\n" + strategy.vision.body))
    base = budget.estimate_pages(strategy, example.style)
    assert 4 < base < 5
    assert budget.estimate_pages(longer, example.style) > base + 0.15


def test_longest_names_the_files_with_the_most_words(example) -> None:
    longest = budget.longest(example.strategy)
    assert len(longest) == 3
    assert [n for _, n in longest] == sorted((n for _, n in longest), reverse=True)
    assert longest[0][0] == "content/visie.md"
    phrase = budget.longest_phrase(example.strategy)
    assert phrase.startswith(f"content/visie.md ({longest[0][1]} woorden), ")


def test_dutch_numbers() -> None:
    assert budget.dutch_number(1234.56) == "1.234,6"
    assert budget.dutch_number(0.8) == "0,8"
    assert budget.dutch_number(1900, 0) == "1.900"


def test_check_reports_the_room_left(example) -> None:
    [note] = [n for n in example.report.notes if n.startswith("geschreven strategie")]
    assert note.startswith("geschreven strategie: naar schatting 4,")
    assert note.endswith(" A4 over") and "van maximaal 5; nog ongeveer 0," in note


def test_the_document_template_uses_the_shared_layout(example) -> None:
    from koers.render.document.written import strategy_source

    data = json.loads(strategy_source(example.strategy, example.style).inputs["data"])
    assert data["page"] == vars(budget.LAYOUT.page) and data["type"] == vars(budget.LAYOUT.type)
    assert "margin: (top: mm(P.top), bottom: mm(P.bottom), x: mm(P.side))" in strategy_source(example.strategy, example.style).source


def test_check_does_not_load_the_pdf_engine() -> None:
    script = (
        "import sys; from pathlib import Path; from koers.pipeline.check import check; check(Path(sys.argv[1])); "
        "print('typst' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", script, str(REPO)], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
