"""Read one input (a file, or standard input) into a RawInput, refusing what cannot be text.

Every refusal is an ``InputError`` whose message names the input and says why on one line:
missing, a directory, binary, too large, empty, undecodable.
"""

from __future__ import annotations

import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Optional

from charset_normalizer import from_bytes

from eventatlas.errors import InputError

MAX_INPUT_BYTES = 20 * 1024 * 1024  # a news article is KBs; 20 MB is far past any real page
_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<div", b"<p>", b"<p ", b"<meta")
# Web defaults, in order, for a tie between equally plausible single-byte code pages.
_TIE_PREFERENCE = ("cp1252", "latin_1", "iso8859_15")
_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}


@dataclass
class RawInput:
    """One input before cleaning: its text (HTML or plain) and whatever metadata came with it."""

    name: str  # file name, URL or "<stdin>": what `document.source` shows
    content: str
    is_html: bool
    url: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None
    # A date known from outside the page (a WARC record's HTTP Last-Modified or WARC-Date): the
    # page was online by then. Used only when neither the caller nor the page states a date.
    fallback_published: Optional[str] = None
    path: Optional[str] = None  # the path it was read from, as given: what error messages name

    def __post_init__(self) -> None:
        # NUL bytes (PostgreSQL refuses them in text) and lone surrogates from JSON escapes
        # (no encoding can write them) are damage, not content.
        self.content = storable_text(self.content)
        self.title, self.published = storable_text(self.title), storable_text(self.published)

    @property
    def label(self) -> str:
        """How messages about this input name it: its path when it came from a file."""
        return self.path or self.name


def storable_text(value: str | None) -> str | None:
    """``value`` without NUL characters, lone surrogates replaced (None stays None)."""
    if value is None:
        return None
    if "\x00" in value:
        value = value.replace("\x00", "")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-8", "replace").decode("utf-8")
    return value


def looks_binary(data: bytes) -> bool:
    """NUL bytes or a high share of control characters mean this is not text in any encoding
    a news page uses (UTF-16 is detected by its BOM before this check)."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    control = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13, 27))
    return control / len(sample) > 0.05


def decode_bytes(data: bytes, source: str) -> str:
    """Decode bytes of unknown encoding: UTF-8 (with or without BOM) or UTF-16 with a BOM first,
    then charset-normalizer's best guess; refuse binary and undecodable data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError(source, f"undecodable UTF-16 text ({error.reason})") from None
    if looks_binary(data):
        raise InputError(source, "binary data, not text or HTML")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    encoding = guess_encoding(data[:200_000])
    if encoding is None:
        raise InputError(source, "undecodable text: not UTF-8 and no other encoding fits")
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(source, f"undecodable text (tried {encoding})") from None


def guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's best guess; among the guesses it cannot tell apart (a short text fits
    many single-byte code pages equally well), Windows-1252, the web's default for unlabelled
    Western text (WHATWG), so a short Latin-1 file keeps its accents."""
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    tied = [m.encoding for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    for preferred in _TIE_PREFERENCE:
        if preferred in tied:
            return preferred
    return best.encoding


def is_html(content: str, name: str = "") -> bool:
    if Path(name).suffix.lower() in _HTML_SUFFIXES:
        return True
    head = content[:2048].lstrip().lower().encode("utf-8", "ignore")
    return any(marker in head for marker in _HTML_MARKERS)


def read_bytes(data: bytes, name: str, *, url: str | None = None) -> RawInput:
    """Turn raw bytes from anywhere (file, stdin, HTTP, WARC) into a RawInput."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(name, f"too large ({len(data) // (1024 * 1024)} MB; the limit is {MAX_INPUT_BYTES // (1024 * 1024)} MB)")
    if not data.strip():
        raise InputError(name, "empty input")
    content = decode_bytes(data, name)
    if not content.strip():
        raise InputError(name, "empty input")
    return RawInput(name=name, content=content, is_html=is_html(content, name), url=url)


def refuse_special_file(path: Path, name: str) -> None:
    """Only regular files are read: a device (/dev/zero) never ends, a FIFO blocks until some
    other process writes to it."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        raise InputError(name, f"cannot be read ({error.strerror or error})") from None
    if not stat.S_ISREG(mode):
        kind = next((kind for test, kind in _SPECIAL_FILES if test(mode)), "a special file")
        raise InputError(name, f"is {kind}, not a regular file")


def read_input(source: str | Path, stdin: Optional[BinaryIO] = None) -> RawInput:
    """Read a file path, or ``-`` for standard input."""
    if str(source) == "-":
        stream = stdin or sys.stdin.buffer
        return read_bytes(stream.read(MAX_INPUT_BYTES + 1), "<stdin>")
    path = Path(source)
    name = str(source)
    if not path.exists():
        raise InputError(name, "no such file")
    if path.is_dir():
        raise InputError(name, "is a directory (use `eventatlas ingest` for folders)")
    refuse_special_file(path, name)
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(name, f"too large ({size // (1024 * 1024)} MB; the limit is {MAX_INPUT_BYTES // (1024 * 1024)} MB)")
        with path.open("rb") as stream:  # bounded: a file may grow while it is read
            data = stream.read(MAX_INPUT_BYTES + 1)
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as error:
        raise InputError(name, f"cannot be read ({error.strerror or error})") from None
    raw = read_bytes(data, name)
    raw.name, raw.path = path.name, name  # the document's source is the file name; errors name the path
    return raw
