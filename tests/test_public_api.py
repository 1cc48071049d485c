"""The public Python API: a pinned, sorted ``__all__``, the README's notebook example, and what each call returns."""

from __future__ import annotations

import doctest
import json
import re
import shutil
import types
from pathlib import Path

import pytest

import eventledger
from eventledger.errors import ConfigError, InputError

ROOT = Path(__file__).resolve().parents[1]
REPORT = "Police fired tear gas at marchers in Nairobi on Tuesday."


def test_all_lists_every_public_member_sorted():
    """httpx's tests/test_exported_members.py: a new public name must be added to ``__all__`` on purpose."""
    public = [
        name
        for name, value in vars(eventledger).items()
        if (not name.startswith("_") or name == "__version__") and not isinstance(value, types.ModuleType)
    ]
    assert eventledger.__all__ == sorted(public, key=str.casefold)
    assert eventledger.__all__ == [
        "__version__", "Analysis", "analyze", "analyze_file", "Document", "Event", "EventledgerError",
        "IngestResult", "open_store", "PIPELINE_VERSION", "Store",
    ]  # fmt: skip


@pytest.mark.slow
def test_readme_python_section_runs(tmp_path, monkeypatch, examples_dir):
    block = re.search(r"^## Python\n.*?```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S | re.M)
    assert block, "README.md has no '## Python' section with a python block"
    shutil.copytree(examples_dir, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    test = doctest.DocTestParser().get_doctest(block.group(1), {}, "README.md#python", "README.md", 0)
    assert len(test.examples) == 5
    runner = doctest.DocTestRunner()
    runner.run(test)
    assert runner.summarize(verbose=False) == doctest.TestResults(0, 5)
    assert len((tmp_path / "reports.jsonl").read_text().splitlines()) == 4


@pytest.mark.slow
def test_analyze_a_string_gives_events_with_evidence_and_the_analyze_record():
    a = eventledger.analyze(REPORT, published="2024-03-07", url="https://example.org/a", title="Tear gas")
    assert [(e.type, e.time.start) for e in a.events] == [("ASSAULT", "2024-03-05")]
    assert (a.document.title, a.document.url, a.document.published) == (
        "Tear gas",
        "https://example.org/a",
        "2024-03-07",
    )
    rec = a.to_record()
    assert rec["document"]["title"] == "Tear gas"
    assert rec["events"][0]["locations"][0]["name"] == "Nairobi"
    json.dumps(rec)  # plain JSON


@pytest.mark.slow
def test_analyze_an_html_page(examples_dir):
    html = (examples_dir / "western-border-deployment.html").read_text(encoding="utf-8")
    a = eventledger.analyze(html)
    assert a.document.format == "html" and a.events
    assert "<" not in a.document.body.split("\n")[0]  # the clean body, not the markup


@pytest.mark.slow
def test_analyze_file_gives_one_analysis_per_report(examples_dir):
    assert len(eventledger.analyze_file(examples_dir / "regional-wire.rss")) == 2
    [page] = eventledger.analyze_file(examples_dir / "western-border-deployment.html")
    assert page.document.source.endswith("western-border-deployment.html")


@pytest.mark.parametrize("bad", ["", "   \n", "<div><span></span></div>"])
def test_analyze_refuses_an_empty_string_in_one_line(bad):
    with pytest.raises(InputError, match="^analyze\\(\\): the string ") as exc:
        eventledger.analyze(bad)
    assert "\n" not in str(exc.value)


def test_analyze_file_names_a_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        eventledger.analyze_file(tmp_path / "nope.txt")


def test_unknown_filters_are_one_line_errors(tmp_path):
    with eventledger.open_store(tmp_path / "x.db") as store:
        with pytest.raises(ConfigError, match="unknown event filter"):
            store.events(kind="ASSAULT")
        with pytest.raises(ConfigError, match="unknown incident filter"):
            store.incidents(kind="ASSAULT")
        assert store.events() == [] and store.incidents() == []


@pytest.fixture(scope="module")
def examples_store(tmp_path_factory, examples_dir):
    with eventledger.open_store(tmp_path_factory.mktemp("db") / "examples.db") as store:
        result = store.ingest(examples_dir)
        assert (result.stored, result.failed) == (4, 0)
        yield store


@pytest.mark.slow
def test_store_reads_filter_and_page(examples_store):
    everything = examples_store.events()
    assaults = examples_store.events(types="ASSAULT")
    assert assaults and {e["type"] for e in assaults} == {"ASSAULT"} and len(assaults) < len(everything)
    assert examples_store.events(limit=2, offset=1) == everything[1:3]
    incidents = examples_store.incidents()
    assert incidents and examples_store.incidents(limit=3, offset=2) == incidents[2:5]
    assert {i["type"] for i in examples_store.incidents(types=["ASSAULT"])} == {"ASSAULT"}
    assert examples_store.ingest(ROOT / "examples").present == 4


@pytest.mark.slow
def test_export_eval_is_the_analyze_record_of_each_document(examples_store, examples_dir, tmp_path):
    n = examples_store.export("eval", tmp_path / "all.jsonl")
    exported = [json.loads(line) for line in (tmp_path / "all.jsonl").read_text().splitlines()]
    assert n == len(exported) == 4
    analysed = [a.to_record() for p in sorted(examples_dir.iterdir()) for a in eventledger.analyze_file(p)]
    key = lambda r: r["document"]["sha256"]  # noqa: E731
    assert sorted(exported, key=key) == sorted(analysed, key=key)


def test_importing_the_package_loads_no_nlp_or_web_stack():
    import subprocess
    import sys

    code = "import sys, eventledger; print(sorted(m for m in ('spacy', 'fastapi', 'trafilatura') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
