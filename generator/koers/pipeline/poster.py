"""`koers poster`: one poster (or both) in one size and format, on request, into build/posters/."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from koers.output import Output
from koers.pipeline.check import check
from koers.publish.exports import FORMATS, export_posters
from koers.publish.outputs import guarded_folder, stopped_by, write_outputs
from koers.render.posters.base import SIZES
from koers.render.posters.svg import NAMES, poster_names, render_poster


def poster_command(
    project: Path,
    poster: str | None,
    size: str,
    fmt: str,
    out: Callable[[str], None] = print,
    err: Callable[[str], None] | None = None,
) -> int:
    """`koers poster [PROJECT] --poster routekaart --size A1 --format pdf`: a poster in build/posters.

    Without `poster` (or with 'alle'): every poster the build makes (the combined one under `poster: {vorm: een}`).

    Exit 0 when written, 1 for content errors (or a failed export), 2 for an unknown poster, size or format.
    """
    err = err or (lambda text: print(text, file=sys.stderr))
    size, fmt = size.lower(), fmt.lower()
    if size not in SIZES or fmt not in ("svg",) + FORMATS or poster not in NAMES + (None, "", "alle"):
        err(
            "koers: gebruiksfout: kies --poster uit strategie-in-een-beeld, routekaart of strategie-met-routekaart, --size uit A3, A1, A0 of "
            f"social en --format uit svg, png of pdf (niet '{poster}', '{size}' en '{fmt}')"
        )
        return 2
    root = Path(project).resolve()
    checked = check(root)
    report = checked.report
    if (problem := guarded_folder(root, root / "build" / "posters")) is not None:
        report.error("build", 1, problem)
    if report.failed() or checked.strategy is None or checked.style is None:
        err(report.as_text())
        return 1
    own = poster_names(checked.strategy)
    names = own if poster in (None, "", "alle") else (poster,)
    posters = [render_poster(checked.strategy, checked.style, name, size) for name in names]
    if fmt == "svg":
        outputs = [Output(name, svg) for p in posters for name, svg in p.files]
    else:
        outputs = export_posters(posters, checked.style, report, lambda _: None, (fmt,), prefix="")
    if report.failed() or not outputs:
        err(report.as_text() or "koers: de poster kon niet worden gemaakt")
        return 1
    try:
        write_outputs(root / "build" / "posters", outputs)
    except OSError as exc:
        err(f"build:1: fout: {stopped_by(root, exc, 'de poster is niet geschreven')}")
        return 1
    for output in outputs:
        out(f"poster geschreven: build/posters/{output.path}")
    return 0
