"""themes/<id>/ → HouseStyle: colours, fonts and logo that feed every output."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from koers.content.load import Document, read_yaml_document, relpath
from koers.content.schema import check_document, statuses, suggest
from koers.findings import Report
from koers.housestyle.colour import WHITE, contrast
from koers.housestyle.fontfile import font_damage
from koers.housestyle.images import image_problem
from koers.housestyle.tokens import (
    COLOUR_ROLES,
    TokenError,
    TokenFileError,
    effective_mapping,
    map_tokens,
    normalise_mapping,
    read_tokens,
)

NORMAL_TEXT = 4.5
LARGE_OR_GRAPHIC = 3.0


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
    # `logo: {tekst: organisatie}`: no file; the logo is drawn from strategie.yaml's name (render.namelogo).
    logo_from_name: bool = False
    logo_svg: bytes | None = None
    # Where each colour came from: role ("primair", "status.gereed") → design-token path; empty for theme.yaml colours.
    token_origins: tuple[tuple[str, str], ...] = ()
    tokens_file: Path | None = None

    @property
    def has_logo(self) -> bool:
        return self.logo is not None or self.logo_svg is not None

    def logo_content(self) -> tuple[bytes, str] | None:
        """The logo's bytes and suffix ('.svg', '.png', '.jpg'): from its file, or drawn from the organisation's name."""
        if self.logo_svg is not None:
            return self.logo_svg, ".svg"
        if self.logo is not None and self.logo.is_file():
            return self.logo.read_bytes(), self.logo.suffix.lower()
        return None

    def status_colour(self, status: str) -> str:
        return dict(self.status)[status]

    def css_variables(self) -> dict[str, str]:
        """CSS custom properties of the site (the documents get the same colours as values)."""
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


def contrast_pairs(style: HouseStyle) -> list[tuple[str, str, str, str, float, str]]:
    """Every (foreground role, colour, background role, colour, needed ratio, use) the outputs draw."""
    pairs = [
        ("tekst", style.text, "achtergrond", style.background, NORMAL_TEXT, "gewone tekst"),
        ("tekst", style.text, "vlak", style.surface, NORMAL_TEXT, "tekst op kaarten"),
        ("primair", style.primary, "achtergrond", style.background, NORMAL_TEXT, "koppen en links"),
        ("primair", style.primary, "vlak", style.surface, NORMAL_TEXT, "koppen en cijfers op kaarten"),
        ("secundair", style.secondary, "achtergrond", style.background, NORMAL_TEXT, "kleine tekst in de secundaire kleur"),
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


def _role_line(style: HouseStyle, doc: Document, role: str) -> tuple[int, str]:
    """The theme.yaml line that sets a colour role, and a note naming its token when it came from one."""
    parts = tuple(role.split("."))
    token = dict(style.token_origins).get(role)
    if token is None:
        return doc.line(("kleuren",) + parts), ""
    chosen = ("tokens", "koppeling") + parts
    line = doc.lines.get(chosen) or doc.line(("tokens", "bestand"))
    return line, f" (kleur uit token '{token}')"


def check_contrast(style: HouseStyle, doc: Document, report: Report) -> None:
    """The WCAG 2.1 AA gate over every colour pair the outputs use."""
    for fg_role, fg, bg_role, bg, needed, use in contrast_pairs(style):
        ratio = contrast(fg, bg)
        if ratio < needed:
            line, origin = _role_line(style, doc, bg_role if fg_role == "wit" else fg_role)
            report.error(
                doc.path,
                line,
                f"contrast te laag voor {use}: {fg_role} {fg} op {bg_role} {bg} is {_fmt(ratio)}:1, nodig is {_fmt(needed)}:1 (WCAG 2.1 AA){origin}",
            )


def _image(found: Path | None, doc: Document, key: str, report: Report) -> Path | None:
    """A logo or favicon only when it is a bounded SVG, PNG or JPEG that cannot run script or load from elsewhere."""
    if found is None:
        return None
    problem = image_problem(found)
    if problem:
        report.error(doc.path, doc.line((key,)), f"{key} '{found.name}' {problem}; dat is niet toegestaan in een huisstijl")
        return None
    return found


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


def _explicit_colours(data: dict) -> dict[str, str]:
    """The colours written in theme.yaml, by role ("primair", "status.gereed"), lowercase."""
    colours = data.get("kleuren") or {}
    flat = {k: v.lower() for k, v in colours.items() if isinstance(v, str)}
    flat.update({f"status.{k}": v.lower() for k, v in (colours.get("status") or {}).items()})
    return flat


def _token_colours(project: Path, doc: Document, token_file: Path | None, report: Report) -> tuple[dict[str, str], dict[str, str]]:
    """Colours for the roles theme.yaml leaves open, from its token file: (role → hex, role → token path)."""
    settings = doc.data.get("tokens")
    explicit = _explicit_colours(doc.data)
    open_roles = [r for r in COLOUR_ROLES if r not in explicit]
    if not settings or token_file is None or not open_roles:
        return {}, {}
    try:
        tokens = read_tokens(token_file)
    except TokenFileError as exc:
        report.error(relpath(project, token_file), exc.line, str(exc))
        return {}, {}
    except TokenError as exc:
        report.error(relpath(project, token_file), 1, str(exc))
        return {}, {}
    mapped = map_tokens(tokens, effective_mapping(normalise_mapping(settings.get("koppeling"))), open_roles)
    for role, reason in mapped.problems.items():
        line = doc.lines.get(("tokens", "koppeling") + tuple(role.split("."))) or doc.line(("tokens", "bestand"))
        report.error(
            doc.path,
            line,
            f"kleur '{role}' komt niet uit {settings['bestand']}: {reason}; "
            "zet de kleur onder 'kleuren' of kies een ander token onder 'tokens.koppeling'",
        )
    return {r: hex_ for r, (hex_, _) in mapped.colours.items()}, {r: path for r, (_, path) in mapped.colours.items()}


def _family_names(path: Path) -> set[str] | None:
    """The family names (typographic and legacy) in a font file's name table; None when it is no font."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(str(path), lazy=True) as font:
            names = font["name"]
            return {str(n).strip() for n in (names.getDebugName(16), names.getDebugName(1)) if n}
    except (TTLibError, OSError, KeyError, ValueError, AssertionError):
        return None


