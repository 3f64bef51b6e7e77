"""A year's progress report (voortgangsrapportage) as an A4 PDF, in the house style of the written strategy.

Same engine, print CSS and accessibility as the written strategy (render.document.written:
tagged PDF/UA-1, the theme's fonts, deterministic bytes). What it says comes from
render.yearreport; its page budget is `omvang.voortgang_max_a4` (2 unless set), checked
against the real page count when the PDF is made.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from koers.content.model import STATUS_LABELS, Strategy, YearSlice
from koers.dutch import plural
from koers.housestyle.theme import HouseStyle
from koers.render.document.written import WrittenStrategy, adoption_line, body_html, page_html, render_pdf
from koers.render.trend import chart_colours
from koers.render.yearreport import YearReport, chart, indicator_rows, report_filename, year_report


def report_html(strategy: Strategy, style: HouseStyle, slot: YearSlice, epoch: str = "") -> str:
    """The report as HTML for the print engine (autoescaped; the notes are sanitised Markdown)."""
    report = year_report(strategy, slot)
    return page_html("voortgang.html", strategy, style, epoch, **_values(strategy, style, report))


def _charts(strategy: Strategy, style: HouseStyle, report: YearReport) -> list[tuple[str, Markup]]:
    """A trend chart per indicator that has one, as known in the report's year (its table is the text alternative)."""
    colours = chart_colours(style)
    out: list[tuple[str, Markup]] = []
    for opgave in strategy.opgaven:
        for number, indicator in enumerate(opgave.indicatoren, 1):
            drawn = chart(strategy, indicator, colours, style.fonts.family, f"trend-{opgave.id}-{number}", report.slot)
            if drawn is not None:
                out.append((indicator.naam, drawn))
    return out


def _values(strategy: Strategy, style: HouseStyle, report: YearReport) -> dict[str, Any]:
    notes = {a.id: body_html(a.toelichting, 6) if a.toelichting else "" for a in report.actions}
    return {
        "s": strategy,
        "report": report,
        "adoption": adoption_line(strategy),
        "total": len(report.actions),
        "notes": notes,
        "indicators": indicator_rows(strategy, report),
        "charts": _charts(strategy, style, report),
        "STATUS_LABELS": STATUS_LABELS,
        "plural": plural,
    }


def render_report(strategy: Strategy, style: HouseStyle, slot: YearSlice, epoch: str = "") -> WrittenStrategy:
    """Lay out and write the report's PDF (real page count). Raises EngineUnavailable without WeasyPrint."""
    return render_pdf(report_filename(strategy, slot), report_html(strategy, style, slot, epoch), style)


def budget_problem(strategy: Strategy, slot: YearSlice, made: WrittenStrategy) -> str | None:
    """The Dutch finding when a report is longer than `omvang.voortgang_max_a4` (None within budget)."""
    if made.pages <= strategy.progress_max_a4:
        return None
    return (
        f"de voortgangsrapportage {slot.label} is {made.pages} A4, maximaal {strategy.progress_max_a4} "
        "(omvang.voortgang_max_a4): maak de toelichtingen en de terugblik korter of verhoog het maximum"
    )
