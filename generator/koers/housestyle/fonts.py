"""Font files for an imported theme: pick regular, bold and italic of one family from a folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FONT_SUFFIXES = (".ttf", ".otf")
LICENCE_PREFIXES = ("license", "licence", "ofl", "copying", "copyright", "readme", "notice", "debian-copyright")


@dataclass(frozen=True)
class Face:
    """One static font file: family name, weight class and whether it is italic."""

    path: Path
    family: str
    weight: int
    italic: bool


@dataclass(frozen=True)
class FontChoice:
    """The files a theme's `lettertype` needs, all of one family."""

    family: str
    regular: Path
    bold: Path
    italic: Path | None
    licences: tuple[Path, ...]


class FontChoiceError(Exception):
    """A Dutch reason why the folder gives no usable font family."""


def read_face(path: Path) -> Face | None:
    """Name, weight and style of a static TTF/OTF; None for variable or unreadable fonts."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        with TTFont(str(path), lazy=True) as font:
            if "fvar" in font:
                return None
            names = font["name"]
            family = names.getDebugName(16) or names.getDebugName(1)
            os2 = font["OS/2"]
            italic = bool(os2.fsSelection & 1) or bool(font["head"].macStyle & 2)
            return Face(path, str(family).strip(), int(os2.usWeightClass), italic) if family else None
    except (TTLibError, OSError, KeyError, ValueError, AssertionError):
        return None


def licence_files(folder: Path) -> tuple[Path, ...]:
    """Licence and provenance files in a folder (LICENSE*, OFL*, COPYING*, README* …), sorted."""
    return tuple(
        sorted(p for p in folder.iterdir() if p.is_file() and p.name.lower().startswith(LICENCE_PREFIXES))
    )


def _closest(faces: list[Face], weight: int, italic: bool, minimum: int = 0) -> Face | None:
    candidates = [f for f in faces if f.italic == italic and f.weight >= minimum]
    return min(candidates, key=lambda f: (abs(f.weight - weight), f.path.name), default=None)


def choose_fonts(folder: Path, wanted: str | None) -> tuple[FontChoice, str | None]:
    """The family named by the tokens when the folder has it, else its only family; plus a Dutch note."""
    if not folder.is_dir():
        raise FontChoiceError(f"lettertypemap {folder} bestaat niet")
    faces = [f for f in (read_face(p) for p in sorted(folder.iterdir()) if p.suffix.lower() in FONT_SUFFIXES) if f]
    families = sorted({f.family for f in faces})
    if not families:
        raise FontChoiceError(f"in {folder} staan geen losse TTF- of OTF-bestanden (variabele lettertypen kan Koers niet gebruiken)")
    note = None
    if wanted in families:
        family = wanted
    elif len(families) == 1:
        family = families[0]
        if wanted:
            note = f"de tokens noemen lettertype '{wanted}', maar {folder} bevat '{family}'; Koers gebruikt '{family}'"
    else:
        raise FontChoiceError(f"{folder} bevat meerdere families ({', '.join(families)}) en geen '{wanted}'; laat er één over")
    own = [f for f in faces if f.family == family]
    regular, bold = _closest(own, 400, False), _closest(own, 700, False, minimum=600)
    if regular is None or bold is None or regular == bold:
        raise FontChoiceError(f"voor '{family}' zijn een gewoon (400) en een vet (700) bestand nodig in {folder}")
    licences = licence_files(folder)
    if not any(not p.name.lower().startswith("readme") for p in licences):
        raise FontChoiceError(f"in {folder} staat geen licentiebestand (LICENSE, OFL.txt …); zonder licentie mag Koers het lettertype niet meenemen")
    italic = _closest(own, 400, True)
    return FontChoice(family, regular.path, bold.path, italic.path if italic else None, licences), note


def web_font(source: Path, target_dir: Path) -> Path | None:
    """A WOFF2 beside the TTF for the site: copied when the folder has one, else made with fontTools (no timestamp)."""
    sibling = source.with_suffix(".woff2")
    target = target_dir / sibling.name
    if sibling.is_file():
        target.write_bytes(sibling.read_bytes())
        return target
    try:
        import brotli  # noqa: F401  (fontTools needs it for WOFF2)
        from fontTools.ttLib import TTFont
    except ImportError:
        return None
    font = TTFont(str(source), recalcTimestamp=False, recalcBBoxes=False)
    font.flavor = "woff2"
    font.save(str(target), reorderTables=None)
    return target
