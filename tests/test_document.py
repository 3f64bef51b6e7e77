"""The written strategy: A4 PDF, page budget, accessibility metadata, determinism, and the estimate's calibration.

Every strategy is rendered once per session; tests read the cached results.
"""

from __future__ import annotations

import io
import os
import random
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from koers.content.model import Strategy
from koers.epoch import given_epoch
from koers.housestyle.theme import HouseStyle
from koers.pipeline.check import check
from koers.render.document import budget
from koers.render.document.written import WrittenStrategy, render_document
from support.projects import CASES, REPO, make_project

A4 = (595.28, 841.89)

# --- synthetic strategies: the extremes the calibration must also cover ---------------------------------

WORDS = (
    "de het een gemeente inwoners digitale dienst data veilig samen we werken aan informatie systeem team raad "
    "college besluit openbaar regionaal vernieuwen ondersteunen medewerkers betrouwbaar toegankelijk eenvoudig "
    "organisatie leveranciers afspraken kwaliteit toekomst basisregistratie gegevensuitwisseling wijkteams"
).split()


def _sentence(rng: random.Random, words: int, limit: int = 1000) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()
    while len(text) + 1 > limit:  # the schema's length limits
        text = text.rsplit(" ", 1)[0]
    return text + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng, rng.randint(6, 16)) for _ in range(sentences))


def synthetic(target: Path, seed: int, opgaven: int, period: tuple[int, int], paragraphs: int, actions: int, themes: int) -> Path:
    """A valid strategy of generated Dutch-looking text (deterministic per seed)."""
    rng = random.Random(seed)
    van, tot = period
    files: dict[str, str | bytes | None] = {
        "content/opgaven": None, "content/themas": None, "content/jaarschijven": None, "content/teams.yaml": None,
    }
    principles = "".join(f"  - {{titel: {_sentence(rng, 4)[:-1]}, toelichting: {_sentence(rng, 18)}}}\n" for _ in range(4))
    stops = "".join(f"  - {_sentence(rng, 12)}\n" for _ in range(3))
    files["content/strategie.yaml"] = (
        f"titel: Synthetische strategie {seed}\norganisatie: Gemeente Proefstad\nambitie: {_sentence(rng, 20, 200)}\n"
        f"periode: {{van: {van}, tot: {tot}}}\nversie: \"1.0\"\nstatus: concept\nhuisstijl: voorbeeld\nomvang: {{max_a4: 20}}\n"
        + (f"principes:\n{principles}niet_meer:\n{stops}" if themes else "")
    )
    files["content/visie.md"] = f"---\ntitel: Visie\nkern: {_sentence(rng, 18, 200)}\n---\n" + "\n\n".join(
        _paragraph(rng, 4) for _ in range(paragraphs)
    )
    theme_ids = [f"thema-{i}" for i in range(themes)]
    for i, theme in enumerate(theme_ids):
        files[f"content/themas/{theme}.md"] = f"---\ntitel: Thema {i}\nkort: {_sentence(rng, 14, 160)}\n---\n{_paragraph(rng, 3 + i % 3)}\n"
    for i in range(opgaven):
        rows = []
        for j in range(actions):
            start = rng.randint(van, tot)
            end = min(tot, start + rng.choice((0, 0, 1, 2)))
            rows.append(
                f"  - id: actie-{i}-{j}\n    titel: {_sentence(rng, rng.randint(3, 9), 90)[:-1]}\n    van: {start}\n    tot: {end}\n"
                f"    eigenaar: Team {j}\n    status: {rng.choice(('gepland', 'lopend', 'gereed', 'vertraagd'))}\n"
            )
        body = "\n\n".join(_paragraph(rng, rng.randint(2, 4)) for _ in range(paragraphs))
        if i % 3 == 0:
            body += "\n\n## Aanpak\n\n" + "\n".join(f"- {_sentence(rng, 10)}" for _ in range(3))
        files[f"content/opgaven/opgave-{i:02d}.md"] = (
            f"---\ntitel: Opgave {i} {_sentence(rng, 3)[:-1].lower()}\nbron: {('coalitieakkoord', 'taken', 'bedrijfsvoering')[i % 3]}\n"
            f"eigenaar: Directeur {i}\n" + (f"themas: [{theme_ids[i % themes]}]\n" if themes else "")
            + f"stip: {_sentence(rng, 25, 280)}\nkoers: {_sentence(rng, 30, 400)}\nacties:\n" + "".join(rows) + f"---\n{body}\n"
        )
    return make_project(target, files=files)


