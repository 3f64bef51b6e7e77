"""Every print file is exactly the paper size in its name: sheets of the routekaart, PDF pages, SVG attributes.

Strategies: the example, the second strategy, the phased roadmap and a generated roadmap of
66 actions (22 opgaven × 3, with dependencies across the chart). The SVGs are rendered for
all of them; PDFs are exported (slow at A0) only where a test reads them.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pypdf
import pytest

from koers.findings import Report
from koers.output import Output
from koers.publish.exports import export_posters
from koers.render.pages.context import collect_downloads
from koers.render.posters.svg import render_poster
from support.projects import CASES, REPO, make_project
from test_posters import checked

PAPER_MM = {"a3": (420, 297), "a1": (594, 841), "a0": (841, 1189)}
PT = 72 / 25.4


def roadmap_of(strategy, opgaven: int, per: int = 3):
    """`opgaven` opgaven of `per` actions, copied round-robin with unique ids and numbers.

    Besides the dependencies inside each opgave, the last action of the last opgave waits for
    action 1.1, far up the chart (where 1.1 ends before it starts): on A3 that arrow runs between two sheets.
    """
    out = []
    for index in range(opgaven):
        opgave = strategy.opgaven[index % len(strategy.opgaven)]
        kept = opgave.acties[:per]
        ids = {a.id: f"{a.id}-{index}" for a in kept}
        acties = tuple(
            replace(
                a,
                id=ids[a.id],
                opgave=f"{opgave.id}-{index}",
                nummer=f"{index + 1}.{n + 1}",
                na=tuple(ids[d] for d in a.na if d in ids),
            )
            for n, a in enumerate(kept)
        )
        out.append(
            replace(
                opgave, id=f"{opgave.id}-{index}", nummer=str(index + 1), titel=f"{opgave.titel} {index + 1}", acties=acties, na=()
            )
        )
    first, last = out[0].acties[0], out[-1].acties[-1]
    if first.tot >= last.van:
        return replace(strategy, opgaven=tuple(out))
    out[-1] = replace(out[-1], acties=out[-1].acties[:-1] + (replace(last, na=last.na + (first.id,)),))
    return replace(strategy, opgaven=tuple(out))


@pytest.fixture(scope="module")
def strategies(tmp_path_factory):
    root = tmp_path_factory.mktemp("papier")
    out = {"voorbeeld": checked(REPO)}
    for name in ("tweede-strategie", "routekaart-fasen"):
        out[name] = checked(make_project(root / name, CASES / "valid" / name / "content"))
    strategy, style = out["routekaart-fasen"]
    out["66-acties"] = (roadmap_of(strategy, 22), style)
    assert len(out["66-acties"][0].actions) == 66
    return out


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    import os

    old = os.environ.get("KOERS_CACHE_DIR")
    os.environ["KOERS_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        del os.environ["KOERS_CACHE_DIR"]
    else:
        os.environ["KOERS_CACHE_DIR"] = old


def _normal(text: str) -> str:
    """Text without line breaks, hyphens at line ends and runs of whitespace (PDF text is wrapped)."""
    return re.sub(r"\s+", "", text.replace("-", "").replace("\u00ad", ""))


def test_every_sheet_of_every_print_poster_is_its_paper_size(strategies):
    sheets_seen = {}
    for key, (strategy, style) in strategies.items():
        for name in ("strategie-in-een-beeld", "routekaart"):
            for size, (w, h) in PAPER_MM.items():
                poster = render_poster(strategy, style, name, size)
                # A3 is landscape, A1 and A0 portrait: the names say the paper, either orientation.
                width, height = (w, h)
                for svg in poster.sheets:
                    found = re.search(r'<svg [^>]*width="([^"]+)" height="([^"]+)" viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
                    assert found and found.groups()[:2] == (f"{width}mm", f"{height}mm"), (key, name, size)
                    assert abs(float(found[3]) - width * PT) < 0.01 and abs(float(found[4]) - height * PT) < 0.01
                if len(poster.sheets) > 1:
                    assert [n for n, _ in poster.files] == [f"{name}-{size}-{i}.svg" for i in range(1, len(poster.sheets) + 1)]
                    for number, svg in enumerate(poster.sheets, 1):
                        assert f"blad {number} van {len(poster.sheets)}</tspan>" in svg
                else:
                    assert [n for n, _ in poster.files] == [f"{name}-{size}.svg"]
                sheets_seen[(key, name, size)] = len(poster.sheets)
    # The example and the second strategy fit one sheet everywhere; 66 actions continue on a second A3 sheet.
    assert {v for (k, _, _), v in sheets_seen.items() if k in ("voorbeeld", "tweede-strategie")} == {1}
    assert sheets_seen[("66-acties", "routekaart", "a3")] >= 2
    assert sheets_seen[("66-acties", "strategie-in-een-beeld", "a3")] == 1


def test_a_cross_sheet_arrow_becomes_two_labelled_connectors(strategies):
    strategy, style = strategies["66-acties"]
    poster = render_poster(strategy, style, "routekaart", "a3")
    first, last = strategy.opgaven[0].acties[0], strategy.opgaven[-1].acties[-1]
    on = {a.id: n for n, svg in enumerate(poster.sheets, 1) for a in strategy.actions if f'id="actie-{a.id}"' in svg}
    assert sorted(set(on.values())) == list(range(1, len(poster.sheets) + 1)) and len(on) == 66
    here, there = on[first.id], on[last.id]
    assert here != there
    box = f"verbinding-{first.id}-{last.id}"
    source, target = poster.sheets[here - 1], poster.sheets[there - 1]
    assert re.search(rf'<text id="{box}-naar-tekst"[^>]*>(<tspan[^>]*>[^<]*</tspan>)+</text>', source)
    assert f">naar {last.nummer}, blad {there}</tspan>" in source
    assert f">van {first.nummer}, blad {here}</tspan>" in target
    assert f'id="pijl-{first.id}-{box}-naar"' in source and f'id="pijl-{box}-van-{last.id}"' in target
    # No line runs between the two actions on either sheet.
    assert f'id="pijl-{first.id}-{last.id}"' not in source + target


def test_pdf_pages_are_their_paper_size_and_carry_every_action(strategies, cache):
    """Every page of the routekaart PDFs of all sizes and of the A3 strategy posters; every action title in the text."""
    for key, (strategy, style) in strategies.items():
        sizes = ("a3", "a1", "a0") if key in ("voorbeeld", "66-acties") else ("a3",)
        posters = [render_poster(strategy, style, "routekaart", size) for size in sizes]
        posters.append(render_poster(strategy, style, "strategie-in-een-beeld", "a3"))
        report = Report()
        files = {o.path: o.content for o in export_posters(posters, style, report, lambda _: None, ("pdf",))}
        assert not report.errors, report.as_text()
        assert sorted(files) == sorted(f"downloads/{p.stem}.pdf" for p in posters)  # one PDF per poster and size
        for poster in posters:
            _assert_pdf(files[f"downloads/{poster.stem}.pdf"], poster, strategy, key)


def _assert_pdf(data: bytes, poster, strategy, key: str) -> None:
    pdf = pypdf.PdfReader(io.BytesIO(data))
    assert len(pdf.pages) == len(poster.sheets)
    w, h = PAPER_MM[poster.size]
    for page in pdf.pages:
        box = page.mediabox
        assert abs(float(box.width) - w * PT) <= 1 and abs(float(box.height) - h * PT) <= 1, (key, poster.stem)
    if poster.name == "routekaart":
        text = _normal("".join(page.extract_text() for page in pdf.pages))
        missing = [a.display for a in strategy.actions if _normal(a.display) not in text]
        assert not missing, (key, poster.size, missing)


def test_the_downloads_page_counts_sheets_and_names_each_file():
    outputs = [
        Output(f"downloads/routekaart-a3-{n}.{ext}", b"x") for n in (1, 2, 3) for ext in ("svg", "png")
    ] + [Output("downloads/routekaart-a3.pdf", b"x"), Output("downloads/routekaart-a1.svg", b"x")]
    (download,) = collect_downloads(outputs)
    a3, a1 = download.variants
    assert (a3.label, a3.sheets, a1.label, a1.sheets) == ("A3 · 3 bladen", 3, "A1", 1)
    assert [f.label for f in a3.files] == [
        "PDF, 1 bytes",
        "PNG blad 1, 1 bytes",
        "PNG blad 2, 1 bytes",
        "PNG blad 3, 1 bytes",
        "SVG blad 1, 1 bytes",
        "SVG blad 2, 1 bytes",
        "SVG blad 3, 1 bytes",
    ]
    assert download.several_sheets and download.preview().path == "downloads/routekaart-a3-1.svg"
    (single,) = collect_downloads([Output("downloads/routekaart-a3.svg", b"x")])
    assert not single.several_sheets and single.variants[0].label == "A3"


def test_a_strategy_too_large_for_the_strategy_poster_is_refused_not_grown(strategies):
    from koers.render.posters.fitting import check_fit

    strategy, style = strategies["voorbeeld"]
    big = roadmap_of(strategy, 80, per=1)
    report = Report()
    check_fit(big, style, report)
    assert report.as_text().splitlines() == [
        "content/strategie.yaml:1: fout: de strategie heeft te veel opgaven voor de poster (Strategie in één beeld, "
        "A3): 80 opgaven passen ook met alleen hun titel niet op het papier; voeg opgaven samen tot minder, grotere "
        "opgaven"
    ]
    report = Report()
    check_fit(strategy, style, report)
    assert not report.findings


def test_the_poster_cache_keeps_every_sheet(strategies, cache):
    from koers.reuse import downloads

    strategy, style = strategies["66-acties"]
    made = downloads.posters(strategy, style)
    again = downloads.posters(strategy, style)  # from the cache
    assert [(p.name, p.size, p.sheets) for p in again] == [(p.name, p.size, p.sheets) for p in made]
    assert max(len(p.sheets) for p in again) >= 2
