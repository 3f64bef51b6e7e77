"""`koers new` and `koers diff`: argument parsing and printing only (wired into koers.cli)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Callable

from koers.content.model import STATUSES

# The same exit codes as koers.cli (not imported from there: cli imports this module).
EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _add_new(sub: Any) -> None:
    new = sub.add_parser("new", help="maak een nieuwe opgave, een nieuw thema of een nieuwe actie in content/")
    kinds = new.add_subparsers(dest="soort", metavar="SOORT", parser_class=type(new), required=True)
    where = {"default": Path("."), "type": Path, "metavar": "MAP", "help": "projectmap (standaard: huidige map)"}

    p = kinds.add_parser("opgave", help="nieuwe opgave: content/opgaven/<id>.md")
    p.add_argument("id", help="id van de opgave, bijvoorbeeld datagedreven-sturing")
    p.add_argument("--bron", required=True, help="id van een bron uit strategie.yaml, bijvoorbeeld coalitieakkoord")
    p.add_argument("--titel", required=True, help="titel van de opgave")
    p.add_argument("--eigenaar", help="de rol die eigenaar is, bijvoorbeeld 'Directeur Dienstverlening'")
    p.add_argument("--thema", action="append", default=[], dest="themas", metavar="ID", help="id van een thema (mag vaker)")
    p.add_argument("--project", **where)

    p = kinds.add_parser("thema", help="nieuw thema: content/themas/<id>.md")
    p.add_argument("id", help="id van het thema, bijvoorbeeld transparantie")
    p.add_argument("--titel", help="titel van het thema (standaard: afgeleid van het id)")
    p.add_argument("--project", **where)

    p = kinds.add_parser("actie", help="nieuwe actie onderaan de acties van een opgave")
    p.add_argument("opgave", help="id van de opgave")
    p.add_argument("id", help="id van de actie (uniek in de hele strategie)")
    p.add_argument("--jaar", required=True, help="jaar (2025) of jaren (2025-2026) van de actie")
    p.add_argument("--titel", help="titel van de actie (standaard: afgeleid van het id)")
    p.add_argument("--eigenaar", help="team dat de actie trekt (standaard: de eigenaar van de vorige actie)")
    p.add_argument("--status", choices=STATUSES, default="gepland", help="status (standaard: gepland)")
    p.add_argument("--na", action="append", default=[], metavar="ID", help="id van een actie die eerst moet (mag vaker)")
    p.add_argument("--project", **where)


def _add_diff(sub: Any) -> None:
    p = sub.add_parser("diff", help="wat is er veranderd sinds een vastgestelde versie (git-tag)?")
    p.add_argument("ref", metavar="VERSIE", help="git-tag, tak of commit, bijvoorbeeld vastgesteld-2024")
    p.add_argument("project", nargs="?", default=Path("."), type=Path, help="projectmap (standaard: huidige map)")
    p.add_argument("--naar", metavar="VERSIE", help="vergelijk met deze versie in plaats van met de huidige inhoud")


def add_parsers(sub: Any) -> None:
    """Add `new` and `diff` to the subcommands of the koers parser."""
    _add_new(sub)
    _add_diff(sub)


def cmd_new(args: argparse.Namespace) -> int:
    from koers.authoring.new import NewError, new_actie, new_opgave, new_thema

    try:
        if args.soort == "opgave":
            created = new_opgave(args.project, args.id, bron=args.bron, titel=args.titel, eigenaar=args.eigenaar, themas=tuple(args.themas))
        elif args.soort == "thema":
            created = new_thema(args.project, args.id, titel=args.titel)
        else:
            created = new_actie(
                args.project,
                args.opgave,
                args.id,
                jaar=args.jaar,
                titel=args.titel,
                eigenaar=args.eigenaar,
                status=args.status,
                na=tuple(args.na),
            )
    except NewError as exc:
        print(f"koers: fout: {exc}", file=sys.stderr)
        return EXIT_USAGE
    verb = "bijgewerkt" if args.soort == "actie" else "gemaakt"
    print(f"{verb}: {created.path}")
    print(created.next_step)
    return EXIT_OK


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


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"new": cmd_new, "diff": cmd_diff}
