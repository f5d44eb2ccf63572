"""Reading the words of a match: month names, day and number words, spelled years, modifiers."""

from __future__ import annotations

import re

from eventatlas.time.lexicon import lexicon
from eventatlas.time.values import TimeValue


def plain(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").replace(".", "").split())


def month_number(word: str) -> int:
    return lexicon()["months"][word.lower().rstrip(".")]


def number_of(word: str) -> int | None:
    word = plain(word)
    if word.isdigit():
        return int(word)
    numbers = lexicon()["number_words"]
    if word in numbers:
        return numbers[word]
    parts = word.split()
    if len(parts) == 2 and parts[0] in numbers and parts[1] in numbers:
        return numbers[parts[0]] + numbers[parts[1]]
    return None


def day_number(word: str) -> int | None:
    word = word.lower()
    ordinals = lexicon()["ordinal_words"]
    if word in ordinals:
        return ordinals[word]
    digits = re.match(r"\d+", word)
    if digits:
        day = int(digits.group())
        return day if 1 <= day <= 31 else None
    return None


def spelled_year(text: str) -> int | None:
    words = plain(text).replace(" hundred and", "").split()
    numbers = lexicon()["number_words"]
    if not words:
        return None
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + sum(numbers.get(w, 0) for w in rest)
    century = numbers.get(words[0])
    if century is None:
        return None
    rest = [w for w in words[1:] if w != "oh"]
    return century * 100 + sum(numbers.get(w, 0) for w in rest)


def year_of(text: str | None) -> int | None:
    if not text:
        return None
    text = text.strip()
    if text.isdigit():
        return int(text)
    return spelled_year(text)


def mod_of(text: str | None) -> str | None:
    if not text:
        return None
    word = plain(text)
    lx = lexicon()["modifiers"]
    for mod, words in (("START", lx["start"]), ("MID", lx["mid"]), ("END", lx["end"])):
        if any(word == plain(w) for w in words):
            return mod
    return None


def with_mod(value: TimeValue | None, mod_text: str | None) -> TimeValue | None:
    if value is not None:
        value.mod = mod_of(mod_text) or value.mod
    return value


def time_suffix(part: str | None) -> str:
    if not part:
        return ""
    code = lexicon()["parts_of_day"].get(part.lower())
    return f"T{code}" if code else ""
