"""`koers init` and `koers new`: parsing and printing; the work is in koers.authoring."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from koers.cli.exitcodes import EXIT_OK, EXIT_USAGE
from koers.cli.parser import project_folder
from koers.content.model import STATUSES


def add_parsers(sub: Any) -> None:
    """Register init and new."""
    p = sub.add_parser("init", help="maak een nieuw strategieproject, of werk de editorbestanden van een project bij")
    p.add_argument("map", type=Path, nargs="?", help="nieuwe projectmap (met --bijwerken: de projectmap, standaard de huidige)")
    p.add_argument("--organisatie", help="naam van de organisatie (standaard: Gemeente Voorbeeldstad)")
    p.add_argument(
        "--bijwerken",
        action="store_true",
        help="ververs .koers/schemas in een bestaand project en voeg ontbrekende editorbestanden toe; content/ en themes/ blijven ongemoeid",
    )
    p.add_argument(
        "--koers-bron",
        metavar="ADRES",
        help="git-repository waaruit CI en pre-commit Koers installeren: een eigen kopie van je organisatie of een lokale map "
        "(standaard de openbare repository van Koers)",
    )
    _add_new(sub)


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
    p.add_argument("--jaar", help="jaar (2025) of jaren (2025-2026) van de actie, in een strategie met jaren")
    p.add_argument("--fase", action="append", default=[], metavar="ID", help="fase van de actie, in een strategie met fasen (twee keer: eerste en laatste)")
    p.add_argument("--titel", help="titel van de actie (standaard: afgeleid van het id)")
    p.add_argument("--nummer", help="nummer uit het document, bijvoorbeeld 1.1")
    p.add_argument("--eigenaar", help="team (id uit teams.yaml) of rol die de actie trekt (standaard: de eigenaar van de vorige actie)")
    p.add_argument("--teams", action="append", default=[], metavar="ID", help="team (of rol) dat bijdraagt (mag vaker)")
    p.add_argument("--status", choices=STATUSES, default="gepland", help="status (standaard: gepland)")
    p.add_argument("--na", action="append", default=[], metavar="ID", help="id van een actie die eerst klaar moet zijn (mag vaker)")
    p.add_argument("--toelichting", help="korte toelichting: wat is opgeleverd, of waarom de actie vertraagd is")
    p.add_argument("--project", **where)


def cmd_init(args: argparse.Namespace) -> int:
    from koers.authoring.scaffold import ScaffoldError, init_project, refresh_project

    for given, option in ((args.organisatie, "--organisatie"), (args.koers_bron, "--koers-bron")):
        if args.bijwerken and given is not None:
            print(f"koers: gebruiksfout: {option} hoort bij een nieuw project, niet bij --bijwerken", file=sys.stderr)
            return EXIT_USAGE
    if args.map is None and not args.bijwerken:
        print("koers: gebruiksfout: dit ontbreekt nog: map (of werk een bestaand project bij met: koers init --bijwerken)", file=sys.stderr)
        return EXIT_USAGE
    try:
        if args.bijwerken:
            return _refreshed(*refresh_project(project_folder(str(args.map or "."))))
        written = init_project(args.map, args.organisatie or "Gemeente Voorbeeldstad", *([args.koers_bron] if args.koers_bron else []))
    except (ScaffoldError, argparse.ArgumentTypeError) as exc:
        print(f"koers: fout: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"nieuw project gemaakt in {args.map} ({len(written)} bestanden); controleer het met: koers check {args.map}")
    return EXIT_OK


MANY_SCHEMAS = "schema's"


def _refreshed(schemas: list[Path], added: list[Path]) -> int:
    from koers.authoring.schemacopies import SCHEMA_FOLDER
    from koers.dutch import plural

    if schemas:
        names = ", ".join(p.name for p in schemas)
        print(f"bijgewerkt: {plural(len(schemas), 'schema', MANY_SCHEMAS)} in {SCHEMA_FOLDER}: {names}")
    else:
        print(f"de schema's in {SCHEMA_FOLDER} waren al bijgewerkt")
    for path in added:
        print(f"toegevoegd: {path.parent.name}/{path.name}")
    return EXIT_OK


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
                fase=tuple(args.fase),
                titel=args.titel,
                nummer=args.nummer,
                eigenaar=args.eigenaar,
                teams=tuple(args.teams),
                status=args.status,
                na=tuple(args.na),
                toelichting=args.toelichting,
            )
    except NewError as exc:
        print(f"koers: fout: {exc}", file=sys.stderr)
        return EXIT_USAGE
    verb = "bijgewerkt" if args.soort == "actie" else "gemaakt"
    print(f"{verb}: {created.path}")
    print(created.next_step)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"init": cmd_init, "new": cmd_new}
