"""Synthetic, valid strategies of any size: n opgaven with 10 actions each.

The content is deterministic (a seeded random generator), passes `koers check`
and covers everything the real example uses: sources, themes, teams.yaml,
year slices for every year of the period, indicators, dependencies inside an
opgave and across opgaven, multi-year actions and every status. max_a4 is set
to the schema's maximum (50) so the page budget is not what fails first.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ACTIONS_PER_OPGAVE = 10
PERIOD = (2024, 2031)
SOURCES = (
    ("coalitieakkoord", "Opgaven uit het coalitieakkoord"),
    ("taken", "Opgaven uit de gemeentelijke taken"),
    ("bedrijfsvoering", "Opgaven uit de bedrijfsvoering"),
    ("regio", "Opgaven uit de regionale samenwerking"),
)
THEMES = (
    ("ethiek", "Ethiek"),
    ("transparantie", "Transparantie"),
    ("veiligheid", "Veiligheid en privacy"),
    ("datavaardigheid", "Datavaardigheid"),
    ("inclusie", "Inclusie"),
    ("techniek", "Techniek"),
    ("governance", "Governance"),
    ("duurzaamheid", "Duurzaamheid"),
)
DEPARTMENTS = ("Bedrijfsvoering", "Concernstaf", "Publiekszaken", "Sociaal Domein", "Ruimte")
TEAMS = 20
SUBJECTS = (
    "dienstverlening", "zaakgericht werken", "datagebruik", "informatieveiligheid", "de werkplek", "archivering",
    "open data", "het klantcontact", "de omgevingswet", "de openbare ruimte", "het sociaal domein", "de wijkteams",
)
VERBS = ("vernieuwen", "invoeren", "verbeteren", "uitbreiden", "samenbrengen", "meten", "beveiligen", "toetsen")
WORDS = (
    "inwoners", "ondernemers", "medewerkers", "gegevens", "diensten", "systemen", "afspraken", "processen",
    "standaarden", "partners", "wijken", "teams", "voorzieningen", "keuzes", "resultaten", "kennis",
)
STATUSES = ("gereed", "lopend", "gepland", "vertraagd", "gestopt")


def _sentence(rng: random.Random, words: int) -> str:
    parts = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(parts).capitalize() + "."


def _text(rng: random.Random, sentences: int, words: int = 9) -> str:
    return " ".join(_sentence(rng, words) for _ in range(sentences))


def _strategy(n: int) -> str:
    bronnen = "\n".join(f"  - {{id: {i}, titel: {t}}}" for i, t in SOURCES)
    return f"""titel: Synthetische strategie met {n} opgaven
organisatie: Gemeente Proefstad
ambitie: >-
  In {PERIOD[1]} regelen inwoners en ondernemers hun zaken met Proefstad eenvoudig en veilig.
periode: {{van: {PERIOD[0]}, tot: {PERIOD[1]}}}
versie: "1.0"
status: vastgesteld
vastgesteld: {{datum: 2023-12-14, door: Gemeenteraad}}
huisstijl: voorbeeld
bronnen:
{bronnen}
principes:
  - titel: Publieke waarde staat centraal
    toelichting: We beginnen bij de vraag wat een verandering oplevert.
  - titel: Open, tenzij
    toelichting: Informatie en data van de gemeente zijn openbaar, tenzij er een reden is.
niet_meer:
  - Maatwerk laten bouwen waar een landelijke voorziening bestaat.
