"""The linking settings of ``data/linking.json`` and ``data/compatible_types.json``, read once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Optional


def _data(name: str) -> dict[str, Any]:
    return json.loads(resources.files("eventatlas.incidents").joinpath(f"data/{name}").read_text("utf-8"))


@lru_cache(maxsize=1)
def fallback_settings() -> dict[str, Any]:
    """The ``fallback`` section of ``linking.json``: what links a document with no event."""
    return _data("linking.json")["fallback"]


@dataclass(frozen=True)
class LinkingSettings:
    date_window_days: dict[str, int]
    radius_km: dict[str, float]
    max_reports_compared: int
    name_terms: int
    name_lookup_terms: int
    name_max_reports: int
    name_window_days: int
    weights: dict[str, float]
    same_place_km: float
    unknown: float
    link_threshold: float
    bridge_threshold: float
    certainty_order: tuple[str, ...]
    context_words: int
    override_similarity: float
    min_similarity: float
    compatible_types: frozenset[tuple[str, str]]

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "LinkingSettings":
        linking, types = _data("linking.json"), _data("compatible_types.json")
        blocking, score = linking["blocking"], linking["score"]
        pairs = {tuple(pair) for pair in types["compatible"]}
        return cls(
            date_window_days={str(k): int(v) for k, v in blocking["date_window_days"].items()},
            radius_km={str(k): float(v) for k, v in blocking["radius_km"].items()},
            max_reports_compared=int(blocking["max_reports_compared"]),
            name_terms=int(blocking["names"]["terms"]),
            name_lookup_terms=int(blocking["names"]["lookup_terms"]),
            name_max_reports=int(blocking["names"]["max_reports"]),
            name_window_days=int(blocking["names"]["window_days"]),
            weights={k: float(v) for k, v in score["weights"].items()},
            same_place_km=float(score["same_place_km"]),
            unknown=float(score["unknown"]),
            link_threshold=float(score["link_threshold"]),
            bridge_threshold=float(score["bridge_threshold"]),
            certainty_order=tuple(linking["merge"]["certainty_order"]),
            context_words=int(linking["text"]["context_words"]),
            override_similarity=float(linking["text"]["override_similarity"]),
            min_similarity=float(linking["text"]["min_similarity"]),
            compatible_types=frozenset(pairs | {(b, a) for a, b in pairs}),
        )

    def with_overrides(self, **changes: Any) -> "LinkingSettings":
        """A copy with some settings changed (evaluation sweeps on the tune part)."""
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        values.update(changes)
        return LinkingSettings(**values)

    def window_days(self, time_precision: Optional[int], dated: bool) -> int:
        if not dated:
            return self.date_window_days["published"]
        return self.date_window_days.get(str(time_precision or 3), self.date_window_days["3"])

    def radius(self, geo_precision: Optional[int]) -> float:
        return self.radius_km.get(str(geo_precision), self.radius_km["none"])

    def types_compatible(self, first: str, second: str) -> bool:
        return first == second or (first, second) in self.compatible_types
