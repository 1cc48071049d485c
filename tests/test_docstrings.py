"""Every public function and class of the layers a library user and a contributor read first has a docstring.

The store, the HTTP layer, the exports, dedup, the public API and the model. Protocol stubs whose
body is ``...`` are described by their class. The NLP stages are left to their own changes.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "eventledger"
PACKAGES = ("store", "api", "export", "dedup")
MODULES = ("__init__.py", "library.py", "model.py", "errors.py", "pipeline.py", "engines.py", "cli.py")


def _stub(node: ast.AST) -> bool:
    body = getattr(node, "body", [])
    if len(body) != 1 or not isinstance(body[0], ast.Expr):
        return False
    value = body[0].value
    return isinstance(value, ast.Constant) and value.value is Ellipsis


def _public(tree: ast.Module):
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and not node.name.startswith("_"):
            yield node
            if isinstance(node, ast.ClassDef):
                yield from (
                    m
                    for m in node.body
                    if isinstance(m, ast.FunctionDef | ast.AsyncFunctionDef) and not m.name.startswith("_")
                )


def test_public_functions_and_classes_have_docstrings():
    files = [p for d in PACKAGES for p in (SRC / d).rglob("*.py")] + [SRC / m for m in MODULES]
    missing = [
        f"{p.relative_to(SRC)}:{node.lineno} {node.name}"
        for p in files
        for node in _public(ast.parse(p.read_text(encoding="utf-8")))
        if not ast.get_docstring(node) and not _stub(node)
    ]
    assert missing == []


def test_a_missing_docstring_is_found():
    tree = ast.parse("def shown(x):\n    return x\n\ndef _hidden():\n    pass\n")
    assert [n.name for n in _public(tree) if not ast.get_docstring(n)] == ["shown"]
