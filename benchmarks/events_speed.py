"""Speed of the events stage: snippet classification (target >= 200 snippets/s on the CPU) and
event extraction per parsed sentence. Prints figures; run with ``python benchmarks/events_speed.py``.

Uses the CASE 2021 dev snippets from ../shared when present, else the training sentences.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTATLAS_SHARED", REPO.parent / "shared"))


def main() -> None:
    from eventatlas.events import classify_texts, extract_events
    from eventatlas.events.classify import load_bundle
    from eventatlas.events.training import expand_templates
    from eventatlas.models import Document
    from eventatlas.nlp import load_model, parse

    started = time.perf_counter()
    load_bundle()
    print(f"classifier artefact loaded in {time.perf_counter() - started:.2f} s (target < 2 s)")

    dev = SHARED / "eval" / "events" / "case2021_task2_dev.tsv"
    if dev.is_file():
        from eventatlas.eval.case2021 import read_case2021

        texts = [row.text for row in read_case2021(dev)[0]]
        source = str(dev)
    else:
        texts = [text for text, _ in expand_templates()][:1000]
        source = "training sentences"
    for _ in range(2):  # the first pass warms caches
        started = time.perf_counter()
        classify_texts(texts)
        elapsed = time.perf_counter() - started
    print(f"classify_texts (linear): {len(texts)} snippets from {source} in {elapsed:.2f} s = "
          f"{len(texts) / elapsed:.0f} snippets/s (target >= 200)")

    from eventatlas.events.embeddings import combined_available, load_encoder, load_head

    if combined_available():
        started = time.perf_counter()
        load_encoder(load_head()["meta"].get("int8", False))
        print(f"embedding head + encoder loaded in {time.perf_counter() - started:.2f} s")
        from eventatlas.events.classify import CASCADE_THRESHOLD, classify_proba
        from eventatlas.events.embeddings import head_proba

        unsure = int((classify_proba(texts)[1].max(axis=1) < CASCADE_THRESHOLD).sum())
        started = time.perf_counter()
        classify_texts(texts, model="combined")
        elapsed = time.perf_counter() - started
        print(f"classify_texts (combined): {len(texts)} snippets in {elapsed:.2f} s = "
              f"{len(texts) / elapsed:.0f} snippets/s (target >= 200; {os.cpu_count()} CPUs, load "
              f"{os.getloadavg()[0]:.1f}); {unsure} sent to the encoder (in-sample if the model was "
              "trained on these snippets: then fewer than on new text)")
        # worst case: every snippet through the encoder
        started = time.perf_counter()
        head_proba(texts)
        elapsed = time.perf_counter() - started
        print(f"embedding head alone (every snippet encoded): {len(texts) / elapsed:.0f} snippets/s")
    else:
        print("combined model: skipped (the `embeddings` extra or its trained head is absent)")

    nlp = load_model()
    documents = [parse(Document(text=text), nlp) for text in texts[:300]]
    sentences = sum(len(d.sentences) for d in documents)
    started = time.perf_counter()
    events = sum(len(extract_events(d)[0]) for d in documents)
    elapsed = time.perf_counter() - started
    print(f"extract_events (parse excluded): {len(documents)} documents, {sentences} sentences, {events} events "
          f"in {elapsed:.2f} s = {sentences / elapsed:.0f} sentences/s")


if __name__ == "__main__":
    main()
