"""The extraction pipeline: one cleaned Document in, an ExtractionResult out.

Stages run in this order, each a module with one public function:

    document.judge_relevance  can the document report an ACLED event at all (before the parse, from
                         title and lead; or its headline, coded alone, surely reports one); skipped
                         documents come back without events and with a note saying why
    nlp.parse            sentences, entity mentions, dependency parse
    events.extract_events  events (type, actors, fatalities, crowd, certainty, evidence) and non-events
    geo.locate_events      where each event happened (may split an event per place)
    time.date_events       when (may split a multi-day event per day)
    document.add_headline_events  the title confirms body events, or adds the one the body missed
                         (anchored on the lede, with the lede's place and date)
    document.set_aside_non_events  summaries, anniversaries, trials, threats, negations -> non_events
    document.refine_places, carry_context  place and date carried through the article
    document.set_aside_unanchored  what still has neither place nor date -> non_events
    events.qualify_actors    generic actors get the event's country ("Protesters (Kenya)")
    document.consolidate_events  one event per real event (place, day, actor pair), evidence pooled

Models are loaded once per Pipeline, so build one and reuse it (workers build one each).
"""

from __future__ import annotations

import hashlib
import threading
from functools import partial
from typing import Callable, Iterable, Iterator

from spacy.language import Language

from eventatlas.document import (
    attribute_perpetrators,
    carry_context,
    consolidate_events,
    judge_relevance,
    refine_places,
    set_aside_non_events,
    set_aside_unanchored,
)
from eventatlas.document.headline import add_headline_events, headline_overrules_gate
from eventatlas.events import extract_events
from eventatlas.events.embeddings import run_together
from eventatlas.events.qualify import qualify_actors
from eventatlas.geo import locate_events
from eventatlas.models import Document, Event, ExtractionResult, NonEvent
from eventatlas.nlp import load_model, parse, parse_many
from eventatlas.time import date_events


class Pipeline:
    def __init__(self, model: str | None = None, nlp: Language | None = None, gate: bool = True):
        # The stages' own models load on a second thread while spaCy loads its pipeline, and
        # both are done when the Pipeline is: no thread outlives it (ingest forks workers from it).
        warming = threading.Thread(target=load_stage_models, name="eventatlas-warm-up", daemon=True)
        warming.start()
        try:
            self.nlp = nlp or load_model(model)
        finally:
            warming.join()
        self.gate = gate  # False codes every document (evaluation of the coder on its own)

    def process(self, document: Document) -> ExtractionResult:
        """Run every stage over one document."""
        skipped = self._skip(document)
        return skipped or self._code(parse(document, self.nlp))

    def process_many(self, documents: Iterable[Document], batch_size: int = 32) -> Iterator[ExtractionResult]:
        """Run every stage over many documents, parsing the relevant ones in batches (``nlp.pipe``);
        results come in input order."""
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= batch_size:
                yield from self._process_batch(batch, batch_size)
                batch = []
        if batch:
            yield from self._process_batch(batch, batch_size)

    def _process_batch(self, batch: list[Document], batch_size: int) -> Iterator[ExtractionResult]:
        # The batch's documents are gated, then coded, side by side (run_together): the sentence
        # encoder answers all of them in one call, in fewer and fuller runs than one per document
        # (ingest of LGL+GWN: 15% less CPU per document; a worker's peak memory, with the whole
        # batch in flight at once, 60-75 MB higher).
        skipped = _raise_first(run_together([partial(self._skip, document) for document in batch]))
        parsed = list(parse_many([d for d, s in zip(batch, skipped) if s is None], self.nlp, batch_size=batch_size))
        coded = iter(run_together([partial(self._code, document) for document in parsed]))
        for result in skipped:
            result = result or next(coded)
            if isinstance(result, BaseException):
                raise result  # after the results before it, as when the documents are coded one by one
            yield result

    def _skip(self, document: Document) -> ExtractionResult | None:
        """The result for a document the relevance gate rules out, else None."""
        if not self.gate:
            return None
        verdict = judge_relevance(document)
        if verdict.relevant or headline_overrules_gate(document, self.nlp):
            return None
        note = NonEvent(category="NOT_RELEVANT", confidence=round(1 - verdict.score, 3), notes=verdict.reason)
        return ExtractionResult(document=document, events=[], non_events=[note])

    def _code(self, document: Document) -> ExtractionResult:
        events, non_events = extract_events(document)
        events = locate_events(document, events)
        events = date_events(document, events)
        events = add_headline_events(document, events, self.nlp)
        events, not_new = set_aside_non_events(document, events)
        events = carry_context(document, refine_places(document, events))
        events, unanchored = set_aside_unanchored(events)
        events = attribute_perpetrators(document, consolidate_events(qualify_actors(events)))
        assign_event_ids(document, events)
        return ExtractionResult(document=document, events=events, non_events=non_events + not_new + unanchored)


def _raise_first(outcomes: list) -> list:
    """``outcomes`` of :func:`run_together`, or the first exception among them, raised."""
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
    return outcomes


def stage_loaders() -> tuple[Callable[[], object], ...]:
    """What the stages load on first use without spaCy: the relevance gate, the event classifier
    and its sentence encoder, the trigger, actor and codebook lexicons, the time grammar."""
    from eventatlas.document.relevance import load_relevance_model
    from eventatlas.events.classify import load_bundle, resolve_model
    from eventatlas.events.codebook import codebook
    from eventatlas.events.resources import actor_index, lexicon
    from eventatlas.time.grammar import rules

    loaders: list[Callable[[], object]] = [load_relevance_model, load_bundle, lexicon, actor_index, codebook, rules]
    if resolve_model("auto") == "combined":  # the second expert, for the snippets the first is unsure of
        from eventatlas.events.embeddings import load_encoder

        loaders.append(load_encoder)
    return tuple(loaders)


def load_stage_models() -> None:
    """Load what :func:`stage_loaders` names. On a second thread this overlaps the spaCy load
    where either releases the GIL (reading weights, onnxruntime's set-up); both mostly hold it,
    so a cold run saves a few tenths of a second, not the whole of the shorter load. A loader
    that fails is left to fail again, with its own message, where its stage calls it."""
    try:
        for loader in stage_loaders():
            loader()
    except Exception:  # noqa: BLE001 - reported by the stage that needs it, in the caller's thread
        pass


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
