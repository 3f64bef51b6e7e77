"""Koers' own site options in mkdocs.yml: site_url and extra.koers (for editors: docs/veiligheid.md).

- site_url: the address the site is published at; with it the engine writes a sitemap and every page a
  canonical link and an absolute og:image (the social PNG). Only a plain http(s) address: it is printed
  into every page and into sitemap.xml.
- extra.koers.bestandsshare: true turns on Material's offline plugin (search from file://).
- extra.koers.matomo: {url, site_id} adds a self-hosted Matomo tracker with cookies disabled; the one
  request to a host Koers does not control, so only on request, only to the intranet's own Matomo
  (an http(s) address, or a path on the site's own host), and printed into a script as JSON.
"""

from __future__ import annotations

import re
from typing import Any

from koers.publish.mdextensions import KeyPath, Problem, shown

# Scheme, host, port and a path: no query, fragment, quotes, spaces or entities.
_SITE_URL = re.compile(r"https?://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?(/[A-Za-z0-9._~/%-]*)?", re.IGNORECASE)
SITE_URL_EXPECTED = "site_url moet het webadres van de website zijn, zoals https://intranet.gemeente.nl/strategie/ (zonder ?, # of spaties)"
_SITE_PATH = re.compile(r"/[A-Za-z0-9._~/%-]*")
KOERS_KEYS = ("bestandsshare", "matomo")
MATOMO_EXPECTED = (
    "extra.koers.matomo moet 'url' (het webadres van jullie eigen Matomo, zoals https://statistiek.gemeente.nl/, "
    "of een pad op de eigen server, zoals /matomo/) en 'site_id' (een getal) bevatten, en niets anders"
)


def screen_site_url(value: object) -> tuple[str | None, str | None]:
    """site_url as the engine gets it (ending in /), or the Dutch problem."""
    if not isinstance(value, str) or not _SITE_URL.fullmatch(value):
        return None, SITE_URL_EXPECTED
    return (value if value.endswith("/") else value + "/"), None


def screen_koers(value: object, where: KeyPath) -> tuple[dict[str, Any], list[Problem]]:
    """extra.koers: Koers' own switches (see the module docstring); unknown keys and wrong values are problems."""
    if not isinstance(value, dict):
        return {}, [(where, "extra.koers moet sleutels met waarden bevatten, zoals 'bestandsshare: true'")]
    kept: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, option in value.items():
        at = (*where, key)
        if key not in KOERS_KEYS:
            problems.append((at, f"extra.koers.{shown(str(key))} bestaat niet; mogelijk zijn: {', '.join(KOERS_KEYS)}"))
        elif key == "matomo":
            if (matomo := _matomo(option)) is None:
                problems.append((at, MATOMO_EXPECTED))
            else:
                kept[key] = matomo
        elif not isinstance(option, bool):
            problems.append((at, f"extra.koers.{key} moet true of false zijn"))
        else:
            kept[key] = option
    return kept, problems


def koers_options(extra: object) -> dict[str, Any]:
    """The screened extra.koers of the settings' extra (empty when unset)."""
    koers = extra.get("koers") if isinstance(extra, dict) else None
    return koers if isinstance(koers, dict) else {}


def _matomo(value: object) -> dict[str, Any] | None:
    """extra.koers.matomo as the template gets it (url ending in /), or None when it is not exactly url and site_id."""
    if not isinstance(value, dict) or set(value) != {"url", "site_id"}:
        return None
    url, site_id = value["url"], value["site_id"]
    if not isinstance(url, str) or not (_SITE_URL.fullmatch(url) or (_SITE_PATH.fullmatch(url) and not url.startswith("//"))):
        return None
    if isinstance(site_id, bool) or not isinstance(site_id, int) or not 0 < site_id < 1_000_000:
        return None
    return {"url": url if url.endswith("/") else url + "/", "site_id": site_id}