def _check_family(doc: Document, family: str, files: tuple[tuple[str, Path | None], ...], report: Report) -> None:
    """lettertype.familie must be the name inside the font files: cairosvg and fontconfig look fonts up by it."""
    for key, path in files:
        if path is None:
            continue
        names = _family_names(path)
        if names is None:
            report.error(doc.path, doc.line(("lettertype", key)), f"bestand '{path.name}' is geen lettertype dat Koers kan lezen (TTF of OTF)")
        elif (damage := font_damage(path)) is not None:
            report.error(
                doc.path,
                doc.line(("lettertype", key)),
                f"lettertype '{path.name}' is beschadigd: de vormen van de letters zijn niet te lezen ({damage}); "
                "vervang het bestand door een goed exemplaar",
            )
        elif family not in names:
            actual = " of ".join(f"'{n}'" for n in sorted(names))
            report.error(
                doc.path,
                doc.line(("lettertype", "familie")),
                f"lettertype.familie '{family}' past niet bij {path.name}: dat lettertype heet {actual}; schrijf precies die naam",
            )


def _fonts(font: dict, path: Callable[[tuple[str, ...], object], Path | None]) -> Fonts:
    """The `lettertype` block with every file checked to lie in the theme folder."""
    web = font.get("web", {})
    return Fonts(
        family=font["familie"],
        regular=path(("lettertype", "regulier"), font["regulier"]),  # type: ignore[arg-type]
        bold=path(("lettertype", "vet"), font["vet"]),  # type: ignore[arg-type]
        italic=path(("lettertype", "cursief"), font.get("cursief")),
        licence=path(("lettertype", "licentie"), font.get("licentie")),
        web_regular=path(("lettertype", "web", "regulier"), web.get("regulier")),
        web_bold=path(("lettertype", "web", "vet"), web.get("vet")),
        web_italic=path(("lettertype", "web", "cursief"), web.get("cursief")),
    )


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

    def path(key: tuple[str, ...], value: object) -> Path | None:
        return _path(root, project, doc, key, value, report)

    before = len(report.errors)
    fonts = _fonts(data["lettertype"], path)
    _check_family(doc, fonts.family, (("regulier", fonts.regular), ("vet", fonts.bold), ("cursief", fonts.italic)), report)
    token_file = path(("tokens", "bestand"), data["tokens"]["bestand"]) if "tokens" in data else None
    from_tokens, origins = _token_colours(project, doc, token_file, report)
    colours = from_tokens | _explicit_colours(data)
    if len(report.errors) > before or any(role not in colours for role in COLOUR_ROLES):
        return None
    style = HouseStyle(
        id=theme_id,
        naam=data["naam"],
        root=root.resolve(),
        source=doc.path,
        primary=colours["primair"],
        secondary=colours["secundair"],
        accent=colours["accent"],
        text=colours["tekst"],
        background=colours["achtergrond"],
        surface=colours["vlak"],
        status=tuple((k, colours[f"status.{k}"]) for k in statuses()),
        fonts=fonts,
        logo=_image(path(("logo",), data.get("logo")), doc, "logo", report),
        logo_from_name=isinstance(data.get("logo"), dict),
        favicon=_image(path(("favicon",), data.get("favicon")), doc, "favicon", report),
        corner_radius=float(data.get("poster", {}).get("hoeken", 8)),
        token_origins=tuple(sorted(origins.items())),
        tokens_file=token_file,
    )
    check_contrast(style, doc, report)
    if len(report.errors) > before:
        return None
    return style
