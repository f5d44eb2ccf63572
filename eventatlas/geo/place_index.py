"""Read access to the gazetteer's SQLite index without loading it into Python objects.

``Gazetteer`` answers from here. A name key is one indexed SQLite lookup (the ``keys`` table's
primary key), a place row one rowid lookup; both go through small LRU caches, so the names and
places a corpus keeps mentioning cost a dictionary hit. Only the four columns the recogniser
reads for every candidate of every word run (feature class, feature code, country, population)
are held in memory, as compact arrays written at build time (``write_columns``): a few bytes
per place instead of a Python object per place and per name.

The connection is opened read-only and ``immutable`` (a build replaces the file, it never
changes it in place), shared by threads under a lock, and reopened in a forked child.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from array import array
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

KEY_CACHE = 1 << 15  # name keys (found and not found): a long article's word runs fit
ROW_CACHE = 1 << 14  # place rows: every candidate of the names in recent use
SQLITE_CACHE_KIB = 8192  # SQLite's own page cache: the upper levels of both B-trees

# kinds of the ``keys`` table
MAIN_KEYS, SKELETON_KEYS, UNIT_KEYS = 0, 1, 2

# (column, array type): labels stored as codes into their vocabulary; numbers as they are
CODED_COLUMNS = (("fclass", "B"), ("fcode", "H"), ("cc", "H"))
POPULATION_TYPE = "q"
# the columns of a place row not held in memory, in ``PlaceIndex.row``'s order
ROW_SQL = "SELECT geonameid, name, lat, lon, admin1, admin2, admin1_row FROM places WHERE id=?"
ROW_COLUMNS = ("geonameid", "name", "lat", "lon", "admin1", "admin2", "admin1_row")
GEONAMEID, NAME, LAT, LON, ADMIN1, ADMIN2, ADMIN1_ROW = range(len(ROW_COLUMNS))


def write_columns(con: sqlite3.Connection) -> None:
    """Store the in-memory columns of ``places`` (written first) as blobs in table ``columns``,
    with their place-count and key-count figures in ``meta``."""
    con.execute("CREATE TABLE columns (name TEXT PRIMARY KEY, vocabulary TEXT, data BLOB)")
    for column, typecode in CODED_COLUMNS:
        values = [value or "" for (value,) in con.execute(f"SELECT {column} FROM places ORDER BY id")]
        vocabulary = sorted(set(values))
        code_of = {value: code for code, value in enumerate(vocabulary)}
        codes = array(typecode, (code_of[value] for value in values))
        con.execute("INSERT INTO columns VALUES (?,?,?)", (column, json.dumps(vocabulary), codes.tobytes()))
    population = array(POPULATION_TYPE, (value or 0 for (value,) in con.execute("SELECT population FROM places ORDER BY id")))
    con.execute("INSERT INTO columns VALUES (?,?,?)", ("population", None, population.tobytes()))
    counts = dict(con.execute("SELECT kind, count(*) FROM keys GROUP BY kind").fetchall())
    con.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)",
                    [("rows", str(len(population)))] + [(f"keys{kind}", str(counts.get(kind, 0))) for kind in range(3)])


class CodedColumn(Sequence):
    """A label per place, as a small-integer code into the column's vocabulary."""

    def __init__(self, vocabulary: Sequence[str], codes: array):
        self.vocabulary = tuple(vocabulary)
        self.codes = codes

    def __getitem__(self, index: int) -> str:
        return self.vocabulary[self.codes[index]]

    def __len__(self) -> int:
        return len(self.codes)

    def __iter__(self) -> Iterator[str]:
        vocabulary = self.vocabulary
        return (vocabulary[code] for code in self.codes)


class RowColumn(Sequence):
    """One field of the place rows read from SQLite (``PlaceIndex.row``), for code that indexes
    it like a list; iterating reads the column in one pass."""

    def __init__(self, index: PlaceIndex, field: int, column: str):
        self.index = index
        self.field = field
        self.column = column

    def __getitem__(self, row: int):
        if row < 0:
            row += len(self)
        if not 0 <= row < len(self):
            raise IndexError(row)
        return self.index.row(row)[self.field]

    def __len__(self) -> int:
        return len(self.index)

    def __iter__(self) -> Iterator:
        return self.index.scan(self.column)


