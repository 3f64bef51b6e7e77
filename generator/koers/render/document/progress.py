"""A year's progress report (voortgangsrapportage) as an A4 PDF, in the house style of the written strategy.

Same engine, house layout and accessibility as the written strategy (render.document.written:
Typst, templates/document/koers.typ and voortgang.typ, tagged PDF/UA-1, the theme's fonts,
deterministic bytes). What it says comes from render.yearreport; its page budget is
`omvang.voortgang_max_a4` (2 unless set), checked against the real page count when the PDF is made.
"""

from __future__ import annotations

from typing import Any

from koers.content.model import STATUS_LABELS, Action, Strategy, YearSlice
from koers.dutch import plural
from koers.housestyle.theme import HouseStyle
from koers.render.document.pdf import DocumentSource, WrittenStrategy, body_markup, document_source, typeset_pdf
from koers.render.document.written import adoption_line
from koers.render.trend import chart_colours, chart_svg, describe
from koers.render.yearreport import YearReport, indicator_rows, known_trend, report_filename, year_report


def _charts(strategy: Strategy, style: HouseStyle, report: YearReport) -> list[dict[str, str]]:
    """A trend chart per indicator that has one, as known in the report's year, with its text alternative.

    The alt text is what the chart's SVG title and description say (the table beside it says it too).
    """
    colours = chart_colours(style)
    out = []
    for opgave in strategy.opgaven:
        for number, indicator in enumerate(opgave.indicatoren, 1):
            series = known_trend(strategy, indicator, report.slot)
            if series is not None:
                drawn = chart_svg(series, colours=colours, family=style.fonts.family, ident=f"trend-{opgave.id}-{number}")
                out.append({"naam": indicator.naam, "svg": str(drawn), "alt": f"Trend: {indicator.naam}. {describe(series)}"})
    return out


def _action(action: Action, note: str) -> dict[str, str]:
    return {"titel": action.display, "status": STATUS_LABELS[action.status], "note": note}


def report_data(strategy: Strategy, style: HouseStyle, report: YearReport) -> dict[str, Any]:
    """What voortgang.typ shows, as JSON values (notes as Typst markup)."""
    notes = {a.id: body_markup(a.toelichting, 6) if a.toelichting else "" for a in report.actions}
    total = len(report.actions)
    counts = [f"{n} {STATUS_LABELS[code].lower()}" for code, n in report.counts.items() if n]
    return {
        "title": f"{report.title}: {strategy.titel}",
        "description": f"Voortgangsrapportage {report.slot.label} van {strategy.titel}",
        "header_left": report.title,
        "header_right": f"{strategy.titel}, versie {strategy.versie}",
        "heading": report.title,
        "strategy_line": f"{strategy.titel}, versie {strategy.versie}",
        "adoption": adoption_line(strategy),
        "summary_lead": f"In {report.slot.label} {'liep' if total == 1 else 'liepen'} ",
        "summary_total": plural(total, "actie", "acties"),
        "summary_rest": (" " + ", ".join(counts) + ".") if counts else "",
        "slipped": [_action(a, notes[a.id] or body_markup("Geen toelichting.", 6)) for a in report.slipped],
        "terugblik": report.slot.terugblik or "",
        "indicators": [
            {"titel": opgave.display, "rows": [vars(row) for row in rows]} for opgave, rows in indicator_rows(strategy, report)
        ],
        "charts": _charts(strategy, style, report),
        "groups": [{"titel": opgave.display, "rows": [_action(a, notes[a.id]) for a in actions]} for opgave, actions in report.groups],
    }


def report_source(strategy: Strategy, style: HouseStyle, slot: YearSlice, epoch: str = "") -> DocumentSource:
    """What Typst gets for one year's report."""
    return document_source("voortgang.typ", strategy, style, epoch, report_data(strategy, style, year_report(strategy, slot)))


def render_report(strategy: Strategy, style: HouseStyle, slot: YearSlice, epoch: str = "") -> WrittenStrategy:
    """Lay out and write the report's PDF (real page count). Raises EngineUnavailable without Typst."""
    return typeset_pdf(report_filename(strategy, slot), report_source(strategy, style, slot, epoch))


def budget_problem(strategy: Strategy, slot: YearSlice, made: WrittenStrategy) -> str | None:
    """The Dutch finding when a report is longer than `omvang.voortgang_max_a4` (None within budget)."""
    if made.pages <= strategy.progress_max_a4:
        return None
    return (
        f"de voortgangsrapportage {slot.label} is {made.pages} A4, maximaal {strategy.progress_max_a4} "
        "(omvang.voortgang_max_a4): maak de toelichtingen en de terugblik korter of verhoog het maximum"
    )
