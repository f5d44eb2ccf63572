"""The incident index in the event database (``SqlIndex``), and linking at write time.

``link_result`` runs inside the transaction that stores a document's events, so a document and
its links land together or not at all. On PostgreSQL it first takes a transaction-scoped
advisory lock: concurrent writers (``--workers``, ``--engine ray``) link one at a time, so two
reports of one incident never both start it. SQLite writers are already serialised by the
database lock, which the document insert has taken before linking reads anything. The statements
run for every report go straight to the driver's cursor (``_Driver``), in the same transaction.
What linking reads and writes most (term counts, the (country, day) keys of recent days, the
reports of candidate incidents and their summaries) is kept on the connection between transactions (``_LinkCache``),
and term counts are written once per transaction, when it commits.

    with engine.begin() as connection:
        link_result(connection, result)            # every event of the document, as a report
    with engine.begin() as connection:
        linker = IncidentLinker(SqlIndex(connection))
        linker.split(incident_id, [report_id])     # then refresh_incidents(...)
"""

from __future__ import annotations

import datetime as dt
import json
import json.encoder
import operator
import weakref
from dataclasses import fields
from functools import lru_cache
from typing import Any, Callable, Iterable, Optional, Sequence

from sqlalchemy import Connection, delete, event, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from eventatlas.incidents.block import ANY_COUNTRY, NAME_KEY, BlockKey, index_keys
from eventatlas.incidents.index import SUMMARIES_MAX, StoredReport
from eventatlas.incidents.link import IncidentLinker, LinkOutcome
from eventatlas.incidents.report import Report, report_from_event
from eventatlas.incidents.score import IncidentSummary
from eventatlas.models import Document, ExtractionResult
from eventatlas.store.schema import (
    IncidentApartRow,
    IncidentKeyRow,
    IncidentRedirectRow,
    IncidentReportRow,
    IncidentRow,
    IncidentTermRow,
)

ALL_REPORTS = ""  # the term row that counts every report (no real term is empty)
_TERM_LENGTH = 128  # the column's width: longer "words" are cut, the same way when counted and read
SQLITE_LINK_CACHE_KIB = 64 * 1024  # page cache of a linking SQLite connection (an upper bound, filled as read)
SQLITE_LINK_CHECKPOINT_PAGES = 10_000  # WAL pages (40 MB at 4 KiB) between checkpoints of a linking connection
_LINK_LOCK = 0x45564E54  # the advisory lock key of linking on PostgreSQL ("EVNT")
_REPORT_FIELDS = {f.name for f in fields(Report)}
_REPORT_NAMES = tuple(f.name for f in fields(Report))
_report_values = operator.attrgetter(*_REPORT_NAMES)  # a report's fields, in _REPORT_NAMES order

_reports = IncidentReportRow.__table__
_keys = IncidentKeyRow.__table__
_redirects = IncidentRedirectRow.__table__
_apart = IncidentApartRow.__table__
_terms = IncidentTermRow.__table__
_incidents = IncidentRow.__table__

# A stored report and its vector never change (only the incident holding it does), so once read
# they are kept for every later transaction of this process: the JSON is parsed once. Keyed by
# database and report id (a process may open several databases).
_PARSED: dict[tuple[str, str], tuple[Report, dict[str, float]]] = {}
_PARSED_MAX = 200_000

_LINK_CACHE = "eventatlas.incidents.link_cache"  # the connection info key of its ``_LinkCache``
_CACHE_MAX = 200_000  # term counts, keys or incidents a ``_LinkCache`` keeps between transactions
_KEYS_AHEAD = 14  # days past a report's window read and kept with it (the next reports look there)


