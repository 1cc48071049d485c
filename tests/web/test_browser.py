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

from eventledger.dedup import dedup_documents
from eventledger.store import SQLiteStore
from eventledger.store.reviews import create_token, merge_incidents

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


def _detach_a_review(store: SQLiteStore) -> None:
    """A review whose event a re-analysis did not find again, as ``ingest --replace`` records one."""
    sha = store.conn.execute("SELECT sha256 FROM documents WHERE id = 1").fetchone()[0]
    store.conn.execute(
        """INSERT INTO reviews (target_type, target_id, action, before_json, after_json, "user", at, comment)
           VALUES ('event', 999, 'reject', '{}', '{"decision": "rejected"}', 'ana', '2024-01-02T03:04:05+00:00',
                   'a rumour, not an event')"""
    )
    store.conn.execute(
        """INSERT INTO event_reattachments (old_event_id, new_event_id, document_sha256, type, evidence_start,
               evidence_end, evidence_text, at) VALUES (999, NULL, ?, 'ASSAULT', 0, 20, 'Shots were heard at dawn',
               '2024-02-01T00:00:00+00:00')""",
        (sha,),
    )


@pytest.fixture
def server(tmp_path_factory) -> Iterator[tuple[str, str]]:
    """(base URL, review token) of the app serving the sample reports on 127.0.0.1, a fresh database per test.

    The first two incidents are merged into one told by two reports (so "also reported by" has
    something to name), and one review is detached (as after an ``ingest --replace``).
    """
    uvicorn = pytest.importorskip("uvicorn")
    from eventledger.api.app import create_app

    db = tmp_path_factory.mktemp("web") / "web.db"
    with SQLiteStore(db) as store:
        seed(store)
        dedup_documents(store.incident_tables(), store.document_ids())
        merge_incidents(store, [1, 2], reviewer="monitor", comment="one story")
        _detach_a_review(store)
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
    # Wait on the write's response and then on the list the page reloads after it, never on a delay.
    with page.expect_response(lambda r: r.url.endswith("/api/events/1/accept") and r.request.method == "POST") as resp:
        page.click("#btn-accept")
    assert resp.value.ok
    page.wait_for_selector("#history li[data-action='accept']")
    entry = page.locator("#history li[data-action='accept']").inner_text()
    assert "monitor" in entry and "checked against the report" in entry
    assert "decision: – → accepted" in entry
    page.wait_for_selector("#event-list li[data-id='1'] .badge.accepted", timeout=15000)
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


def _sign_in(page, token: str) -> None:
    page.fill("#token", token)
    page.click("#btn-token")
    page.wait_for_function("() => document.querySelector('#whoami').textContent.includes('monitor')")


def test_incidents_list_and_view_side_by_side_and_also_reported_by(page, server):
    _, token = server
    page.click("#v-incidents")
    page.wait_for_selector("#incident-list tbody tr")
    rows = page.locator("#incident-list tbody tr")
    assert rows.count() == 3  # four events, the first two merged into one incident
    first = rows.first.inner_text()
    assert "#1" in first and "2023-06-02" in first  # first reported
    assert [c.strip() for c in first.split("\t")][5:7] == ["2", "2"]  # two reports, two independent sources
    rows.first.click()
    page.wait_for_selector("#incident-view:not([hidden]) #iv-reports .report")
    cards = page.locator("#iv-reports .report")
    assert cards.count() == 2
    texts = cards.all_inner_texts()
    assert any("Soldiers opened fire on a crowd near the harbour in Lahore" in t for t in texts)
    assert len({t.split("\n")[0] for t in texts}) == 2  # two publishers side by side
    assert page.locator("#iv-history li[data-action='merge']").count() == 1
    assert "incident-1" in page.url

    # split one report out again (token required), then the event view names no other report
    _sign_in(page, token)
    cards.nth(1).locator(".split-pick").check()
    with page.expect_response(lambda r: "/split" in r.url) as resp:
        page.click("#iv-split")
    assert resp.value.ok
    page.wait_for_function("() => document.querySelector('#iv-msg').textContent.includes('split out into incident')")
    page.wait_for_function("() => document.querySelectorAll('#iv-reports .report').length === 1")
    assert page.locator("#iv-history li[data-action='split']").count() == 1


