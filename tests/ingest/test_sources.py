"""Sources: files, folders, JSONL, JSON, WARC, feeds, URL lists; bad inputs become one-line
failures naming the input, never exceptions."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from eventatlas.ingest.read import RawInput
from eventatlas.ingest.sources import Failure, SourceReader, iter_bytes, looks_like_url_list

from .conftest import article_html


def read_all(*sources, reader=None):
    items = list((reader or SourceReader()).iter_items([str(s) for s in sources]))
    return [i for i in items if isinstance(i, RawInput)], [i for i in items if isinstance(i, Failure)]


def test_folder_is_read_recursively_with_one_failure_per_bad_line(news_dir):
    raws, failures = read_all(news_dir)
    assert sorted(Path(r.name).name for r in raws) == ["one.txt", "two.html", "wire.jsonl:1", "wire.jsonl:3"]
    assert [(Path(f.name).name, f.reason.split(" (")[0]) for f in failures] == [
        ("wire.jsonl:2", "invalid JSON")
    ]
    farmers = next(r for r in raws if r.name.endswith(":1"))
    assert (farmers.url, farmers.published, farmers.is_html) == (
        "https://example.com/farmers",
        "2024-03-01",
        False,
    )
    curfew = next(r for r in raws if r.name.endswith(":3"))
    assert curfew.is_html and curfew.title == "Curfew declared"


def test_json_file_with_a_list_of_articles(tmp_path):
    path = tmp_path / "batch.json"
    path.write_text('[{"text": "First article text."}, {"title": "no body"}, 3]', encoding="utf-8")
    raws, failures = read_all(path)
    assert [r.content for r in raws] == ["First article text."]
    assert [f.reason for f in failures] == [
        "no 'text' or 'html' field with content",
        "expected a JSON object, got int",
    ]


def write_warc(path: Path, records: list[tuple[str, str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=str(path).endswith(".gz"))
        for uri, content_type, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            )
        writer.write_record(
            writer.create_warc_record("https://example.com/meta", "metadata", payload=io.BytesIO(b"x: y"))
        )


def test_warc_gz_gives_html_responses_only(tmp_path):
    path = tmp_path / "crawl-1.warc.gz"
    page = article_html(
        "Market bombing", "A bomb exploded at a crowded market on Thursday, wounding twelve people."
    ).encode()
    write_warc(
        path,
        [
            ("https://news.example.com/bombing", "text/html; charset=utf-8", page),
            ("https://news.example.com/logo.png", "image/png", b"\x89PNG\r\n"),
        ],
    )
    raws, failures = read_all(str(tmp_path / "crawl-*.warc.gz"))  # globs work even unexpanded by a shell
    assert [(r.name, r.url, r.is_html) for r in raws] == [
        ("https://news.example.com/bombing", "https://news.example.com/bombing", True)
    ]
    assert failures == []


def test_damaged_warcs_keep_what_was_read_and_never_raise(tmp_path):
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"<html><body>A web page saved with the wrong name</body></html>\r\n\r\n")
    raws, failures = read_all(path)
    assert raws == [] and len(failures) == 1
    assert failures[0].name == str(path) and failures[0].reason.startswith("not a WARC file")
    truncated = tmp_path / "cut.warc.gz"
    first = article_html("A", "Protesters gathered outside the court on Friday.").encode()
    write_warc(
        truncated,
        [
            ("https://news.example.com/a", "text/html", first),
            ("https://news.example.com/b", "text/html", first * 40),
        ],
    )
    truncated.write_bytes(truncated.read_bytes()[:600])  # cut inside the second record
    raws, failures = read_all(truncated)
    assert [r.name for r in raws][:1] == ["https://news.example.com/a"]


def test_feed_file_entries_with_full_content_need_no_fetching(tmp_path):
    body = "<p>" + "Security forces clashed with protesters outside the parliament on Monday. " * 20 + "</p>"
    feed = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title>'
        f"<item><title>Clashes at parliament</title><link>https://example.com/clashes</link><pubDate>Tue, 02 Apr 2024 08:00:00 GMT</pubDate>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded></item></channel></rss>"
    )
    path = tmp_path / "feed.rss"
    path.write_text(feed, encoding="utf-8")
    raws, failures = read_all(path)
    assert failures == []
    assert [(r.title, r.url, r.published, r.is_html) for r in raws] == [
        ("Clashes at parliament", "https://example.com/clashes", "Tue, 02 Apr 2024 08:00:00 GMT", True)
    ]


def test_bad_inputs_are_failures_naming_the_input(tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    (tmp_path / "empty.html").write_text("   \n", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes(
        "Manifestation à Paris: la police a dispersé les manifestants.".encode("latin-1")
    )
    (tmp_path / "broken.rss").write_text("<rss><channel><item><title>unclosed", encoding="utf-8")
    (tmp_path / "huge.txt").write_bytes(b"a" * (21 * 1024 * 1024))
    raws, failures = read_all(
        *(sorted(tmp_path.iterdir())), tmp_path / "missing.txt", tmp_path / "nothing-*.warc"
    )
    reasons = {Path(f.name).name: f.reason for f in failures}
    assert "binary" in reasons["binary.txt"]
    assert "empty" in reasons["empty.html"]
    broken_feed = [reason for name, reason in reasons.items() if name.startswith("broken.rss")]
    assert (
        len(broken_feed) == 1 and "feed" in broken_feed[0]
    )  # feedparser is lenient: an entry with nothing in it
    assert "too large" in reasons["huge.txt"]
    assert "no such file" in reasons["missing.txt"]
    assert "nothing-*.warc" in reasons
    assert all("\n" not in reason for reason in reasons.values())
    # A legacy encoding is decoded, not refused.
    assert [Path(r.name).name for r in raws] == ["latin1.txt"] and "la police a dispers" in raws[0].content


def test_url_lists_are_recognised():
    assert looks_like_url_list(b"# my feeds\nhttps://example.com/rss\n\nhttp://example.org/atom.xml\n")
    assert not looks_like_url_list(b"Protesters gathered in https://example.com style\nmore text\n")


def test_bytes_from_object_storage_are_split_like_files():
    data = gzip.compress(b"")  # an empty gzip is not a WARC
    items = list(iter_bytes("s3://bucket/shard-1.jsonl", b'{"text": "Police arrested five activists."}\n'))
    assert [i.content for i in items] == ["Police arrested five activists."]
    items = list(iter_bytes("s3://bucket/empty.warc.gz", data))
    assert all(isinstance(i, Failure) for i in items)


def test_json_lines_on_standard_input(monkeypatch):
    import sys

    lines = b'{"text": "Police arrested five activists.", "url": "https://example.com/a"}\n{"text": "Troops shelled a village."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines)))
    raws, failures = read_all("-")
    assert [(r.name, r.url) for r in raws] == [("<stdin>:1", "https://example.com/a"), ("<stdin>:2", None)]
    assert failures == []


def test_atom_feed_file(tmp_path):
    body = (
        "&lt;p&gt;"
        + "Hundreds of nurses marched to the health ministry on Tuesday to demand back pay. " * 15
        + "&lt;/p&gt;"
    )
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
        '<entry><title>Nurses march</title><link href="https://example.com/nurses"/><updated>2024-02-06T09:00:00Z</updated>'
        f'<content type="html">{body}</content></entry></feed>'
    )
    path = tmp_path / "wire.atom"
    path.write_text(atom, encoding="utf-8")
    raws, failures = read_all(path)
    assert failures == []
    assert [(r.title, r.url, r.published) for r in raws] == [
        ("Nurses march", "https://example.com/nurses", "2024-02-06T09:00:00Z")
    ]
    assert "nurses marched" in raws[0].content


def test_warc_record_date_is_only_a_fallback_publication_date(tmp_path):
    from eventatlas.clean import clean

    path = tmp_path / "crawl-2.warc"
    undated = article_html("Market bombing", "A bomb exploded at a crowded market on Thursday, wounding twelve people.")
    write_warc(path, [("https://news.example.com/undated", "text/html", undated.encode())])
    raws, _ = read_all(str(path))
    assert raws[0].fallback_published  # the WARC-Date header: the page was online by then
    document = clean(raws[0])
    assert document.published == raws[0].fallback_published[:10]
    dated = RawInput(name="x", content=undated, is_html=True, published="2021-03-04", fallback_published="2021-05-06")
    assert clean(dated).published == "2021-03-04"  # what the source states wins
