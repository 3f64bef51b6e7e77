"""Command line: one module per command group, each with add_parsers(sub) and COMMANDS; `koers.cli:main`.

Parsing and printing only: the work is in koers.pipeline (check, build, serve, poster, diff),
koers.authoring (init, new) and koers.housestyle (theme import). Koers modules are imported
inside the handlers, so `koers check` loads only what checking needs.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from koers import __version__
from koers.cli import authoring, history, housestyle, publishing
from koers.cli.exitcodes import EXIT_INTERRUPTED, EXIT_USAGE
from koers.cli.parser import DutchParser

GROUPS = (publishing, authoring, history, housestyle)  # in the order `koers --help` lists them
COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {name: run for group in GROUPS for name, run in group.COMMANDS.items()}


def build_parser() -> argparse.ArgumentParser:
    parser = DutchParser(prog="koers", description="Strategie als code: controleer en publiceer een digitaliseringsstrategie.")
    parser.add_argument("--version", action="version", version=f"koers {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=DutchParser)
    for group in GROUPS:
        group.add_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    if os.environ.get("SOURCE_DATE_EPOCH", "-").strip() == "":
        del os.environ["SOURCE_DATE_EPOCH"]  # empty means unset (CI templates often pass an empty variable)
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("koers: afgebroken", file=sys.stderr)
        return EXIT_INTERRUPTED
