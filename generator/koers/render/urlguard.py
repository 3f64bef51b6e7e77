"""What WeasyPrint may load while it renders: data: URLs, and files inside the theme folder.

`koers check` already refuses every theme file that names anything else (see
koers.housestyle.svgsafe); this guard is the second line, for whatever check
cannot see. Everything else (http:, https:, ftp:, file: outside the folder,
also from inside an SVG that is itself a data: URL) raises inside the fetcher
before anything is opened. WeasyPrint then leaves that resource out (an image is
not drawn, a font is not loaded) and logs it to its own logger, which has no
handler, so the build goes on without a message: a refusal here means check let
something through, and the tests (tests/test_fetching.py) catch that, not the
editor. The refused URLs are kept on the fetcher for those tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname


class RefusedFetch(ValueError):
    """A URL that Koers does not let WeasyPrint load."""


def allowed(url: str, root: Path | None) -> bool:
    """True for data: URLs, and for file: URLs of files inside `root` (symbolic links resolved)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme == "data":
        return True
    if scheme != "file" or root is None or parts.netloc not in ("", "localhost"):
        return False
    path = Path(url2pathname(parts.path))
    return path.is_absolute() and path.resolve().is_relative_to(root.resolve())


def guarded_fetcher(root: Path | None) -> Any:
    """A WeasyPrint URL fetcher that loads only what `allowed` permits; root None: data: URLs only."""
    from weasyprint.urls import URLFetcher

    class GuardedFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allow_redirects=False)
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            if not allowed(url, root):
                self.refused.append(url)
                raise RefusedFetch(f"Koers laadt dit niet: {url[:80]}")
            return super().fetch(url, headers)

    return GuardedFetcher()