class _Driver:
    """The statements linking runs for every report, on the database driver's own cursor.
    SQLAlchemy's work per statement (parameters, result objects) costs several times what SQLite
    takes to run one, and a report takes about six. The cursor is the SQLAlchemy connection's
    own, so the statements are part of its transaction. Written with ``?`` marks, turned into
    the driver's own (``%s`` for psycopg); the syntax (``ON CONFLICT``, ``RETURNING``) is
    shared by SQLite 3.35+ and PostgreSQL."""

    def __init__(self, connection: Connection):
        if not connection.in_transaction():
            connection.begin()  # what SQLAlchemy's own first statement would do: commit() then commits these
        self.cursor = connection.connection.driver_connection.cursor()
        self.mark = "%s" if connection.dialect.paramstyle in ("format", "pyformat") else "?"
        if connection.dialect.name == "sqlite":
            # Linking reads the incident tables all over (keys, terms, reports): with SQLite's
            # default 2 MB page cache a growing database is read back from the OS page by page,
            # and a report costs more the more are stored. Only the connections that link get it.
            self.cursor.execute(f"PRAGMA cache_size=-{SQLITE_LINK_CACHE_KIB}")
            # A transaction of linking dirties pages all over the incident tables' indexes; with
            # SQLite's default a checkpoint (and its fsync) follows nearly every commit.
            self.cursor.execute(f"PRAGMA wal_autocheckpoint={SQLITE_LINK_CHECKPOINT_PAGES}")

    def rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple]:
        cursor = self.cursor
        cursor.execute(sql if self.mark == "?" else self._marked(sql), parameters)
        return cursor.fetchall()

    def run(self, sql: str, parameters: Sequence[Any] = ()) -> None:
        self.cursor.execute(sql if self.mark == "?" else self._marked(sql), parameters)

    def marks(self, count: int, width: int = 1) -> str:
        """``count`` rows of ``width`` marks: "(?, ?), (?, ?)" (or "?, ?, ?" for width 1)."""
        if width == 1:
            return ", ".join(["?"] * count)
        row = "(" + ", ".join(["?"] * width) + ")"
        return ", ".join([row] * count)

    def _marked(self, sql: str) -> str:
        return sql if self.mark == "?" else sql.replace("?", self.mark)