omvang: {{max_a4: 50}}
"""


def _teams() -> str:
    lines = [f"team-{i:02d}: {{naam: Team {i:02d}, afdeling: {DEPARTMENTS[i % len(DEPARTMENTS)]}}}" for i in range(TEAMS)]
    return "\n".join(lines) + "\n"


def _action(rng: random.Random, o: int, a: int, previous: list[tuple[str, int]]) -> tuple[str, str, int]:
    """One action as YAML lines, its id and its last year; waits only for actions finished before it starts."""
    aid = f"o{o:04d}-a{a:02d}"
    span = PERIOD[1] - PERIOD[0]
    start = PERIOD[0] + (o + a) % (span + 1)
    end = start if a % 3 else min(PERIOD[1], start + 1)
    years = f"jaar: {start}" if start == end else f"van: {start}\n    tot: {end}"
    waits = [pid for pid, pend in previous[-3:] if pend <= start][:2]
    teams = sorted({f"team-{rng.randrange(TEAMS):02d}" for _ in range(2)})
    lines = f"""  - id: {aid}
    titel: {rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} ({o}.{a})
    {years}
    eigenaar: team-{(o + a) % TEAMS:02d}
    teams: [{", ".join(teams)}]
    status: {STATUSES[(o * 7 + a) % len(STATUSES)]}
    na: [{", ".join(waits)}]
    toelichting: {_sentence(rng, 8)}"""
    return lines, aid, end


def _opgave(rng: random.Random, o: int, carried: list[tuple[str, int]]) -> str:
    themes = sorted({THEMES[(o + k) % len(THEMES)][0] for k in range(1 + o % 3)})
    actions = []
    previous = list(carried)
    for a in range(ACTIONS_PER_OPGAVE):
        lines, aid, end = _action(rng, o, a, previous)
        actions.append(lines)
        previous.append((aid, end))
    carried[:] = previous[-2:]
    return f"""---
titel: {rng.choice(SUBJECTS).capitalize()} {o}
bron: {SOURCES[o % len(SOURCES)][0]}
eigenaar: Programmamanager {o % 12 + 1}
themas: [{", ".join(themes)}]
stip: >-
  {_text(rng, 1, 12)}
koers: >-
  {_text(rng, 2, 10)}
acties:
{chr(10).join(actions)}
indicatoren:
  - {{naam: Tevreden inwoners, nulmeting: "60%", doel: "75%", jaar: {PERIOD[1]}}}
---
{_text(rng, 4)}

## Aanpak

{_text(rng, 3)}
"""


def write_strategy(target: Path, opgaven: int, seed: int = 1) -> Path:
    """A complete project (content/, themes/, mkdocs.yml) with `opgaven` opgaven; returns the project folder."""
    if target.exists():
        shutil.rmtree(target)
    content = target / "content"
    for folder in ("opgaven", "themas", "jaarschijven"):
        (content / folder).mkdir(parents=True)
    shutil.copytree(REPO / "themes", target / "themes")
    shutil.copyfile(REPO / "mkdocs.yml", target / "mkdocs.yml")
    rng = random.Random(seed)
    (content / "strategie.yaml").write_text(_strategy(opgaven), encoding="utf-8")
    (content / "teams.yaml").write_text(_teams(), encoding="utf-8")
    (content / "visie.md").write_text(
        f"---\ntitel: Visie\nkern: >-\n  Proefstad is digitaal waar het kan en persoonlijk waar het moet.\n---\n{_text(rng, 5)}\n",
        encoding="utf-8",
    )
    for theme_id, title in THEMES:
        text = f"---\ntitel: {title}\nkort: >-\n  {_text(rng, 1, 10)}\n---\n{_text(rng, 3)}\n"
        (content / "themas" / f"{theme_id}.md").write_text(text, encoding="utf-8")
    for year in range(PERIOD[0], PERIOD[1] + 1):
        text = f'---\ntitel: "{year}: stap {year - PERIOD[0] + 1}"\n---\n{_text(rng, 2)}\n'
        (content / "jaarschijven" / f"{year}.md").write_text(text, encoding="utf-8")
    carried: list[tuple[str, int]] = []
    for o in range(opgaven):
        (content / "opgaven" / f"opgave-{o:04d}.md").write_text(_opgave(rng, o, carried), encoding="utf-8")
    return target


def example_project(target: Path) -> Path:
    """The repository's example strategy as a project folder of its own."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copytree(REPO / "content", target / "content")
    shutil.copytree(REPO / "themes", target / "themes")
    shutil.copyfile(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target
