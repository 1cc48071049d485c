"""The package's import graph has no cycles, counting every import statement: inside functions
(the heavy stages imported on first use) and under ``TYPE_CHECKING`` too, since a deferred import of
a higher layer is still a dependency on it. The implicit import of a parent package is not an edge.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in (SRC / "eventledger").rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):  # nested imports too
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                return stack[stack.index(n) :] + [n]
            if n not in state and (found := visit(n)):
                return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return None


def test_the_graph_is_read():
    graph = _graph()
    assert "eventledger.store.base" in graph["eventledger.store.queries"]
    assert "eventledger.library" in graph["eventledger"]


def test_no_import_cycles():
    cycle = _cycle(_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_dedup_never_imports_the_store():
    graph = _graph()
    reached = {t for m, ts in graph.items() if m.startswith("eventledger.dedup") for t in ts}
    assert not {t for t in reached if t.startswith("eventledger.store")}


def test_sql_and_connections_stay_in_store():
    """Issue 13's check, kept: outside ``store/`` nothing holds a connection or runs SQL.

    ``geo`` is the exception by design: its gazetteer is a read-only SQLite index of its own.
    """
    import re

    pattern = re.compile(r"\.conn\b|execute\(")
    offenders = [
        f"{path.relative_to(SRC)}:{n}"
        for path in (SRC / "eventledger").rglob("*.py")
        if not path.is_relative_to(SRC / "eventledger" / "store")
        and not path.is_relative_to(SRC / "eventledger" / "geo")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert offenders == []