class _LinkCache:
    """What linking has read or written on one database connection, kept in its ``info`` (for
    as long as the pool keeps the connection) so that a transaction starts from what the last
    one knew: the hot part of the incident tables, written through.

    - ``known``: document frequencies, the stored count plus this transaction's. The increments
      wait in ``pending`` and are written when the transaction commits, one row per term: a
      word every report holds is written once per transaction, not once per report.
    - ``keys``: the incidents filed under (country, day) keys, each key complete (read whole,
      then added to as reports are filed); rare-word keys are always read.
    - ``members``: the reports of incidents, complete and in linking order.
    - ``summaries``: ``IncidentSummary`` of incidents whose members are kept, folded forward as
      reports join; forgotten with the members.

    Nothing read in an earlier transaction is trusted unless it is sure that nobody else wrote
    since: for SQLite, the connection's ``data_version`` (it changes when another connection
    commits) is the one it left; elsewhere keys and members last one transaction, while term
    counts are kept as long as the stored count of all reports is the one it left (every count
    adds one to it, whoever counts). A rollback, one back to a savepoint, or a transaction
    ending unseen after it changed something forgets everything; at a savepoint the pending
    counts are written first, so that rolling back to it takes away exactly those made after.
    A move of reports between incidents (merge, split, correction) forgets keys and members."""

    def __init__(self) -> None:
        self.known: dict[str, int] = {}
        self.pending: dict[str, int] = {}
        self.keys: dict[BlockKey, set[str]] = {}
        self.members: dict[str, list[StoredReport]] = {}
        self.summaries: dict[str, IncidentSummary] = {}
        self.dirty = False  # this transaction changed something: true until its commit is seen
        self._transaction: Optional[weakref.ref] = None  # the transaction it was last checked in
        self._listened: Optional[weakref.ref] = None  # the Connection whose ends it listens to
        self._version: Optional[int] = None  # SQLite's data_version when last checked

    @classmethod
    def of(cls, connection: Connection, driver: "_Driver") -> "_LinkCache":
        cache = connection.info.get(_LINK_CACHE)
        if cache is None:
            cache = connection.info[_LINK_CACHE] = cls()
        transaction = connection.get_transaction()
        if transaction is None:  # as SQLAlchemy's own next statement would
            transaction = connection.begin()
        if cache._transaction is None or cache._transaction() is not transaction:
            cache._enter(connection, driver, transaction)
        return cache

    def _enter(self, connection: Connection, driver: "_Driver", transaction) -> None:
        """The first use in a transaction: listen to its end, drop what may be stale."""
        if self._listened is None or self._listened() is not connection:
            for name, listener in (("commit", self._commit), ("rollback", self._rolled_back),
                                   ("savepoint", self._savepoint), ("rollback_savepoint", self._rolled_back_part)):
                event.listen(connection, name, listener)
            self._listened = weakref.ref(connection)
        if self.dirty:  # the last transaction ended unseen (never expected): nothing read holds
            self.forget()
        self._transaction = weakref.ref(transaction)
        version = None
        if connection.dialect.name == "sqlite":
            # Take the write lock now, as the per-report term upsert did, so that no other
            # connection commits between what is read here and what this transaction writes.
            driver.run("DELETE FROM incident_terms WHERE 0")
            version = driver.rows("PRAGMA data_version")[0][0]
        stored = driver.rows("SELECT documents FROM incident_terms WHERE term = ?", (ALL_REPORTS,))
        documents = stored[0][0] if stored else 0
        if version is None or version != self._version:
            self.keys.clear()
            self.forget_members()
        self._version = version
        if self.known.get(ALL_REPORTS) != documents or len(self.known) > _CACHE_MAX:
            self.known.clear()
        self.known[ALL_REPORTS] = documents
        if len(self.keys) > _CACHE_MAX:
            self.keys.clear()
        if len(self.members) > _CACHE_MAX:
            self.forget_members()
        if len(self.summaries) > SUMMARIES_MAX:  # remade from the members when asked
            self.summaries.clear()

    def load(self, driver: "_Driver", terms: Iterable[str]) -> None:
        """Read the counts of the terms not known yet (0 for a term never counted)."""
        known = self.known
        wanted = sorted({term for term in terms if term not in known})
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for term in chunk:
                known[term] = 0
            known.update(driver.rows(
                f"SELECT term, documents FROM incident_terms WHERE term IN ({driver.marks(len(chunk))})", chunk
            ))

    def add(self, terms: Iterable[str]) -> None:
        """One more report for each of ``terms`` (all loaded)."""
        known, pending = self.known, self.pending
        for term in terms:
            known[term] += 1
            pending[term] = pending.get(term, 0) + 1
        self.dirty = True

    def write(self, connection: Connection) -> None:
        """Write the pending counts, in the transaction still open."""
        if not self.pending:
            return
        rows = sorted(self.pending.items())
        cursor = connection.connection.driver_connection.cursor()
        mark = "%s" if connection.dialect.paramstyle in ("format", "pyformat") else "?"
        cursor.executemany(
            f"INSERT INTO incident_terms (term, documents) VALUES ({mark}, {mark}) "
            "ON CONFLICT (term) DO UPDATE SET documents = incident_terms.documents + excluded.documents",
            rows,
        )
        self.pending.clear()

    def forget_incidents(self) -> None:
        """Reports moved, refiled or rewritten: keys and members are read anew."""
        self.keys.clear()
        self.forget_members()
        self.dirty = True

    def forget_members(self) -> None:
        self.members.clear()
        self.summaries.clear()

    def forget(self) -> None:
        self.pending.clear()
        self.known.clear()
        self.keys.clear()
        self.forget_members()
        self.dirty = False
        self._transaction = None

    def _commit(self, connection: Connection) -> None:
        try:
            self.write(connection)
        except BaseException:
            self.forget()
            raise
        self.dirty = False

    def _savepoint(self, connection: Connection, name: Optional[str] = None) -> None:
        try:
            self.write(connection)
        except BaseException:
            self.forget()
            raise

    def _rolled_back(self, connection: Connection) -> None:
        self.forget()

    def _rolled_back_part(self, connection: Connection, *args: Any) -> None:
        """Back to a savepoint: everything is read anew, in the same transaction, where what it
        did before the savepoint still stands, uncommitted."""
        for kept in (self.pending, self.known, self.keys, self.members, self.summaries):
            kept.clear()
        self.dirty = True


def _json_encoder() -> Callable[[Any], str]:
    """``json.dumps`` with its default settings, without the work it does per call around the C
    encoder (two a report: its fields and its vector). Falls back to ``json.dumps`` where the C
    encoder is missing. The same text either way (no circular check: these are plain values)."""
    make = json.encoder.c_make_encoder
    if make is None:
        return json.dumps
    encode = make(None, json.JSONEncoder().default, json.encoder.encode_basestring_ascii, None,
                  ": ", ", ", False, False, True)
    return lambda value: "".join(encode(value, 0))


_to_json = _json_encoder()


def _json(value: Any) -> Any:
    """A JSON column as read by the driver: text from SQLite, parsed already by psycopg."""
    return json.loads(value) if isinstance(value, (str, bytes)) else value


