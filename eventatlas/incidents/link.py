"""The incident linker: reports come in one at a time; each joins the incident it matches best
or starts a new one. A report that matches two incidents well bridges them: they merge, the
older id survives and the other redirects to it. A wrong merge can be split again.

    linker = IncidentLinker()
    for report in reports:
        outcome = linker.link(report)        # outcome.incident_id, outcome.started, outcome.merged
    linker.incident(outcome.incident_id)     # merged ACLED fields, sources, n_reports ...
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Iterable, Optional

from eventatlas.incidents.block import lookup_keys
from eventatlas.incidents.index import IncidentIndex, MemoryIndex, StoredReport
from eventatlas.incidents.merge import Incident, merge_reports
from eventatlas.incidents.report import Report
from eventatlas.incidents.score import (
    ReportScorer,
    Vector,
    capitalised,
    content_terms,
    rare_terms,
    tokens_of,
    weigh_terms,
)
from eventatlas.incidents.settings import LinkingSettings


def _day_of(incident_id: str) -> Optional[str]:
    """The day an incident id starts with (``inc-YYYYMMDD-...``), if it has one."""
    parts = incident_id.split("-")
    return parts[1] if len(parts) == 3 and len(parts[1]) == 8 and parts[1].isdigit() else None


@dataclass
class LinkOutcome:
    incident_id: str
    started: bool = False  # the report started a new incident
    already_linked: bool = False  # the report was linked before (re-ingest): nothing changed
    merged: list[str] = field(default_factory=list)  # incidents merged into incident_id
    score: Optional[float] = None


def incident_id_for(report_id: str, day: Optional[str] = None) -> str:
    """An incident's id, made from its first report's id: stable across runs and databases.
    It starts with the day of that report's event (``YYYYMMDD``), where known, so that the
    incidents of the same weeks sit side by side in every index keyed by incident id: linking
    reads and writes recent incidents, and with ids in hash order each of them was a page of
    its own, read back from disk once the indexes outgrew the cache."""
    digest = hashlib.sha256(report_id.encode("utf-8")).hexdigest()[:16]
    compact = (day or "")[:10].replace("-", "")
    return f"inc-{compact}-{digest}" if len(compact) == 8 and compact.isdigit() else f"inc-{digest}"


class IncidentLinker:
    def __init__(self, index: Optional[IncidentIndex] = None, settings: Optional[LinkingSettings] = None):
        self.index: IncidentIndex = index if index is not None else MemoryIndex()
        self.settings = settings or LinkingSettings.default()

    def link(self, report: Report) -> LinkOutcome:
        """File one report under an incident (joined, started, or bridging two into one)."""
        known = self.index.stored_report(report.report_id)
        if known is not None:
            return LinkOutcome(self.index.resolve(known.incident_id), already_linked=True)
        vector, rare = self._vector(report)
        report.names = tuple(sorted(rare[: self.settings.name_terms]))  # filed under these
        matches = self._matches(report, vector, rare[: self.settings.name_lookup_terms])
        if not matches:
            incident_id = incident_id_for(report.report_id, report.event_date or report.published)
            self.index.add_report(StoredReport(report, vector, incident_id))
            return LinkOutcome(incident_id, started=True)
        best_id, best_score = matches[0]
        bridged = [i for i, s in matches[1:] if s >= self.settings.bridge_threshold]
        survivor, merged = self._merge_all(best_id, bridged)
        self.index.add_report(StoredReport(report, vector, survivor))
        return LinkOutcome(survivor, merged=merged, score=round(best_score, 4))

    def link_many(self, reports: Iterable[Report]) -> list[LinkOutcome]:
        return [self.link(report) for report in reports]

    def resolve(self, incident_id: str) -> str:
        """The id an incident goes by now (itself, or the survivor it was merged into)."""
        return self.index.resolve(incident_id)

    def incident_of(self, report_id: str) -> Optional[str]:
        stored = self.index.stored_report(report_id)
        return None if stored is None else self.index.resolve(stored.incident_id)

    def incident(self, incident_id: str) -> Incident:
        """The incident's merged fields, sources and evidence."""
        incident_id = self.index.resolve(incident_id)
        reports = [stored.report for stored in self.index.reports_of(incident_id)]
        if not reports:
            raise KeyError(f"no incident {incident_id!r}")
        return merge_reports(incident_id, reports, self.settings)

    def merge(self, survivor_id: str, other_id: str) -> str:
        """Merge ``other`` into ``survivor``; ``other`` redirects from now on."""
        survivor_id, other_id = self.index.resolve(survivor_id), self.index.resolve(other_id)
        if survivor_id == other_id:
            return survivor_id
        moved = [stored.report.report_id for stored in self.index.reports_of(other_id)]
        self.index.move_reports(moved, survivor_id)
        self.index.redirect(other_id, survivor_id)
        return survivor_id

    def split(self, incident_id: str, report_ids: Iterable[str]) -> str:
        """Move some reports of an incident into a new incident of their own (a wrong merge
        undone); the two are kept apart from then on. Returns the new incident's id."""
        incident_id = self.index.resolve(incident_id)
        members = {stored.report.report_id for stored in self.index.reports_of(incident_id)}
        moving = [r for r in report_ids if r in members]
        if not moving or len(moving) == len(members):
            raise ValueError(f"split of {incident_id} must move some but not all of its reports")
        # made from what was split off and from where, so it never takes the old incident's id
        new_id = incident_id_for(f"split|{incident_id}|" + "|".join(sorted(moving)), _day_of(incident_id))
        self.index.move_reports(moving, new_id)
        self.index.keep_apart(incident_id, new_id)
        return new_id

    def _vector(self, report: Report) -> tuple[Vector, list[str]]:
        """The report's TF-IDF vector, and its rare words, heaviest first."""
        tokens = tokens_of(f"{report.evidence} {report.context}")
        counts = content_terms(tokens)
        self.index.count_terms(set(counts))
        total, frequencies = self.index.frequencies(list(counts))
        vector = weigh_terms(counts, total, frequencies)
        return vector, rare_terms(vector, frequencies, self.settings, capitalised(tokens))

    def _matches(self, report: Report, vector: Vector, rare: list[str]) -> list[tuple[str, float]]:
        """Candidate incidents (near in time, or sharing a rare word) scoring at least the link
        threshold, best first. Those that cannot score (``ReportScorer.may_score``) are passed
        over before their reports are read or scored."""
        candidates = self.index.incidents_at(lookup_keys(report, self.settings, rare))
        scorer = ReportScorer(report, vector, self.settings)
        summaries = self.index.incident_summaries(candidates)
        likely = [incident_id for incident_id, summary in summaries.items() if scorer.may_score(summary)]
        threshold = self.settings.link_threshold
        scored = []
        for incident_id, members in self.index.reports_of_many(likely).items():
            score = scorer.incident_score(members)
            if score is not None and score >= threshold:
                scored.append((incident_id, score))
        return sorted(scored, key=lambda pair: (-pair[1], pair[0]))

    def _merge_all(self, best_id: str, bridged: list[str]) -> tuple[str, list[str]]:
        """Merge the bridged incidents into the best match when nothing keeps them apart; the
        oldest id survives. Returns the survivor and the ids merged away."""
        group = [best_id]
        for other in bridged:
            if all(self._mergeable(other, kept) for kept in group):
                group.append(other)
        survivor = min(group, key=self._age) if len(group) > 1 else best_id
        for other in group:
            if other != survivor:
                self.merge(survivor, other)
        return survivor, [i for i in group if i != survivor]

    def _mergeable(self, first: str, second: str) -> bool:
        if self.index.kept_apart(first, second):
            return False
        documents = {s.report.document_id for s in self.index.reports_of(first)}
        return not any(s.report.document_id in documents for s in self.index.reports_of(second))

    def _age(self, incident_id: str) -> tuple[str, str]:
        """Older first: the earliest publication among the incident's reports, then the id."""
        published = [s.report.published or "9999" for s in self.index.reports_of(incident_id)]
        return (min(published), incident_id)
