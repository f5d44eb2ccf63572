"""The learned candidate ranker: features, training objective, loading."""

import json

from eventatlas.geo.ranker import FEATURES, CandidateFacts, features, load_ranker, train


def facts(**changes):
    base = dict(score=1.0, top_score=1.0, probability=0.5, population=1000, alternate=False, fuzzy=False,
                feature_class="P", feature_code="PPL", in_focus=False, focus_known=True, km_to_others=50.0,
                cue_fits=None, inside_containers=None, n_candidates=2, most_populous=False)
    return CandidateFacts(**{**base, **changes})


def test_one_value_per_feature():
    assert len(features(facts())) == len(FEATURES)
    assert features(facts(km_to_others=None))[FEATURES.index("no_others")] == 1.0


def test_training_learns_what_separates_the_gold_candidate():
    # the gold candidate is the one in the focus country, whatever the population
    groups = []
    for n in range(40):
        vectors = [features(facts(in_focus=True, population=500 + n)), features(facts(population=50_000 + n))]
        groups.append((vectors if n % 2 else vectors[::-1], 0 if n % 2 else 1))
    ranker = train(groups)
    focused = ranker.score(features(facts(in_focus=True, population=800)))
    assert focused > ranker.score(features(facts(population=80_000)))


def test_no_file_or_other_features_means_no_ranker(tmp_path):
    assert load_ranker(tmp_path / "absent.json") is None
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"features": ["x"], "weights": [1.0], "bias": 0.0, "means": [0.0], "scales": [1.0]}))
    assert load_ranker(other) is None


def test_training_on_the_hand_score_learns_only_corrections():
    # with strong regularization the learned weights vanish and the hand score alone ranks
    groups = [([features(facts(score=2.0, top_score=2.0)), features(facts(score=0.5, top_score=2.0))], 0) for _ in range(10)]
    ranker = train(groups, regularization=100.0, on_hand_score=True)
    assert ranker.hand_weight == 1.0
    assert all(abs(w) < 0.05 for w in ranker.weights)
    assert ranker.score(features(facts(score=2.0, top_score=2.0))) > ranker.score(features(facts(score=0.5, top_score=2.0)))


def test_a_candidate_near_the_other_names_readings_has_their_support():
    from eventatlas.geo.gazetteer import Candidate
    from eventatlas.geo.resolve import _Groups, _NameSupport

    def town(index, lat, lon, admin1_index):
        return Candidate(index, None, f"T{index}", lat, lon, "P", "PPL", "US", "S", "", admin1_index, 1000)

    # a name with two namesakes; the other two names each have a reading near the first only
    groups = _Groups(keys=[("a",), ("b",), ("c",)], members={})
    groups.candidates = [[town(0, 45.1, -94.1, 7), town(1, 31.1, -84.1, 8)], [town(2, 45.3, -94.6, 7)],
                         [town(3, 45.9, -95.4, 9), town(4, 41.2, -96.1, 10)]]
    support = _NameSupport(groups)
    near, admin1, country = support.shares(groups.candidates[0][0], 0)
    far = support.shares(groups.candidates[0][1], 0)
    assert (near, admin1, country) == (1.0, 0.5, 1.0)
    assert far == (0.0, 0.0, 1.0)
