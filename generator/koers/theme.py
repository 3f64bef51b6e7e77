"""themes/<id>/ → HouseStyle: colours, fonts and logo that feed every output."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from koers.findings import Report
from koers.load import Document, read_yaml_document, relpath
from koers.schema import check_document, suggest

WHITE = "#ffffff"
NORMAL_TEXT = 4.5
LARGE_OR_GRAPHIC = 3.0
STATUS_KEYS = ("gepland", "lopend", "gereed", "vertraagd", "gestopt")


@dataclass(frozen=True)
class Fonts:
    family: str
    regular: Path
    bold: Path
    italic: Path | None
    licence: Path | None
    web_regular: Path | None
    web_bold: Path | None
    web_italic: Path | None

    @property
    def folders(self) -> tuple[Path, ...]:
        return tuple(sorted({self.regular.parent, self.bold.parent}))


@dataclass(frozen=True)
class HouseStyle:
    """One theme: the single source of colours and fonts for site, posters and document."""

    id: str
    naam: str
    root: Path
    source: str
    primary: str
    secondary: str
    accent: str
    text: str
    background: str
    surface: str
    status: tuple[tuple[str, str], ...]
    fonts: Fonts
    logo: Path | None
    favicon: Path | None
    corner_radius: float = 8.0

    def status_colour(self, status: str) -> str:
        return dict(self.status)[status]

    def css_variables(self) -> dict[str, str]:
        """CSS custom properties shared by the site and the print CSS."""
        values = {
            "--koers-primair": self.primary,
            "--koers-secundair": self.secondary,
            "--koers-accent": self.accent,
            "--koers-tekst": self.text,
            "--koers-achtergrond": self.background,
            "--koers-vlak": self.surface,
        }
        values.update({f"--koers-status-{k}": v for k, v in self.status})
        return values


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def contrast_pairs(style: HouseStyle) -> list[tuple[str, str, str, str, float, str]]:
    """Every (foreground role, colour, background role, colour, needed ratio, use) the outputs draw."""
    pairs = [
        ("tekst", style.text, "achtergrond", style.background, NORMAL_TEXT, "gewone tekst"),
        ("tekst", style.text, "vlak", style.surface, NORMAL_TEXT, "tekst op kaarten"),
        ("primair", style.primary, "achtergrond", style.background, NORMAL_TEXT, "koppen en links"),
        ("wit", WHITE, "primair", style.primary, NORMAL_TEXT, "tekst op de kopbalk"),
        ("wit", WHITE, "secundair", style.secondary, NORMAL_TEXT, "tekst op secundaire vlakken"),
        ("accent", style.accent, "achtergrond", style.background, LARGE_OR_GRAPHIC, "lijnen en vlakken"),
    ]
    for key, colour in style.status:
        pairs.append((f"status.{key}", colour, "achtergrond", style.background, LARGE_OR_GRAPHIC, "statuskleur"))
        pairs.append(("wit", WHITE, f"status.{key}", colour, NORMAL_TEXT, "statuslabel"))
    return pairs


def _fmt(ratio: float) -> str:
    return f"{ratio:.2f}".replace(".", ",")


def check_contrast(style: HouseStyle, doc: Document, report: Report) -> None:
    """The WCAG 2.1 AA gate over every colour pair the outputs use."""
    for fg_role, fg, bg_role, bg, needed, use in contrast_pairs(style):
        ratio = contrast(fg, bg)
        if ratio < needed:
            key = ("kleuren",) + tuple((bg_role if fg_role == "wit" else fg_role).split("."))
            report.error(
                doc.path,
                doc.line(key),
                f"contrast te laag voor {use}: {fg_role} {fg} op {bg_role} {bg} is {_fmt(ratio)}:1, nodig is {_fmt(needed)}:1 (WCAG 2.1 AA)",
            )


def _path(root: Path, project: Path, doc: Document, key: tuple[str, ...], value: object, report: Report) -> Path | None:
    if not isinstance(value, str):
        return None
    candidate = (root / value).resolve()
    if not candidate.is_relative_to(root.resolve()):
        report.error(doc.path, doc.line(key), f"pad '{value}' wijst buiten de huisstijlmap {relpath(project, root)}/; dat mag niet")
        return None
    if not candidate.is_file():
        report.error(doc.path, doc.line(key), f"bestand '{value}' bestaat niet in {relpath(project, root)}/")
        return None
    return candidate


def load_house_style(project: Path, theme_id: str, report: Report, line: tuple[str, int] | None = None) -> HouseStyle | None:
    """Read and check themes/<id>/theme.yaml; None (with findings) when it is unusable."""
    project = project.resolve()
    themes = project / "themes"
    root = themes / theme_id
    if not (root / "theme.yaml").is_file():
        available = sorted(p.name for p in themes.iterdir() if (p / "theme.yaml").is_file()) if themes.is_dir() else []
        where, at = line or ("content/strategie.yaml", 1)
        hint = suggest(theme_id, available) or (f"; beschikbaar: {', '.join(available)}" if available else "")
        report.error(where, at, f"huisstijl '{theme_id}' bestaat niet (geen themes/{theme_id}/theme.yaml){hint}")
        return None
    doc = read_yaml_document(project, root / "theme.yaml", "theme", report)
    if doc is None or not check_document(doc, "theme", report):
        return None
    data = doc.data
    colours, font = data["kleuren"], data["lettertype"]
    web = font.get("web", {})

    def path(key: tuple[str, ...], value: object) -> Path | None:
        return _path(root, project, doc, key, value, report)

    before = len(report.errors)
    fonts = Fonts(
        family=font["familie"],
        regular=path(("lettertype", "regulier"), font["regulier"]),  # type: ignore[arg-type]
        bold=path(("lettertype", "vet"), font["vet"]),  # type: ignore[arg-type]
        italic=path(("lettertype", "cursief"), font.get("cursief")),
        licence=path(("lettertype", "licentie"), font.get("licentie")),
        web_regular=path(("lettertype", "web", "regulier"), web.get("regulier")),
        web_bold=path(("lettertype", "web", "vet"), web.get("vet")),
        web_italic=path(("lettertype", "web", "cursief"), web.get("cursief")),
    )
    style = HouseStyle(
        id=theme_id,
        naam=data["naam"],
        root=root.resolve(),
        source=doc.path,
        primary=colours["primair"].lower(),
        secondary=colours["secundair"].lower(),
        accent=colours["accent"].lower(),
        text=colours["tekst"].lower(),
        background=colours["achtergrond"].lower(),
        surface=colours["vlak"].lower(),
        status=tuple((k, colours["status"][k].lower()) for k in STATUS_KEYS),
        fonts=fonts,
        logo=path(("logo",), data.get("logo")),
        favicon=path(("favicon",), data.get("favicon")),
        corner_radius=float(data.get("poster", {}).get("hoeken", 8)),
    )
    check_contrast(style, doc, report)
    if len(report.errors) > before:
        return None
    return style
