"""`koers theme import`: a new themes/<id>/ folder from a design-token file, checked by the contrast gate."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from koers.content.load import ID_PATTERN
from koers.content.schema import draft7_validator, load_schema, message, suggest
from koers.content.yamlread import read_yaml
from koers.findings import Report
from koers.housestyle.fonts import (
    FontChoice,
    FontChoiceError,
    choose_fonts,
    licence_files,
    web_font,
)
from koers.housestyle.theme import load_house_style
from koers.housestyle.tokens import (
    COLOUR_ROLES,
    Mapped,
    TokenError,
    TokenFileError,
    effective_mapping,
    map_tokens,
    normalise_mapping,
    read_tokens,
)
from koers.resources import shipped

FALLBACK_THEME = "themes/voorbeeld"
LOGO_ROLES = ("primair", "secundair", "accent")


class ThemeImportError(Exception):
    """Dutch lines saying why nothing was written: `file:line: fout: …` or `koers: fout: …`."""

    @classmethod
    def plain(cls, reason: str) -> ThemeImportError:
        return cls(f"koers: fout: {reason}")


@dataclass
class Imported:
    """The new theme folder, what could not be mapped, other notes, and the check of the result."""

    folder: Path
    unmapped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    report: Report = field(default_factory=Report)


def _fallback() -> tuple[Path, dict[str, Any]]:
    import yaml

    root = shipped(FALLBACK_THEME)
    return root, yaml.safe_load((root / "theme.yaml").read_text("utf-8"))


def _flat_colours(theme: dict[str, Any]) -> dict[str, str]:
    colours = theme["kleuren"]
    flat = {k: v.lower() for k, v in colours.items() if isinstance(v, str)}
    flat.update({f"status.{k}": v.lower() for k, v in colours["status"].items()})
    return flat


def read_mapping(path: Path) -> dict[str, tuple[str, ...]]:
    """A mapping file (MAP.yaml, same keys as `tokens.koppeling` in theme.yaml), checked strictly."""
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise ThemeImportError.plain(f"koppelingsbestand {path} kan niet worden gelezen (UTF-8 nodig)") from None
    result = read_yaml(text, 1)
    problems = [f"{path}:{p.line}: fout: {p.message}" for p in result.problems]
    if not problems:
        schema = load_schema("theme")
        validator = draft7_validator({"$defs": schema["$defs"], "$ref": "#/$defs/koppeling"})
        for error in sorted(validator.iter_errors(result.data or {}), key=lambda e: [str(p) for p in e.absolute_path]):
            key, text = message(error)
            if error.validator == "additionalProperties" and isinstance(error.instance, dict):
                allowed = sorted(error.schema.get("properties", {}))
                for extra in sorted(k for k in error.instance if k not in allowed):
                    at = key + (extra,)
                    line = result.lines.get(at, result.lines.get(key, 1))
                    problems.append(f"{path}:{line}: fout: onbekende rol '{extra}' in de koppeling{suggest(extra, allowed)}; "
                                    f"toegestaan zijn: {', '.join(allowed)}")
                continue
            line = next((result.lines[k] for k in (key, key[:-1], ()) if k in result.lines), 1)
            problems.append(f"{path}:{line}: fout: {text}")
    if problems:
        raise ThemeImportError("\n".join(problems))
    return normalise_mapping(result.data or {})


def _font_choice(fonts_dir: Path | None, mapped: Mapped, fallback_root: Path, notes: list[str]) -> FontChoice:
    wanted = mapped.family[0] if mapped.family else None
    if fonts_dir is not None:
        try:
            choice, note = choose_fonts(fonts_dir, wanted)
        except FontChoiceError as exc:
            raise ThemeImportError.plain(str(exc)) from None
        if note:
            notes.append(note)
        return choice
    choice, _ = choose_fonts(fallback_root / "fonts", None)
    if wanted and wanted != choice.family:
        notes.append(
            f"de tokens noemen lettertype '{wanted}', maar die bestanden zijn er niet: deze huisstijl gebruikt "
            f"'{choice.family}'; geef de lettertypebestanden (TTF met licentie) mee met --fonts MAP"
        )
    return choice


# Everything YAML reads as a line break (also NEL, LS and PS) or that no YAML file may hold.
_BREAKING = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar of any text: JSON's escapes are YAML's, plus the line breaks JSON leaves alone."""
    return _BREAKING.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def _file(name: str) -> str:
    """The YAML value of a file in the theme's fonts/ folder: plain for a plain name, quoted for any other."""
    path = "fonts/" + name
    return path if re.fullmatch(r"[A-Za-z0-9_.+-]+", name) and not name.startswith(".") else _yaml_string(path)


