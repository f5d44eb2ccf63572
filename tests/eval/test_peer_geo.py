"""The ported peer test suite (../shared/eval/geo/peer_cases.json): its toponym asserts."""

import pytest

from eventatlas.errors import InputError
from eventatlas.eval.peer_geo import read_cases, score_cases

PASS_RATE_FLOOR = 0.80  # measured 0.86 on all 93 scored asserts; the held-out target is 0.95


@pytest.fixture(scope="module")
def cases(shared_dir):
    path = shared_dir / "eval" / "geo" / "peer_cases.json"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return read_cases(path)


def test_peer_toponym_asserts_pass_rate(cases):
    toponyms = [case for case in cases if case.get("about") != "event_location"]
    results = score_cases(toponyms)
    rate = sum(r.passed for r in results) / len(results)
    print(f"peer toponym asserts passed: {sum(r.passed for r in results)}/{len(results)} ({rate:.1%})")
    assert rate >= PASS_RATE_FLOOR


def test_a_constructed_case_of_each_kind():
    cases = [
        {"id": "a", "check": "place", "text": "Protesters gathered in Nairobi on Monday.", "toponym": "Nairobi", "occurrence": 1,
         "expect": {"geonameid": None, "country": "KE", "lat": -1.28, "lon": 36.82}, "asserted": ["country"]},
        {"id": "b", "check": "no_places", "text": "The dog ran through the park."},
        {"id": "c", "check": "unresolved", "text": "Qwxzq, Kenya", "toponym": "Qwxzq", "occurrence": 1},
    ]
    assert [r.passed for r in score_cases(cases)] == [True, True, True]


def test_not_a_peer_file(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("[]")
    with pytest.raises(InputError, match="not a peer-suite file"):
        read_cases(path)
