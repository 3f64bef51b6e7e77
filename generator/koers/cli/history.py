"""`koers diff`: parsing and printing; the comparison is in koers.pipeline.revision and koers.history.diff."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from koers.cli.exitcodes import EXIT_CONTENT, EXIT_OK, EXIT_USAGE


def add_parsers(sub: Any) -> None:
    """Register diff."""
    p = sub.add_parser("diff", help="wat is er veranderd sinds een vastgestelde versie (git-tag)?")
    p.add_argument("ref", metavar="VERSIE", help="git-tag, tak of commit, bijvoorbeeld vastgesteld-2024")
    p.add_argument("project", nargs="?", default=Path("."), type=Path, help="projectmap (standaard: huidige map)")
    p.add_argument("--naar", metavar="VERSIE", help="vergelijk met deze versie in plaats van met de huidige inhoud")
    p.intermixed = True  # 'koers diff VERSIE --naar X MAP': the folder may follow the option


def _invalid(label: str, report: Any) -> None:
    print(f"koers: fout: {label} bevat fouten; vergelijken kan pas als die zijn opgelost:", file=sys.stderr)
    for finding in report.errors:
        print(f"  {finding.format()}", file=sys.stderr)


def cmd_diff(args: argparse.Namespace) -> int:
    from koers.history.diff import NEW_LABEL, changes_markdown, diff_strategies
    from koers.history.git import GitError
    from koers.pipeline.check import check
    from koers.pipeline.revision import checked_at

    new_label = args.naar or NEW_LABEL
    try:
        old = checked_at(args.project, args.ref)
        new = checked_at(args.project, args.naar) if args.naar else check(args.project)
    except GitError as exc:
        print(f"koers: fout: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for label, checked in ((f"versie {args.ref}", old), (f"versie {args.naar}" if args.naar else "de huidige inhoud", new)):
        if checked.strategy is None:
            _invalid(label, checked.report)
            return EXIT_CONTENT
    assert old.strategy is not None and new.strategy is not None
    _write_utf8(changes_markdown(diff_strategies(old.strategy, new.strategy), args.ref, new_label))
    return EXIT_OK


def _write_utf8(text: str) -> None:
    """The report as UTF-8 also when redirected to a file on Windows (where the default is cp1252, without '→')."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    buffer.write(text.encode("utf-8"))
    buffer.flush()


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"diff": cmd_diff}
