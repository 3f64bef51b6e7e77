"""Limits on Markdown bodies, so that turning them into HTML takes bounded time and stack.

Python-Markdown, which makes the site and the document, does some of its work per
character of an inline text for every construct in it: a '[' is matched by counting
brackets up to its ']' (to the end of the paragraph when there is none), a link's '('
by counting parentheses, a '<' by the HTML parser looking for its '>', and every match
copies the paragraph once more. Each is harmless in prose and quadratic in a crafted
text: 24,000 '[' took 155 s, a list nested 300 deep overflowed the stack.

`body_problems` estimates, in one linear pass, an upper bound of that work in
nanoseconds on an ordinary machine (the weights below were measured with Markdown
3.11 on the benchmark machine) and refuses a body over WORK_LIMIT, naming the cause;
and it refuses lists and quotes nested deeper than MAX_NESTING. Each construct's own
work is over-estimated (brackets inside many nested emphases are scanned again per level,
which is not counted: about 2.5 s at the limit, see benchmarks/BOUNDS.md), and prose stays
far below it: the example strategy's costliest body is estimated at 0.0005 % of the limit,
a megabyte of prose with a link in every sentence at 20 %. docs/veiligheid.md ("Grenzen")
explains the rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from koers.content.load import Content
from koers.findings import Report

MAX_NESTING = 16  # lists and quotes inside each other; every level is a few stack frames in the engines
# Elements inside each other in a body's HTML (lists, quotes, emphasis, links, tags). Typst stops at 64 nested
# show rules, and a quote or a list level costs one or two: in a theme of the written strategy 30 quotes in each
# other (HTML depth 32) were too deep, 29 were not; 24 leaves room for deeper places (a note in a table cell).
MAX_HTML_DEPTH = 24
WORK_LIMIT = 2_000_000_000  # estimated nanoseconds of Markdown work per body: about two seconds

# Measured cost per unit, in nanoseconds: a character copied when a match rebuilds the paragraph, a
# character scanned by the HTML parser's tag pattern, and a character scanned for a bracket's partner
# (by the three bracket patterns together, in Python).
COPY_NS = 1
TAG_SCAN_NS = 250
BRACKET_SCAN_NS = 1_500
PLACEHOLDER = 16  # characters a stashed construct (code, escape, tag) takes in the text the patterns scan

# Characters that start an inline pattern (each match rebuilds the paragraph) and a hard line break.
_TRIGGERS = re.compile(r"[`\\\[!<&*_]| {2}\n")
# What the bracket scan reacts to: an escape (its character is no bracket), brackets, parentheses,
# backticks (a code span may hide any bracket after it) and quotes (a link title changes the count).
_BRACKET_EVENT = re.compile(r"\\[\\*_{}\[\]()>#+\-.!]|\[+|\]+|[()`'\"]")
# A '<' the HTML parser starts on, and what ends its scan: '>' or a quote (attribute values may hold '>').
_TAG_EVENT = re.compile(r"<[A-Za-z/!?]|[>'\"]")
# Lines that are not blank (Python-Markdown's blank line holds only spaces and tabs), one run at a time.
_PARAGRAPH = re.compile(r"(?m)^(?:[ \t]*[^ \t\n][^\n]*(?:\n|\Z))+")
# A line whose list markers, quote signs and indentation could reach MAX_NESTING + 1 levels: each takes a character.
_DEEP_CANDIDATE = re.compile(rf"(?m)^[ \t>*+\-.)0-9]{{{MAX_NESTING + 1},}}.*$")
_SPACE = re.compile(r"[ \t]+")
_OPENERS = re.compile(r"[*_\[]")
_TAG_START = re.compile(r"<[A-Za-z]")
_PREFIX = re.compile(r"[ \t]*(?:>|[*+-](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))")


@dataclass
class _Work:
    """The estimated work of a body so far, by cause, and the paragraph where each cause weighs most."""

    total: int = 0
    by_cause: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("brackets", "tags", "copies"), 0))
    worst: dict[str, tuple[int, int]] = field(default_factory=dict)  # cause -> (work, position)

    def add(self, cause: str, work: int, at: int) -> None:
        self.total += work
        self.by_cause[cause] += work
        if work > self.worst.get(cause, (-1, 0))[0]:
            self.worst[cause] = (work, at)

    def over(self) -> tuple[int, str] | None:
        """(position, cause) when the work exceeds WORK_LIMIT: where the largest cause weighs most."""
        if self.total <= WORK_LIMIT:
            return None
        cause = max(self.by_cause, key=lambda name: self.by_cause[name])
        return self.worst[cause][1], cause


def _paragraphs(body: str) -> list[tuple[int, int]]:
    """(start, end) of each run of lines between blank lines: no inline text crosses a blank line."""
    return [paragraph.span() for paragraph in _PARAGRAPH.finditer(body)]


def _bracket_steps(text: str) -> int:
    """Characters the bracket patterns scan in one paragraph: each '[' up to its ']', each link's '(' up to its ')'.

    A bracket left open is scanned to the end of the paragraph. A backtick (a code span may hide
    any bracket after it) or a quote inside a link's parentheses (a title changes the count) may
    change what the engine counts, so what is open then is charged to the end as well. Positions
    count a stashed construct (escape, code) as PLACEHOLDER characters.
    """
    extra = 0  # how much longer the engine's text is than this one, up to here
    opened: list[int] = []  # positions of open '['
    links: list[tuple[int, int]] = []  # (position, parenthesis level) of open link parentheses
    level = 0  # parentheses opened minus closed
    steps = to_end = to_end_at = 0
    after_link_text = -1  # where a '(' opens a link's parentheses: right after a ']' that closed a '['
    for event in _BRACKET_EVENT.finditer(text):
        chars, at = event.group(), event.start() + extra
        first = chars[0]
        if first == "\\":  # an escape: one stashed construct
            extra += PLACEHOLDER
        elif first == "[":
            opened.extend(range(at, at + len(chars)))
        elif first == "]":
            closing = opened[-len(chars) :] if opened else []
            del opened[len(opened) - len(closing) :]
            # the k-th ']' of the run closes the k-th '[' from the top of the stack
            steps += len(closing) * at + len(closing) * (len(closing) - 1) // 2 - sum(reversed(closing))
            after_link_text = event.end() if len(closing) == len(chars) else -1
        elif first == "(":
            if event.start() == after_link_text:
                links.append((at, level))
            level += 1
        elif first == ")":
            level -= 1
            while links and links[-1][1] >= level:
                steps += at - links.pop()[0]
        elif first == "`":
            extra += PLACEHOLDER
            pending = opened + [p for p, _ in links]
            to_end, to_end_at = to_end + len(pending), to_end_at + sum(pending)
            opened, links = [], []
        elif links:  # a quote inside a link's parentheses
            to_end, to_end_at = to_end + len(links), to_end_at + sum(p for p, _ in links)
            links = []
    pending = opened + [p for p, _ in links]
    end = len(text) + extra
    return steps + (to_end + len(pending)) * end - to_end_at - sum(pending)


def _tag_steps(body: str, work: _Work) -> None:
    """Add what the HTML parser scans for every '<' it starts a tag on (it reads the whole body) to work.

    A tag is scanned to the next '>' (across any '<' on the way); one with a quote before that '>'
    (attribute values may hold '>') and a comment, declaration or processing instruction ('<!',
    '<?') are charged to the end of the body. Stops once the work is over the limit.
    """
    waiting: list[int] = []
    for event in _TAG_EVENT.finditer(body):
        char, at = event.group(), event.start()
        if char in ("<!", "<?"):
            work.add("tags", (len(body) - at) * TAG_SCAN_NS, at)
        elif char[0] == "<":
            waiting.append(at)
        elif waiting:
            end = at if char == ">" else len(body)
            work.add("tags", (len(waiting) * end - sum(waiting)) * TAG_SCAN_NS, waiting[0])
            waiting = []
        if work.over():
            return
    if waiting:
        work.add("tags", (len(waiting) * len(body) - sum(waiting)) * TAG_SCAN_NS, waiting[0])


def _work(body: str) -> tuple[int, str] | None:
    """(position, cause) when the body's estimated work exceeds WORK_LIMIT, else None; stops as soon as it does."""
    work = _Work()
    _tag_steps(body, work)
    paragraphs = _paragraphs(body) if not work.over() else []
    # Quick bound for the whole body: as if every paragraph were as long as the longest with a stashed
    # construct in every character (the sums below per paragraph never exceed it). Most bodies stay
    # under it; only a suspicious one is measured paragraph by paragraph.
    longest = (1 + PLACEHOLDER) * max((end - start for start, end in paragraphs), default=0)
    triggers, openers = len(_TRIGGERS.findall(body)), body.count("[") + body.count("](")
    quick = (triggers * longest + body.count("<") * len(body)) * COPY_NS + openers * longest * BRACKET_SCAN_NS
    if work.total + quick <= WORK_LIMIT:
        return None
    for start, end in paragraphs:
        if work.over():
            break
        if not _TRIGGERS.search(body, start, end):
            continue
        text = body[start:end]
        triggers = len(_TRIGGERS.findall(text))
        # Every match copies the paragraph, grown by the placeholders of the matches before it; the HTML
        # parser copies the rest of the body at some tags.
        copies = triggers * (len(text) + PLACEHOLDER * triggers) + (len(body) - start) * text.count("<")
        work.add("copies", copies * COPY_NS, start)
        if "[" in text:
            # Over the limit already, a quick upper bound (each opener scans to the end) only names the cause.
            openers = text.count("[") + text.count("](")
            steps = openers * (len(text) + PLACEHOLDER * triggers) if work.over() else _bracket_steps(text)
            work.add("brackets", steps * BRACKET_SCAN_NS, start)
    return work.over()


