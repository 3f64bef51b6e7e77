"""Sanitised body HTML (koers.render.markup's allow-list) → Typst markup, for the A4 documents.

It covers exactly the tags that koers.render.markup.ALLOWED_TAGS lets through
(tests/test_typst_markup.py walks that list). Every piece of text is written as
a Typst string literal (`#"..."`), so no character of the content can ever be
read as Typst syntax; only the markup around it is generated here. The
templates read it with `eval(…, mode: "markup")`; what keeps Typst from any
file is koers.render.typesetting: the document's folder holds only its main
file and the logo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_SPACE = re.compile(r"[ \t\n\r\f]+")
BLOCKS = {
    "p",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "dl",
    "dt",
    "dd",
    "hr",
}
VOID = {"br", "hr"}


@dataclass
class Node:
    """One element of the parsed body: tag, attributes, children (nodes or text)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def string(text: str) -> str:
    """A Typst string literal."""
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    )
    return f'"{escaped}"'


def _inline(children: list[Node | str], pre: bool = False) -> str:
    parts = []
    for child in children:
        if isinstance(child, str):
            text = child if pre else _SPACE.sub(" ", child)
            if text:
                parts.append(f"#{string(text)}")
        else:
            parts.append(_element(child))
    return "".join(parts)


def _block(children: list[Node | str]) -> str:
    """Children of a block container: runs of inline content become paragraphs."""
    out: list[str] = []
    run: list[Node | str] = []

    def flush() -> None:
        text = _trim(run)
        if text:
            out.append(_inline(text))
        run.clear()

    for child in children:
        if isinstance(child, Node) and child.tag in BLOCKS:
            flush()
            out.append(_element(child))
        else:
            run.append(child)
    flush()
    return "\n\n".join(out)


def _trim(run: list[Node | str]) -> list[Node | str]:
    """Drop white space at both ends of an inline run (HTML does not draw it)."""
    items = list(run)
    while items and isinstance(items[0], str) and not items[0].strip():
        items.pop(0)
    while items and isinstance(items[-1], str) and not items[-1].strip():
        items.pop()
    if items and isinstance(items[0], str):
        items[0] = items[0].lstrip()
    if items and isinstance(items[-1], str):
        items[-1] = items[-1].rstrip()
    return items


def _text_of(node: Node) -> str:
    return "".join(c if isinstance(c, str) else _text_of(c) for c in node.children)


INLINE = {
    "strong": "strong", "b": "strong", "em": "emph", "i": "emph", "del": "strike", "s": "strike",
    "sub": "sub", "sup": "super", "mark": "highlight",
}  # fmt: skip


def _element(node: Node) -> str:
    tag, inner = node.tag, node.children
    if tag in INLINE:
        return f"#{INLINE[tag]}[{_inline(inner)}]"
    if tag == "a":
        href = node.attrs.get("href", "")
        return f"#link({string(href)})[{_inline(inner)}]" if href else _inline(inner)
    if tag in ("abbr", "span"):
        return _inline(inner)
    if tag == "small":
        return f"#text(size: 0.85em)[{_inline(inner)}]"
    if tag == "code":
        return f"#raw({string(_text_of(node))})"
    if tag == "br":
        return "#linebreak()"
    if tag == "hr":
        return "#line(length: 100%, stroke: 0.4pt)"
    if tag == "p":
        return _inline(_trim(inner))
    if tag in ("h2", "h3", "h4", "h5", "h6"):
        level = int(tag[1])
        extra = ", outlined: false, bookmarked: false" if level >= 5 else ""
        return f"#heading(level: {level}{extra})[{_inline(_trim(inner))}]"
    if tag in ("ul", "ol"):
        items = [c for c in inner if isinstance(c, Node) and c.tag == "li"]
        kind = "list" if tag == "ul" else "enum"
        return f"#{kind}(" + ", ".join(f"[{_block(i.children)}]" for i in items) + ")"
    if tag == "blockquote":
        return f"#quote(block: true)[{_block(inner)}]"
    if tag == "pre":
        return f"#raw({string(_text_of(node))}, block: true)"
    if tag == "dl":
        return _definition_list(node)
    if tag == "table":
        return _table(node)
    return _block(inner)


def _definition_list(node: Node) -> str:
    items, term = [], "[]"
    for child in node.children:
        if isinstance(child, Node) and child.tag == "dt":
            term = f"[{_inline(_trim(child.children))}]"
        elif isinstance(child, Node) and child.tag == "dd":
            items.append(f"terms.item({term}, [{_block(child.children)}])")
    return "#terms(" + ", ".join(items) + ")" if items else ""


def _rows(node: Node) -> list[tuple[bool, list[Node]]]:
    """(in thead, cells) for every row of a table."""
    rows = []
    for part in node.children:
        if not isinstance(part, Node):
            continue
        for tr in [part] if part.tag == "tr" else [c for c in part.children if isinstance(c, Node) and c.tag == "tr"]:
            cells = [c for c in tr.children if isinstance(c, Node) and c.tag in ("th", "td")]
            rows.append((part.tag == "thead", cells))
    return rows


def _table(node: Node) -> str:
    rows = _rows(node)
    columns = max((len(cells) for _, cells in rows), default=1)
    head = [c for inside, cells in rows if inside for c in cells]
    body = [c for inside, cells in rows if not inside for c in cells]
    parts = []
    if head:
        parts.append("table.header(" + ", ".join(f"[{_inline(_trim(c.children))}]" for c in head) + ")")
    parts += [f"[{_inline(_trim(c.children))}]" for c in body]
    return f"#table(columns: {columns}, " + ", ".join(parts) + ")"


def to_typst(html: str) -> str:
    """Typst markup for a sanitised HTML body."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return _block(builder.root.children)
