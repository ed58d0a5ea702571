"""Extraction benchmarks (not tests): `python -m analysis extract FILES --review OUT --jobs N` over
corpora of 5, 50, 500 and 5,000 articles made deterministically from the seeds (article i is a copy of
seed i mod 5; nothing is committed), reporting wall time, time per article and peak memory.

Run with ``make bench-extract`` (or ``.venv/bin/python benchmarks/bench_extract.py [--jobs N] [SIZES]``);
it prints a Markdown table to paste into benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def corpus(folder: Path, n: int) -> list[Path]:
    seeds = sorted((ROOT / "seeds").glob("[0-9][0-9][0-9]_*.txt"))
    folder.mkdir(parents=True)
    files = []
    for i in range(n):
        path = folder / f"article{i:05d}.txt"
        path.write_bytes(seeds[i % len(seeds)].read_bytes())
        files.append(path)
    return files


def run(files: list[Path], out: Path, jobs: int) -> tuple[float, int]:
    args = [sys.executable, "-m", "analysis", "extract", *map(str, files), "--review", str(out), "--jobs", str(jobs)]
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-2000:])
    rows = sum(1 for _ in out.open(encoding="utf-8")) - 1
    return elapsed, rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[5, 50, 500, 5000])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-extract-"))
    print("| articles | jobs | wall time | per article | review rows | peak memory (largest process) |")
    print("|---|---|---|---|---|---|")
    try:
        for n in args.sizes:
            files = corpus(tmp / f"c{n}", n)
            elapsed, rows = run(files, tmp / f"review{n}.csv", args.jobs)
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"| {n:,} | {args.jobs} | {elapsed:.1f} s | {elapsed / n * 1000:.1f} ms | {rows:,} | {peak:.0f} MB |")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
