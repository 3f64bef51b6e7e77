"""Annual revision (jaarlijkse herijking): what changed between two versions of a strategy."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from koers.content.model import STATUS_LABELS, STATUSES, Action, Opgave, Strategy, Theme
from koers.resources import templates_dir
from koers.templating import environment

T = TypeVar("T", Opgave, Action, Theme)  # every kind that is compared has an id and a titel


@dataclass(frozen=True)
class FieldChange:
    """One value that changed; quoted values are free text, the others are codes or names."""

    label: str
    old: str
    new: str
    quoted: bool = False


@dataclass(frozen=True)
class Item:
    """Something that was added or removed, with a short Dutch description."""

    id: str
    titel: str
    detail: str = ""


@dataclass(frozen=True)
class ItemChange:
    """Something that exists in both versions, with what changed about it."""

    id: str
    titel: str
    context: str
    fields: tuple[FieldChange, ...]


@dataclass(frozen=True)
class Section:
    """Added, removed and changed items of one kind (opgaven, acties, thema's)."""

    added: tuple[Item, ...] = ()
    removed: tuple[Item, ...] = ()
    changed: tuple[ItemChange, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass(frozen=True)
class Changes:
    """Everything that differs between an old and a new version of a strategy."""

    strategy: tuple[FieldChange, ...]
    opgaven: Section
    actions: Section
    themes: Section
    old_progress: dict[str, int]
    new_progress: dict[str, int]

    @property
    def empty(self) -> bool:
        return not (self.strategy or self.opgaven or self.actions or self.themes)


def _field(label: str, old: str, new: str, quoted: bool = False) -> list[FieldChange]:
    old, new = " ".join(old.split()), " ".join(new.split())
    return [FieldChange(label, old, new, quoted)] if old != new else []


def _adoption(strategy: Strategy) -> str:
    adopted = strategy.vastgesteld
    return f"{adopted.datum} door {adopted.door}" if adopted else ""


def _strategy_fields(old: Strategy, new: Strategy) -> tuple[FieldChange, ...]:
    return tuple(
        _field("titel", old.titel, new.titel, True)
        + _field("ambitie", old.ambitie, new.ambitie, True)
        + _field("visie", old.vision.kern, new.vision.kern, True)
        + _field("periode", old.period_label, new.period_label)
        + _field("versie", old.versie, new.versie)
        + _field("status", old.status, new.status)
        + _field("vastgesteld", _adoption(old), _adoption(new))
    )


class _Names:
    """Readable names for ids, looked up in the version the id belongs to."""

    def __init__(self, strategy: Strategy) -> None:
        self.strategy = strategy

    def team(self, team_id: str) -> str:
        team = self.strategy.team_by_id.get(team_id)
        return team.naam if team else team_id

    def teams(self, ids: Iterable[str]) -> str:
        return ", ".join(self.team(t) for t in ids)

    def opgave(self, opgave_id: str) -> str:
        opgave = self.strategy.opgave_by_id.get(opgave_id)
        return opgave.display if opgave else opgave_id

    def themes(self, ids: Iterable[str]) -> str:
        return ", ".join(self.strategy.theme_by_id[t].titel if t in self.strategy.theme_by_id else t for t in ids)

    def source(self, source_id: str) -> str:
        return next((s.titel for s in self.strategy.sources if s.id == source_id), source_id)


def _body(label: str, old: str, new: str) -> list[FieldChange]:
    """Long Markdown bodies are reported as 'changed' without quoting them in full."""
    return [FieldChange(label, "", "")] if old.strip() != new.strip() else []


def _opgave_fields(old: Opgave, new: Opgave, was: _Names, now: _Names) -> tuple[FieldChange, ...]:
    return tuple(
        _field("titel", old.titel, new.titel, True)
        + _field("bron", was.source(old.bron), now.source(new.bron))
        + _field("nummer", old.nummer, new.nummer)
        + _field("eigenaar", old.eigenaar, new.eigenaar)
        + _field("bouwt voort op", ", ".join(was.opgave(o) for o in old.na), ", ".join(now.opgave(o) for o in new.na))
        + _field("thema's", was.themes(old.themas), now.themes(new.themas))
        + _field("stip", old.stip, new.stip, True)
        + _field("koers", old.koers, new.koers, True)
        + _body("toelichting", old.body, new.body)
    )


def _action_fields(old: Action, new: Action, was: _Names, now: _Names) -> tuple[FieldChange, ...]:
    return tuple(
        _field("titel", old.titel, new.titel, True)
        + _field("opgave", was.opgave(old.opgave), now.opgave(new.opgave))
        + _field("nummer", old.nummer, new.nummer)
        + _field("jaar", old.period_label, new.period_label)
        + _field("status", old.status, new.status)
        + _field("eigenaar", was.team(old.eigenaar), now.team(new.eigenaar))
        + _field("teams", was.teams(old.teams), now.teams(new.teams))
        + _field("wacht op", ", ".join(old.na), ", ".join(new.na))
        + _field("toelichting", old.toelichting, new.toelichting, True)
    )


def _theme_fields(old: Theme, new: Theme, was: _Names, now: _Names) -> tuple[FieldChange, ...]:
    return tuple(_field("titel", old.titel, new.titel, True) + _field("kort", old.kort, new.kort, True) + _body("visie", old.body, new.body))


def _section(
    old: Sequence[T],
    new: Sequence[T],
    key: Callable[[T], str],
    describe: Callable[[T, _Names], Item],
    compare: Callable[[T, T, _Names, _Names], tuple[FieldChange, ...]],
    context: Callable[[T, _Names], str],
    names: tuple[_Names, _Names],
) -> Section:
    was, now = names
    old_by_id = {key(x): x for x in old}
    new_ids = {key(x) for x in new}
    added = tuple(describe(x, now) for x in new if key(x) not in old_by_id)
    removed = tuple(describe(x, was) for x in old if key(x) not in new_ids)
    changed = []
    for item in new:
        before = old_by_id.get(key(item))
        if before is not None:
            fields = compare(before, item, was, now)
            if fields:
                changed.append(ItemChange(key(item), item.display, context(item, now), fields))
    return Section(added, removed, tuple(changed))


def _describe_opgave(opgave: Opgave, names: _Names) -> Item:
    count = len(opgave.acties)
    return Item(opgave.id, opgave.display, f"{names.source(opgave.bron)}; {count} {'actie' if count == 1 else 'acties'}")


def _describe_action(action: Action, names: _Names) -> Item:
    return Item(action.id, action.display, f"{names.opgave(action.opgave)}, {action.period_label}, {action.status}")


def _describe_theme(theme: Theme, names: _Names) -> Item:
    return Item(theme.id, theme.display, "")


def diff_strategies(old: Strategy, new: Strategy) -> Changes:
    """Compare two strategies by id: opgaven, actions and themes added, removed and changed."""
    names = (_Names(old), _Names(new))
    opgaven = _section(old.opgaven, new.opgaven, lambda o: o.id, _describe_opgave, _opgave_fields, lambda o, n: "", names)
    actions = _section(
        old.actions, new.actions, lambda a: a.id, _describe_action, _action_fields, lambda a, n: n.opgave(a.opgave), names
    )
    themes = _section(old.themes, new.themes, lambda t: t.id, _describe_theme, _theme_fields, lambda t, n: "", names)
    return Changes(
        strategy=_strategy_fields(old, new),
        opgaven=opgaven,
        actions=actions,
        themes=themes,
        old_progress=Strategy.progress(old.actions),
        new_progress=Strategy.progress(new.actions),
    )


NEW_LABEL = "huidige inhoud"
_MD_INLINE = str.maketrans({c: "\\" + c for c in "\\`*_[]|"})
# On the site, braces could become attr_list attributes and < > & markup; there they are escaped too.
_SITE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "\\{", "}": "\\}"})


