"""Design tokens: reading both JSON forms, references, colour syntax → #rrggbb, role mapping, reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from koers.housestyle.importer import ThemeImportError, read_mapping
from koers.housestyle.tokencolour import TokenError, font_family, to_hex
from koers.housestyle.tokens import (
    DEFAULT_MAPPING,
    MAX_REFERENCE_DEPTH,
    TokenFileError,
    effective_mapping,
    map_tokens,
    parse_tokens,
    read_tokens,
)
from support.projects import REPO

FIXTURES = REPO / "tests" / "fixtures" / "tokens"


def test_real_nl_design_system_voorbeeld_tokens_fill_every_role() -> None:
    tokens = read_tokens(FIXTURES / "voorbeeld" / "tokens.json")
    mapped = map_tokens(tokens, effective_mapping())
    assert mapped.problems == {}
    assert {role: hex_ for role, (hex_, _) in mapped.colours.items()} == {
        "primair": "#5115ef",
        "secundair": "#5115ef",  # the voorbeeld theme makes accent-2 the same violet as accent-1
        "accent": "#743fff",
        "tekst": "#001a40",
        "achtergrond": "#ffffff",
        "vlak": "#eff1f3",
        "status.gepland": "#3d5374",
        "status.lopend": "#00568b",
        "status.gereed": "#105f26",
        "status.vertraagd": "#863d15",
        "status.gestopt": "#a01d23",
    }
    assert mapped.colours["primair"][1] == "basis.color.accent-1-inverse.bg-default"
    assert mapped.family == ("Noto Sans", "basis.text.font-family.default")


def test_real_tokens_keep_their_licence_and_version_note() -> None:
    folder = FIXTURES / "voorbeeld"
    assert "EUROPEAN UNION PUBLIC LICENCE v. 1.2" in (folder / "LICENSE.md").read_text("utf-8")
    note = (folder / "README.md").read_text("utf-8")
    assert "@nl-design-system-unstable/voorbeeld-design-tokens" in note and "7.4.1" in note and "EUPL-1.2" in note


def test_style_dictionary_shape_without_basis_layer() -> None:
    """`value` fields, hsl() with spaces, no basis layer, nested and `.value` references (the shape of Utrecht's package)."""
    tokens = read_tokens(FIXTURES / "stadsvorm" / "tokens.json")
    mapped = map_tokens(tokens, effective_mapping())
    assert mapped.colours == {
        "primair": ("#24578f", "stad.button.primary-action.background-color"),
        "secundair": ("#24578f", "stad.link.color"),
        "tekst": ("#1a1a1a", "stad.document.color"),
        "achtergrond": ("#ffffff", "stad.document.background-color"),
    }
    assert mapped.family == ("Fira Sans", "stad.document.font-family")
    assert mapped.unmapped_lines() == [
        ("accent: geen bruikbaar token gevonden ('basis.color.accent-3.border-default' bestaat niet; "
        "'basis.color.accent-1.border-default' bestaat niet)"),
        ("vlak: geen bruikbaar token gevonden ('basis.color.default.bg-default' bestaat niet; "
        "'basis.color.default.bg-subtle' bestaat niet)"),
        "status.gepland: geen bruikbaar token gevonden ('basis.color.default-inverse.bg-default' bestaat niet)",
        "status.lopend: geen bruikbaar token gevonden ('basis.color.info-inverse.bg-default' bestaat niet)",
        "status.gereed: geen bruikbaar token gevonden ('basis.color.positive-inverse.bg-default' bestaat niet)",
        "status.vertraagd: geen bruikbaar token gevonden ('basis.color.warning-inverse.bg-default' bestaat niet)",
        "status.gestopt: geen bruikbaar token gevonden ('basis.color.negative-inverse.bg-default' bestaat niet)",
    ]


def test_mapping_file_chooses_tokens_in_order_and_skips_unusable_ones() -> None:
    tokens = read_tokens(FIXTURES / "stadsvorm" / "tokens.json")
    overrides = read_mapping(FIXTURES / "stadsvorm" / "koppeling.yaml")
    assert overrides["accent"] == ("stad.separator.color", "stad.color.rood.40")
    mapped = map_tokens(tokens, effective_mapping(overrides))
    assert mapped.colours["accent"] == ("#cc0000", "stad.color.rood.40")  # var() is skipped
    assert mapped.colours["vlak"] == ("#d6e5f5", "stad.alert.background-color")  # hsl(211 60% 90%)
    assert mapped.colours["status.lopend"] == ("#1f4b7a", "stad.color.blauw.30")
    assert mapped.colours["status.gestopt"] == ("#cc0000", "stad.color.rood.40")  # "{…}" braces accepted
    assert sorted(mapped.problems) == ["status.gepland", "status.gereed", "status.vertraagd"]


def test_w3c_shape_with_basis_layer_and_unresolved_references() -> None:
    tokens = read_tokens(FIXTURES / "w3c-basis" / "tokens.json")
    mapped = map_tokens(tokens, effective_mapping())
    assert mapped.problems == {}
    assert {role: hex_ for role, (hex_, _) in mapped.colours.items()} == {
        "primair": "#105f26",  # rgb(16 95 38): space-separated
        "secundair": "#003355",  # #035 through two references
        "accent": "#4d1a99",  # W3C colour object {colorSpace: srgb, components: [0.3, 0.1, 0.6]}
        "tekst": "#1b2733",  # upper-case hex
        "achtergrond": "#ffffff",  # named: white
        "vlak": "#f4f6f8",
        "status.gepland": "#1b2733",
        "status.lopend": "#003355",
        "status.gereed": "#0c451c",  # rgb(12, 69, 28): comma-separated
        "status.vertraagd": "#8b4513",  # SaddleBrown
        "status.gestopt": "#ad281f",  # hsl(4deg 70% 40%)
    }
    assert mapped.family == ("Source Sans 3", "basis.text.font-family.default")  # a fontFamily array, referenced
    assert tokens.tokens["lindewaard.kleur.groen.500"].type == "color"  # $type inherited from the group


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        ("#abc", "#aabbcc"),
        ("#AABBCC", "#aabbcc"),
        (" #1f4e79 ", "#1f4e79"),
        ("rgb(10 20 30)", "#0a141e"),
        ("rgb(10, 20, 30)", "#0a141e"),
        ("rgba(10, 20, 30, 1)", "#0a141e"),
        ("rgb(10 20 30 / 100%)", "#0a141e"),
        ("hsl(211 60% 35%)", "#24578f"),
        ("hsl(211, 60%, 35%)", "#24578f"),
        ("hsl(0 0% 10%)", "#1a1a1a"),
        ("hwb(120 0% 0%)", "#00ff00"),
        ("rebeccapurple", "#663399"),
        ("RED", "#ff0000"),
        ("oklch(62.8% 0.2577 29.23)", "#ff0000"),
        ("lab(54.29% 80.8 69.89)", "#ff0000"),
        ("color(srgb 1 0.5 0)", "#ff8000"),
    ],
)
def test_any_css_colour_becomes_hex(css: str, expected: str) -> None:
    assert to_hex(css) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("transparent", "'transparent' is (deels) doorzichtig; kies een dekkende kleur"),
        ("rgba(0, 0, 0, 0.5)", "'rgba(0, 0, 0, 0.5)' is (deels) doorzichtig; kies een dekkende kleur"),
        ("var(--x)", "'var(--x)' is geen CSS-kleur die Koers kan omzetten"),
        ("currentcolor", "'currentcolor' is geen CSS-kleur die Koers kan omzetten"),
        (12, "12 is geen kleur"),
        ("color(display-p3 1 0 0)", "kleurruimte 'display-p3' kent Koers niet; gebruik #rrggbb, rgb(), hsl() of een kleurnaam"),
    ],
)
def test_unusable_colours_are_refused_in_dutch(value: object, reason: str) -> None:
    with pytest.raises(TokenError) as caught:
        to_hex(value)
    assert str(caught.value) == reason