SYNTHETIC = {
    "synthetisch-veel-opgaven": dict(seed=1, opgaven=24, period=(2021, 2030), paragraphs=1, actions=4, themes=3),
    "synthetisch-veel-tekst": dict(seed=2, opgaven=6, period=(2024, 2027), paragraphs=5, actions=2, themes=8),
}
# Shapes that once made a balanced block overflow (a theme taller than half its block, one of each).
SHAPES = {
    "synthetisch-een-lang-thema": dict(seed=123, opgaven=10, period=(2024, 2027), paragraphs=2, actions=2, themes=1),
    "synthetisch-een-van-alles": dict(seed=5, opgaven=1, period=(2025, 2025), paragraphs=1, actions=1, themes=1),
    "synthetisch-veertig-opgaven": dict(seed=9, opgaven=40, period=(2024, 2030), paragraphs=1, actions=1, themes=2),
}
CASE_CONTENT = {
    "voorbeeld": REPO / "content",
    "tweede-strategie": CASES / "valid" / "tweede-strategie" / "content",
    "lang": CASES / "valid" / "lang" / "content",
    "minimaal": CASES / "valid" / "minimaal" / "content",
}
CALIBRATION = [*CASE_CONTENT, *SYNTHETIC]


@pytest.fixture(scope="session")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("documents")


@cache
def _rendered(root: str, name: str) -> tuple[Path, Strategy, HouseStyle, WrittenStrategy]:
    target = Path(root) / name
    if name in SYNTHETIC or name in SHAPES:
        synthetic(target, **(SYNTHETIC | SHAPES)[name])  # type: ignore[arg-type]
    else:
        make_project(target, CASE_CONTENT[name])
    checked = check(target)
    assert checked.strategy is not None and checked.style is not None, [f.format() for f in checked.report.findings]
    return target, checked.strategy, checked.style, render_document(checked.strategy, checked.style)


@pytest.fixture(scope="session")
def rendered(workspace: Path):
    """name → (project, strategy, style, document), each rendered at most once per session."""
    return lambda name: _rendered(str(workspace), name)


def _reader(document: WrittenStrategy) -> PdfReader:
    return PdfReader(io.BytesIO(document.pdf))


def _text(document: WrittenStrategy) -> str:
    """The PDF's text on one line; a word hyphenated at a line end (a soft hyphen, U+00AD) is whole again."""
    text = " ".join(page.extract_text() for page in _reader(document).pages)
    return " ".join(re.sub(r"\xad\s*", "", text).split())


# --- the document -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["voorbeeld", "tweede-strategie"])
def test_fits_five_a4_portrait_pages(rendered, name: str) -> None:
    _, strategy, _, document = rendered(name)
    reader = _reader(document)
    assert document.pages == len(reader.pages) <= strategy.max_a4 == 5
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.5)


def _words(document: WrittenStrategy, workspace: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, every word's box (x0, y0, x1, y1 in pt from the top left) and text, as poppler reads them."""
    import html as html_module
    import shutil

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian package poppler-utils) is not installed; .ci/run installs it")
    path = workspace / f"woorden-{abs(hash(document.pdf))}.pdf"
    path.write_bytes(document.pdf)
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.findall(r"<page[^>]*>(.*?)</page>", out, re.S):
        pages.append(
            [
                (float(a), float(b), float(c), float(d), html_module.unescape(word))
                for a, b, c, d, word in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', page)
            ]
        )
    return pages


