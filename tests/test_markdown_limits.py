"""Bounded Markdown work: bodies whose conversion would take unbounded time or stack are refused at check.

The timings themselves are in benchmarks/bounds.py (no timing assertions here); these tests
assert the outcomes: what is refused, where, with which message, and that prose is not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from koers.content import markdownlimits as limits
from koers.content.load import load
from koers.findings import Report
from koers.pipeline.check import check
from koers.render.markup import html_depth, markdown_to_html
from support.projects import REPO, make_project

TOO_MUCH = "deze tekst is te ingewikkeld om op te maken: "
TOO_DEEP = "lijsten of citaten te diep in elkaar: meer dan 16 niveaus"


def _problems(body: str) -> list[tuple[int, str]]:
    return limits.body_problems(body)


def test_the_example_and_a_megabyte_of_prose_pass() -> None:
    report = Report()
    content = load(REPO, report)
    texts = limits.markdown_texts(content)
    assert len(texts) > 10
    assert all(_problems(item.text) == [] for item in texts)
    prose = ("Inwoners regelen hun zaken [digitaal](https://example.org/a_(b)) waar het kan, *persoonlijk* waar het moet. " * 8 + "\n\n") * 1100
    assert len(prose) > 900_000
    assert _problems(prose) == []


@pytest.mark.parametrize(
    ("body", "cause"),
    [
        ("[" * 24_000, "te veel haken '[' zonder ']'"),
        ("[" * 2_000 + "]" * 2_000, "te veel haken '[' zonder ']'"),
        ("[](" * 3_000, "te veel haken '[' zonder ']'"),
        ("[`]`" * 1_000, "te veel haken '[' zonder ']'"),  # a ']' in a code span closes nothing
        ("<a " * 5_000, "te veel '<' zonder '>'"),
        ("<a\n\n" * 5_000, "te veel '<' zonder '>'"),  # the HTML parser reads across paragraphs
        ("<![CDATA[" * 1_000, "te veel"),
        ("*a* " * 40_000, "een lange alinea vol opmaaktekens"),
        ("<b>x</b>" * 40_000, "een lange alinea vol opmaaktekens"),
    ],
    ids=["brackets", "nested-brackets", "link-parentheses", "code-spans", "tags", "tags-per-paragraph", "cdata", "emphasis", "closed-tags"],
)
def test_quadratic_bodies_are_refused_with_their_cause(body: str, cause: str) -> None:
    [(line, message)] = _problems("Eerst gewone tekst.\n\n" + body)
    assert line == 2
    assert message.startswith(TOO_MUCH + cause)


def test_the_cheap_cases_of_the_same_characters_pass() -> None:
    """Closed brackets, escaped brackets and short paragraphs cost little, however many."""
    assert _problems("[a](https://x.nl) " * 5_000) == []
    assert _problems("\\[" * 2_000) == []
    assert _problems("*a* \n\n" * 50_000) == []
    assert _problems("]" * 1_000_000) == []


def test_bracket_steps_count_what_the_engine_scans() -> None:
    assert limits._bracket_steps("[ab]") == 3  # '[' scans to its ']'
    assert limits._bracket_steps("[[") == 3  # open brackets scan to the end
    assert limits._bracket_steps("[a](bc)") == 5  # and a link's '(' to its ')'
    assert limits._bracket_steps("x \\[ y") == 0  # an escaped bracket is none
    assert limits._bracket_steps("[[a]]") == 6
    # after a backtick anything may hide in a code span: what is open scans to the (stashed, longer) end
    assert limits._bracket_steps("[`]`") == 4 + 2 * limits.PLACEHOLDER


def test_a_list_nested_300_deep_is_refused_at_the_line_that_goes_too_deep() -> None:
    """The finding of issue 18: 300 levels passed check and ended build in a RecursionError."""
    body = "Inleiding.\n\n" + "\n".join("    " * level + "- punt" for level in range(300))
    assert _problems(body) == [(2 + 16, TOO_DEEP)]
    assert _problems("- " * 300 + "x") == [(0, TOO_DEEP)]
    assert _problems(">" * 300 + " x") == [(0, TOO_DEEP)]
    assert _problems("> - > 1. " * 4 + "x") == []  # 16 levels: allowed
    assert _problems("> - > 1. " * 4 + "- x") == [(0, TOO_DEEP)]


def test_nesting_counts_markers_quotes_and_indentation() -> None:
    assert limits.nesting("    - > 1. x") == 4
    assert limits.nesting("- - - x") == 3
    assert limits.nesting("\t\t- x") == 3
    assert limits.nesting("gewone tekst - met streepje") == 0


def test_deep_inline_nesting_is_measured_in_the_html() -> None:
    deep = "*a " * 100 + "x" + "*" * 100
    assert _problems(deep) == []  # cheap, but deep
    assert limits.may_nest_deeply(deep)
    assert html_depth(markdown_to_html(deep)) == 101
    assert not limits.may_nest_deeply("Een *gewone* alinea met een [link](https://x.nl).\n\n- een\n- lijst")
    assert html_depth('<p><a href="x" title="a>b">c<br>d</a></p>') == 2


def test_check_reports_each_limit_at_its_file_and_line(tmp_path: Path) -> None:
    project = make_project(
        tmp_path / "p",
        files={
            "content/themas/diep.md": "---\ntitel: Diep\nkort: Diep genest.\n---\nEen alinea.\n\n" + "*a " * 80 + "x" + "*" * 80 + "\n",
            "content/jaarschijven/2025.md": "---\ntitel: Haken\n---\n\n\n" + "[" * 30_000 + "\n",
        },
    )
    lines = check(project).report.as_text().splitlines()
    assert lines == [
        f"content/jaarschijven/2025.md:6: fout: {TOO_MUCH}te veel haken '[' zonder ']' in dezelfde alinea (of te diep in elkaar); "
        "sluit elke '[' met ']', of schrijf '\\[' voor een losse haak",
    ]
    (project / "content/jaarschijven/2025.md").unlink()
    lines = check(project).report.as_text().splitlines()
    assert lines == [
        "content/themas/diep.md:7: fout: opmaak te diep in elkaar: 81 lagen (lijsten, citaten, nadruk, links en HTML-tags samen), maximaal 24"
    ]


def test_markdown_texts_are_bodies_and_action_notes(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    opgave = project / "content/opgaven/data-op-orde.md"
    opgave.write_text(opgave.read_text("utf-8").replace("    na: [formulieren]", "    na: [formulieren]\n    toelichting: Zie *hier*."), "utf-8")
    texts = limits.markdown_texts(load(project, Report()))
    assert [(t.path, t.line, t.is_body) for t in texts if t.path == "content/opgaven/data-op-orde.md"] == [
        ("content/opgaven/data-op-orde.md", 25, True),
        ("content/opgaven/data-op-orde.md", 17, False),
    ]
    note = next(t for t in texts if not t.is_body)
    assert (note.text, note.line_of(5)) == ("Zie *hier*.", 17)  # a note's own lines are not the file's
