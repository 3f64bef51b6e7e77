"""What the project's mkdocs.yml may set: one screen, run by `koers check` and again by the build.

mkdocs.yml is edited in the same repository as the content, by more people than review it, and
what it sets lands on every page of the site. So Koers takes from it only what the kernteam may
tune, each value checked against an allow-list (for editors: "Website-instellingen" in
docs/veiligheid.md):

- site_name, site_description, site_author: text (the engine adapter escapes it);
- copyright: text with a few inline tags (koers.publish.sitemarkup);
- site_url: a plain http(s) address (koers.publish.siteoptions);
- extra.homepage: a web address or a path inside the site; extra.koers: Koers' own switches
  (koers.publish.siteoptions); no other extra key, and never Koers' internal koers_… keys;
- theme.features; theme.icon: names of Material's own icons;
- markdown_extensions: koers.publish.mdextensions.

Everything refused is a Dutch finding and is left out of what the build uses, so even a build
that runs despite the findings (the `koers serve` preview) publishes nothing refused. YAML tags
(``!!python/name:…``, ``!ENV``) are refused in these keys: the tolerant loader reads them as plain
values, which is never what the author meant. Keys Koers ignores or sets itself are left out, each
with a warning that names it and says why (koers.publish.siteignored).
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from koers.findings import Report
from koers.publish.mdextensions import KeyPath, Problem, screen_extensions, shown
from koers.publish.siteconfig import PYTHON_TAG, SiteFile, load_site_file
from koers.publish.siteignored import EXTRA, ignored
from koers.publish.sitemarkup import COPYRIGHT_TAGS, clean_copyright, copyright_problems, homepage_allowed, homepage_href
from koers.publish.siteoptions import screen_koers, screen_site_url
from koers.resources import shipped

CONFIG_FILE = "mkdocs.yml"
TEXT_KEYS = ("site_name", "site_description", "site_author", "copyright")
SCREENED = (*TEXT_KEYS, "site_url", "extra", "theme", "markdown_extensions")
# Material's extra keys that Koers leaves out with a warning (koers.publish.siteignored says why), not an error.
EXTRA_DROPPED = tuple(EXTRA)
EXTRA_REASONS = {
    "polyfills": "dat zet scripts op elke pagina, ook van andere servers",
    "scope": "dat komt in een script op elke pagina",
}
ICON_KEYS = ("alternate", "annotation", "close", "edit", "logo", "menu", "next", "previous", "repo", "search", "share", "top", "view")
# Material writes the names in these groups into a <style> element on every page, unescaped.
ICON_GROUPS = ("admonition", "tag")
_ICON = re.compile(r"[a-z0-9-]+(/[a-z0-9-]+){1,2}")
_ICON_TYPE = re.compile(r"[a-z][a-z0-9_-]{0,30}")
COPYRIGHT_ALLOWED = (
    'toegestaan zijn alleen <a href="https://…"> (ook http:// en mailto:), '
    + ", ".join(f"<{t}>" for t in sorted(COPYRIGHT_TAGS - {"a", "strong"}))
    + " en <strong>, zonder andere attributen"
)


def read_site_settings(project: Path, report: Report) -> dict[str, Any] | None:
    """The kernteam's screened settings from mkdocs.yml (or the shipped one); None when it cannot be read."""
    path = project / CONFIG_FILE
    if path.is_symlink() and not path.resolve().is_relative_to(project.resolve()):
        report.error(CONFIG_FILE, 1, "de website-instellingen zijn een snelkoppeling naar een plek buiten het project; dat is niet toegestaan")
        return None
    try:
        site = load_site_file(path if path.is_file() else shipped(CONFIG_FILE))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        report.error(CONFIG_FILE, line, f"de website-instellingen zijn geen geldige YAML: {getattr(exc, 'problem', None) or exc}")
    except (OSError, UnicodeDecodeError) as exc:
        report.error(CONFIG_FILE, 1, f"de website-instellingen kunnen niet worden gelezen: {exc}")
    except RecursionError:
        report.error(CONFIG_FILE, 1, "de website-instellingen zijn te diep genest")
    except ValueError:
        # Python refuses to read an integer of more than 4,300 digits; no setting needs one.
        report.error(CONFIG_FILE, 1, "de website-instellingen bevatten een getal van duizenden cijfers; haal het weg of zet het tussen aanhalingstekens")
    else:
        settings, problems = screen(site)
        for where, message in problems:
            report.error(CONFIG_FILE, site.line(where), message)
        for where, message in ignored(site):
            report.warning(CONFIG_FILE, site.line(where), message)
        return settings
    return None


def screen(site: SiteFile) -> tuple[dict[str, Any], list[Problem]]:
    """What the build may use of a mkdocs.yml, and a problem (key path, Dutch message) for everything refused."""
    problems = [(path, _tag_message(tag)) for path, tag in site.tags.items() if _screened(path)]

    def tagged(path: KeyPath) -> bool:
        return path in site.tags

    settings: dict[str, Any] = {}
    data = site.data
    for key in TEXT_KEYS:
        value = data.get(key)
        if value is None or tagged((key,)):
            continue
        if not isinstance(value, str):
            problems.append(((key,), f"{key} moet tekst zijn, maar is {_kind(value)}"))
        elif key == "copyright":
            if refused := copyright_problems(value):
                problems.append(((key,), f"copyright bevat HTML die niet is toegestaan: {_listed(refused)}; {COPYRIGHT_ALLOWED}"))
            settings[key] = clean_copyright(value)
        else:
            settings[key] = value
    if data.get("site_url") is not None and not tagged(("site_url",)):
        url, problem = screen_site_url(data["site_url"])
        if problem:
            problems.append((("site_url",), problem))
        else:
            settings["site_url"] = url
    if data.get("extra") is not None and not tagged(("extra",)):
        settings["extra"] = _extra(data["extra"], problems, tagged)
    theme = data.get("theme")
    if isinstance(theme, dict) and not tagged(("theme",)):
        settings["theme"] = _theme(theme, problems, tagged)
    if "markdown_extensions" in data and not tagged(("markdown_extensions",)):
        extensions, found = screen_extensions(data["markdown_extensions"], ("markdown_extensions",), tagged)
        settings["markdown_extensions"] = extensions
        problems += found
    return settings, problems


