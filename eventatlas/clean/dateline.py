"""Separate a wire dateline ("NAIROBI, Kenya, Sept 7 (Reuters) -") from the article body.

A dateline says where the reporter filed from and when, not where or when the events took
place; left in the body, it reads as the place and date of the first sentence's event.
"""

from __future__ import annotations

import re

_PLACE = r"[A-Z][A-Za-z'’.\- ]{1,40}"
_DATE = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?)"
_AGENCY = r"\([A-Za-z][A-Za-z .&/'-]{0,30}\)"
# a reporter's byline may stand on its own line above the dateline ("By Jane Doe\n")
_BYLINE = re.compile(r"^[ \t]*By[ \t]+[A-Z][\w.'’\-]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w.'’\-]*){0,5}[ \t]*\n\s*")
_DATELINE = re.compile(
    rf"(?P<dateline>(?P<places>(?P<place>{_PLACE})(?:,\s*{_PLACE}){{0,2}})(?:,\s*{_DATE})?\s*(?P<agency>{_AGENCY})?\s*[-–—:\ufffd]{{1,2}})\s+(?=\S)"
)


def dateline_place(dateline: str) -> str | None:
    """The place part of a dateline ("NAIROBI, Kenya" of "NAIROBI, Kenya, Sept 7 (Reuters) -"),
    or None when it names none ("(Reuters) -")."""
    match = _DATELINE.match(dateline + " x")
    return match.group("places").strip() if match else None


def split_dateline(body: str) -> tuple[str | None, str]:
    """(dateline, body without it). Only a line-initial prefix that looks like a dateline counts,
    at the start of the body or right under a byline: an all-capitals place name ("KYIV,
    Ukraine —") or a news agency in brackets ("(Reuters) -")."""
    byline = _BYLINE.match(body)
    offset = byline.end() if byline else 0
    match = _DATELINE.match(body, offset)
    if not match:
        return None, body
    first_word = match.group("place").split()[0].strip(".,")
    if not (match.group("agency") or (len(first_word) >= 3 and first_word.isupper())):
        return None, body
    return match.group("dateline").strip(), body[:offset] + body[match.end() :]