class SqlIndex:
    """``IncidentIndex`` over the incident tables, on one connection (one transaction).

    Reports of the candidate incidents are read in one query (``reports_of_many``); they, the
    (country, day) keys read and the term counts are kept in the connection's ``_LinkCache``,
    written through, since the linker reads them several times per report and the next
    reports of a country read them again."""

    def __init__(self, connection: Connection):
        self.connection = connection
        self._driver = _Driver(connection)
        self._resolved: dict[str, str] = {}
        self._next_position: Optional[int] = None
        self._link_cache: Optional[_LinkCache] = None

    def _cache(self) -> _LinkCache:
        """The connection's ``_LinkCache``, checked for this transaction (a few times a report:
        the check of the last one found is a comparison)."""
        cache = self._link_cache
        if cache is None or cache._transaction is None or cache._transaction() is not self.connection.get_transaction():
            cache = self._link_cache = _LinkCache.of(self.connection, self._driver)
        return cache

    # reports -----------------------------------------------------------------------------
    def stored_report(self, report_id: str) -> Optional[StoredReport]:
        rows = self._driver.rows(
            "SELECT report, vector, incident_id FROM incident_reports WHERE report_id = ?", (report_id,)
        )
        return _stored(_json(rows[0][0]), _json(rows[0][1]), rows[0][2]) if rows else None

    def reports_of(self, incident_id: str) -> list[StoredReport]:
        incident_id = self.resolve(incident_id)
        members = self._cache().members
        if incident_id not in members:
            self._load_members(members, {incident_id})
        return list(members.get(incident_id, ()))

    def reports_of_many(self, incident_ids: Iterable[str]) -> dict[str, list[StoredReport]]:
        """The reports of many incidents in one query, in linking order."""
        resolved = self._resolve_all(incident_ids)
        members = self._cache().members
        self._load_members(members, set(resolved.values()))
        return {incident_id: list(members.get(current, ())) for incident_id, current in resolved.items()}

    def incident_summaries(self, incident_ids: Iterable[str]) -> dict[str, IncidentSummary]:
        """``IncidentSummary`` of many incidents, kept with their members."""
        resolved = self._resolve_all(incident_ids)
        cache = self._cache()
        members, summaries = cache.members, cache.summaries
        self._load_members(members, {current for current in resolved.values() if current not in summaries})
        found = {}
        for incident_id, current in resolved.items():
            summary = summaries.get(current)
            if summary is None:
                summary = summaries[current] = IncidentSummary.of(members.get(current, ()))
            found[incident_id] = summary
        return found

    def _load_members(self, members: dict[str, list[StoredReport]], incident_ids: set[str]) -> None:
        """Read the reports of these (resolved) incidents that are not in ``members`` yet."""
        wanted = [incident_id for incident_id in incident_ids if incident_id not in members]
        if not wanted:  # the common case: the linker asks for the same candidates several times
            return
        wanted.sort()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for incident_id in chunk:
                members[incident_id] = []
            rows = self._driver.rows(
                "SELECT report_id, incident_id FROM incident_reports "
                f"WHERE incident_id IN ({self._driver.marks(len(chunk))}) ORDER BY position, report_id",
                chunk,
            )
            if not rows:  # a new incident's (add_report asks first)
                continue
            parsed = _parsed(self.connection, self._driver, [report_id for report_id, _ in rows])
            for report_id, incident_id in rows:
                report, vector = parsed[report_id]
                members[incident_id].append(StoredReport(report, vector, incident_id))

    def add_report(self, stored: StoredReport) -> None:
        report = stored.report
        cache = self._cache()
        if stored.incident_id not in cache.members:  # kept lists are whole: read it first (a new
            self._load_members(cache.members, {stored.incident_id})  # incident's is empty)
        fields = _to_json(dict(zip(_REPORT_NAMES, _report_values(report))))
        self._driver.run(
            "INSERT INTO incident_reports (report_id, incident_id, document_id, position, report, vector) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (report.report_id, stored.incident_id, report.document_id, self._position(), fields,
             _to_json(stored.vector)),
        )
        cache.dirty = True
        cache.members[stored.incident_id].append(stored)
        summary = cache.summaries.get(stored.incident_id)
        if summary is not None:
            summary.add(report, stored.vector)
        self._file(stored.incident_id, [report], cache)

    def move_reports(self, report_ids: Iterable[str], incident_id: str) -> None:
        report_ids = list(report_ids)
        rows = self.connection.execute(
            select(_reports.c.incident_id).where(_reports.c.report_id.in_(report_ids)).distinct()
        ).scalars().all()
        self.connection.execute(
            update(_reports).where(_reports.c.report_id.in_(report_ids)).values(incident_id=incident_id)
        )
        self._cache().forget_incidents()  # re-read on next use
        for touched in sorted(set(rows) | {incident_id}):
            self.refile(touched)

    # ids ---------------------------------------------------------------------------------
    def redirect(self, old_id: str, new_id: str) -> None:
        _upsert(self.connection, _redirects, [{"old_id": old_id, "new_id": new_id}])
        self._resolved.clear()

    def resolve(self, incident_id: str) -> str:
        if incident_id in self._resolved:
            return self._resolved[incident_id]
        current, seen = incident_id, {incident_id}
        while True:
            rows = self._driver.rows("SELECT new_id FROM incident_redirects WHERE old_id = ?", (current,))
            target = rows[0][0] if rows else None
            if target is None or target in seen:
                break
            current = target
            seen.add(target)
        self._resolved[incident_id] = current
        return current

    def _resolve_all(self, incident_ids: Iterable[str]) -> dict[str, str]:
        """``resolve`` of each id, those resolved already (every candidate) without a call."""
        known = self._resolved
        return {i: known[i] if i in known else self.resolve(i) for i in incident_ids}

    def keep_apart(self, first_id: str, second_id: str) -> None:
        a, b = sorted((first_id, second_id))
        _insert_ignore(self.connection, _apart, [{"a": a, "b": b}])

    def kept_apart(self, first_id: str, second_id: str) -> bool:
        a, b = sorted((first_id, second_id))
        found = self.connection.execute(select(_apart.c.a).where(_apart.c.a == a, _apart.c.b == b)).first()
        return found is not None

    def incident_ids(self) -> list[str]:
        return list(self.connection.execute(select(_reports.c.incident_id).distinct()).scalars())

    # blocking ----------------------------------------------------------------------------
    def incidents_at(self, keys: Iterable[BlockKey]) -> set[str]:
        """Incidents filed under any of ``keys``. Day keys are every country asked for on every
        day asked for: the connection's cache holds them, else one query over (countries) x
        (days) reads them; rare-word keys are read every time (a second statement)."""
        countries: set[str] = set()
        days: set[int] = set()
        names: set[int] = set()
        for country, day in keys:
            if country == NAME_KEY:  # is_name_key, inline: a report looks up some thirty keys
                names.add(day)
            else:
                countries.add(country)
                days.add(day)
        cache = self._cache()
        if ANY_COUNTRY in countries or not days:
            found = self._incidents_filed(None if ANY_COUNTRY in countries else countries, days, names)
        else:
            found = self._incidents_kept(cache.keys, countries, days)
            if names:
                found |= self._incidents_filed(set(), set(), names)
        self._resolved.update(zip(found, found))  # keys are refiled on every move: ids are current
        self._load_members(cache.members, found)  # the linker scores every one of them next
        return found

    def _incidents_kept(self, kept: dict[BlockKey, set[str]], countries: set[str], days: set[int]) -> set[str]:
        """Incidents filed under (countries) x (days), from the keys the cache holds; when one
        is missing, all of them are read (one statement) and kept."""
        held = list(map(kept.get, [(country, day) for country in countries for day in days]))
        if None in held:  # sets never equal None: only a missing key matches
            return self._read_keys(kept, countries, days)
        return set().union(*held)

    def _read_keys(self, kept: dict[BlockKey, set[str]], countries: set[str], days: set[int]) -> set[str]:
        """Read the incidents filed under (countries) x (days), and keep every one of the keys.
        News comes in publication order, so the next reports of these countries look a few days
        further on: the read runs ``_KEYS_AHEAD`` days past the window, kept as well."""
        marks = self._driver.marks
        low, high = min(days), max(days)
        if high - low + 1 == len(days):
            read = range(low, high + _KEYS_AHEAD + 1)
            day_condition, parameters = "day BETWEEN ? AND ?", [read.start, read.stop - 1]
        else:
            read = sorted(days)
            day_condition, parameters = f"day IN ({marks(len(days))})", read
        rows = self._driver.rows(
            f"SELECT country, day, incident_id FROM incident_keys WHERE country IN ({marks(len(countries))}) "
            f"AND {day_condition}",
            [*sorted(countries), *parameters],
        )
        for country in countries:
            for day in read:
                kept[(country, day)] = set()
        for country, day, incident_id in rows:
            kept[(country, day)].add(incident_id)
        return {incident_id for country, day, incident_id in rows if day in days}

    def _incidents_filed(self, countries: Optional[set[str]], days: set[int], names: set[int]) -> set[str]:
        """Incidents filed under any of ``days`` in any of ``countries`` (None: every country), or
        under any of the rare-word codes ``names``: one statement. A report's days are one run
        (its event and publication windows overlap), read as a range: an ``IN`` list of days and
        ``DISTINCT`` cost SQLite about twice as much; duplicates go in the set."""
        marks = self._driver.marks
        conditions, parameters = [], []
        if days:
            if countries is not None:
                conditions.append(f"(country IN ({marks(len(countries))}) AND ")
                parameters += sorted(countries)
            else:
                conditions.append("(")
            low, high = min(days), max(days)
            if high - low + 1 == len(days):
                conditions[-1] += "day BETWEEN ? AND ?)"
                parameters += [low, high]
            else:
                conditions[-1] += f"day IN ({marks(len(days))}))"
                parameters += sorted(days)
        if names:
            conditions.append(f"(country = ? AND day IN ({marks(len(names))}))")
            parameters += [NAME_KEY, *sorted(names)]
        if not conditions:
            return set()
        sql = "SELECT incident_id FROM incident_keys WHERE " + " OR ".join(conditions)
        return {incident_id for (incident_id,) in self._driver.rows(sql, parameters)}

    # term statistics ---------------------------------------------------------------------
    def count_terms(self, terms: set[str]) -> None:
        """Count one more report for each term. The counts live in the connection's
        ``_LinkCache``: written when the transaction commits, read once per term."""
        counts = self._cache()
        cut = {t[:_TERM_LENGTH] for t in terms}
        cut.add(ALL_REPORTS)
        if not counts.known.keys() >= cut:
            counts.load(self._driver, cut)
        counts.add(cut)

    def frequencies(self, terms: list[str]) -> tuple[int, list[int]]:
        counts = self._cache()
        cut = [term[:_TERM_LENGTH] for term in terms]
        known = counts.known
        if ALL_REPORTS not in known or not all(map(known.__contains__, cut)):
            counts.load(self._driver, [*cut, ALL_REPORTS])
        return known.get(ALL_REPORTS, 0), [known[term] for term in cut]

    # helpers -----------------------------------------------------------------------------
    def _position(self) -> int:
        if self._next_position is None:
            last = self.connection.execute(select(func.max(_reports.c.position))).scalar()
            self._next_position = (last or 0) + 1
        self._next_position += 1
        return self._next_position - 1

    def _file(self, incident_id: str, reports: list[Report], cache: Optional[_LinkCache] = None) -> None:
        kept = (cache or self._cache()).keys
        keys = []
        for key in sorted({key for report in reports for key in index_keys(report)}):
            held = kept.get(key)
            if held is None:
                keys.append(key)
            elif incident_id not in held:  # written through: a kept key stays complete
                held.add(incident_id)
                keys.append(key)
        if keys:  # a kept key that holds the incident already needs no row (most joins)
            self._driver.run(
                f"INSERT INTO incident_keys (country, day, incident_id) VALUES {self._driver.marks(len(keys), 3)} "
                "ON CONFLICT DO NOTHING",
                [value for country, day in keys for value in (country, day, incident_id)],
            )

    def refile(self, incident_id: str) -> None:
        """File an incident's keys anew from the reports it holds now."""
        self._cache().forget_incidents()
        self.connection.execute(delete(_keys).where(_keys.c.incident_id == incident_id))
        self._file(incident_id, [stored.report for stored in self.reports_of(incident_id)])


