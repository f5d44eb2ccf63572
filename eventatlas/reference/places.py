"""The kind of a place, from its GeoNames feature class and code: the one classifier every stage
uses (resolution priors, event location, precision, exports)."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

PlaceKind = Literal["country", "continent", "admin1", "admin2", "place", "feature"]

COUNTRY_CODES = frozenset({"PCLI", "PCLS", "PCLD", "PCLF", "PCL", "PCLIX", "TERR"})
ADMIN1_CODES = frozenset({"ADM1", "ADM1H"})
# second-level and finer divisions: a district, county or township is "part of a region"
ADMIN2_CODES = frozenset({"ADM2", "ADM2H", "ADM3", "ADM3H", "ADM4", "ADM4H", "ADM5", "ADMD", "ADMDH"})
CONTINENT_CODES = frozenset({"CONT"})


@lru_cache(maxsize=4096)  # called for every candidate in every scoring round
def place_kind(feature_code: str | None, feature_class: str | None = None) -> PlaceKind:
    """"country", "continent", "admin1", "admin2" (any finer division), "place" (a populated
    place) or "feature" (natural features, regions, sites)."""
    code = feature_code or ""
    if code in COUNTRY_CODES:
        return "country"
    if code in CONTINENT_CODES:
        return "continent"
    if code in ADMIN1_CODES:
        return "admin1"
    if code in ADMIN2_CODES:
        return "admin2"
    if feature_class == "P" or code.startswith("PPL"):
        return "place"
    return "feature"


__all__ = ["ADMIN1_CODES", "ADMIN2_CODES", "CONTINENT_CODES", "COUNTRY_CODES", "PlaceKind", "place_kind"]
