"""Gazetteers for tests, built once per test session.

* ``tiny_gazetteer_path()``: a few dozen places written in GeoNames' dump format and built with
  the ``--geonames`` path (under a second).
* ``real_gazetteer_path()``: the full index from the packaged data (about 15 s), for the seed
  article and the evaluation corpora.
"""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

import pytest

from eventatlas.geo.gazetteer import Gazetteer, build

# geonameid, name, asciiname, alternatenames, lat, lon, fclass, fcode, cc, cc2, admin1, admin2, admin3, admin4, population
TINY_ROWS = [
    (1149361, "Afghanistan", "Afghanistan", "Afghanestan", 33.0, 66.0, "A", "PCLI", "AF", "", "00", "", 37172386),
    (1138957, "Kabul", "Kabul", "Kabol", 34.5, 69.2, "A", "ADM1", "AF", "", "13", "", 4500000),
    (1138958, "Kabul", "Kabul", "Kabol,Caboul", 34.52813, 69.17233, "P", "PPLC", "AF", "", "13", "", 4434550),
    (1147288, "Balkh", "Balkh", "Balkh Province", 36.75, 66.9, "A", "ADM1", "AF", "", "30", "", 1400000),
    (1133453, "Mazār-e Sharīf", "Mazar-e Sharif", "Mazar-i-Sharif,Mazari Sharif", 36.70904, 67.11087, "P", "PPL", "AF", "", "30", "", 458151),
    (1131461, "Panjshayr", "Panjshayr", "Panjshir,Panjsher,Panjshir Province", 35.3, 69.5, "A", "ADM1", "AF", "", "42", "", 150000),
    (1131462, "Bāzārak", "Bazarak", "", 35.31292, 69.51519, "P", "PPLA", "AF", "", "42", "", 5000),
    (1168579, "Pakistan", "Pakistan", "", 30.0, 70.0, "A", "PCLI", "PK", "", "00", "", 212215030),
    (1176615, "Islamabad", "Islamabad", "", 33.72148, 73.04329, "P", "PPLC", "PK", "", "08", "", 601600),
    (357994, "Egypt", "Egypt", "", 27.0, 30.0, "A", "PCLI", "EG", "", "00", "", 98423595),
    (361058, "Alexandria", "Alexandria", "Al Iskandariyah", 31.20176, 29.91582, "P", "PPLA", "EG", "", "06", "", 3811516),
    (6252001, "United States", "United States", "USA,United States of America", 39.76, -98.5, "A", "PCLI", "US", "", "00", "", 327167434),
    (4331987, "Louisiana", "Louisiana", "", 31.00047, -92.000, "A", "ADM1", "US", "", "LA", "", 4625470),
    (4338356, "Rapides Parish", "Rapides Parish", "", 31.19862, -92.53320, "A", "ADM2", "US", "", "LA", "079", 131613),
    (4314550, "Alexandria", "Alexandria", "", 31.31129, -92.44514, "P", "PPLA2", "US", "", "LA", "079", 47723),
    (6254928, "Virginia", "Virginia", "", 37.54812, -77.44675, "A", "ADM1", "US", "", "VA", "", 8001024),
    (4744091, "Alexandria", "Alexandria", "", 38.80484, -77.04692, "P", "PPL", "US", "", "VA", "510", 139966),
    (4736286, "Texas", "Texas", "", 31.25044, -99.25061, "A", "ADM1", "US", "", "TX", "", 22875689),
    (4717560, "Paris", "Paris", "", 33.66094, -95.55551, "P", "PPLA2", "US", "", "TX", "277", 24782),
    (3017382, "France", "France", "", 46.0, 2.0, "A", "PCLI", "FR", "", "00", "", 66987244),
    (2988507, "Paris", "Paris", "Paname", 48.85341, 2.3488, "P", "PPLC", "FR", "", "11", "75", 2138551),
    (4896861, "Illinois", "Illinois", "", 40.00032, -89.25037, "A", "ADM1", "US", "", "IL", "", 12671821),
    (4250542, "Springfield", "Springfield", "", 39.80172, -89.64371, "P", "PPLA", "US", "", "IL", "167", 116565),
    (4398678, "Missouri", "Missouri", "", 38.25031, -92.50046, "A", "ADM1", "US", "", "MO", "", 6137428),
    (4409896, "Springfield", "Springfield", "", 37.21533, -93.29824, "P", "PPLA2", "US", "", "MO", "077", 167319),
    (290557, "United Arab Emirates", "United Arab Emirates", "", 24.0, 54.0, "A", "PCLI", "AE", "", "00", "", 9630959),
    # a state and a capital of one name; a state named like its metropolis
    (5815135, "Washington", "Washington", "WA", 47.50012, -120.50147, "A", "ADM1", "US", "", "WA", "", 7170351),
    (5812944, "Tacoma", "Tacoma", "", 47.25288, -122.44429, "P", "PPLA2", "US", "", "WA", "053", 217827),
    (4140963, "Washington", "Washington", "Washington D.C.", 38.89511, -77.03637, "P", "PPLC", "US", "", "DC", "001", 689545),
    (5128638, "New York", "New York", "", 43.00035, -75.4999, "A", "ADM1", "US", "", "NY", "", 19274244),
    (5128581, "New York City", "New York City", "New York,NYC", 40.71427, -74.00597, "P", "PPL", "US", "", "NY", "", 8804190),
    (5106834, "Albany", "Albany", "", 42.65258, -73.75623, "P", "PPLA", "US", "", "NY", "001", 97856),
    # a city and a hamlet of one name in two regions (Ukraine)
    (690791, "Ukraine", "Ukraine", "", 49.0, 32.0, "A", "PCLI", "UA", "", "00", "", 44622516),
    (706482, "Kharkivs'ka Oblast'", "Kharkivska Oblast", "Kharkiv,Kharkiv Oblast", 49.5, 36.5, "A", "ADM1", "UA", "", "07", "", 2700000),
    (706483, "Kharkiv", "Kharkiv", "Kharkov", 49.98081, 36.25272, "P", "PPLA", "UA", "", "07", "", 1430885),
    (712451, "Vovchansk", "Vovchansk", "", 50.29078, 36.94108, "P", "PPL", "UA", "", "07", "", 17000),
    (700001, "Nikopol", "Nikopol", "", 48.88693, 37.12457, "P", "PPL", "UA", "", "07", "", 588),
    (709929, "Dnipropetrovska Oblast", "Dnipropetrovska Oblast", "Dnipropetrovsk", 48.5, 34.9, "A", "ADM1", "UA", "", "04", "", 3200000),
    (700051, "Nikopol", "Nikopol", "", 47.56659, 34.40624, "P", "PPL", "UA", "", "04", "", 105160),
    (687699, "Zaporizka Oblast", "Zaporizka Oblast", "Zaporizhzhia", 47.5, 35.5, "A", "ADM1", "UA", "", "26", "", 1700000),
]


