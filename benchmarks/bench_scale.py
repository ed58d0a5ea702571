"""Scaling benchmarks (not tests): ``python -m analysis corpus`` and ``python -m analysis validate`` over
corpora of 5, 50, 500 and 5,000 articles, reporting wall time, time per article and peak memory.

Each corpus is made deterministically in a temporary folder (nothing is committed), through the package's
own workflow: the five seeds and the data folder are copied, and article *i* (from 5 on) is seed *i* mod 5
with one closing line ``Benchmark copy i.`` (so no two articles have the same content), added with
:func:`analysis.intake.ingest.add_article` under the seed's own publication interval (its catalogue row,
checksum and file written as ``add`` writes them). Then ``extract --review`` proposes the new articles'
rows and every date mention they hold is marked ``exclude`` ("benchmark copy, not coded") and recorded
with :func:`analysis.intake.review.accept`, so ``validate`` checks a ledger that covers the whole corpus, as it
would after an analyst's review.

Seed ids have at least three digits (``000``-``999``, then ``1000``...; see :mod:`analysis.core.keys`), so
a corpus of any size can be made.

Run with ``make bench-scale`` (or ``.venv/bin/python benchmarks/bench_scale.py [SIZES]``); it prints a
Markdown table to paste into benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


#: Runs the command as its own child and writes that child's peak memory (KB) and CPU time (s) to the
#: file named in $BENCH_USAGE. The peak of a process counts the memory of the process that forked it (as
#: it was at the fork), so the command is forked from this small interpreter, not from the benchmark
#: (which holds the corpora it made).
_WRAPPER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_pid, status, usage = os.wait4(pid, 0)
with open(os.environ["BENCH_USAGE"], "w") as fh:
    fh.write(f"{usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run(args: list[str], env: dict) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run ``args`` and return wall time (s), its peak resident memory (MB: the largest of the command's
    processes, its workers included) and the completed process, whose ``cpu`` attribute is the CPU time
    (user + system, s) of the command and its workers: less sensitive than wall time to other work on the
    machine."""
    with tempfile.NamedTemporaryFile(prefix="bench-usage-") as usage:
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-c", _WRAPPER, *args],
            capture_output=True,
            text=True,
            env={**env, "BENCH_USAGE": usage.name},
        )
        elapsed = time.perf_counter() - start
        peak_kb, cpu = Path(usage.name).read_text().split()
    proc.cpu = float(cpu)
    return elapsed, int(peak_kb) / 1024, proc


def make_corpus(folder: Path, n: int, env: dict) -> tuple[Path, Path]:
    """A project copy of ``n`` articles under ``folder``: ``seeds/`` and ``data/`` (see the module)."""
    import pandas as pd

    from analysis.intake.ingest import add_article
    from analysis.intake.review import accept
    from analysis.sources.corpus import load_catalog

    seeds, data = folder / "seeds", folder / "data"
    shutil.copytree(ROOT / "seeds", seeds)
    shutil.copytree(ROOT / "data", data)
    catalog = load_catalog(seeds)
    originals = catalog.to_dict("records")
    sources = folder / "sources"
    sources.mkdir()
    added = []
    for i in range(len(originals), n):
        seed = originals[i % len(originals)]
        src = sources / f"copy{i:04d}.txt"
        text = (seeds / seed["file"]).read_bytes().rstrip(b"\n")
        src.write_bytes(text + f"\nBenchmark copy {i}.\n".encode())
        lo, hi = seed["published_earliest"].date().isoformat(), seed["published_latest"].date().isoformat()
        when = {"published": lo} if lo == hi else {"earliest": lo, "latest": hi}
        added.append(add_article(src, seeds, outlet=seed["outlet"], today=date(2026, 1, 1), **when).path)
    if added:
        review = folder / "review.csv"
        args = [sys.executable, "-m", "analysis", "extract", *map(str, added), "--review", str(review), "--jobs", "2"]
        _t, _m, proc = run(args, env)
        if proc.returncode:
            raise SystemExit(proc.stderr[-2000:])
        rows = pd.read_csv(review, dtype=str, keep_default_na=False)
        dated = rows["date_text"] != ""
        rows.loc[dated, "decision"] = "exclude"
        rows.loc[dated, "notes"] = "benchmark copy of a seed, not coded"
        rows.to_csv(review, index=False)
        accept(review, data, seeds)
    return seeds, data


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[5, 50, 500, 5000])
    args = parser.parse_args()
    env = dict(os.environ)
    tmp = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    print("| articles | paragraphs | command | wall time | per article | CPU time | peak memory | result |")
    print("|---|---|---|---|---|---|---|---|")
    try:
        for n in args.sizes:
            start = time.perf_counter()
            seeds, data = make_corpus(tmp / f"c{n}", n, env)
            made = time.perf_counter() - start
            paragraphs = sum(
                sum(1 for line in p.read_text(encoding="utf-8").splitlines() if line.strip())
                for p in seeds.glob("[0-9]*_*.txt")
            )
            commands = {
                "corpus": ["corpus", "--seeds", str(seeds)],
                "validate": ["validate", "--data", str(data), "--seeds", str(seeds)],
            }
            for name, cmd in commands.items():
                elapsed, peak, proc = run([sys.executable, "-m", "analysis", *cmd], env)
                lines = (proc.stdout + proc.stderr).strip().splitlines()
                if name == "validate":
                    result = lines[-1][:60] if proc.returncode == 0 else f"{len(proc.stdout.splitlines())} problem(s)"
                else:
                    result = f"{len(proc.stdout.splitlines()) - 1} rows" if proc.returncode == 0 else lines[-1][:60]
                print(
                    f"| {n:,} | {paragraphs:,} | {name} | {elapsed:.1f} s | {elapsed / n * 1000:.1f} ms | {proc.cpu:.1f} s "
                    f"| {peak:.0f} MB | {result} |",
                    flush=True,
                )
            print(f"<!-- {n} articles made in {made:.1f} s -->", file=sys.stderr, flush=True)
            shutil.rmtree(tmp / f"c{n}", ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
