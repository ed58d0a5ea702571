"""Validation of the event ledger as a whole: ``python -m analysis validate``.

:func:`validate` runs every check and returns a :class:`Result` (problems, a one-line summary, the
date-coverage table); :func:`run` returns the problems alone. Checks:

1. ``actors.csv`` loads (ids, kinds, countries, unique aliases);
2. ``events.csv`` rows are well formed (:func:`analysis.ledger.events.event_problems`);
3. the ledger agrees with the corpus, actors, gazetteer and public record
   (:func:`analysis.ledger.events.check_ledger`);
4. ``claims.csv`` and ``quantities.csv`` agree with the actors, paragraphs and ledger
   (:func:`analysis.ledger.claims.claim_problems`, :func:`analysis.ledger.quantities.quantity_problems`);
5. ``public_record.csv`` loads, and ``events.json`` holds exactly what ``events.csv`` holds;
6. every date mention in a non-boilerplate paragraph is covered by a ledger row or listed, with a
   reason, in ``coverage_exclusions.csv`` (:func:`date_coverage`).

A date mention is **covered** by a row that cites its paragraph (``paragraph`` or ``also_in``) and
whose date interval overlaps the mention's; a relative mention that :func:`analysis.core.dates.find_dates`
cannot resolve alone ("in December", "three months later") is covered by a row citing its paragraph
whose ``notes`` quote the expression and explain how it was resolved.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.core import paths
from analysis.core.errors import AnalysisError
from analysis.core.keys import SEED_ID, paragraph_key
from analysis.core.schema import check_table, matches, positive, raise_problems, table_schema
from analysis.core.text import fold
from analysis.sources.places import load_gazetteer

EXCLUSIONS_NAME = "coverage_exclusions.csv"
EXCLUSION_COLUMNS: tuple[str, ...] = ("seed", "paragraph", "mention", "reason")
COVERAGE_COLUMNS: tuple[str, ...] = (
    "seed",
    "paragraph",
    "key",
    "mention",
    "start",
    "end",
    "precision",
    "relative",
    "status",
    "covered_by",
    "reason",
)


class CoverageError(AnalysisError):
    """The coverage exclusion list is unusable; the message names the file, the row and the problem."""


#: The exclusion list as read: every column required; seed a three-digit id, paragraph a number.
EXCLUSIONS_SCHEMA = table_schema(
    EXCLUSION_COLUMNS,
    required=EXCLUSION_COLUMNS,
    column_checks={
        "seed": [matches(SEED_ID, "seed {value!r} is not a seed id (three digits or more)")],
        "paragraph": [positive()],
    },
    numbers={"paragraph": "int64"},
)


def load_exclusions(path: str | Path = paths.DATA_DIR / EXCLUSIONS_NAME) -> pd.DataFrame:
    """Date mentions deliberately not coded, each with its reason. Columns :data:`EXCLUSION_COLUMNS`
    (``paragraph`` an int), validated by :data:`EXCLUSIONS_SCHEMA`; raises :class:`CoverageError`
    naming the file, the row and every problem."""
    frame, problems = check_table(path, EXCLUSIONS_SCHEMA, "mention", CoverageError)
    if problems:
        raise_problems(CoverageError, path, problems)
    return frame[list(EXCLUSION_COLUMNS)]


def _overlaps(row: pd.Series, start: str, end: str) -> bool:
    from analysis.ledger.events import iso_bounds

    m_start, m_end = iso_bounds(start)[0], iso_bounds(end)[1]
    return row["start_day"] <= m_end and m_start <= row["end_day"]


def date_coverage(paragraphs: pd.DataFrame, events: pd.DataFrame, exclusions: pd.DataFrame) -> pd.DataFrame:
    """Every date mention (:func:`analysis.core.dates.find_dates`, no anchor) in the non-boilerplate
    paragraphs, with its status: ``covered`` (``covered_by`` lists the ledger rows), ``excluded``
    (``reason`` from the exclusion list) or ``uncovered``. Columns :data:`COVERAGE_COLUMNS`.
    ``attrs["unused_exclusions"]`` lists exclusion rows that match no mention."""
    from analysis.core.dates import find_dates
    from analysis.ledger.events import cited_keys

    citing: dict[str, list[pd.Series]] = {}
    for _, row in events.iterrows():
        for key in cited_keys(row):
            citing.setdefault(key, []).append(row)
    excl = {(r.seed, int(r.paragraph), r.mention): r.reason for r in exclusions.itertuples(index=False)}
    used: set[tuple] = set()
    rows = []
    for para in paragraphs[paragraphs["kind"] != "boilerplate"].itertuples(index=False):
        lang = para.lang if para.lang in ("en", "fr") else None
        for m in find_dates(str(para.text), lang=lang):
            rows_here = citing.get(para.key, [])
            if m.start is not None:
                hits = [r["event_id"] for r in rows_here if _overlaps(r, m.start, m.end)]
            else:
                hits = [r["event_id"] for r in rows_here if fold(m.text) in fold(r["notes"])]
            ident = (para.seed, int(para.n), m.text)
            reason = excl.get(ident, "")
            if reason:
                used.add(ident)
            status = "covered" if hits else "excluded" if reason else "uncovered"
            rows.append(
                {
                    "seed": para.seed,
                    "paragraph": int(para.n),
                    "key": para.key,
                    "mention": m.text,
                    "start": m.start or "",
                    "end": m.end or "",
                    "precision": m.precision,
                    "relative": bool(m.relative),
                    "status": status,
                    "covered_by": ";".join(hits),
                    "reason": reason,
                }
            )
    frame = pd.DataFrame(rows, columns=list(COVERAGE_COLUMNS))
    frame.attrs["unused_exclusions"] = [
        f"{paragraph_key(s, n)} {mention!r}" for (s, n, mention) in excl if (s, n, mention) not in used
    ]
    return frame


@dataclass
class Result:
    """Outcome of :func:`validate`."""

    problems: list[str] = field(default_factory=list)
    summary: str = ""
    coverage: pd.DataFrame | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def validate(data_dir: str | Path = paths.DATA_DIR, seeds_dir: str | Path = paths.SEEDS_DIR) -> Result:
    """Run every check on the ledger files in ``data_dir`` against the seeds in ``seeds_dir``."""
    from analysis.ledger import claims as claims_mod
    from analysis.ledger import events as events_mod
    from analysis.ledger import quantities, reference
    from analysis.sources import actors as actors_mod
    from analysis.sources import corpus

    data_dir, seeds_dir = Path(data_dir), Path(seeds_dir)
    result = Result()
    problems = result.problems
    try:
        paras = corpus.paragraphs(seeds_dir)
        catalog = corpus.load_catalog(seeds_dir)
    except AnalysisError as exc:
        problems.extend(str(exc).splitlines())  # one problem per line, each naming file and row
        return result
    try:
        actors = actors_mod.load_actors(data_dir / "actors.csv")
    except AnalysisError as exc:
        problems.extend(str(exc).splitlines())  # one problem per line, each naming file and row
        actors = None
    try:
        record = reference.load_public_record(data_dir / "public_record.csv")
    except AnalysisError as exc:
        problems.extend(str(exc).splitlines())  # one problem per line, each naming file and row
        record = None

    events_path = data_dir / "events.csv"
    schema = events_mod.event_problems(events_path)
    problems.extend(schema)
    events = None
    if not schema:
        events = events_mod.load_events(events_path)
        places = set()
        try:
            places = load_gazetteer(data_dir / "gazetteer.csv")
        except AnalysisError as exc:  # a missing or bad gazetteer is a problem, never a silent fallback
            problems.extend(str(exc).splitlines())  # one problem per line, each naming file and row
        problems.extend(
            events_mod.check_ledger(
                events,
                paras,
                catalog,
                actors if actors is not None else [],
                places,
                record_keys=record["key"] if record is not None else None,
            )
        )
        json_path = data_dir / "events.json"
        if not json_path.is_file():
            problems.append(f"{json_path}: missing; run `python -m analysis validate --write-json`")
        else:
            try:
                doc = json.loads(json_path.read_text(encoding="utf-8"))
                same = doc.get("events") == events_mod.json_records(events)
            except (ValueError, AttributeError) as exc:
                problems.append(f"{json_path}: not valid JSON ({exc})")
            else:
                if not same:
                    problems.append(
                        f"{json_path}: out of date with events.csv; run `python -m analysis validate --write-json`"
                    )

    claims_path = data_dir / "claims.csv"
    problems.extend(claims_mod.claim_problems(claims_path, actors, paras, events))
    problems.extend(quantities.quantity_problems(data_dir / "quantities.csv", actors, paras, events))

    try:
        exclusions = load_exclusions(data_dir / EXCLUSIONS_NAME)
    except AnalysisError as exc:
        problems.extend(str(exc).splitlines())  # one problem per line, each naming file and row
        exclusions = None
    if events is not None and exclusions is not None:
        coverage = date_coverage(paras, events, exclusions)
        result.coverage = coverage
        for rec in coverage[coverage["status"] == "uncovered"].itertuples(index=False):
            problems.append(
                f"{data_dir / EXCLUSIONS_NAME}: date mention {rec.mention!r} in {rec.key} is neither coded in "
                f"events.csv nor excluded with a reason"
            )
        for item in coverage.attrs["unused_exclusions"]:
            problems.append(f"{data_dir / EXCLUSIONS_NAME}: exclusion {item} matches no date mention")

    if not problems and events is not None and result.coverage is not None:
        cov = result.coverage
        n = len(cov)
        share = 100.0 * (cov["status"] != "uncovered").sum() / n if n else 100.0
        n_claims = len(pd.read_csv(claims_path, dtype=str, keep_default_na=False))
        n_topics = pd.read_csv(claims_path, dtype=str, keep_default_na=False)["topic"].nunique()
        result.summary = (
            f"ledger ok: {len(events)} events, {len(actors)} actors, {n_claims} claims in {n_topics} topics, "
            f"coverage {share:.0f} % ({n} date mentions: {int((cov['status'] == 'covered').sum())} coded, "
            f"{int((cov['status'] == 'excluded').sum())} excluded)"
        )
    from analysis.intake.ingest import unreviewed

    for seed in unreviewed(seeds_dir):
        result.notes.append(
            f"seed {seed}: its catalogue row was inferred by `add`; confirm it in seeds/catalog.csv (reviewed=yes)"
        )
    from analysis.intake.review import chapters_awaiting_review, id_ranges

    if events is not None:
        for chapter, ids in chapters_awaiting_review(paths.ROOT / "chapters", events).items():
            result.notes.append(
                f"chapters/{chapter}: prose awaiting review for {len(ids)} new event(s): {id_ranges(ids)}"
            )
    return result


def run(data_dir: str | Path = paths.DATA_DIR, seeds_dir: str | Path = paths.SEEDS_DIR) -> list[str]:
    """Every problem found by :func:`validate`, one line each; empty when the ledger is sound."""
    return validate(data_dir, seeds_dir).problems
