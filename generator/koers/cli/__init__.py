"""Command line: argument parsing and printing only; the work is in pipeline."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Callable

from koers import __version__

from koers.cli import housestyle as theme_cli

from koers.cli import workflow as workflow_cli
EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2

# argparse's own words (help headings, usage errors) in Dutch: users of Koers are not developers.
_ARGPARSE_NL = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "the following arguments are required: %s": "dit ontbreekt nog: %s",
    "unrecognized arguments: %s": "onbekend: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "expected one argument": "hier hoort één waarde achter",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "argument %(argument_name)s: %(message)s": "%(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "onduidelijke optie: %(option)s kan zijn: %(matches)s",
    "not allowed with argument %s": "mag niet samen met %s",
}
argparse._ = lambda text: _ARGPARSE_NL.get(text, text)  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    """argparse with Dutch usage errors and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"koers: gebruiksfout: {message}{self._suggestion(message)}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)

    def _words(self) -> list[str]:
        """Every option, choice and command name this parser and its subcommands know."""
        words: list[str] = []
        for action in self._actions:
            words += action.option_strings
            if isinstance(action, argparse._SubParsersAction):
                words += list(action.choices)
                words += [w for sub in action.choices.values() if isinstance(sub, _Parser) for w in sub._words()]
            elif isinstance(action.choices, (list, tuple)):
                words += [str(choice) for choice in action.choices]
        return words

    def _command_with(self, option: str) -> str | None:
        """The first command that knows this option, when it was given before the command instead of after it."""
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                having = [str(n) for n, sub in action.choices.items() if any(option in a.option_strings for a in sub._actions)]
                typed = [n for n in having if n in sys.argv[1:]]  # the command on this command line, if it has it
                return (typed or having or [None])[0]
        return None

    def _suggestion(self, message: str) -> str:
        """'; bedoelde je …?' for a mistyped option or command (a typo is a small slip, not a riddle)."""
        import difflib
        import re

        unknown = re.findall(r"(?<![\w-])(-{1,2}[\w-]+)", message.split(": ", 1)[-1]) if message.startswith("onbekend") else []
        unknown += re.findall(r"ongeldige keuze: '([^']+)'", message)
        known = self._words()
        for word in unknown:
            command = self._command_with(word)
            if command is not None:
                return f"; zet {word} na de opdracht, zoals in 'koers {command} {word}'"
            close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
            if close:
                return f"; bedoelde je '{close[0]}'?"
        return ""


