"""EventAtlas: news articles in, a geocoded, sourced database of conflict and protest events out.

The Python API mirrors the CLI::

    from eventatlas import extract
    result = extract(article_text, published="2021-09-07")
    result.events[0].sub_event_type, result.events[0].latitude, result.events[0].evidence

Heavy modules (spaCy, the database layer) load on first use, not on import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# Load the `ingest` subpackage before defining the `ingest` function below: once the subpackage
# is imported, later imports of its modules no longer rebind `eventatlas.ingest` to the module.
import eventatlas.ingest as _ingest_package  # noqa: F401

__version__ = "0.1.0"

if TYPE_CHECKING:
    from eventatlas.models import ExtractionResult


def extract(text: str, published: str | None = None, **options: Any) -> "ExtractionResult":
    """Code the events of one article (plain text or HTML). See ``eventatlas.pipeline.extract``."""
    from eventatlas.pipeline import extract as _extract

    return _extract(text, published, **options)


def ingest(sources: Any, db: str | None = None, **options: Any) -> Any:
    """Ingest files, folders, feeds, URL lists or WARCs (a path/URL or a list of them) into the
    event database; returns an IngestSummary. See ``eventatlas.ingest.run.ingest``."""
    from eventatlas.ingest.run import ingest as _ingest

    return _ingest(sources, db=db, **options)


def read_events(db: str | None = None, **filters: Any) -> Any:
    """Events from the database as a pandas DataFrame (pandas is the ``pandas`` extra:
    ``pip install 'eventatlas[pandas]'``). See ``eventatlas.store.read.read_events``."""
    from eventatlas.store.read import read_events as _read_events

    return _read_events(db, **filters)


__all__ = ["extract", "ingest", "read_events", "__version__"]
