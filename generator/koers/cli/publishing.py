"""`koers check`, `build`, `serve`, `poster` and `toets`: parsing and printing; the work is in koers.pipeline."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from koers.cli.exitcodes import EXIT_CONTENT, EXIT_OK, EXIT_USAGE
from koers.cli.parser import port_number, project_folder
from koers.cli.report import print_report, summary

WHERE = {"nargs": "?", "default": ".", "type": project_folder, "help": "projectmap (standaard: huidige map)"}


def add_parsers(sub: Any) -> None:
    """Register check, build, serve, poster and toets."""
    p = sub.add_parser("check", help="controleer de inhoud (snel, schrijft niets)")
    p.add_argument("project", **WHERE)
    _strictness(p)
    p.add_argument("--format", choices=("tekst", "text", "json"), default="tekst", help="uitvoer als tekst of json")

    p = sub.add_parser("build", help="controleer en bouw website, posters en document in build/")
    p.add_argument("project", **WHERE)
    _strictness(p)
    p.add_argument("--quiet", "-q", action="store_true", help="geen voortgang tonen (voor CI)")

    p = sub.add_parser("serve", help="live meekijken: bouwt opnieuw bij elke wijziging")
    p.add_argument("project", **WHERE)
    p.add_argument("--host", default="127.0.0.1", help="adres (standaard 127.0.0.1)")
    p.add_argument("--port", type=port_number, default=8000, help="poort (standaard 8000)")

    p = sub.add_parser("poster", help="maak één poster op verzoek")
    p.add_argument("project", **WHERE)
    p.add_argument(
        "--poster",
        default=None,
        choices=("strategie-in-een-beeld", "routekaart", "strategie-met-routekaart", "alle"),
        help="welke poster (standaard alle posters van de strategie)",
    )
    p.add_argument("--size", default="A3", type=str.lower, choices=("a3", "a1", "a0", "social"), help="formaat: A3, A1, A0 of social")
    p.add_argument("--format", default="svg", type=str.lower, choices=("svg", "png", "pdf"), help="bestandsformaat")

    p = sub.add_parser("toets", help="test de gebouwde website op toegankelijkheid (axe-core in Chromium; pip install 'koers[toets]')")
    p.add_argument("project", **WHERE)


def _strictness(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument("--strict", action="store_true", help="waarschuwingen tellen als fouten")
    group.add_argument(
        "--strict-vastgesteld",
        action="store_true",
        help="waarschuwingen tellen als fouten zodra de status niet meer concept is (zo publiceert CI een concept met zijn open punten)",
    )


def _mode(args: argparse.Namespace) -> bool | str:
    from koers.pipeline.check import ONCE_ADOPTED

    return ONCE_ADOPTED if args.strict_vastgesteld else bool(args.strict)


def cmd_check(args: argparse.Namespace) -> int:
    from koers.pipeline.check import check, strict_for

    checked = check(args.project)
    report = checked.report
    strict = strict_for(_mode(args), checked)
    fmt = "json" if args.format == "json" else "tekst"
    print_report(report, fmt, strict)
    if fmt != "json":
        print(summary(report, strict), file=sys.stderr if report.failed(strict) else sys.stdout)
    return EXIT_CONTENT if report.failed(strict) else EXIT_OK


def _progress(quiet: bool) -> Callable[[str], None]:
    def show(step: str) -> None:
        if not quiet:
            print(f"… {step}", file=sys.stderr, flush=True)

    return show


def cmd_build(args: argparse.Namespace) -> int:
    from koers.pipeline.build import build

    built = build(args.project, strict=_mode(args), progress=_progress(args.quiet))
    report = built.report
    print_report(report, "tekst", built.strict)
    if built.site is None or report.failed(built.strict):
        previous = (args.project / "build" / "site" / "index.html").is_file()
        kept = "de vorige versie in build/ blijft staan" if previous else "er is nog geen eerdere versie"
        print(f"{summary(report, built.strict)}; niets gepubliceerd, {kept}", file=sys.stderr)
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


def cmd_toets(args: argparse.Namespace) -> int:
    from koers.pipeline.toets import ToetsError, toets
    from koers.render.pages.accessibility import ACCESSIBILITY_RESULT, IMPACTS, compliance

    try:
        tested = toets(args.project)
    except ToetsError as exc:
        print(f"koers: fout: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for v in tested.violations:
        print(f"{v.width} px, {v.page}: {v.rule} ({IMPACTS.get(v.impact or '', 'ernst onbekend')}): {v.help}", file=sys.stderr)
    status = compliance(tested.result)
    print(tested.result.summary())
    print(f"nalevingsstatus {status.letter} ({status.naam}): {status.reden}")
    print(f"uitkomst in {ACCESSIBILITY_RESULT}; draai koers build om hem in de toegankelijkheidsverklaring te zetten")
    return EXIT_CONTENT if tested.result.problemen else EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": cmd_check,
    "build": cmd_build,
    "serve": cmd_serve,
    "poster": cmd_poster,
    "toets": cmd_toets,
}
