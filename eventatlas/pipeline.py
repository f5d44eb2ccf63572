"""The extraction pipeline: one cleaned Document in, an ExtractionResult out.

Stages run in this order, each a module with one public function:

    nlp.parse            sentences, entity mentions, dependency parse
    events.extract_events  events (type, actors, fatalities, crowd, certainty, evidence) and non-events
    geo.locate_events      where each event happened (may split an event per place)
    time.date_events       when (may split a multi-day event per day)
    events.qualify_actors    generic actors get the event's country ("Protesters (Kenya)")
    events.merge_duplicates  one event per (type, place, day) in a document, evidence pooled

Models are loaded once per Pipeline, so build one and reuse it (workers build one each).
"""

from __future__ import annotations

import hashlib
from typing import Iterable, Iterator

from spacy.language import Language

from eventatlas.events import extract_events
from eventatlas.events.merge import merge_duplicates
from eventatlas.events.qualify import qualify_actors
from eventatlas.geo import locate_events
from eventatlas.models import Document, Event, ExtractionResult
from eventatlas.nlp import load_model, parse, parse_many
from eventatlas.time import date_events


class Pipeline:
    def __init__(self, model: str | None = None, nlp: Language | None = None):
        self.nlp = nlp or load_model(model)

    def process(self, document: Document) -> ExtractionResult:
        """Run every stage over one document."""
        return self._code(parse(document, self.nlp))

    def process_many(self, documents: Iterable[Document], batch_size: int = 32) -> Iterator[ExtractionResult]:
        """Run every stage over many documents, parsing them in batches (``nlp.pipe``)."""
        for document in parse_many(documents, self.nlp, batch_size=batch_size):
            yield self._code(document)

    def _code(self, document: Document) -> ExtractionResult:
        events, non_events = extract_events(document)
        events = locate_events(document, events)
        events = date_events(document, events)
        events = merge_duplicates(qualify_actors(events))
        assign_event_ids(document, events)
        return ExtractionResult(document=document, events=events, non_events=non_events)


def assign_event_ids(document: Document, events: list[Event]) -> None:
    """Stable ids: the same document always gives its events the same ids, so re-ingesting
    is idempotent. The id hashes the document id with what makes the event distinct."""
    seen: dict[str, int] = {}
    for event in events:
        key = "|".join(
            str(part)
            for part in (
                document.id,
                event.sub_event_type,
                event.event_date,
                event.geonameid or event.location,
                event.evidence[0].start if event.evidence else "",
            )
        )
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
        count = seen.get(digest, 0)
        seen[digest] = count + 1
        event.event_id = f"{document.id[:8]}-{digest}" + (f"-{count}" if count else "")


_DEFAULT_PIPELINES: dict[str | None, Pipeline] = {}


def default_pipeline(model: str | None = None) -> Pipeline:
    """A process-wide Pipeline per model name, so repeated ``extract`` calls load models once."""
    if model not in _DEFAULT_PIPELINES:
        _DEFAULT_PIPELINES[model] = Pipeline(model)
    return _DEFAULT_PIPELINES[model]


def extract(
    text: str,
    published: str | None = None,
    *,
    url: str | None = None,
    title: str | None = None,
    source: str = "<text>",
    model: str | None = None,
) -> ExtractionResult:
    """Code the events of one article given as a string (plain text or HTML).

    >>> result = extract(article_text, published="2021-09-07")
    >>> [(e.sub_event_type, e.location, e.event_date) for e in result.events]
    """
    from eventatlas.clean import clean
    from eventatlas.ingest.read import RawInput, is_html

    raw = RawInput(name=source, content=text, is_html=is_html(text), url=url, title=title)
    return default_pipeline(model).process(clean(raw, published=published))


def extract_file(path: str, published: str | None = None, *, model: str | None = None) -> ExtractionResult:
    """Code the events of one file (``-`` reads standard input)."""
    from eventatlas.clean import clean
    from eventatlas.ingest.read import read_input

    return default_pipeline(model).process(clean(read_input(path), published=published))
