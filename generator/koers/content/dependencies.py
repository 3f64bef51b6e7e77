"""What waits for what: `na` between actions and between opgaven, checked for existence, order and cycles."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from koers.content.load import Document
from koers.content.schema import suggest
from koers.findings import Report


@dataclass
class ActionRef:
    """An action as validation sees it: where it is written, when it runs (slot keys) and what it waits for."""

    id: str
    doc: Document
    index: int
    data: dict[str, Any]
    start: int | None = None
    end: int | None = None
    after: list[str] = field(default_factory=list)

    def line(self, key: str | None = None) -> int:
        path: tuple[Any, ...] = ("acties", self.index) + ((key,) if key else ())
        return self.doc.line(path)


def check_actions(actions: dict[str, ActionRef], labels: dict[int, str], report: Report, complete: bool = True) -> None:
    """Every `na` names another action that is finished before this one starts (equal slots are allowed).

    complete=False: some opgave could not be read, so an action that seems missing may be in it.
    """
    for action in actions.values():
        for j, dep in enumerate(action.after):
            line = action.doc.line(("acties", action.index, "na", j))
            if dep == action.id:
                report.error(action.doc.path, line, f"actie '{action.id}' wacht op zichzelf")
            elif dep not in actions:
                if complete:
                    report.error(action.doc.path, line, f"actie '{action.id}' wacht op '{dep}', maar die actie bestaat niet{suggest(dep, actions)}")
            else:
                first = actions[dep]
                # 'na' means: the action waited for is finished before this one starts.
                if action.start is not None and first.end is not None and action.start < first.end:
                    report.error(
                        action.doc.path,
                        line,
                        f"actie '{action.id}' begint in {labels.get(action.start, action.start)}, maar wacht op '{dep}' "
                        f"dat pas in {labels.get(first.end, first.end)} klaar is",
                    )
    for cycle in find_cycles({a.id: [d for d in a.after if d in actions and d != a.id] for a in actions.values()}):
        head = actions[cycle[0]]
        chain = " → ".join(cycle + [cycle[0]])
        report.error(head.doc.path, head.line("na"), f"acties wachten in een kring op elkaar: {chain}")


def check_opgaven(docs: list[Document], report: Report, complete: bool = True) -> None:
    """`na` on an opgave names other opgaven (that exist), without cycles."""
    known = {d.id for d in docs if d.id}
    graph: dict[str, list[str]] = {}
    where: dict[str, Document] = {}
    for doc in docs:
        if not doc.id or not isinstance(doc.data, dict):
            continue
        after = [d for d in doc.data.get("na") or [] if isinstance(d, str)] if isinstance(doc.data.get("na"), list) else []
        where[doc.id] = doc
        graph[doc.id] = []
        for j, dep in enumerate(after):
            line = doc.line(("na", j))
            if dep == doc.id:
                report.error(doc.path, line, f"opgave '{doc.id}' bouwt voort op zichzelf")
            elif dep not in known and complete:
                report.error(doc.path, line, f"opgave '{doc.id}' bouwt voort op '{dep}', maar die opgave bestaat niet{suggest(dep, known)}")
            else:
                graph[doc.id].append(dep)
    for cycle in find_cycles(graph):
        head = where[cycle[0]]
        report.error(head.path, head.line(("na",)), f"opgaven bouwen in een kring op elkaar voort: {' → '.join(cycle + [cycle[0]])}")


def find_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Each strongly connected group of more than one node, as a readable cycle (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, [])))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    cycles.append(_order_cycle(sorted(group), graph))
    return sorted(cycles)


def _order_cycle(group: list[str], graph: dict[str, list[str]]) -> list[str]:
    """Walk the group from its smallest id so the message reads as a chain."""
    members = set(group)
    path = [group[0]]
    while True:
        nxt = next((c for c in sorted(graph[path[-1]]) if c in members and c not in path), None)
        if nxt is None:
            return path
        path.append(nxt)
