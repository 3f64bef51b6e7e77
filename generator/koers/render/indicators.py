"""Indicators as a reader meets them outside a table: the key ones, and one Dutch line each."""

from __future__ import annotations

from koers.content.model import Indicator, Opgave, Strategy


def key_indicators(strategy: Strategy) -> tuple[tuple[Opgave, Indicator], ...]:
    """The first indicator of every opgave that has one: the author lists the most telling first."""
    return tuple((o, o.indicatoren[0]) for o in strategy.opgaven if o.indicatoren)


def target_year(strategy: Strategy, indicator: Indicator) -> int:
    """The year the doel is for: its own `jaar`, else the end of the period."""
    return indicator.jaar or strategy.tot


def indicator_line(strategy: Strategy, indicator: Indicator) -> str:
    """'Van 5% naar 60% in 2026; gemeten 2024: 30%', from whatever the indicator has."""
    year = target_year(strategy, indicator)
    if indicator.nulmeting and indicator.doel:
        line = f"Van {indicator.nulmeting} naar {indicator.doel} in {year}"
    elif indicator.doel:
        line = f"Doel: {indicator.doel} in {year}"
    elif indicator.nulmeting:
        line = f"Nulmeting: {indicator.nulmeting}; doel nog niet vastgesteld"
    else:
        line = "Doel nog niet vastgesteld"
    if indicator.metingen:
        measured_year, value = indicator.metingen[-1]
        line += f"; gemeten {measured_year}: {value}"
    return line


def indicator_lines(strategy: Strategy, opgave: Opgave) -> tuple[str, ...]:
    """The written strategy's lines under an opgave: a label, then 'naam: van … naar … in …' per indicator."""
    if not opgave.indicatoren:
        return ()
    return ("Zo meten we het",) + tuple(f"{i.naam}: {indicator_line(strategy, i)}" for i in opgave.indicatoren)
