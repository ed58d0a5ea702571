"""Extraction benchmarks (not tests): `python -m analysis extract FILES --review OUT --jobs N` over
corpora of 5, 50, 500 and 5,000 articles made deterministically from the seeds (article i is a copy of
seed i mod 5; nothing is committed), reporting wall time, time per article and peak memory.

Run with ``make bench-extract`` (or ``.venv/bin/python benchmarks/bench_extract.py [--jobs N] [SIZES]``);
it prints a Markdown table to paste into benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from bench_scale import run as measure

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


def run(files: list[Path], out: Path, jobs: int) -> tuple[float, int, float, float]:
    """Wall time, review rows and peak memory (MB) of the run: the largest of its processes, the parent
    or one of its workers (``wait4`` reports the child's figures with those of the children it waited for)."""
    args = [sys.executable, "-m", "analysis", "extract", *map(str, files), "--review", str(out), "--jobs", str(jobs)]
    elapsed, peak, proc = measure(args, dict(os.environ))
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-2000:])
    rows = sum(1 for _ in out.open(encoding="utf-8")) - 1
    return elapsed, rows, peak, proc.cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[5, 50, 500, 5000])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-extract-"))
    print(
        "| articles | jobs | wall time | per article | CPU time | CPU per article | review rows | peak memory (largest process) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    try:
        for n in args.sizes:
            files = corpus(tmp / f"c{n}", n)
            elapsed, rows, peak, cpu = run(files, tmp / f"review{n}.csv", args.jobs)
            print(
                f"| {n:,} | {args.jobs} | {elapsed:.1f} s | {elapsed / n * 1000:.1f} ms | {cpu:.1f} s "
                f"| {cpu / n * 1000:.1f} ms | {rows:,} | {peak:.0f} MB |",
                flush=True,
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
