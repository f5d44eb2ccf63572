"""Expand the written training templates (data/training_templates.json) into labelled sentences.

The expansion is seeded, so ``eventatlas events train`` reproduces the same artefact. Place
slots mix invented and real names, as CASE 2021 snippets replace real place names.
"""

from __future__ import annotations

import random
import re

from eventatlas.events.resources import training_templates

SLOT = re.compile(r"\{([A-Z]+)\}")


def expand_templates(per_template: int = 12, seed: int = 13) -> list[tuple[str, str]]:
    """(text, CASE label) pairs: every template filled ``per_template`` times."""
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
                text = _capitalize(text)
                if text not in seen:
                    seen.add(text)
                    rows.append((text, label))
    return rows


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]
