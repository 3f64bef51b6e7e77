"""CSS written from free text (a font family name): one escaping rule for the posters and the document."""

from __future__ import annotations


def css_string(value: str) -> str:
    """A CSS string literal (quoted, escaped): quotes, backslashes, line breaks and angle brackets as hex escapes."""
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\\n\r\f<>' else c for c in value)
    return f'"{escaped}"'
