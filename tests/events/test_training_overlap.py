"""Written training text is the project's own words: no sentence of the event classifier's
training data (data/training/*.txt, training_templates.json) or of the relevance gate's corpus
(document/data/relevance_corpus.json) shares a run of six words with the development data
(every text file under ../shared/eval, and the seed article).

Words are compared after normalising case, punctuation and whitespace. The training side is the
small one (tens of thousands of 6-grams), so it is indexed and the development files are streamed
past it once, file by file, each keeping only a five-word carry: a few seconds, little memory.
Slot templates are checked as their literal runs and with each slot filled by each of its values
(a six-word run across one slot); runs across two slots are left to the literal-run check.
"""

from __future__ import annotations

import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
N = 6
EVENTS_DATA = REPO / "eventatlas" / "events" / "data"
RELEVANCE_CORPUS = REPO / "eventatlas" / "document" / "data" / "relevance_corpus.json"
SLOT = re.compile(r"\{([A-Z]+)\}")
WORD = re.compile(r"[^\W_]+")
# "leader's" and "leaders" are one word here, so are curly and straight apostrophes.
APOSTROPHES = str.maketrans("", "", "'\u2019\u2018`\u00b4")
TEXT_SUFFIXES = {".txt", ".md", ".csv", ".tsv", ".json", ".jsonl", ".xml", ".tml"}

Gram = tuple[str, ...]
Index = dict[Gram, set[str]]


# --- normalising -------------------------------------------------------------------------------

def words(text: str) -> list[str]:
    """Lower-case word tokens; punctuation and whitespace only separate them."""
    return WORD.findall(unicodedata.normalize("NFKC", text).lower().translate(APOSTROPHES))


def grams(tokens: list[str]) -> Iterator[Gram]:
    for start in range(len(tokens) - N + 1):
        yield tuple(tokens[start:start + N])


# --- the training side -------------------------------------------------------------------------

def training_sentences() -> Iterator[str]:
    for path in sorted((EVENTS_DATA / "training").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                yield line.strip()


def template_variants(template: str, slots: dict[str, list[str]]) -> Iterator[list[str]]:
    """Token runs of a slot template: each literal run, and each slot filled by each value with
    the literal runs either side of it (the other slots break the run)."""
    parts = SLOT.split(template)  # literal, slot name, literal, slot name, ...
    literals, names = parts[0::2], parts[1::2]
    yield from (words(literal) for literal in literals)
    for k, name in enumerate(names):
        for value in slots.get(name, []):
            yield words(literals[k]) + words(value) + words(literals[k + 1])


def templated_sentences(path: Path, sections: Iterable[str]) -> Iterator[tuple[str, list[str]]]:
    """(template, token run) for every sentence under the given top-level keys of a slot corpus."""
    corpus = json.loads(path.read_text(encoding="utf-8"))
    for template in _strings([corpus[key] for key in sections if key in corpus]):
        for tokens in template_variants(template, corpus.get("slots", {})):
            yield template, tokens


def training_index() -> dict[str, Index]:
    """For each source, its 6-grams and the sentences that hold them."""
    sources: dict[str, Iterable[tuple[str, list[str]]]] = {
        "events/data/training": ((s, words(s)) for s in training_sentences()),
        "events/data/training_templates.json": templated_sentences(
            EVENTS_DATA / "training_templates.json", ["templates"]),
        "document/data/relevance_corpus.json": templated_sentences(
            RELEVANCE_CORPUS, ["conflict", "ordinary", "headlines"]),
    }
    index: dict[str, Index] = {}
    for source, rows in sources.items():
        index[source] = defaultdict(set)
        for sentence, tokens in rows:
            for gram in grams(tokens):
                index[source][gram].add(sentence)
    return index


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# --- the development side (streamed) -----------------------------------------------------------

def dev_files(shared: Path) -> list[Path]:
    files = sorted(p for p in (shared / "eval").rglob("*") if p.is_file() and p.suffix in TEXT_SUFFIXES)
    return files + [shared / "seed" / "article.txt"]


def text_chunks(path: Path) -> Iterator[str]:
    """The file's text in reading order, a piece at a time (markup and JSON syntax removed)."""
    if path.suffix in (".xml", ".tml"):
        yield from _xml_chunks(path)
    elif path.suffix == ".json":
        yield from _strings(json.loads(path.read_text(encoding="utf-8")))
    elif path.suffix == ".jsonl":
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield from _strings(json.loads(line))
    else:
        with path.open(encoding="utf-8", errors="replace") as handle:
            yield from handle


def _xml_chunks(path: Path) -> Iterator[str]:
    """The text of each top-level element (an article, a TimeML section), then freed."""
    depth = 0
    for event, element in ET.iterparse(path, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if event == "end" and depth == 1:
            yield " ".join(element.itertext())
            element.clear()


def overlaps(shared: Path, index: dict[str, Index]) -> dict[str, dict[str, set[str]]]:
    """source -> training sentence -> 'phrase (dev file)' for every shared 6-gram."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for path in dev_files(shared):
        carry: list[str] = []
        for chunk in text_chunks(path):
            tokens = carry + words(chunk)
            for gram in grams(tokens):
                for source, grams_of_source in index.items():
                    for sentence in grams_of_source.get(gram, ()):
                        found[source][sentence].add(f"'{' '.join(gram)}' ({path.relative_to(shared)})")
            carry = tokens[-(N - 1):]
    return found


# --- tests -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def found(shared_dir: Path):
    return overlaps(shared_dir, training_index())


@pytest.mark.parametrize("source", ["events/data/training", "events/data/training_templates.json",
                                   "document/data/relevance_corpus.json"])
def test_no_six_word_overlap_with_the_development_data(found, source):
    hits = found.get(source, {})
    report = "\n".join(f"{sentence}\n    {'; '.join(sorted(why)[:3])}" for sentence, why in sorted(hits.items()))
    assert not hits, f"{len(hits)} sentences of {source} share six words with the development data:\n{report}"


def test_normalising_ignores_case_punctuation_and_whitespace():
    assert words("Painting  the OLD,\tblue fence\u2019s gate!") == \
        ["painting", "the", "old", "blue", "fences", "gate"]


def test_a_shared_run_is_found_and_a_shorter_one_is_not(tmp_path):
    (tmp_path / "eval").mkdir()
    (tmp_path / "seed").mkdir()
    (tmp_path / "eval" / "rows.jsonl").write_text(json.dumps({"text": "Later that week,\nthe orange kites"}) + "\n"
                                                  + json.dumps({"text": "drifted over the quiet harbour."}) + "\n")
    (tmp_path / "seed" / "article.txt").write_text("Nothing in common here.")
    index = {"own": defaultdict(set)}
    for sentence in ("Children saw the orange kites drifted over the harbour.", "The orange kites drifted over."):
        for gram in grams(words(sentence)):
            index["own"][gram].add(sentence)
    assert set(overlaps(tmp_path, index)["own"]) == {"Children saw the orange kites drifted over the harbour."}


def test_a_template_is_checked_across_one_filled_slot():
    runs = list(template_variants("{FORCES} fired tear gas at {CROWD} in {PLACE}.",
                                  {"FORCES": ["riot police"], "CROWD": ["striking nurses"], "PLACE": ["Lyon"]}))
    assert ["riot", "police", "fired", "tear", "gas", "at"] in runs
    assert ["fired", "tear", "gas", "at", "striking", "nurses", "in"] in runs