def _comment(text: str) -> str:
    """Text for a '# …' comment: a token name or package field with a line break cannot start a YAML line."""
    return _BREAKING.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _theme_yaml(
    naam: str, source: str, colours: dict[str, tuple[str, str]], font: FontChoice, web: dict[str, str],
    family_token: str | None, mapping_file: str | None, package: str | None = None,
) -> str:
    """theme.yaml text: every colour with the token it came from (or that it is Koers' standard colour)."""
    def line(role: str, indent: str) -> str:
        value, origin = colours[role]
        return f'{indent}{role.split(".")[-1]}: {_yaml_string(value)}'.ljust(28) + f"  # {_comment(origin)}"

    out = [
        f"# Huisstijl {_yaml_string(naam)}, gemaakt met 'koers theme import' uit tokens/{_comment(source)}.",
        "# Achter elke kleur staat het design token waar hij vandaan komt. Pas gerust aan:",
        "# 'koers check' controleert het contrast (WCAG 2.1 AA).",
    ]
    if package:
        out.append(f"# Tokenpakket: {_comment(package)}.")
    if mapping_file:
        out.append(f"# Gebruikte koppeling van rollen aan tokens: tokens/{_comment(mapping_file)}.")
    out += [f"naam: {_yaml_string(naam)}", "", "kleuren:"]
    out += [line(role, "  ") for role in COLOUR_ROLES if not role.startswith("status.")]
    out.append("  status:")
    out += [line(role, "    ") for role in COLOUR_ROLES if role.startswith("status.")]
    family_comment = f"  # {_comment(family_token)}" if family_token else ""
    out += ["", "lettertype:", f"  familie: {_yaml_string(font.family)}{family_comment}"]
    out.append(f"  regulier: {_file(font.regular.name)}")
    out.append(f"  vet: {_file(font.bold.name)}")
    if font.italic is not None:
        out.append(f"  cursief: {_file(font.italic.name)}")
    licence = next((p for p in font.licences if not p.name.lower().startswith("readme")), None)
    if licence is not None:
        out.append(f"  licentie: {_file(licence.name)}")
    if web:
        out.append("  web:")
        out += [f"    {key}: {_file(name)}" for key, name in web.items()]
    out += ["", "logo: logo.svg", "favicon: favicon.svg", ""]
    return "\n".join(out)


def _recoloured(svg: str, old: dict[str, str], new: dict[str, str]) -> str:
    """The fallback logo in the new theme's colours (only the three brand colours it uses)."""
    marks = {old[r]: f"\x00{i}\x00" for i, r in enumerate(LOGO_ROLES)}
    for colour, mark in marks.items():
        svg = svg.replace(colour, mark).replace(colour.upper(), mark)
    for i, role in enumerate(LOGO_ROLES):
        svg = svg.replace(f"\x00{i}\x00", new[role])
    return svg


def _write_fonts(folder: Path, font: FontChoice) -> dict[str, str]:
    (folder / "fonts").mkdir()
    for path in (font.regular, font.bold, font.italic, *font.licences):
        if path is not None:
            shutil.copyfile(path, folder / "fonts" / path.name)
    web: dict[str, str] = {}
    for key, path in (("regulier", font.regular), ("vet", font.bold), ("cursief", font.italic)):
        if path is not None and (made := web_font(path, folder / "fonts")) is not None:
            web[key] = made.name
    return web


def _package(tokens_path: Path) -> Path | None:
    """The npm package folder a token file was unpacked from (dist/tokens.json → the folder with package.json)."""
    for folder in (tokens_path.parent, tokens_path.parent.parent):
        if (folder / "package.json").is_file():
            return folder
    return None


