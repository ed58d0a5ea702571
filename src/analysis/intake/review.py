"""From candidate sentences to ledger rows, through a person's review.

``python -m analysis extract FILE --review OUT.csv`` writes :func:`review_frame`: one row per candidate
sentence with what the machine found (dates as an interval and precision, actors and places resolved
through the alias tables, the paragraph, the sentence as the verbatim quote, a suggested PLOVER type
and the cue word that suggested it) and empty columns for what a person decides (``decision``,
``event_type``, ``event_mode``, ``context``, ``actor1``, ``actor2``, ``place``, ``summary``,
``claimed_by``, ``reported_by``, ``date_basis``, ``notes``).

A row marked ``decision = exclude`` (with its reason in ``notes``) records the sentence's date mentions
(``date_text``) in ``data/coverage_exclusions.csv`` as deliberately not coded: an article's own date
stamp, say. ``python -m analysis accept OUT.csv`` (:func:`accept`) appends the rows marked ``decision = accept`` to
``data/events.csv`` with new ids (``E079``, …), the score of their type from the codebook, after running
the same validation as ``validate`` on the ledger as it would be. If any row is invalid nothing is
written and every problem is listed with its review-file line.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
from pathlib import Path
from typing import Iterable

import pandas as pd

from analysis.core import paths
from analysis.core.atomic import replace_files
from analysis.core.errors import AnalysisError
from analysis.intake.validate import EXCLUSION_COLUMNS
from analysis.ledger.codebook import PLOVER_TYPES
from analysis.ledger.events import EVENT_COLUMNS, json_text, load_events

#: Cue words (English and French stems) that suggest a PLOVER type; the first that occurs wins. A
#: suggestion, never a decision: the person reviewing sets ``event_type``.
CUES: tuple[tuple[str, str], ...] = (
    ("ASSAULT", r"airstrike|drone strike|strike|attack|frappe|attaque|bombard"),
    ("ACCUSE", r"accus|condemn|condamn|denounc|dénonc|critici"),
    ("REJECT", r"reject|rejet|refus"),
    ("THREATEN", r"threat|menac"),
    ("REQUEST", r"call(?:s|ed)? for|demand|urge|appel|exig|réclam"),
    ("SANCTION", r"recall|rappel|expel|expuls|sanction|suspend"),
    ("MOBILIZE", r"deploy|déploi|mobili|troops|troupes"),
    ("AGREE", r"agree|sign|accord|signé"),
    ("AID", r"\baid\b|assistance|humanitarian|humanitaire"),
    ("SUPPORT", r"support|soutien|welcom|salu|praise"),
    ("COOPERATE", r"cooperat|coopér|partnership|partenariat"),
    ("CONSULT", r"\bmet\b|meet|meeting|talks|visit|réuni|rencontr|reçu|entretien|consult"),
)
_CUE_PATTERNS = tuple((t, re.compile(p, re.IGNORECASE)) for t, p in CUES)

DECISIONS = ("accept", "exclude", "reject", "")
REVIEW_COLUMNS: tuple[str, ...] = (
    "review_line_note",
    "decision",
    "seed",
    "paragraph",
    "quote",
    "date_start",
    "date_end",
    "date_precision",
    "dates_found",
    "date_text",
    "actors_found",
    "places_found",
    "suggested_type",
    "cue",
    "event_type",
    "event_mode",
    "context",
    "date_basis",
    "actor1",
    "actor2",
    "place",
    "summary",
    "claimed_by",
    "reported_by",
    "notes",
)


class ReviewError(AnalysisError):
    pass


def suggest_type(sentence: str) -> tuple[str, str]:
    """``(PLOVER type, cue)`` for the first cue found in ``sentence``, or ``("", "")``."""
    for event_type, pattern in _CUE_PATTERNS:
        m = pattern.search(sentence)
        if m:
            return event_type, m.group(0)
    return "", ""


def review_record(candidate: dict) -> dict:
    """The review file's row (a dict over :data:`REVIEW_COLUMNS`) for one candidate row of
    :func:`analysis.intake.extract.candidates` (or :func:`analysis.intake.extract.candidate_rows`)."""
    dated = [d for d in candidate["date_mentions"] if d.start]
    first = dated[0] if dated else None
    suggested, cue = suggest_type(candidate["sentence"])
    row = dict.fromkeys(REVIEW_COLUMNS, "")
    row.update(
        {
            "review_line_note": f"{candidate['key']} sentence {candidate['sentence_no']}: {candidate['kept_for']}",
            "seed": candidate["seed"],
            "paragraph": int(candidate["paragraph"]),
            "quote": candidate["sentence"],
            "date_start": first.start if first else "",
            "date_end": first.end if first else "",
            "date_precision": first.precision if first else "",
            "dates_found": "; ".join(candidate["dates"]),
            "date_text": "; ".join(d.text for d in candidate["date_mentions"]),
            "actors_found": ";".join(candidate["actors"]),
            "places_found": ";".join(candidate["places"]),
            "suggested_type": suggested,
            "cue": cue,
            # relative dates the article settles (analysis.intake.resolve), said in words: accept keeps
            # them in the ledger row's notes, where validate's coverage rule finds the mention
            "notes": "; ".join(candidate.get("resolutions") or []),
        }
    )
    return row


def review_values(candidate: dict) -> list:
    """:func:`review_record` as a list in the order of :data:`REVIEW_COLUMNS` (empty values as ``""``):
    one line of the review file for :func:`write_review_rows`."""
    return ["" if v is None else v for v in review_record(candidate).values()]


def review_frame(candidates: pd.DataFrame) -> pd.DataFrame:
    """The review file's rows for a frame of :func:`analysis.intake.extract.candidates`."""
    rows = [review_record(rec) for rec in candidates.to_dict("records")]
    return pd.DataFrame(rows, columns=list(REVIEW_COLUMNS)).astype(object).fillna("")


