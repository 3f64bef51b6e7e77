"""The yearly progress report (voortgangsrapportage) as plain data: shared by the site, the PDF and the social image.

Which years are reported is decided by the content, never by the clock, so the same
content gives the same site on any day: a year (or phase) is reported when its year
slice has a `terugblik`, or (in a strategy by years) when an indicator has a
measurement in that year. Everything else about a year is in the content already:
the actions that run in it with their status and `toelichting`, and the indicators.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from markupsafe import Markup

from koers.content.model import Action, Indicator, Opgave, Strategy, YearSlice
from koers.render import trend
from koers.render.indicators import key_indicators, target_year
from koers.slug import slugify

SLIPPED = ("vertraagd", "gestopt")
# How a report counts its actions in brief: (status that names the group, statuses counted, Dutch label).
TALLY = (("gereed", ("gereed",), "gereed"), ("lopend", ("lopend", "gepland"), "lopend of gepland"), ("vertraagd", SLIPPED, "vertraagd of gestopt"))


@dataclass(frozen=True)
class YearReport:
    """What a year's report says, in reading order."""

    slot: YearSlice
    slipped: tuple[Action, ...]  # vertraagd and gestopt first, in the author's order
    groups: tuple[tuple[Opgave, tuple[Action, ...]], ...]  # every action of the year, per opgave
    counts: dict[str, int]  # status → number of actions

    @property
    def actions(self) -> tuple[Action, ...]:
        return tuple(a for _, actions in self.groups for a in actions)

    @property
    def tally(self) -> tuple[tuple[str, int, str], ...]:
        """(status, number, label) per group of TALLY: done, running or planned, slipped."""
        return tuple((code, sum(self.counts[s] for s in statuses), label) for code, statuses, label in TALLY)

    @property
    def title(self) -> str:
        """'Voortgang 2024', or 'Voortgang Fundament versterken' for a phase."""
        return f"Voortgang {self.slot.label}"


def reported_slots(strategy: Strategy) -> tuple[YearSlice, ...]:
    """The year slices that have something to report, in the period's order."""
    measured = set() if strategy.phased else {year for o in strategy.opgaven for i in o.indicatoren for year, _ in i.metingen}
    return tuple(slot for slot in strategy.years if slot.terugblik or slot.jaar in measured)


def report_filename(strategy: Strategy, slot: YearSlice) -> str:
    """'gemeente-voorbeeldstad-voortgang-2024.pdf': the PDF of a year's report (pages link to it by this name)."""
    return f"{slugify(strategy.organisatie)}-voortgang-{slot.slug}.pdf"


def year_report(strategy: Strategy, slot: YearSlice) -> YearReport:
    """The report of one year slice."""
    groups = strategy.actions_by_year_and_opgave.get(slot.jaar, ())
    actions = tuple(a for _, group in groups for a in group)
    return YearReport(
        slot=slot,
        slipped=tuple(a for a in actions if a.status in SLIPPED),
        groups=groups,
        counts=strategy.progress(actions),
    )


def measured_until(indicator: Indicator, slot: YearSlice, phased: bool) -> tuple[tuple[int, str], ...]:
    """The measurements a report of this slot can know: up to its year (every one in a phased strategy)."""
    return indicator.metingen if phased else tuple((y, v) for y, v in indicator.metingen if y <= slot.jaar)


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator as a report prints it: every cell is text."""

    naam: str
    nulmeting: str
    gemeten: str
    doel: str
    oordeel: str


def indicator_rows(strategy: Strategy, report: YearReport) -> tuple[tuple[Opgave, tuple[IndicatorRow, ...]], ...]:
    """The report's indicators per opgave: baseline, what was measured up to the year, target, and the verdict."""
    out = []
    for opgave in strategy.opgaven:
        rows = []
        for indicator in opgave.indicatoren:
            measured = measured_until(indicator, report.slot, strategy.phased)
            target = f"{indicator.doel} in {target_year(strategy, indicator)}" if indicator.doel else "nog niet vastgesteld"
            rows.append(
                IndicatorRow(
                    indicator.naam,
                    indicator.nulmeting or "–",
                    "; ".join(f"{year}: {value}" for year, value in measured) or "nog niet gemeten",
                    target,
                    judgement(strategy, indicator, report.slot),
                )
            )
        if rows:
            out.append((opgave, tuple(rows)))
    return tuple(out)


def judgement(strategy: Strategy, indicator: Indicator, slot: YearSlice) -> str:
    """Whether the indicator is on track in this slot (koers.render.trend decides; '–' when it cannot say)."""
    # A phase has no calendar year: its report judges by every measurement there is.
    verdict = trend.verdict(strategy, indicator, strategy.tot if strategy.phased else slot.jaar)
    return "–" if verdict == "onbekend" else verdict


@dataclass(frozen=True)
class Headline:
    """An indicator as a short news item: its latest measurement in the slot, its target and the verdict."""

    naam: str
    year: int
    value: str
    target: str  # 'doel 60% in 2026', or '' without a doel
    verdict: str  # as `judgement` says it ('–' when it cannot)


def headlines(strategy: Strategy, slot: YearSlice, count: int = 2) -> tuple[Headline, ...]:
    """The first `count` key indicators that were measured by the slot (the 'stand van zaken' and its description)."""
    out: list[Headline] = []
    for _, indicator in key_indicators(strategy):
        measured = measured_until(indicator, slot, strategy.phased)
        if measured and len(out) < count:
            target = f"doel {indicator.doel} in {target_year(strategy, indicator)}" if indicator.doel else ""
            out.append(Headline(indicator.naam, measured[-1][0], measured[-1][1], target, judgement(strategy, indicator, slot)))
    return tuple(out)


def known_trend(strategy: Strategy, indicator: Indicator, slot: YearSlice | None = None) -> trend.Trend | None:
    """The indicator's trend as known in `slot` (None: everything measured), or None when it has none."""
    if slot is not None:
        indicator = replace(indicator, metingen=measured_until(indicator, slot, strategy.phased))
    return trend.trend(strategy, indicator)


def chart(strategy: Strategy, indicator: Indicator, colours: trend.ChartColours, family: str, ident: str, slot: YearSlice | None = None) -> Markup | None:
    """The indicator's trend chart as known in `slot` (None: everything measured), or None when it has no trend."""
    series = known_trend(strategy, indicator, slot)
    return None if series is None else trend.chart_svg(series, colours=colours, family=family, ident=ident)
