"""The whole strategy on 'Strategie in één beeld': principles, what we stop doing and key indicators.

A1 and A0 carry every extra the cards' tier allows; A3 carries them only where the cards keep
their tier and type size (a documented priority: principles, then niet meer, then indicators).
Each size's text alternative says exactly what that size shows.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from koers.render.indicators import indicator_line, key_indicators
from koers.render.posters.overview.extras import EXTRAS, available
from koers.render.posters.svg import SIZES, lay_out, render_poster
from support.projects import CASES, REPO, make_project
from test_posters import SVG, assert_texts_fit, checked

OVERVIEW = "strategie-in-een-beeld"


@pytest.fixture(scope="module")
def strategies(tmp_path_factory):
    root = tmp_path_factory.mktemp("extras")
    out = {"voorbeeld": checked(REPO)}
    for name in ("tweede-strategie", "routekaart-fasen"):
        out[name] = checked(make_project(root / name, CASES / "valid" / name / "content"))
    return out


def _words(svg: str) -> str:
    """The poster's text as one line, wrapped lines joined."""
    return " ".join(" ".join("".join(t.itertext()).split()) for t in ET.fromstring(svg).iter(f"{SVG}text"))


def _expected(strategy) -> dict[str, list[str]]:
    return {
        "principes": [p.titel for p in strategy.principles],
        "niet-meer": [n.tekst for n in strategy.niet_meer],
        "indicatoren": [i.naam for _, i in key_indicators(strategy)],
    }


@pytest.mark.parametrize("size", ["a1", "a0"])
@pytest.mark.parametrize("name", ["voorbeeld", "routekaart-fasen", "tweede-strategie"])
def test_the_wall_sizes_carry_the_whole_strategy(strategies, name, size):
    strategy, style = strategies[name]
    layout = lay_out(strategy, style, OVERVIEW, SIZES[size])
    assert tuple(b.frame.id for b in layout.extras) == available(strategy) != ()
    poster = render_poster(strategy, style, OVERVIEW, size)
    words = _words(poster.svg)
    for key, texts in _expected(strategy).items():
        for text in texts if key in available(strategy) else ():
            assert " ".join(text.split()) in words, f"{key}: {text!r} missing on {size}"
    assert_texts_fit(poster.svg, style)
    # The text alternative names every extra it shows, with every item.
    for key in available(strategy):
        assert {"principes": "Onze principes:", "niet-meer": "Wat we niet meer doen:", "indicatoren": "Hier meten we het aan:"}[key] in poster.description
    for _, indicator in key_indicators(strategy):
        assert f"{indicator.naam}: {indicator_line(strategy, indicator)}" in poster.description


def test_an_a3_full_of_opgaven_keeps_its_cards_and_says_only_what_it_shows(strategies):
    strategy, style = strategies["voorbeeld"]
    layout = lay_out(strategy, style, OVERVIEW, SIZES["a3"])
    assert layout.extras == () and layout.tier == "A"
    description = render_poster(strategy, style, OVERVIEW, "a3").description
    assert "Onze principes:" not in description and "Wat we niet meer doen:" not in description
    assert "Onze principes:" in render_poster(strategy, style, OVERVIEW, "a1").description


def test_an_a3_with_room_takes_the_extras_in_order_of_priority(strategies):
    strategy, style = strategies["voorbeeld"]
    found = {}
    for count in range(1, len(strategy.opgaven) + 1):
        fewer = replace(strategy, opgaven=strategy.opgaven[:count])
        layout = lay_out(fewer, style, OVERVIEW, SIZES["a3"])
        shown = tuple(b.frame.id for b in layout.extras)
        assert shown == EXTRAS[: len(shown)], "an extra is only dropped after every extra of lower priority"
        assert layout.tier == "A", "the extras never cost the cards their stip and koers"
        found[count] = shown
        assert_texts_fit(render_poster(fewer, style, OVERVIEW, "a3").svg, style)
    assert found[3] == EXTRAS and found[len(strategy.opgaven)] == ()
    assert any(0 < len(shown) < len(EXTRAS) for shown in found.values()), found


def test_indicator_lines_say_what_is_known():
    from koers.content.model import Indicator

    strategy = type("S", (), {"tot": 2026})()
    assert indicator_line(strategy, Indicator("x", doel="60%", nulmeting="5%")) == "Van 5% naar 60% in 2026"
    assert indicator_line(strategy, Indicator("x", doel="3", jaar=2025)) == "Doel: 3 in 2025"
    assert indicator_line(strategy, Indicator("x", nulmeting="12")) == "Nulmeting: 12; doel nog niet vastgesteld"
    measured = Indicator("x", doel="60%", nulmeting="5%", metingen=((2023, "20%"), (2024, "31%")))
    assert indicator_line(strategy, measured) == "Van 5% naar 60% in 2026; gemeten 2024: 31%"
