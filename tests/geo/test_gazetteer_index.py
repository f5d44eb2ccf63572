"""The gazetteer read in place from SQLite (place_index) and the numpy nearest-point search
the build uses instead of a k-d tree."""

from __future__ import annotations

import pickle
import sqlite3
import threading

import numpy as np
import pytest

from eventatlas.geo.gazetteer import Gazetteer, _unit_vectors
from eventatlas.geo.nearest import k_nearest
from tests.geo.gazetteer_fixtures import TINY_ROWS, tiny_gazetteer_path


def brute_force(points: np.ndarray, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    chords = np.sqrt(((queries[:, None, :] - points[None, :, :]) ** 2).sum(axis=-1))
    order = np.argsort(chords, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(chords, order, axis=1), order


def sphere_points(rng, n: int, lat_range=(-90, 90), lon_range=(-180, 180)) -> np.ndarray:
    return _unit_vectors(rng.uniform(*lat_range, n), rng.uniform(*lon_range, n))


@pytest.mark.parametrize("n_points, n_queries, k", [(1, 4, 8), (7, 30, 8), (2000, 500, 8), (3000, 200, 1)])
def test_k_nearest_matches_comparing_every_pair(n_points, n_queries, k):
    rng = np.random.default_rng(n_points)
    # towns crowded into one region, queries both inside it and far away from every town
    points = sphere_points(rng, n_points, (40, 50), (0, 20))
    queries = np.vstack([sphere_points(rng, n_queries // 2, (40, 50), (0, 20)), sphere_points(rng, n_queries - n_queries // 2)])
    distances, indexes = k_nearest(points, queries, k)
    expected_distances, expected_indexes = brute_force(points, queries, min(k, n_points))
    assert distances.shape == (n_queries, min(k, n_points))
    assert np.array_equal(indexes, expected_indexes)
    assert np.array_equal(distances, expected_distances)


def test_k_nearest_orders_places_at_the_same_point_by_index():
    points = _unit_vectors([10.0, 10.0, 10.0, 10.5], [20.0, 20.0, 20.0, 20.5])
    distances, indexes = k_nearest(points, _unit_vectors([10.1], [20.1]), 3)
    assert indexes.tolist() == [[0, 1, 2]] and distances[0, 0] == distances[0, 2]


def test_views_of_the_index_read_like_the_columns_they_replace(tiny_gazetteer):
    gazetteer = tiny_gazetteer
    with sqlite3.connect(tiny_gazetteer_path()) as con:
        rows = con.execute("SELECT geonameid, name, lat, lon, fclass, fcode, cc, admin1, admin2, admin1_row, population"
                           " FROM places ORDER BY id").fetchall()
    assert len(gazetteer) == len(rows) == len(gazetteer.names) == len(gazetteer.fcodes)
    for index, (gid, name, lat, lon, fclass, fcode, cc, admin1, admin2, admin1_row, population) in enumerate(rows):
        found = gazetteer.candidate(index)
        assert (found.geonameid, found.name, found.latitude, found.longitude) == (gid, name, lat, lon)
        assert (gazetteer.fclasses[index], gazetteer.fcodes[index], gazetteer.ccs[index]) == (fclass, fcode, cc or "")
        assert (gazetteer.admin1s[index], gazetteer.admin2s[index]) == (admin1 or "", admin2 or "")
        assert gazetteer.populations[index] == population and gazetteer.admin1_rows[index] == admin1_row
        assert gazetteer.names[index] == name
    assert list(gazetteer.ccs) == [row[6] or "" for row in rows] and list(gazetteer.names) == [row[1] for row in rows]
    assert gazetteer.names[-1] == rows[-1][1]
    with pytest.raises(IndexError):
        gazetteer.names[len(rows)]
    # name keys read like the dictionaries they were
    assert len(gazetteer.by_key) > len(TINY_ROWS) and "kabul" in gazetteer.by_key and "nowhere" not in gazetteer.by_key
    assert gazetteer.by_key.get("nowhere") is None and not gazetteer.by_unit
    assert gazetteer.country("AF").name == "Afghanistan" and gazetteer.country("ZZ") is None


def test_the_index_crosses_processes_and_threads(tiny_gazetteer):
    copy = pickle.loads(pickle.dumps(tiny_gazetteer))  # a worker process reopens it by path
    assert copy.path == tiny_gazetteer.path and copy.lookup("Kabol") == tiny_gazetteer.lookup("Kabol")

    fresh = Gazetteer(tiny_gazetteer_path())
    fresh.index._pid = -1  # as in a forked child: the connection is opened again there
    assert [c.geonameid for c in fresh.lookup("Alexandria")] == [361058, 4744091, 4314550]

    names = [row[1] for row in TINY_ROWS] * 5
    expected = {name: Gazetteer(tiny_gazetteer_path()).lookup(name) for name in names}
    shared = Gazetteer(tiny_gazetteer_path())
    failures = []

    def look_up_all():
        for name in names:
            if shared.lookup(name) != expected[name]:
                failures.append(name)

    threads = [threading.Thread(target=look_up_all) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures


def test_an_index_without_its_columns_is_rebuilt_not_read(tmp_path):
    from eventatlas.errors import InputError
    from eventatlas.geo.gazetteer import is_current

    earlier = tmp_path / "earlier.sqlite"
    earlier.write_bytes(tiny_gazetteer_path().read_bytes())
    with sqlite3.connect(earlier) as con:
        con.execute("DROP TABLE columns")  # as the code before the in-memory columns wrote it
    assert is_current(tiny_gazetteer_path()) and not is_current(earlier)
    with pytest.raises(InputError, match="--force"):
        Gazetteer(earlier)
