"""SQLAlchemy 2 models of the event database.

One row per document (keyed by the hash of its cleaned text), per event, per non-event, per
resolved place, per normalized actor, and per ingest run. Columns follow the JSON output
contract (``eventatlas.models``) so a row and an extracted Event read the same. Indexes cover
every filter the API offers, so a single-filter query over millions of events stays fast.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class IngestRun(Base):
    __tablename__ = "ingest_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    finished_at: Mapped[Optional[dt.datetime]] = mapped_column(DateTime(timezone=True))
    sources: Mapped[Optional[str]] = mapped_column(Text)  # what the user asked to ingest
    status: Mapped[str] = mapped_column(String(16), default="running")  # running, finished, failed, interrupted
    documents_added: Mapped[int] = mapped_column(Integer, default=0)
    documents_skipped: Mapped[int] = mapped_column(Integer, default=0)  # already stored
    documents_failed: Mapped[int] = mapped_column(Integer, default=0)
    events_added: Mapped[int] = mapped_column(Integer, default=0)
    # The process that runs it: a run still "running" whose process is gone was killed, and the
    # next ingest on the same host marks it "interrupted".
    pid: Mapped[Optional[int]] = mapped_column(Integer)
    host: Mapped[Optional[str]] = mapped_column(String(255))


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # content hash of the cleaned text
    url: Mapped[Optional[str]] = mapped_column(Text)  # canonical URL
    url_hash: Mapped[Optional[str]] = mapped_column(String(64))  # SHA-256 of url: what is indexed
    title: Mapped[Optional[str]] = mapped_column(Text)
    published: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)
    source: Mapped[Optional[str]] = mapped_column(String(255), index=True)
    language: Mapped[Optional[str]] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    run_id: Mapped[Optional[int]] = mapped_column(ForeignKey("ingest_runs.id"))

    events: Mapped[list["EventRow"]] = relationship(back_populates="document", cascade="all, delete-orphan")
    non_events: Mapped[list["NonEventRow"]] = relationship(back_populates="document", cascade="all, delete-orphan")

    # Unique: a canonical URL is stored once (NULLs, documents without a URL, may repeat), so
    # concurrent writers cannot both add the same page under two content hashes. Its hash is
    # indexed, not the URL: a btree row holds at most about 2.7 KB in PostgreSQL, URLs can be longer.
    __table_args__ = (Index("ix_documents_url_hash", "url_hash", unique=True),)


class PlaceRow(Base):
    """A gazetteer place that at least one stored event is located at."""

    __tablename__ = "places"

    geonameid: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    latitude: Mapped[Optional[float]] = mapped_column(Float)
    longitude: Mapped[Optional[float]] = mapped_column(Float)
    feature_code: Mapped[Optional[str]] = mapped_column(String(10))
    country: Mapped[Optional[str]] = mapped_column(String(255))
    country_code: Mapped[Optional[str]] = mapped_column(String(2))
    admin1: Mapped[Optional[str]] = mapped_column(String(255))
    admin2: Mapped[Optional[str]] = mapped_column(String(255))


class ActorRow(Base):
    """A normalized actor name with its ACLED category."""

    __tablename__ = "actors"

    name: Mapped[str] = mapped_column(String(255), primary_key=True)
    inter: Mapped[Optional[str]] = mapped_column(String(64))
    country_code: Mapped[Optional[str]] = mapped_column(String(2))


class EventRow(Base):
    __tablename__ = "events"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    event_type: Mapped[str] = mapped_column(String(64), index=True)
    sub_event_type: Mapped[str] = mapped_column(String(64), index=True)
    plover: Mapped[Optional[str]] = mapped_column(String(32))
    event_date: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)
    time_precision: Mapped[Optional[int]] = mapped_column(Integer, index=True)
    date_text: Mapped[Optional[str]] = mapped_column(Text)
    actor1: Mapped[Optional[str]] = mapped_column(String(255), index=True)
    assoc_actor_1: Mapped[Optional[str]] = mapped_column(Text)
    inter1: Mapped[Optional[str]] = mapped_column(String(64))
    actor2: Mapped[Optional[str]] = mapped_column(String(255), index=True)
    assoc_actor_2: Mapped[Optional[str]] = mapped_column(Text)
    inter2: Mapped[Optional[str]] = mapped_column(String(64))
    location: Mapped[Optional[str]] = mapped_column(String(255))
    admin1: Mapped[Optional[str]] = mapped_column(String(255), index=True)
    admin2: Mapped[Optional[str]] = mapped_column(String(255))
    country: Mapped[Optional[str]] = mapped_column(String(255))
    country_code: Mapped[Optional[str]] = mapped_column(String(2), index=True)
    latitude: Mapped[Optional[float]] = mapped_column(Float)
    longitude: Mapped[Optional[float]] = mapped_column(Float)
    geonameid: Mapped[Optional[int]] = mapped_column(Integer)
    geo_precision: Mapped[Optional[int]] = mapped_column(Integer, index=True)
    fatalities: Mapped[int] = mapped_column(Integer, default=0, index=True)
    crowd_size_text: Mapped[Optional[str]] = mapped_column(String(255))
    crowd_size: Mapped[Optional[int]] = mapped_column(Integer)
    certainty: Mapped[str] = mapped_column(String(16), default="reported", index=True)
    claimed_by: Mapped[Optional[str]] = mapped_column(String(255))
    background: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    notes: Mapped[Optional[str]] = mapped_column(Text)

    document: Mapped[DocumentRow] = relationship(back_populates="events")

    __table_args__ = (
        Index("ix_events_lat_lon", "latitude", "longitude"),
        Index("ix_events_date_type", "event_date", "event_type"),
        # Added for the API (store/query.py): "newest first" is the default order, so each
        # equality filter gets (column, event_date, event_id) and a filtered page is read in
        # index order and stops after `limit` rows instead of sorting every match.
        Index("ix_events_date_id", "event_date", "event_id"),
        Index("ix_events_type_date", "event_type", "event_date", "event_id"),
        Index("ix_events_subtype_date", "sub_event_type", "event_date", "event_id"),
        Index("ix_events_cc_date", "country_code", "event_date", "event_id"),
        Index("ix_events_country_date", "country", "event_date", "event_id"),
        Index("ix_events_admin1_date", "admin1", "event_date", "event_id"),
        Index("ix_events_actor1_date", "actor1", "event_date", "event_id"),
        Index("ix_events_actor2_date", "actor2", "event_date", "event_id"),
        Index("ix_events_certainty_date", "certainty", "event_date", "event_id"),
        Index("ix_events_geoprec_date", "geo_precision", "event_date", "event_id"),
        Index("ix_events_timeprec_date", "time_precision", "event_date", "event_id"),
        Index("ix_events_doc_date", "document_id", "event_date", "event_id"),
        Index("ix_events_assoc1", "assoc_actor_1", "event_id"),
        Index("ix_events_assoc2", "assoc_actor_2", "event_id"),
        # Partial indexes over the (few) rows whose associated actors are a "; "-separated list,
        # so "is X one of them" scans only those rows (store/query.py repeats the predicate).
        Index("ix_events_assoc1_lists", "assoc_actor_1", "event_id",
              sqlite_where=text("assoc_actor_1 LIKE '%;%'"), postgresql_where=text("assoc_actor_1 LIKE '%;%'")),
        Index("ix_events_assoc2_lists", "assoc_actor_2", "event_id",
              sqlite_where=text("assoc_actor_2 LIKE '%;%'"), postgresql_where=text("assoc_actor_2 LIKE '%;%'")),
    )


class NonEventRow(Base):
    """Look-alikes set aside (disasters, crime, diplomacy, claims of responsibility), kept for audit."""

    __tablename__ = "non_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(32), index=True)
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    notes: Mapped[Optional[str]] = mapped_column(Text)

    document: Mapped[DocumentRow] = relationship(back_populates="non_events")


class IncidentReportRow(Base):
    """A report (one stored event, ``report_id`` = its event id) filed under an incident; the
    linker's copy of the report and its TF-IDF vector, so linking needs no other table."""

    __tablename__ = "incident_reports"

    report_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    incident_id: Mapped[str] = mapped_column(String(32), index=True)
    document_id: Mapped[str] = mapped_column(String(32), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0, index=True)  # linking order; the last one is read per document
    report: Mapped[dict[str, Any]] = mapped_column(JSON)
    vector: Mapped[dict[str, float]] = mapped_column(JSON)


