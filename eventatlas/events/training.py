"""The event classifier's training data: sentences written for the project, and labelled rows.

- ``data/training/<CASE_LABEL>.txt``: one written sentence per line, ``#`` lines are comments
  (see ``data/training/README.md`` for how they were written). The file name is the label; a
  file named ``HARD_NEGATIVES.txt`` holds ordinary news that only looks like conflict, labelled
  with the non-event class closest to "not an event" (``DIPLO``: statements, talks, politics).
- ``data/training_templates.json``: the older slot templates, expanded with a fixed seed.
- labelled CASE 2021 rows given to ``eventatlas events train --extra`` (the tune part only).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from eventatlas.errors import EventAtlasError
from eventatlas.events.resources import data_path, taxonomy, training_templates

SLOT = re.compile(r"\{([A-Z]+)\}")
TRAINING_DIR = "training"
# Ordinary news that shares words with conflict reporting (a team "attacked", markets "clashed",
# a minister "threatened"): no event. DIPLO is the CASE 2021 class for talk rather than action.
HARD_NEGATIVES = {"HARD_NEGATIVES": "DIPLO"}


def training_dir() -> Path:
    return data_path(TRAINING_DIR)


def written_sentences(folder: Path | None = None) -> list[tuple[str, str]]:
    """(sentence, CASE label) pairs from every ``<LABEL>.txt`` in the training folder, in a fixed
    order (files by name, lines in order) so that training is reproducible."""
    folder = folder or training_dir()
    known = set(taxonomy().labels)
    rows: list[tuple[str, str]] = []
    for path in sorted(folder.glob("*.txt")):
        label = HARD_NEGATIVES.get(path.stem, path.stem)
        if label not in known:
            raise EventAtlasError(f"{path}: file name is not a CASE 2021 label (see case_labels.tsv)")
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                rows.append((line, label))
    return rows


def expand_templates(per_template: int = 12, seed: int = 13) -> list[tuple[str, str]]:
    """(text, CASE label) pairs: every template of ``training_templates.json`` filled
    ``per_template`` times with a fixed seed."""
    raw = training_templates()
    slots: dict[str, list[str]] = raw["slots"]
    rng = random.Random(seed)
    rows: list[tuple[str, str]] = []
    for label, templates in raw["templates"].items():
        for template in templates:
            seen: set[str] = set()
            for _ in range(per_template * 3):
                if len(seen) >= per_template:
                    break
                text = SLOT.sub(lambda m: rng.choice(slots[m.group(1)]), template)
                text = text[:1].upper() + text[1:]
                if text not in seen:
                    seen.add(text)
                    rows.append((text, label))
    return rows
