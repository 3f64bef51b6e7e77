"""What Koers ignores or sets itself in mkdocs.yml: a Dutch warning per key, so nothing is dropped silently.

koers.publish.sitepolicy screens what the kernteam may set; everything else in mkdocs.yml has no effect
on the site, because Koers sets it itself (nav, docs_dir, the theme's palette and fonts) or leaves it
out (plugins, analytics). Each such key gets a warning that names it and says why, on its own line.
A key whose value is what Koers sets anyway (``theme.name: material``, ``language: nl``, a plain
``- search`` plugin) gets none: the mkdocs.yml that Koers ships must pass without findings.
"""

from __future__ import annotations

from koers.publish.mdextensions import KeyPath, Problem, shown
from koers.publish.siteconfig import SiteFile

# The keys that Koers reads (sitepolicy screens them; repo_url and edit_uri make the edit links).
USED = frozenset(
    ("site_name", "site_description", "site_author", "copyright", "site_url", "extra", "theme", "markdown_extensions")
    + ("repo_url", "edit_uri", "edit_uri_template")
)
_PAGES = "Koers maakt alle pagina's en het menu zelf uit de inhoud"
TOP_LEVEL = {
    "nav": "Koers maakt het menu zelf uit de inhoud",
    "docs_dir": "Koers zet de pagina's zelf klaar in build/",
    "site_dir": "de website komt altijd in build/site",
    "extra_css": "de opmaak komt uit de huisstijl (themes/)",
    "extra_javascript": "Koers zet geen eigen scripts op de pagina's",
    "extra_templates": "Koers zet geen eigen sjablonen op de website",
    "hooks": "Koers voert geen Python-code uit mkdocs.yml uit",
    "use_directory_urls": "Koers maakt gewone .html-links, die ook vanaf een bestandsshare werken",
    "strict": "Koers bouwt altijd streng en meldt zelf wat er mis is",
    "validation": "Koers bouwt altijd streng en meldt zelf wat er mis is",
    "dev_addr": "kies het adres van de voorvertoning met koers serve --host en --port",
    "watch": "koers serve houdt zelf content/, themes/ en mkdocs.yml in de gaten",
    "INHERIT": "Koers leest geen andere instellingenbestanden",
    "not_in_nav": _PAGES,
    "exclude_docs": _PAGES,
    "draft_docs": _PAGES,
    "remote_branch": "Koers publiceert niet met mkdocs gh-deploy (zie docs/workflow.md)",
    "remote_name": "Koers publiceert niet met mkdocs gh-deploy (zie docs/workflow.md)",
    "repo_name": "de kop van de website toont geen link naar de repository; repo_url en edit_uri maken de knop 'Bewerk deze pagina'",
}
_NO_PLUGINS = "Koers zet geen plugins aan: die voeren code uit tijdens het bouwen, en Koers maakt alle pagina's zelf"
_FETCHES = "die haalt bij het bouwen bestanden van internet"
PLUGINS = {
    "search": "de zoekfunctie zet Koers zelf aan, in het Nederlands; haal de opties weg",
    "offline": "voor zoeken vanaf een bestandsshare zet je 'extra.koers.bestandsshare: true' (zie docs/veiligheid.md)",
    "social": f"Koers maakt de afbeelding voor sociale media zelf (downloads/strategie-in-een-beeld-social.png); {_FETCHES}",
    "privacy": f"de website laadt al niets van andere servers; {_FETCHES}",
    "optimize": "Koers maakt de afbeeldingen zelf, al zo klein als nodig",
    "blog": _PAGES,
    "tags": _PAGES,
}
THEME = {
    "name": "Koers gebruikt altijd Material",
    "language": "de website is altijd Nederlands",
    "palette": (
        "de kleuren komen uit de huisstijl (themes/); een schakelaar naar een donker kleurschema kan niet, "
        "want die kleuren gaan niet door de contrastcontrole van Koers"
    ),
    "font": "het lettertype komt uit de huisstijl; Material zou het van Google Fonts laden",
    "logo": "het logo komt uit de huisstijl (theme.yaml)",
    "favicon": "het favicon komt uit de huisstijl (theme.yaml)",
    "custom_dir": "Koers gebruikt zijn eigen sjablonen, die de pagina's veilig houden",
}
THEME_SET = {"name": "material", "language": "nl"}
THEME_USED = ("features", "icon")
# Instant loading fetches pages with XHR, which fails when the site is opened from a file share.
DROPPED_FEATURES = ("navigation.instant", "navigation.instant.prefetch", "navigation.instant.progress")
EXTRA = {
    "analytics": (
        "Koers zet geen bezoekersstatistieken van Google of een andere dienst aan: die laden een script van een andere "
        "server en volgen de lezers (zie docs/veiligheid.md)"
    ),
    "consent": "dat hoort bij extra.analytics, dat Koers niet aanzet",
    "social": "de voettekst van Koers toont geen links naar sociale media",
    "alternate": "de website is er alleen in het Nederlands",
    "generator": "Koers laat de vermelding van Material in de voettekst altijd weg",
}


def ignored(site: SiteFile) -> list[Problem]:
    """A warning (key path, Dutch message) for every key in mkdocs.yml that has no effect on the site."""
    found: list[Problem] = []
    for key, value in site.data.items():
        if key == "plugins":
            found += _plugins(value)
        elif key == "theme":
            found += _theme(value)
        elif key == "extra" and isinstance(value, dict):
            found += [(("extra", k), _said(f"extra.{k}", EXTRA[k])) for k in value if k in EXTRA and not (k == "generator" and value[k] is False)]
        elif key not in USED:
            found.append(((key,), _said(shown(str(key)), TOP_LEVEL.get(str(key), "Koers gebruikt deze instelling niet"))))
    return found


def _plugins(plugins: object) -> list[Problem]:
    if isinstance(plugins, dict):
        items: list[tuple[KeyPath, object, object]] = [(("plugins", name), name, options) for name, options in plugins.items()]
    elif isinstance(plugins, list):
        items = [(("plugins", i), *_plugin(item)) for i, item in enumerate(plugins)]
    else:
        return [(("plugins",), _said("plugins", _NO_PLUGINS))]
    found: list[Problem] = []
    for where, name, options in items:
        if name == "search" and not options:
            continue  # what Koers turns on anyway
        found.append((where, _said(f"plugin '{shown(str(name))}'", PLUGINS.get(str(name), _NO_PLUGINS))))
    return found


def _plugin(item: object) -> tuple[object, object]:
    """A plugins list item as (name, options): '- tags' or '- tags: {…}'."""
    if isinstance(item, dict) and len(item) == 1:
        return next(iter(item.items()))
    return item, None


def _theme(theme: object) -> list[Problem]:
    if not isinstance(theme, dict):
        return [] if theme == "material" else [(("theme",), _said("theme", THEME["name"]))]
    found: list[Problem] = []
    for key, value in theme.items():
        if key in THEME_USED or THEME_SET.get(str(key), None) == value:
            continue
        found.append((("theme", key), _said(f"theme.{shown(str(key))}", THEME.get(str(key), "Koers stelt het thema zelf in"))))
    features = theme.get("features")
    if isinstance(features, list):
        reason = "die laadt pagina's met een script, en dat werkt niet vanaf een bestandsshare"
        found += [(("theme", "features", i), _said(f"theme.features: {f}", reason)) for i, f in enumerate(features) if f in DROPPED_FEATURES]
    return found


def _said(name: str, reason: str) -> str:
    return f"{name} wordt genegeerd: {reason}"

