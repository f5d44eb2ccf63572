"""Reference tables every stage shares: countries (codes, names, demonyms, neighbours) and the
kind of a place (country, admin1, admin2, place, feature, continent). A leaf package: it imports
nothing else from eventatlas."""

from eventatlas.reference.countries import (
    Country,
    UnknownCountry,
    acled_region,
    countries,
    country,
    demonym_country,
    find_country,
    neighbours,
)
from eventatlas.reference.places import place_kind

__all__ = [
    "Country", "UnknownCountry", "acled_region", "countries", "country", "demonym_country", "find_country", "neighbours",
    "place_kind",
]