def _stored(report: dict[str, Any], vector: dict[str, float], incident_id: str) -> StoredReport:
    return StoredReport(_report(report), dict(vector), incident_id)


def _report(values: dict[str, Any]) -> Report:
    values = {key: value for key, value in values.items() if key in _REPORT_FIELDS}
    values["actors"] = tuple(values.get("actors") or ())
    values["names"] = tuple(values.get("names") or ())
    return Report(**values)


def _parsed(
    connection: Connection, driver: _Driver, report_ids: list[str]
) -> dict[str, tuple[Report, dict[str, float]]]:
    """These reports parsed: from this process's cache, the others read and parsed now."""
    database = str(connection.engine.url)
    found = {report_id: _PARSED.get((database, report_id)) for report_id in report_ids}
    missing = [report_id for report_id, value in found.items() if value is None]
    if len(_PARSED) + len(missing) > _PARSED_MAX:
        _PARSED.clear()
    for start in range(0, len(missing), 500):
        chunk = missing[start : start + 500]
        rows = driver.rows(
            f"SELECT report_id, report, vector FROM incident_reports WHERE report_id IN ({driver.marks(len(chunk))})",
            chunk,
        )
        for report_id, report, vector in rows:
            parsed = (_report(_json(report)), dict(_json(vector)))
            found[report_id] = _PARSED[(database, report_id)] = parsed
    return found


