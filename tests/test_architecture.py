"""The package's shape holds: folders per stage, no import cycles (imports inside functions counted too).

import-linter (`lint-imports` in .ci/run) checks the layer order; this walk checks what it
cannot: cycles through deferred imports, where deferred imports may stand, and the root's size.
"""

from __future__ import annotations

import ast
from pathlib import Path

from koers.content.dependencies import find_cycles
from support.projects import REPO

PACKAGE = REPO / "generator" / "koers"
ROOT_LIMIT = 12
# Only the command line and the orchestrator may defer imports of Koers modules (to keep `koers check` light).
DEFERRING = ("koers.cli", "koers.pipeline")


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _imports(name: str, path: Path, known: set[str]) -> list[tuple[str, bool]]:
    """(imported Koers module, inside a function) for every import in a module, TYPE_CHECKING blocks excluded."""
    tree = ast.parse(path.read_text("utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return
        inside = in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        found.extend((t, in_function) for t in targets if t in known and t != name)
        for child in ast.iter_child_nodes(node):
            visit(child, inside)

    visit(tree, False)
    return found


def _graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    modules = _modules()
    known = set(modules)
    edges: dict[str, set[str]] = {name: set() for name in modules}
    deferred: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for target, in_function in _imports(name, path, known):
            edges[name].add(target)
            if in_function:
                deferred[name].add(target)
    return edges, deferred


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module: Koers' own cycle finder (it finds `na` cycles too)."""
    return find_cycles({name: sorted(targets) for name, targets in edges.items()})


def test_no_import_cycle_even_through_imports_inside_functions() -> None:
    edges, _ = _graph()
    assert _cycles(edges) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_only_cli_and_pipeline_defer_imports_of_koers_modules() -> None:
    _, deferred = _graph()
    elsewhere = {name: sorted(targets) for name, targets in deferred.items() if targets and not name.startswith(DEFERRING)}
    assert elsewhere == {}


def test_the_package_root_holds_only_the_shared_modules() -> None:
    root = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert len(root) <= ROOT_LIMIT, root
    stages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert {"cli", "pipeline", "content", "housestyle", "render", "publish", "reuse", "history", "authoring"} <= set(stages)
