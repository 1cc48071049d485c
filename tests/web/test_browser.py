"""The web UI in a real browser: Debian's Chromium driven by Playwright, the app served by uvicorn.

This is the one test that opens a socket (127.0.0.1, a free port). Chromium comes from Debian
(``make browser`` installs it; ``.ci/run`` calls that); without it the test is skipped with the
reason. Tests never install packages, and Playwright's own browser download is never used.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sample_reports import seed

from eventledger.store import SQLiteStore
from eventledger.store.reviews import create_token

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
# The README's picture is refreshed only on request (UPDATE_SCREENSHOT=1), so that a test run
# does not leave the working tree changed; otherwise the screenshot goes to a temporary folder.
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot.png"

pytestmark = pytest.mark.slow


def _chromium() -> str:
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: run `make browser` (Debian's chromium, needs root) to run this test")
    return CHROMIUM


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, str]]:
    """(base URL, review token) of the app serving the sample reports on 127.0.0.1."""
    uvicorn = pytest.importorskip("uvicorn")
    from eventledger.api.app import create_app

    db = tmp_path_factory.mktemp("web") / "web.db"
    with SQLiteStore(db) as store:
        seed(store)
        token = create_token(store, "monitor")
    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", token
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=executable, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    base, _ = server
    context = browser.new_context(viewport={"width": 1600, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.goto(base + "/")
    pg.wait_for_selector("body[data-ready='1']", timeout=15000)
    yield pg
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def test_map_list_filter_evidence_review_history(page, server, tmp_path_factory):
    _, token = server
    # markers for the seeded events (the two Nairobi events may sit in one cluster)
    assert page.get_attribute("body", "data-points") == "4"
    page.wait_for_selector(".mk")
    assert page.locator(".mk, .marker-cluster").count() >= 3
    assert page.locator("#event-list li").count() == 4
    assert page.locator("#timeline rect.bar").count() >= 3

    # filter by type
    page.select_option("#f-type", "PROTEST")
    page.wait_for_function("() => document.querySelectorAll('#event-list li').length === 1")
    assert page.locator("#event-list li").first.get_attribute("data-type") == "PROTEST"
    page.wait_for_function("() => document.body.dataset.points === '1'")
    page.select_option("#f-type", "")
    page.wait_for_function("() => document.querySelectorAll('#event-list li').length === 4")

    # open an event: the evidence is highlighted in the report text, the coding beside it
    page.locator("#event-list li[data-id='1']").click()
    page.wait_for_selector("#detail:not([hidden])")
    evidence = page.locator("#doc-body mark.evidence")
    assert evidence.inner_text() == "Soldiers opened fire on a crowd near the harbour in Lahore on Friday"
    assert "ASSAULT" in page.locator("#fields").inner_text()
    assert "Lahore" in page.locator("#fields").inner_text()

    # accept with a token; the audit history shows who did it
    page.fill("#token", token)
    page.click("#btn-token")
    page.wait_for_function("() => document.querySelector('#whoami').textContent.includes('monitor')")
    page.fill("#comment", "checked against the report")
    page.click("#btn-accept")
    page.wait_for_selector("#history li[data-action='accept']")
    entry = page.locator("#history li[data-action='accept']").inner_text()
    assert "monitor" in entry and "checked against the report" in entry
    assert "decision: – → accepted" in entry
    assert page.locator("#event-list li[data-id='1'] .badge.accepted").count() == 1
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOT if os.environ.get("UPDATE_SCREENSHOT") == "1" else tmp_path_factory.mktemp("shot") / "ui.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000


def test_script_in_a_report_stays_text(page):
    page.locator("#event-list li[data-id='4']").click()
    page.wait_for_selector("#detail:not([hidden])")
    body = page.locator("#doc-body").inner_text()
    assert "<script>window.__pwned = 1</script>" in body
    assert 'onerror="window.__pwned = 2"' in body
    assert page.locator("#doc-body img, #doc-body script, #detail img").count() == 0
    assert "<script>" in page.locator("#d-title").inner_text()
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.__pwned") is None