def write_review(frame: pd.DataFrame, path: str | Path) -> Path:
    path = Path(path)
    frame.to_csv(path, index=False, lineterminator="\n")
    return path


def review_writer(out) -> csv.DictWriter:
    """A CSV writer for review rows on the open text file ``out``, the dialect of :func:`write_review`
    (``pandas.DataFrame.to_csv``: minimal quoting, ``\\n`` line ends), so a streamed review file is byte for
    byte the file :func:`write_review` writes of the same rows."""
    return csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


def write_review_rows(out, rows: Iterable[Iterable[list]], header: bool = True) -> int:
    """Write the review file's header (if ``header``) and each batch of ``rows`` (lists from
    :func:`review_values`, e.g. the batches of :func:`analysis.intake.extract.review_rows_many`) to the open text
    file ``out`` as they come, so memory stays flat; returns the number of rows written."""
    writer = review_writer(out)
    if header:
        writer.writerow(REVIEW_COLUMNS)
    n = 0
    for batch in rows:
        batch = list(batch)
        writer.writerows(batch)
        n += len(batch)
    return n


def _next_ids(existing: pd.Series, n: int) -> list[str]:
    numbers = [int(m[1]) for m in (re.fullmatch(r"E(\d+)", str(i)) for i in existing) if m]
    top = max(numbers, default=0)
    return [f"E{top + k:03d}" for k in range(1, n + 1)]


def _paragraph(value: object, line: int, problems: list[str]) -> str:
    """A review cell's paragraph number as the ledger writes it (``"3"`` for ``3`` or ``3.0``); a
    problem naming the review line for anything else."""
    text = str(value).strip()
    if re.fullmatch(r"\d{1,6}(?:\.0*)?", text) and int(float(text)) > 0:
        return str(int(float(text)))
    problems.append(f"review line {line}: paragraph {text!r} is not a paragraph number")
    return text


def ledger_rows(review: pd.DataFrame, existing_ids: pd.Series) -> tuple[pd.DataFrame, dict[str, int], list[str]]:
    """The accepted rows of a review file as ledger rows, the review line of each new id, and the
    problems that stop a row before validation (an unknown decision, a type that is not PLOVER, a
    paragraph that is not a number)."""
    problems: list[str] = []
    accepted = []
    for i, rec in enumerate(review.to_dict("records"), start=2):
        decision = str(rec.get("decision", "")).strip().lower()
        if decision not in DECISIONS:
            problems.append(f"review line {i}: decision {rec['decision']!r} is not accept, exclude, reject or empty")
        if decision == "accept":
            accepted.append((i, rec))
    ids = _next_ids(existing_ids, len(accepted))
    rows, lines = [], {}
    for event_id, (i, rec) in zip(ids, accepted):
        event_type = (str(rec.get("event_type", "")).strip() or str(rec.get("suggested_type", "")).strip()).upper()
        if event_type not in PLOVER_TYPES:
            problems.append(f"review line {i}: event_type {event_type!r} is not a PLOVER type")
            continue
        row = {c: "" for c in EVENT_COLUMNS}
        row.update({c: str(rec.get(c, "")).strip() for c in EVENT_COLUMNS if c in rec})
        row.update(event_id=event_id, event_type=event_type, score=f"{PLOVER_TYPES[event_type].score:g}")
        row["date_basis"] = row["date_basis"] or "stated"
        row["paragraph"] = _paragraph(row["paragraph"], i, problems)
        rows.append(row)
        lines[event_id] = i
    return pd.DataFrame(rows, columns=list(EVENT_COLUMNS)), lines, problems


