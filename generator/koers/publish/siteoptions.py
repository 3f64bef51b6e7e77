"""Koers' own site options in mkdocs.yml: site_url and extra.koers (for editors: docs/veiligheid.md).

- site_url: the address the site is published at; with it the engine writes a sitemap and every page a
  canonical link and an absolute og:image (the social PNG). Only a plain http(s) address: it is printed
  into every page and into sitemap.xml.
- extra.koers.bestandsshare: true turns on Material's offline plugin (search from file://).
"""

from __future__ import annotations

import re
from typing import Any

from koers.publish.mdextensions import KeyPath, Problem, shown

# Scheme, host, port and a path: no query, fragment, quotes, spaces or entities.
_SITE_URL = re.compile(r"https?://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?(/[A-Za-z0-9._~/%-]*)?", re.IGNORECASE)
SITE_URL_EXPECTED = "site_url moet het webadres van de website zijn, zoals https://intranet.gemeente.nl/strategie/ (zonder ?, # of spaties)"
KOERS_KEYS = ("bestandsshare",)


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
        elif not isinstance(option, bool):
            problems.append((at, f"extra.koers.{key} moet true of false zijn"))
        else:
            kept[key] = option
    return kept, problems
