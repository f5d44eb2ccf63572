"""ingest.read: one file or stdin in, text out; every unusable input refused on one line."""

from __future__ import annotations

import io

import pytest

from eventatlas.errors import InputError
from eventatlas.ingest.read import MAX_INPUT_BYTES, decode_bytes, is_html, read_bytes, read_input


def test_reads_utf8_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Protesters gathered in the square.\n", encoding="utf-8")
    raw = read_input(path)
    assert raw.content.startswith("Protesters") and not raw.is_html and raw.name == "a.txt"


def test_detects_html_by_content_and_suffix(tmp_path):
    assert is_html("<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert is_html("plain words", "page.htm")
    assert not is_html("Plain text about <b> tags in prose? No.")


def test_reads_stdin():
    raw = read_input("-", stdin=io.BytesIO(b"Police arrested ten people."))
    assert raw.name == "<stdin>" and raw.content == "Police arrested ten people."


def test_decodes_legacy_encodings_and_utf16():
    assert decode_bytes("Café de la Paix à Genève".encode("utf-16"), "x") == "Café de la Paix à Genève"
    text = "Les manifestants se sont rassemblés à Genève devant le palais, où la police était présente."
    assert decode_bytes(text.encode("cp1252"), "x") == text


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"   \n\t  ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(256)) * 10, "binary"),
    ],
)
def test_refuses_unusable_bytes(data, reason):
    with pytest.raises(InputError) as error:
        read_bytes(data, "input.bin")
    assert reason in str(error.value) and str(error.value).startswith("input.bin:")
    assert "\n" not in str(error.value)


def test_refuses_missing_directory_and_huge(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_input(tmp_path / "absent.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_input(tmp_path)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 1)
    with pytest.raises(InputError, match="too large"):
        read_input(huge)