@pytest.mark.parametrize(
    ("value", "family"),
    [
        ("'Noto Sans', sans-serif", "Noto Sans"),
        ('"Fira Sans", "Arial", sans-serif', "Fira Sans"),
        ("Open Sans", "Open Sans"),
        (["Source Sans 3", "sans-serif"], "Source Sans 3"),
        ("system-ui, 'Comma, Sans', serif", "Comma, Sans"),
    ],
)
def test_font_family_is_the_first_named_family(value: object, family: str) -> None:
    assert font_family(value) == family


def test_font_family_without_a_name_is_refused() -> None:
    with pytest.raises(TokenError, match="noemt geen lettertype"):
        font_family("sans-serif")


def _accent_problem(tokens_json: dict, path: str) -> str:
    mapped = map_tokens(parse_tokens(tokens_json), {"accent": (path,)}, ["accent"])
    return mapped.problems["accent"]


def test_reference_cycles_missing_targets_and_groups_are_reported() -> None:
    tokens = read_tokens(FIXTURES / "w3c-basis" / "tokens.json")

    def problem(name: str) -> str:
        return map_tokens(tokens, {"accent": (f"basis.color.kapot.{name}",)}, ["accent"]).problems["accent"]

    assert problem("kring-a") == (
        "geen bruikbaar token gevonden ('basis.color.kapot.kring-a': kringverwijzing: "
        "basis.color.kapot.kring-a → basis.color.kapot.kring-b → basis.color.kapot.kring-a)"
    )
    assert problem("wees") == "geen bruikbaar token gevonden ('basis.color.kapot.wees': token 'lindewaard.kleur.bestaat-niet' bestaat niet)"
    assert problem("groep") == "geen bruikbaar token gevonden ('basis.color.kapot.groep': 'lindewaard.kleur.groen' is een groep tokens, geen token)"
    assert "doorzichtig" in problem("half")
    assert problem("bestaat-ook-niet") == "geen bruikbaar token gevonden ('basis.color.kapot.bestaat-ook-niet' bestaat niet)"


