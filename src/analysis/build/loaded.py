"""The ledger, the catalogue and the paragraphs, loaded and validated once per process for the book's
extensions (``_ext/``).

One book build used to load and validate the ledger three times and the catalogue four (the title's
years twice at configuration, the review notice, the citation cards and the citation role), about a
second of every ``make preview``. Here each table is loaded by its own loader
(:func:`analysis.ledger.events.load_events`, :func:`analysis.sources.corpus.load_catalog`,
:func:`analysis.sources.corpus.paragraphs`) the first time it is asked for, and kept with a digest of
the bytes of the files it was read from: a later call whose files hold the same bytes gets a copy of
the kept frame; one whose files changed loads them again (so an edited ledger is never served stale,
and a bad one still fails loudly, naming file and row, through its loader).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis.core import paths

_KEPT: dict[str, tuple[str, pd.DataFrame]] = {}


def files_key(*entries: Path) -> str:
    """SHA-256 over the name and bytes of each file given, and of every file in each folder given
    (sorted by name); a missing entry counts as such, so it never matches one that exists."""
    h = hashlib.sha256()
    for entry in entries:
        entry = Path(entry)
        files = sorted(p for p in entry.iterdir() if p.is_file()) if entry.is_dir() else [entry]
        for path in files:
            h.update(str(path).encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"missing")
    return h.hexdigest()


def _kept(name: str, key: str, load: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    held = _KEPT.get(name)
    if held is None or held[0] != key:
        held = _KEPT[name] = (key, load())
    return held[1].copy(deep=True)


def events(path: Path | None = None) -> pd.DataFrame:
    """The ledger as :func:`analysis.ledger.events.load_events` returns it (``path``: default, the
    project's ``data/events.csv``)."""
    from analysis.ledger.events import EVENTS_PATH, load_events

    path = Path(path or EVENTS_PATH)
    return _kept(f"events:{path}", files_key(path), lambda: load_events(path))


def catalog(seeds_dir: Path = paths.SEEDS_DIR) -> pd.DataFrame:
    """The seed catalogue as :func:`analysis.sources.corpus.load_catalog` returns it (it reads the
    catalogue and checks it against the seed files: every file of the folder is in the key)."""
    from analysis.sources.corpus import load_catalog

    seeds_dir = Path(seeds_dir)
    return _kept(f"catalog:{seeds_dir}", files_key(seeds_dir), lambda: load_catalog(seeds_dir))


def paragraphs(seeds_dir: Path = paths.SEEDS_DIR) -> pd.DataFrame:
    """Every paragraph of every seed, as :func:`analysis.sources.corpus.paragraphs` returns them."""
    from analysis.sources.corpus import paragraphs as load_paragraphs

    seeds_dir = Path(seeds_dir)
    return _kept(f"paragraphs:{seeds_dir}", files_key(seeds_dir), lambda: load_paragraphs(seeds_dir))