def exclusion_rows(review: pd.DataFrame) -> tuple[list[dict], list[str]]:
    """Coverage exclusions for the rows marked ``exclude``: one per date mention, the reason from
    ``notes`` (required)."""
    rows, problems = [], []
    for i, rec in enumerate(review.to_dict("records"), start=2):
        if str(rec.get("decision", "")).strip().lower() != "exclude":
            continue
        reason = str(rec.get("notes", "")).strip()
        mentions = [m.strip() for m in str(rec.get("date_text", "")).split(";") if m.strip()]
        if not reason:
            problems.append(f"review line {i}: an exclusion needs its reason in notes")
        if not mentions:
            problems.append(f"review line {i}: no date mention (date_text) to exclude")
        paragraph = _paragraph(rec["paragraph"], i, problems)
        for mention in mentions:
            rows.append(
                {"seed": str(rec["seed"]).strip(), "paragraph": paragraph, "mention": mention, "reason": reason}
            )
    return rows, problems


def _csv_rows(path: Path) -> tuple[list[str], list[dict]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            return list(reader.fieldnames or []), list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ReviewError(path, f"cannot read it ({exc})") from None


def _csv_text(fields: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _read_review(review_path: Path) -> pd.DataFrame:
    try:
        review = pd.read_csv(review_path, dtype=str, keep_default_na=False)
    except (OSError, ValueError, UnicodeDecodeError, csv.Error) as exc:  # pandas' parser errors are ValueErrors
        raise ReviewError(review_path, f"cannot read the review file ({exc})") from None
    missing = [c for c in ("decision", "seed", "paragraph", "quote") if c not in review.columns]
    if missing:
        raise ReviewError(review_path, f"missing columns: {', '.join(missing)}")
    return review


def _trial(data_dir: Path, seeds_dir: Path, changes: dict[Path, str], lines: dict[str, int]) -> tuple[list[str], str]:
    """Validate the ledger ``changes`` would make, in a copy of ``data_dir``: the problems (each with
    its review line where it names a new id) and the JSON copy of the new ledger."""
    from analysis.intake.validate import validate

    problems, json_doc = [], ""
    with tempfile.TemporaryDirectory(prefix="accept-") as tmp:
        trial = Path(tmp) / "data"
        shutil.copytree(data_dir, trial)
        for path, text in changes.items():
            (trial / path.name).write_text(text, encoding="utf-8")
        if _loads(trial):
            json_doc = json_text(load_events(trial / "events.csv"))
            (trial / "events.json").write_text(json_doc, encoding="utf-8")
        for problem in validate(trial, seeds_dir).problems:
            problem = problem.replace(str(trial), str(data_dir))
            ids = [e for e in lines if re.search(rf"\b{e}\b", problem)]
            problems.append(f"review line {lines[ids[0]]}: {problem}" if ids else problem)
    return problems, json_doc


def accept(review_path: str | Path, data_dir: Path = paths.DATA_DIR, seeds_dir: Path = paths.SEEDS_DIR) -> list[str]:
    """Append the accepted rows of ``review_path`` to ``data_dir/events.csv`` and its exclusions to
    ``coverage_exclusions.csv``, and rewrite ``events.json``; returns the new event ids. The ledger they
    make is validated first, in a copy; then the three files are replaced together, whole
    (:func:`analysis.core.atomic.replace_files`). Raises :class:`ReviewError` listing every problem
    (each with its review line) and writes nothing when any row is invalid."""
    review_path, data_dir = Path(review_path), Path(data_dir)
    review = _read_review(review_path)
    events_path, exclusions_path = data_dir / "events.csv", data_dir / "coverage_exclusions.csv"
    fields, current = _csv_rows(events_path)
    if fields != list(EVENT_COLUMNS):
        raise ReviewError(events_path, f"its columns are not the ledger's ({', '.join(EVENT_COLUMNS)}); run validate")
    new, lines, problems = ledger_rows(review, pd.Series([r.get("event_id", "") for r in current]))
    excluded, more = exclusion_rows(review)
    problems += more
    if not problems and new.empty and not excluded:
        raise ReviewError(review_path, "no row is marked decision=accept or decision=exclude")
    fields, old_exclusions = _csv_rows(exclusions_path)
    if sorted(fields) != sorted(EXCLUSION_COLUMNS):
        raise ReviewError(exclusions_path, f"its columns are not {', '.join(EXCLUSION_COLUMNS)}; run validate")
    changes = {
        events_path: _csv_text(list(EVENT_COLUMNS), current + new.to_dict("records")),
        exclusions_path: _csv_text(fields, old_exclusions + excluded),
    }
    if not problems:
        more, json_doc = _trial(data_dir, Path(seeds_dir), changes, lines)
        problems += more
        changes[data_dir / "events.json"] = json_doc
    if problems:
        raise ReviewError(review_path, "nothing written:\n" + "\n".join(problems))
    replace_files(changes)
    return list(new["event_id"])


def _loads(data: Path) -> bool:
    try:
        load_events(data / "events.csv")
    except AnalysisError:
        return False
    return True
