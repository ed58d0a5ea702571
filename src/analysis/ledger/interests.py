"""What each side wants (``data/interests.csv``) and the turning points of the chronology
(``data/turning_points.csv``).

``interests.csv`` holds one row per cell entry of the interests-and-leverage matrix: ``row_id``
(``W01``...), ``party`` (the actor_id of the side: ``dza``, ``mali_government``,
``northern_movements``, ``rus``, ``aes``...), ``aspect`` (one of :data:`ASPECTS`), ``statement`` (the
entry in our words, naming who says it), ``claimant`` (actor_id of whoever says it: the party, or
an outlet about it), ``reported_by`` (the outlet through which the seed carries it), ``seed``,
``paragraph``, ``quote`` (verbatim, checked) and ``notes``. Rows are checked as the claims are
(:func:`analysis.ledger.claims.quoted_row_problems`): the actors exist, the paragraph exists, is not
boilerplate and holds the quote; ``party`` must be an actor too.

``turning_points.csv`` names the ledger events the chronology and the timeline mark as turning
points: ``event_id``, a short ``label`` and ``why`` (the report's reason, in one sentence).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.core import paths
from analysis.core.errors import AnalysisError
from analysis.core.keys import SEED_ID, keys_column
from analysis.core.schema import check_table, matches, one_of, positive, raise_problems, table_schema
from analysis.ledger.claims import quoted_row_problems

INTERESTS_PATH = paths.DATA_DIR / "interests.csv"
TURNING_POINTS_PATH = paths.DATA_DIR / "turning_points.csv"

#: The matrix's columns, in order, with their headings.
ASPECTS: dict[str, str] = {"aim": "stated aims", "leverage": "means of leverage", "red_line": "red lines"}
#: The sides the matrix always shows (a cell the articles leave empty says so); other parties (the
#: Alliance of Sahel States, Niger, Burkina Faso) are shown where the file has rows for them.
CORE_PARTIES: tuple[str, ...] = ("dza", "mali_government", "northern_movements", "rus")
#: How the matrix names each side (a short label; other parties go by their actor name).
PARTY_LABELS: dict[str, str] = {
    "dza": "Algeria",
    "mali_government": "Mali's transitional authorities",
    "northern_movements": "The northern movements",
    "rus": "Russia",
    "aes": "The Alliance of Sahel States",
}
#: What an empty cell says.
NOT_STATED = "The articles do not say."

COLUMNS = ("row_id", "party", "aspect", "statement", "claimant", "reported_by", "seed", "paragraph", "quote", "notes")
_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")

INTERESTS_SCHEMA = table_schema(
    COLUMNS,
    ("row_id", "party", "aspect", "statement", "claimant", "seed", "paragraph", "quote"),
    {
        "row_id": [matches(re.compile(r"^W\d{2,3}$"), "row_id {value!r} is not W followed by digits")],
        "party": [matches(_SNAKE, "party {value!r} is not an actor id")],
        "aspect": [one_of(ASPECTS)],
        "seed": [matches(SEED_ID, "seed {value!r} is not a seed id (three digits or more)")],
        "paragraph": [positive()],
    },
    numbers={"paragraph": "int64"},
    unique=("row_id",),
)

TURNING_SCHEMA = table_schema(
    ("event_id", "label", "why"),
    ("event_id", "label", "why"),
    {"event_id": [matches(re.compile(r"^E\d{3,}$"), "event_id {value!r} is not E followed by digits")]},
    unique=("event_id",),
)


class InterestError(AnalysisError):
    """The interests or turning-points table is unusable; the message names the file, row and problem."""


def _integrity(frame: pd.DataFrame, actors, paragraphs) -> list[str]:
    path = frame.attrs["source"]
    actor_ids = set(actors["actor_id"]) if actors is not None else None
    by_key = {r.key: r for r in paragraphs.itertuples(index=False)} if paragraphs is not None else None
    problems = []
    for rec in frame.itertuples(index=False):
        where = f"{path}: row {rec.row_id} (line {rec.line})"
        problems += quoted_row_problems(where, rec, actor_ids, by_key, ("party", "claimant", "reported_by"))
    return problems


def interest_problems(path: str | Path = INTERESTS_PATH, actors=None, paragraphs=None) -> list[str]:
    """Every problem of the interests file, one line each (``FILE: row W03 (line 4): problem``)."""
    try:
        frame, problems = check_table(path, INTERESTS_SCHEMA, "row_id", InterestError)
    except InterestError as exc:
        return [str(exc)]
    return problems or _integrity(frame, actors, paragraphs)


def load_interests(path: str | Path = INTERESTS_PATH, actors=None, paragraphs=None) -> pd.DataFrame:
    """The interests table, checked (see the module docstring), with a ``key`` column. Raises
    :class:`InterestError` listing every problem."""
    problems = interest_problems(path, actors, paragraphs)
    if problems:
        raise_problems(InterestError, path, problems)
    frame = check_table(path, INTERESTS_SCHEMA, "row_id", InterestError)[0].drop(columns="line")
    frame["key"] = keys_column(frame["seed"], frame["paragraph"])
    frame.attrs["source"] = str(Path(path))
    return frame.reset_index(drop=True)


def turning_point_problems(path: str | Path = TURNING_POINTS_PATH, events=None) -> list[str]:
    """Every problem of the turning-points file: its schema's, and event ids not in the ledger."""
    try:
        frame, problems = check_table(path, TURNING_SCHEMA, "event_id", InterestError)
    except InterestError as exc:
        return [str(exc)]
    if problems or events is None:
        return problems
    known = set(events["event_id"])
    return [
        f"{path}: row {rec.event_id} (line {rec.line}): event_id {rec.event_id} is not in the ledger"
        for rec in frame.itertuples(index=False)
        if rec.event_id not in known
    ]


def load_turning_points(path: str | Path = TURNING_POINTS_PATH, events=None) -> pd.DataFrame:
    """The turning points (``event_id``, ``label``, ``why``), checked against the ledger if given."""
    problems = turning_point_problems(path, events)
    if problems:
        raise_problems(InterestError, path, problems)
    return check_table(path, TURNING_SCHEMA, "event_id", InterestError)[0].drop(columns="line").reset_index(drop=True)


def matrix_parties(interests: pd.DataFrame) -> list[str]:
    """The parties the matrix shows: :data:`CORE_PARTIES`, then every other party with rows, in file order."""
    extra = [p for p in dict.fromkeys(interests["party"]) if p not in CORE_PARTIES]
    return [*CORE_PARTIES, *extra]
