"""Stable, readable ids for file names and anchors."""

from __future__ import annotations

import re
import unicodedata


def slugify(text: str) -> str:
    """'Gemeente Voorbeeldstad' → 'gemeente-voorbeeldstad' (ASCII, deterministic)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "strategie"
