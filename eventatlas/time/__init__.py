"""The time stage: when did each event happen?

* :func:`find_expressions` tags temporal expressions in a text or parsed Document, with
  TIMEX3 values (``2021-09-06``, ``2021-W36``, ``2021-09``, ``2021-Q3``, ``2021-09-06TNI``,
  ``PAST_REF``...);
* :func:`normalize` resolves one expression against an anchor date (tense-aware);
* :func:`date_events` gives each event an ACLED ``event_date``, ``time_precision`` and
  ``date_text`` (pipeline stage, after geo): the expression that governs the event's clause
  (:mod:`~eventatlas.time.governing`), else the running date of the narrative;
* :mod:`eventatlas.time.published` finds a document's publication date (HTML, datelines, any
  date string); never the day of processing.

The temporal grammar is data: regex fragments and rules in ``data/patterns.json``, built from the
word lists of ``data/lexicon.json``; each rule names a resolver in :mod:`eventatlas.time.resolvers`
(code). The dating cues (reporting verbs, "between", "on or around", "as reported") are in
``data/dating.json``. ``dateparser`` is a cached fallback for phrasings the rules do not cover.
"""

from eventatlas.time.dating import date_events
from eventatlas.time.finder import TimeExpression, find_expressions, normalize, normalize_spans
from eventatlas.time.published import parse_published, publication_date_from_html, publication_date_from_text
from eventatlas.time.values import TimeValue

__all__ = [
    "TimeExpression",
    "TimeValue",
    "date_events",
    "find_expressions",
    "normalize",
    "normalize_spans",
    "parse_published",
    "publication_date_from_html",
    "publication_date_from_text",
]
