"""Name keys for gazetteer lookups.

Two keys per name:

* ``normalize``: case, diacritics, hyphens, apostrophes and punctuation folded away
  ("Sar-e Pul" -> "sar e pul"; "St. Louis" -> "saint louis").
* ``skeleton``: the normalized key without spaces and without vowels after the first letter,
  repeated letters collapsed. Transliterations of the same name mostly differ in vowels and
  connecting particles (Sar-e Pol, Sar-i-Pul), so the skeleton is the fallback key when the
  exact key is unknown.
"""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Latin letters with diacritics live below U+0250 and in U+1E00-U+1EFF; anything else with a
# letter in it is another script, whose romanisations we cannot key reliably.
_NON_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2018-\u201f]")
_PREFIX_EXPANSIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}
_VOWELS = re.compile(r"[aeiouy]")


def is_latin(name: str) -> bool:
    """True when every character is in the Latin script (with or without diacritics)."""
    return not _NON_LATIN.search(name)


@lru_cache(maxsize=200_000)
def normalize(name: str) -> str:
    """The lookup key of a name: ASCII, lower case, single spaces, no leading article."""
    text = unidecode(name).lower().replace("'", "").replace("`", "")
    text = _NON_ALNUM.sub(" ", text).strip()
    text = text.removeprefix("the ")
    head, _, rest = text.partition(" ")
    if rest and head in _PREFIX_EXPANSIONS:
        text = _PREFIX_EXPANSIONS[head] + " " + rest
    return text


def skeleton(key: str) -> str:
    """Consonant skeleton of a normalized key ("sar i pul" -> "srpl")."""
    compact = key.replace(" ", "")
    if not compact:
        return ""
    rest = _VOWELS.sub("", compact[1:])
    out = [compact[0]]
    for char in rest:
        if char != out[-1]:
            out.append(char)
    return "".join(out)


_COMPASS_PART = re.compile(r"(?:[\s\-]+\(?(?:North|South|East|West|Northeast|Northwest|Southeast|Southwest)\)?)$")


def without_compass_part(text: str) -> str:
    """"Kordofan-North", "Kivu South": a division split by a compass word (as conflict monitors split
    large provinces) named after the division it is part of. Only tried when the full name fails."""
    return _COMPASS_PART.sub("", text).strip() or text
