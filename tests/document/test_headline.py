"""document.headline: when a title may overrule the relevance gate."""

from __future__ import annotations

from eventatlas.document.headline import headline_overrules_gate
from eventatlas.models import Document

BACKGROUND_LEDE = ("Traffic stood still for hours on the main road through Nakuru on Tuesday, officials said. "
                   "The fee increase was approved by the university council last month.")


def test_a_conflict_title_the_coder_is_sure_of_overrules_the_gate(nlp):
    document = Document(title="Students protest fee increase in Nakuru", text=BACKGROUND_LEDE, published="2024-05-09")
    assert headline_overrules_gate(document, nlp)


def test_a_crime_title_does_not_overrule_the_gate(nlp):
    document = Document(title="Clerk wounded in Brookvale liquor store robbery", published="2024-05-09",
                        text="The store reopened on Saturday with a new alarm system, the owner said.")
    assert not headline_overrules_gate(document, nlp)


def test_no_title_overrules_nothing(nlp):
    assert not headline_overrules_gate(Document(text=BACKGROUND_LEDE), nlp)
