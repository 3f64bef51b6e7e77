"""Output(path, content): what every renderer returns and only koers.publish writes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Output:
    """One file to publish: a path relative to the staging root, and its content."""

    path: str
    content: bytes | str

    def data(self) -> bytes:
        return self.content.encode("utf-8") if isinstance(self.content, str) else self.content