def nesting(line: str, cap: int = MAX_NESTING + 1) -> int:
    """How many lists and quotes a line may open (at most cap): its markers and quote signs, and every four
    spaces of indentation before them or before its text."""
    depth, at = 0, 0
    while depth < cap:
        space = _SPACE.match(line, at)
        levels = len(space.group().expandtabs(4)) // 4 if space else 0
        match = _PREFIX.match(line, at)
        if match is None:
            return min(cap, depth + levels)
        depth += 1 + levels
        at = match.end()
    return cap


def _too_deep(body: str) -> int | None:
    """The first line (0-based) nested deeper than MAX_NESTING, or None."""
    for candidate in _DEEP_CANDIDATE.finditer(body):
        if nesting(candidate.group()) > MAX_NESTING:
            return body.count("\n", 0, candidate.start())
    return None


_ADVICE = {
    "brackets": "te veel haken '[' zonder ']' in dezelfde alinea (of te diep in elkaar); sluit elke '[' met ']', "
    "of schrijf '\\[' voor een losse haak",
    "tags": "te veel '<' zonder '>' (of een HTML-commentaar in een lange tekst); schrijf '&lt;' voor een los "
    "kleiner-dan-teken",
    "copies": "een lange alinea vol opmaaktekens (*, _, `, [, <, &, \\); zet witregels tussen de alinea's",
}


