"""What an attacker or a careless client sends gets a clear 4xx, never a 500; the server answers
only to its own host names, sends its security headers, and keeps answering with many clients
at once (a short smoke; `benchmarks/api_load.py` is the load test)."""

from __future__ import annotations

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options")


@pytest.mark.parametrize(
    "path, params",
    [
        ("/api/events", {"q": "gas\x00"}),
        ("/api/events", {"actor": "x\x00y"}),
        ("/api/events", {"country": "\x00"}),
        ("/api/documents", {"source": "Example\x00News"}),
        ("/api/events/abc%00def", {}),
        ("/api/documents/abc%00", {}),
    ],
)
def test_nul_characters_are_refused(client, path, params):
    response = client.get(path, params=params)
    assert response.status_code == 400 and "NUL" in response.json()["detail"]


@pytest.mark.parametrize(
    "path, params, words",
    [
        ("/api/events", {"offset": str(2**70)}, "offset"),
        ("/api/events", {"limit": str(2**70)}, "limit"),
        ("/api/events", {"sort": ",".join(["event_date"] * 3000)}, "sort"),
        ("/api/events", {"sort": "-event_date," * 20}, "sort"),
        ("/api/events", {"q": "-" * 5000}, "q"),
        ("/api/events", {"actor": "a" * 5000}, "actor"),
        ("/api/events", {"event_type": ["Riots"] * 200}, "event_type"),
        ("/api/events.geojson", {"offset": "-1"}, "offset"),
        ("/api/documents", {"offset": str(2**64)}, "offset"),
        ("/api/export", {"sort": "colour"}, "sort"),
        ("/api/events/" + "x" * 300, {}, "event_id"),
    ],
)
def test_out_of_range_parameters_are_a_clear_422(client, path, params, words):
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    assert words in response.json()["detail"]


@pytest.mark.parametrize(
    "body, words",
    [
        ({"event_type": None}, "event_type"),
        ({"certainty": None}, "certainty"),
        ({"fatalities": 1e30}, "fatalities"),
        ({"fatalities": 10**40}, "fatalities"),
        ({"actor1": "a" * 300}, "actor1"),
        ({"notes": "bad\x00byte"}, "NUL"),
        ({"latitude": "north"}, "latitude"),
    ],
)
def test_bad_corrections_are_a_clear_422(client, hostile_event_id, body, words):
    response = client.patch(
        f"/api/events/{hostile_event_id}", json=body, headers={"Authorization": "Bearer test-token"}
    )
    assert response.status_code == 422, response.text
    assert words in response.json()["detail"]


def test_security_headers_on_every_answer(client):
    for path in ("/api/events?limit=1", "/", "/api/events/nope", "/docs"):
        response = client.get(path)
        assert all(name in response.headers for name in HEADERS), path
    policy = client.get("/api/config").headers["content-security-policy"]
    assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
    assert client.get("/").headers["x-frame-options"] == "DENY"


def test_only_configured_host_names_are_answered(client):
    assert client.get("/api/config", headers={"Host": "attacker.example"}).status_code == 400
    assert client.get("/api/config", headers={"Host": "127.0.0.1:8000"}).status_code == 200


def test_export_sends_the_whole_file(client):
    response = client.get("/api/export", params={"format": "jsonl", "unit": "reports"})
    assert response.status_code == 200
    assert len(response.text.splitlines()) == client.get("/api/events", params={"limit": 1}).json()["total"]


def test_many_concurrent_clients_are_all_answered(api_db_url):
    """More clients than threads and pooled connections: before, the server stopped answering."""
    import uvicorn

    from eventatlas.api.app import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(api_db_url, api_token=""), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}/api/events"

    def client(number: int) -> list[int]:
        with httpx.Client(timeout=30) as http:
            return [
                http.get(url, params={"limit": 50, "offset": number % 7, "sort": "-fatalities"}).status_code
                for _ in range(2)
            ]

    try:
        with ThreadPoolExecutor(80) as pool:
            statuses = [status for answer in pool.map(client, range(80)) for status in answer]
    finally:
        server.should_exit = True
        thread.join(10)
    assert statuses == [200] * 160
