"""A valid project whose every text field is hostile: markup, template syntax, URLs and bidi controls.

Shared by the hostile-rendering tests; not a test module itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from support.projects import make_project

# Short hostile strings for plain text fields; each must come out as literal text.
SCRIPT_CLOSE = "</text><script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = '<a href="javascript:alert(1)">klik</a>'
DATA_LINK = '<a href="data:text/html,<script>alert(2)</script>">x</a>'
SVG_ONLOAD = "<svg onload=alert(1)>"
IFRAME = '<iframe src="https://kwaad.example/"></iframe>'
STYLE = "<style>*{display:none}</style>"
FORM = '<form action="https://kwaad.example/"><input name=w></form>'
JINJA = "{{ 7*7 }} {% raw %}x{% endraw %}"
CDATA = "]]><![CDATA[ <x/> ]]>"
ENTITIES = "AT&T &amp; &lt;b&gt; &#60;i&#62;"
MD_LINK = "[klik](javascript:alert(1))"
AUTOLINK = "<javascript:alert(1)> <https://kwaad.example/>"
COMMENT = "<!-- geheim --> -->"
BASE = '<base href="https://kwaad.example/">'
META = '<meta http-equiv="refresh" content="0;url=https://kwaad.example/">'
BIDI = "\u202egnp.exe\u202c \u2066x\u2069"
QUOTES = "\"' onmouseover=\"alert(1)\" x='"
MD_IMAGE = "![x](https://kwaad.example/p.png)"
ATTR = '{: onclick="alert(1)" }'

HOSTILE = [
    SCRIPT_CLOSE, IMG, JS_LINK, DATA_LINK, SVG_ONLOAD, IFRAME, STYLE, FORM, JINJA, CDATA,
    ENTITIES, MD_LINK, AUTOLINK, COMMENT, BASE, META, BIDI, QUOTES, MD_IMAGE, ATTR,
]  # fmt: skip

# One Markdown body carrying every raw-HTML attack; the sanitiser must defuse it.
BODY = "\n\n".join(
    [
        "Gewone tekst met **nadruk** en een [goede link](https://example.org/).",
        SCRIPT_CLOSE,
        IMG,
        JS_LINK,
        DATA_LINK,
        SVG_ONLOAD + "<circle/></svg>",
        IFRAME,
        STYLE,
        FORM,
        "<object data=x.swf></object><embed src=x.swf>",
        "<math><mi xlink:href=\"javascript:alert(1)\">m</mi></math>",
        "<p onclick=\"alert(1)\" style=\"background:url(javascript:alert(1))\">alinea</p>",
        "[md-link](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox)",
        "[spaties](  JaVaScRiPt:alert(1)) [entity](jav&#x09;ascript:alert(1))",
        AUTOLINK,
        "<https://example.org/ok> <mailto:info@example.org>",
        COMMENT + " <!--> <script>alert(3)</script> -->",
        BASE,
        META,
        JINJA,
        CDATA,
        ENTITIES,
        BIDI,
        MD_IMAGE,
        "<div markdown=\"1\">[x](javascript:alert(1))</div>",
        "```\n<script>alert('code')</script>\n```",
    ]
)


def _front(data: dict[str, Any], body: str) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000) + "---\n" + body + "\n"


def _yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def _cycle(index: int) -> str:
    return HOSTILE[index % len(HOSTILE)]


def _action(i: int) -> dict[str, Any]:
    """Action i: a hostile title and explanation, owners alternating, every status, spread over the period."""
    return {
        "id": f"actie-{i}",
        "titel": _cycle(i),
        "jaar": 2024 + i % 3,
        "eigenaar": "team-a" if i % 2 else "team-b",
        "teams": ["team-b"] if i % 2 else [],
        "status": ["gepland", "lopend", "gereed", "vertraagd", "gestopt"][i % 5],
        "toelichting": _cycle(i + 3) + " " + MD_LINK,
    }


def strategy_files() -> dict[str, str]:
    """The content files of the hostile project (relative path → text)."""
    strategie = {
        "titel": SCRIPT_CLOSE,
        "organisatie": "Gemeente " + IMG,
        "ambitie": "In 2026 {{ 7*7 }} <b>helpen</b> we iedereen & meer.",
        "periode": {"van": 2024, "tot": 2026},
        "versie": "1.0 <b>",
        "status": "vastgesteld",
        "vastgesteld": {"datum": "2023-12-14", "door": FORM},
        "huisstijl": "voorbeeld",
        "bronnen": [
            {"id": "coalitieakkoord", "titel": JS_LINK},
            {"id": "bedrijfsvoering", "titel": DATA_LINK},
        ],
        "principes": [{"titel": SVG_ONLOAD, "toelichting": IFRAME + " " + STYLE}],
        "niet_meer": [CDATA, ENTITIES],
        "omvang": {"max_a4": 5},
    }
    teams = {
        "team-a": {"naam": MD_LINK, "afdeling": AUTOLINK, "beschrijving": COMMENT},
        "team-b": {"naam": BASE + " " + ATTR, "afdeling": META},
    }
    visie = {"titel": QUOTES, "kern": BIDI + " " + JINJA}
    thema = {"titel": MD_IMAGE + " " + ATTR, "kort": SCRIPT_CLOSE + " " + IMG}
    opgave_a = {
        "titel": IMG,
        "bron": "coalitieakkoord",
        "eigenaar": JS_LINK,
        "themas": ["gevaar"],
        "stip": " ".join(HOSTILE[:6]),
        "koers": " ".join(HOSTILE[6:13]),
        "acties": [_action(i) for i in range(len(HOSTILE))],
        "indicatoren": [{"naam": SVG_ONLOAD, "nulmeting": QUOTES[:40], "doel": ENTITIES, "jaar": 2026}],
    }
    opgave_b = {
        "titel": DATA_LINK,
        "bron": "bedrijfsvoering",
        "eigenaar": META,
        "stip": " ".join(HOSTILE[13:]),
        "koers": JINJA + " " + CDATA,
        "acties": [{"id": "laatste", "titel": BIDI + " " + QUOTES, "jaar": 2026, "eigenaar": "team-a", "status": "gepland", "na": ["actie-1"]}],
    }
    return {
        "content/strategie.yaml": _yaml(strategie),
        "content/teams.yaml": _yaml(teams),
        "content/visie.md": _front(visie, BODY),
        "content/themas/gevaar.md": _front(thema, BODY),
        "content/opgaven/aanval.md": _front(opgave_a, BODY),
        "content/opgaven/nog-een.md": _front(opgave_b, "Kort: " + SCRIPT_CLOSE),
        "content/jaarschijven/2025.md": _front({"titel": STYLE + " " + ATTR}, BODY),
    }


def hostile_project(target: Path) -> Path:
    """A project folder with only the hostile content (plus the shipped themes and mkdocs.yml)."""
    project = make_project(target)
    for folder in ("opgaven", "themas", "jaarschijven"):
        for path in (project / "content" / folder).glob("*.md"):
            path.unlink()
    for relative, text in strategy_files().items():
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return project
