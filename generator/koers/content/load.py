"""content/ → raw documents, each with a source map from key path to line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from koers.content.yamlread import Path_, read_yaml
from koers.findings import Report

MAX_BYTES = 1_000_000
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")


@dataclass
class Document:
    """One content file: parsed data, where each value came from, and the body."""

    path: str
    kind: str
    id: str | None = None
    data: Any = None
    lines: dict[Path_, int] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)
    refused: set[Path_] = field(default_factory=set)  # values the reader refused (reported, now None)
    body: str = ""
    body_line: int = 1
    unreadable: bool = False

    def line(self, key_path: Path_ = ()) -> int:
        """The line of a value, or of its nearest parent that has one."""
        path = tuple(key_path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1 if self.kind in ("strategie", "teams") else 2)


@dataclass
class Content:
    """All documents of a project's content/ folder, as read."""

    root: Path
    strategie: Document | None = None
    visie: Document | None = None
    teams: Document | None = None
    opgaven: list[Document] = field(default_factory=list)
    themas: list[Document] = field(default_factory=list)
    jaarschijven: list[Document] = field(default_factory=list)

    def documents(self) -> list[Document]:
        single = [d for d in (self.strategie, self.visie, self.teams) if d is not None]
        return single + self.opgaven + self.themas + self.jaarschijven


def relpath(root: Path, path: Path) -> str:
    """A project-relative POSIX path for messages."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(root: Path, path: Path, report: Report) -> str | None:
    """Read a file as UTF-8 (BOM and CRLF accepted), bounded in size and place."""
    rel = relpath(root, path)
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        report.error(rel, 1, "bestand kan niet worden gelezen (een kapotte snelkoppeling?)")
        return None
    if not resolved.is_relative_to(root.resolve()):
        report.error(rel, 1, "dit bestand is een snelkoppeling naar een plek buiten het project; dat is niet toegestaan")
        return None
    if not resolved.is_file():
        report.error(rel, 1, "dit is geen gewoon bestand")
        return None
    size = resolved.stat().st_size
    if size > MAX_BYTES:
        report.error(rel, 1, f"bestand is te groot: {size / 1_000_000:.1f} MB, maximaal 1 MB".replace(".", ","))
        return None
    data = resolved.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.error(rel, line, "bestand is geen UTF-8: sla het op als UTF-8 (bijvoorbeeld in Kladblok: 'Opslaan als' → codering UTF-8)")
        return None
    if "\x00" in text:
        report.error(rel, text[: text.index("\x00")].count("\n") + 1, "bestand bevat een NUL-teken; is het een tekstbestand?")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_yaml_document(root: Path, path: Path, kind: str, report: Report) -> Document | None:
    """Read a whole-file YAML document (strategie.yaml, teams.yaml)."""
    text = read_text(root, path, report)
    if text is None:
        return None
    doc = Document(relpath(root, path), kind)
    _fill(doc, text, 1, report)
    return doc


def read_markdown_document(root: Path, path: Path, kind: str, report: Report, doc_id: str | None = None) -> Document | None:
    """Read a Markdown file with YAML front matter between '---' lines."""
    text = read_text(root, path, report)
    if text is None:
        return None
    doc = Document(relpath(root, path), kind, doc_id)
    lines = text.split("\n")
    if not lines or not FENCE.match(lines[0]) or lines[0].startswith("..."):
        report.error(doc.path, 1, "front matter ontbreekt: begin het bestand met een regel '---', dan de gegevens, dan weer '---'")
        doc.data = None
        return doc
    end = next((i for i in range(1, len(lines)) if FENCE.match(lines[i])), None)
    if end is None:
        report.error(doc.path, 1, "front matter is niet afgesloten: zet een regel '---' onder de gegevens")
        return doc
    _fill(doc, "\n".join(lines[1:end]), 2, report)
    doc.body = "\n".join(lines[end + 1 :]).strip("\n")
    doc.body_line = end + 2
    while doc.body_line <= len(lines) and not lines[doc.body_line - 1].strip():
        doc.body_line += 1
    return doc


def _fill(doc: Document, text: str, first_line: int, report: Report) -> None:
    result = read_yaml(text, first_line)
    for problem in result.problems:
        report.error(doc.path, problem.line, problem.message)
    doc.data, doc.lines, doc.raw, doc.refused = result.data, result.lines, result.raw, result.refused


def _folder(root: Path, folder: Path, kind: str, pattern: re.Pattern[str], hint: str, report: Report) -> list[Document]:
    docs: list[Document] = []
    if not folder.is_dir():
        return docs
    for path in sorted(folder.iterdir()):
        name = path.name
        if name.startswith(".") or path.is_dir() and not path.is_symlink():
            continue
        rel = relpath(root, path)
        if path.suffix.lower() != ".md":
            report.warning(rel, 1, "wordt genegeerd: alleen .md-bestanden horen in deze map")
            continue
        stem = path.stem
        if path.suffix != ".md" or not pattern.match(stem):
            report.error(rel, 1, f"bestandsnaam '{name}' is geen geldig id: {hint}")
            continue
        # An unreadable file still names its id, so references to it do not cascade into more errors.
        docs.append(read_markdown_document(root, path, kind, report, stem) or Document(rel, kind, stem, unreadable=True))
    return docs


ID_HINT = "gebruik alleen kleine letters, cijfers en koppeltekens, bijvoorbeeld 'datagedreven-sturing.md'"


def load(root: Path, report: Report) -> Content:
    """Read every content file of the project at root; problems go into report."""
    root = root.resolve()
    content = Content(root)
    base = root / "content"
    if not base.is_dir():
        report.error("content", 1, "map content/ ontbreekt; maak een nieuw project met 'koers init MAP'")
        return content
    strategie = base / "strategie.yaml"
    if not strategie.exists() and (base / "strategie.yml").exists():
        strategie = base / "strategie.yml"
    if strategie.exists() or strategie.is_symlink():
        content.strategie = read_yaml_document(root, strategie, "strategie", report)
    else:
        report.error("content/strategie.yaml", 1, "bestand ontbreekt: elke strategie begint met content/strategie.yaml")
    visie = base / "visie.md"
    if visie.exists() or visie.is_symlink():
        content.visie = read_markdown_document(root, visie, "visie", report)
    else:
        report.error("content/visie.md", 1, "bestand ontbreekt: beschrijf de visie in content/visie.md")
    teams = base / "teams.yaml"
    if teams.exists() or teams.is_symlink():
        content.teams = read_yaml_document(root, teams, "teams", report)
    content.opgaven = _folder(root, base / "opgaven", "opgave", ID_PATTERN, ID_HINT, report)
    content.themas = _folder(root, base / "themas", "thema", ID_PATTERN, ID_HINT, report)
    # A year slice is named after its year, or after a phase's id; which one fits is checked against strategie.yaml.
    content.jaarschijven = _folder(
        root, base / "jaarschijven", "jaarschijf", ID_PATTERN, "gebruik het jaartal of het id van een fase, bijvoorbeeld '2024.md'", report
    )
    if not content.opgaven and not any(f.location.path.startswith("content/opgaven/") for f in report.findings):
        report.error("content/opgaven", 1, "geen opgaven gevonden: zet minstens één opgave in content/opgaven/<id>.md")
    return content
