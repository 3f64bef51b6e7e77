"""Search from a file share (``extra.koers.bestandsshare: true``): Material's offline plugin and Koers' worker shim.

Opened from file://, a browser may not fetch search/search_index.json and Chrome starts no Web Worker.
Material's offline plugin writes the index as a script (search/search_index.js, which the theme loads
on file:// pages) and adds the iframe-worker shim from unpkg.com to extra.polyfills. That script would
be a request to another host, so overrides/main.html prints no polyfills; it loads Koers' own shim
(templates/fileshare/werker.js, staged into docs/ only when the option is on) instead.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from koers.publish.siteoptions import koers_options
from koers.render.pages.assets import ASSETS
from koers.resources import templates_dir

SHIM = f"{ASSETS}/werker.js"
SEARCH = {"search": {"lang": ["nl"]}}


def fileshare_on(extra: object) -> bool:
    """Whether the screened extra settings ask for search from a file share."""
    return koers_options(extra).get("bestandsshare") is True


def fileshare_config(extra: object) -> tuple[list[Any], dict[str, Any]]:
    """The engine's plugins and Koers' extra keys for the templates: offline and the shim, when asked for."""
    if not fileshare_on(extra):
        return [SEARCH], {}
    return [SEARCH, "offline"], {"koers_bestandsshare": SHIM}


def stage_shim(docs: Path, extra: object) -> None:
    """Put the worker shim into the staged docs when the option is on (and nowhere otherwise)."""
    target = docs / SHIM
    if fileshare_on(extra):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(templates_dir() / "fileshare" / "werker.js", target)
    else:
        target.unlink(missing_ok=True)