def _insert_ignore(connection: Connection, table, rows: list[dict[str, Any]]) -> None:
    if rows:
        connection.execute(_insert_statement(connection.dialect.name, table.name, "ignore"), rows)


def _upsert(connection: Connection, table, rows: list[dict[str, Any]]) -> None:
    """Insert rows; a row whose key exists replaces it."""
    if rows:
        connection.execute(_insert_statement(connection.dialect.name, table.name, "upsert"), rows)


@lru_cache(maxsize=None)
def _insert_statement(dialect: str, table_name: str, conflict: str):
    table = next(t for t in (_keys, _apart, _terms, _redirects, _incidents) if t.name == table_name)
    statement = (pg_insert if dialect == "postgresql" else sqlite_insert)(table)
    if conflict == "ignore":
        return statement.on_conflict_do_nothing()
    keys = [column.name for column in table.primary_key]
    changes = {c.name: statement.excluded[c.name] for c in table.columns if c.name not in keys}
    return statement.on_conflict_do_update(index_elements=keys, set_=changes)


# linking at write time ---------------------------------------------------------------------
def lock_linking(connection: Connection) -> None:
    """Serialise linking between PostgreSQL writers until this transaction ends."""
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(_LINK_LOCK)))


def link_result(
    connection: Connection, result: ExtractionResult, look_alike: Optional[Report] = None
) -> list[LinkOutcome]:
    """Link every event of a stored document to an incident, and refresh those incidents. A
    document with no event is linked by ``look_alike`` when the caller gives one (its set-aside
    crime story or opening sentence, ``main_report``, placed while the parse is at hand): it joins
    and starts incidents like any report, so that another outlet's event of the same shooting
    finds it, but an incident that only look-alikes hold stays latent (no ``incidents`` row)."""
    reports = [report_from_event(event, result) for event in result.events if event.event_id]
    if not reports and look_alike is not None:
        reports = [look_alike]
    if not reports:
        return []
    lock_linking(connection)
    linker = IncidentLinker(SqlIndex(connection))
    outcomes = linker.link_many(reports)
    refresh_incidents(
        linker,
        changed=[o.incident_id for o in outcomes if not o.already_linked],
        removed=[merged for o in outcomes for merged in o.merged],
    )
    return outcomes


