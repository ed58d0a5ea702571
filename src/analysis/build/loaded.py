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

Between processes (each ``make preview`` is one), a loaded table is also kept on disk, in
:data:`CACHE_DIR`, under a key of the bytes of its files, of the package's code and of the pandas
version: the next process whose key is the same reads it back instead of importing the validation
library and validating again, which is about half a second of every preview. A changed file, a changed
loader or a changed pandas misses the key and loads (and validates) afresh; an unreadable cache file is
a miss too, and is written again.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.core import paths
from analysis.core.atomic import write_atomic

if TYPE_CHECKING:  # pandas is imported only when a table is loaded: a kept derived value needs none
    import pandas as pd

_KEPT: dict[str, tuple[str, Any]] = {}
#: Where loaded tables are kept between processes (emptied with the rest of ``_build``).
CACHE_DIR = paths.ROOT / "_build" / ".loaded"


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


@cache
def code_key() -> str:
    """SHA-256 of the package's code (every ``.py`` file under ``analysis/``, by path and bytes) and of
    the pandas version: what, beside the input files, decides the frame a loader returns."""
    package = Path(__file__).resolve().parents[1]
    h = hashlib.sha256(version("pandas").encode() + b"\0")
    for path in sorted(package.rglob("*.py")):
        h.update(str(path.relative_to(package)).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _disk_path(name: str, folder: Path) -> Path:
    return folder / f"{hashlib.sha256(name.encode()).hexdigest()[:24]}.pickle"


_MISSING = object()


def _from_disk(name: str, key: str, folder: Path) -> Any:
    """The value kept on disk for ``name`` under ``key``, or :data:`_MISSING` (none kept, another key,
    unreadable)."""
    try:
        kept_key, value = pickle.loads(_disk_path(name, folder).read_bytes())
    except (OSError, EOFError, ValueError, TypeError, AttributeError, ImportError, pickle.UnpicklingError):
        return _MISSING
    return value if kept_key == key else _MISSING


def _held(name: str, key: str, compute: Callable[[], Any]) -> Any:
    """The value of ``name`` for ``key``: kept in this process, else kept on disk (:data:`CACHE_DIR`,
    under ``key`` and :func:`code_key`), else computed and kept in both."""
    held = _KEPT.get(name)
    if held is None or held[0] != key:
        full = hashlib.sha256(f"{key}:{code_key()}".encode()).hexdigest()
        value = _from_disk(name, full, CACHE_DIR)
        if value is _MISSING:
            value = compute()
            CACHE_DIR.mkdir(parents=True, exist_ok=True)
            write_atomic(_disk_path(name, CACHE_DIR), pickle.dumps((full, value), protocol=pickle.HIGHEST_PROTOCOL))
        held = _KEPT[name] = (key, value)
    return held[1]


def _kept(name: str, key: str, load: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    return _held(name, key, load).copy(deep=True)


def derived(name: str, compute: Callable[[], Any], *inputs: Path) -> Any:
    """A value the extensions compute from the tables (plain Python: strings, numbers, dicts, tuples),
    kept like the tables under a key of the bytes of ``inputs`` (files or folders) and of the code:
    when nothing it rests on changed, a new process reads it back without importing pandas or loading
    (and validating) a table. ``compute`` runs, with every check of the loaders it calls, otherwise."""
    return _held(f"derived:{name}", files_key(*inputs), compute)


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
