"""Publication dates: from HTML, from visible datelines, from any date string.

Every helper returns an ISO date (``YYYY-MM-DD``) or None. None is the honest answer when a
source does not say when it was published: the day of processing is never substituted, because
relative expressions ("on Monday") would then be resolved against the wrong day.
"""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from eventatlas.time.grammar import F

# Labels that introduce a publication date in visible text.
_LABEL = re.compile(
    r"\b(?:(?:first\s+)?published|posted|(?:last\s+)?updated|publication\s+date|date\s+published)"
    r"\s*(?:on|at)?\s*[:\-–|]?\s*|\bdate\s*:\s*",
    re.IGNORECASE,
)
# A wire dateline: "NAIROBI, Sept 7 (Reuters) -", "WASHINGTON (AP) —", "Nairobi, 7 September 2021:"
_DATELINE = re.compile(
    rf"^[ \t]*[A-Z][A-Za-z .'-]{{1,40}},\s*(?P<date>(?:{F['MONTH']})\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+(?:{F['MONTH']})(?:\s+\d{{4}})?)"
    r"\s*(?:\([^)]{1,30}\))?\s*[-–—:]",
    re.IGNORECASE | re.MULTILINE,
)
_EARLIEST = date(1900, 1, 1)


def parse_published(value: Any) -> str | None:
    """Normalize a date or datetime from a CLI option, feed entry, WARC-Date header or JSONL
    field to an ISO date. Accepts ISO 8601, RFC 2822 (feeds, HTTP), ``time.struct_time``
    (feedparser's ``*_parsed``), ``date``/``datetime``, and written dates ("7 September 2021").
    Relative words ("yesterday") and anything unparseable give None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _checked(value.date())
    if isinstance(value, date):
        return _checked(value)
    if isinstance(value, time.struct_time):
        return _checked(date(value.tm_year, value.tm_mon, value.tm_mday))
    if isinstance(value, (int, float)):
        return None  # a bare number is ambiguous (a year? a timestamp?)
    text = str(value).strip()
    if not text:
        return None
    iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])", text)
    if iso:
        try:
            return _checked(date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))))
        except ValueError:
            return None
    compact = re.match(r"^(\d{4})(\d{2})(\d{2})(?:$|T?\d{4,6}\b)", text)
    if compact:  # 20210907, 20210907T103200 (WARC 1.0, TimeML DCTs)
        try:
            return _checked(date(int(compact.group(1)), int(compact.group(2)), int(compact.group(3))))
        except ValueError:
            return None
    try:
        return _checked(parsedate_to_datetime(text).date())
    except (TypeError, ValueError, IndexError):
        pass
    return _dateparser_absolute(text)


def _checked(day: date) -> str | None:
    """Reject impossible publication dates: before 1900 or in the future."""
    if day < _EARLIEST or day > date.today():
        return None
    return day.isoformat()


def _dateparser_absolute(text: str) -> str | None:
    """dateparser for written dates, with its relative parser switched off ("yesterday" must
    not become the day before processing) and day, month and year all required."""
    if len(text) > 80 or not re.search(r"\d", text):
        return None
    try:
        import dateparser
    except ImportError:  # pragma: no cover - dateparser is a dependency
        return None
    try:
        parsed = dateparser.parse(
            text,
            languages=["en"],
            settings={
                "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
                "REQUIRE_PARTS": ["day", "month", "year"],
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
    except Exception:  # noqa: BLE001 - dateparser raises on some odd strings; treat as unparseable
        return None
    return _checked(parsed.date()) if parsed else None


def publication_date_from_text(text: str, reference: date | None = None) -> str | None:
    """A publication date written in the visible text: a labelled date ("Published: 7 September
    2021"), a wire dateline ("NAIROBI, Sept 7 (Reuters) -") or a leading date line ("September 7,
    2021 10:32 AM"). Only the head of the text is searched (datelines open an article).

    A dateline without a year ("Sept 7") needs ``reference`` (e.g. a crawl or file date) to
    choose the year: the latest such day not after it; without one it gives None."""
    return _date_in_text(text, reference)


def _date_in_text(text: str, reference: date | None, head_chars: int = 3000) -> str | None:
    if not text:
        return None
    head = text[:head_chars]
    updated = None  # the original date is preferred to a later update
    for label in _LABEL.finditer(head):
        found = _leading_date(head[label.end() : label.end() + 60], reference, require_start=True)
        if found and "updated" in label.group(0).lower():
            updated = updated or found
        elif found:
            return found
    if updated:
        return updated
    dateline = _DATELINE.search(head[:600])
    if dateline:
        found = _leading_date(dateline.group("date"), reference)
        if found:
            return found
    for line in [line for line in head.splitlines() if line.strip()][:8]:
        line = line.strip()
        if 6 <= len(line) <= 60:
            found = _leading_date(line, reference, require_start=True)
            if found:
                return found
    return None


def _leading_date(fragment: str, reference: date | None, require_start: bool = False) -> str | None:
    """The date a fragment starts with (ISO, numeric or written), or None."""
    fragment = fragment.strip()
    iso = re.match(r"(\d{4}-\d{2}-\d{2})", fragment)
    if iso:
        return parse_published(iso.group(1))
    from eventatlas.time.finder import find_expressions

    for expression in find_expressions(fragment[:60], anchor=None):
        if require_start and expression.start > 3:
            return None
        if expression.value.granularity not in ("day", "time"):
            continue
        if expression.value.value:
            return _checked(expression.value.first_day) if expression.value.first_day else None
        if reference is not None:
            from eventatlas.time.finder import normalize

            value = normalize(expression.text, reference, tense="past")
            if value is not None and value.first_day is not None and value.first_day <= reference:
                return _checked(value.first_day)
        return None
    return None


def publication_date_from_html(html: str, url: str | None = None) -> str | None:
    """The original publication date of a web page, or None.

    htmldate reads structured metadata (Open Graph, JSON-LD, <time>), the URL and the markup.
    Its extensive search falls back on weak signals (a copyright year gives 1 January) and may
    give today's date on pages that carry a clock; those answers are refused unless the page
    itself states that day."""
    if not html or not html.strip():
        return None
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - htmldate is a dependency
        find_date = None
    if find_date is not None:
        found = _htmldate(find_date, html, url, extensive=False)
        if found:
            return found
    visible = _visible_text(html)
    found = _date_in_text(visible, None, head_chars=20000)
    if found:
        return found
    if find_date is not None:
        found = _htmldate(find_date, html, url, extensive=True)
        if found:
            day = date.fromisoformat(found)
            if day.month == 1 and day.day == 1 and not _states_day(html, day):
                return None  # a year alone (copyright line, footer) is not a publication date
            return found
    return None


def _htmldate(find_date, html: str, url: str | None, extensive: bool) -> str | None:
    try:
        found = find_date(
            html, url=url, original_date=True, extensive_search=extensive, outputformat="%Y-%m-%d"
        )
    except Exception:  # noqa: BLE001 - htmldate can raise on malformed markup; no date is the safe answer
        return None
    if not found:
        return None
    day = date.fromisoformat(found)
    if day == date.today() and not _states_day(html, day):
        return None  # htmldate's default upper bound, not a date the page gives
    return _checked(day)


def _states_day(html: str, day: date) -> bool:
    forms = {
        day.isoformat(),
        day.strftime("%Y/%m/%d"),
        day.strftime("%d/%m/%Y"),
        day.strftime("%m/%d/%Y"),
        f"{day.strftime('%B')} {day.day}, {day.year}",
        f"{day.day} {day.strftime('%B')} {day.year}",
    }
    return any(form in html for form in forms)


def _visible_text(html: str) -> str:
    """The page's text, cheaply (tags stripped; scripts, styles and navigation dropped): only
    dates are looked for here, and the clean stage extracts the article text itself."""
    text = re.sub(r"(?is)<(script|style|noscript|nav|svg)[^>]*>.*?</\1>", " ", html)
    text = re.sub(r"(?i)<br\s*/?>|</(?:p|div|h\d|li|time|span|header)>", "\n", text)
    text = re.sub(r"<[^>]+>", " ", text)
    import html as html_module

    return html_module.unescape(text)