def refresh_incidents(linker: IncidentLinker, changed: Iterable[str], removed: Iterable[str] = ()) -> None:
    """Rewrite the ``incidents`` rows of the changed incidents; drop the merged-away ones, and
    those no event report holds (emptied, or latent: set-aside look-alikes only)."""
    index = linker.index
    assert isinstance(index, SqlIndex)
    connection = index.connection
    gone = sorted(set(removed))
    if gone:
        connection.execute(delete(_incidents).where(_incidents.c.incident_id.in_(gone)))
    for incident_id in sorted({linker.resolve(i) for i in changed}):
        reports = [stored.report for stored in index.reports_of(incident_id)]
        if not any(report.kind == "event" for report in reports):  # emptied, or look-alikes only
            connection.execute(delete(_incidents).where(_incidents.c.incident_id == incident_id))
            continue
        incident = linker.incident(incident_id).to_dict()
        row = incident_row(incident, representative_event(incident, reports))
        _upsert(connection, _incidents, [row])


def representative_event(incident: dict[str, Any], reports: list[Report]) -> dict[str, Any]:
    """The coded event of the report the incident's place came from (else its first report):
    what exports take the fields merging does not decide from (country name, inter codes,
    associated actors, admin2). Event reports first: a look-alike's stand-in codes no actors."""
    events = [r for r in reports if r.kind == "event"] or reports
    placed = [r for r in events if (r.geonameid, r.location) == (incident["geonameid"], incident["location"])]
    chosen = (placed or events)[0]
    return dict(chosen.event or {})


def incident_row(incident: dict[str, Any], event: Optional[dict[str, Any]] = None) -> dict[str, Any]:
    columns = set(_incidents.columns.keys()) - {"data", "event_date"}
    row = {key: incident.get(key) for key in columns}
    row["event_date"] = _date(incident.get("event_date"))
    row["fatalities"] = row["fatalities"] or 0
    row["certainty"] = row["certainty"] or "reported"
    for name in ("actor1", "actor2", "location", "admin1"):
        row[name] = row[name][:255] if row[name] else row[name]
    row["data"] = {**incident, "event": event or {}}
    return row


def _date(value: Optional[str]) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


