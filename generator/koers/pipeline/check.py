"""The check stage: load → validate → model, then the page budget, the poster fit, the site settings and the editor's schemas."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from koers.authoring.schemacopies import check_schema_copies
from koers.content.load import ID_PATTERN, Content, load
from koers.content.markdownlimits import MAX_HTML_DEPTH, busiest_line, markdown_texts, may_nest_deeply
from koers.content.model import Strategy, build_model
from koers.content.validate import validate
from koers.findings import Report
from koers.housestyle.theme import HouseStyle, load_house_style
from koers.publish.sitepolicy import read_site_settings
from koers.render.coverage import check_coverage
from koers.render.document import budget
from koers.render.posters.fitreport import Problem, report_fit
from koers.reuse import fit


@dataclass(frozen=True)
class Checked:
    """What `check` found, and the model when the content is valid."""

    report: Report
    strategy: Strategy | None
    style: HouseStyle | None
    budget_line: int = 1



def check(project: Path) -> Checked:
    """Load, validate and model the project; never raises for bad content."""
    report = Report()
    content = load(project, report)
    validate(content, report)
    style = None
    strategie = content.strategie
    huisstijl = strategie.data.get("huisstijl") if strategie and isinstance(strategie.data, dict) else None
    if strategie is not None and isinstance(huisstijl, str) and ID_PATTERN.match(huisstijl):
        style = load_house_style(project, huisstijl, report, (strategie.path, strategie.line(("huisstijl",))))
        if style is not None and style.logo_from_name:
            # Deferred: Jinja2 and the text measurer cost ~90 ms, and only a starter's theme draws its logo.
            from koers.render.namelogo import with_name_logo

            style = with_name_logo(style, strategie.data.get("organisatie"))
    if style is not None:
        check_coverage(content, style, report)
    if not report.errors:
        _check_html_depth(content, report)
    strategy = build_model(content) if not report.errors else None
    budget_line = strategie.line(("omvang",)) if strategie else 1
    if strategy is not None:
        _check_budget(strategy, style, budget_line, report)
        if style is not None:
            report_fit(strategy, _fit_problems(strategy, style), report)
    # After the model: a refused setting in mkdocs.yml is a finding, but the preview still shows the content.
    read_site_settings(project, report)
    check_schema_copies(project, report)
    return Checked(report, strategy, style, budget_line)


def _fit_problems(strategy: Strategy, style: HouseStyle) -> list[Problem]:
    """What cannot fit on the posters: kept from an earlier check when nothing a poster shows changed (koers.reuse.fit)."""
    kept = fit.key(strategy, style)
    found = fit.stored(kept)
    if found is None:
        from koers.render.posters.fitting import problems  # the poster layouts, only when nothing is kept

        found = problems(strategy, style)
        fit.keep(kept, found)
    return found


def _check_html_depth(content: Content, report: Report) -> None:
    """Refuse a Markdown text whose HTML nests too deep for the engines' stacks (emphasis, links, tags, lists)."""
    texts = [item for item in markdown_texts(content) if may_nest_deeply(item.text)]
    if not texts:
        return
    from koers.render.markup import html_depth, markdown_to_html  # Markdown and nh3, only for a suspicious text

    for item in texts:
        depth = html_depth(markdown_to_html(item.text))
        if depth > MAX_HTML_DEPTH:
            report.error(
                item.path,
                item.line_of(busiest_line(item.text)),
                f"opmaak te diep in elkaar: {depth} lagen (lijsten, citaten, nadruk, links en HTML-tags samen), maximaal {MAX_HTML_DEPTH}",
            )


def _check_budget(strategy: Strategy, style: HouseStyle | None, line: int, report: Report) -> None:
    pages = budget.estimate_pages(strategy, style)
    room = strategy.max_a4 - pages
    if room < 0:
        # An error, as in `koers build`: one verdict in pre-commit, in CI and on the kernteam's laptop.
        report.error(
            "content/strategie.yaml",
            line,
            f"de geschreven strategie wordt naar schatting {budget.dutch_number(pages)} A4, maximaal {strategy.max_a4} "
            f"(de schatting zit er hoogstens {budget.dutch_number(budget.MARGIN)} A4 naast): "
            f"het langst zijn {budget.longest_phrase(strategy)}",
        )
    else:
        report.note(
            f"geschreven strategie: naar schatting {budget.dutch_number(pages)} A4 van maximaal {strategy.max_a4}; "
            f"nog ongeveer {budget.dutch_number(room)} A4 over"
        )


# `--strict-vastgesteld`: what a new project's CI runs. A concept publishes with its warnings (the
# concept banner counts them); from `status: vastgesteld` (or herijkt) on, a warning stops the build.
ONCE_ADOPTED = "vastgesteld"


def strict_for(mode: bool | str, checked: Checked) -> bool:
    """Whether warnings count as errors: always (--strict), never, or once the strategy is no concept."""
    if mode != ONCE_ADOPTED:
        return bool(mode)
    return checked.strategy is None or checked.strategy.status != "concept"
