"""The strict YAML reader: types, duplicate keys, line numbers, bounds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from koers.content.yamlread import read_yaml


def test_only_true_and_false_are_booleans() -> None:
    result = read_yaml("a: no\nb: ja\nc: on\nd: true\ne: False\nf: yes\n")
    assert result.data == {"a": "no", "b": "ja", "c": "on", "d": True, "e": False, "f": "yes"}


def test_times_and_dates_stay_text() -> None:
    result = read_yaml("tijd: 12:30\ndatum: 2021-11-12\ngetal: 12\nkomma: 1.5\n")
    assert result.data == {"tijd": "12:30", "datum": "2021-11-12", "getal": 12, "komma": 1.5}


def test_raw_text_of_numbers_is_kept() -> None:
    result = read_yaml("versie: 1.10\n")
    assert result.data == {"versie": 1.1}
    assert result.raw[("versie",)] == "1.10"


def test_duplicate_key_is_an_error_with_both_lines() -> None:
    result = read_yaml("titel: a\nstatus: concept\ntitel: b\n")
    assert [(p.line, p.message) for p in result.problems] == [(3, "sleutel 'titel' staat hier twee keer (eerder op regel 1)")]


def test_lines_of_nested_values_with_offset() -> None:
    result = read_yaml("acties:\n  - id: a\n    titel: A\n  - id: b\n", first_line=2)
    assert result.lines[("acties", 1, "id")] == 5
    assert result.lines[("acties", 0, "titel")] == 4


def test_tab_indentation_is_explained_in_dutch() -> None:
    result = read_yaml("a:\n\tb: 1\n")
    assert result.problems[0].line == 2
    assert "tab" in result.problems[0].message


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    for i, name in enumerate("bcdefghij"):
        prev = "abcdefghij"[i]
        bomb += f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
    result = read_yaml(bomb)
    assert result.data is None
    assert "te veel gegevens" in result.problems[0].message


def test_deep_nesting_is_refused() -> None:
    result = read_yaml("a: " + "[" * 5000 + "]" * 5000)
    assert result.problems and "te diep" in result.problems[0].message


def test_python_tags_are_refused() -> None:
    result = read_yaml("a: !!python/object/apply:os.system ['echo hi']\n")
    assert result.data is None
    assert "niet toegestaan" in result.problems[0].message


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_random_text_never_raises(text: str) -> None:
    result = read_yaml(text)
    assert all(p.line >= 1 and p.message for p in result.problems)


YAMLISH = st.lists(st.sampled_from(["a", ":", " ", "\n", "-", "  ", "[", "]", "{", "}", "&x", "*x", '"', "'", "#", "\t", "no", "12:30", "|", ">", "!!str", "---"]), max_size=60)


@settings(max_examples=500, deadline=None)
@given(YAMLISH)
def test_random_yaml_like_input_never_raises(parts: list[str]) -> None:
    read_yaml("".join(parts))


def test_an_integer_of_thousands_of_digits_is_one_problem_not_a_traceback() -> None:
    """Python refuses to read integers of more than 4,300 digits (ValueError); Koers stops at 15."""
    for digits in (16, 4_301, 100_000):
        result = read_yaml(f"a: 1\nomvang: {{max_a4: {'9' * digits}}}\n")
        assert [(p.line, p.message) for p in result.problems] == [
            (2, f"'max_a4' is een getal van {digits} cijfers, meer dan 15; bedoel je tekst, zet die dan tussen aanhalingstekens")
        ]
        assert result.data == {"a": 1, "omvang": {"max_a4": None}}
        assert result.refused == {("omvang", "max_a4")}
    assert read_yaml("n: -123456789012345\n").data == {"n": -123456789012345}


def test_nan_and_infinity_are_refused_everywhere() -> None:
    for text in (".nan", ".NaN", ".inf", "-.Inf", "+.INF", "1e999", "-1.5e400"):
        result = read_yaml(f"poster:\n  hoeken: {text}\n")
        assert [(p.line, p.message) for p in result.problems] == [
            (2, f"'hoeken' is geen gewoon getal ('{text}': oneindig of 'geen getal'); schrijf een getal, zoals 8 of 2.5")
        ], text
        assert result.data == {"poster": {"hoeken": None}}
    assert read_yaml("- 2.5\n- 1e3\n").data == [2.5, 1000.0]
    assert [p.message for p in read_yaml("- .nan\n").problems] == ["een getal is geen gewoon getal ('.nan': oneindig of 'geen getal'); schrijf een getal, zoals 8 of 2.5"]
