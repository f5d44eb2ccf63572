"""Where the linker keeps reports and incidents: a small interface, and an in-memory index.

The interface is shaped for tables, so a database can back it (see ``IncidentIndex``):

    incident_reports(report_id PK, incident_id, document_id, report JSON, vector JSON)
    incident_keys(country, day, incident_id)        -- index on (country, day); rare words too
    incident_redirects(old_id PK, new_id)           -- merged-away ids point at the survivor
    incident_apart(first_id, second_id)             -- pairs a split said must stay apart
    incident_terms(term PK, documents)              -- document frequencies for TF-IDF

Ids never change once given: an incident id is made from its first report's id, and a merge
only adds a redirect.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Optional, Protocol

from eventatlas.incidents.block import ANY_COUNTRY, BlockKey, index_keys, is_name_key
from eventatlas.incidents.report import Report
from eventatlas.incidents.score import IncidentSummary, Vector

# Incident summaries kept at most (forgotten all at once past it, made again when asked): news
# comes in date order, so only the incidents of the last few days are asked for, a few thousand.
SUMMARIES_MAX = 50_000


@dataclass(eq=False)  # one stored report is one object: compared by identity
class StoredReport:
    report: Report
    vector: Vector
    incident_id: str


class IncidentIndex(Protocol):
    """What the linker needs from storage. Every method takes and returns resolved ids."""

    def stored_report(self, report_id: str) -> Optional[StoredReport]: ...

    def reports_of(self, incident_id: str) -> list[StoredReport]: ...

    def reports_of_many(self, incident_ids: Iterable[str]) -> dict[str, list[StoredReport]]: ...

    def incident_summaries(self, incident_ids: Iterable[str]) -> dict[str, IncidentSummary]: ...

    def incidents_at(self, keys: Iterable[BlockKey]) -> set[str]: ...

    def add_report(self, stored: StoredReport) -> None: ...

    def move_reports(self, report_ids: Iterable[str], incident_id: str) -> None: ...

    def redirect(self, old_id: str, new_id: str) -> None: ...

    def resolve(self, incident_id: str) -> str: ...

    def keep_apart(self, first_id: str, second_id: str) -> None: ...

    def kept_apart(self, first_id: str, second_id: str) -> bool: ...

    def count_terms(self, terms: set[str]) -> None: ...

    def frequencies(self, terms: list[str]) -> tuple[int, list[int]]: ...

    def incident_ids(self) -> list[str]: ...


class MemoryIndex:
    """The index in dictionaries: for one process, tests, evaluation and benchmarks."""

    def __init__(self) -> None:
        self._reports: dict[str, StoredReport] = {}
        self._members: dict[str, list[StoredReport]] = {}  # by incident, in linking order
        self._summaries: dict[str, IncidentSummary] = {}  # by incident, made when first asked
        self._keys: dict[BlockKey, set[str]] = defaultdict(set)
        self._days: dict[int, set[str]] = defaultdict(set)  # for lookups of unknown country
        self._redirects: dict[str, str] = {}
        self._apart: set[frozenset[str]] = set()
        self._terms: dict[str, int] = defaultdict(int)
        self._documents = 0

    def stored_report(self, report_id: str) -> Optional[StoredReport]:
        return self._reports.get(report_id)

    def reports_of(self, incident_id: str) -> list[StoredReport]:
        return list(self._members.get(self.resolve(incident_id), ()))

    def reports_of_many(self, incident_ids: Iterable[str]) -> dict[str, list[StoredReport]]:
        return {incident_id: self.reports_of(incident_id) for incident_id in incident_ids}

    def incident_summaries(self, incident_ids: Iterable[str]) -> dict[str, IncidentSummary]:
        found = {}
        for incident_id in incident_ids:
            resolved = self.resolve(incident_id)
            summary = self._summaries.get(resolved)
            if summary is None:
                if len(self._summaries) >= SUMMARIES_MAX:
                    self._summaries.clear()
                summary = self._summaries[resolved] = IncidentSummary.of(self._members.get(resolved, ()))
            found[incident_id] = summary
        return found

    def incidents_at(self, keys: Iterable[BlockKey]) -> set[str]:
        found: set[str] = set()
        for country, day in keys:
            if country == ANY_COUNTRY:
                found |= self._days.get(day, set())
            else:
                found |= self._keys.get((country, day), set())
        return found

    def add_report(self, stored: StoredReport) -> None:
        self._reports[stored.report.report_id] = stored
        self._members.setdefault(stored.incident_id, []).append(stored)
        summary = self._summaries.get(stored.incident_id)
        if summary is not None:
            summary.add(stored.report, stored.vector)
        self._file(stored)

    def move_reports(self, report_ids: Iterable[str], incident_id: str) -> None:
        self._summaries.pop(incident_id, None)
        for report_id in report_ids:
            stored = self._reports[report_id]
            self._summaries.pop(stored.incident_id, None)
            self._unfile(stored)
            self._members[stored.incident_id].remove(stored)
            if not self._members[stored.incident_id]:
                del self._members[stored.incident_id]
            stored.incident_id = incident_id
            self._members.setdefault(incident_id, []).append(stored)
            self._file(stored)

    def redirect(self, old_id: str, new_id: str) -> None:
        self._redirects[old_id] = new_id

    def resolve(self, incident_id: str) -> str:
        while incident_id in self._redirects:
            incident_id = self._redirects[incident_id]
        return incident_id

    def keep_apart(self, first_id: str, second_id: str) -> None:
        self._apart.add(frozenset((first_id, second_id)))

    def kept_apart(self, first_id: str, second_id: str) -> bool:
        return frozenset((first_id, second_id)) in self._apart

    def count_terms(self, terms: set[str]) -> None:
        self._documents += 1
        for term in terms:
            self._terms[term] += 1

    def frequencies(self, terms: list[str]) -> tuple[int, list[int]]:
        return self._documents, [self._terms.get(term, 0) for term in terms]

    def incident_ids(self) -> list[str]:
        return list(self._members)

    def _file(self, stored: StoredReport) -> None:
        for key in index_keys(stored.report):
            self._keys[key].add(stored.incident_id)
            if not is_name_key(key):
                self._days[key[1]].add(stored.incident_id)

    def _unfile(self, stored: StoredReport) -> None:
        """Take the report's keys off its incident, unless another of its reports holds them."""
        others = [other.report for other in self._members.get(stored.incident_id, []) if other is not stored]
        held = {key for report in others for key in index_keys(report)}
        for key in index_keys(stored.report):
            if key not in held:
                self._keys[key].discard(stored.incident_id)
            if key[1] not in {day for _, day in held}:
                self._days[key[1]].discard(stored.incident_id)