def test_long_reference_chains_are_cut_off() -> None:
    chain = {f"t{i}": {"$value": f"{{t{i + 1}}}"} for i in range(MAX_REFERENCE_DEPTH + 5)}
    chain[f"t{MAX_REFERENCE_DEPTH + 5}"] = {"$value": "#123456"}
    assert "te veel verwijzingen achter elkaar" in _accent_problem(chain, "t0")
    short = {f"t{i}": {"$value": f"{{t{i + 1}}}"} for i in range(5)} | {"t5": {"$value": "#123456"}}
    assert map_tokens(parse_tokens(short), {"accent": ("t0",)}, ["accent"]).colours["accent"] == ("#123456", "t0")


def test_references_inside_a_value_are_substituted() -> None:
    tokens = parse_tokens({"blauw": {"$value": "30 60 90"}, "kleur": {"$value": "rgb({blauw})"}})
    assert tokens.resolve("kleur") == "rgb(30 60 90)"
    assert to_hex(tokens.resolve("kleur")) == "#1e3c5a"


def test_wildcard_candidates_pick_the_first_prefix_in_sorted_order() -> None:
    tokens = parse_tokens(
        {
            "zuid": {"document": {"color": {"value": "#222222"}}},
            "noord": {"document": {"color": {"value": "#111111"}}},
        }
    )
    assert map_tokens(tokens, DEFAULT_MAPPING, ["tekst"]).colours["tekst"] == ("#111111", "noord.document.color")


def test_broken_json_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    path.write_text('{\n  "a": {"$value": "#fff"},\n  "b": \n}\n', "utf-8")
    with pytest.raises(TokenFileError) as caught:
        read_tokens(path)
    assert caught.value.line == 4
    assert str(caught.value).startswith("tokenbestand is geen geldige JSON")


def test_a_file_without_tokens_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    path.write_text(json.dumps({"kleuren": {"rood": "#ff0000"}}), "utf-8")
    with pytest.raises(TokenError, match="geen design tokens gevonden"):
        read_tokens(path)


def test_oversized_token_files_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import koers.housestyle.tokens

    monkeypatch.setattr(koers.housestyle.tokens, "MAX_TOKEN_BYTES", 100)
    path = tmp_path / "tokens.json"
    path.write_text(json.dumps({"a": {"$value": "#ffffff", "$description": "x" * 200}}), "utf-8")
    with pytest.raises(TokenFileError, match="tokenbestand is te groot"):
        read_tokens(path)


def test_mapping_file_errors_name_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "koppeling.yaml"
    path.write_text("primair: basis.color.x\nkleurtje: basis.color.y\nstatus:\n  gereed: 3\n", "utf-8")
    with pytest.raises(ThemeImportError) as caught:
        read_mapping(path)
    assert str(caught.value).splitlines() == [
        (f"{path}:2: fout: onbekende rol 'kleurtje' in de koppeling; "
        "toegestaan zijn: accent, achtergrond, lettertype, primair, secundair, status, tekst, vlak"),
        f"{path}:4: fout: 'status.gereed' moet tekst of een lijst zijn, maar is een getal; zet de waarde tussen aanhalingstekens",
    ]


def test_tokens_studio_sets_resolve_without_set_names_first_set_winning() -> None:
    tokens = read_tokens(FIXTURES / "tokens-studio" / "tokens.json")
    assert tokens.sets == ("kern", "licht", "donker")
    mapped = map_tokens(tokens, effective_mapping(), ["primair", "tekst", "achtergrond", "lettertype"])
    assert mapped.colours == {
        "primair": ("#0a4a6e", "licht.basis.color.accent-1-inverse.bg-default"),
        "tekst": ("#14202b", "licht.basis.color.default.color-document"),  # not the dark set's white
        "achtergrond": ("#ffffff", "licht.basis.color.default.bg-document"),
    }
    assert mapped.family == ("Fira Sans", "licht.basis.text.font-family.default")
    dark = map_tokens(tokens, {"tekst": ("donker.basis.color.default.color-document",)}, ["tekst"])
    assert dark.colours["tekst"] == ("#ffffff", "donker.basis.color.default.color-document")
