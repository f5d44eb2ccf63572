"""Build the gazetteer from a GeoNames dump: time and peak memory on a generated file in
GeoNames' allCountries format (countries, divisions with admin codes, places and features with
alternate names in several scripts), zipped as GeoNames ships it.

    python benchmarks/geonames_build.py [--rows 400000] [--keep DIR]

The real allCountries.zip holds about 13 million rows; time and memory grow about linearly with
the row count, so a few hundred thousand rows show the rate and the memory per row.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from eventatlas.geo.gazetteer import Gazetteer, build  # noqa: E402
from tests.geo.gazetteer_fixtures import write_sample_dump  # noqa: E402


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=400_000)
    parser.add_argument("--keep", type=Path, help="folder to keep the dump and the index in")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="ea-geonames-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    dump = write_sample_dump(folder / "allCountries.txt", args.rows)
    archive = folder / "allCountries.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        handle.write(dump, "allCountries.txt")
    dump.unlink()
    print(f"generated {args.rows:,} rows ({archive.stat().st_size / 2**20:.1f} MB zipped) in {time.perf_counter() - started:.1f} s")
    before = peak_rss_mb()
    started = time.perf_counter()
    path = build(folder / "gazetteer.sqlite", geonames=archive, show_progress=sys.stderr.isatty())
    seconds = time.perf_counter() - started
    print(f"built in {seconds:.1f} s ({args.rows / seconds:,.0f} rows/s); peak memory {peak_rss_mb():.0f} MB "
          f"(before the build {before:.0f} MB); index {path.stat().st_size / 2**20:.0f} MB")
    started = time.perf_counter()
    gazetteer = Gazetteer(path)
    print(f"loaded {len(gazetteer):,} places in {time.perf_counter() - started:.1f} s; peak memory {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
