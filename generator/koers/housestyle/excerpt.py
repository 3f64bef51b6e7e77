"""A piece of theme file content quoted in a one-line message."""

from __future__ import annotations

LIMIT = 60


def excerpt(text: str) -> str:
    """Control characters escaped (a message is one line and must not steer the terminal), at most 60 characters."""
    flat = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)
    return flat if len(flat) <= LIMIT else flat[: LIMIT - 1] + "…"
