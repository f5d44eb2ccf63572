"""Fetching: private addresses refused unless allowed, size cap, timeout, retries with backoff,
redirects checked hop by hop; feeds and URL lists through a local server."""

from __future__ import annotations

import pytest

from eventatlas.errors import InputError
from eventatlas.ingest.fetch import USER_AGENT, Fetcher
from eventatlas.ingest.read import RawInput
from eventatlas.ingest.sources import Failure, SourceReader
from eventatlas.ingest.urls import canonical_url, is_public_address

from .conftest import article_html, feed_xml


def fast_fetcher(**options) -> Fetcher:
    return Fetcher(**{"allow_private": True, "timeout": 1.0, "retries": 2, "backoff": 0.01, **options})


def test_private_addresses_are_refused_unless_allowed(site):
    url = site.add("/page", article_html("Rally", "A rally was held."))
    with Fetcher(timeout=1.0) as fetcher:
        with pytest.raises(InputError, match="non-public address 127.0.0.1.*--allow-private"):
            fetcher.fetch(url)
    assert site.hits.get("/page") is None  # refused before any request was made
    with fast_fetcher() as fetcher:
        fetched = fetcher.fetch(url)
    assert b"A rally was held." in fetched.content and fetched.content_type.startswith("text/html")
    for address in ("10.1.2.3", "192.168.0.1", "169.254.169.254", "::1", "fe80::1", "0.0.0.0"):
        assert not is_public_address(address)
    assert is_public_address("93.184.216.34")


def test_size_cap(site):
    url = site.add("/big", "x" * 5000)
    with fast_fetcher(max_bytes=1000) as fetcher:
        with pytest.raises(InputError, match="too large"):
            fetcher.fetch(url)


def test_timeout_is_retried_then_reported(site):
    url = site.add("/slow", "late")
    site.slow.add("/slow")
    with fast_fetcher(timeout=0.3, retries=1) as fetcher:
        with pytest.raises(InputError, match=r"timed out.*gave up after 2 attempts"):
            fetcher.fetch(url)
    assert site.hits["/slow"] == 2


def test_server_errors_are_retried_with_backoff(site):
    url = site.add("/flaky", article_html("Strike", "Workers went on strike."))
    site.fail_first["/flaky"] = 2
    with fast_fetcher(retries=3) as fetcher:
        assert b"Workers went on strike." in fetcher.fetch(url).content
    assert site.hits["/flaky"] == 3
    site.add("/gone", "", status=404)
    with fast_fetcher() as fetcher:
        with pytest.raises(InputError, match="HTTP 404"):
            fetcher.fetch(site.base + "/gone")
    assert site.hits["/gone"] == 1  # a 404 is not retried


def test_each_redirect_hop_is_checked(site):
    target = site.add("/target", article_html("Target", "The final page."))
    site.add("/moved", target, status=302)
    with fast_fetcher() as fetcher:
        fetched = fetcher.fetch(site.base + "/moved")
    assert fetched.url == target


def test_user_agent_says_who_is_asking():
    assert USER_AGENT.startswith("EventAtlas/")


def test_feed_url_entries_are_fetched_and_keep_entry_metadata(site):
    site.add("/a", article_html("Story A", "Police detained ten protesters at the square on Monday."))
    site.add("/b", article_html("Story B", "Gunmen attacked a checkpoint overnight."))
    feed = site.add("/rss", feed_xml(site.base, ["/a", "/b", "/missing"]), "application/rss+xml")
    with fast_fetcher() as fetcher:
        items = list(SourceReader(fetcher).iter_items([feed]))
    raws = {i.url: i for i in items if isinstance(i, RawInput)}
    failures = [i for i in items if isinstance(i, Failure)]
    assert set(raws) == {site.base + "/a", site.base + "/b"}
    assert raws[site.base + "/a"].title == "Story 0" and raws[site.base + "/a"].published.startswith(
        "Mon, 01 Apr 2024"
    )
    assert [(f.name, f.reason) for f in failures] == [(site.base + "/missing", "HTTP 404 Not Found")]


def test_url_list_file_skips_pages_already_stored(site, tmp_path):
    site.add("/a", article_html("Story A", "Police detained ten protesters at the square on Monday."))
    site.add("/b", article_html("Story B", "Gunmen attacked a checkpoint overnight."))
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# pages\n{site.base}/a\n{site.base}/b?utm_source=x\n", encoding="utf-8")
    stored = {canonical_url(site.base + "/b")}
    with fast_fetcher() as fetcher:
        items = list(SourceReader(fetcher, is_stored=lambda url: url in stored).iter_items([str(listing)]))
    assert [i.url for i in items] == [site.base + "/a"]
    assert "/b" not in site.hits  # never fetched


def test_canonical_url():
    assert (
        canonical_url("HTTPS://Example.COM:443/News/Story/?b=2&a=1&utm_campaign=x&fbclid=y#comments")
        == "https://example.com/News/Story?a=1&b=2"
    )
    assert canonical_url("http://example.com") == "http://example.com/"
    assert canonical_url(None) is None


def test_a_feed_polled_again_is_asked_for_changes_only(site):
    feed = site.add("/rss", feed_xml(site.base, ["/a"]), "application/rss+xml")
    site.etags["/rss"] = '"v1"'
    with fast_fetcher() as fetcher:
        first = fetcher.fetch(feed)
        again = fetcher.fetch(feed)
    assert again.content == first.content
    assert site.not_modified == {"/rss": 1}  # the second poll cost the server a 304
