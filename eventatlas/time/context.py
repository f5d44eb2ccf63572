"""What a resolver may use besides the matched words: the anchor date, the clause tense, the
values found earlier in the document, and the text around the match."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from eventatlas.time.values import TimeValue

PAST, PRESENT, FUTURE = "past", "present", "future"


@dataclass
class Context:
    """What a resolver may use besides the matched words."""

    anchor: date | None = None
    tense: str = PAST
    sentence: int = 0
    # (sentence index, value) of the expressions resolved earlier in the document, in order
    references: list[tuple[int, TimeValue]] = field(default_factory=list)
    before: str = ""  # up to 30 characters of text just before the match
    after: str = ""  # up to 30 characters just after it
    given_span: bool = False  # the words are known to be a time expression (normalizing a given span)
    lead: str = ""  # the text from the start of the previous sentence up to the match

    def last_reference(
        self, granularities: tuple[str, ...], max_sentences: int | None = None
    ) -> TimeValue | None:
        for sentence, value in reversed(self.references):
            if max_sentences is not None and self.sentence - sentence > max_sentences:
                return None
            if value.granularity in granularities and value.value and not value.derived:
                return value
        return None

    def last_past_reference(
        self, granularities: tuple[str, ...], max_sentences: int | None = None
    ) -> TimeValue | None:
        """Like :meth:`last_reference`, skipping periods not yet reported at the anchor: a results
        comparison ("the year-ago period", "a year earlier") is with a quarter or half that has
        ended (a month that has begun), not with a forecast ("a loss in the fourth quarter")."""
        kept = [(sentence, value) for sentence, value in self.references if self._reported(value)]
        return Context(sentence=self.sentence, references=kept).last_reference(granularities, max_sentences)

    def _reported(self, value: TimeValue) -> bool:
        if self.anchor is None or value.first_day is None or value.last_day is None:
            return True
        return (
            value.last_day if value.granularity in ("quarter", "half") else value.first_day
        ) <= self.anchor