def write_tiny_dump(folder: Path) -> Path:
    path = folder / "allCountries.txt"
    lines = []
    for gid, name, ascii_, alt, lat, lon, fclass, fcode, cc, cc2, a1, a2, pop in TINY_ROWS:
        cols = [str(gid), name, ascii_, alt, str(lat), str(lon), fclass, fcode, cc, cc2, a1, a2, "", "", str(pop),
                "", "", "UTC", "2020-01-01"]
        lines.append("\t".join(cols))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@lru_cache(maxsize=1)
def tiny_gazetteer_path() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="ea-tiny-gaz-"))
    dump = write_tiny_dump(folder)
    return build(folder / "gazetteer.sqlite", geonames=dump, show_progress=False)


def gazetteer_from_rows(rows, prefix: str) -> Path:
    """A gazetteer built from short rows (geonameid, name, alternatenames, lat, lon, fclass, fcode,
    cc, admin1, admin2, population), in a new temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    lines = []
    for gid, name, alt, lat, lon, fclass, fcode, cc, a1, a2, pop in rows:
        lines.append("\t".join([str(gid), name, name, alt, str(lat), str(lon), fclass, fcode, cc, "", a1, a2, "", "",
                                str(pop), "", "", "UTC", "2020-01-01"]))
    dump = folder / "allCountries.txt"
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return build(folder / "gazetteer.sqlite", geonames=dump, show_progress=False)


def rows_gazetteer(rows, prefix: str):
    """A module-scoped fixture: the gazetteer of ``rows`` (see ``gazetteer_from_rows``), built once
    per test module. Use as ``gazetteer = rows_gazetteer(ROWS, "ea-my-gaz-")``."""

    @pytest.fixture(scope="module")
    def gazetteer() -> Gazetteer:
        return Gazetteer(gazetteer_from_rows(rows, prefix))

    return gazetteer


def locate_at_triggers(nlp, gazetteer, text: str, triggers, event_type: str = "Protests",
                       sub_event_type: str = "Peaceful protest"):
    """Locate one event of the given type per trigger word (its first occurrence in ``text``),
    each with its sentence as evidence: the geo stage alone, without the event stage."""
    from eventatlas.geo import locate_events
    from eventatlas.models import Document, Event, Span
    from eventatlas.nlp import parse

    document = parse(Document(text=text), nlp)
    events = []
    for trigger in [triggers] if isinstance(triggers, str) else triggers:
        start = text.index(trigger)
        sentence = document.sentence_at(start)
        events.append(Event(event_type=event_type, sub_event_type=sub_event_type, sentence=sentence.index,
                            trigger=Span(text=trigger, start=start, end=start + len(trigger)),
                            evidence=[Span(text=sentence.text, start=sentence.start, end=sentence.end)]))
    return locate_events(document, events, gazetteer=gazetteer)


@lru_cache(maxsize=1)
def real_gazetteer_path() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="ea-gaz-"))
    return build(folder / "gazetteer.sqlite", show_progress=False)


# -- a realistic GeoNames dump of any size, for the build benchmark and its small unit test ----

_SYLLABLES = ["ka", "ba", "lo", "ri", "su", "ma", "ne", "to", "ar", "el", "din", "gor", "vil", "sk", "ha", "mi",
              "ou", "tra", "zan", "pur", "abad", "grad", "ville", "burg", "ton", "kent", "stan", "ye", "qu", "sha"]
_SCRIPTS = ["Кабар", "Лорис", "كابول", "مدينة", "東京", "Ñandú", "Śródmieście", "Αθήνα"]
_FEATURES = [("P", "PPL", 70), ("P", "PPLA3", 4), ("P", "PPLX", 6), ("H", "STM", 8), ("T", "MT", 5), ("S", "SCH", 4),
             ("L", "AREA", 3)]


def _name(rng) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def _alternates(rng, name: str) -> str:
    variants = [name + rng.choice(["", "a", "o", " Village", "-e Bala"]) for _ in range(rng.randint(0, 4))]
    variants += [rng.choice(_SCRIPTS) + str(rng.randint(1, 99)) for _ in range(rng.randint(0, 3))]
    return ",".join(dict.fromkeys(v for v in variants if v != name))


def write_sample_dump(path: Path, rows: int, seed: int = 7, countries: int = 40) -> Path:
    """Write ``rows`` lines in GeoNames' allCountries format: countries, first- and second-level
    divisions with their admin codes, then populated places and features with alternate names
    (Latin variants and other scripts), log-normal populations (many zeros), lat/lon inside a
    box per country. Deterministic for a seed."""
    import random

    rng = random.Random(seed)
    codes = [a + b for a in "ABCDEFGHIKLMNPRSTUVZ" for b in "AEIOU"][:countries]
    written = 0
    with open(path, "w", encoding="utf-8") as handle:
        def line(gid, name, lat, lon, fclass, fcode, cc, a1, a2, population):
            nonlocal written
            cols = [str(gid), name, name, _alternates(rng, name), f"{lat:.5f}", f"{lon:.5f}", fclass, fcode, cc, "",
                    a1, a2, "", "", str(population), "", str(rng.randint(0, 3000)), "Etc/UTC", "2024-01-01"]
            handle.write("\t".join(cols) + "\n")
            written += 1

        gid = 10_000_000
        boxes = {}
        for i, cc in enumerate(codes):
            lat0, lon0 = rng.uniform(-50, 60), rng.uniform(-170, 160)
            boxes[cc] = (lat0, lon0)
            gid += 1
            line(gid, _name(rng) + "land", lat0 + 2, lon0 + 2, "A", "PCLI", cc, "00", "", rng.randint(10**5, 10**8))
            for a1 in range(1, 11):
                gid += 1
                line(gid, _name(rng), lat0 + rng.uniform(0, 4), lon0 + rng.uniform(0, 4), "A", "ADM1", cc, f"{a1:02d}", "",
                     rng.randint(10**4, 10**7))
                for a2 in range(1, 9):
                    gid += 1
                    line(gid, _name(rng), lat0 + rng.uniform(0, 4), lon0 + rng.uniform(0, 4), "A", "ADM2", cc, f"{a1:02d}",
                         f"{a2:03d}", rng.randint(0, 10**6))
        weights = [w for _, _, w in _FEATURES]
        while written < rows:
            cc = rng.choice(codes)
            lat0, lon0 = boxes[cc]
            fclass, fcode, _ = rng.choices(_FEATURES, weights)[0]
            population = int(rng.lognormvariate(6, 2.5)) if fclass == "P" and rng.random() < 0.6 else 0
            gid += 1
            line(gid, _name(rng), lat0 + rng.uniform(0, 4), lon0 + rng.uniform(0, 4), fclass, fcode, cc,
                 f"{rng.randint(1, 10):02d}", f"{rng.randint(1, 8):03d}", population)
    return path
