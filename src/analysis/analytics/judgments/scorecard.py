"""The scorecard: forward judgments whose window has closed, each with its outcome from the public
record, and the Brier score and calibration over those resolved.

``data/outcomes.csv`` holds one row per closed forward judgment: ``outcome`` is ``occurred`` or
``did not occur`` (naming the ``record_key`` of the public-record row that shows it) or ``unresolved``
(the record the project holds has nothing on it; no key). ``assessed`` is the day it was scored,
which must not be before the window closed. A judgment's probability is the midpoint of its ICD 203
range (:func:`~analysis.analytics.judgments.terms.probability`); its Brier score is
``(probability - outcome)²`` with outcome 1 when the event occurred and 0 when it did not (0 is
perfect, 0.25 what "roughly even chance" always earns). Forecasts and hindcasts are scored apart.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.analytics.judgments.terms import (
    LIKELIHOOD,
    LIKELIHOOD_RANGES,
    OUTCOME_COLUMNS,
    OUTCOMES,
    OUTCOMES_PATH,
    JudgmentError,
    probability,
)
from analysis.core.schema import check_table, matches, one_of, raise_problems, table_schema

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
SCORECARD_COLUMNS: tuple[str, ...] = (
    "judgment_id",
    "edition",
    "issued",
    "title",
    "likelihood",
    "probability",
    "opens",
    "closes",
    "kind",
    "outcome",
    "record_key",
    "record_subject",
    "record_source",
    "reasoning",
    "brier",
)

OUTCOMES_SCHEMA = table_schema(
    OUTCOME_COLUMNS,
    required=("judgment_id", "outcome", "assessed", "reasoning"),
    column_checks={
        "judgment_id": [matches(re.compile(r"^KJ\d+$"), "judgment_id {value!r} is not like KJ1")],
        "outcome": [one_of(OUTCOMES)],
        "assessed": [matches(_DAY, "assessed {value!r} is not a YYYY-MM-DD day")],
    },
    unique=("judgment_id",),
)


def record_day(value: str) -> pd.Timestamp | None:
    """The first YYYY-MM-DD day a public-record ``value`` gives, or None."""
    days = re.findall(r"\d{4}-\d{2}-\d{2}", str(value))
    return pd.Timestamp(days[0]) if days else None


def _outcome_problems(rec, win: pd.DataFrame, record: pd.DataFrame) -> list[str]:
    if rec.judgment_id not in win.index:
        return [f"judgment {rec.judgment_id} is not in data/judgments.csv"]
    w = win.loc[rec.judgment_id]
    if pd.isna(w["closes"]):
        return [f"judgment {rec.judgment_id} is retrospective: it has no window to score"]
    problems = []
    if pd.Timestamp(rec.assessed) < w["closes"]:
        problems.append(f"assessed {rec.assessed}, before the window closes ({w['closes']:%Y-%m-%d})")
    if rec.outcome == "unresolved":
        if rec.record_key:
            problems.append("an unresolved outcome names no record row")
        return problems
    if rec.record_key not in record.index:
        return problems + [f"outcome {rec.outcome!r} needs the record_key of a public-record row that shows it"]
    day = record_day(record.loc[rec.record_key, "value"])
    if rec.outcome == "occurred" and (day is None or not w["opens"] <= day <= w["closes"]):
        problems.append(f"record {rec.record_key} is not dated within the window")
    return problems


def load_outcomes(windows: pd.DataFrame, record: pd.DataFrame, path: str | Path = OUTCOMES_PATH) -> pd.DataFrame:
    """The outcomes, checked against the judgments' ``windows``
    (:func:`~analysis.analytics.judgments.editions.windows`) and the public ``record``: the judgment
    looks forward, the window had closed when it was assessed, an ``occurred`` or ``did not occur``
    names a record row (dated within the window for ``occurred``), an ``unresolved`` names none; and
    every forward judgment whose window closed on or before the latest assessment has an outcome.
    Raises :class:`JudgmentError` naming the file, row and problem."""
    path = Path(path)
    frame, problems = check_table(path, OUTCOMES_SCHEMA, "judgment_id", JudgmentError)
    if not problems:
        win, rec_by_key = windows.set_index("judgment_id"), record.set_index("key")
        for rec in frame.itertuples(index=False):
            problems += [
                f"{path}: row {rec.judgment_id} (line {rec.line}): {p}" for p in _outcome_problems(rec, win, rec_by_key)
            ]
        latest = pd.to_datetime(frame["assessed"]).max()
        closed = windows[windows["closes"].notna() & (windows["closes"] <= latest)]
        for jid in sorted(set(closed["judgment_id"]) - set(frame["judgment_id"]), key=lambda j: int(j[2:])):
            problems.append(f"{path}: judgment {jid}'s window closed before {latest:%Y-%m-%d} and has no outcome")
    if problems:
        raise_problems(JudgmentError, path, problems)
    return frame


def brier(p: float, occurred: bool) -> float:
    """The Brier score of one resolved forecast: ``(p - 1)²`` if the event occurred, ``p²`` if not."""
    return (p - (1.0 if occurred else 0.0)) ** 2


def scorecard(
    judgments: pd.DataFrame, windows: pd.DataFrame, outcomes: pd.DataFrame, record: pd.DataFrame
) -> pd.DataFrame:
    """One row per scored judgment (those with an outcome), in the judgments' order: columns
    :data:`SCORECARD_COLUMNS`; ``probability`` the midpoint of the likelihood's range, ``kind``
    forecast or hindcast, ``brier`` the score (NaN when unresolved)."""
    out = outcomes.set_index("judgment_id")
    win = windows.set_index("judgment_id")
    subjects = dict(zip(record["key"], record["subject"]))
    sources = dict(zip(record["key"], record["source"]))
    rows = []
    for rec in judgments[judgments["judgment_id"].isin(out.index)].itertuples(index=False):
        o, w, p = out.loc[rec.judgment_id], win.loc[rec.judgment_id], probability(rec.likelihood)
        resolved = o["outcome"] != "unresolved"
        rows.append(
            {
                "judgment_id": rec.judgment_id,
                "edition": int(w["edition"]),
                "issued": w["issued"],
                "title": rec.title,
                "likelihood": rec.likelihood,
                "probability": p,
                "opens": w["opens"],
                "closes": w["closes"],
                "kind": w["kind"],
                "outcome": o["outcome"],
                "record_key": o["record_key"],
                "record_subject": subjects.get(o["record_key"], ""),
                "record_source": sources.get(o["record_key"], ""),
                "reasoning": o["reasoning"],
                "brier": brier(p, o["outcome"] == "occurred") if resolved else float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=list(SCORECARD_COLUMNS))


def brier_summary(card: pd.DataFrame) -> pd.DataFrame:
    """Per kind (forecast, hindcast), always both rows: ``scored`` (judgments with an outcome),
    ``resolved`` (occurred or did not occur), ``occurred``, and ``brier`` (the mean Brier score over
    the resolved, NaN when none is)."""
    rows = []
    for kind in ("forecast", "hindcast"):
        own = card[card["kind"] == kind]
        resolved = own[own["outcome"] != "unresolved"]
        rows.append(
            {
                "kind": kind,
                "scored": int(len(own)),
                "resolved": int(len(resolved)),
                "occurred": int((resolved["outcome"] == "occurred").sum()),
                "brier": float(resolved["brier"].mean()) if len(resolved) else float("nan"),
            }
        )
    return pd.DataFrame(rows, columns=["kind", "scored", "resolved", "occurred", "brier"])


def calibration(card: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Calibration of the resolved judgments of one ``kind``, one row per likelihood term used (least
    likely first): the term, its ICD 203 range (``from (%)``, ``to (%)``), ``judged`` (resolved
    judgments with that term), ``occurred`` and ``observed (%)`` (the share that occurred)."""
    resolved = card[(card["kind"] == kind) & (card["outcome"] != "unresolved")]
    rows = []
    for term in LIKELIHOOD:
        own = resolved[resolved["likelihood"] == term]
        if own.empty:
            continue
        n, hit = int(len(own)), int((own["outcome"] == "occurred").sum())
        low, high = LIKELIHOOD_RANGES[term]
        rows.append(
            {
                "term": term,
                "from (%)": low,
                "to (%)": high,
                "judged": n,
                "occurred": hit,
                "observed (%)": 100.0 * hit / n,
            }
        )
    return pd.DataFrame(rows, columns=["term", "from (%)", "to (%)", "judged", "occurred", "observed (%)"])
