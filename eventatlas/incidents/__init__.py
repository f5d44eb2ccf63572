"""Incidents: the reports of one real-world event, across articles, linked into one.

    block   which incidents a report is compared with (country, date window, distance)
    score   how well a report agrees with another (place, date, type, actors, toll, text)
    link    IncidentLinker: join, start, merge (ids redirect) and split incidents
    merge   an incident's ACLED fields from its reports
    index   the storage interface and its in-memory implementation
    report  a document's main event (else crime look-alike, else opening sentence) as a report
"""

from eventatlas.incidents.index import IncidentIndex, MemoryIndex
from eventatlas.incidents.link import IncidentLinker, LinkOutcome
from eventatlas.incidents.merge import Incident, merge_reports
from eventatlas.incidents.report import Report, main_report
from eventatlas.incidents.settings import LinkingSettings

__all__ = [
    "Incident",
    "IncidentIndex",
    "IncidentLinker",
    "LinkOutcome",
    "LinkingSettings",
    "MemoryIndex",
    "Report",
    "main_report",
    "merge_reports",
]
