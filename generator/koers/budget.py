"""The page budget of the written strategy: a fast estimate for `koers check`.

The exact count comes from the rendered PDF (render/document.py); this estimate
is calibrated against it (see docs/ontwikkelaars.md) so that `check` can say how
much room is left without starting the PDF engine.
"""

from __future__ import annotations

import re

from koers.model import Strategy

# Calibrated against the WeasyPrint document on the example and a long strategy.
CHARS_PER_PAGE = 3300.0
FIXED_PAGES = 0.55  # title block, headings of fixed sections
PER_OPGAVE = 260.0  # heading, stip/koers labels and spacing, in characters
PER_ACTION = 70.0  # one agenda table row
PER_YEAR = 150.0  # agenda sub-heading per year
PER_THEME = 90.0
PER_PRINCIPLE = 60.0

_MARKUP = re.compile(r"[#*_`>\[\]()|-]+")


def plain_length(markdown: str) -> int:
    """Characters a Markdown text prints as, roughly (markup stripped, whitespace folded)."""
    return len(" ".join(_MARKUP.sub(" ", markdown).split()))


def words(markdown: str) -> int:
    return len(_MARKUP.sub(" ", markdown).split())


def texts(strategy: Strategy) -> list[tuple[str, str, str]]:
    """(file, label, text) of every text that goes into the document."""
    out = [(strategy.vision.source, "visie", strategy.vision.kern + "\n" + strategy.vision.body)]
    for o in strategy.opgaven:
        out.append((o.source, f"opgave {o.id}", "\n".join((o.titel, o.stip, o.koers, o.body))))
    for t in strategy.themes:
        out.append((t.source, f"thema {t.id}", "\n".join((t.titel, t.kort, t.body))))
    for y in strategy.years:
        if y.source:
            out.append((y.source, f"jaarschijf {y.jaar}", y.titel + "\n" + y.body))
    principles = "\n".join(p.titel + " " + p.toelichting for p in strategy.principles)
    niet_meer = "\n".join(strategy.niet_meer)
    out.append(("content/strategie.yaml", "strategie", "\n".join((strategy.ambitie, principles, niet_meer))))
    return out


def estimate_pages(strategy: Strategy) -> float:
    """Estimated A4 pages of the written strategy."""
    chars = sum(plain_length(text) for _, _, text in texts(strategy))
    chars += PER_OPGAVE * len(strategy.opgaven) + PER_ACTION * len(strategy.actions)
    chars += PER_YEAR * len(strategy.years) + PER_THEME * len(strategy.themes)
    chars += PER_PRINCIPLE * len(strategy.principles)
    return FIXED_PAGES + chars / CHARS_PER_PAGE


def longest(strategy: Strategy, count: int = 3) -> list[tuple[str, int]]:
    """The files with the most words, longest first."""
    totals: dict[str, int] = {}
    for source, _, text in texts(strategy):
        totals[source] = totals.get(source, 0) + words(text)
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:count]


def dutch_number(value: float, decimals: int = 1) -> str:
    """1234.5 → '1.234,5' (Dutch separators)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def longest_phrase(strategy: Strategy) -> str:
    return ", ".join(f"{path} ({dutch_number(n, 0)} woorden)" for path, n in longest(strategy))
