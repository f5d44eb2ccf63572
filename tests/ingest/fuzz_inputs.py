"""Seeded generator of malformed inputs for the ingest fuzz test: random bytes, broken encodings,
huge lines, nested markup, broken feeds, damaged WARCs and hostile JSON Lines, each a file with
the suffix that routes it to the reader it attacks. ``good_inputs`` writes the usable files the
same run must store despite all of them."""

from __future__ import annotations

import gzip
import io
import json
import random
from collections.abc import Callable
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .conftest import article_html, feed_xml

SENTENCES = [
    "Hundreds of teachers marched to the ministry on Monday to demand unpaid wages.",
    "Police fired tear gas at the crowd near the central market.",
    "Gunmen attacked a checkpoint outside the town overnight, killing two soldiers.",
    "Residents blocked the highway with burning tyres after the power cut.",
    "The governor said talks with the union would resume on Friday.",
]
SUFFIXES = [".txt", ".html", ".json", ".jsonl", ".xml", ".rss", ".warc", ".warc.gz", ".urls"]


def prose(rng: random.Random, sentences: int = 4) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(sentences))


def random_bytes(rng: random.Random) -> tuple[str, bytes]:
    return rng.choice(SUFFIXES), rng.randbytes(rng.choice([1, 7, 300, 5000, 70000]))


def broken_encoding(rng: random.Random) -> tuple[str, bytes]:
    text = "Café owners in Besançon protested à la mairie. " + prose(rng)
    variants = [
        text.encode("utf-8")[: rng.randrange(1, 60)] + b"\xe2\x82",  # cut inside a character
        text.encode("utf-16-le"),  # no BOM
        b"\xff\xfe" + text.encode("utf-16-le")[:-1],  # BOM, odd length
        text.encode("cp1252") + b"\x81\x8d\x8f\x90\x9d",  # bytes cp1252 leaves undefined
        bytes(rng.randrange(128, 256) for _ in range(400)),
        text.encode("utf-8").replace(b"\xc3", b"\xc3\xc3"),
        "Протест у мэрии, полиция задержала 12 человек.".encode("koi8-r"),
    ]
    return rng.choice([".txt", ".html", ".json"]), rng.choice(variants)


