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
    for model in ("linear", "combined"):
        for _ in range(2):  # the first pass warms caches
            started, cpu = time.perf_counter(), time.process_time()
            classify_texts(texts, model=model)
            elapsed, cpu_used = time.perf_counter() - started, time.process_time() - cpu
        print(f"classify_texts ({model}): {len(texts)} snippets from {source} in {elapsed:.2f} s = "
              f"{len(texts) / elapsed:.0f} snippets/s, {len(texts) / max(cpu_used, 1e-9):.0f} per CPU-second "
              f"(target >= 200; load {os.getloadavg()[0]:.1f})")

    from eventatlas.events.embeddings import encode

    started = time.perf_counter()
    encode(texts)
    elapsed = time.perf_counter() - started
    print(f"int8 MiniLM encoder alone (every snippet encoded): {len(texts) / elapsed:.0f} snippets/s")

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
