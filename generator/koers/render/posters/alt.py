"""The text alternatives of the posters: everything a poster shows, as plain Dutch sentences."""

from __future__ import annotations

from koers.content.model import STATUS_LABELS, Strategy, YearSlice
from koers.dutch import plural
from koers.render.posters.bands import version_line
from koers.render.posters.overview.extras import EXTRAS, LABELS, items
from koers.render.yearreport import headlines, year_report


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def overview_title(strategy: Strategy) -> str:
    return f"Strategie in één beeld: {strategy.titel}"


def combined_title(strategy: Strategy) -> str:
    return f"Strategie en routekaart {strategy.period_label}: {strategy.titel}"


def roadmap_title(strategy: Strategy) -> str:
    return f"Routekaart {strategy.period_label}: {strategy.titel}"


def overview_description(strategy: Strategy, extras: tuple[str, ...] = EXTRAS, agenda: bool = True) -> str:
    """Ambition, vision, every opgave per bron with stip and koers, the extras shown, themes, year slices, version.

    Without `agenda` (the combined poster, where the routekaart takes the agenda's place and
    its own description follows) the year slices and the version are left out.
    """
    parts = [
        f"Poster van {strategy.organisatie}.",
        "Ambitie: " + _sentence(strategy.ambitie),
        "Visie: " + _sentence(strategy.vision.kern),
    ]
    for source, opgaven in strategy.matrix:
        if not opgaven:
            continue
        parts.append(f"{source.titel} ({plural(len(opgaven), 'opgave', 'opgaven')}):")
        for opgave in opgaven:
            done = strategy.progress(opgave.acties)["gereed"]
            parts.append(
                f"{_sentence(opgave.display)} Stip op de horizon: {_sentence(opgave.stip)} "
                f"Koers: {_sentence(opgave.koers)} {plural(len(opgave.acties), 'actie', 'acties')}, {done} gereed."
            )
    for key in extras:
        parts.append(_extra(strategy, key))
    if strategy.themes:
        parts.append("Thema's: " + ", ".join(t.display for t in strategy.themes) + ".")
    if not agenda:
        return " ".join(parts)
    years = []
    for year in strategy.years:
        actions = strategy.actions_by_year.get(year.jaar, ())
        done = sum(1 for a in actions if a.status == "gereed")
        years.append(f"{year.label}: {plural(len(actions), 'actie', 'acties')}, {done} gereed")
    parts.append(f"Agenda {strategy.period_label}: " + "; ".join(years) + ".")
    parts.append(_sentence(version_line(strategy)[0].upper() + version_line(strategy)[1:]))
    return " ".join(parts)


def _extra(strategy: Strategy, key: str) -> str:
    """One extra band as a sentence: its label, then each item."""
    said = []
    for item in items(strategy, key):
        words = [w for w in (item.title, item.text) if w]
        said.append(": ".join(words) + (f" ({item.note})" if item.note else ""))
    return f"{LABELS[key].capitalize()}: " + "; ".join(" ".join(s.split()).rstrip(".") for s in said) + "."


def standing_description(strategy: Strategy, slot: YearSlice, lessons: bool = False) -> str:
    """The 'stand van zaken' image in words: the counts, then each headline indicator shown."""
    report = year_report(strategy, slot)
    (_, done, _), *others = report.tally
    parts = [
        f"Stand van zaken {slot.label} van {strategy.titel} ({strategy.organisatie}).",
        f"{done} van {plural(len(report.actions), 'actie', 'acties')} gereed; " + "; ".join(f"{n} {label}" for _, n, label in others) + ".",
    ]
    shown = headlines(strategy, slot)
    for item in shown:
        target = f", {item.target}" if item.target else ""
        parts.append(f"{item.naam}: gemeten {item.year} {item.value}{target}" + (f", {item.verdict}." if item.verdict != "–" else "."))
    if not shown:
        parts.append(f"Voor {slot.label} zijn nog geen indicatoren gemeten.")
    if lessons:
        parts.append("Wat we leerden: " + " ".join(slot.terugblik.split()))
    return " ".join(parts)


def roadmap_description(strategy: Strategy) -> str:
    """Every action per opgave with its years, status and what it waits for."""
    parts = [
        f"Routekaart van {strategy.organisatie} voor {strategy.period_label}: de jaren als kolommen, "
        "de opgaven als banen, elke actie als blok met haar status; pijlen tonen welke actie eerst klaar moet zijn."
    ]
    for source, opgaven in strategy.matrix:
        if not opgaven:
            continue
        parts.append(f"{source.titel}:")
        for opgave in opgaven:
            items = []
            for action in opgave.acties:
                item = f"{action.display} ({action.period_label}, {STATUS_LABELS[action.status].lower()}"
                if action.na:
                    after = ", ".join(strategy.action_by_id[a].display for a in action.na)
                    item += f", na: {after}"
                items.append(item + ")")
            parts.append(f"{opgave.display}: " + "; ".join(items) + ".")
    counts = strategy.progress(strategy.actions)
    summary = ", ".join(f"{n} {STATUS_LABELS[s].lower()}" for s, n in counts.items() if n)
    parts.append(f"In totaal {plural(len(strategy.actions), 'actie', 'acties')}: {summary}.")
    parts.append(_sentence(version_line(strategy)[0].upper() + version_line(strategy)[1:]))
    return " ".join(parts)
