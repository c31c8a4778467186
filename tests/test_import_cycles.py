"""No module of the package imports, however indirectly, a module that imports it: not at the top,
not inside a function (an import put off until first use), not for type checking alone. A cycle
means two modules that each need the other to be understood, and a start that depends on which
is imported first."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = {"l1l2_tui": ROOT / "tui", "l1l2_tui.engine": ROOT / "engine"}


def modules() -> dict[str, Path]:
    """Every module of the installed package, by its name, and its file."""
    found = {}
    for package, folder in FOLDERS.items():
        for path in folder.rglob("*.py"):
            parts = path.relative_to(folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join((package, *parts))] = path
    return found


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``name`` imports anywhere in its source."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1]])
                base = f"{base}.{node.module}" if node.module else base
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        found |= {target for target in targets if target in known and target != name}
    return found


def cycle_through(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of ``graph`` as the list of its modules, or None."""
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        trail.append(node)
        for following in sorted(graph[node]):
            if state.get(following) == 1:
                return [*trail[trail.index(following) :], following]
            if following not in state and (found := visit(following)):
                return found
        state[node] = 2
        trail.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_package_has_no_import_cycle():
    found = modules()
    graph = {name: imports(name, path, set(found)) for name, path in found.items()}
    # Importing a package's submodule runs the package's __init__ first: not an edge to count.
    for name, edges in graph.items():
        edges -= {other for other in edges if name.startswith(f"{other}.")}
    assert cycle_through(graph) is None, " -> ".join(cycle_through(graph) or [])


def test_the_cycle_finder_finds_a_cycle():
    assert cycle_through({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle_through({"a": {"b"}, "b": set()}) is None