class KeyTable(Mapping):
    """One kind of name key -> its packed candidate codes (``array("I")`` bytes)."""

    def __init__(self, index: PlaceIndex, kind: int):
        self.index = index
        self.kind = kind

    def get(self, key: str, default: bytes | None = None) -> bytes | None:
        found = self.index.codes(self.kind, key)
        return default if found is None else found

    def __getitem__(self, key: str) -> bytes:
        found = self.index.codes(self.kind, key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.index.codes(self.kind, key) is not None

    def __len__(self) -> int:
        return self.index.key_counts[self.kind]

    def __iter__(self) -> Iterator[str]:
        return (key for (key,) in self.index.query_all("SELECT key FROM keys WHERE kind=? ORDER BY key", (self.kind,)))


class PlaceIndex:
    """An open gazetteer index: cached key and row lookups, the in-memory columns."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._pid = -1
        self._con: sqlite3.Connection | None = None
        meta = dict(self.query_all("SELECT k, v FROM meta"))
        self.meta = meta
        self.rows = int(meta["rows"])
        self.key_counts = tuple(int(meta[f"keys{kind}"]) for kind in range(3))
        blobs = {name: (vocabulary, data) for name, vocabulary, data in self.query_all("SELECT name, vocabulary, data FROM columns")}
        self.columns: dict[str, Sequence] = {}
        for column, typecode in CODED_COLUMNS:
            vocabulary, data = blobs[column]
            codes = array(typecode)
            codes.frombytes(data)
            self.columns[column] = CodedColumn(json.loads(vocabulary), codes)
        population = array(POPULATION_TYPE)
        population.frombytes(blobs["population"][1])
        self.columns["population"] = population
        # per-instance caches (a class-level cache would keep every index ever opened alive)
        self.codes = lru_cache(maxsize=KEY_CACHE)(self._codes)
        self.row = lru_cache(maxsize=ROW_CACHE)(self._row)

    def __len__(self) -> int:
        return self.rows

    def _connection(self) -> sqlite3.Connection:
        """The open connection; a new one in a forked child (SQLite connections must not cross
        a fork)."""
        if self._pid != os.getpid():
            uri = f"file:{self.path}?mode=ro&immutable=1"
            self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._con.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
            self._pid = os.getpid()
        return self._con

    def query_one(self, sql: str, parameters: tuple = ()) -> tuple | None:
        with self._lock:
            return self._connection().execute(sql, parameters).fetchone()

    def query_all(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._connection().execute(sql, parameters).fetchall()

    def _codes(self, kind: int, key: str) -> bytes | None:
        found = self.query_one("SELECT codes FROM keys WHERE kind=? AND key=?", (kind, key))
        return found[0] if found else None

    def _row(self, index: int) -> tuple:
        """(geonameid or -1, name, lat, lon, admin1, admin2, admin1_row or -1) of a place."""
        found = self.query_one(ROW_SQL, (index,))
        if found is None:
            raise IndexError(index)
        gid, name, lat, lon, admin1, admin2, admin1_row = found
        return (gid if gid is not None else -1, name, lat, lon, admin1 or "", admin2 or "",
                admin1_row if admin1_row is not None else -1)

    def scan(self, column: str) -> Iterator:
        """Every place's value of ``column`` in row order, with the row reader's defaults."""
        default = {"geonameid": -1, "admin1_row": -1, "admin1": "", "admin2": ""}.get(column)
        for (value,) in self.query_all(f"SELECT {column} FROM places ORDER BY id"):
            yield default if value is None and default is not None else value

    def names_in_country(self, country_code: str) -> list[tuple[int, str]]:
        """(row, main name) of every place of one country."""
        return self.query_all("SELECT id, name FROM places WHERE cc=?", (country_code,))

    def names_of_divisions_and_towns(self, min_population: int) -> list[tuple[int, str]]:
        """(row, main name) of every first- and second-level division, and of every place at
        least this populous."""
        return self.query_all("SELECT id, name FROM places WHERE fcode IN ('ADM1', 'ADM2') OR population >= ?",
                              (min_population,))

    def country_rows(self) -> dict[str, int]:
        """Country code -> the row of its country (the last one when a code has several)."""
        found = self.query_all("SELECT cc, id FROM places WHERE fcode='PCLI' AND cc IS NOT NULL AND cc != '' ORDER BY id")
        return dict(found)

    def close(self) -> None:
        with self._lock:
            if self._con is not None and self._pid == os.getpid():
                self._con.close()
            self._con, self._pid = None, -1
