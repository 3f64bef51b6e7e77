"""`koers check` stays light: the check path never imports the PDF engine, cairo, the site engine or the browser driver."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("cairosvg", "cairocffi", "mkdocs", "material", "playwright", "typst")
REPO = Path(__file__).resolve().parent.parent

SCRIPT = """
import json, sys
from pathlib import Path
import koers.cli, koers.pipeline.check
checked = koers.pipeline.check.check(Path(sys.argv[1]))
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})
print(json.dumps({{"valid": checked.strategy is not None, "heavy": heavy}}))
"""


def _loaded_after_check(project: Path) -> dict[str, object]:
    code = SCRIPT.format(heavy=set(HEAVY))
    result = subprocess.run(
        [sys.executable, "-c", code, str(project)], capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_of_the_example_imports_no_heavy_engine() -> None:
    outcome = _loaded_after_check(REPO)
    assert outcome["valid"] is True
    assert outcome["heavy"] == []


def test_check_of_broken_content_imports_no_heavy_engine(tmp_path: Path) -> None:
    from support.projects import make_project

    project = make_project(tmp_path / "kapot", files={"content/visie.md": None})
    outcome = _loaded_after_check(project)
    assert outcome["valid"] is False
    assert outcome["heavy"] == []


def test_cli_check_imports_no_heavy_engine() -> None:
    code = (
        "import sys, koers.cli\n"
        "try:\n"
        f"    koers.cli.main(['check', {str(REPO)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {set(HEAVY)!r}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr
