"""Write tests/expected.json: the counts that describe today's data snapshot, computed from the data.

Tests that assert on the size of the corpus or the ledger read these values through the ``expected``
fixture (tests/conftest.py) instead of typing five-seed constants. After adding an article and its
coded rows, run ``make expected``, review the diff of tests/expected.json, and commit it.
"""

from __future__ import annotations

import json
from pathlib import Path

from analysis.ledger import claims, events
from analysis.sources import actors, corpus

EXPECTED_PATH = Path(__file__).with_name("expected.json")


def snapshot() -> dict:
    """The snapshot's counts, computed from the seeds and the ledger."""
    paras = corpus.paragraphs()
    ledger = events.load_events()
    return {
        "seeds": int(paras["seed"].nunique()),
        "paragraphs": int(len(paras)),
        "paragraphs_per_seed": {str(k): int(v) for k, v in paras.groupby("seed").size().items()},
        "events": int(len(ledger)),
        "actors": int(len(actors.load_actors())),
        "claims": int(len(claims.load_claims())),
        "events_per_seed": {str(k): int(v) for k, v in ledger.groupby("seed").size().items()},
    }


def write(path: Path = EXPECTED_PATH) -> Path:
    path.write_text(json.dumps(snapshot(), indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write())
