"""Remove page furniture from plain text, line by line.

Scraped text often carries the page around the article: comment forms, share buttons, cookie
notices, navigation. Two general signals remove it without any per-site list:
1. a line that matches a furniture pattern (``data/boilerplate.json``) in full;
2. a short line without sentence punctuation whose words are mostly interface vocabulary
   (comment, reply, share, subscribe, email, ...).
Lines are otherwise kept verbatim, so the cleaned text reads as the article did.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"[A-Za-z']+")


@dataclass(frozen=True)
class _Lexicon:
    line_pattern: re.Pattern[str]
    ui_words: frozenset[str]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    data = json.loads(resources.files("eventatlas.clean").joinpath("data/boilerplate.json").read_text("utf-8"))
    pattern = re.compile("^(?:" + "|".join(f"(?:{p})" for p in data["line_patterns"]) + r")[\s.!?:]*$", re.IGNORECASE)
    return _Lexicon(pattern, frozenset(data["ui_words"]))


def is_boilerplate(line: str) -> bool:
    """True when a stripped line is page furniture rather than article prose."""
    stripped = line.strip().strip("|·•»>-–—*#").strip()
    if not stripped:
        return False
    lexicon = _lexicon()
    if lexicon.line_pattern.match(stripped):
        return True
    words = [w.lower() for w in _WORD.findall(stripped)]
    if not words or len(words) > 8:
        return False
    if stripped[-1] in ".?\"'”’»)" and len(words) > 3:
        return False  # a short sentence of prose
    ui_share = sum(w in lexicon.ui_words for w in words) / len(words)
    return ui_share >= 0.5


def remove_boilerplate(text: str) -> str:
    """Drop furniture lines; collapse the blank lines they leave; keep paragraphs intact."""
    kept: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if is_boilerplate(line):
            continue
        if not line.strip() and (not kept or not kept[-1].strip()):
            continue
        kept.append(line.rstrip())
    return "\n".join(kept).strip()


def split_title(text: str) -> tuple[str | None, str]:
    """A plain-text article often starts with its headline alone on a line, followed by a blank
    line. Return (title, body); title is None when the first line reads as a paragraph."""
    lines = text.strip().split("\n")
    if len(lines) < 3:
        return None, text.strip()
    first, second = lines[0].strip(), lines[1].strip()
    words = first.split()
    if second == "" and 2 <= len(words) <= 30 and not first.endswith((".", ":", ";", ",")):
        return first, "\n".join(lines[1:]).strip()
    return None, text.strip()
