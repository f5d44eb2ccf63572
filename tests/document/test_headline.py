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


def test_a_documents_title_is_coded_once_for_the_gate_and_the_headline_events(nlp, monkeypatch):
    from eventatlas.document import headline

    coded = []
    code_title = headline._code_title
    monkeypatch.setattr(headline, "_code_title", lambda *args: coded.append(args) or code_title(*args))
    document = Document(title="Students protest fee increase in Nakuru", text=BACKGROUND_LEDE, published="2024-05-09")
    assert headline_overrules_gate(document, nlp)
    first = headline.headline_events(document, nlp)
    second = headline.headline_events(document, nlp)
    assert len(coded) == 1 and first and first == second
    first[0].confidence = 0.0  # each caller gets its own copies
    assert headline.headline_events(document, nlp)[0].confidence == second[0].confidence


def test_a_changed_title_is_coded_again_and_a_gone_document_forgotten(nlp):
    import gc

    from eventatlas.document import headline

    document = Document(title="Students protest fee increase in Nakuru", text=BACKGROUND_LEDE, published="2024-05-09")
    assert headline.headline_events(document, nlp)
    document.title = "Kenya's parliament adjourns for the recess"
    assert not any(e.event_type == "Protests" for e in headline.headline_events(document, nlp))
    number = id(document)
    del document
    gc.collect()
    assert number not in headline._CODED_TITLES
