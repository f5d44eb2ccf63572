"""The geo stage: where things happened.

* ``geoparse(document)``: every toponym mention, resolved (``Place`` with ``mention`` set).
* ``resolve_spans(document, spans)``: resolve given spans (the evaluation's gold spans).
* ``locate_events(document, events)``: the place each event happened, with ACLED geo_precision.
* ``Gazetteer``: the local index (``Gazetteer.default()`` builds it on first use), ``build``.

Place data: GeoNames (https://www.geonames.org), CC BY 4.0.
"""

from eventatlas.geo.gazetteer import ATTRIBUTION, Candidate, Gazetteer, build
from eventatlas.geo.geoparse import geoparse, is_approximate, resolve_spans
from eventatlas.geo.locate import locate_events

__all__ = ["ATTRIBUTION", "Candidate", "Gazetteer", "build", "geoparse", "is_approximate", "locate_events", "resolve_spans"]