def markdown_escaper(for_site: bool) -> Callable[[str], str]:
    """Markdown-escape inline text; for the site also HTML-escape, so content can never become markup."""

    def escape(text: str) -> str:
        text = str(text).translate(_MD_INLINE)
        return text.translate(_SITE) if for_site else text.replace("<", "\\<").replace(">", "\\>")

    return escape


def _change_text(field: FieldChange, escape: Callable[[str], str]) -> str:
    if not field.old and not field.new:
        return f"{field.label} gewijzigd"

    def show(value: str) -> str:
        if not value:
            return "(leeg)"
        return f'"{escape(value)}"' if field.quoted else escape(value)

    return f"{field.label}: {show(field.old)} → {show(field.new)}"


def _count(section: Section) -> str:
    parts = [f"{len(section.added)} nieuw"] if section.added else []
    parts += [f"{len(section.removed)} vervallen"] if section.removed else []
    parts += [f"{len(section.changed)} gewijzigd"] if section.changed else []
    return ", ".join(parts)


def _summary(changes: Changes) -> list[str]:
    lines = [f"De strategie: {', '.join(f.label for f in changes.strategy)} gewijzigd"] if changes.strategy else []
    for label, section in (("Opgaven", changes.opgaven), ("Acties", changes.actions), ("Thema's", changes.themes)):
        if section:
            lines.append(f"{label}: {_count(section)}")
    return lines


def changes_markdown(
    changes: Changes, old_label: str, new_label: str = NEW_LABEL, *, title: str | None = None, intro: str | None = None, for_site: bool = False
) -> str:
    """The Dutch Markdown report of a comparison (for the terminal, or for a site page with for_site)."""

    escape = markdown_escaper(for_site)
    change = lambda field: _change_text(field, escape)  # noqa: E731
    env = environment(templates_dir() / "diff", autoescape=False, filters={"md": escape, "change": change})
    text = env.get_template("wijzigingen.md.j2").render(
        changes=changes,
        title=title or f"Wijzigingen: {escape(old_label)} → {escape(new_label)}",
        intro=intro or f"Vergeleken zijn **{escape(old_label)}** (oud) en **{escape(new_label)}** (nieuw).",
        summary=_summary(changes),
        old_label=old_label,
        new_label=new_label,
        statuses=[(s, STATUS_LABELS[s]) for s in STATUSES],
    )
    # Templates are easier to read with some slack; the report itself has at most one blank line in a row.
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip("\n") + "\n"