def test_event_view_says_also_reported_by(page):
    page.locator("#event-list li[data-id='1']").click()
    page.wait_for_selector("#also-list li")
    also = page.locator("#also").inner_text()
    assert "incident #1" in also and "2 independent sources" in also
    other = page.locator("#also-list button")
    assert other.count() == 1
    other.click()
    page.wait_for_function("() => document.querySelector('#d-title').textContent.startsWith('#2 ')")


def test_bulk_correction_of_three_events(page, server):
    _, token = server
    _sign_in(page, token)
    for event_id in (1, 2, 3):
        page.locator(f"#event-list li[data-id='{event_id}'] .pick").check()
    assert page.locator("#bulk-n").inner_text() == "3 selected"
    assert page.locator("#detail").is_hidden()  # ticking a box does not open the event
    page.select_option("#bulk-action", "place")
    page.fill("#bulk-place-name", "Kisumu")
    page.fill("#bulk-lat", "-0.1")
    page.fill("#bulk-lon", "34.75")
    page.fill("#bulk-country", "ke")
    page.fill("#bulk-comment", "one wrong toponym")
    with page.expect_response(lambda r: r.url.endswith("/api/reviews/bulk")) as resp:
        page.click("#bulk-apply")
    assert resp.value.ok
    page.wait_for_function("() => document.querySelector('#bulk-msg').textContent === 'correct saved on 3 events'")
    page.wait_for_function("() => document.querySelectorAll('#event-list .badge.corrected').length === 3")
    for event_id in (1, 2, 3):
        assert "Kisumu, KE" in page.locator(f"#event-list li[data-id='{event_id}']").inner_text()
    assert page.locator("#event-list li[data-id='4'] .badge").count() == 0
    # each event has its own audited review
    page.locator("#event-list li[data-id='3']").click()
    page.wait_for_selector("#history li[data-action='correct']")
    entry = page.locator("#history li[data-action='correct']").inner_text()
    assert "monitor" in entry and "one wrong toponym" in entry and "Kisumu" in entry


def test_correct_actors_and_targets_in_the_form(page, server):
    _, token = server
    _sign_in(page, token)
    page.locator("#event-list li[data-id='4']").click()
    page.wait_for_selector("#detail:not([hidden])")
    page.click("#btn-correct")
    page.fill("#correct-form input[name='actors']", "Militia of the hills; unknown gunmen")
    page.fill("#correct-form input[name='targets']", "villagers")
    with page.expect_response(lambda r: r.url.endswith("/api/events/4/correct")) as resp:
        page.click("#correct-form button[type='submit']")
    assert resp.value.ok
    page.wait_for_selector("#history li[data-action='correct']")
    fields = page.locator("#fields").inner_text()
    assert "Militia of the hills; unknown gunmen" in fields and "villagers" in fields


def test_filters_restored_from_the_url_and_keyboard_walks_the_list(page, server):
    base, _ = server
    page.select_option("#f-type", "ASSAULT")
    page.wait_for_function("() => new URLSearchParams(location.search).get('type') === 'ASSAULT'")
    page.fill("#f-place", "Lahore")
    page.wait_for_function("() => new URLSearchParams(location.search).get('place') === 'Lahore'")
    url = page.url
    fresh = page.context.new_page()
    fresh.goto(url)
    fresh.wait_for_selector("body[data-ready='1']")
    assert fresh.input_value("#f-type") == "ASSAULT" and fresh.input_value("#f-place") == "Lahore"
    assert fresh.locator("#event-list li").count() == 1
    assert fresh.locator("#event-list li").first.get_attribute("data-id") == "1"
    # country and admin area come back from a link too, and narrow the list
    fresh.goto(f"{base}/?country=KE&admin=NAIROBI")
    fresh.wait_for_selector("body[data-ready='1']")
    assert fresh.input_value("#f-country") == "KE" and fresh.input_value("#f-admin") == "NAIROBI"
    assert sorted(li.get_attribute("data-id") for li in fresh.locator("#event-list li").all()) == ["2", "3"]
    fresh.select_option("#f-country", "")
    fresh.wait_for_function("() => !new URLSearchParams(location.search).has('country')")
    fresh.close()

    # j / k: next and previous in the list, the evidence scrolled into view each time
    page.goto(base + "/")
    page.wait_for_selector("body[data-ready='1']")
    ids = [li.get_attribute("data-id") for li in page.locator("#event-list li").all()]
    page.keyboard.press("j")
    page.wait_for_function(f"() => document.querySelector('#d-title').textContent.startsWith('#{ids[0]} ')")
    page.keyboard.press("j")
    page.wait_for_function(f"() => document.querySelector('#d-title').textContent.startsWith('#{ids[1]} ')")
    page.keyboard.press("k")
    page.wait_for_function(f"() => document.querySelector('#d-title').textContent.startsWith('#{ids[0]} ')")
    assert page.locator("#event-list li.sel").get_attribute("data-id") == ids[0]
    assert page.evaluate(
        """() => { const m = document.querySelector('#doc-body mark.evidence').getBoundingClientRect();
                   const d = document.querySelector('#doc').getBoundingClientRect();
                   return m.bottom > d.top && m.top < d.bottom; }"""
    )