# corrections -------------------------------------------------------------------------------
def split_incident(connection: Connection, incident_id: str, report_ids: list[str]) -> str:
    """Move some reports of an incident into a new one (a wrong merge undone); the new id.
    Raises KeyError for an unknown incident, ValueError for reports that cannot be split off."""
    lock_linking(connection)
    linker = IncidentLinker(SqlIndex(connection))
    incident_id = linker.resolve(incident_id)
    if not linker.index.reports_of(incident_id):
        raise KeyError(f"no incident {incident_id!r}")
    new_id = linker.split(incident_id, report_ids)
    refresh_incidents(linker, changed=[incident_id, new_id])
    return new_id


def merge_incidents(connection: Connection, survivor_id: str, other_id: str) -> str:
    """Merge ``other`` into ``survivor`` (two incidents the linker missed are one); the other id
    redirects from now on. Raises KeyError for an unknown incident."""
    lock_linking(connection)
    linker = IncidentLinker(SqlIndex(connection))
    survivor_id, other_id = linker.resolve(survivor_id), linker.resolve(other_id)
    for incident_id in (survivor_id, other_id):
        if not linker.index.reports_of(incident_id):
            raise KeyError(f"no incident {incident_id!r}")
    linker.merge(survivor_id, other_id)
    refresh_incidents(linker, changed=[survivor_id], removed=[other_id] if other_id != survivor_id else [])
    return survivor_id


# linking what is already stored -------------------------------------------------------------
def link_stored_events(engine, batch: int = 200) -> int:
    """Link the stored events that no incident holds yet (a database made before incidents, or
    filled without the write path), document by document in publication order, ``batch``
    documents per transaction. Returns the number of reports linked."""
    from sqlalchemy.orm import Session

    from eventatlas.store.query import row_to_event
    from eventatlas.store.schema import DocumentRow, EventRow

    unlinked = (
        select(DocumentRow.id)
        .join(EventRow, EventRow.document_id == DocumentRow.id)
        .where(EventRow.event_id.not_in(select(_reports.c.report_id)))
        .distinct()
    )
    linked = 0
    with Session(engine) as session:
        ids = list(session.scalars(select(DocumentRow.id).where(DocumentRow.id.in_(unlinked))
                                   .order_by(DocumentRow.published, DocumentRow.id)))
    for start in range(0, len(ids), batch):
        with Session(engine) as session, session.begin():
            for document in session.scalars(select(DocumentRow).where(DocumentRow.id.in_(ids[start : start + batch]))
                                            .order_by(DocumentRow.published, DocumentRow.id)):
                result = ExtractionResult(document=_stored_document(document),
                                          events=[row_to_event(row) for row in document.events])
                linked += sum(not o.already_linked for o in link_result(session.connection(), result))
    return linked


def _stored_document(row) -> Document:
    published = row.published.isoformat() if row.published else None
    return Document(id=row.id, text=row.text, title=row.title, url=row.url, published=published,
                    source=row.source, language=row.language)


def unlink_report(connection: Connection, report_id: str) -> Optional[str]:
    """Take a deleted event's report off its incident (the incident goes when it was the last);
    the incident's id, or None when the event was not linked."""
    lock_linking(connection)
    index = SqlIndex(connection)
    stored = index.stored_report(report_id)
    if stored is None:
        return None
    incident_id = index.resolve(stored.incident_id)
    connection.execute(delete(_reports).where(_reports.c.report_id == report_id))
    _PARSED.pop((str(connection.engine.url), report_id), None)
    index.refile(incident_id)
    refresh_incidents(IncidentLinker(index), changed=[incident_id])
    return incident_id


def relink_corrected(connection: Connection, event_row, document_row) -> Optional[str]:
    """After an analyst corrects a stored event: its report takes the corrected fields and its
    incident is merged anew (place, date, type...). It stays in its incident: moving it is a
    split or merge, the analyst's call. Returns the incident's id (None when not linked)."""
    from eventatlas.store.query import row_to_event

    lock_linking(connection)
    index = SqlIndex(connection)
    stored = index.stored_report(event_row.event_id)
    if stored is None or document_row is None:
        return None
    result = ExtractionResult(document=_stored_document(document_row), events=[])
    report = report_from_event(row_to_event(event_row), result, kind=stored.report.kind)
    values = {name: getattr(report, name) for name in _REPORT_FIELDS}
    connection.execute(update(_reports).where(_reports.c.report_id == report.report_id).values(report=values))
    _PARSED.pop((str(connection.engine.url), report.report_id), None)
    incident_id = index.resolve(stored.incident_id)
    index.refile(incident_id)
    refresh_incidents(IncidentLinker(index), changed=[incident_id])
    return incident_id
