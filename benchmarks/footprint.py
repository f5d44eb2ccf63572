"""Start-up, memory, length and install footprint, each measured side by side with its
reference in one run and printed beside its target ("Fast and lean").

    python benchmarks/footprint.py [--article tests/data/articles/nigeria_borno.txt] [--repeat 3]

What it measures (wall seconds are the median of --repeat runs; memory is the peak resident set
of the child process, from ``os.wait4``):

* ``eventatlas --help`` against ``python -c "import typer"``            target <= 2x
* ``eventatlas extract MISSING`` (the one-line input error) against the same: models never load
* ``eventatlas extract ARTICLE`` cold, against loading the spaCy model and parsing the article
  in a bare Python process: time and peak memory                        target <= 1.3x, <= 1.3x
  (after one untimed run: what a machine builds once, the gazetteer index and the optimised
  encoder graph, is built by then)
* one long document against one 20 times longer (the article's paragraphs repeated with
  varied numbers), in one warm process                                  target <= 25x
* 1 MB of punctuation through ``extract``: a one-line answer         target <= 5 s, no traceback
* the default install: the package, its runtime dependencies (no extras; the package's own as
  this checkout's pyproject.toml lists them) and the spaCy model, summed from the installed
  files' sizes                                                          target <= 700 MB, no torch
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
PYTHON = sys.executable
CLI = [PYTHON, "-m", "eventatlas"]
DEFAULT_ARTICLE = REPO / "tests" / "data" / "articles" / "nigeria_borno.txt"


def installed_model() -> str:
    """The spaCy pipeline EventAtlas loads here (the first of its configured names installed)."""
    from eventatlas.config import spacy_model_names

    names = spacy_model_names()
    return next((name for name in names if importlib.util.find_spec(name) is not None), names[0])


MODEL = installed_model()


def run_child(command: list[str]) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS in MB, exit code, standard error) of one child process."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        return wall, usage.ru_maxrss / 1024, process.returncode, errors.read().decode("utf-8", "replace")


def median_run(command: list[str], repeat: int) -> tuple[float, float, int]:
    runs = [run_child(command) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), runs[-1][2]


def line(what: str, measured: str, target: str, ok: bool) -> None:
    print(f"  {what:<46} {measured:<34} target {target:<14} {'met' if ok else 'NOT MET'}")


def startup(article: Path, repeat: int) -> None:
    typer_time, _, _ = median_run([PYTHON, "-c", "import typer"], repeat)
    help_time, _, _ = median_run([*CLI, "--help"], repeat)
    line("eventatlas --help vs import typer", f"{help_time:.2f} s / {typer_time:.2f} s = {help_time / typer_time:.1f}x",
         "<= 2x", help_time <= 2 * typer_time)
    error_time, _, code = median_run([*CLI, "extract", str(article) + ".missing"], repeat)
    # the models take seconds to load: an answer within a second came before them
    line("extract of a missing file (exit code)", f"{error_time:.2f} s ({code})", "< 1 s, code 2", error_time < 1 and code == 2)

    # Once per machine, not per start: the gazetteer index and the optimised encoder graph are
    # built in the data directory by the first run, which is not what a cold start measures.
    run_child([*CLI, "extract", str(article)])
    bare = (f"import spacy, pathlib; nlp = spacy.load({MODEL!r}); "
            f"nlp(pathlib.Path({str(article)!r}).read_text(encoding='utf-8'))")
    bare_time, bare_rss, _ = median_run([PYTHON, "-c", bare], repeat)
    cold_time, cold_rss, _ = median_run([*CLI, "extract", str(article)], repeat)
    line("extract, cold, vs spaCy load + parse: time", f"{cold_time:.2f} s / {bare_time:.2f} s = {cold_time / bare_time:.2f}x",
         "<= 1.3x", cold_time <= 1.3 * bare_time)
    line("  peak memory", f"{cold_rss:.0f} MB / {bare_rss:.0f} MB = {cold_rss / bare_rss:.2f}x",
         "<= 1.3x", cold_rss <= 1.3 * bare_rss)


def varied(text: str, copy: int) -> str:
    """The article again with its numbers changed, so repeated paragraphs are not identical."""
    return "".join(str((int(ch) + copy) % 10) if ch.isdigit() else ch for ch in text)


def linearity(article: Path, base_copies: int) -> None:
    from eventatlas.pipeline import extract

    text = article.read_text(encoding="utf-8")
    extract(text, published="2024-01-01")  # load every model first
    timings = {}
    for copies in (base_copies, base_copies * 20):
        document = "\n\n".join(varied(text, copy) for copy in range(copies))
        started = time.perf_counter()
        extract(document, published="2024-01-01")
        timings[copies] = time.perf_counter() - started
    short, long = timings[base_copies], timings[base_copies * 20]
    line(f"{base_copies} vs {base_copies * 20} copies of the article", f"{short:.2f} s / {long:.2f} s = {long / short:.1f}x",
         "<= 25x", long <= 25 * short)


def punctuation() -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("[" * 1_000_000)
    try:
        wall, _, code, errors = run_child([*CLI, "extract", handle.name])
    finally:
        os.unlink(handle.name)
    clean_answer = "Traceback" not in errors and len(errors.strip().splitlines()) <= 1
    line("1 MB of '[' through extract (exit code)", f"{wall:.2f} s ({code})", "<= 5 s, one line",
         wall <= 5 and clean_answer)
    if errors.strip():
        print(f"    {errors.strip().splitlines()[-1][:100]}")


def _requirements(dist: metadata.Distribution, extras: frozenset[str]) -> list[Requirement]:
    """What ``dist`` installs with ``extras`` requested (``psycopg[binary]`` brings psycopg-binary):
    its plain requirements and those whose marker holds for one of the extras, on this Python."""
    wanted = []
    for line in dist.requires or []:
        requirement = Requirement(line)
        marker = requirement.marker
        if marker is None or any(marker.evaluate({"extra": extra}) for extra in extras or {""}):
            wanted.append(requirement)
    return wanted


def _working_tree_requirements() -> list[Requirement] | None:
    """The package's runtime dependencies as this checkout's pyproject.toml lists them (an
    editable install's metadata is that of its last ``pip install``), None without one."""
    import tomllib

    path = REPO / "pyproject.toml"
    if not path.is_file():
        return None
    dependencies = tomllib.loads(path.read_text(encoding="utf-8"))["project"]["dependencies"]
    return [Requirement(line) for line in dependencies]


def default_install() -> dict[str, metadata.Distribution]:
    """The distributions of the default install: the package, its runtime closure (with the
    extras its requirements ask for) and the spaCy model, by normalised name."""
    seen: dict[str, metadata.Distribution] = {}
    done: set[tuple[str, frozenset[str]]] = set()
    queue = [Requirement("eventatlas"), Requirement(MODEL.replace("_", "-"))]
    while queue:
        requirement = queue.pop()
        name, extras = canonicalize_name(requirement.name), frozenset(requirement.extras)
        if (name, extras) in done:
            continue
        done.add((name, extras))
        try:
            dist = seen.get(name) or metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[name] = dist
        own = _working_tree_requirements() if name == "eventatlas" else None
        queue.extend(own if own is not None else _requirements(dist, extras))
    return seen


def install_size() -> None:
    """The installed size of the package, its runtime closure and the spaCy model."""
    seen = default_install()
    total = 0
    for dist in seen.values():
        for file in dist.files or []:
            path = Path(dist.locate_file(file))
            if path.is_file():
                total += path.stat().st_size
    torch = "torch" in seen
    line("default install (package + deps + model)", f"{total / 2**20:.0f} MB in {len(seen)} distributions",
         "<= 700 MB", total <= 700 * 2**20 and not torch)
    if torch:
        print("  torch is in the default install's closure")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--article", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--copies", type=int, default=5, help="copies of the article in the shorter document")
    args = parser.parse_args()
    if not args.article.is_file():
        sys.exit(f"{args.article}: no such file")
    print(f"footprint on {os.cpu_count()} cores, article {args.article.name}")
    startup(args.article, args.repeat)
    linearity(args.article, args.copies)
    punctuation()
    install_size()


if __name__ == "__main__":
    main()
