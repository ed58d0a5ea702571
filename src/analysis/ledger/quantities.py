"""Numbers the seeds state: ``data/quantities.csv``, one row per number a paragraph gives.

Columns (:data:`COLUMNS`): ``quantity_id`` (``Q01``...), ``subject`` (snake_case name of what is
counted or measured), ``low`` and ``high`` (the number, or the interval a text gives, such as "three or
four"), ``unit``, ``claimant`` (actor_id of whoever states it), ``reported_by`` (actor_id of the outlet
through which the seed reports it), ``seed`` and ``paragraph``, ``quote`` (verbatim from the paragraph,
holding the number), ``as_of_event`` (the ledger row that dates the statement) and ``notes``.

A chapter that reasons with a number the seeds give reads it here, with its citation, instead of typing
it. :func:`load_quantities` validates the file with :data:`SCHEMA` and, given the actors, paragraphs and
events, checks it against them (with the claims' own check, :func:`analysis.ledger.claims.quoted_table_problems`): the
actors and the event exist, the quote occurs in its paragraph, which is not boilerplate.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.core import paths
from analysis.core.errors import AnalysisError
from analysis.core.keys import SEED_ID, keys_column
from analysis.core.schema import check_table, matches, positive, raise_problems, row_check, table_schema
from analysis.ledger.claims import quoted_table_problems

QUANTITIES_PATH = paths.DATA_DIR / "quantities.csv"
COLUMNS: tuple[str, ...] = (
    "quantity_id",
    "subject",
    "low",
    "high",
    "unit",
    "claimant",
    "reported_by",
    "seed",
    "paragraph",
    "quote",
    "as_of_event",
    "notes",
)
_REQUIRED = ("quantity_id", "subject", "low", "high", "unit", "claimant", "seed", "paragraph", "quote")


class QuantityError(AnalysisError):
    """The quantities table is unusable; the message names the file, the row and the problem."""


def _ordered(row: dict) -> bool:
    """``low`` is not above ``high`` (a cell that is not a number fails on its own check)."""
    try:
        return float(row["low"]) <= float(row["high"])
    except (TypeError, ValueError):
        return True


SCHEMA = table_schema(
    COLUMNS,
    _REQUIRED,
    {
        "quantity_id": [matches(re.compile(r"^Q\d{2,3}$"), "quantity_id {value!r} is not Q followed by digits")],
        "subject": [matches(re.compile(r"^[a-z][a-z0-9_]*$"), "subject {value!r} is not snake_case")],
        "seed": [matches(SEED_ID, "seed {value!r} is not a seed id (three digits or more)")],
        "paragraph": [positive()],
        "low": [positive()],
        "high": [positive()],
    },
    numbers={"paragraph": "int64", "low": "float64", "high": "float64"},
    unique=("quantity_id",),
    row_checks=[row_check(_ordered, "low {low} is above high {high}")],
)


def quantity_problems(
    path: str | Path = QUANTITIES_PATH,
    actors: pd.DataFrame | None = None,
    paragraphs: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
) -> list[str]:
    """Every problem of the quantities file, one line each (``FILE: row Q03 (line 4): problem``), as
    :func:`load_quantities` would raise them; empty when the file is sound."""
    try:
        frame, problems = check_table(path, SCHEMA, "quantity_id", QuantityError)
    except QuantityError as exc:
        return [str(exc)]
    return problems or quoted_table_problems(frame, "quantity_id", "as_of_event", actors, paragraphs, events)


def load_quantities(
    path: str | Path = QUANTITIES_PATH,
    actors: pd.DataFrame | None = None,
    paragraphs: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The quantities table, checked (see the module docstring), with a ``key`` column. Raises
    :class:`QuantityError` listing every problem, one per line, each naming the file and row."""
    problems = quantity_problems(path, actors, paragraphs, events)
    if problems:
        raise_problems(QuantityError, path, problems)
    frame = check_table(path, SCHEMA, "quantity_id", QuantityError)[0].drop(columns="line")
    frame["key"] = keys_column(frame["seed"], frame["paragraph"])
    frame.attrs["source"] = str(Path(path))
    return frame
