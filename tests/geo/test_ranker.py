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
