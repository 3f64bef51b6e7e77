"""When actions happen: the years of the period, or the strategy's phases (plateaus) in their order.

Both are "slots" with an integer key, so everything downstream orders and compares them the
same way: a year is its own key (2024), a phase its position in `fasen` (1, 2, 3 …).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from koers.content.load import Content, Document
from koers.content.schema import suggest
from koers.findings import Report

MAX_YEARS = 10


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def period_of(content: Content) -> tuple[int, int] | None:
    """The strategy's (van, tot) when both are whole numbers in order and within the limit."""
    periode = _dict(_dict(content.strategie.data if content.strategie else None).get("periode"))
    van, tot = periode.get("van"), periode.get("tot")
    if isinstance(van, int) and isinstance(tot, int) and not isinstance(van, bool) and not isinstance(tot, bool):
        if van <= tot and tot - van < MAX_YEARS:
            return van, tot
    return None


def phases_of(content: Content) -> list[dict[str, Any]]:
    """The well-formed entries of `fasen` in strategie.yaml, in their order (empty: the strategy uses years)."""
    data = _dict(content.strategie.data if content.strategie else None)
    return [p for p in _list(data.get("fasen")) if isinstance(_dict(p).get("id"), str)]


def uses_phases(content: Content) -> bool:
    data = _dict(content.strategie.data if content.strategie else None)
    return "fasen" in data


@dataclass(frozen=True)
class Slots:
    """The agenda's columns: keys in order, each with its id (page name) and label (what a reader sees)."""

    phased: bool
    keys: tuple[int, ...]
    ids: tuple[str, ...]
    labels: tuple[str, ...]

    def key(self, ident: str) -> int | None:
        return dict(zip(self.ids, self.keys, strict=True)).get(ident)

    def label(self, key: int) -> str:
        return dict(zip(self.keys, self.labels, strict=True)).get(key, str(key))

    def span_label(self, first: int, last: int) -> str:
        """'2025', '2025–2026', or 'Fundament' / 'Fundament – Excelleren' for phases."""
        if first == last:
            return self.label(first)
        return f"{self.label(first)} – {self.label(last)}" if self.phased else f"{first}–{last}"


def slots_of(content: Content) -> Slots | None:
    """The slots of a strategy: its phases when it declares `fasen`, else the years of its period."""
    if uses_phases(content):
        phases = phases_of(content)
        ids = tuple(str(p["id"]) for p in phases)
        labels = tuple(str(_dict(p).get("titel") or p["id"]) for p in phases)
        return Slots(True, tuple(range(1, len(ids) + 1)), ids, labels) if ids else None
    period = period_of(content)
    if period is None:
        return None
    years = tuple(range(period[0], period[1] + 1))
    return Slots(False, years, tuple(str(y) for y in years), tuple(str(y) for y in years))


def action_slots(
    doc: Document, index: int, data: dict[str, Any], slots: Slots | None, phased: bool, report: Report
) -> tuple[int | None, int | None]:
    """The first and last slot of one action (None, None when they cannot be known; findings go to report)."""
    name = f"actie '{data.get('id', index + 1)}'"
    if phased:
        return _phase_span(doc, index, data, slots, name, report)
    if "fase" in data:
        report.error(
            doc.path,
            doc.line(("acties", index, "fase")),
            f"{name} heeft een 'fase', maar deze strategie werkt met jaren: geef 'jaar' (of 'van' en 'tot'), "
            "of zet de fasen onder 'fasen' in strategie.yaml",
        )
        return None, None
    return _year_span(doc, index, data, slots, name, report)


