"""Safe rendering: a project full of hostile content builds, and nothing in it can run in a reader's browser.

The built output is parsed (html.parser for HTML, xml.etree for SVG, pypdf for the
PDF) and every script, event handler and URL is checked. Scripts are allowed only
when the site engine ships them itself: they are compared with a reference build
of a harmless project.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest

from koers.findings import Report
from koers.pipeline.build import build
from koers.pipeline.check import check
from koers.publish.outputs import write_outputs
from support.hostile import BODY, HOSTILE, SCRIPT_CLOSE, hostile_project
from support.projects import make_project

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background", "cite",
                  "longdesc", "manifest", "ping", "codebase", "lowsrc", "dynsrc", "icon"}  # fmt: skip
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
FORBIDDEN_HTML = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "foreignobject"}
# What the search plugin keeps of a page's structure: text blocks without any attribute.
TEXT_TAGS = {"p", "ul", "ol", "li", "code", "pre", "strong", "em", "b", "i", "mark", "br", "table", "tr", "td", "th"}
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def _scheme(value: str) -> str:
    """The URL as a browser reads its scheme: control characters and spaces removed, lower case."""
    return re.sub(r"[\x00-\x20]", "", value).lower()


class Page(HTMLParser):
    """Everything on one HTML page that could run code, and its visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.title = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "style", "title"):
            self._in = tag
            if tag == "script":
                self.scripts.append((dict(attrs), ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        elif self._in == "title":
            self.title += data
        elif self._in is None:
            self.text.append(data)


def parse_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text("utf-8"))
    page.close()
    return page


def _depth(site: Path, path: Path) -> int:
    return len(path.relative_to(site).parts) - 1


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def engine_scripts(site: Path) -> dict[int, set[tuple[tuple[tuple[str, str | None], ...], str]]]:
    """The scripts the engine puts on pages, per folder depth (the relative base differs by depth)."""
    allowed: dict[int, set] = {}
    for path in site.rglob("*.html"):
        for attrs, text in parse_page(path).scripts:
            allowed.setdefault(_depth(site, path), set()).add((tuple(sorted(attrs.items())), text))
    return allowed


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, cache: Path) -> Path:
    """The hostile project, built with the full pipeline (posters, exports, document, site)."""
    project = hostile_project(tmp_path_factory.mktemp("hostile") / "p")
    built = build(project)
    assert not built.report.errors, built.report.as_text()
    assert built.site is not None
    return project


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the harmless test project (engine only): what the engine itself ships."""
    from koers.pipeline.context import page_context
    from koers.publish.engine import run_engine
    from koers.render.pages.assemble import render_pages

    project = make_project(tmp_path_factory.mktemp("reference") / "p")
    checked = check(project)
    assert checked.strategy is not None and checked.style is not None
    staging = project / "build" / "staging"
    write_outputs(staging / "docs", render_pages(checked.strategy, checked.style, page_context(project, [])))
    report = Report()
    run_engine(project, staging, report)
    assert not report.errors, report.as_text()
    return staging / "site"


def test_hostile_project_passes_check(tmp_path: Path) -> None:
    project = hostile_project(tmp_path / "p")
    result = subprocess.run([sys.executable, "-m", "koers", "check", "--format", "json", str(project)],
                            capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["geldig"] is True


def test_no_script_or_handler_from_content_in_html(hostile: Path, reference: Path) -> None:
    site = hostile / "build" / "site"
    allowed = engine_scripts(reference)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    problems: list[str] = []
    for path in pages:
        page, where = parse_page(path), path.relative_to(site).as_posix()
        for attrs, text in page.scripts:
            if (tuple(sorted(attrs.items())), text) not in allowed.get(_depth(site, path), set()):
                problems.append(f"{where}: script {attrs} {text[:80]!r}")
            if attrs.get("src"):
                src = str(attrs["src"])
                shipped = (site / src.lstrip("/") if src.startswith("/") else path.parent / src).resolve()
                if not shipped.is_relative_to((site / "assets" / "javascripts").resolve()) or not shipped.is_file():
                    problems.append(f"{where}: script from {attrs['src']}")
        for tag, attrs in page.elements:
            problems += [f"{where}: <{tag} {name}=…>" for name in attrs if name.startswith("on")]
            problems += [
                f"{where}: <{tag} {name}={value[:60]!r}>"
                for name, value in attrs.items()
                if name in URL_ATTRIBUTES and value and _scheme(value).startswith(BAD_SCHEMES)
            ]
            if tag in FORBIDDEN_HTML or tag == "meta" and "http-equiv" in attrs:
                problems.append(f"{where}: <{tag} {attrs}>")
            if tag == "form" and attrs.get("class") != "md-search__form":
                problems.append(f"{where}: <form {attrs}>")
            if tag in ("img", "link", "source", "video", "audio") and re.match(r"^(?:[a-z]+:|//)", str(attrs.get("src") or attrs.get("href") or ""), re.IGNORECASE):
                problems.append(f"{where}: <{tag}> loads from another host: {attrs}")
            style = (attrs.get("style") or "").lower()
            if "url(" in style or "expression(" in style:
                problems.append(f"{where}: style attribute {style!r}")
    assert problems == []


def test_hostile_strings_appear_as_text(hostile: Path) -> None:
    site = hostile / "build" / "site"
    text = " ".join(_norm(" ".join(parse_page(p).text)) for p in site.rglob("*.html"))
    missing = [h for h in HOSTILE if _norm(h) not in text]
    assert missing == []
    home = parse_page(site / "index.html")
    assert SCRIPT_CLOSE in home.title
    assert SCRIPT_CLOSE in " ".join(home.text)


def test_markdown_bodies_are_sanitised_not_executed(hostile: Path) -> None:
    site = hostile / "build" / "site"
    visie = site / "visie.html"
    html = visie.read_text("utf-8")
    page = parse_page(visie)
    assert "Gewone tekst met" in " ".join(page.text)
    assert ("a", {"href": "https://example.org/", "rel": "noopener noreferrer"}) in page.elements
    for raw in ("<script>alert(", "<img src=x", "<svg onload", "<iframe", "<style>*", "<form action", "<base ", "<meta http"):
        assert raw not in html


def test_search_index_is_inert(hostile: Path) -> None:
    """Material puts search titles and texts into the page as HTML; they must hold no markup from content."""
    index = json.loads((hostile / "build" / "site" / "search" / "search_index.json").read_text("utf-8"))
    problems = []
    for doc in index["docs"]:
        for field in ("title", "text"):
            page = Page()
            page.feed(doc[field])
            bad = [(t, a) for t, a in page.elements if t not in TEXT_TAGS or a]
            problems += [f"{doc['location']} {field}: {t} {a}" for t, a in bad]
    assert problems == []
    titles = " ".join(d["title"] for d in index["docs"])
    assert "&lt;/text&gt;&lt;script&gt;" in titles


def _svg_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.svg"))


def test_svg_is_well_formed_and_inert(hostile: Path) -> None:
    site = hostile / "build" / "site"
    logo = (hostile / "themes" / "voorbeeld" / "logo.svg").read_bytes()
    files = _svg_files(site)
    assert len([f for f in files if f.parent.name == "downloads"]) >= 8
    problems: list[str] = []
    for path in files:
        root = ElementTree.parse(path).getroot()  # raises when not well-formed XML
        where = path.relative_to(site).as_posix()
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1].lower()
            if tag in ("script", "foreignobject", "iframe", "handler", "listener"):
                problems.append(f"{where}: <{tag}>")
            for name, value in element.attrib.items():
                local = name.rsplit("}", 1)[-1].lower()
                if local.startswith("on"):
                    problems.append(f"{where}: <{tag} {local}>")
                if local == "href" and _scheme(value).startswith(BAD_SCHEMES):
                    if not (tag == "image" and value.startswith("data:image/svg+xml;base64,") and base64.b64decode(value.split(",", 1)[1]) == logo):
                        problems.append(f"{where}: <{tag} {local}={value[:50]!r}>")
                elif local == "href" and not value.startswith("#") and tag != "a":
                    problems.append(f"{where}: <{tag}> refers to {value[:50]!r}")
            if tag == "style":
                for url in re.findall(r"url\(([^)]*)\)", element.text or ""):
                    if not url.startswith("data:font/woff2;base64,") or not base64.b64decode(url.split(",", 1)[1]).startswith(b"wOF2"):
                        problems.append(f"{where}: style url {url[:50]!r}")
    assert problems == []


def test_hostile_title_is_text_on_every_poster(hostile: Path) -> None:
    for path in (hostile / "build" / "site" / "downloads").glob("*.svg"):
        root = ElementTree.parse(path).getroot()
        title = root.find(f"{SVG}title")
        assert title is not None and SCRIPT_CLOSE in (title.text or ""), path.name
        texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
        assert SCRIPT_CLOSE in texts, path.name


def _document(site: Path) -> Path:
    found = [p for p in (site / "downloads").glob("*.pdf") if p.name.endswith("-strategie.pdf")]
    assert len(found) == 1, found
    return found[0]


def test_pdf_document_shows_hostile_text_literally(hostile: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(_document(hostile / "build" / "site"))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert SCRIPT_CLOSE in text
    assert "<img src=x onerror=alert(1)>" in text
    assert reader.metadata is not None and reader.metadata.title == SCRIPT_CLOSE
    root = reader.trailer["/Root"]
    assert "/OpenAction" not in root and "/JavaScript" not in (root.get("/Names") or {})
    uris = [
        str(annot.get_object().get("/A", {}).get("/URI", ""))
        for page in reader.pages
        for annot in (page.get("/Annots") or [])
    ]
    assert not [u for u in uris if _scheme(u).startswith(BAD_SCHEMES)], uris


def test_other_xml_outputs_are_well_formed(hostile: Path) -> None:
    site = hostile / "build" / "site"
    for path in site.rglob("*.xml"):
        ElementTree.parse(path)


def test_body_policy_unit() -> None:
    """The sanitiser on its own: what survives and what does not."""
    from koers.render.markup import markdown_to_html

    html = markdown_to_html(BODY)
    page = Page()
    page.feed(html)
    tags = {t for t, _ in page.elements}
    assert tags <= {"p", "a", "strong", "em", "code", "pre", "ul", "ol", "li", "blockquote"}
    hrefs = [a.get("href") for t, a in page.elements if t == "a" and a.get("href")]
    assert hrefs == ["https://example.org/", "https://kwaad.example/", "https://example.org/ok", "mailto:info@example.org"]
    assert all(not name.startswith("on") and name not in ("style", "class", "id") for _, a in page.elements for name in a)
    assert "{{ 7*7 }}" in html and "AT&amp;T" in html


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("<script>alert(1)</script>", ""),
        ("a <b onclick='x()'>vet</b>", "<p>a <b>vet</b></p>"),
        ("[x](javascript:alert(1))", '<p><a rel="noopener noreferrer">x</a></p>'),
        ("[x](JAVASCRIPT:alert(1))", '<p><a rel="noopener noreferrer">x</a></p>'),
        ("[x](data:text/html,hoi)", '<p><a rel="noopener noreferrer">x</a></p>'),
        ("![plaatje](https://kwaad.example/p.png)", "<p></p>"),
        ("<style>p{}</style>tekst", "<p>tekst</p>"),
        ("regel\u000bmet\u001bstuur\ufffetekens", "<p>regelmetstuurtekens</p>"),
        ("&lt;script&gt;", "<p>&lt;script&gt;</p>"),
        ("<https://example.org/>", '<p><a href="https://example.org/" rel="noopener noreferrer">https://example.org/</a></p>'),
    ],
)
def test_body_policy_cases(markdown: str, expected: str) -> None:
    from koers.render.markup import markdown_to_html

    assert markdown_to_html(markdown).strip() == expected


# Outside content/: the project's own settings and house style cannot inject script either.


def test_site_name_from_mkdocs_yml_cannot_add_an_event_handler(tmp_path: Path) -> None:
    from koers.pipeline.context import page_context
    from koers.publish.engine import run_engine
    from koers.render.pages.assemble import render_pages

    project = make_project(tmp_path / "p")
    settings = (project / "mkdocs.yml").read_text("utf-8")
    (project / "mkdocs.yml").write_text(settings.replace("site_name: Digitaliseringsstrategie", "site_name: 'x\" onmouseover=\"alert(1)'"), "utf-8")
    checked = check(project)
    assert checked.strategy is not None and checked.style is not None
    staging = project / "build" / "staging"
    write_outputs(staging / "docs", render_pages(checked.strategy, checked.style, page_context(project, [])))
    run_engine(project, staging, Report())
    handlers = [(p.name, t, n) for p in (staging / "site").rglob("*.html") for t, a in parse_page(p).elements for n in a if n.startswith("on")]
    assert handlers == []


def test_edit_links_are_only_web_links() -> None:
    from koers.render.pages.context import EditLinks

    for template, uri in (("javascript:alert(1)//{path}", None), (None, "javascript:alert(1)//")):
        link = EditLinks("https://gitlab.example.nl/gemeente/strategie", uri, template).url("content/visie.md")
        assert link is None or _scheme(link).startswith(("https:", "http:")), link


def test_a_theme_logo_with_script_is_refused_or_cleaned(tmp_path: Path) -> None:

    project = make_project(tmp_path / "p")
    logo = project / "themes" / "voorbeeld" / "logo.svg"
    logo.write_text(logo.read_text("utf-8").replace("<svg ", '<svg onload="alert(1)" ', 1).replace("</svg>", "<script>alert(2)</script></svg>"), "utf-8")
    checked = check(project)
    assert [f.format() for f in checked.report.errors] == [
        "themes/voorbeeld/theme.yaml:32: fout: logo 'logo.svg' bevat een script-attribuut (onload); "
        "dat is niet toegestaan in een huisstijl"
    ]
    assert checked.style is None
