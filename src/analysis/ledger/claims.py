"""Contested claims: ``data/claims.csv``, one row per side of a disputed question, per citation.

Columns (:data:`CLAIM_COLUMNS`): ``claim_id`` (``C01``...), ``topic`` (snake_case name of the
question), ``side`` (short label of the position), ``claimant`` (actor_id of whoever makes the claim),
``claim`` (our wording), ``quote`` (verbatim from the paragraph), ``seed`` and ``paragraph``,
``reported_by`` (actor_id of the outlet or person through whom the seed reports the claim),
``event_id`` (the ledger row the claim is about, if any) and ``notes``.

:func:`load_claims` validates the file alone with :data:`CLAIMS_SCHEMA` (a pandera schema) and then,
when given the actors, paragraphs and events, checks it against them: claimant and reporter exist,
the quote occurs in its paragraph, the paragraph is not boilerplate, the event exists; and every
topic has at least two sides.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.core import paths
from analysis.core.errors import AnalysisError
from analysis.core.keys import SEED_ID, keys_column, paragraph_key
from analysis.core.quote import misquoted, verbatim
from analysis.core.schema import check_table, matches, positive, raise_problems, table_schema

CLAIMS_PATH = paths.DATA_DIR / "claims.csv"
CLAIM_COLUMNS: tuple[str, ...] = (
    "claim_id",
    "topic",
    "side",
    "claimant",
    "claim",
    "quote",
    "seed",
    "paragraph",
    "reported_by",
    "event_id",
    "notes",
)
_REQUIRED = ("claim_id", "topic", "side", "claimant", "claim", "quote", "seed", "paragraph")
_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
#: A claim id: C and two or more digits.
CLAIM_PATTERN = r"C\d{2,}"
_CLAIM_ID = re.compile(rf"^{CLAIM_PATTERN}$")


class ClaimError(AnalysisError):
    """The claims table is unusable; the message names the file, the row and the problem."""


#: The claims file as read (text, empty cells NA): columns, required cells, ids, topic, citation.
CLAIMS_SCHEMA = table_schema(
    CLAIM_COLUMNS,
    _REQUIRED,
    {
        "claim_id": [matches(_CLAIM_ID, "claim_id {value!r} is not C followed by digits")],
        "topic": [matches(_SNAKE, "topic {value!r} is not snake_case")],
        "seed": [matches(SEED_ID, "seed {value!r} is not a seed id (three digits or more)")],
        "paragraph": [positive()],
    },
    numbers={"paragraph": "int64"},
    unique=("claim_id",),
)


def quoted_row_problems(
    where: str,
    rec,
    actor_ids: set[str] | None,
    by_key: dict | None,
    actor_columns: tuple[str, ...] = ("claimant", "reported_by"),
) -> list[str]:
    """Problems of one row that quotes a seed (a claim, a stated quantity): each of its ``actor_columns``
    names an actor of ``actor_ids``; its ``seed`` and ``paragraph`` name a paragraph of ``by_key`` (key
    -> paragraph record, with ``kind`` and ``text``) that is not boilerplate and holds its ``quote``
    and every quotation of its ``claim`` (the paraphrase a table shows beside that paragraph).
    A table not given (``None``) is not checked. Each problem starts with ``where``."""
    problems = []
    if actor_ids is not None:
        for col in actor_columns:
            value = getattr(rec, col)
            if value and value not in actor_ids:
                problems.append(f"{where}: {col} {value!r} is not in actors.csv")
    if by_key is not None:
        key = paragraph_key(rec.seed, rec.paragraph)
        para = by_key.get(key)
        if para is None:
            problems.append(f"{where}: paragraph {key} does not exist")
        else:
            if para.kind == "boilerplate":
                problems.append(f"{where}: paragraph {key} is boilerplate, not evidence")
            if not verbatim(rec.quote, para.text):
                problems.append(f"{where}: quote not found in {key}: {rec.quote[:60]!r}")
            if hasattr(rec, "claim"):  # a claim's paraphrase (a stated quantity has none)
                problems += [f"{where}: claim quotes {q!r}, not in {key}" for q in misquoted(rec.claim, para.text)]
    return problems


def quoted_table_problems(
    frame: pd.DataFrame,
    id_column: str,
    event_column: str,
    actors: pd.DataFrame | None,
    paragraphs: pd.DataFrame | None,
    events: pd.DataFrame | None,
) -> list[str]:
    """:func:`quoted_row_problems` of every row of a valid table that quotes a seed (``frame``, with
    ``attrs["source"]`` and ``line``), each row named by its ``id_column``, and its ``event_column``
    (empty, or an event id) checked against the ledger. A table not given (``None``) is not checked."""
    path = frame.attrs["source"]
    problems: list[str] = []
    actor_ids = set(actors["actor_id"]) if actors is not None else None
    by_key = {r.key: r for r in paragraphs.itertuples()} if paragraphs is not None else None
    event_ids = set(events["event_id"]) if events is not None else None
    for rec in frame.itertuples():
        where = f"{path}: row {getattr(rec, id_column)} (line {rec.line})"
        problems += quoted_row_problems(where, rec, actor_ids, by_key)
        event = getattr(rec, event_column)
        if event_ids is not None and event and event not in event_ids:
            problems.append(f"{where}: {event_column} {event} is not in the ledger")
    return problems


def _integrity(
    claims: pd.DataFrame,
    actors: pd.DataFrame | None,
    paragraphs: pd.DataFrame | None,
    events: pd.DataFrame | None,
) -> list[str]:
    """Problems of a valid claims frame against the tables given, and topics with a single side."""
    path = claims.attrs["source"]
    problems = quoted_table_problems(claims, "claim_id", "event_id", actors, paragraphs, events)
    for topic, found in sorted(claims.groupby("topic")["side"].agg(lambda s: list(dict.fromkeys(s))).items()):
        if len(found) < 2:  # a topic has a row, so one side exactly
            problems.append(f"{path}: topic {topic!r} has only one side ({found[0]}); a contested claim needs two")
    return problems


def _check_claims(path, actors, paragraphs, events) -> tuple[pd.DataFrame | None, list[str]]:
    frame, problems = check_table(path, CLAIMS_SCHEMA, "claim_id", ClaimError)
    return frame, problems or _integrity(frame, actors, paragraphs, events)


def claim_problems(
    path: str | Path = CLAIMS_PATH,
    actors: pd.DataFrame | None = None,
    paragraphs: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
) -> list[str]:
    """Every problem of the claims file, one line each (``FILE: row C03 (line 4): problem``): first
    :data:`CLAIMS_SCHEMA`'s; once the file is well formed, the checks against actors, paragraphs and
    events (made only for the tables given) and topics with one side only."""
    try:
        return _check_claims(path, actors, paragraphs, events)[1]
    except ClaimError as exc:
        return [str(exc)]


def load_claims(
    path: str | Path = CLAIMS_PATH,
    actors: pd.DataFrame | None = None,
    paragraphs: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The claims table, checked (see :func:`claim_problems`): columns :data:`CLAIM_COLUMNS` (text,
    ``paragraph`` int64) and ``key``. Raises :class:`ClaimError` listing every problem, one per line,
    each naming the file and row."""
    frame, problems = _check_claims(path, actors, paragraphs, events)
    if problems:
        raise_problems(ClaimError, path, problems)
    frame = frame.drop(columns="line")
    frame["key"] = keys_column(frame["seed"], frame["paragraph"])
    return frame  # attrs["source"]: the path, set by check_table


def sides(claims: pd.DataFrame) -> pd.DataFrame:  # pragma: no mutate block (a chapter table, not a check)
    """One row per topic and side: claimants, citation keys and number of claims."""
    rows = []
    for (topic, side), own in claims.groupby(["topic", "side"], sort=False):
        rows.append(
            {
                "topic": topic,
                "side": side,
                "claimants": ", ".join(dict.fromkeys(own["claimant"])),
                "paragraphs": "; ".join(dict.fromkeys(own["key"])),
                "claims": int(len(own)),
            }
        )
    return pd.DataFrame(rows)