@pytest.mark.parametrize("name", [*CALIBRATION, *SHAPES])
def test_no_text_runs_over_other_text_or_out_of_its_area(rendered, workspace: Path, name: str) -> None:
    """Balanced columns are blocks of a fixed height: text that overflowed one would be drawn over what follows."""
    _, strategy, _, document = rendered(name)
    page = budget.LAYOUT.page
    mm = 72 / 25.4
    top, bottom = page.top * mm, (page.height - page.bottom) * mm
    pages = _words(document, workspace)
    assert len(pages) == document.pages
    for number, words in enumerate(pages, 1):
        body = [w for w in words if top - 1 <= w[1] and w[3] <= bottom + 1]
        footer = [w[4] for w in words if w[1] > bottom + 1]
        header = [w[4] for w in words if w[3] < top - 1]
        assert " ".join(footer) == f"{strategy.organisatie} pagina {number} van {document.pages}", (number, footer)
        assert number == 1 or " ".join(header) == f"{strategy.titel} Versie {strategy.versie}", (number, header)
        assert len(body) + len(footer) + len(header) == len(words), (number, [w for w in words if w not in body])
        overlaps = []
        body.sort(key=lambda w: w[1])
        for i, a in enumerate(body):
            for b in body[i + 1 :]:
                if b[1] > a[3]:  # sorted by top: no later word reaches up into this one
                    break
                # Boxes shrunk by a quarter of their height: the lines of a paragraph touch, they do not overlap.
                ha, hb = (a[3] - a[1]) / 4, (b[3] - b[1]) / 4
                wide = min(a[2], b[2]) - max(a[0], b[0])
                tall = min(a[3] - ha, b[3] - hb) - max(a[1] + ha, b[1] + hb)
                if wide > 0.5 and tall > 0.5:
                    overlaps.append((a[4], b[4]))
        assert overlaps == [], (number, overlaps[:5])


def test_file_name_is_the_organisation_slug(rendered) -> None:
    assert rendered("voorbeeld")[3].filename == "gemeente-voorbeeldstad-strategie.pdf"
    assert rendered("tweede-strategie")[3].filename == "gemeente-heuvelrijk-strategie.pdf"


@pytest.mark.parametrize("name", ["voorbeeld", "tweede-strategie", "lang"])
def test_text_holds_every_opgave_theme_and_action(rendered, name: str) -> None:
    _, strategy, _, document = rendered(name)
    text = _text(document)
    for opgave in strategy.opgaven:
        assert opgave.titel in text
    for theme in strategy.themes:
        assert theme.titel in text
    for action in strategy.actions:
        assert action.titel in text
    for item in strategy.niet_meer:
        assert " ".join(item.tekst.split()[:4]) in text
    assert strategy.ambitie.split()[0] in text


def test_page_numbers_and_running_header(rendered) -> None:
    _, strategy, _, document = rendered("voorbeeld")
    pages = [" ".join(p.extract_text().split()) for p in _reader(document).pages]
    for number, text in enumerate(pages, start=1):
        assert f"pagina {number} van {len(pages)}" in text
    assert all(strategy.titel in text and f"Versie {strategy.versie}" in text for text in pages[1:])


def test_metadata_language_and_tags(rendered) -> None:
    _, strategy, _, document = rendered("voorbeeld")
    reader = _reader(document)
    assert reader.metadata.title == strategy.titel
    assert reader.metadata.author == strategy.organisatie
    assert "/CreationDate" not in reader.metadata and "/ModDate" not in reader.metadata
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert "/StructTreeRoot" in root
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfuaid:part(="1"|>1<)', xmp) and strategy.titel in xmp and strategy.organisatie in xmp
    assert reader.pdf_header == "%PDF-1.7"


