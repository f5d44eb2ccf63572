"""Turn what the user names (files, folders, globs, JSONL, WARC, RSS/Atom feeds, URL lists,
URLs, standard input) into a stream of RawInputs, one per article.

Every input that cannot be used becomes a ``Failure`` naming it and saying why, in the same
stream, so one bad file, line, record or URL never stops the rest.

Container formats are parsed from a binary stream (``iter_stream``), so the local ingest and
Ray workers (which get file bytes, possibly from object storage) share the same code.
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, Union

import feedparser

from eventatlas.errors import InputError
from eventatlas.ingest.fetch import Fetcher
from eventatlas.ingest.read import (
    MAX_INPUT_BYTES,
    RawInput,
    decode_bytes,
    read_bytes,
    read_input,
    refuse_special_file,
)
from eventatlas.ingest.urls import canonical_url, is_url

# What a folder is searched for; a file named explicitly is read whatever its suffix.
DOCUMENT_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
WARC_SUFFIXES = {".warc", ".warc.gz", ".arc", ".arc.gz"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
URL_LIST_SUFFIXES = {".urls"}
FOLDER_SUFFIXES = (
    DOCUMENT_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | WARC_SUFFIXES | FEED_SUFFIXES | URL_LIST_SUFFIXES
)

FEED_ENTRY_MIN_CHARS = 1000  # a feed entry's own content shorter than this is a teaser: fetch the page
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class Failure:
    """An input that was skipped, and why (one line)."""

    name: str
    reason: str

    @classmethod
    def of(cls, error: InputError) -> "Failure":
        return cls(error.source, error.reason)


Item = Union[RawInput, Failure]


def suffix_of(name: str) -> str:
    lower = name.lower().rsplit("/", 1)[-1]
    for double in (".warc.gz", ".arc.gz"):
        if lower.endswith(double):
            return double
    return Path(lower).suffix


def expand_paths(source: str) -> list[Path] | None:
    """The files a path-like source stands for (folders recursively, globs expanded), or None
    when ``source`` does not look like a path at all. Hidden files and folders are skipped."""
    path = Path(source).expanduser()
    if path.is_dir():
        return sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and suffix_of(p.name) in FOLDER_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
    if path.exists():
        return [path]
    if any(char in source for char in "*?["):
        return sorted(Path(p) for p in glob.glob(str(path), recursive=True) if Path(p).is_file())
    return None


class SourceReader:
    """Reads sources into Items. ``fetcher`` is needed for URLs and for feeds whose entries are
    teasers; ``is_stored(url)`` lets it skip fetching pages already in the database (a feed
    polled every 15 minutes repeats most of its entries)."""

    def __init__(
        self,
        fetcher: Fetcher | None = None,
        is_stored: Callable[[str], bool] | None = None,
        fetch_threads: int = 4,
    ):
        self.fetcher = fetcher
        self.allow_private = bool(fetcher and fetcher.allow_private)
        self.is_stored = is_stored or (lambda _url: False)
        self.fetch_threads = fetch_threads

    def iter_items(self, sources: Iterable[str]) -> Iterator[Item]:
        for source in sources:
            source = str(source)
            if source == "-":
                yield from self._guard(source, self._stdin)
            elif is_url(source):
                yield from self._guard(source, lambda source=source: self.iter_urls([source]))
            else:
                paths = expand_paths(source)
                if paths is None:
                    yield Failure(source, "no such file or folder")
                elif not paths:
                    yield Failure(
                        source,
                        "no readable inputs there (.txt, .html, .json, .jsonl, .warc[.gz], .rss/.atom/.xml, .urls)",
                    )
                for path in paths or []:
                    yield from self._guard(str(path), lambda path=path: self.iter_path(path))

    def _guard(self, name: str, produce: Callable[[], Iterable[Item]]) -> Iterator[Item]:
        # A parser bug or an unexpected library error on one input must not end the run.
        try:
            yield from produce()
        except InputError as error:
            yield Failure.of(error)
        except Exception as error:  # noqa: BLE001 - whatever a library raises, the run goes on
            yield Failure(name, f"unreadable ({_describe(error)})")

    def _stdin(self) -> Iterator[Item]:
        raw = read_input("-")
        first = raw.content.lstrip().split("\n", 1)[0]
        if first.startswith("{") and _is_json_object(first):
            # JSON Lines piped in (``jq -c ... | eventatlas ingest -``): one article per line.
            yield from iter_jsonl("<stdin>", io.BytesIO(raw.content.encode("utf-8")))
            return
        yield raw

    def iter_path(self, path: Path) -> Iterator[Item]:
        name = str(path)
        refuse_special_file(path, name)
        kind = suffix_of(path.name)
        if (
            kind in JSONL_SUFFIXES | JSON_SUFFIXES | WARC_SUFFIXES | FEED_SUFFIXES | URL_LIST_SUFFIXES
            or kind == ".txt"
        ):
            size = path.stat().st_size
            if kind not in JSONL_SUFFIXES | WARC_SUFFIXES and size > MAX_INPUT_BYTES:
                raise InputError(
                    name,
                    f"too large ({size // (1024 * 1024)} MB; the limit is {MAX_INPUT_BYTES // (1024 * 1024)} MB)",
                )
            if kind == ".txt":
                with path.open("rb") as stream:
                    head = stream.read(65536)
                if not looks_like_url_list(head):
                    yield read_input(path)
                    return
                kind = ".urls"
            with path.open("rb") as stream:
                yield from self.iter_stream(name, stream, kind)
            return
        yield read_input(path)

    def iter_stream(self, name: str, stream: IO[bytes], kind: str | None = None) -> Iterator[Item]:
        """Items from one file's bytes; ``kind`` is a suffix (default: from ``name``)."""
        kind = kind or suffix_of(name)
        if kind in JSONL_SUFFIXES:
            yield from iter_jsonl(name, stream)
        elif kind in JSON_SUFFIXES:
            yield from iter_json(name, stream.read(MAX_INPUT_BYTES + 1))
        elif kind in WARC_SUFFIXES:
            yield from iter_warc(name, stream)
        elif kind in FEED_SUFFIXES:
            data = stream.read(MAX_INPUT_BYTES + 1)
            if looks_like_feed(data):
                yield from self.iter_feed(name, data)
            else:
                raw = read_bytes(data, name)
                raw.name, raw.path = Path(name).name, name
                yield raw
        elif kind in URL_LIST_SUFFIXES:
            text = decode_bytes(stream.read(MAX_INPUT_BYTES + 1), name)
            urls = []
            for number, line in enumerate(text.splitlines(), 1):
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                if canonical_url(line) is None:
                    yield Failure(f"{name}:{number}", "not an http(s) URL")
                else:
                    urls.append(line)
            yield from self.iter_urls(urls)
        else:
            raw = read_bytes(stream.read(MAX_INPUT_BYTES + 1), name)
            raw.name, raw.path = Path(name).name, name
            yield raw

    # --- URLs and feeds -------------------------------------------------------------------

    def iter_urls(self, urls: Iterable[str]) -> Iterator[Item]:
        """Fetch each URL (a few at a time, in order); a feed gives its entries, a page itself.
        URLs whose page is already stored are not fetched."""
        if self.fetcher is None:
            for url in urls:
                yield Failure(url, "fetching URLs is not enabled here")
            return
        threads = max(1, self.fetch_threads)
        with ThreadPoolExecutor(max_workers=threads) as pool:
            # A few chunks at a time, not all at once: a long URL list must not sit in memory as pages.
            chunk: list[str] = []
            for url in urls:
                if self.is_stored(canonical_url(url) or url):
                    continue
                chunk.append(url)
                if len(chunk) == 4 * threads:
                    yield from self._fetch_chunk(pool, chunk)
                    chunk = []
            if chunk:
                yield from self._fetch_chunk(pool, chunk)

    def _fetch_chunk(self, pool: ThreadPoolExecutor, urls: list[str]) -> Iterator[Item]:
        for url, outcome in zip(urls, pool.map(self._fetch_quietly, urls), strict=True):
            if isinstance(outcome, Failure):
                yield outcome
                continue
            fetched = outcome
            content_type = fetched.content_type.split(";")[0].strip().lower()
            if not content_type.startswith(HTML_CONTENT_TYPES) and looks_like_feed(fetched.content):
                yield from self._guard(url, lambda url=url, data=fetched.content: self.iter_feed(url, data))
                continue
            if content_type and not content_type.startswith(
                ("text/", "application/xhtml", "application/xml")
            ):
                yield Failure(url, f"not a web page or feed (content type {content_type})")
                continue
            try:
                raw = read_bytes(fetched.content, url, url=fetched.url)
            except InputError as error:
                yield Failure.of(error)
                continue
            raw.is_html = raw.is_html or content_type.startswith(HTML_CONTENT_TYPES)
            yield raw

    def _fetch_quietly(self, url: str):
        try:
            return self.fetcher.fetch(url)
        except InputError as error:
            return Failure.of(error)

    def iter_feed(self, name: str, data: bytes) -> Iterator[Item]:
        """The articles of an RSS/Atom feed: an entry's own full content when it has it,
        otherwise the page it links to; each keeps the entry's title and date."""
        feed = feedparser.parse(data)
        if not feed.entries:
            problem = getattr(feed, "bozo_exception", None)
            reason = (
                f"malformed feed ({str(problem).splitlines()[0]})" if problem else "a feed with no entries"
            )
            raise InputError(name, reason)
        to_fetch: dict[str, dict] = {}
        for number, entry in enumerate(feed.entries, 1):
            link = entry.get("link")
            link = link if isinstance(link, str) and canonical_url(link) else None  # http(s) only
            title = entry.get("title")
            published = entry.get("published") or entry.get("updated")
            content = " ".join(part.get("value", "") for part in entry.get("content", []) or [])
            if len(content) >= FEED_ENTRY_MIN_CHARS or (content and not link):
                yield RawInput(
                    name=link or f"{name} entry {number}",
                    content=content,
                    is_html=True,
                    url=link,
                    title=title,
                    published=published,
                )
            elif link:
                to_fetch[link] = {"title": title, "published": published}
            else:
                yield Failure(f"{name} entry {number}", "feed entry without a link or content")
        for item in self.iter_urls(list(to_fetch)):
            if isinstance(item, RawInput):
                meta = to_fetch.get(item.name, {})
                item.title = item.title or meta.get("title")
                item.published = item.published or meta.get("published")
            yield item


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def url_list(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def looks_like_url_list(head: bytes) -> bool:
    """A .txt file is a URL list when every non-blank, non-comment line is one http(s) URL."""
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    lines = url_list(text)
    if len(head) == 65536 and lines:
        lines = lines[:-1]  # the last line may be cut
    return bool(lines) and all(is_url(line) and " " not in line for line in lines)


def _record(name: str, record: object) -> Item:
    """A JSON object with ``text`` or ``html`` (and optional ``url``, ``title``, ``published``)."""
    if not isinstance(record, dict):
        return Failure(name, f"expected a JSON object, got {type(record).__name__}")
    html, text = record.get("html"), record.get("text")
    content = html if isinstance(html, str) and html.strip() else text
    if not isinstance(content, str) or not content.strip():
        return Failure(name, "no 'text' or 'html' field with content")
    if len(content) > MAX_INPUT_BYTES:
        return Failure(name, f"too large (the limit is {MAX_INPUT_BYTES // (1024 * 1024)} MB)")

    def field(key: str) -> str | None:
        value = record.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # a year or a timestamp
        return (value.strip() or None) if isinstance(value, str) else None  # objects and lists: ignored

    return RawInput(
        name=name,
        content=content,
        is_html=content is html,
        url=field("url"),
        title=field("title"),
        published=field("published"),
    )


def iter_jsonl(name: str, stream: IO[bytes]) -> Iterator[Item]:
    """One article per line; a broken line is a Failure naming ``file:line``."""
    for number, line in enumerate(stream, 1):
        where = f"{name}:{number}"
        if not line.strip():
            continue
        if len(line) > MAX_INPUT_BYTES:
            yield Failure(where, "line too large")
            continue
        try:
            record = json.loads(line.decode("utf-8-sig"))
        except UnicodeDecodeError:
            yield Failure(where, "not UTF-8 (JSON Lines must be UTF-8)")
            continue
        except json.JSONDecodeError as error:
            yield Failure(where, f"invalid JSON ({error.msg} at column {error.colno})")
            continue
        except (ValueError, RecursionError) as error:  # a 5,000-digit number, nesting too deep
            yield Failure(where, f"unusable JSON ({_describe(error)})")
            continue
        yield _record(where, record)


def iter_json(name: str, data: bytes) -> Iterator[Item]:
    """A .json file: one article object, or a list of them."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(name, f"too large (the limit is {MAX_INPUT_BYTES // (1024 * 1024)} MB)")
    try:
        value = json.loads(decode_bytes(data, name))
    except json.JSONDecodeError as error:
        raise InputError(name, f"invalid JSON ({error.msg} at line {error.lineno})") from None
    except (ValueError, RecursionError) as error:  # a 5,000-digit number, nesting too deep
        raise InputError(name, f"unusable JSON ({_describe(error)})") from None
    if isinstance(value, list):
        for number, record in enumerate(value, 1):
            yield _record(f"{name}[{number}]", record)
    else:
        yield _record(name, value)


def iter_warc(name: str, stream: IO[bytes]) -> Iterator[Item]:
    """HTML pages from the HTTP responses in a WARC (or ARC) file, gzipped or not. Other
    records (requests, metadata, images, errors) are passed over. A record that cannot be read
    is a Failure naming it and the reading goes on; damage that ends the file keeps the pages
    read before it and ends with a Failure saying where it broke."""
    start = _archive_start(stream)
    if not start.startswith((b"WARC/", b"filedesc://")):
        # warcio reads almost any text line as an ARC header: check the format ourselves.
        shown = start[:30].decode("utf-8", "replace").splitlines()[0] if start.strip() else "nothing"
        raise InputError(name, f"not a WARC file (it starts with {shown!r})")
    if _gzipped_as_one(stream):
        # warcio expects one gzip member per record and stops after the first record of a file
        # gzipped as a whole (``gzip crawl.warc``): gunzip that here.
        stream = gzip.GzipFile(fileobj=stream, mode="rb")
    number = 0
    records = iter(_archive_iterator()(stream, arc2warc=True))
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as error:  # truncated gzip, bad chunking, a header warcio cannot parse
            yield Failure(name, f"damaged WARC after {number} records ({_describe(error)})")
            return
        number += 1
        try:
            item = _warc_page(name, number, record)
        except Exception as error:  # one damaged record: report it, read the next
            item = Failure(f"{name} record {number}", f"damaged record ({_describe(error)})")
        if item is not None:
            yield item
    if number == 0:
        yield Failure(name, "malformed WARC: no records in it")


@lru_cache(maxsize=1)
def _archive_iterator():
    """warcio's ArchiveIterator (imported on first use), silenced: warcio writes a three-line
    warning straight to stderr when a record's length looks wrong and reads on; damage that
    matters is reported as a one-line Failure instead."""
    from warcio.archiveiterator import ArchiveIterator

    return type("QuietArchiveIterator", (ArchiveIterator,), {"INC_RECORD": ""})


def _warc_page(name: str, number: int, record) -> Item | None:
    """The page in one WARC record, a Failure, or None for a record that holds no page."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"{name} record {number}"
    status = record.http_headers.get_statuscode()
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if status != "200" or (content_type and content_type not in HTML_CONTENT_TYPES):
        return None
    data = record.content_stream().read(MAX_INPUT_BYTES + 1)
    try:
        raw = read_bytes(data, uri, url=uri if is_url(uri) else None)
    except InputError as error:
        return Failure(f"{name}: {error.source}", error.reason)
    raw.is_html = True
    raw.fallback_published = record.http_headers.get_header("Last-Modified") or record.rec_headers.get_header(
        "WARC-Date"
    )
    return raw


def _describe(error: BaseException) -> str:
    """``Type: first line of the message`` (one line, bounded)."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text}"[:300] if text else type(error).__name__


def _gzipped_as_one(stream: IO[bytes], block: int = 65536) -> bool:
    """Whether a gzipped archive's first gzip member holds more than one record (read only as
    far as the end of that member or the start of a second record; the stream is rewound)."""
    if stream.read(2) != b"\x1f\x8b":
        stream.seek(0)
        return False
    stream.seek(0)
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
    seen = b""
    try:
        while not inflate.eof:
            data = stream.read(block)
            if not data:
                break
            seen = seen[-16:] + inflate.decompress(data)
            if b"\nWARC/1." in seen:  # a second record (a false alarm costs nothing: gzip
                return True  # reads a file of many members as one stream too)
    except zlib.error:
        return False
    finally:
        stream.seek(0)
    return False


def _archive_start(stream: IO[bytes]) -> bytes:
    """The first bytes of an archive, gunzipped if need be; the stream is rewound."""
    head = stream.read(4096)
    stream.seek(0)
    if head[:2] == b"\x1f\x8b":
        try:
            return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)[:64]
        except zlib.error:
            return b""
    return head[:64].lstrip()


def iter_bytes(name: str, data: bytes, reader: SourceReader | None = None) -> Iterator[Item]:
    """Items from one file's bytes (what a Ray worker gets from ``read_binary_files``)."""
    reader = reader or SourceReader()
    return reader._guard(
        name,
        lambda: reader.iter_stream(name, io.BufferedReader(io.BytesIO(data)), _kind_for_bytes(name, data)),
    )


def _kind_for_bytes(name: str, data: bytes) -> str:
    kind = suffix_of(name)
    if kind == ".txt" and looks_like_url_list(data[:65536]):
        return ".urls"
    return kind