def test_a_bad_date_filter_shows_the_api_message(page):
    page.fill("#f-from", "14/03/2025")
    page.wait_for_function("() => document.querySelector('#filter-msg').textContent.includes('date_from')")
    assert "pattern" in page.locator("#filter-msg").inner_text()
    page.fill("#f-from", "2023-07-01")
    page.wait_for_function("() => document.querySelector('#filter-msg').textContent === ''")
    page.wait_for_function("() => document.querySelectorAll('#event-list li').length === 3")


def test_timeline_clips_a_misdated_event_and_marks_it(page, server):
    _, token = server
    _sign_in(page, token)
    page.locator("#event-list li[data-id='3']").click()
    page.wait_for_selector("#detail:not([hidden])")
    page.click("#btn-correct")
    page.fill("#correct-form input[name='time_start']", "1860-01-01")
    page.fill("#correct-form input[name='time_end']", "1860-01-01")
    with page.expect_response(lambda r: r.url.endswith("/api/events/3/correct")) as resp:
        page.click("#correct-form button[type='submit']")
    assert resp.value.ok
    page.wait_for_function("() => document.querySelector('#timeline').dataset.before === '1'")
    label = page.locator("#timeline text.outlier")
    assert label.count() == 1 and "1 earlier" in (label.text_content() or "")
    assert "1860-01-01" in (label.locator("title").text_content() or "")
    assert "◂ 1 earlier · 2023-06-02" in (label.text_content() or "")  # the scale starts where the events are
    assert page.locator("#timeline rect.bar").count() == 3  # days wide: one bar per remaining date


def test_detached_reviews_are_shown_with_the_original_evidence(page):
    page.wait_for_selector("#v-detached:not([hidden])")
    assert page.locator("#detached-n").inner_text() == "1"
    page.click("#v-detached")
    page.wait_for_selector("#detached-list li[data-review]")
    entry = page.locator("#detached-list li").first.inner_text()
    assert entry.startswith("reject") and "by ana" in entry and "a rumour, not an event" in entry
    assert "Shots were heard at dawn" in entry and "original event #999" in entry
    # the event view of the same report points at it
    page.click("#dt-close")
    page.locator("#event-list li[data-id='1']").click()
    page.wait_for_selector("#review-state button")
    assert "1 detached review on this report" in page.locator("#review-state").inner_text()


def test_bulk_reject_of_a_filtered_selection(page, server):
    _, token = server
    _sign_in(page, token)
    page.select_option("#f-type", "ASSAULT")
    page.wait_for_function("() => document.querySelectorAll('#event-list li').length === 2")
    page.check("#pick-all")
    assert page.locator("#bulk-n").inner_text() == "2 selected"
    page.select_option("#bulk-action", "reject")
    with page.expect_response(lambda r: r.url.endswith("/api/reviews/bulk")) as resp:
        page.click("#bulk-apply")
    assert resp.value.ok
    page.wait_for_function("() => document.querySelector('#bulk-msg').textContent === 'reject saved on 2 events'")
    page.wait_for_function("() => document.querySelectorAll('#event-list li').length === 0")
    page.check("#f-rejected")
    page.wait_for_function("() => document.querySelectorAll('#event-list .badge.rejected').length === 2")