def _structure(reader: PdfReader) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    todo = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while todo:
        element = todo.pop().get_object()
        if "/S" in element:
            out.append((element["/S"], element.get("/Alt")))
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") and isinstance(kid.get_object(), dict) and "/S" in kid.get_object():
                todo.append(kid)
    return out


def test_structure_has_headings_table_and_logo_alt(rendered) -> None:
    _, _, style, document = rendered("voorbeeld")
    roles = _structure(_reader(document))
    kinds = {role for role, _ in roles}
    assert {"/H1", "/H2", "/H3", "/H4", "/P", "/L", "/LI", "/Table", "/TH", "/TD"} <= kinds
    assert ("/Figure", f"Logo {style.naam}") in roles


def test_fonts_are_the_house_fonts_embedded(rendered) -> None:
    document = rendered("voorbeeld")[3]
    fonts = {}
    for page in _reader(document).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[font["/BaseFont"]] = "/FontFile2" in descriptor
    assert fonts and all(fonts.values())
    family = rendered("voorbeeld")[2].fonts.family.replace(" ", "")
    assert all(name.split("+")[1].replace("-", "").startswith(family) for name in fonts), fonts  # no fallback fonts


def test_same_content_gives_the_same_bytes(rendered, workspace: Path) -> None:
    project, strategy, style, document = rendered("minimaal")
    assert render_document(strategy, style).pdf == document.pdf
    # Another process with another hash seed, from another folder: still the same file.
    copy = make_project(workspace / "minimaal-kopie", CASE_CONTENT["minimaal"])
    script = (
        "import sys; from pathlib import Path; from koers.pipeline.check import check; "
        "from koers.render.document.written import render_document; c = check(Path(sys.argv[1])); "
        "sys.stdout.buffer.write(render_document(c.strategy, c.style).pdf)"
    )
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | {"PYTHONHASHSEED": "7"}
    result = subprocess.run([sys.executable, "-c", script, str(copy)], capture_output=True, env=env, check=True)
    assert result.stdout == document.pdf


def test_source_date_epoch_sets_the_dates(rendered, monkeypatch: pytest.MonkeyPatch) -> None:
    _, strategy, style, _ = rendered("minimaal")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = render_document(strategy, style, given_epoch())
    metadata = _reader(first).metadata
    assert metadata["/CreationDate"] == metadata["/ModDate"] == "D:20231114221320Z"
    assert render_document(strategy, style, given_epoch()).pdf == first.pdf


def test_text_stays_text_and_markdown_is_sanitised(rendered, workspace: Path) -> None:
    """Markup in the content is shown as it was typed: no HTML runs, and nothing becomes Typst code."""
    project = make_project(workspace / "onveilig", CASE_CONTENT["minimaal"])
    visie = project / "content" / "visie.md"
    visie.write_text(
        visie.read_text("utf-8").replace("titel: Visie", 'titel: "Visie <b>vet</b> #pagebreak()"', 1)
        + "\n<script>alert(1)</script>\n\n[klik](javascript:alert(2)) en <img src=x onerror=alert(3)>\n\n"
        + 'Typst: #read("/etc/passwd") en #image("/etc/hosts") $x^2$ <label> @ref \\ `#eval("1")` "aan" #}]\n',
        "utf-8",
    )
    checked = check(project)
    assert checked.strategy is not None and checked.style is not None, [f.format() for f in checked.report.findings]
    document = render_document(checked.strategy, checked.style)
    text = _text(document)
    assert "Visie <b>vet</b> #pagebreak()" in text
    # '<label>' is left out like any HTML tag; the rest of the line is there as it was typed.
    assert '#read("/etc/passwd") en #image("/etc/hosts") $x^2$ @ref \\ #eval("1") "aan" #}]' in text
    assert "alert" not in text and "klik en" in text
    assert "root:" not in text and len(_reader(document).pages) == document.pages


def _headings(reader: PdfReader) -> list[int]:
    """The heading levels of the structure tree, in reading order."""
    levels: list[int] = []

    def walk(element: object) -> None:
        element = element.get_object()  # type: ignore[attr-defined]
        if not isinstance(element, dict):
            return
        role = str(element.get("/S", ""))
        if re.fullmatch(r"/H[1-6]", role):
            levels.append(int(role[2]))
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object"):
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return levels


