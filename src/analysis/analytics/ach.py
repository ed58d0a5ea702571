"""Analysis of Competing Hypotheses (Heuer, *Psychology of Intelligence Analysis*, 1999, ch. 8).

Two tables in ``data/``. ``ach_hypotheses.csv`` holds, per matrix (a question), its hypotheses:
``matrix`` (snake_case id), ``question``, ``hypothesis`` (``H1``, ``H2`` ...), ``label`` (a short name
for a column header), ``statement`` (the hypothesis in one sentence) and ``paragraphs`` (``;``-separated
keys of the seed paragraphs that make it worth considering). ``ach_matrix.csv`` holds the cells, one
row per matrix, evidence row and hypothesis: ``evidence`` (a ledger ``event_id`` ``E0xx`` or a
``claim_id`` ``C0x``), ``hypothesis``, ``rating`` (``consistent``, ``neutral`` or ``inconsistent``)
and ``rationale`` (one line on why).

:func:`load_hypotheses` and :func:`load_matrix` validate them with :mod:`analysis.core.schema` and, when
given the other tables, against them: every problem (an unknown evidence id, a hypothesis the matrix
does not have, a rating outside the three, a missing or repeated cell, a paragraph that does not
exist) is named by file and line, all of them in one :class:`ACHError`.

The computations are pure functions on those frames:

* :func:`diagnosticity`: per evidence row, with ratings scored consistent = +1, neutral = 0,
  inconsistent = −1, the **diagnosticity** is the range of its scores across the matrix's hypotheses
  (highest minus lowest): 0 when the row is rated the same for every hypothesis (it helps to judge
  none of them, Heuer's "no diagnostic value"), 1 when it separates hypotheses by one step
  (consistent against neutral, or neutral against inconsistent), 2 when it is consistent with one
  hypothesis and inconsistent with another.
* :func:`ranking`: hypotheses ordered by the number of evidence rows inconsistent with them, fewest
  first (Heuer: the most likely hypothesis is the one with the least evidence against it, not the
  most evidence for it). Equal counts share a rank and are flagged as tied; consistent and neutral
  counts are shown but never break a tie.
* :func:`sensitivity`: for each evidence row, the top of the ranking (the set of hypotheses with the
  fewest inconsistencies, several when tied) once that single row is dropped (``change="drop"``) or
  once its ratings are reversed (``change="reverse"``: consistent and inconsistent swap, neutral
  stays), and whether the top changes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.core import paths
from analysis.core.errors import AnalysisError
from analysis.core.keys import KEY
from analysis.core.schema import check_table, items_match, matches, one_of, raise_problems, table_schema
from analysis.ledger.claims import CLAIM_PATTERN
from analysis.ledger.events import EVENT_PATTERN

HYPOTHESES_PATH = paths.DATA_DIR / "ach_hypotheses.csv"
MATRIX_PATH = paths.DATA_DIR / "ach_matrix.csv"
HYPOTHESIS_COLUMNS: tuple[str, ...] = ("matrix", "question", "hypothesis", "label", "statement", "paragraphs")
MATRIX_COLUMNS: tuple[str, ...] = ("matrix", "evidence", "hypothesis", "rating", "rationale")
#: The three ratings and their scores (for diagnosticity; the ranking counts inconsistencies only).
RATINGS: dict[str, int] = {"consistent": 1, "neutral": 0, "inconsistent": -1}
#: The one-letter marks of ACH matrices (Heuer's C, N, I), for narrow table cells.
MARKS: dict[str, str] = {"consistent": "C", "neutral": "N", "inconsistent": "I"}
REVERSED: dict[str, str] = {"consistent": "inconsistent", "neutral": "neutral", "inconsistent": "consistent"}

_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
_HYPOTHESIS = re.compile(r"^H\d+$")
_EVIDENCE = re.compile(rf"^(?:{EVENT_PATTERN}|{CLAIM_PATTERN})$")


class ACHError(AnalysisError):
    """An ACH table is unusable; the message names the file, the line and the problem."""


HYPOTHESES_SCHEMA = table_schema(
    HYPOTHESIS_COLUMNS,
    HYPOTHESIS_COLUMNS,
    {
        "matrix": [matches(_SNAKE, "matrix {value!r} is not snake_case")],
        "hypothesis": [matches(_HYPOTHESIS, "hypothesis {value!r} is not H followed by digits")],
        "paragraphs": [items_match(KEY, "paragraphs {value!r}: every item must be a key like 003¶10")],
    },
)

MATRIX_SCHEMA = table_schema(
    MATRIX_COLUMNS,
    MATRIX_COLUMNS,
    {
        "matrix": [matches(_SNAKE, "matrix {value!r} is not snake_case")],
        "evidence": [matches(_EVIDENCE, "evidence {value!r} is not an event id (E001) or a claim id (C01)")],
        "hypothesis": [matches(_HYPOTHESIS, "hypothesis {value!r} is not H followed by digits")],
        "rating": [one_of(RATINGS)],
    },
)


def _keys(cell: str) -> list[str]:
    return [k.strip() for k in cell.split(";") if k.strip()]


# --------------------------------------------------------------------------------------------------
# Loaders
# --------------------------------------------------------------------------------------------------
def _hypothesis_problems(frame: pd.DataFrame, paragraphs: pd.DataFrame | None) -> list[str]:
    path = frame.attrs["source"]
    problems: list[str] = []
    by_key = dict(zip(paragraphs["key"], paragraphs["kind"])) if paragraphs is not None else None
    seen: dict[tuple[str, str], int] = {}
    labels: dict[tuple[str, str], int] = {}
    questions: dict[str, tuple[str, int]] = {}
    for rec in frame.itertuples(index=False):
        where = f"{path}: row {rec.hypothesis} (line {rec.line})"
        pair = (rec.matrix, rec.hypothesis)
        if pair in seen:
            problems.append(
                f"{where}: duplicate hypothesis {rec.hypothesis} of matrix {rec.matrix} (also line {seen[pair]})"
            )
        seen.setdefault(pair, rec.line)
        if (rec.matrix, rec.label) in labels:
            problems.append(
                f"{where}: label {rec.label!r} repeated in matrix {rec.matrix} (also line {labels[(rec.matrix, rec.label)]})"
            )
        labels.setdefault((rec.matrix, rec.label), rec.line)
        question, first = questions.setdefault(rec.matrix, (rec.question, rec.line))
        if rec.question != question:
            problems.append(f"{where}: question differs from line {first} of matrix {rec.matrix}")
        if by_key is not None:
            for key in _keys(rec.paragraphs):
                if key not in by_key:
                    problems.append(f"{where}: paragraph {key} does not exist")
                elif by_key[key] == "boilerplate":
                    problems.append(f"{where}: paragraph {key} is boilerplate, not evidence")
    for matrix, n in frame.groupby("matrix", sort=False).size().items():
        if n < 2:
            problems.append(f"{path}: matrix {matrix} has {n} hypothesis; competing hypotheses need two or more")
    return problems


def load_hypotheses(path: str | Path = HYPOTHESES_PATH, paragraphs: pd.DataFrame | None = None) -> pd.DataFrame:
    """The hypotheses, checked: columns :data:`HYPOTHESIS_COLUMNS` and ``line``. With ``paragraphs``
    (:func:`analysis.sources.corpus.paragraphs`), every cited paragraph must exist and not be boilerplate.
    Raises :class:`ACHError` naming every problem by file and line."""
    frame, problems = check_table(path, HYPOTHESES_SCHEMA, "hypothesis", ACHError)
    problems = problems or _hypothesis_problems(frame, paragraphs)
    if problems:
        raise_problems(ACHError, path, problems)
    return frame


def _matrix_problems(
    frame: pd.DataFrame,
    hypotheses: pd.DataFrame | None,
    events: pd.DataFrame | None,
    claims: pd.DataFrame | None,
) -> list[str]:
    path = frame.attrs["source"]
    problems: list[str] = []
    event_ids = set(events["event_id"]) if events is not None else None
    claim_ids = set(claims["claim_id"]) if claims is not None else None
    of_matrix = (
        {m: list(g["hypothesis"]) for m, g in hypotheses.groupby("matrix", sort=False)}
        if hypotheses is not None
        else None
    )
    source = Path(hypotheses.attrs.get("source", HYPOTHESES_PATH)).name if hypotheses is not None else ""
    cells: dict[tuple[str, str, str], int] = {}
    for rec in frame.itertuples(index=False):
        where = f"{path}: row {rec.evidence} (line {rec.line})"
        if rec.evidence.startswith("E") and event_ids is not None and rec.evidence not in event_ids:
            problems.append(f"{where}: evidence {rec.evidence} is not in the event ledger")
        if rec.evidence.startswith("C") and claim_ids is not None and rec.evidence not in claim_ids:
            problems.append(f"{where}: evidence {rec.evidence} is not in claims.csv")
        if of_matrix is not None:
            if rec.matrix not in of_matrix:
                problems.append(f"{where}: matrix {rec.matrix} has no hypotheses in {source}")
            elif rec.hypothesis not in of_matrix[rec.matrix]:
                problems.append(
                    f"{where}: unknown hypothesis {rec.hypothesis}: matrix {rec.matrix} has {', '.join(of_matrix[rec.matrix])}"
                )
        cell = (rec.matrix, rec.evidence, rec.hypothesis)
        if cell in cells:
            problems.append(f"{where}: duplicate cell {rec.evidence} × {rec.hypothesis} (also line {cells[cell]})")
        cells.setdefault(cell, rec.line)
    if of_matrix is not None:
        for (matrix, evidence), rows in frame.groupby(["matrix", "evidence"], sort=False):
            if matrix not in of_matrix:
                continue
            for hyp in of_matrix[matrix]:
                if hyp not in set(rows["hypothesis"]):
                    problems.append(
                        f"{path}: row {evidence} (line {rows['line'].min()}): missing cell: no rating of {evidence} for {hyp} in matrix {matrix}"
                    )
        for matrix in of_matrix:
            if matrix not in set(frame["matrix"]):
                problems.append(f"{path}: matrix {matrix} (from {source}) has no evidence rows")
    return problems


def load_matrix(
    path: str | Path = MATRIX_PATH,
    hypotheses: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    claims: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The matrix cells, checked: columns :data:`MATRIX_COLUMNS`, ``line`` and ``score`` (see
    :data:`RATINGS`). Against the tables given: every event id is in the ledger, every claim id in the
    claims, every hypothesis one of its matrix's, and every evidence row of a matrix has exactly one
    cell per hypothesis. Raises :class:`ACHError` naming every problem by file and line."""
    frame, problems = check_table(path, MATRIX_SCHEMA, "evidence", ACHError)
    problems = problems or _matrix_problems(frame, hypotheses, events, claims)
    if problems:
        raise_problems(ACHError, path, problems)
    frame["score"] = frame["rating"].map(RATINGS).astype("int64")
    return frame


