"""The relevance gate's training set: paragraphs composed from the written corpus, plus the event
classifier's written sentences (ACLED classes are conflict text, the non-event classes and the
hard negatives ordinary news)."""

from __future__ import annotations

import random
import re

from eventatlas.document.resources import read_json

SLOT = re.compile(r"\{([A-Z]+)\}")
# A claim of responsibility is not itself an event, but an article carrying one is about an attack.
CONFLICT_NON_EVENTS = {"ATTRIB"}
ORDINARY_PARAGRAPHS_PER_TOPIC = 50


def paragraphs_per_topic(kind: str) -> int:
    """As many conflict paragraphs in all as ordinary ones. The gate reads documents (a title and
    a lede), and the paragraphs are its only document-shaped examples: with far fewer conflict
    paragraphs than ordinary ones (the conflict side is mostly single event sentences) a
    multi-sentence report of a rally or a march leaned ordinary for its length alone."""
    corpus = read_json("relevance_corpus.json")
    if kind == "ordinary":
        return ORDINARY_PARAGRAPHS_PER_TOPIC
    return -(-ORDINARY_PARAGRAPHS_PER_TOPIC * len(corpus["ordinary"]) // len(corpus["conflict"]))


def compose_paragraphs(kind: str, rng: random.Random) -> list[str]:
    """Paragraphs of two or three sentences of one topic, slots filled at random."""
    corpus = read_json("relevance_corpus.json")
    slots: dict[str, list[str]] = corpus["slots"]
    paragraphs: list[str] = []
    wanted = paragraphs_per_topic(kind)
    for topic, sentences in sorted(corpus[kind].items()):
        seen: set[str] = set()
        for _ in range(wanted * 3):
            if len(seen) >= wanted:
                break
            picked = rng.sample(sentences, k=min(len(sentences), rng.choice((1, 2, 2, 3))))
            filled = (SLOT.sub(lambda m: rng.choice(slots[m.group(1)]), s) for s in picked)
            text = " ".join(f[:1].upper() + f[1:] for f in filled)
            if text not in seen:
                seen.add(text)
                paragraphs.append(text)
    return paragraphs


def compose_headlines(kind: str, rng: random.Random, per_headline: int = 6) -> list[str]:
    """Headline-style titles, each filled ``per_headline`` times."""
    corpus = read_json("relevance_corpus.json")
    slots: dict[str, list[str]] = corpus["slots"]
    titles = {SLOT.sub(lambda m: rng.choice(slots[m.group(1)]), headline)
              for headline in corpus["headlines"][kind] for _ in range(per_headline)}
    return sorted(titles)


def event_sentences() -> list[tuple[str, int]]:
    """The events stage's written sentences, as (text, 1 if an ACLED event else 0)."""
    from eventatlas.events.resources import taxonomy
    from eventatlas.events.training import expand_templates, written_sentences

    labels = taxonomy().labels
    rows = written_sentences() + expand_templates(per_template=4)
    return [(text, int(labels[label].kind == "acled" or label in CONFLICT_NON_EVENTS))
            for text, label in rows if label in labels]


def relevance_examples(seed: int = 13) -> tuple[list[str], list[int]]:
    rng = random.Random(seed)
    rows = [(text, 1) for text in compose_paragraphs("conflict", rng)]
    rows += [(text, 0) for text in compose_paragraphs("ordinary", rng)]
    rows += [(text, 1) for text in compose_headlines("conflict", rng)]
    rows += [(text, 0) for text in compose_headlines("ordinary", rng)]
    rows += event_sentences()
    return [text for text, _ in rows], [label for _, label in rows]