def test_heading_levels_never_skip(rendered) -> None:
    for name in ("voorbeeld", "lang", "synthetisch-veel-opgaven"):
        levels = _headings(_reader(rendered(name)[3]))
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), (name, levels)


# --- the exact budget ----------------------------------------------------------------------------------------


def test_a_much_longer_vision_breaks_the_budget_with_one_verdict(workspace: Path) -> None:
    """Over budget is an error in check and in build alike: one line, with the estimate's margin, nothing made."""
    project = make_project(workspace / "lange-visie", REPO / "content")
    visie = project / "content" / "visie.md"
    _, front, body = visie.read_text("utf-8").split("---\n", 2)
    visie.write_text("---\n" + front + "---\n" + "\n\n".join([body.strip()] * 4) + "\n", "utf-8")
    checked = check(project)
    assert checked.strategy is not None and checked.style is not None
    pattern = (
        r"content/strategie\.yaml:(\d+): fout: de geschreven strategie wordt naar schatting [\d,]+ A4, maximaal 5 "
        r"\(de schatting zit er hoogstens 0,3 A4 naast\): het langst zijn "
        r"content/visie\.md \(([\d.]+) woorden\), content/\S+ \(\d+ woorden\), content/\S+ \(\d+ woorden\)"
    )
    [error] = [f.format() for f in checked.report.errors]
    match = re.fullmatch(pattern, error)
    assert match, error
    assert int(match.group(1)) == checked.strategy.line("content/strategie.yaml", "omvang")
    checked_cli = subprocess.run([sys.executable, "-m", "koers", "check", str(project)], capture_output=True, text=True, timeout=600)
    assert checked_cli.returncode == 1 and error in checked_cli.stderr  # pre-commit stops here too
    result = subprocess.run(
        [sys.executable, "-m", "koers", "build", str(project), "--quiet"], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 1, result.stderr
    assert not (project / "build" / "site").exists()
    budget_lines = [text for text in result.stderr.splitlines() if "de geschreven strategie" in text]
    assert budget_lines == [error]
    assert result.stderr.splitlines()[-1] == "1 fout; niets gepubliceerd, er is nog geen eerdere versie"


def test_a_document_over_budget_that_the_estimate_missed_fails_the_build(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Near the limit the estimate can be under while the real PDF is over: then the real page count decides."""
    from koers.pipeline.build import build

    project = make_project(workspace / "net-te-lang", REPO / "content")
    visie = project / "content" / "visie.md"
    _, front, body = visie.read_text("utf-8").split("---\n", 2)
    visie.write_text("---\n" + front + "---\n" + "\n\n".join([body.strip()] * 4) + "\n", "utf-8")
    monkeypatch.setattr("koers.render.document.budget.estimate_pages", lambda strategy, style=None: 4.9)
    built = build(project)
    assert built.site is None
    [error] = [f.format() for f in built.report.errors]
    match = re.fullmatch(r"content/strategie\.yaml:\d+: fout: de geschreven strategie is (\d+) A4, maximaal 5: het langst zijn .*", error)
    assert match and int(match.group(1)) > 5, error


# --- the estimate against the real page count ---------------------------------------------------------------


@pytest.mark.parametrize("name", CALIBRATION)
def test_estimate_is_within_half_a_page(rendered, name: str) -> None:
    _, strategy, style, document = rendered(name)
    real = document.extent
    assert document.pages - 1 < real <= document.pages
    with_font = budget.estimate_pages(strategy, style)
    without_font = budget.estimate_pages(strategy)
    print(f"{name}: real {real:.2f}, estimate {with_font:.2f} (house font), {without_font:.2f} (average width)")
    assert abs(with_font - real) < 0.5
    assert abs(without_font - real) < 0.5
