"""`koers theme …`: parsing and printing for house-style commands; the work is in koers.housestyle.importer."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from koers.cli.exitcodes import EXIT_CONTENT, EXIT_OK, EXIT_USAGE


def add_parsers(subparsers: Any) -> None:
    """Register `koers theme import TOKENS.json --id NAME [--project DIR] [--mapping MAP.yaml] [--fonts MAP]`."""
    theme = subparsers.add_parser("theme", help="huisstijlen: maak een huisstijl uit design tokens")
    actions = theme.add_subparsers(dest="theme_command", metavar="ACTIE", parser_class=type(theme))
    p = actions.add_parser(
        "import",
        help="maak een nieuwe huisstijl uit een design-tokenbestand (JSON)",
        description="Maakt themes/ID/ met kleuren uit de design tokens (W3C '$value' of Style Dictionary 'value'), "
        "lettertype, logo en het tokenbestand zelf, en controleert het contrast (WCAG 2.1 AA).",
    )
    p.add_argument("tokens", type=Path, metavar="TOKENS.json", help="het tokenbestand (JSON, niet de CSS)")
    p.add_argument("--id", required=True, dest="theme_id", metavar="NAAM", help="id van de nieuwe huisstijl, bijvoorbeeld gemeente-x")
    p.add_argument("--project", type=Path, default=Path("."), metavar="MAP", help="projectmap (standaard: huidige map)")
    p.add_argument("--mapping", type=Path, metavar="MAP.yaml", help="eigen koppeling van rollen aan tokens (zie docs/huisstijl.md)")
    p.add_argument("--fonts", type=Path, metavar="MAP", help="map met de lettertypebestanden (TTF/OTF) en hun licentie")
    p.add_argument("--naam", help="naam van de huisstijl (standaard: 'Huisstijl ID')")
    theme.set_defaults(theme_parser=theme)


def cmd_theme(args: argparse.Namespace) -> int:
    """Dispatch `koers theme …`; prints Dutch lines, returns the exit code."""
    if getattr(args, "theme_command", None) != "import":
        args.theme_parser.print_help()
        return EXIT_USAGE
    return _import(args)


def _import(args: argparse.Namespace) -> int:
    from koers.housestyle.importer import ThemeImportError, import_theme

    try:
        result = import_theme(args.tokens, args.theme_id, args.project, args.mapping, args.fonts, args.naam)
    except ThemeImportError as exc:
        print(exc, file=sys.stderr)
        print("er is niets geschreven", file=sys.stderr)
        return EXIT_USAGE
    where = f"themes/{args.theme_id}"
    print(f"huisstijl '{args.theme_id}' gemaakt in {where} uit {args.tokens.name}")
    if result.unmapped:
        print(f"niet gekoppeld ({len(result.unmapped)}):")
        for line in result.unmapped:
            print(f"  {line}")
    for note in result.notes:
        print(f"let op: {note}")
    report = result.report
    if report.failed():
        print(report.as_text(), file=sys.stderr)
        print(
            f"de huisstijl haalt de contrasteisen niet; kies andere tokens met --mapping (verwijder eerst {where}) "
            f"of pas de kleuren aan in {where}/theme.yaml",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    print("contrast in orde (WCAG 2.1 AA)")
    print(f"gebruik hem met 'huisstijl: {args.theme_id}' in content/strategie.yaml")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"theme": cmd_theme}
