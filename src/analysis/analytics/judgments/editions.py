"""Editions of the judgments and the dates each judgment carries.

``data/editions.csv`` has one row per edition: its number, the report's version (``CITATION.cff``),
the day it was issued and the evidence cut-off it was judged on (the last day of an event the ledger
dated then). Each judgment of ``data/judgments.csv`` names the edition that issued it and repeats its
issue date; a forward judgment stores its window (``opens``, ``closes``): N months from the day after
the date it was anchored on, fixed when it was issued and never recomputed, so adding an article does
not move it. A judgment whose window had closed before it was issued is a hindcast.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.analytics.judgments.terms import EDITION_COLUMNS, EDITIONS_PATH, STALE_MONTHS, JudgmentError
from analysis.core.schema import check_table, matches, raise_problems, row_check, table_schema

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HORIZON_MONTHS = re.compile(r"^next (?P<months>[1-9]\d?) months$")


def _days_ok(row: dict) -> bool:
    try:
        return pd.Timestamp(row["evidence_cutoff"]) <= pd.Timestamp(row["issued"])
    except ValueError:
        return False


EDITIONS_SCHEMA = table_schema(
    EDITION_COLUMNS,
    required=EDITION_COLUMNS,
    column_checks={
        "edition": [matches(re.compile(r"^[1-9]\d*$"), "edition {value!r} is not a number 1, 2, ...")],
        "version": [matches(re.compile(r"^\d+\.\d+\.\d+$"), "version {value!r} is not like 0.2.0")],
        "issued": [matches(_DAY, "issued {value!r} is not a YYYY-MM-DD day")],
        "evidence_cutoff": [matches(_DAY, "evidence_cutoff {value!r} is not a YYYY-MM-DD day")],
    },
    row_checks=[row_check(_days_ok, "evidence_cutoff is after issued, or a date does not exist")],
    unique=("edition", "version"),
)


def load_editions(path: str | Path = EDITIONS_PATH) -> pd.DataFrame:
    """The editions, checked, oldest first: ``edition`` (int), ``version``, ``issued`` and
    ``evidence_cutoff`` (Timestamps), ``summary``, ``line``. Raises :class:`JudgmentError` naming every
    problem; editions must be numbered 1, 2, ... in file order, each issued after the one before."""
    frame, problems = check_table(path, EDITIONS_SCHEMA, "edition", JudgmentError)
    if not problems:
        frame = frame.astype({"edition": "int64"})
        frame["issued"] = pd.to_datetime(frame["issued"])
        frame["evidence_cutoff"] = pd.to_datetime(frame["evidence_cutoff"])
        if frame["edition"].tolist() != list(range(1, len(frame) + 1)):
            problems.append(f"{path}: editions are not numbered 1, 2, ... in file order")
        if not frame["issued"].is_monotonic_increasing or frame["issued"].duplicated().any():
            problems.append(f"{path}: each edition must be issued after the one before")
    if problems:
        raise_problems(JudgmentError, path, problems)
    return frame


def current_edition(editions: pd.DataFrame) -> pd.Series:
    """The latest edition (the last row)."""
    return editions.iloc[-1]


def kind_of(opens: object, closes: object, issued: pd.Timestamp) -> str:
    """``retrospective`` (no window), ``hindcast`` (the window had closed before the judgment was
    issued) or ``forecast``."""
    if pd.isna(opens) or opens is None or opens == "":
        return "retrospective"
    return "hindcast" if pd.Timestamp(closes) < pd.Timestamp(issued) else "forecast"


def window_end(opens: pd.Timestamp, months: int) -> pd.Timestamp:
    """The last day of a window of ``months`` months that opens on ``opens``."""
    return opens + pd.DateOffset(months=months) - pd.Timedelta(days=1)


def months_between(start: pd.Timestamp, end: pd.Timestamp) -> int:
    """Whole months from ``start`` to ``end`` (3 January 2025 to 7 December 2026 is 23)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (1 if end.day < start.day else 0)


def is_stale(opens: object, cutoff: pd.Timestamp) -> bool:
    """Whether a forward window opens more than :data:`STALE_MONTHS` months after the evidence cut-off."""
    if pd.isna(opens) or opens == "":
        return False
    return months_between(pd.Timestamp(cutoff), pd.Timestamp(opens)) > STALE_MONTHS


def windows(judgments: pd.DataFrame) -> pd.DataFrame:
    """Each judgment's dates as stored: ``judgment_id``, ``edition`` (int), ``issued``, ``opens`` and
    ``closes`` (NaT for a retrospective judgment) and ``kind`` (:func:`kind_of`)."""
    frame = pd.DataFrame(
        {
            "judgment_id": judgments["judgment_id"].to_numpy(),
            "edition": judgments["edition"].astype("int64").to_numpy(),
            "issued": pd.to_datetime(judgments["issued"]).to_numpy(),
            "opens": pd.to_datetime(judgments["opens"].replace("", None)).to_numpy(),
            "closes": pd.to_datetime(judgments["closes"].replace("", None)).to_numpy(),
        }
    )
    frame["kind"] = [kind_of(o, c, i) for o, c, i in zip(frame["opens"], frame["closes"], frame["issued"])]
    return frame.astype({"opens": "datetime64[ns]", "closes": "datetime64[ns]", "issued": "datetime64[ns]"})


def window_problems(rec, editions: pd.DataFrame) -> list[str]:
    """Problems of one judgment's dates (``rec`` a row of the judgments file, as text): its edition
    exists and ``issued`` is that edition's day; a retrospective judgment has no window; a forward one
    (``next N months``) has ``opens`` after its edition's evidence cut-off and ``closes`` N months on."""
    by_edition = editions.set_index("edition")
    problems = []
    if int(rec.edition) not in by_edition.index:
        return [f"edition {rec.edition} is not in data/editions.csv"]
    ed = by_edition.loc[int(rec.edition)]
    if pd.Timestamp(rec.issued) != ed["issued"]:
        problems.append(f"issued {rec.issued} is not edition {rec.edition}'s day ({ed['issued']:%Y-%m-%d})")
    m = _HORIZON_MONTHS.match(rec.horizon)
    if not m:
        if rec.opens or rec.closes:
            problems.append("a retrospective judgment has no window: opens and closes must be empty")
        return problems
    if not (rec.opens and rec.closes):
        return problems + [f"horizon {rec.horizon!r} needs its window: opens and closes"]
    opens, closes = pd.Timestamp(rec.opens), pd.Timestamp(rec.closes)
    if opens <= ed["evidence_cutoff"]:
        problems.append(
            f"opens {rec.opens} is not after the edition's evidence cut-off ({ed['evidence_cutoff']:%Y-%m-%d})"
        )
    if closes != window_end(opens, int(m["months"])):
        problems.append(
            f"closes {rec.closes} is not {m['months']} months after opens ({window_end(opens, int(m['months'])):%Y-%m-%d})"
        )
    return problems
