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
