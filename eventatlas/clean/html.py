"""Main text and metadata of a web page, with trafilatura.

trafilatura drops navigation, comment sections, share bars and related-article lists; we ask it
for precision and no comments, since comment text must never be read as reporting.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import trafilatura
from lxml.etree import ParserError, XMLSyntaxError

from eventatlas.errors import InputError


@dataclass
class PageText:
    text: str
    title: Optional[str] = None
    date: Optional[str] = None
    url: Optional[str] = None
    site: Optional[str] = None


def extract_page(html: str, source: str, url: str | None = None) -> PageText:
    """Extract the article body and metadata of an HTML page; InputError when there is none."""
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            # No deduplication: trafilatura's cache lives for the whole process, so the fourth
            # copy of a page would lose its text and results would depend on what ran before.
            deduplicate=False,
        )
    except (ParserError, XMLSyntaxError, ValueError, RecursionError) as error:
        raise InputError(source, f"malformed HTML ({str(error).splitlines()[0] if str(error) else type(error).__name__})") from None
    if result is None:
        raise InputError(source, "no article text found in the HTML page")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = (data.get("text") or "").strip()
    if not text:
        raise InputError(source, "no article text found in the HTML page")
    return PageText(
        text=text,
        title=data.get("title") or None,
        date=data.get("date") or None,
        url=data.get("url") or url,
        site=data.get("sitename") or data.get("hostname") or None,
    )
