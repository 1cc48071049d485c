"""The README cannot drift from the code: every command is documented, the two commands lead."""

from __future__ import annotations

from pathlib import Path

import typer.main

from eventledger.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_in_the_readme():
    names = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    missing = [n for n in names if f"eventledger {n}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_the_two_commands_are_on_the_first_screen():
    first_screen = "\n".join(README.splitlines()[:25])
    assert "make run" in first_screen and "make test" in first_screen


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_ci_lints_before_testing():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make lint" in ci and ci.index("make lint") < ci.index("make test")
    lint = (ROOT / "Makefile").read_text().split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert all(tool in lint for tool in ("ruff check", "ruff format --check", "mypy"))


def test_no_test_installs_packages():
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "tests").rglob("*.py")
        if p.name != "test_docs.py"
        and any(cmd in p.read_text() for cmd in ('"apt-get"', "'apt-get'", '"pip", "install"', "pip install"))
    ]
    assert offenders == []
