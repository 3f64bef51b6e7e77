"""A year's progress report (voortgangsrapportage) as an A4 PDF, in the house style of the written strategy.

Same engine, print CSS and accessibility as the written strategy (render.document.written:
tagged PDF/UA-1, the theme's fonts, deterministic bytes). What it says comes from
render.yearreport; its page budget is `omvang.voortgang_max_a4` (2 unless set), checked
against the real page count when the PDF is made.
"""

from __future__ import annotations

from typing import Any

from koers.content.model import STATUS_LABELS, Strategy, YearSlice
from koers.dutch import plural
from koers.housestyle.theme import HouseStyle
from koers.render.document.written import WrittenStrategy, adoption_line, body_html, page_html, render_pdf
from koers.render.yearreport import YearReport, indicator_rows, report_filename, year_report


def report_html(strategy: Strategy, style: HouseStyle, slot: YearSlice, epoch: str = "") -> str:
    """The report as HTML for the print engine (autoescaped; the notes are sanitised Markdown)."""
    report = year_report(strategy, slot)
    return page_html("voortgang.html", strategy, style, epoch, **_values(strategy, report))


def _values(strategy: Strategy, report: YearReport) -> dict[str, Any]:
    notes = {a.id: body_html(a.toelichting, 6) if a.toelichting else "" for a in report.actions}
    return {
        "s": strategy,
        "report": report,
        "adoption": adoption_line(strategy),
        "total": len(report.actions),
        "notes": notes,
        "indicators": indicator_rows(strategy, report),
        "STATUS_LABELS": STATUS_LABELS,
        "plural": plural,
    }


def render_report(strategy: Strategy, style: HouseStyle, slot: YearSlice, epoch: str = "") -> WrittenStrategy:
    """Lay out and write the report's PDF (real page count). Raises EngineUnavailable without WeasyPrint."""
    return render_pdf(report_filename(strategy, slot), report_html(strategy, style, slot, epoch), style)
