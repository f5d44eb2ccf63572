"""What an ingest shows while it runs (a rich progress line: documents, documents/s, events,
skipped, failed) and at the end (a summary table), and where failures go: a one-line log
message naming the input, and optionally a JSON Lines file (``--errors``)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Optional

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

log = logging.getLogger("eventatlas.ingest")

MAX_KEPT_FAILURES = 1000  # the summary keeps the first failures; the errors file has them all


@dataclass
class IngestSummary:
    """The counts of one ingest. ``added + skipped + failed`` is every input seen."""

    run_id: Optional[int] = None
    added: int = 0
    skipped: int = 0  # already stored
    failed: int = 0
    events: int = 0  # events stored with the added documents
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (input, reason), the first ones

    @property
    def total(self) -> int:
        return self.added + self.skipped + self.failed

    @property
    def documents_per_second(self) -> float:
        return self.total / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict:
        return {
            "run_id": self.run_id,
            "added": self.added,
            "skipped": self.skipped,
            "failed": self.failed,
            "total": self.total,
            "events": self.events,
            "seconds": round(self.seconds, 3),
            "documents_per_second": round(self.documents_per_second, 2),
        }


class Reporter:
    """Counts outcomes into an IngestSummary and shows/logs them as they come."""

    def __init__(
        self,
        summary: IngestSummary,
        *,
        show_progress: bool = False,
        errors_path: str | Path | None = None,
        console: Console | None = None,
        started: float | None = None,
    ):
        self.summary = summary
        self.console = console or Console(stderr=True)
        # ``started``: when the run began (time.monotonic()), if before this reporter (workers
        # that load the models first); the run's seconds and documents/s count from then
        self.started = time.monotonic() if started is None else started
        self._errors: IO[str] | None = open(errors_path, "a", encoding="utf-8") if errors_path else None
        self._progress: Progress | None = None
        self._task = None
        if show_progress:
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("[bold]ingesting[/]"),
                TextColumn("{task.completed:>7.0f} documents"),
                TextColumn("{task.fields[rate]:>6.1f} docs/s"),
                TextColumn("[green]{task.fields[events]} events"),
                TextColumn("[dim]{task.fields[skipped]} skipped"),
                TextColumn("[red]{task.fields[failed]} failed"),
                TimeElapsedColumn(),
                console=self.console,
                transient=False,
            )
            self._task = self._progress.add_task(
                "ingest", total=None, rate=0.0, events=0, skipped=0, failed=0
            )
            self._progress.start()

    def add(self, name: str, status: str, events: int = 0, reason: str | None = None) -> None:
        summary = self.summary
        if status == "added":
            summary.added += 1
            summary.events += events
        elif status == "skipped":
            summary.skipped += 1
        else:
            summary.failed += 1
            reason = reason or "unknown error"
            log.warning("skipped %s: %s", name, reason)
            if len(summary.failures) < MAX_KEPT_FAILURES:
                summary.failures.append((name, reason))
            if self._errors:
                record = {
                    "input": name,
                    "reason": reason,
                    "run_id": summary.run_id,
                    "time": dt.datetime.now(dt.timezone.utc).isoformat(),
                }
                self._errors.write(json.dumps(record, ensure_ascii=False) + "\n")
                self._errors.flush()  # a killed run still leaves its errors behind
        summary.seconds = time.monotonic() - self.started
        if self._progress is not None:
            self._progress.update(
                self._task,
                completed=summary.total,
                rate=summary.documents_per_second,
                events=summary.events,
                skipped=summary.skipped,
                failed=summary.failed,
            )

    def close(self) -> None:
        self.summary.seconds = time.monotonic() - self.started
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
        if self._errors:
            self._errors.close()
            self._errors = None


def summary_table(summary: IngestSummary, db: str | None = None) -> Table:
    table = Table(
        title="Ingest summary" + (f" (run {summary.run_id})" if summary.run_id else ""), show_header=False
    )
    table.add_column("what", style="bold")
    table.add_column("count", justify="right")
    table.add_row("documents added", str(summary.added))
    table.add_row("already stored (skipped)", str(summary.skipped))
    table.add_row("failed", str(summary.failed))
    table.add_row("inputs in all", str(summary.total))
    table.add_row("events found", str(summary.events))
    table.add_row("time", f"{summary.seconds:.1f} s")
    table.add_row("documents/s", f"{summary.documents_per_second:.1f}")
    if db:
        table.add_row("database", db)
    return table
