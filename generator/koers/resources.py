"""Where the files Koers ships live: the repository checkout or the installed wheel."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def shipped(relative: str) -> Path:
    """A file or folder the repository ships (mkdocs.yml, themes/voorbeeld).

    In a source checkout the single source is the repository itself; a wheel
    carries copies under koers/shipped/ (see pyproject's force-include).
    """
    checkout = PACKAGE.parent.parent / relative
    if checkout.exists():
        return checkout
    return PACKAGE / "shipped" / relative


def schema_dir() -> Path:
    return Path(str(resources.files("koers.schemas")))


def starter_dir() -> Path:
    return PACKAGE / "starter"


def templates_dir() -> Path:
    return PACKAGE / "templates"


def vendored(relative: str) -> Path:
    """A third-party file Koers ships beside its licence in koers/vendor/ (axe-core, for `koers toets`)."""
    return PACKAGE / "vendor" / relative
