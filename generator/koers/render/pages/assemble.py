"""Strategy → the site's pages (Markdown with small HTML) and assets, engine-independent.

Every page is rendered here from a Jinja2 template under templates/pages/;
the site engine (koers.publish.engine) only turns the staging docs folder into HTML.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from koers.content.model import Indicator, Strategy, YearSlice
from koers.housestyle.theme import HouseStyle
from koers.output import Output
from koers.render.pages.accessibility import compliance
from koers.render.pages.assets import render_assets
from koers.render.pages.base import (
    ABOUT,
    AGENDA,
    DOWNLOADS,
    HOME,
    OPGAVEN,
    PROGRESS,
    STATEMENT,
    TEAMS,
    THEMES,
    VISION,
    front_matter,
    one_line,
    opgave_page,
    progress_page,
    render,
    team_page,
    theme_page,
    year_page,
)
from koers.render.pages.context import ArchivedVersion, Download, DownloadFile, EditLinks, PageContext, shown_version
from koers.render.pages.teams import TeamView, by_department, sorted_teams, team_views
from koers.render.trend import chart_colours
from koers.render.yearreport import chart, indicator_rows, report_filename, reported_slots, year_report

__all__ = ["PageContext", "ArchivedVersion", "Download", "DownloadFile", "EditLinks", "render_pages", "navigation", "NAV_FILE"]

# The nav travels to the engine adapter inside the staging docs folder; the engine skips dot folders.
NAV_FILE = ".koers/site.json"
STRATEGY_FILE = "content/strategie.yaml"
CHANGES = "wijzigingen.md"
TEAMS_FILE = "content/teams.yaml"


def _title(text: str) -> str:
    """A nav title: the theme prints nav titles as raw HTML, so they are escaped here."""
    return html.escape(one_line(text))


# A section with more pages than this lists only its overview page (which links them all) in the
# menu. Every page carries the whole menu, so listing everything would make the site grow with the
# square of its pages: 1,000 opgaven would be 1,000 pages with 1,000 menu items each.
NAV_LIMIT = 30
# A list of more actions than this shows them as one-line rows that link to their full card on the
# opgave page (year and team pages), or only as a count with a link (the agenda). Hundreds of cards on
# one page are unreadable, and at 1,000 opgaven they were three quarters of the site's 77 MB.
LIST_LIMIT = 60


def in_short(count: int) -> bool:
    """Whether a list of this many actions is shown in short (see LIST_LIMIT)."""
    return count > LIST_LIMIT


def _section(title: str, index: str, items: list[dict[str, str]], hidden: list[str] | None) -> dict[str, Any]:
    if len(items) <= NAV_LIMIT:
        return {title: [index] + items}
    if hidden is not None:
        folder = index.rsplit("/", 1)[0]
        hidden += [f"/{folder}/*.md", f"!/{index}"]
    return {title: [index]}


def navigation(strategy: Strategy, changes: bool = False, hidden: list[str] | None = None) -> list[Any]:
    """The site navigation in MkDocs' nav format (Dutch titles, sections with an overview page).

    Pages left out of a long section are added to `hidden` as patterns for the engine's not_in_nav.
    """
    nav: list[Any] = [{"Start": HOME}, {"Visie": VISION}]
    nav.append(_section("Opgaven", OPGAVEN, [{_title(o.display): opgave_page(o.id)} for o in strategy.opgaven], hidden))
    if strategy.themes:
        nav.append(_section("Thema's", THEMES, [{_title(t.display): theme_page(t.id)} for t in strategy.themes], hidden))
    nav.append({"Agenda": [AGENDA] + [{_title(_year_title(y.label, y.titel)): year_page(y.slug)} for y in strategy.years]})
    reported = reported_slots(strategy)
    if reported:
        nav.append({"Voortgang": [PROGRESS] + [{_title(y.label): progress_page(y.slug)} for y in reported]})
    views = team_views(strategy)
    if views:
        teams = sorted(views.values(), key=lambda t: (t.naam.casefold(), t.id))
        nav.append(_section("Wat is mijn bijdrage?", TEAMS, [{_title(t.naam): team_page(t.id)} for t in teams], hidden))
    # The accessibility statement sits with the about page, so the top navigation stays as it is.
    # Titled here, not only in the page's front matter: the preview's quick rebuild reads only the pages
    # that changed, and the theme labelled this one "None" in the menu of every page it rebuilt.
    about: list[Any] = [{"Over deze strategie": ABOUT}] + ([{"Wijzigingen": CHANGES}] if changes else [])
    nav += [{"Downloads": DOWNLOADS}, {"Over deze strategie": about + [{"Toegankelijkheidsverklaring": STATEMENT}]}]
    return nav


def _year_title(label: str, titel: str) -> str:
    return titel or label


def _page(
    template: str,
    path: str,
    title: str,
    edit: str | None,
    values: dict[str, Any],
    hide: tuple[str, ...] = (),
    description: str = "",
) -> Output:
    text = front_matter(title, edit, hide, description) + render(template, path, **values)
    return Output(path, text)


def _overview_pages(strategy: Strategy, context: PageContext, values: dict[str, Any]) -> list[Output]:
    edit = context.edit_url
    # With tabs, a top-level page without a section has nothing to show in the side menu.
    single = ("navigation",) if context.tabs else ()
    status = compliance(context.accessibility_result)
    return [
        _page(
            "home.md.j2", HOME, strategy.titel, edit(STRATEGY_FILE), values, hide=single + ("toc",), description=strategy.ambitie
        ),
        _page("visie.md.j2", VISION, strategy.vision.titel, edit(strategy.vision.source), values, hide=single),
        _page("opgaven.md.j2", OPGAVEN, "Opgaven", edit(STRATEGY_FILE), values, hide=("toc",)),
        _page("agenda.md.j2", AGENDA, "Agenda", edit(STRATEGY_FILE), values),
        _page("downloads.md.j2", DOWNLOADS, "Downloads", None, values, hide=single + ("toc",)),
        _page("over.md.j2", ABOUT, "Over deze strategie", edit(STRATEGY_FILE), values | {"shown": shown_version(strategy, context)}),
        _page("toegankelijkheid.md.j2", STATEMENT, "Toegankelijkheidsverklaring", None, values | {"status": status}, hide=("toc",)),
    ] + ([Output(CHANGES, front_matter("Wijzigingen", None, (), "") + context.changes)] if context.changes else [])


def _detail_pages(strategy: Strategy, context: PageContext, values: dict[str, Any]) -> list[Output]:
    edit = context.edit_url
    out = [
        _page("opgave.md.j2", opgave_page(o.id), o.display, edit(o.source), values | {"o": o}, description=o.stip)
        for o in strategy.opgaven
    ]
    if strategy.themes:
        out.append(_page("themas.md.j2", THEMES, "Thema's", None, values))
        out += [
            _page("thema.md.j2", theme_page(t.id), t.display, edit(t.source), values | {"t": t}, description=t.kort)
            for t in strategy.themes
        ]
    for year in strategy.years:
        title = _year_title(year.label, year.titel)
        out.append(_page("jaar.md.j2", year_page(year.slug), title, edit(year.source), values | {"y": year, "year_title": title}))
    reported = values["reported"]
    if reported:
        out.append(_page("voortgang-overzicht.md.j2", PROGRESS, "Voortgang", None, values))
    for slot in reported:
        report = year_report(strategy, slot)
        extra = {
            "report": report,
            "indicator_rows": indicator_rows(strategy, report),
            "report_key": report_filename(strategy, slot).removesuffix(".pdf"),
        }
        out.append(_page("voortgang.md.j2", progress_page(slot.slug), report.title, edit(slot.source), values | extra))
    teams: dict[str, TeamView] = values["teams"]
    if teams:
        team_edit = edit(TEAMS_FILE) if strategy.has_teams_file else None
        out.append(
            _page("teams.md.j2", TEAMS, "Wat is mijn bijdrage?", team_edit, values | {"departments": by_department(teams)})
        )
        out += [_page("team.md.j2", team_page(t.id), t.naam, team_edit, values | {"team": t}) for t in sorted_teams(teams)]
    return out


def _chart_maker(strategy: Strategy, style: HouseStyle) -> Callable[..., Markup]:
    """`chart(indicator, ident, slot=None)` for the templates: the indicator's trend as known in `slot` (default: now)."""
    colours = chart_colours(style)

    def drawn(indicator: Indicator, ident: str, slot: YearSlice | None = None) -> Markup:
        return chart(strategy, indicator, colours, style.fonts.family, ident, slot) or Markup("")

    return drawn


def render_pages(strategy: Strategy, style: HouseStyle, context: PageContext) -> list[Output]:
    """Every page and asset of the site, as outputs relative to the staging docs folder."""
    teams = team_views(strategy)
    values: dict[str, Any] = {
        "s": strategy,
        "ctx": context,
        "style": style,
        "teams": teams,
        "progress": strategy.progress,
        "year_title": _year_title,
        "in_short": in_short,
        "reported": reported_slots(strategy),
        "chart": _chart_maker(strategy, style),
    }
    pages = _overview_pages(strategy, context, values) + _detail_pages(strategy, context, values)
    assets, _ = render_assets(style)
    hidden: list[str] = []
    site = {
        "nav": navigation(strategy, bool(context.changes), hidden),
        "not_in_nav": hidden,
        "concept": strategy.status == "concept",
        "open_points": context.open_points if strategy.status == "concept" else 0,
        "organisatie": html.escape(strategy.organisatie),
        "titel": html.escape(strategy.titel),
        "site_name": strategy.titel,  # the site's name unless mkdocs.yml sets one (plain text; the engine escapes it)
    }
    nav = Output(NAV_FILE, json.dumps(site, ensure_ascii=False, indent=1, sort_keys=True))
    return pages + assets + [nav]
