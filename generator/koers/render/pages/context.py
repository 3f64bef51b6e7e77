"""What the pages need beyond the model, as data: downloads, the archive, edit links, last change and the accessibility result.

Gathered by koers.pipeline.context (git, mkdocs.yml, the test result file); nothing here reads a file.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from koers.content.model import Strategy
from koers.dutch import dutch_date
from koers.output import Output
from koers.render.pages.accessibility import AccessibilityResult

FORMAT_ORDER = ("pdf", "png", "svg")
FORMAT_NAMES = {"pdf": "PDF", "png": "PNG", "svg": "SVG"}
KNOWN_DOWNLOADS = {
    "strategie-in-een-beeld": (
        "Poster: de strategie in één beeld",
        "De hele strategie op één poster: ambitie, visie, de opgaven met stip op de horizon en koers, thema's en de "
        "agenda. Op A1 en A0 ook de principes, wat we niet meer doen en de kernindicatoren (als de opgaven er ruimte "
        "voor laten), op A3 wat daarvan naast de opgaven past.",
    ),
    "routekaart": ("Poster: de routekaart", "Alle acties op een tijdlijn per jaar, met wat op wat wacht."),
    "strategie-met-routekaart": (
        "Poster: de strategie met de routekaart",
        "De strategie en de routekaart op één poster: ambitie, visie, de opgaven, thema's en alle acties op een tijdlijn, "
        "met wat op wat wacht. Op A1 en A0 ook de principes, wat we niet meer doen en de kernindicatoren als er ruimte "
        "voor is.",
    ),
}
PROGRESS_REPORT = re.compile(r"-voortgang-([^/]+)$")  # render.document.progress.report_filename
STANDING = re.compile(r"stand-van-zaken-([^/]+)")  # render.posters.social.standing
SIZE_LABELS = {"a4": "A4", "a3": "A3", "a2": "A2", "a1": "A1", "a0": "A0", "social": "Sociale media"}
# The written strategy of every adopted version (koers.pipeline.archive); listed on the about page, not with the downloads.
ARCHIVE_FOLDER = "downloads/archief"


@dataclass(frozen=True)
class DownloadFile:
    """One file of a download: its path under docs/, format and human size."""

    path: str
    format: str
    size: str
    sheet: int = 0  # 1, 2, … for one sheet of a poster of several sheets (SVG, PNG); 0 for a whole file

    @property
    def label(self) -> str:
        sheet = f" blad {self.sheet}" if self.sheet else ""
        return f"{FORMAT_NAMES.get(self.format, self.format.upper())}{sheet}, {self.size}"


@dataclass(frozen=True)
class Variant:
    """One size of a download (A3, A1, …) with its files."""

    size: str
    label: str
    files: tuple[DownloadFile, ...]

    @property
    def sheets(self) -> int:
        """How many sheets of paper this size takes (a routekaart too large for one continues on more)."""
        return max((f.sheet for f in self.files), default=0) or 1

    def file(self, fmt: str) -> DownloadFile | None:
        return next((f for f in self.files if f.format == fmt), None)


@dataclass(frozen=True)
class Download:
    """A download (a poster, the written strategy) in one or more sizes and formats."""

    key: str
    titel: str
    toelichting: str
    variants: tuple[Variant, ...]

    @property
    def files(self) -> tuple[DownloadFile, ...]:
        return tuple(f for v in self.variants for f in v.files)

    @property
    def several_sheets(self) -> bool:
        """True when some size of this download takes more than one sheet of paper."""
        return any(v.sheets > 1 for v in self.variants)

    def preview(self) -> DownloadFile | None:
        """The image to show on a page: the smallest paper size, as SVG (crisp, small) or else PNG."""
        for variant in self.variants:
            image = variant.file("svg") or variant.file("png")
            if image is not None:
                return image
        return None


def human_size(size: int) -> str:
    """Bytes as a Dutch human size: '245 kB', '1,2 MB'."""
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{round(size / 1000)} kB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def _split(stem: str) -> tuple[str, str, int]:
    """'routekaart-a3' → ('routekaart', 'a3', 0), 'routekaart-a3-2' → ('routekaart', 'a3', 2) (sheet 2)."""
    rest, _, number = stem.rpartition("-")
    if rest and number.isdigit() and rest.rpartition("-")[2] in SIZE_LABELS:
        base, size, _ = _split(rest)
        return base, size, int(number)
    base, _, size = stem.rpartition("-")
    return (base, size, 0) if base and size in SIZE_LABELS else (stem, "", 0)


def _size_label(size: str, files: list[DownloadFile]) -> str:
    """'A3', or 'A3 · 3 bladen' for a poster that continues on more sheets."""
    sheets = max((f.sheet for f in files), default=0)
    label = SIZE_LABELS.get(size, "")
    return f"{label} · {sheets} bladen" if label and sheets > 1 else label


def _describe(base: str) -> tuple[str, str]:
    if base in KNOWN_DOWNLOADS:
        return KNOWN_DOWNLOADS[base]
    if (report := PROGRESS_REPORT.search(base)) is not None:
        return (
            f"Voortgangsrapportage {report[1]}",
            "Hoe ver we zijn: de acties met hun status en toelichting, de indicatoren en wat we geleerd hebben.",
        )
    if (standing := STANDING.fullmatch(base)) is not None:
        return (
            f"Stand van zaken {standing[1]} (afbeelding)",
            "Een afbeelding voor intranetberichten: hoeveel acties klaar zijn, lopen of anders liepen, en twee indicatoren.",
        )
    if base.endswith("strategie"):
        return "De geschreven strategie", "De strategie als document op A4, om te lezen, te printen en te delen."
    return base.replace("-", " ").capitalize(), ""


def _order(values: list[DownloadFile]) -> tuple[DownloadFile, ...]:
    return tuple(
        sorted(values, key=lambda f: (FORMAT_ORDER.index(f.format) if f.format in FORMAT_ORDER else 9, f.sheet, f.path))
    )


def collect_downloads(outputs: list[Output], shown_sizes: Mapping[str, str] | None = None) -> tuple[Download, ...]:
    """Group download outputs by name and size, formats in a fixed order; the written strategy first.

    shown_sizes: what to show as the size of files still being made (path → text), instead of their length.
    """
    groups: dict[str, dict[str, list[DownloadFile]]] = {}
    for output in outputs:
        if not output.path.startswith("downloads/") or output.path.startswith(ARCHIVE_FOLDER + "/"):
            continue
        stem, _, ext = posixpath.basename(output.path).rpartition(".")
        base, size, sheet = _split(stem)
        shown = (shown_sizes or {}).get(output.path) or human_size(len(output.data()))
        file = DownloadFile(output.path, ext.lower(), shown, sheet)
        groups.setdefault(base, {}).setdefault(size, []).append(file)
    downloads = []
    known = list(KNOWN_DOWNLOADS)
    for base in sorted(groups, key=lambda b: (not b.endswith("strategie"), known.index(b) if b in known else len(known), b)):
        sizes = sorted(groups[base], key=lambda k: (list(SIZE_LABELS).index(k) if k in SIZE_LABELS else 99, k))
        variants = tuple(Variant(k, _size_label(k, groups[base][k]), _order(groups[base][k])) for k in sizes)
        titel, text = _describe(base)
        downloads.append(Download(base, titel, text, variants))
    return tuple(downloads)


@dataclass(frozen=True)
class ArchivedVersion:
    """An adopted version in the archive: its tag, version and adoption (as its own strategie.yaml says) and its PDF."""

    tag: str
    versie: str
    datum: str  # '' when that version's strategie.yaml has no 'vastgesteld'
    door: str
    path: str  # under docs/, in ARCHIVE_FOLDER
    size: str  # human size of the PDF

    @property
    def adoption(self) -> str:
        """', vastgesteld door Gemeenteraad op 14 december 2023', or '' when that version does not say."""
        by = f" door {self.door}" if self.door else ""
        on = f" op {dutch_date(self.datum)}" if self.datum else ""
        return f", vastgesteld{by}{on}" if by or on else ""


@dataclass(frozen=True)
class EditLinks:
    """How to turn a project file into its 'edit' URL in the repository (from mkdocs.yml)."""

    repo_url: str
    edit_uri: str | None
    edit_uri_template: str | None
    prefix: str = ""

    def url(self, source: str | None) -> str | None:
        """The edit URL of a content file; None unless it is a plain http(s) address."""
        if not source:
            return None
        path = posixpath.join(self.prefix, source) if self.prefix else source
        if self.edit_uri_template:
            # Textual replacement, not str.format: a template from mkdocs.yml must not reach attributes.
            relative = self.edit_uri_template.replace("{path_noext}", posixpath.splitext(path)[0]).replace("{path}", path)
            url = urljoin(self.repo_url.rstrip("/") + "/", relative)
        elif not self.edit_uri:
            return None
        elif self.edit_uri.startswith(("?", "#")):
            url = self.repo_url + self.edit_uri + path
        else:
            url = urljoin(self.repo_url.rstrip("/") + "/", self.edit_uri.rstrip("/") + "/" + path)
        return url if urlsplit(url).scheme in ("http", "https") else None


@dataclass(frozen=True)
class PageContext:
    """Everything the pages need besides the strategy and the house style."""

    downloads: tuple[Download, ...] = ()
    edit: EditLinks | None = None
    last_change: str | None = None
    accessibility: str | None = None
    tabs: bool = False  # the kernteam turned on navigation.tabs: the home page then needs no side menu
    accessibility_result: AccessibilityResult | None = None  # for the accessibility statement page
    changes: str | None = None  # Markdown of the "Wijzigingen" page against the last adopted version
    downloads_note: str | None = None  # the preview's word on its PNG/PDF files (koers.pipeline.serve)
    open_points: int = 0  # the build's warnings: a concept's banner says how many points are still open
    archive: tuple[ArchivedVersion, ...] = ()  # the adopted versions whose PDF is in the site, newest first
    shown_tag: str | None = None  # the adopted version (tag) the site shows exactly; None for later edits or a concept

    def edit_url(self, source: str | None) -> str | None:
        return self.edit.url(source) if self.edit else None

    def poster_preview(self) -> tuple[Download, DownloadFile] | None:
        """The strategy poster's image for the home page: 'strategie in één beeld', or the combined poster."""
        return self._preview("strategie-in-een-beeld") or self._preview("strategie-met-routekaart")

    def roadmap_preview(self) -> tuple[Download, DownloadFile] | None:
        """The routekaart's image for the agenda page: the routekaart, or the combined poster that carries it."""
        return self._preview("routekaart") or self._preview("strategie-met-routekaart")

    def download(self, key: str) -> Download | None:
        """A download by its name without size and extension ('gemeente-x-voortgang-2024'), if the build made it."""
        return next((d for d in self.downloads if d.key == key), None)

    def _preview(self, base: str) -> tuple[Download, DownloadFile] | None:
        for download in self.downloads:
            image = download.preview() if download.key == base else None
            if image is not None:
                return download, image
        return None


def shown_version(strategy: Strategy, context: PageContext) -> str | None:
    """The about page's sentence on which adopted version the site shows; None without an archive."""
    if not context.archive:
        return None
    if context.shown_tag is not None:
        adopted = strategy.vastgesteld
        if adopted is None:  # tagged as adopted, but that version's strategie.yaml does not say by whom
            return f"Deze website toont de vastgestelde versie {strategy.versie}."
        return f"Deze website toont versie {strategy.versie}, vastgesteld door {adopted.door} op {dutch_date(adopted.datum)}."
    latest = context.archive[0]
    what = "een concept" if strategy.status == "concept" else "de huidige tekst"
    return (
        f"Deze website toont {what} (versie {strategy.versie}), met wijzigingen na de vastgestelde versie "
        f"{latest.versie}{latest.adoption}."
    )
