"""Contested claims: ``data/claims.csv``, one row per side of a disputed question, per citation.

Columns (:data:`CLAIM_COLUMNS`): ``claim_id`` (``C01``...), ``topic`` (snake_case name of the
question), ``side`` (short label of the position), ``claimant`` (actor_id of whoever makes the claim),
``claim`` (our wording), ``quote`` (verbatim from the paragraph), ``seed`` and ``paragraph``,
``reported_by`` (actor_id of the outlet or person through whom the seed reports the claim),
``event_id`` (the ledger row the claim is about, if any) and ``notes``.

:func:`load_claims` reads and checks the file alone and, when given the actors, paragraphs and events,
against them: claimant and reporter exist, the quote occurs in its paragraph, the paragraph is not
boilerplate, the event exists, and every topic has at least two sides.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.errors import AnalysisError
from analysis.text import normalise

CLAIMS_PATH = paths.DATA_DIR / "claims.csv"
CLAIM_COLUMNS: tuple[str, ...] = (
    "claim_id", "topic", "side", "claimant", "claim", "quote", "seed", "paragraph", "reported_by",
    "event_id", "notes",
)
_REQUIRED = ("claim_id", "topic", "side", "claimant", "claim", "quote", "seed", "paragraph")
_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
PILCROW = "\u00b6"


class ClaimError(AnalysisError):
    """The claims table is unusable; the message names the file, the row and the problem."""


def _read(path: Path) -> list[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise ClaimError(path, "file not found")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = list(reader.fieldnames or [])
        missing = [c for c in CLAIM_COLUMNS if c not in header]
        if missing:
            raise ClaimError(path, f"missing columns: {', '.join(missing)}")
        extra = [c for c in header if c not in CLAIM_COLUMNS]
        if extra:
            raise ClaimError(path, f"unknown columns: {', '.join(extra)}")
        rows = []
        line = 1
        for rec in reader:
            rows.append((line + 1, rec))
            line = reader.line_num
    if not rows:
        raise ClaimError(path, "no rows")
    return rows


def claim_problems(
    path: str | Path = CLAIMS_PATH,
    actors: pd.DataFrame | None = None,
    paragraphs: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
) -> list[str]:
    """Every problem of the claims file, one line each (``FILE: row C03 (line 4): problem``). The
    checks against actors, paragraphs and events are made only for the tables given."""
    path = Path(path)
    try:
        rows = _read(path)
    except ClaimError as exc:
        return [str(exc)]
    problems: list[str] = []
    actor_ids = set(actors["actor_id"]) if actors is not None else None
    by_key = {r.key: r for r in paragraphs.itertuples(index=False)} if paragraphs is not None else None
    event_ids = set(events["event_id"]) if events is not None else None
    seen: dict[str, int] = {}
    sides: dict[str, set[str]] = {}
    for line, rec in rows:
        cid = rec.get("claim_id") or ""
        where = f"{path}: row {cid or '?'} (line {line})"
        if None in rec:
            problems.append(f"{where}: more cells than columns")
            continue
        for col in _REQUIRED:
            if not (rec[col] or "").strip():
                problems.append(f"{where}: {col} is empty")
        if cid and not re.fullmatch(r"C\d{2,3}", cid):
            problems.append(f"{where}: claim_id {cid!r} is not C followed by digits")
        if cid in seen:
            problems.append(f"{where}: duplicate claim_id (also line {seen[cid]})")
        seen.setdefault(cid, line)
        if rec["topic"] and not _SNAKE.match(rec["topic"]):
            problems.append(f"{where}: topic {rec['topic']!r} is not snake_case")
        if not re.fullmatch(r"\d{3}", rec["seed"] or "") or not re.fullmatch(r"[1-9]\d*", rec["paragraph"] or ""):
            problems.append(f"{where}: seed {rec['seed']!r} / paragraph {rec['paragraph']!r} malformed")
            continue
        sides.setdefault(rec["topic"], set()).add(rec["side"])
        if actor_ids is not None:
            for col in ("claimant", "reported_by"):
                if rec[col] and rec[col] not in actor_ids:
                    problems.append(f"{where}: {col} {rec[col]!r} is not in actors.csv")
        if by_key is not None:
            key = f"{rec['seed']}{PILCROW}{int(rec['paragraph'])}"
            para = by_key.get(key)
            if para is None:
                problems.append(f"{where}: paragraph {key} does not exist")
            else:
                if para.kind == "boilerplate":
                    problems.append(f"{where}: paragraph {key} is boilerplate, not evidence")
                if normalise(rec["quote"]) not in normalise(para.text):
                    problems.append(f"{where}: quote not found in {key}: {rec['quote'][:60]!r}")
        if event_ids is not None and rec["event_id"] and rec["event_id"] not in event_ids:
            problems.append(f"{where}: event_id {rec['event_id']} is not in the ledger")
    for topic, found in sorted(sides.items()):
        if len(found) < 2:
            problems.append(f"{path}: topic {topic!r} has only one side ({', '.join(found)}); a contested claim needs two")
    return problems


def load_claims(
    path: str | Path = CLAIMS_PATH,
    actors: pd.DataFrame | None = None,
    paragraphs: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The claims table, checked (see :func:`claim_problems`); ``paragraph`` is an int. Raises
    :class:`ClaimError` on the first problem, naming the file and row."""
    path = Path(path)
    problems = claim_problems(path, actors, paragraphs, events)
    if problems:
        first = problems[0]
        body = first[len(f"{path}: "):] if first.startswith(f"{path}: ") else first
        row = None
        m = re.match(r"row (.+? \(line \d+\)): (.*)$", body)
        if m:
            row, body = m.group(1), m.group(2)
        if len(problems) > 1:
            body += f" (and {len(problems) - 1} more problem(s))"
        raise ClaimError(path, body, row=row)
    frame = pd.DataFrame([rec for _line, rec in _read(path)], columns=list(CLAIM_COLUMNS))
    frame["paragraph"] = frame["paragraph"].astype("int64")
    frame["key"] = frame["seed"] + PILCROW + frame["paragraph"].astype(str)
    frame.attrs["source"] = str(path)
    return frame


def sides(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per topic and side: claimants, citation keys and number of claims."""
    rows = []
    for (topic, side), own in claims.groupby(["topic", "side"], sort=False):
        rows.append({
            "topic": topic, "side": side,
            "claimants": ", ".join(dict.fromkeys(own["claimant"])),
            "paragraphs": "; ".join(dict.fromkeys(own["key"])),
            "claims": int(len(own)),
        })
    return pd.DataFrame(rows)
