"""The clean stage: from a RawInput (HTML or plain text) to a Document with a clean body.

HTML goes through trafilatura (main text, title, date, url, site); plain text goes through a
line-level boilerplate filter. Either way the result must contain article prose only.
"""

from __future__ import annotations

import re

from eventatlas.clean.boilerplate import remove_boilerplate, split_title
from eventatlas.clean.dateline import dateline_place, split_dateline
from eventatlas.errors import InputError
from eventatlas.ingest.read import RawInput, storable_text
from eventatlas.models import Document

__all__ = ["clean", "detect_language", "remove_boilerplate"]

_WORDS = re.compile(r"[^\W\d_]{2,}")  # at least one word of two letters, in any script


def clean(raw: RawInput, published: str | None = None) -> Document:
    """Build the Document for one input. ``published`` (ISO date or any date string) overrides
    whatever date the input carries; with neither, the document's date stays None."""
    from eventatlas.time.published import (
        parse_published,
        publication_date_from_html,
        publication_date_from_text,
    )

    title, url, site = raw.title, raw.url, None
    if raw.is_html:
        from eventatlas.clean.html import extract_page  # trafilatura and lxml: only for pages

        page = extract_page(raw.content, raw.name, url=raw.url)
        body = remove_boilerplate(page.text)  # trafilatura can keep a stray share line
        title = title or page.title
        url = url or page.url
        site = page.site
    else:
        detected_title, body = split_title(remove_boilerplate(raw.content))
        title = title or detected_title
    body = _drop_repeated_title(body, title)
    dateline, body = split_dateline(body)
    if not _WORDS.search(body):
        raise InputError(raw.name, "empty after cleaning: no article text left")
    if published:
        date = parse_published(published)
    else:
        # The page's own date is searched only when the input gives none (htmldate is slow).
        # htmldate is guarded against guesses (copyright years, today's date); trafilatura's own
        # page.date is not used because it may be such a guess.
        date = (
            parse_published(raw.published)
            or (publication_date_from_html(raw.content, url) if raw.is_html else publication_date_from_text(raw.content))
            or parse_published(raw.fallback_published)
        )
    if published and date is None:
        raise InputError(raw.name, f"unreadable publication date {published!r}")
    return Document(
        title=storable_text(title),  # metadata set after the RawInput was made (feed entries)
        url=url,
        published=date,
        source=site or raw.name,
        text=body,
        language=detect_language(body),
        dateline=dateline_place(dateline) if dateline else None,
    )


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language. Text whose words are mostly English function words
    is English without a model; any other goes to py3langid (langid.py's model, fast and offline,
    but 75 MB and half a second to load, which most English news need not pay)."""
    sample = text[:5000].strip()
    if not sample:
        return None
    if _reads_as_english(sample):
        return "en"
    import py3langid

    language, _score = py3langid.classify(sample)
    return language


_LATIN_WORDS = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
ENGLISH_SHARE = 0.3  # English news runs at 0.4-0.55 of these words; French, Spanish, German under 0.1
MIN_WORDS = 40  # below this a share says too little: the model decides


def _reads_as_english(sample: str) -> bool:
    from spacy.lang.en.stop_words import STOP_WORDS

    words = _LATIN_WORDS.findall(sample)
    all_words = _WORDS.findall(sample)
    if len(words) < MIN_WORDS or len(words) < 0.9 * len(all_words):  # other scripts: the model decides
        return False
    return sum(word.lower() in STOP_WORDS for word in words) / len(words) >= ENGLISH_SHARE


def _drop_repeated_title(body: str, title: str | None) -> str:
    """Pages repeat their headline as the body's first line; it is metadata, not a report
    (coded as text, a headline would become a second, vaguer copy of the article's event)."""
    if not title:
        return body
    first, _, rest = body.partition("\n")
    if " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest.lstrip("\n")
    return body
