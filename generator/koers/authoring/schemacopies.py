"""The project's copies of the JSON Schemas in .koers/schemas (for the editor): compared with the installed Koers', and refreshed.

`koers check` compares digests only (a few small files), and imports nothing but the standard library.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from koers import __version__
from koers.dutch import plural
from koers.findings import Report
from koers.resources import schema_dir

SCHEMA_FOLDER = ".koers/schemas"
PATTERN = "*.schema.json"
REFRESH = "koers init --bijwerken"


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob(PATTERN) if p.is_file()}


@functools.cache
def _shipped() -> dict[str, str]:
    return _digests(schema_dir())


def stale_schemas(project: Path) -> list[str]:
    """The file names in the project's schema folder that differ from the installed Koers' (changed, missing or extra), sorted."""
    shipped, copies = _shipped(), _digests(project / SCHEMA_FOLDER)
    return sorted(name for name in shipped.keys() | copies.keys() if shipped.get(name) != copies.get(name))


def check_schema_copies(project: Path, report: Report) -> None:
    """One warning when the project keeps schemas (koers init wrote them) that another version of Koers made."""
    if not (project / SCHEMA_FOLDER).is_dir():
        return  # a project without the folder has chosen not to have editor help
    try:
        stale = stale_schemas(project)
    except OSError:
        stale = sorted(_shipped())
    if not stale:
        return
    count = plural(len(stale), "bestand wijkt", "bestanden wijken") + " af"
    report.warning(
        f"{SCHEMA_FOLDER}/{stale[0]}",
        1,
        f"de schema's in {SCHEMA_FOLDER} horen niet bij deze Koers ({__version__}): {count}, dus de editor controleert met andere "
        f"regels dan koers check; ververs ze in de projectmap met: {REFRESH}",
    )


def write_schemas(project: Path) -> list[Path]:
    """Make the project's schema folder equal to the installed Koers': write what differs, remove what Koers no longer ships."""
    folder = project / SCHEMA_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    shipped = _shipped()
    changed = []
    for name in stale_schemas(project):
        target = folder / name
        if name in shipped:
            target.write_bytes((schema_dir() / name).read_bytes())
        else:
            target.unlink()
        changed.append(target)
    return changed
