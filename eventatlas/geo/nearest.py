"""The k nearest of a set of points, with numpy only: uniform grids over 3-D space.

Used by the gazetteer build to find the towns nearest to each administrative unit (points on
the unit sphere, so that the straight-line chord orders great-circle distances). A query is
answered from the 27 grid cells around its own: any point outside them is at least one cell
width away, so once the k-th nearest candidate is closer than that, the answer is exact.
Queries not answered yet (too few points near them) move on to a grid of wider cells; after
the last grid, to every point.
"""

from __future__ import annotations

import itertools

import numpy as np

FIRST_CELL = 0.002  # chord length (about 13 km on the Earth)
CELL_GROWTH = 3.0
LEVELS = 7  # the widest cell then spans the sphere
PAIRS_PER_STEP = 1 << 21  # query-candidate distances computed at once (about 50 MB of differences)
QUERIES_PER_STEP = 1 << 16  # so that a query's number within its step fits 16 bits (a radix sort)
CROWDED = 1 << 14  # a query with more candidates than this is compared with every point instead


def k_nearest(points, queries, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(distances, indexes), each of shape (len(queries), k): the k rows of ``points`` nearest
    to each row of ``queries`` (Euclidean), nearest first, equal distances by lower index."""
    points, queries = np.asarray(points, dtype=float), np.asarray(queries, dtype=float)
    k = min(k, len(points))
    distances = np.full((len(queries), k), np.inf)
    indexes = np.zeros((len(queries), k), dtype=np.int64)
    pending = np.arange(len(queries))
    cell = FIRST_CELL
    for _ in range(LEVELS):
        if not len(pending) or not k:
            break
        pending = _answer_on_grid(points, queries, k, cell, pending, distances, indexes)
        cell *= CELL_GROWTH
    for query in pending if k else ():
        _keep_nearest(points, queries[query], k, distances[query], indexes[query])
    return distances, indexes


def _answer_on_grid(points, queries, k, cell, pending, distances, indexes) -> np.ndarray:
    """Answer the pending queries whose k nearest lie in their own and the 26 surrounding cells
    of a grid of width ``cell``; return those still pending."""
    shift = int(np.ceil(max(np.abs(points).max(), np.abs(queries).max()) / cell)) + 2
    span = 2 * shift + 1

    def keys(coordinates: np.ndarray) -> np.ndarray:  # one integer per cell
        cells = np.floor(coordinates / cell).astype(np.int64) + shift
        return (cells[:, 0] * span + cells[:, 1]) * span + cells[:, 2]

    point_keys = keys(points)
    order = np.argsort(point_keys, kind="stable")
    sorted_keys = point_keys[order]
    offsets = np.array([(dx * span + dy) * span + dz for dx, dy, dz in itertools.product((-1, 0, 1), repeat=3)])
    around = keys(queries[pending])[:, None] + offsets[None, :]  # (queries, 27) cell keys
    starts = np.searchsorted(sorted_keys, around, side="left")
    counts = np.searchsorted(sorted_keys, around, side="right") - starts
    candidates_of = counts.sum(axis=1)
    enough = (candidates_of >= k) & (candidates_of <= CROWDED)
    unanswered = [pending[~enough]]
    pending, starts, counts = pending[enough], starts[enough], counts[enough]
    totals = np.cumsum(counts.sum(axis=1))
    first = 0
    while first < len(pending):
        # consecutive queries whose candidates fit in one step (at least one query)
        base = totals[first - 1] if first else 0
        last = max(first + 1, int(np.searchsorted(totals, base + PAIRS_PER_STEP, side="right")))
        last = min(last, first + QUERIES_PER_STEP)
        batch = slice(first, last)
        owners, candidates = _candidates(starts[batch], counts[batch], order)
        _keep_grouped(points, queries, k, pending[batch], owners, candidates, distances, indexes)
        first = last
    # exact only when the k-th is nearer than anything outside the 27 cells can be
    unanswered.append(pending[distances[pending, k - 1] >= cell])
    return np.concatenate(unanswered)


def _candidates(starts: np.ndarray, counts: np.ndarray, order: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(owner, point) pairs: for each query row, every point of its cells' ranges of ``order``."""
    flat_counts = counts.ravel()
    owners = np.repeat(np.repeat(np.arange(len(counts)), counts.shape[1]), flat_counts)
    range_starts = np.repeat(starts.ravel(), flat_counts)
    within = np.arange(flat_counts.sum()) - np.repeat(np.cumsum(flat_counts) - flat_counts, flat_counts)
    return owners, order[range_starts + within]


def _keep_grouped(points, queries, k, members, owners, candidates, distances, indexes) -> None:
    """Write, for each query of ``members``, the k nearest of its (owner, candidate) pairs."""
    chords = np.sqrt(((queries[members[owners]] - points[candidates]) ** 2).sum(axis=1))
    # nearest first within each query: a stable sort by distance, then a stable (radix) sort
    # by query; equal distances keep the candidates' order, by index within a cell
    ranked = np.argsort(chords, kind="stable")
    ranked = ranked[np.argsort(owners[ranked].astype(np.uint16), kind="stable")]
    owners, chords, candidates = owners[ranked], chords[ranked], candidates[ranked]
    group_starts = np.searchsorted(owners, np.arange(len(members)))
    rank = np.arange(len(owners)) - group_starts[owners]
    keep = rank < k
    distances[members[owners[keep]], rank[keep]] = chords[keep]
    indexes[members[owners[keep]], rank[keep]] = candidates[keep]


def _keep_nearest(points, query, k, distances, indexes) -> None:
    """Write the k points nearest to one query (every point compared) into its result rows."""
    chords = np.sqrt(((points - query) ** 2).sum(axis=1))
    within = np.flatnonzero(chords <= np.partition(chords, k - 1)[k - 1])  # the k nearest and their ties
    ranked = within[np.lexsort((within, chords[within]))][:k]
    distances[:] = chords[ranked]
    indexes[:] = ranked
