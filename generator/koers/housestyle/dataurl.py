"""data: URLs decoded the way a browser, cairosvg and Typst read them, to check what they hold."""

from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import unquote_to_bytes

_BASE64_SPACE = re.compile(rb"[\t\n\f\r ]")


def decode_data_url(url: str) -> tuple[str, bytes] | None:
    """(media type in lower case, decoded bytes), or None when the URL cannot be read as one image.

    A raw '#' ends a URL (every reader cuts the rest off as a fragment), so such a
    URL holds something else than it seems to: it is treated as unreadable.
    """
    if url[:5].lower() != "data:" or "#" in url:
        return None
    header, comma, payload = url[5:].partition(",")
    if not comma:
        return None
    params = [part.strip().lower() for part in header.split(";")]
    mime = params[0] or "text/plain"
    raw = unquote_to_bytes(payload)
    if not (len(params) > 1 and params[-1] == "base64"):
        return mime, raw
    compact = _BASE64_SPACE.sub(b"", raw)
    compact += b"=" * (-len(compact) % 4)  # forgiving base64: padding may be left out
    try:
        return mime, base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        return None
