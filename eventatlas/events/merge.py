"""Merge repeated mentions of one event within a document.

Moved to the document stage (``eventatlas/document/consolidate.py``), which decides which
candidates of an article are the same real event; this name stays for existing callers.
"""

from __future__ import annotations

from eventatlas.document.consolidate import consolidate_events as merge_duplicates

__all__ = ["merge_duplicates"]
