"""Chapter staleness: which chapters' prose was reviewed against an older state of the ledger.

Each analytical chapter records, in a MyST comment line, the last event id its prose was reviewed
against (``% reviewed_against: E078``). The events added since are listed by ``python -m analysis
validate`` (:func:`chapters_awaiting_review`) and in a notice at the top of the built chapter
(``_ext/review_notice.py``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.core import paths

if TYPE_CHECKING:  # the book's review notice imports this module; it needs no pandas
    import pandas as pd

#: How a chapter records the last event id its prose was reviewed against: a MyST comment line,
#: ``% reviewed_against: E078``, which no reader sees and which jupytext keeps as it is.
REVIEWED_KEY = "reviewed_against"
_REVIEWED = re.compile(rf"^%\s*{REVIEWED_KEY}:\s*(E\d{{3}})\b", flags=re.M)


def reviewed_against(chapter: Path) -> str | None:
    """The event id a chapter records (``% reviewed_against: E078``), or None."""
    found = _REVIEWED.search(Path(chapter).read_text(encoding="utf-8"))
    return found.group(1) if found else None


def added_since(event_ids: pd.Series | list[str], last: str) -> list[str]:
    """The ids of ``event_ids`` after ``last`` (``E078`` -> ``["E079", "E080"]``), in order."""
    n = int(last[1:])
    return sorted((e for e in event_ids if int(str(e)[1:]) > n), key=lambda e: int(e[1:]))


def chapters_awaiting_review(
    chapters_dir: Path = paths.ROOT / "chapters", events: pd.DataFrame | None = None
) -> dict[str, list[str]]:
    """Chapter file -> the events added to the ledger since its prose was last reviewed (only chapters
    that record a ``reviewed_against`` id and have events after it)."""
    if events is None:  # imported here: the book's review notice uses this module without loading the ledger
        from analysis.ledger.events import load_events

        events = load_events()
    out = {}
    for chapter in sorted(Path(chapters_dir).glob("*.md")):
        last = reviewed_against(chapter)
        if last:
            newer = added_since(events["event_id"], last)
            if newer:
                out[chapter.name] = newer
    return out


def id_ranges(ids: list[str]) -> str:
    """``["E079", "E080", "E081", "E085"]`` -> ``"E079–E081, E085"``."""
    nums = [int(i[1:]) for i in ids]
    parts, start = [], None
    for k, n in enumerate(nums):
        if start is None:
            start = n
        if k == len(nums) - 1 or nums[k + 1] != n + 1:
            parts.append(f"E{start:03d}" if start == n else f"E{start:03d}–E{n:03d}")
            start = None
    return ", ".join(parts)