def _extra(extra: object, problems: list[Problem], tagged: Callable[[KeyPath], bool]) -> dict[str, Any]:
    if not isinstance(extra, dict):
        problems.append((("extra",), f"extra moet sleutels met waarden bevatten, zoals 'homepage: https://…', maar is {_kind(extra)}"))
        return {}
    kept: dict[str, Any] = {}
    for key, value in extra.items():
        where = ("extra", key)
        name = shown(str(key))
        if tagged(where) or key in EXTRA_DROPPED or (key in ("homepage", "koers") and value is None):
            continue
        if key == "koers":
            kept[key], found = screen_koers(value, where)
            problems += found
        elif isinstance(key, str) and key.startswith("koers_"):
            problems.append((where, f"extra.{name} is van Koers zelf en kan niet in mkdocs.yml worden gezet"))
        elif key != "homepage":
            reason = f": {EXTRA_REASONS[key]}" if key in EXTRA_REASONS else ""
            problems.append((where, f"extra.{name} is niet toegestaan{reason}; in extra kunnen alleen homepage en koers"))
        elif not isinstance(value, str) or not homepage_allowed(value):
            problems.append((where, "extra.homepage moet een webadres zijn dat begint met https:// of http://, of een pad binnen de site zoals index.html"))
        else:
            kept[key] = homepage_href(value)
    return kept


def _theme(theme: dict[str, Any], problems: list[Problem], tagged: Callable[[KeyPath], bool]) -> dict[str, Any]:
    kept = {k: theme[k] for k in ("features",) if k in theme}
    icons = theme.get("icon")
    if icons is None or tagged(("theme", "icon")):
        return kept
    if not isinstance(icons, dict):
        problems.append((("theme", "icon"), "theme.icon moet sleutels met waarden bevatten, zoals 'repo: material/git'"))
        return kept
    chosen: dict[str, Any] = {}
    for key, value in icons.items():
        where = ("theme", "icon", key)
        if tagged(where):
            continue
        if key in ICON_GROUPS:
            chosen[key] = _icon_group(str(key), value, problems, tagged)
        elif key not in ICON_KEYS:
            problems.append((where, f"theme.icon.{shown(str(key))} is niet toegestaan; toegestaan zijn: {', '.join(sorted(ICON_KEYS + ICON_GROUPS))}"))
        elif (problem := _icon_problem(value)) is not None:
            problems.append((where, f"theme.icon.{key} {problem}"))
        else:
            chosen[key] = value
    kept["icon"] = chosen
    return kept


def _icon_group(group: str, icons: object, problems: list[Problem], tagged: Callable[[KeyPath], bool]) -> dict[str, str]:
    if not isinstance(icons, dict):
        problems.append((("theme", "icon", group), f"theme.icon.{group} moet per soort een icoon noemen, zoals 'note: material/pencil'"))
        return {}
    chosen: dict[str, str] = {}
    for kind, value in icons.items():
        where = ("theme", "icon", group, kind)
        if tagged(where):
            continue
        if not isinstance(kind, str) or not _ICON_TYPE.fullmatch(kind):
            problems.append((where, f"theme.icon.{group}: de soort '{shown(str(kind))}' mag alleen kleine letters, cijfers, - en _ bevatten"))
        elif (problem := _icon_problem(value)) is not None:
            problems.append((where, f"theme.icon.{group}.{kind} {problem}"))
        else:
            chosen[kind] = str(value)
    return chosen


def _icon_problem(value: object) -> str | None:
    """Why a value is not one of Material's icons (None when it is)."""
    if not isinstance(value, str) or not _ICON.fullmatch(value):
        return "moet de naam van een icoon van Material zijn, zoals material/git"
    icons = _material_icons()
    if icons is not None and not (icons / f"{value}.svg").is_file():
        return f"noemt het icoon '{value}', maar dat heeft Material niet"
    return None


def _material_icons() -> Path | None:
    """Material's icon folder, found without importing Material (`koers check` stays light)."""
    spec = importlib.util.find_spec("material")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    return Path(locations[0]) / "templates" / ".icons" if locations else None


def _screened(path: KeyPath) -> bool:
    """Whether a key path lies in what Koers takes from mkdocs.yml (tags elsewhere are ignored with their keys)."""
    if not path or path[0] not in SCREENED:
        return False
    if path[0] == "extra" and len(path) > 1:
        return path[1] not in EXTRA_DROPPED
    return path[0] != "theme" or len(path) == 1 or path[1] in ("features", "icon")


def _tag_message(tag: str) -> str:
    name = shown("!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith(PYTHON_TAG) else tag)
    return (
        f"YAML-tag {name} is niet toegestaan: Koers leest uit mkdocs.yml geen omgevingsvariabelen en roept er geen "
        "Python-code mee aan; schrijf de waarde zelf of laat de instelling weg"
    )


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true of false"
    if isinstance(value, (int, float)):
        return "een getal"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een groep sleutels"
    return "tekst" if isinstance(value, str) else "iets anders"