def body_problems(body: str) -> list[tuple[int, str]]:
    """(line within the body, 0-based; Dutch message) for every limit the body exceeds."""
    problems: list[tuple[int, str]] = []
    deep = _too_deep(body)
    if deep is not None:
        problems.append((deep, f"lijsten of citaten te diep in elkaar: meer dan {MAX_NESTING} niveaus"))
    over = _work(body)
    if over is not None:
        problems.append((body.count("\n", 0, over[0]), f"deze tekst is te ingewikkeld om op te maken: {_ADVICE[over[1]]}"))
    return problems


def _inline_openers(body: str) -> list[tuple[int, int]]:
    """(emphasis marks and brackets, start) of each paragraph: each could open an element inside the one before."""
    return [(len(_OPENERS.findall(body, start, end)), start) for start, end in _paragraphs(body)]


def may_nest_deeply(body: str) -> bool:
    """Whether the body's HTML could be nested deeper than MAX_HTML_DEPTH (then it must be measured).

    Lists and quotes give two elements per level, every tag and (within a paragraph) every
    emphasis mark and bracket at most one; a paragraph, a table and their cells a few more.
    """
    tags = len(_TAG_START.findall(body))
    inline = max((count for count, _ in _inline_openers(body)), default=0)
    lists = max((nesting(line) for line in body.split("\n")), default=0)
    return 2 * lists + tags + inline + 8 > MAX_HTML_DEPTH


def busiest_line(body: str) -> int:
    """The first line (0-based) of the paragraph with the most emphasis marks and brackets."""
    _, start = max(_inline_openers(body), key=lambda paragraph: paragraph[0], default=(0, 0))
    return body.count("\n", 0, start)


@dataclass(frozen=True)
class MarkdownText:
    """A Markdown text of the content: a body (its lines are the file's) or an action's note (one YAML value)."""

    path: str
    line: int
    text: str
    is_body: bool

    def line_of(self, offset: int) -> int:
        """The file line of a line within the text (a note's own lines are not the file's)."""
        return self.line + offset if self.is_body else self.line


def markdown_texts(content: Content) -> list[MarkdownText]:
    """Every Markdown text: the bodies and the actions' notes (toelichting)."""
    out = []
    for doc in content.documents():
        if doc.body.strip():
            # body_line is the first line with text; the body itself may start with lines of spaces
            skipped = doc.body[: len(doc.body) - len(doc.body.lstrip())].count("\n")
            out.append(MarkdownText(doc.path, doc.body_line - skipped, doc.body, True))
        acties = doc.data.get("acties") if doc.kind == "opgave" and isinstance(doc.data, dict) else None
        for index, actie in enumerate(acties if isinstance(acties, list) else []):
            note = actie.get("toelichting") if isinstance(actie, dict) else None
            if isinstance(note, str) and note.strip():
                out.append(MarkdownText(doc.path, doc.line(("acties", index, "toelichting")), note, False))
    return out


def check_markdown(content: Content, report: Report) -> None:
    """Refuse Markdown texts whose conversion would take unbounded time or stack (see body_problems)."""
    for item in markdown_texts(content):
        for offset, message in body_problems(item.text):
            report.error(item.path, item.line_of(offset), message)
