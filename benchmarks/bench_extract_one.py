"""Extraction in one process: CPU time per seed-sized article of the review rows `extract --review`
writes (reading the file, paragraphs, sentences, dates, actors, places, the review row), with the alias
matchers built once as each worker builds them. Usage: python benchmarks/bench_extract_one.py [ROUNDS]."""

from __future__ import annotations

import sys
import time

from analysis.core import paths
from analysis.intake.extract import _file_rows
from analysis.intake.review import review_values
from analysis.sources.actors import actor_matcher
from analysis.sources.places import place_matcher


def main(rounds: int = 40) -> None:
    files = sorted(p for p in paths.SEEDS_DIR.glob("*.txt"))[:5]  # the first five seeds
    actors, places = actor_matcher(), place_matcher()
    for f in files:  # warm-up: compiled patterns, caches
        [review_values(r) for r in _file_rows(f, None, actors, places)]
    start = time.process_time()
    for _ in range(rounds):
        for f in files:
            [review_values(r) for r in _file_rows(f, None, actors, places)]
    spent = time.process_time() - start
    n = rounds * len(files)
    print(f"{n} articles, {1000 * spent / n:.1f} ms CPU per article (one process)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