def _project(value: str) -> Path:
    """The project folder: the given folder, or the nearest one above it (or above a given file) with content/."""
    path = Path(value)
    if not path.exists():
        raise argparse.ArgumentTypeError(f"map '{value}' bestaat niet")
    start = (path if path.is_dir() else path.parent).resolve()
    return next((folder for folder in (start, *start.parents) if (folder / "content").is_dir()), path)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="koers", description="Strategie als code: controleer en publiceer een digitaliseringsstrategie.")
    parser.add_argument("--version", action="version", version=f"koers {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="OPDRACHT", parser_class=_Parser)

    p = sub.add_parser("check", help="controleer de inhoud (snel, schrijft niets)")
    p.add_argument("project", nargs="?", default=".", type=_project, help="projectmap (standaard: huidige map)")
    p.add_argument("--strict", action="store_true", help="waarschuwingen tellen als fouten")
    p.add_argument("--format", choices=("tekst", "text", "json"), default="tekst", help="uitvoer als tekst of json")

    p = sub.add_parser("build", help="controleer en bouw website, posters en document in build/")
    p.add_argument("project", nargs="?", default=".", type=_project, help="projectmap (standaard: huidige map)")
    p.add_argument("--strict", action="store_true", help="waarschuwingen tellen als fouten")
    p.add_argument("--quiet", "-q", action="store_true", help="geen voortgang tonen (voor CI)")

    p = sub.add_parser("serve", help="live meekijken: bouwt opnieuw bij elke wijziging")
    p.add_argument("project", nargs="?", default=".", type=_project, help="projectmap (standaard: huidige map)")
    p.add_argument("--host", default="127.0.0.1", help="adres (standaard 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="poort (standaard 8000)")

    p = sub.add_parser("poster", help="maak één poster op verzoek")
    p.add_argument("project", nargs="?", default=".", type=_project, help="projectmap (standaard: huidige map)")
    p.add_argument("--poster", default="strategie-in-een-beeld", choices=("strategie-in-een-beeld", "routekaart"), help="welke poster")
    p.add_argument("--size", default="A3", type=str.lower, choices=("a3", "a1", "a0", "social"), help="formaat: A3, A1, A0 of social")
    p.add_argument("--format", default="svg", type=str.lower, choices=("svg", "png", "pdf"), help="bestandsformaat")

    p = sub.add_parser("init", help="maak een nieuw strategieproject")
    p.add_argument("map", type=Path, help="nieuwe projectmap")
    p.add_argument("--organisatie", default="Gemeente Voorbeeldstad", help="naam van de organisatie")
    workflow_cli.add_parsers(sub)
    theme_cli.add_parser(sub)
    return parser


def _print_report(checked_report: object, fmt: str, strict: bool) -> None:
    from koers.findings import Report

    assert isinstance(checked_report, Report)
    if fmt == "json":
        print(checked_report.as_json(strict))
        return
    text = checked_report.as_text(strict)
    if text:
        print(text, file=sys.stderr, flush=True)
    for note in checked_report.notes:
        print(note, flush=True)


def _summary(report: object, strict: bool) -> str:
    from koers.findings import Report

    assert isinstance(report, Report)
    errors, warnings = len(report.errors), len(report.warnings)
    if strict:
        errors, warnings = errors + warnings, 0
    if not errors and not warnings:
        return "in orde: geen fouten gevonden"
    parts = [f"{errors} {'fout' if errors == 1 else 'fouten'}"] if errors else []
    if warnings:
        parts.append(f"{warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}")
    return " en ".join(parts)


def cmd_check(args: argparse.Namespace) -> int:
    from koers.pipeline.check import check

    checked = check(args.project)
    report = checked.report
    fmt = "json" if args.format == "json" else "tekst"
    _print_report(report, fmt, args.strict)
    if fmt != "json":
        print(_summary(report, args.strict), file=sys.stderr if report.failed(args.strict) else sys.stdout)
    return EXIT_CONTENT if report.failed(args.strict) else EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    from koers.authoring.scaffold import ScaffoldError, init_project

    try:
        written = init_project(args.map, args.organisatie)
    except ScaffoldError as exc:
        print(f"koers: fout: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"nieuw project gemaakt in {args.map} ({len(written)} bestanden); controleer het met: koers check {args.map}")
    return EXIT_OK


def _progress(quiet: bool) -> Callable[[str], None]:
    def show(step: str) -> None:
        if not quiet:
            print(f"… {step}", file=sys.stderr, flush=True)

    return show


def cmd_build(args: argparse.Namespace) -> int:
    from koers.pipeline.build import build

    built = build(args.project, strict=args.strict, progress=_progress(args.quiet))
    report = built.report
    _print_report(report, "tekst", args.strict)
    if built.site is None or report.failed(args.strict):
        print(f"{_summary(report, args.strict)}; niets gepubliceerd, de vorige versie in build/ blijft staan", file=sys.stderr)
        return EXIT_CONTENT
    if not args.quiet:
        print(f"klaar: website in {built.site} met {len(built.downloads)} downloads")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from koers.pipeline.serve import serve

    return serve(args.project, args.host, args.port)


def cmd_poster(args: argparse.Namespace) -> int:
    from koers.pipeline.poster import poster_command

    return poster_command(args.project, args.poster, args.size, args.format)


COMMANDS = {
    "check": cmd_check,
    "build": cmd_build,
    "serve": cmd_serve,
    "poster": cmd_poster,
    "init": cmd_init,
    "theme": theme_cli.run,
    **workflow_cli.COMMANDS,
}


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
        return 130
