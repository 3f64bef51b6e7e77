"""One way to make a Jinja2 environment: strict about undefined names, escaping where markup is made."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined


def environment(
    folder: Path,
    autoescape: bool | Callable[[str | None], bool] = True,
    trim: bool = True,
    filters: dict[str, Callable[..., Any]] | None = None,
) -> Environment:
    """A Jinja2 environment over one template folder (StrictUndefined; trimmed blocks unless trim=False)."""
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=trim,
        lstrip_blocks=trim,
        keep_trailing_newline=True,
    )
    env.filters.update(filters or {})
    return env