# --------------------------------------------------------------------------------------------------
# Computations
# --------------------------------------------------------------------------------------------------
def diagnosticity(matrix: pd.DataFrame) -> pd.DataFrame:
    """One row per matrix and evidence row (in the file's order): how many hypotheses it is
    consistent, neutral and inconsistent with, and its ``diagnosticity``, the range of its scores
    (0, 1 or 2; see the module docstring)."""
    rows = []
    for (m, evidence), cells in matrix.groupby(["matrix", "evidence"], sort=False):
        counts = cells["rating"].value_counts()
        rows.append(
            {
                "matrix": m,
                "evidence": evidence,
                **{r: int(counts.get(r, 0)) for r in RATINGS},
                "diagnosticity": int(cells["score"].max() - cells["score"].min()),
            }
        )
    return pd.DataFrame(rows, columns=["matrix", "evidence", *RATINGS, "diagnosticity"])


def ranking(matrix: pd.DataFrame, hypotheses: pd.DataFrame) -> pd.DataFrame:
    """The hypotheses of each matrix ranked by the number of evidence rows inconsistent with them,
    fewest first: ``matrix``, ``hypothesis``, ``label``, the counts of ``inconsistent``,
    ``consistent`` and ``neutral`` ratings, ``rank`` (1 = fewest inconsistencies; equal counts share
    the lowest rank) and ``tied`` (another hypothesis has the same rank)."""
    frames = []
    for m, hyps in hypotheses.groupby("matrix", sort=False):
        cells = matrix[matrix["matrix"] == m]
        table = hyps[["matrix", "hypothesis", "label"]].reset_index(drop=True)
        for rating in ("inconsistent", "consistent", "neutral"):
            counts = cells[cells["rating"] == rating].groupby("hypothesis").size()
            table[rating] = [int(counts.get(h, 0)) for h in table["hypothesis"]]
        table["rank"] = table["inconsistent"].rank(method="min").astype("int64")
        table["tied"] = table["rank"].duplicated(keep=False)
        table["order"] = range(len(table))
        frames.append(table.sort_values(["rank", "order"], kind="stable").drop(columns="order"))
    return pd.concat(frames, ignore_index=True)


