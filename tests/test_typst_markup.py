"""Markdown bodies → Typst markup (koers.render.document.typstmarkup): text stays text, whatever it holds.

The templates read a body with `eval(…, mode: "markup")`. Every character of the
content must arrive as text: nothing typed by an editor may become Typst code
(a `#read`, an `#image`, a label, a math formula). Typst itself evaluates the
markup here and turns the result back into plain text and the list of elements it made.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from koers.render.document.typstmarkup import to_typst
from koers.render.document.written import body_markup
from koers.render.markup import ALLOWED_TAGS

typst = pytest.importorskip("typst")

# Typst: the plain text of evaluated markup, and the names of the elements in it.
_PROBE = b"""
#let flat(c) = {
  if type(c) == str { return c }
  let f = c.fields()
  if "text" in f { return f.text }
  if "children" in f { return f.children.map(flat).join() }
  if "body" in f { return flat(f.body) }
  if "child" in f { return flat(f.child) }
  if "term" in f { return flat(f.term) + " " + flat(f.description) }
  if repr(c.func()) in ("space", "linebreak", "parbreak") { return " " }
  ""
}
#let kinds(c) = {
  if type(c) == str { return () }
  let f = c.fields()
  let inner = if "children" in f { f.children } else if "body" in f { (f.body,) } else if "child" in f { (f.child,) } else { () }
  (repr(c.func()),) + inner.map(kinds).flatten()
}
#let c = eval(sys.inputs.markup, mode: "markup")
#metadata((text: flat(c), kinds: kinds(c).dedup())) <probe>
"""


def _evaluated(markup: str) -> dict[str, object]:
    found = typst.query(_PROBE, "<probe>", field="value", one=True, sys_inputs={"markup": markup})
    return json.loads(found)


TYPST_SYNTAX = 'Let op: #read("/etc/passwd") #image("x.png") #{1 + 1} $x^2$ <label> @ref *vet* _schuin_ `code` = kop - lijst + nummer / term: \\ ~ -- ... "aan" \'af\''


def test_typst_syntax_in_the_content_is_text() -> None:
    found = _evaluated(body_markup(TYPST_SYNTAX, 5))
    # Markdown's own syntax works (bold, italic, code); '<label>' is left out like any HTML tag; the rest is text.
    assert " ".join(str(found["text"]).split()) == " ".join(TYPST_SYNTAX.replace("<label> ", "").split()).replace(
        "*vet*", "vet"
    ).replace("_schuin_", "schuin").replace("`code`", "code")
    assert set(found["kinds"]) <= {"sequence", "text", "strong", "emph", "raw", "space", "linebreak", "parbreak"}, found["kinds"]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60))
def test_any_text_in_a_paragraph_comes_out_as_the_same_text(text: str) -> None:
    from html import escape

    assume(text.strip())  # the sanitiser never makes an empty paragraph

    markup = to_typst(f"<p>{escape(text)}</p>")
    found = _evaluated(markup)
    assert " ".join(str(found["text"]).split()) == " ".join(text.split())
    assert set(found["kinds"]) <= {"sequence", "text", "space"}


def test_every_allowed_tag_becomes_markup_that_typst_reads() -> None:
    html = (
        "<h2>Kop</h2><h3>Kop 3</h3><h4>Kop 4</h4><h5>Kop 5</h5><h6>Kop 6</h6>"
        "<p><a href='https://example.org' title='t'>link</a> <abbr title='x'>afk</abbr> <b>b</b> <strong>s</strong> "
        "<i>i</i> <em>e</em> <del>d</del> <s>s</s> <sub>1</sub> <sup>2</sup> <mark>m</mark> <small>k</small> "
        "<span>sp</span> <code>c</code><br>na</p>"
        "<blockquote><p>citaat</p></blockquote><pre>pre  tekst</pre><hr>"
        "<ul><li>een</li><li>twee<ol><li>drie</li></ol></li></ul>"
        "<dl><dt>term</dt><dd>uitleg</dd></dl>"
        "<table><thead><tr><th scope='col'>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>"
    )
    import re

    assert {t for t in re.findall(r"<([a-z0-9]+)", html)} == ALLOWED_TAGS
    found = _evaluated(to_typst(html))
    text = " ".join(str(found["text"]).split())
    for word in ("Kop 6", "link", "afk", "citaat", "pre tekst", "een", "drie", "term", "uitleg", "A", "2"):
        assert word in text, (word, text)
    assert {"heading", "link", "strong", "emph", "list", "enum", "terms", "table", "quote", "raw"} <= set(found["kinds"])


@pytest.mark.parametrize("level", ["<blockquote>", "<blockquote><ul><li>"])
def test_the_deepest_nesting_check_allows_is_laid_out(tmp_path, level: str) -> None:
    """Typst stops at 64 nested show rules; `koers check` refuses deeper Markdown (MAX_HTML_DEPTH) before it gets there."""
    from koers.content.markdownlimits import MAX_HTML_DEPTH
    from koers.pipeline.check import check
    from koers.render.document.written import render_document
    from koers.render.markup import html_depth, markdown_to_html
    from support.projects import REPO, make_project

    closing = "".join(f"</{tag}>" for tag in reversed(level.strip("<>").split("><")))
    count = 1
    while html_depth(markdown_to_html(level * (count + 1) + "<p><strong>diep</strong></p>" + closing * (count + 1))) <= MAX_HTML_DEPTH:
        count += 1
    nested = level * count + "<p><strong>diep</strong></p>" + closing * count
    project = make_project(tmp_path / "p", REPO / "content")
    theme = sorted((project / "content" / "themas").glob("*.md"))[0]
    theme.write_text(theme.read_text("utf-8") + "\n\n" + nested + "\n", "utf-8")
    checked = check(project)
    assert checked.strategy is not None and checked.style is not None and not checked.report.errors, checked.report.as_text()
    document = render_document(checked.strategy, checked.style)
    assert document.pages >= 5 and b"%PDF" in document.pdf[:8]
    # One level more is refused by the check, with one Dutch line.
    deeper = level * (count + 1) + "<p><strong>diep</strong></p>" + closing * (count + 1)
    theme.write_text(theme.read_text("utf-8").replace(nested, deeper), "utf-8")
    assert [f.message for f in check(project).report.errors][0].startswith("opmaak te diep in elkaar")