def package_note(tokens_path: Path) -> str | None:
    """'name version (licentie X)' from the package.json of the token file's npm package, if any."""
    folder = _package(tokens_path)
    if folder is None:
        return None
    try:
        data = json.loads((folder / "package.json").read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        return None
    licence = data.get("license") if isinstance(data.get("license"), str) else "onbekend"
    return f"{data['name']} {data.get('version', '')} (licentie {licence})".replace("  ", " ")


def _copy_tokens(folder: Path, tokens_path: Path, mapping_path: Path | None) -> None:
    """The token file with the licence and read-me files beside it (or in its npm package) and the mapping used."""
    (folder / "tokens").mkdir()
    shutil.copyfile(tokens_path, folder / "tokens" / tokens_path.name)
    extras = list(licence_files(tokens_path.parent))
    package = _package(tokens_path)
    if package is not None and package != tokens_path.parent:
        extras += [p for p in licence_files(package) if p.name.lower().startswith(("license", "licence", "copying"))]
    for extra in extras:
        if not (folder / "tokens" / extra.name).exists():
            shutil.copyfile(extra, folder / "tokens" / extra.name)
    if mapping_path is not None:
        shutil.copyfile(mapping_path, folder / "tokens" / "koppeling.yaml")


def _with_standard_colours(mapped: Mapped, standard: dict[str, str], unmapped: list[str]) -> dict[str, tuple[str, str]]:
    """role → (colour, origin): the token's colour, or Koers' standard colour for a role no token filled."""
    colours = dict(mapped.colours)
    for role, reason in mapped.problems.items():
        if role in COLOUR_ROLES:
            colours[role] = (standard[role], "standaardkleur van Koers: geen token gevonden")
            unmapped.append(f"{role}: {reason}; Koers gebruikt de standaardkleur {standard[role]}")
        else:
            unmapped.append(f"{role}: {reason}; Koers gebruikt het standaardlettertype")
    return colours


def _write_theme(
    themes: Path, theme_id: str, tokens_path: Path, mapping_path: Path | None, colours: dict[str, tuple[str, str]],
    font: FontChoice, mapped: Mapped, standard: dict[str, str], naam: str | None,
) -> None:
    """Build the theme folder beside its target and rename it at the end, so a failure leaves no half theme."""
    fallback_root = shipped(FALLBACK_THEME)
    themes.mkdir(exist_ok=True)
    staging = themes / f".{theme_id}.import"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        web = _write_fonts(staging, font)
        _copy_tokens(staging, tokens_path, mapping_path)
        new = {role: value for role, (value, _) in colours.items()}
        for name in ("logo.svg", "favicon.svg"):
            svg = (fallback_root / name).read_text("utf-8")
            (staging / name).write_text(_recoloured(svg, standard, new), "utf-8")
        family_token = mapped.family[1] if mapped.family and mapped.family[0] == font.family else None
        text = _theme_yaml(naam or f"Huisstijl {theme_id}", tokens_path.name, colours, font, web, family_token,
                           "koppeling.yaml" if mapping_path else None, package_note(tokens_path))
        (staging / "theme.yaml").write_text(text, "utf-8")
        staging.rename(themes / theme_id)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def import_theme(
    tokens_path: Path, theme_id: str, project: Path, mapping_path: Path | None = None,
    fonts_dir: Path | None = None, naam: str | None = None,
) -> Imported:
    """Write themes/<id>/ from a token file; ThemeImportError (nothing written) when that cannot be done."""

    if not ID_PATTERN.match(theme_id):
        raise ThemeImportError.plain(f"'{theme_id}' is geen geldig id: gebruik kleine letters, cijfers en koppeltekens, bijvoorbeeld 'gemeente-x'")
    if not project.is_dir():
        raise ThemeImportError.plain(f"projectmap {project} bestaat niet")
    target = project / "themes" / theme_id
    if target.exists():
        raise ThemeImportError.plain(f"themes/{theme_id} bestaat al; kies een ander id of verwijder die map eerst")
    if not tokens_path.is_file():
        raise ThemeImportError.plain(f"tokenbestand {tokens_path} bestaat niet")
    try:
        tokens = read_tokens(tokens_path)
    except TokenFileError as exc:
        raise ThemeImportError(f"{tokens_path}:{exc.line}: fout: {exc}") from None
    except TokenError as exc:
        raise ThemeImportError(f"{tokens_path}:1: fout: {exc}") from None
    overrides = read_mapping(mapping_path) if mapping_path is not None else {}
    mapped = map_tokens(tokens, effective_mapping(overrides))
    fallback_root, fallback = _fallback()
    standard = _flat_colours(fallback)
    result = Imported(target)
    colours = _with_standard_colours(mapped, standard, result.unmapped)
    font = _font_choice(fonts_dir, mapped, fallback_root, result.notes)
    _write_theme(project / "themes", theme_id, tokens_path, mapping_path, colours, font, mapped, standard, naam)
    load_house_style(project, theme_id, result.report)
    return result
