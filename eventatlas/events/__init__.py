"""The events stage: what happened (ACLED event and sub-event type, PLOVER category), who did
it to whom (actors with ACLED categories), how many died, how large the crowd was, how sure the
report is, and the sentence it came from.

    extract_events(document) -> (events, non_events)   for a parsed Document (pipeline stage)
    classify_text(text) / classify_texts(texts)        CASE 2021 label of a news snippet
"""

from eventatlas.events.classify import classify_text, classify_texts
from eventatlas.events.extract import extract_events

__all__ = ["classify_text", "classify_texts", "extract_events"]
