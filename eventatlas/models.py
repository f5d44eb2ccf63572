"""Typed data models that every pipeline stage reads and writes.

The flow is::

    ingest.read  -> RawInput
    clean        -> Document (text, metadata)
    nlp.parse    -> Document.sentences, Document.mentions (+ the spaCy Doc, kept private)
    events       -> list[Event] (types, actors, fatalities, certainty, evidence)
    geo          -> Place for each toponym mention; Event location fields
    time         -> Event date fields (and one event per day for multi-day events)
    output       -> ExtractionResult, serialised as {"document": ..., "events": [...], "non_events": [...]}

Character offsets (``start``/``end``) always index ``Document.text``.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

Certainty = Literal["reported", "confirmed", "claimed", "unconfirmed", "denied"]

BLANK_LINE = re.compile(r"\n[ \t]*\n")  # a paragraph break



class Span(BaseModel):
    """A character span of ``Document.text``, with the text it covers."""

    text: str
    start: int
    end: int


class Sentence(BaseModel):
    index: int
    start: int
    end: int
    text: str


class Mention(BaseModel):
    """A named entity or lexicon match in the text.

    ``label`` uses spaCy's entity labels (GPE, LOC, FAC, ORG, NORP, PERSON, DATE, TIME,
    CARDINAL, ...) or a stage-specific label such as ``TOPONYM``.
    """

    text: str
    start: int
    end: int
    label: str
    sentence: int = 0


class Place(BaseModel):
    """A resolved location (a gazetteer entry) and, optionally, where it was mentioned."""

    name: str
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    geonameid: Optional[int] = None
    feature_class: Optional[str] = None  # GeoNames class: A admin, P populated place, T, H, L, ...
    feature_code: Optional[str] = None  # GeoNames code: PPLC, ADM1, PCLI, VAL, MTS, ...
    country: Optional[str] = None
    country_code: Optional[str] = None  # ISO 3166-1 alpha-2
    admin1: Optional[str] = None
    admin2: Optional[str] = None
    population: Optional[int] = None
    mention: Optional[Span] = None  # the words in the text this place was resolved from
    score: Optional[float] = None  # resolver confidence, 0..1
    # Where a name the gazetteer lacks was put: "town" (a street, building or quarter at the town
    # named with it) or "focus" (the town the document is about); None: a gazetteer entry's own point
    placed_at: Optional[Literal["town", "focus"]] = None


class Actor(BaseModel):
    """An actor in ACLED style: a normalized name and an ACLED actor category (inter)."""

    name: str
    inter: Optional[str] = None  # State forces, Rebel group, Political militia, Identity militia,
    #                               Rioters, Protesters, Civilians, External/Other forces
    country_code: Optional[str] = None
    mention: Optional[Span] = None


class Event(BaseModel):
    """One coded event, in ACLED's field names where ACLED has one."""

    model_config = ConfigDict(validate_assignment=False)

    event_id: str = ""
    event_type: str
    sub_event_type: str
    plover: Optional[str] = None  # PLOVER category (PROTEST, ASSAULT, ...) from a mapping table
    event_date: Optional[str] = None  # ISO date
    time_precision: Optional[int] = None  # 1 day, 2 week/weekend, 3 month
    date_text: Optional[str] = None
    actor1: Optional[str] = None
    assoc_actor_1: Optional[str] = None
    inter1: Optional[str] = None
    actor2: Optional[str] = None
    assoc_actor_2: Optional[str] = None
    inter2: Optional[str] = None
    location: Optional[str] = None
    admin1: Optional[str] = None
    admin2: Optional[str] = None
    country: Optional[str] = None
    country_code: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    geonameid: Optional[int] = None
    geo_precision: Optional[int] = None  # 1 town, 2 near a town / part of a region, 3 large region
    fatalities: int = 0
    crowd_size_text: Optional[str] = None
    crowd_size: Optional[int] = None
    certainty: Certainty = "reported"
    claimed_by: Optional[str] = None
    background: bool = False  # a past event mentioned as background, not a new report
    evidence: list[Span] = Field(default_factory=list)
    confidence: float = 0.5
    notes: str = ""

    # Working state shared between stages; not part of the output contract.
    sentence: int = Field(default=0, exclude=True)  # index into Document.sentences
    trigger: Optional[Span] = Field(default=None, exclude=True)  # the words that signal the event
    location_hint: Optional[Span] = Field(default=None, exclude=True)  # the place phrase the event attaches to

    def own_sentence(self) -> str:
        """The text of the event's own sentence (its first evidence span), or ""."""
        return self.evidence[0].text if self.evidence else ""


class NonEvent(BaseModel):
    """Something that looks like an event but is not political violence or a demonstration
    (a natural disaster, an accident, crime, a diplomatic meeting, a claim of responsibility).
    Kept so analysts can audit what was set aside."""

    category: str  # NATURAL_DISASTER, MAN_MADE_DISASTER, ORG_CRIME, DIPLO, ATTRIB, OTHER
    evidence: list[Span] = Field(default_factory=list)
    confidence: float = 0.5
    notes: str = ""
    sentence: int = Field(default=0, exclude=True)


class Document(BaseModel):
    """A cleaned document. ``id`` is a hash of the cleaned text."""

    id: str = ""
    title: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None  # ISO date, or None when unknown (never the day of processing)
    source: Optional[str] = None  # site or file name
    text: str
    language: Optional[str] = None
    # where the wire report was filed ("NAIROBI, Kenya"), removed from the text: a country to
    # look names up in, never the place of an event
    dateline: Optional[str] = None
    sentences: list[Sentence] = Field(default_factory=list, exclude=True)
    mentions: list[Mention] = Field(default_factory=list, exclude=True)

    _spacy_doc: Any = PrivateAttr(default=None)

    def model_post_init(self, __context: Any) -> None:
        if not self.id:
            self.id = content_hash(self.text)

    @property
    def spacy_doc(self) -> Any:
        """The parsed spaCy ``Doc`` (set by ``nlp.parse``), or None before parsing."""
        return self._spacy_doc

    @spacy_doc.setter
    def spacy_doc(self, value: Any) -> None:
        self._spacy_doc = value

    def published_day(self) -> Optional[datetime.date]:
        """The publication day, or None when unknown or unreadable."""
        try:
            return datetime.date.fromisoformat(self.published[:10]) if self.published else None
        except ValueError:
            return None

    def span(self, start: int, end: int) -> Span:
        return Span(text=self.text[start:end], start=start, end=end)

    def paragraph_break_between(self, first: int, second: int) -> bool:
        """Does a blank line come between sentence ``first`` and a later sentence ``second``?
        (A sentence's span may take in the blank line after it: the gap is measured from the
        end of its words.)"""
        start = self.sentences[first].start
        words = self.text[start : self.sentences[first].end].rstrip()
        return bool(BLANK_LINE.search(self.text[start + len(words) : self.sentences[second].start]))

    def sentence_at(self, offset: int) -> Optional[Sentence]:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None


class ExtractionResult(BaseModel):
    """What ``extract`` returns for one document: the output contract."""

    document: Document
    events: list[Event] = Field(default_factory=list)
    non_events: list[NonEvent] = Field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def content_hash(text: str) -> str:
    """Stable document id: sha256 of the whitespace-normalized text (first 16 hex digits)."""
    normalized = " ".join(text.split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]
