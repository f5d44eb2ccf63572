"""The dashboard in a real browser: Debian's Chromium driven by Playwright, on a seeded SQLite
database served by uvicorn. Skips (with the reason) without /usr/bin/chromium or the bundle."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from eventatlas.web import BUILD_HELP, bundle_built

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE_EVIDENCE = "Rioters burned <b>tyres</b> in Harbourtown on Monday."
HOSTILE_TEXT = (
    '<script>document.body.dataset.hacked = "1"</script><img src=x onerror="document.body.dataset.hacked=1"> '
    + HOSTILE_EVIDENCE
    + " Shops stayed closed & streets were empty."
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server_url(tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (apt-get install chromium)")
    if not bundle_built():
        pytest.skip(f"dashboard bundle not built ({BUILD_HELP})")
    pytest.importorskip("playwright.sync_api")
    import uvicorn

    from eventatlas.api.app import create_app
    from eventatlas.api.synthetic import add_document_with_events, seed_database
    from eventatlas.incidents.store import link_stored_events
    from eventatlas.store.db import get_engine, init_db

    url = f"sqlite:///{tmp_path_factory.mktemp('dash') / 'events.db'}"
    engine = get_engine(url)
    init_db(engine)
    seed_database(engine, 400, seed=7)
    add_document_with_events(
        engine,
        HOSTILE_TEXT,
        [{"event_type": "Riots", "sub_event_type": "Violent demonstration", "event_date": "2024-05-06",
          "actor1": "Rioters (Testland)", "location": "Harbourtown", "country": "Chile", "country_code": "CL",
          "latitude": -33.0, "longitude": -71.6, "geo_precision": 1, "evidence_text": HOSTILE_EVIDENCE}],
        title="<img src=x onerror=\"document.body.dataset.hacked=1\">Unrest in Harbourtown",
        url="javascript:alert(1)",
    )
    link_stored_events(engine)  # seeded straight into the tables: link them as ingest would
    engine.dispose()
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(url, api_token=""), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("uvicorn did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _artifact_dir(tmp_path: Path) -> Path:
    configured = os.environ.get("EVENTATLAS_TEST_ARTIFACTS")
    path = Path(configured) if configured else tmp_path
    path.mkdir(parents=True, exist_ok=True)
    return path


def _show_reports(page) -> None:
    page.check("#show-reports")
    page.wait_for_function("() => document.getElementById('table-count').textContent.startsWith('Reports')",
                           timeout=10_000)


def test_incidents_by_default_with_their_sources(server_url, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server_url + "/")
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=15_000)
    assert page.text_content("#table-count").startswith("Incidents")
    assert "unit=incidents" in page.get_attribute("#downloads a[data-format=acled-csv]", "href")
    page.locator("#events th[data-sort=n_reports]").click()  # most reported first
    page.wait_for_function("() => document.querySelector('#events tbody tr td:last-child')"
                           ".textContent.match(/^[2-9]\\d* reports from/)", timeout=10_000)
    page.locator("#events tbody tr").first.click()
    page.locator("#sources .report").first.wait_for(timeout=10_000)
    incident_id = page.get_attribute("#panel-body", "data-event-id")
    incident = page.request.get(f"{server_url}/api/incidents/{incident_id}").json()
    assert page.text_content("#panel-body .coverage").startswith(
        f"{incident['n_reports']} reports from {incident['n_sources']} outlet")
    assert page.locator("#sources .report").count() == incident["n_reports"] >= 2
    marks = page.locator("#sources .report mark.evidence")
    assert marks.count() >= incident["n_reports"]  # each source's evidence highlighted
    assert marks.first.text_content() == incident["reports"][0]["evidence"][0]["text"]
    page.screenshot(path=str(_artifact_dir(tmp_path) / "dashboard-incidents.png"))
    assert not errors, errors
    page.close()


def test_filter_click_and_highlighted_evidence(server_url, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server_url + "/")
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=15_000)
    _show_reports(page)
    assert page.locator("#events tbody tr").count() > 0
    assert page.locator(".leaflet-overlay-pane path, .leaflet-overlay-pane canvas").count() > 0  # basemap drawn

    # Filter by type: every row shown is then of that type.
    page.wait_for_selector("body[data-choices=true]", state="attached", timeout=15_000)
    page.select_option("select[name=event_type]", "Battles")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#events tbody tr td:nth-child(2)')]"
        ".every(td => td.textContent === 'Battles') && document.querySelectorAll('#events tbody tr').length > 0",
        timeout=10_000,
    )
    assert "event_type=Battles" in page.get_attribute("#downloads a[data-format=acled-csv]", "href")

    # Click an event: the panel shows the article with the evidence sentence in a <mark>.
    page.locator("#events tbody tr").first.click()
    mark = page.locator("#article mark.evidence").first
    mark.wait_for(timeout=10_000)
    event_id = page.get_attribute("#panel-body", "data-event-id")
    event = page.request.get(f"{server_url}/api/events/{event_id}").json()
    assert event["event_type"] == "Battles"
    assert mark.text_content() == event["evidence"][0]["text"]
    assert page.locator("#panel").is_visible()
    assert "Place precision" in page.locator("#panel-body").inner_text()

    shot = _artifact_dir(tmp_path) / "dashboard.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert not errors, errors
    page.close()


def test_article_text_is_escaped(server_url, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(server_url + "/")
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=15_000)
    _show_reports(page)
    page.fill("input[name=q]", "Harbourtown tyres")
    page.wait_for_function("() => document.querySelectorAll('#events tbody tr').length === 1", timeout=10_000)
    page.locator("#events tbody tr").first.click()
    page.locator("#article mark.evidence").wait_for(timeout=10_000)
    assert page.locator("#article").text_content() == HOSTILE_TEXT  # shown verbatim, as text
    assert page.locator("#article mark.evidence").text_content() == HOSTILE_EVIDENCE
    assert page.locator("#panel-body script, #panel-body img, #panel-body b").count() == 0
    assert page.locator("#panel-body a[href^=javascript]").count() == 0  # unsafe link not made
    assert page.evaluate("document.body.dataset.hacked") is None
    page.close()


def test_timeline_brush_filters_dates(server_url, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(server_url + "/")
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=15_000)
    _show_reports(page)
    page.wait_for_selector("#timeline rect.bar", state="attached", timeout=10_000)
    box = page.locator("#timeline svg").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.75, y, steps=8)
    page.mouse.up()
    page.wait_for_function("() => document.querySelector('input[name=start_date]').value !== ''", timeout=10_000)
    start = page.input_value("input[name=start_date]")
    end = page.input_value("input[name=end_date]")
    assert start < end
    page.wait_for_function(
        "([s, e]) => { const rows = [...document.querySelectorAll('#events tbody tr td:first-child')];"
        " return rows.length > 0 && rows.every(td => td.textContent >= s && td.textContent <= e); }",
        arg=[start, end],
        timeout=10_000,
    )
    assert f"start_date={start}" in page.get_attribute("#downloads a[data-format=geojson]", "href")
    page.close()