def huge_line(rng: random.Random) -> tuple[str, bytes]:
    size = rng.choice([200_000, 1_100_000])
    unit = rng.choice(["[", "!?", '"', "word ", "a-", "==", "\u200b"])
    line = (unit * (size // len(unit) + 1))[:size]
    if rng.random() < 0.5:
        return ".jsonl", (json.dumps({"text": prose(rng) + line}) + "\n").encode()
    return ".txt", (prose(rng) + " " + line).encode()


def nested_markup(rng: random.Random) -> tuple[str, bytes]:
    depth = rng.choice([300, 3000, 30000])
    tag = rng.choice(["div", "p", "b", "table", "article"])
    body = f"<{tag}>" * depth + prose(rng) + (f"</{tag}>" * depth if rng.random() < 0.5 else "")
    extras = ["", "<!--" * 500, "<script>" + "x" * 50000, "<![CDATA[" * 200, "&#" * 5000]
    return ".html", f"<html><body>{body}{rng.choice(extras)}</body></html>".encode()


def broken_feed(rng: random.Random) -> tuple[str, bytes]:
    feed = feed_xml("http://127.0.0.1:9", ["/a", "/b"])
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi"))
        + ']><rss version="2.0"><channel><item><title>&i;</title><description>&i;</description></item></channel></rss>'
    )
    variants = [
        feed[: rng.randrange(10, len(feed))],
        feed.replace("<link>", "<link>javascript:alert(1)//"),
        feed.replace("<link>", "<link>http://[::1"),
        laughs,
        '<rss version="2.0"><channel>' + "<item><title>x</title></item>" * 2000 + "</channel></rss>",
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">'
        + "&lt;p&gt;" * 3000
        + prose(rng, 30)
        + "</content></entry></feed>",
    ]
    return rng.choice([".rss", ".xml"]), rng.choice(variants).encode()


def warc_bytes(pages: list[tuple[str, bytes]], gzip_records: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_records)
    for url, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


def damaged_warc(rng: random.Random) -> tuple[str, bytes]:
    pages = [(f"https://news.example.com/{n}", article_html(f"Story {n}", prose(rng)).encode()) for n in range(4)]
    style = rng.choice(["records", "whole", "plain"])
    data = bytearray(warc_bytes(pages, gzip_records=style == "records"))
    if style == "whole":
        data = bytearray(gzip.compress(bytes(data)))
    damage = rng.choice(["truncate", "flip", "splice"])
    if damage == "truncate":
        data = data[: rng.randrange(1, len(data))]
    elif damage == "flip":
        for _ in range(rng.randrange(1, 20)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    else:
        start = rng.randrange(len(data))
        data[start:start] = rng.randbytes(rng.randrange(1, 400))
    return (".warc" if style == "plain" else ".warc.gz"), bytes(data)


HOSTILE_JSONL_LINES: list[Callable[[random.Random], str]] = [
    lambda rng: "[" * 100_000,
    lambda rng: '{"text": "a", "n": ' + "9" * 5000 + "}",
    lambda rng: json.dumps({"text": prose(rng), "url": "http://[::1"}),
    lambda rng: json.dumps({"text": prose(rng), "url": "javascript:alert(document.cookie)"}),
    lambda rng: json.dumps({"text": prose(rng), "url": "https://example.com/" + "a" * 5000}),
    lambda rng: json.dumps({"text": "\u0000" * 50 + prose(rng), "url": "https://example.com/\u0000x"}),
    lambda rng: json.dumps({"text": ["not", "a", "string"]}),
    lambda rng: json.dumps({"text": prose(rng), "title": {"nested": [1, 2]}, "published": [2024]}),
    lambda rng: json.dumps({"text": prose(rng), "published": "9999-99-99T99:99"}),
    lambda rng: '{"text": "\\ud800 lone surrogate ' + prose(rng) + '"}',
    lambda rng: "\x00" * 1000,
    lambda rng: json.dumps([{"text": prose(rng)}]),
    lambda rng: "{" + '"a":{' * 3000 + "}" * 3001,
    lambda rng: json.dumps({"html": "<div>" * 5000 + prose(rng)}),
]


def hostile_jsonl(rng: random.Random) -> tuple[str, bytes]:
    lines = [rng.choice(HOSTILE_JSONL_LINES)(rng) for _ in range(rng.randrange(1, 5))]
    return ".jsonl", ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")


KINDS = [random_bytes, broken_encoding, huge_line, nested_markup, broken_feed, damaged_warc, hostile_jsonl]


def write_malformed(folder: Path, count: int, seed: int) -> list[Path]:
    """``count`` malformed files in ``folder``, the same for the same seed. Huge lines are few
    (they are slow by nature, and one of each size says what is needed)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        kind = KINDS[number % len(KINDS)]
        if kind is huge_line and number >= 4 * len(KINDS):
            kind = hostile_jsonl
        suffix, data = kind(rng)
        path = folder / f"{number:04d}-{kind.__name__}{suffix}"
        path.write_bytes(data)
        paths.append(path)
    return paths


def good_inputs(folder: Path, seed: int) -> list[str]:
    """Usable files among the malformed ones, and the unique sentence each must be stored with
    (a JSON Lines file whose good line follows hostile ones, a clean WARC, plain text, HTML)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    markers = [f"Marker {n}: about {400 + n} people rallied at the square in ward {n} on Sunday." for n in range(5)]
    (folder / "good-0.txt").write_text(markers[0] + " " + prose(rng), encoding="utf-8")
    (folder / "good-1.html").write_text(article_html("Rally", markers[1] + " " + prose(rng)), encoding="utf-8")
    hostile = [line(rng) for line in HOSTILE_JSONL_LINES]
    good_line = json.dumps({"text": markers[2] + " " + prose(rng), "url": "https://example.com/good-2"})
    (folder / "good-2.jsonl").write_bytes(("\n".join(hostile + [good_line]) + "\n").encode("utf-8", "surrogatepass"))
    (folder / "good-3.warc.gz").write_bytes(
        gzip.compress(warc_bytes([("https://example.com/good-3", article_html("Rally", markers[3]).encode())], False))
    )
    (folder / "good-4.txt").write_bytes((markers[4] + " Café crème à la mairie.").encode("latin-1"))
    return markers
