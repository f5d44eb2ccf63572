"""Separate a wire dateline ("NAIROBI, Kenya, Sept 7 (Reuters) -") from the article body.

A dateline says where the reporter filed from and when, not where or when the events took
place; left in the body, it reads as the place and date of the first sentence's event.
"""

from __future__ import annotations

import re

_PLACE = r"[A-Z][A-Za-z'’.\- ]{1,40}"
_DATE = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?)"
_AGENCY = r"\([A-Za-z][A-Za-z .&/'-]{0,30}\)"
_DATELINE = re.compile(
    rf"^(?P<dateline>(?P<place>{_PLACE})(?:,\s*{_PLACE}){{0,2}}(?:,\s*{_DATE})?\s*(?P<agency>{_AGENCY})?\s*[-–—:\ufffd]{{1,2}})\s+(?=\S)"
)


def split_dateline(body: str) -> tuple[str | None, str]:
    """(dateline, body without it). Only a line-initial prefix that looks like a dateline counts:
    an all-capitals place name ("KYIV, Ukraine —") or a news agency in brackets ("(Reuters) -")."""
    match = _DATELINE.match(body)
    if not match:
        return None, body
    first_word = match.group("place").split()[0].strip(".,")
    if not (match.group("agency") or (len(first_word) >= 3 and first_word.isupper())):
        return None, body
    return match.group("dateline").strip(), body[match.end() :]