def _phase_span(
    doc: Document, index: int, data: dict[str, Any], slots: Slots | None, name: str, report: Report
) -> tuple[int | None, int | None]:
    line = doc.line(("acties", index))
    given = [key for key in ("jaar", "van", "tot") if key in data]
    if given:
        report.error(
            doc.path,
            doc.line(("acties", index, given[0])),
            f"{name} heeft '{given[0]}', maar deze strategie werkt met fasen (zie 'fasen' in strategie.yaml): "
            "geef 'fase', bijvoorbeeld 'fase: " + (slots.ids[0] if slots and slots.ids else "fundament") + "'",
        )
        return None, None
    fase = data.get("fase")
    if fase is None:
        report.error(doc.path, line, f"{name} heeft geen fase: geef 'fase' (een id uit 'fasen' in strategie.yaml)")
        return None, None
    if slots is None:
        return None, None
    first_id, last_id = (fase, fase) if isinstance(fase, str) else (_dict(fase).get("van"), _dict(fase).get("tot"))
    keys = []
    for ident, at in ((first_id, ("fase",) if isinstance(fase, str) else ("fase", "van")), (last_id, ("fase",) if isinstance(fase, str) else ("fase", "tot"))):
        key = slots.key(ident) if isinstance(ident, str) else None
        if key is None and isinstance(ident, str):
            hint = suggest(ident, slots.ids) or "; kies uit: " + ", ".join(slots.ids)
            report.error(doc.path, doc.line(("acties", index) + at), f"fase '{ident}' van {name} staat niet in 'fasen' in strategie.yaml{hint}")
        keys.append(key)
    first, last = keys
    if first is None or last is None:
        return None, None
    if first > last:
        report.error(
            doc.path,
            doc.line(("acties", index, "fase")),
            f"{name}: fase '{first_id}' komt na fase '{last_id}'; zet bij 'van' de eerste fase en bij 'tot' de laatste",
        )
        return None, None
    return first, last


def _year_span(
    doc: Document, index: int, data: dict[str, Any], slots: Slots | None, name: str, report: Report
) -> tuple[int | None, int | None]:
    line = doc.line(("acties", index))
    jaar, van, tot = data.get("jaar"), data.get("van"), data.get("tot")
    if jaar is not None and (van is not None or tot is not None):
        report.error(doc.path, line, f"{name} heeft zowel 'jaar' als 'van'/'tot'; kies één van beide")
        return None, None
    if jaar is None and van is None and tot is None:
        report.error(doc.path, line, f"{name} heeft geen jaar: geef 'jaar' of 'van' en 'tot'")
        return None, None
    if jaar is None and (van is None or tot is None):
        missing = "tot" if tot is None else "van"
        report.error(doc.path, line, f"{name} heeft '{'van' if missing == 'tot' else 'tot'}' maar geen '{missing}'")
        return None, None
    start, end = (jaar, jaar) if jaar is not None else (van, tot)
    if not isinstance(start, int) or not isinstance(end, int):
        return None, None
    if start > end:
        report.error(doc.path, doc.line(("acties", index, "van")), f"{name}: 'van' ({start}) ligt na 'tot' ({end})")
        return None, None
    if slots is not None:
        for key, year in (("jaar" if jaar is not None else "van", start), ("jaar" if jaar is not None else "tot", end)):
            if year not in slots.keys:
                first, last = slots.keys[0], slots.keys[-1]
                report.error(doc.path, doc.line(("acties", index, key)), f"jaar {year} van {name} ligt buiten de periode {first}–{last}")
                return None, None
    return start, end


def check_slices(content: Content, slots: Slots, covered: set[int], report: Report) -> None:
    """Every slot should have actions (a warning), and every slice file must name a slot of the strategy."""
    strategie = content.strategie
    assert strategie is not None
    where = ("fasen",) if slots.phased else ("periode",)
    for key, label in zip(slots.keys, slots.labels, strict=True):
        if key not in covered:
            text = f"fase '{label}' heeft nog geen acties" if slots.phased else f"jaarschijf {key} heeft nog geen acties"
            report.warning(strategie.path, strategie.line(where), text)
    for doc in content.jaarschijven:
        if doc.id is None or doc.id in slots.ids:
            continue
        if slots.phased:
            hint = suggest(doc.id, slots.ids) or "; kies uit: " + ", ".join(slots.ids)
            report.error(doc.path, 1, f"'{doc.id}' is geen fase uit 'fasen' in strategie.yaml; noem het bestand naar het id van een fase{hint}")
        elif doc.id.isdigit():
            report.error(doc.path, 1, f"jaarschijf {doc.id} ligt buiten de periode {slots.keys[0]}–{slots.keys[-1]}")
        else:
            report.error(doc.path, 1, f"bestandsnaam '{doc.id}.md' is geen geldig id: gebruik het jaartal, bijvoorbeeld '{slots.keys[0]}.md'")