class IncidentKeyRow(Base):
    """The blocking keys an incident is filed under: (country, day) per day its reports fall on."""

    __tablename__ = "incident_keys"

    country: Mapped[str] = mapped_column(String(8), primary_key=True)
    day: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[str] = mapped_column(String(32), primary_key=True)

    __table_args__ = (Index("ix_incident_keys_day", "day"), Index("ix_incident_keys_incident", "incident_id"))


class IncidentRedirectRow(Base):
    """An incident merged away, pointing at the one it was merged into."""

    __tablename__ = "incident_redirects"

    old_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    new_id: Mapped[str] = mapped_column(String(32))


class IncidentApartRow(Base):
    """Two incidents a split said must never merge again (``a`` < ``b``)."""

    __tablename__ = "incident_apart"

    a: Mapped[str] = mapped_column(String(32), primary_key=True)
    b: Mapped[str] = mapped_column(String(32), primary_key=True)


class IncidentTermRow(Base):
    """Document frequencies of evidence terms, for TF-IDF; the empty term counts all reports."""

    __tablename__ = "incident_terms"

    term: Mapped[str] = mapped_column(String(128), primary_key=True)
    documents: Mapped[int] = mapped_column(Integer, default=0)


class IncidentRow(Base):
    """An incident's merged fields, refreshed from its reports after every link, merge or split,
    so the API filters and pages incidents as it does events. ``data`` holds the whole merged
    incident (sources and every report's evidence)."""

    __tablename__ = "incidents"

    incident_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    event_type: Mapped[str] = mapped_column(String(64), index=True)
    sub_event_type: Mapped[str] = mapped_column(String(64), index=True)
    event_date: Mapped[Optional[dt.date]] = mapped_column(Date, index=True)
    time_precision: Mapped[Optional[int]] = mapped_column(Integer)
    actor1: Mapped[Optional[str]] = mapped_column(String(255), index=True)
    actor2: Mapped[Optional[str]] = mapped_column(String(255), index=True)
    location: Mapped[Optional[str]] = mapped_column(String(255))
    admin1: Mapped[Optional[str]] = mapped_column(String(255), index=True)
    country_code: Mapped[Optional[str]] = mapped_column(String(2), index=True)
    latitude: Mapped[Optional[float]] = mapped_column(Float)
    longitude: Mapped[Optional[float]] = mapped_column(Float)
    geonameid: Mapped[Optional[int]] = mapped_column(Integer)
    geo_precision: Mapped[Optional[int]] = mapped_column(Integer)
    fatalities: Mapped[int] = mapped_column(Integer, default=0, index=True)
    certainty: Mapped[str] = mapped_column(String(16), default="reported")
    n_reports: Mapped[int] = mapped_column(Integer, default=1)
    n_sources: Mapped[int] = mapped_column(Integer, default=1)
    first_reported: Mapped[Optional[str]] = mapped_column(String(32))
    last_reported: Mapped[Optional[str]] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)

    __table_args__ = (Index("ix_incidents_date_id", "event_date", "incident_id"),)


# Every column of the event output contract, in contract order (also used by exports).
EVENT_COLUMNS = [c.name for c in EventRow.__table__.columns if c.name != "document_id"]
