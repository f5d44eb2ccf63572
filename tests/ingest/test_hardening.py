"""Inputs and addresses an attacker (or bad luck) supplies: non-public address ranges, DNS
rebinding, devices and FIFOs, short Latin-1 files, WARCs gzipped as a whole, results that
must not depend on what ran before."""

from __future__ import annotations

import gzip
import io
import os
import socket

import pytest

from eventatlas.clean import clean
from eventatlas.errors import InputError
from eventatlas.ingest import urls as urls_module
from eventatlas.ingest.fetch import Fetcher
from eventatlas.ingest.read import RawInput, decode_bytes, read_input
from eventatlas.ingest.sources import RawInput as SourceRawInput
from eventatlas.ingest.sources import SourceReader, iter_jsonl, iter_warc
from eventatlas.ingest.urls import canonical_url, is_public_address

from .conftest import article_html
from .fuzz_inputs import warc_bytes


@pytest.mark.parametrize(
    "address",
    [
        "100.64.0.1",  # shared address space (carrier-grade NAT, some clouds' metadata service)
        "100.100.100.200",
        "2002:a00:1::1",  # 6to4 of 10.0.0.1
        "2002:7f00:1::",  # 6to4 of 127.0.0.1
        "2001:0:4136:e378:8000:63bf:f5ff:fffe",  # Teredo whose client is 10.0.0.1
        "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
        "64:ff9b:1::a00:1",  # local-use NAT64 (RFC 8215), here of 10.0.0.1
        "::ffff:192.168.1.1",
        "169.254.169.254",
        "0.0.0.0",
        "fd00::1",
        "ff02::1",
    ],
)
def test_non_public_addresses(address):
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700:4700::1111", "2002:5db8:d822::1"])
def test_public_addresses(address):
    assert is_public_address(address)


def test_the_connection_goes_to_the_address_that_was_checked(site, monkeypatch):
    """DNS rebinding: the first answer is public, every later one is 127.0.0.1. The fetcher
    resolves once per connection and connects to that answer, so it never reaches the server."""
    page = site.add("/secret", article_html("Secret", "Internal data."))
    port = int(page.rsplit(":", 1)[1].split("/")[0])
    answers = iter([["93.184.216.34"]])

    def rebinding(host, port_, *args, **kwargs):
        addresses = next(answers, ["127.0.0.1"])
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port_ or 0)) for address in addresses]

    monkeypatch.setattr(urls_module.socket, "getaddrinfo", rebinding)
    with Fetcher(timeout=1, retries=0) as fetcher:
        with pytest.raises(InputError) as error:
            fetcher.fetch(f"http://rebind.example:{port}/secret")
    assert "non-public address 127.0.0.1" in error.value.reason
    assert "/secret" not in site.hits


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "http://[::1", "ftp://x/y", "http://a b/"])
def test_only_http_urls_have_a_canonical_form(url):
    assert canonical_url(url) is None


def test_devices_and_fifos_are_refused(tmp_path):
    with pytest.raises(InputError, match="is a device"):
        read_input("/dev/zero")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="is a FIFO"):
        read_input(fifo)
    items = list(SourceReader().iter_items([str(fifo)]))
    assert [(item.name, item.reason) for item in items] == [(str(fifo), "is a FIFO, not a regular file")]


def test_short_latin1_text_keeps_its_accents():
    for text in ("Il était à Paris.", "Café crème", "São Paulo: manifestação"):
        assert decode_bytes(text.encode("latin-1"), "t.txt") == text


def test_a_warc_gzipped_as_a_whole_gives_every_page():
    pages = [(f"https://news.example.com/{n}", article_html(f"S{n}", f"Page {n} text.").encode()) for n in range(4)]
    whole = gzip.compress(warc_bytes(pages, gzip_records=False))
    items = list(iter_warc("crawl.warc.gz", io.BytesIO(whole)))
    assert [item.name for item in items] == [url for url, _ in pages]


def test_one_bad_jsonl_line_never_hides_the_next():
    lines = b'{"text": "x", "n": ' + b"1" * 5000 + b"}\n" + b"[" * 50000 + b'\n{"text": "Riot police dispersed a march."}\n'
    items = list(iter_jsonl("wire.jsonl", io.BytesIO(lines)))
    assert [type(item).__name__ for item in items] == ["Failure", "Failure", "RawInput"]
    assert [item.name for item in items] == ["wire.jsonl:1", "wire.jsonl:2", "wire.jsonl:3"]


def test_the_same_page_cleans_the_same_every_time():
    page = article_html("Curfew", "A curfew was declared after riots damaged shops in the old town on Saturday.")
    texts = {clean(RawInput(name=f"copy{n}.html", content=page, is_html=True)).text for n in range(5)}
    assert len(texts) == 1


def test_nul_characters_and_lone_surrogates_are_dropped():
    raw = SourceRawInput(name="x", content="Police\x00 fired \ud800tear gas.", is_html=False, title="T\x00")
    assert raw.content == "Police fired ?tear gas." and raw.title == "T"
