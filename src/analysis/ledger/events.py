"""The event ledger: ``data/events.csv``, one row per event the seeds report, coded in PLOVER.

The codebook it is coded in (PLOVER types, modes, scores, quad classes, contexts, date precisions and
bases) is :mod:`analysis.ledger.codebook`.

:data:`EVENTS_SCHEMA` (a pandera ``DataFrameSchema`` built from the codebook's constants) states what a
well-formed ledger file is. :func:`load_events` validates the file with it and returns the typed
frame, or raises :class:`LedgerError` listing every problem, one per line, each naming the file, the
row's ``event_id`` and CSV line; :func:`event_problems` returns the same lines. :func:`check_ledger`
checks the ledger against the corpus, the actors and the gazetteer and returns every problem found.
:func:`export_json` writes the JSON copy of the ledger.
The schema is built with the loaders' helpers in :mod:`analysis.core.schema` (:func:`~analysis.core.schema.table_schema`,
:func:`~analysis.core.schema.check_table`), which word pandera's failures as ``FILE: row ID (line N): problem``.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from analysis.core import paths
from analysis.core.atomic import write_atomic
from analysis.core.dates import ISO_DATE as _ISO
from analysis.core.dates import iso_bounds, iso_form  # noqa: F401  (re-exported for the ledger's users)
from analysis.core.errors import AnalysisError
from analysis.core.keys import EXAMPLE, KEY, SEED_ID, keys_column, paragraph_key, seed_of, seed_order
from analysis.core.quote import misquoted, verbatim
from analysis.core.schema import (
    check_table,
    items_match,
    matches,
    one_of,
    positive,
    raise_problems,
    row_check,
    table_schema,
)
from analysis.ledger.codebook import (
    _FORM_OF_PRECISION,
    CONTEXTS,
    DATE_BASES,
    PLOVER_SOURCE,
    PLOVER_TYPES,
    PRECISIONS,
    SCORE_SOURCE,
)

EVENTS_PATH = paths.DATA_DIR / "events.csv"
JSON_PATH = paths.DATA_DIR / "events.json"

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "date_start",
    "date_end",
    "date_precision",
    "date_basis",
    "event_type",
    "event_mode",
    "context",
    "score",
    "actor1",
    "actor2",
    "place",
    "summary",
    "seed",
    "paragraph",
    "also_in",
    "quote",
    "claimed_by",
    "reported_by",
    "contested_with",
    "record_key",
    "notes",
)
REQUIRED: tuple[str, ...] = (
    "event_id",
    "date_start",
    "date_end",
    "date_precision",
    "date_basis",
    "event_type",
    "score",
    "summary",
    "seed",
    "paragraph",
    "quote",
    "claimed_by",
)

#: An event id: E and three digits, or more past E999 (``E{n:03d}``).
EVENT_PATTERN = r"E(?:\d{3}|[1-9]\d{3,})"
_EVENT_ID = re.compile(rf"^{EVENT_PATTERN}$")
_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")


class LedgerError(AnalysisError):
    """The event ledger (or a claim) is unusable; the message names the file, the row and the problem."""


# --------------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------------
def split_list(value: str) -> list[str]:
    """Items of a ``;``-separated cell, stripped, empty items dropped."""
    return [v.strip() for v in str(value or "").split(";") if v.strip()]


def cited_keys(row: pd.Series | dict) -> list[str]:
    """Paragraph keys a row cites: its own paragraph first, then ``also_in``."""
    own = paragraph_key(row['seed'], row['paragraph'])
    return [own] + [k for k in split_list(row.get("also_in")) if k != own]


# --------------------------------------------------------------------------------------------------
# The ledger's schema and loader
# --------------------------------------------------------------------------------------------------
_ID_COLUMNS = ("actor1", "actor2", "claimed_by", "reported_by", "place", "record_key")
_APPROXIMATE_BASES = ("before", "resolved")  # date bases that only an approximate date can have


def _span(value: object) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """:func:`iso_bounds` of a cell, or None if it is not a valid ISO date."""
    try:
        return iso_bounds(value)
    except (ValueError, TypeError):
        return None


def _form(value: object) -> str:
    """:func:`iso_form` of a cell, or "" if it is not written as an ISO date."""
    try:
        return iso_form(value)
    except (ValueError, TypeError):
        return ""


def _event_hints(row: dict) -> dict:
    """What the ledger's problem messages quote beyond the row's own cells."""
    hints = {"date_start_form": _form(row["date_start"]), "date_end_form": _form(row["date_end"])}
    ptype = PLOVER_TYPES.get(row["event_type"])
    if ptype:  # an unknown type fails as such, and its modes and score are not checked
        hints |= {"modes": ", ".join(ptype.mode_names) or "none", "codebook": f"{ptype.score:+.1f}"}
    return hints


def _start_not_after_end(row: dict) -> bool:
    start, end = _span(row["date_start"]), _span(row["date_end"])
    return start is None or end is None or start[0] <= end[1]


def _written_to_precision(row: dict, column: str) -> bool:
    """A row passes if its precision is not day, month or year, or ``column`` is written to that unit.
    (Called per row at check time, not at import: ``make mutants`` sees its mutants.)"""
    return row["date_precision"] not in _FORM_OF_PRECISION or _form(row[column]) in (
        "",
        _FORM_OF_PRECISION[row["date_precision"]],
    )


def _start_precision(row: dict) -> bool:
    return _written_to_precision(row, "date_start")


def _end_precision(row: dict) -> bool:
    return _written_to_precision(row, "date_end")


def _before_is_one_day(row: dict) -> bool:
    """A ``before`` basis holds the upper bound only: ``date_start`` equals ``date_end``."""
    return row["date_basis"] != "before" or row["date_start"] == row["date_end"]


def _basis_needs_approximate(row: dict) -> bool:
    """Only an approximate date can have a ``before`` or ``resolved`` basis."""
    return row["date_basis"] not in _APPROXIMATE_BASES or row["date_precision"] == "approximate"


def _has_actor(row: dict) -> bool:
    return bool(row["actor1"] or row["actor2"])


def _calendar_date(value: str) -> bool:
    """A value written as an ISO date names a day of the calendar (not ``2024-02-30``)."""
    return not _ISO.match(value) or _span(value) is not None


def _mode_of_type(row: dict) -> bool:
    ptype = PLOVER_TYPES.get(row["event_type"])
    return ptype is None or not row["event_mode"] or row["event_mode"] in ptype.mode_names


def _codebook_score(row: dict) -> bool:
    ptype = PLOVER_TYPES.get(row["event_type"])
    score = pd.to_numeric(row["score"], errors="coerce")
    return ptype is None or pd.isna(score) or math.isclose(score, ptype.score, rel_tol=0, abs_tol=1e-9)


def _in_sequence(events: pd.DataFrame) -> pd.Series:
    """Row n has event_id E00n."""
    return events["event_id"].eq([f"E{i:03d}" for i in range(1, len(events) + 1)])


_ISO_DATE = [
    matches(_ISO, "{column}: {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    pa.Check(
        _calendar_date,
        element_wise=True,
        error="{column}: {value!r} is not a calendar date",
    ),
]

#: The ledger file as read (text, empty cells NA): columns, types, codebook values, ISO dates, ids in
#: sequence, and the rules between a row's cells (no order of dates: that is the loader's). :func:`event_problems` words its failures.
EVENTS_SCHEMA = table_schema(
    EVENT_COLUMNS,
    REQUIRED,
    {
        "event_id": [matches(_EVENT_ID, "event_id {value!r} is not E followed by three digits or more")],
        "date_start": _ISO_DATE,
        "date_end": _ISO_DATE,
        "date_precision": [one_of(PRECISIONS)],
        "date_basis": [one_of(DATE_BASES)],
        "event_type": [
            pa.Check.isin(
                list(PLOVER_TYPES), error="event_type {value!r} is not a PLOVER type (" + ", ".join(PLOVER_TYPES) + ")"
            )
        ],
        "context": [pa.Check.isin(list(CONTEXTS), error="context {value!r} is not a PLOVER context")],
        "seed": [matches(SEED_ID, "seed {value!r} is not a seed id (three digits or more)")],
        "paragraph": [positive()],
        "also_in": [
            items_match(KEY, f"also_in {{value!r}} is not a ;-separated list of paragraph keys like {EXAMPLE}")
        ],
        "contested_with": [items_match(_EVENT_ID, "contested_with {value!r} is not a ;-separated list of event_ids")],
        **{c: [matches(_SNAKE, "{column} {value!r} is not a snake_case id")] for c in _ID_COLUMNS},
    },
    row_checks=[
        row_check(_start_not_after_end, "date_start {date_start} is after date_end {date_end}"),
        row_check(
            _start_precision,
            "date_precision {date_precision} but date_start {date_start!r} is written to the {date_start_form}",
        ),
        row_check(
            _end_precision,
            "date_precision {date_precision} but date_end {date_end!r} is written to the {date_end_form}",
        ),
        row_check(
            _before_is_one_day,
            "date_basis before needs date_start equal to date_end (the upper bound)",
        ),
        row_check(
            _basis_needs_approximate,
            "date_basis {date_basis} needs date_precision approximate",
        ),
        row_check(_mode_of_type, "event_mode {event_mode!r} is not a mode of {event_type} (allowed: {modes})"),
        row_check(_codebook_score, "score {score} differs from the codebook score of {event_type} ({codebook})"),
        row_check(_has_actor, "no actor: actor1 and actor2 are both empty"),
        pa.Check(_in_sequence, error="event_id out of sequence (expected E{position:03d})"),
    ],
    numbers={"score": "float64", "paragraph": "int64"},
    unique=("event_id",),
)


def _check_events(path: str | Path) -> tuple[pd.DataFrame | None, list[str]]:
    return check_table(path, EVENTS_SCHEMA, "event_id", LedgerError, _event_hints)


def event_problems(path: str | Path = EVENTS_PATH) -> list[str]:
    """Every problem of the ledger file taken alone (:data:`EVENTS_SCHEMA`), one line each:
    ``FILE: row E012 (line 13): problem``."""
    try:
        return _check_events(path)[1]
    except LedgerError as exc:
        return [str(exc)]


def load_events(path: str | Path = EVENTS_PATH) -> pd.DataFrame:
    """The ledger, validated by :data:`EVENTS_SCHEMA` and typed.

    Columns :data:`EVENT_COLUMNS` (text as in the file, empty cells "", ``paragraph`` int64,
    ``score`` float64), plus ``line`` (the CSV line), ``key`` (citation key of the row's paragraph),
    ``start_day`` and ``end_day`` (first day of ``date_start`` and last day of ``date_end``,
    Timestamps). Raises :class:`LedgerError` listing every problem, one per line, each naming the
    file, the row's ``event_id`` and CSV line (see :func:`event_problems`).
    """
    frame, problems = _check_events(path)
    if problems:
        raise_problems(LedgerError, path, problems)
    frame["key"] = keys_column(frame["seed"], frame["paragraph"])
    frame["start_day"] = pd.to_datetime([iso_bounds(v)[0] for v in frame["date_start"]])
    frame["end_day"] = pd.to_datetime([iso_bounds(v)[1] for v in frame["date_end"]])
    return chronological(frame)


def chronological(events: pd.DataFrame) -> pd.DataFrame:
    """``events`` in the ledger's reading order: by first possible day, then seed (by number), paragraph
    and event id (by number), index renumbered. The file keeps rows in the order they were added (ids
    grow by one per row, whatever the date), so this order is the loader's, never the file's."""
    order = pd.DataFrame(
        {
            "day": events["start_day"],
            "seed": [seed_order(s) for s in events["seed"]],
            "paragraph": events["paragraph"],
            "id": [int(str(e)[1:]) for e in events["event_id"]],
        }
    ).sort_values(["day", "seed", "paragraph", "id"])  # ids are unique: one order, whatever the sort
    return events.loc[order.index].reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# Integrity against the corpus, the actors and the places
# --------------------------------------------------------------------------------------------------
def _ids(table: pd.DataFrame | Iterable[str] | None, column: str) -> set[str] | None:
    if table is None:
        return None
    if isinstance(table, pd.DataFrame):
        return set(table[column].astype(str))
    return set(table)


def check_ledger(
    events: pd.DataFrame,
    paragraphs: pd.DataFrame,
    catalog: pd.DataFrame,
    actors: pd.DataFrame | Iterable[str],
    places: pd.DataFrame | Iterable[str],
    record_keys: Iterable[str] | None = None,
) -> list[str]:
    """Problems of a loaded ledger against the rest of the project, one line each.

    Checks that each row's seed and paragraph (and ``also_in`` paragraphs) exist and are not
    boilerplate; that the quote stands verbatim in the row's paragraph
    (:func:`analysis.core.quote.verbatim`), and so does every quotation in the ``summary`` (the reader
    tables show the summary beside that one paragraph; :func:`analysis.core.quote.misquoted`); that ``actor1``, ``actor2``, ``claimed_by`` and ``reported_by``
    are actors; that no row starts after the latest possible publication date of a seed it cites;
    that ``contested_with`` points to other existing rows and is symmetric; that ``place`` is a
    gazetteer id (``places``: the gazetteer frame or a set of ids); and that ``record_key`` names a
    public-record row when ``record_keys`` is given.
    """
    source = events.attrs.get("source", str(EVENTS_PATH))
    problems: list[str] = []
    by_key = {r.key: r for r in paragraphs.itertuples()}
    latest = dict(zip(catalog["seed"], catalog["published_latest"]))
    actor_ids = _ids(actors, "actor_id") or set()
    place_ids = _ids(places, "place_id") or set()
    records = set(record_keys) if record_keys is not None else None
    ids = set(events["event_id"])
    contested = {r["event_id"]: set(split_list(r["contested_with"])) for _, r in events.iterrows()}

    for _, row in events.iterrows():
        line = row["line"] if "line" in row else "?"
        where = f"{source}: row {row['event_id']} (line {line})"
        if row["seed"] not in latest:
            problems.append(f"{where}: seed {row['seed']} is not in the catalogue")
        for n, key in enumerate(cited_keys(row)):
            para = by_key.get(key)
            what = "paragraph" if n == 0 else "also_in paragraph"
            if para is None:
                problems.append(f"{where}: {what} {key} does not exist")
                continue
            if para.kind == "boilerplate":
                problems.append(f"{where}: {what} {key} is boilerplate ({para.rule}), not evidence")
            seed = seed_of(key)
            if seed in latest and row["start_day"] > latest[seed]:
                problems.append(
                    f"{where}: dated {row['date_start']}, after the latest possible publication of its "
                    f"source {seed} ({latest[seed]:%Y-%m-%d})"
                )
            if n == 0 and not verbatim(row["quote"], para.text):
                problems.append(f"{where}: quote not found in {key}: {row['quote'][:60]!r}")
            if n == 0:
                problems += [
                    f"{where}: summary quotes {q!r}, not in {key}" for q in misquoted(row["summary"], para.text)
                ]
        for col in ("actor1", "actor2", "claimed_by", "reported_by"):
            value = row[col]
            if value and value not in actor_ids:
                problems.append(f"{where}: {col} {value!r} is not in actors.csv")
        if row["place"] and row["place"] not in place_ids:
            problems.append(f"{where}: place {row['place']!r} is not in the gazetteer")
        if records is not None and row["record_key"] and row["record_key"] not in records:
            problems.append(f"{where}: record_key {row['record_key']!r} is not in public_record.csv")
        for other in sorted(contested[row["event_id"]]):
            if other == row["event_id"]:
                problems.append(f"{where}: contested_with names the row itself")
            elif other not in ids:
                problems.append(f"{where}: contested_with {other} does not exist")
            elif row["event_id"] not in contested[other]:
                problems.append(
                    f"{where}: contested_with {other} is not symmetric ({other} does not list {row['event_id']})"
                )
    return problems


# --------------------------------------------------------------------------------------------------
# Export and codebook tables
# --------------------------------------------------------------------------------------------------
LIST_COLUMNS = ("also_in", "contested_with")


def json_records(events: pd.DataFrame) -> list[dict]:  # pragma: no mutate block (export, not a check)
    """The ledger's columns as JSON-ready records: text as in the CSV, ``paragraph`` an int, ``score``
    a float, ``also_in`` and ``contested_with`` lists."""
    out = []
    for _, row in events.iterrows():
        rec: dict = {}
        for col in EVENT_COLUMNS:
            value = row[col]
            if col == "paragraph":
                rec[col] = int(value)
            elif col == "score":
                rec[col] = float(value)
            elif col in LIST_COLUMNS:
                rec[col] = split_list(value)
            else:
                rec[col] = str(value)
        out.append(rec)
    return out


def json_text(events: pd.DataFrame) -> str:  # pragma: no mutate block (export, not a check)
    """The ledger as the JSON document :func:`export_json` writes (``{"source", "codebook", "events"}``)."""
    doc = {
        "source": "data/events.csv",
        "codebook": {"types_and_modes": PLOVER_SOURCE, "scores": SCORE_SOURCE},
        "events": json_records(events),
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def export_json(events: pd.DataFrame, path: str | Path = JSON_PATH) -> Path:  # pragma: no mutate block (export)
    """Write the ledger as JSON (:func:`json_text`), whole or not at all; returns the path."""
    return write_atomic(path, json_text(events))