def top(matrix: pd.DataFrame, hypotheses: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """For each matrix, the hypotheses at the top of :func:`ranking` (several when tied)."""
    ranked = ranking(matrix, hypotheses)
    return {m: tuple(g.loc[g["rank"] == 1, "hypothesis"]) for m, g in ranked.groupby("matrix", sort=False)}


def sensitivity(matrix: pd.DataFrame, hypotheses: pd.DataFrame, change: str = "drop") -> pd.DataFrame:
    """For each matrix and evidence row: the top of the ranking (``top``), the top once that row alone
    is dropped (``change="drop"``) or has its ratings reversed (``change="reverse"``: consistent and
    inconsistent swap, neutral stays) (``top_after``), and whether it ``changes``. Tops are tuples of
    hypothesis ids in the hypotheses' order."""
    if change not in ("drop", "reverse"):
        raise ValueError(f"change must be 'drop' or 'reverse', not {change!r}")
    before = top(matrix, hypotheses)
    rows = []
    for (m, evidence), _ in matrix.groupby(["matrix", "evidence"], sort=False):
        own = (matrix["matrix"] == m) & (matrix["evidence"] == evidence)
        if change == "drop":
            altered = matrix[~own]
        else:
            altered = matrix.copy()
            altered.loc[own, "rating"] = altered.loc[own, "rating"].map(REVERSED)
            altered.loc[own, "score"] = altered.loc[own, "rating"].map(RATINGS)
        after = top(altered, hypotheses)[m]
        rows.append(
            {"matrix": m, "evidence": evidence, "top": before[m], "top_after": after, "changes": after != before[m]}
        )
    return pd.DataFrame(rows, columns=["matrix", "evidence", "top", "top_after", "changes"])


def evidence(matrix: pd.DataFrame, events: pd.DataFrame, claims: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """One row per matrix and evidence row, described from the ledger: ``kind`` (event or claim),
    ``text`` (the event's summary or the claim), ``who`` (who asserts it, by name, and the outlet
    through which the seed reports it: "Government of Mali, as Maliweb reports it"), ``seed``, ``key``
    (the paragraph it rests on) and ``quote`` (the ledger's verified words of that paragraph)."""
    by_event = events.set_index("event_id")
    by_claim = claims.set_index("claim_id")

    def who(claimant: str, reporter: str) -> str:
        name = names.get(claimant, claimant)
        if reporter and reporter != claimant:
            return f"{name}, as {names.get(reporter, reporter)} reports it"
        return name

    rows = []
    for (m, ev), _ in matrix.groupby(["matrix", "evidence"], sort=False):
        if ev.startswith("E"):
            rec = by_event.loc[ev]
            kind, text, claimant = "event", rec["summary"], rec["claimed_by"]
        else:
            rec = by_claim.loc[ev]
            kind, text, claimant = "claim", rec["claim"], rec["claimant"]
        rows.append(
            {
                "matrix": m,
                "evidence": ev,
                "kind": kind,
                "text": text,
                "who": who(claimant, rec["reported_by"]),
                "seed": rec["seed"],
                "key": rec["key"],
                "quote": rec["quote"],
            }
        )
    return pd.DataFrame(rows, columns=["matrix", "evidence", "kind", "text", "who", "seed", "key", "quote"])


def matrix_table(
    matrix: pd.DataFrame,
    hypotheses: pd.DataFrame,
    events: pd.DataFrame,
    claims: pd.DataFrame,
    names: dict[str, str],
    matrix_id: str,
) -> pd.DataFrame:
    """The matrix ``matrix_id`` for a reader: one row per evidence row, most diagnostic first (file
    order within equal diagnosticity), with ``id``, ``evidence`` (in words), ``who says it``, ``source``
    (the paragraph key) and ``excerpt`` (its verified words, for the citation, not for display), one
    column per hypothesis headed ``H1: label`` holding its mark (C, N or I; :data:`MARKS`), and
    ``diagnosticity``."""
    cells = matrix[matrix["matrix"] == matrix_id]
    hyps = hypotheses[hypotheses["matrix"] == matrix_id]
    if hyps.empty:
        raise ValueError(f"no hypotheses for matrix {matrix_id!r}")
    described = evidence(cells, events, claims, names).set_index("evidence")
    diag = diagnosticity(cells).set_index("evidence")["diagnosticity"]
    marks = cells.pivot(index="evidence", columns="hypothesis", values="rating")
    order = list(dict.fromkeys(cells["evidence"]))
    table = pd.DataFrame(
        {
            "id": order,
            "evidence": [described.at[e, "text"] for e in order],
            "who says it": [described.at[e, "who"] for e in order],
            "source": [described.at[e, "key"] for e in order],
            "excerpt": [described.at[e, "quote"] for e in order],
        }
    )
    for h, label in zip(hyps["hypothesis"], hyps["label"]):
        table[f"{h}: {label}"] = [MARKS[marks.at[e, h]] for e in order]
    table["diagnosticity"] = [int(diag[e]) for e in order]
    table["order"] = range(len(table))
    return table.sort_values(["diagnosticity", "order"], ascending=[False, True], kind="stable").drop(columns="order")


def _names(ids: tuple[str, ...], labels: dict[str, str]) -> str:
    named = [f"{h} ({labels[h]})" for h in ids]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def ranking_line(matrix: pd.DataFrame, hypotheses: pd.DataFrame, matrix_id: str) -> str:
    """The ranking of one matrix in words, fewest inconsistencies first, ties named as ties:
    "H2 (Algeria's contacts): 0 inconsistent rows; then H1 (military path) and H3 (groups' shift),
    tied at 1 each"."""
    ranked = ranking(matrix, hypotheses)
    ranked = ranked[ranked["matrix"] == matrix_id]
    labels = dict(zip(ranked["hypothesis"], ranked["label"]))
    parts = []
    for _, group in ranked.groupby("rank", sort=True):
        ids, n = tuple(group["hypothesis"]), int(group["inconsistent"].iloc[0])
        rows = "row" if n == 1 else "rows"
        if len(ids) == 1:
            parts.append(f"{_names(ids, labels)}: {n} inconsistent {rows}")
        else:
            parts.append(f"{_names(ids, labels)}, tied at {n} inconsistent {rows} each")
    return "; then ".join(parts)


def sensitivity_line(
    matrix: pd.DataFrame, hypotheses: pd.DataFrame, matrix_id: str, described: pd.DataFrame, change: str = "drop"
) -> str:
    """The rows of one matrix whose change alone (``change`` as in :func:`sensitivity`) would change
    the top of the ranking, in words, each with who says it (``described`` is :func:`evidence`); or
    that none would."""
    sens = sensitivity(matrix, hypotheses, change)
    sens = sens[(sens["matrix"] == matrix_id) & sens["changes"]]
    own = hypotheses[hypotheses["matrix"] == matrix_id]
    labels = dict(zip(own["hypothesis"], own["label"]))
    who = dict(zip(described["evidence"], described["who"]))
    text = dict(zip(described["evidence"], described["text"]))
    verb = "dropping" if change == "drop" else "reversing"
    if sens.empty:
        return f"{verb} any single evidence row leaves the top of the ranking as it is"
    parts = []
    for rec in sens.itertuples(index=False):
        after = rec.top_after
        tail = "alone" if len(after) == 1 else "tied"
        parts.append(
            f"{verb} the row “{text.get(rec.evidence, rec.evidence).rstrip('.')}” "
            f"({who.get(rec.evidence, rec.evidence)}) would put {_names(after, labels)} at the top, {tail}"
        )
    return "; ".join(parts)


def matrix_summary(matrix: pd.DataFrame, hypotheses: pd.DataFrame, described: pd.DataFrame) -> pd.DataFrame:
    """One row per matrix, indexed by its id: ``hypotheses``, ``evidence`` rows, the distinct
    ``paragraphs`` and ``seeds`` those rows rest on (``described`` is :func:`evidence`), the rows with
    no diagnosticity (``undiagnostic``), and how many rows would change the top of the ranking if
    dropped (``drop_changes``) or reversed (``reverse_changes``)."""
    diag = diagnosticity(matrix)
    drop = sensitivity(matrix, hypotheses, "drop")
    rev = sensitivity(matrix, hypotheses, "reverse")
    rows = []
    for m in hypotheses["matrix"].drop_duplicates():
        own = described[described["matrix"] == m]
        rows.append(
            {
                "matrix": m,
                "hypotheses": int((hypotheses["matrix"] == m).sum()),
                "evidence": int(len(own)),
                "paragraphs": int(own["key"].nunique()),
                "seeds": int(own["seed"].nunique()),
                "undiagnostic": int(((diag["matrix"] == m) & (diag["diagnosticity"] == 0)).sum()),
                "drop_changes": int(drop.loc[drop["matrix"] == m, "changes"].sum()),
                "reverse_changes": int(rev.loc[rev["matrix"] == m, "changes"].sum()),
            }
        )
    return pd.DataFrame(rows).set_index("matrix")
