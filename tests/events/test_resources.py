"""events.resources: the trie-shaped alternation of literal words."""

from __future__ import annotations

import re

from eventatlas.events.resources import literal_alternation

WORDS = ["car bomb", "car bombs", "car", "cartel", "Boko Haram", "a.b (c)"]


def _matches(pattern: str, text: str) -> list[str]:
    return [m.group(0) for m in re.finditer(r"(?<![\w-])(?:" + pattern + r")(?![\w-])", text, re.IGNORECASE)]


def test_the_longest_word_that_fits_wins_as_in_a_longest_first_alternation():
    flat = "|".join(re.escape(w) for w in sorted(WORDS, key=len, reverse=True))
    text = "A car bombs and a CAR BOMB, a cartel car; Boko Haram's a.b (c) and carts and car-bomb."
    assert _matches(literal_alternation(WORDS), text) == _matches(flat, text)
    assert _matches(literal_alternation(WORDS), text)[:4] == ["car bombs", "CAR BOMB", "cartel", "car"]


def test_no_words_give_an_empty_pattern():
    assert literal_alternation([]) == ""
