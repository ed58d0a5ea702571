"""Validation of the event ledger as a whole: ``python -m analysis validate``.

:func:`validate` runs every check and returns a :class:`Result` (problems, a one-line summary, the
date-coverage table); :func:`run` returns the problems alone. Checks:

1. ``actors.csv`` loads (ids, kinds, countries, unique aliases);
2. ``events.csv`` rows are well formed (:func:`analysis.ledger.events.event_problems`);
3. the ledger agrees with the corpus, actors, gazetteer and public record
   (:func:`analysis.ledger.events.check_ledger`);
4. ``claims.csv``, ``quantities.csv``, ``interests.csv`` and ``turning_points.csv`` agree with the
   actors, paragraphs and ledger (:func:`analysis.ledger.claims.claim_problems`,
   :func:`analysis.ledger.quantities.quantity_problems`, :mod:`analysis.ledger.interests`);
5. ``public_record.csv`` loads, and ``events.json`` holds exactly what ``events.csv`` holds;
6. every date mention in a non-boilerplate paragraph is covered by a ledger row or listed, with a
   reason, in ``coverage_exclusions.csv`` (:func:`date_coverage`); a seed that no ledger row and no
   exclusion names yet (an article just added) is listed in the notes as not coded yet instead.

A date mention is **covered** by a row that cites its paragraph (``paragraph`` or ``also_in``) and
whose date interval overlaps the mention's; a relative mention that :func:`analysis.core.dates.find_dates`
cannot resolve alone ("in December", "three months later") is covered by a row citing its paragraph
whose ``notes`` quote the expression and explain how it was resolved.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TypeVar

import pandas as pd

from analysis.analytics.staleness import chapters_awaiting_review, id_ranges
from analysis.core import paths
from analysis.core.dates import find_dates
from analysis.core.errors import AnalysisError
from analysis.core.keys import SEED_ID, paragraph_key
from analysis.core.schema import check_table, matches, positive, raise_problems, table_schema
from analysis.core.text import fold
from analysis.ledger import claims as claims_mod
from analysis.ledger import events as events_mod
from analysis.ledger import interests as interests_mod
from analysis.ledger import quantities, reference
from analysis.ledger.events import cited_keys, iso_bounds
from analysis.sources import actors as actors_mod
from analysis.sources import corpus
from analysis.sources.corpus import unreviewed
from analysis.sources.places import load_gazetteer

T = TypeVar("T")

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
    m_start, m_end = iso_bounds(start)[0], iso_bounds(end)[1]
    return row["start_day"] <= m_end and m_start <= row["end_day"]


def date_coverage(paragraphs: pd.DataFrame, events: pd.DataFrame, exclusions: pd.DataFrame) -> pd.DataFrame:
    """Every date mention (:func:`analysis.core.dates.find_dates`, no anchor) in the non-boilerplate
    paragraphs, with its status: ``covered`` (``covered_by`` lists the ledger rows), ``excluded``
    (``reason`` from the exclusion list) or ``uncovered``. Columns :data:`COVERAGE_COLUMNS`.
    ``attrs["unused_exclusions"]`` lists exclusion rows that match no mention."""
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


def _loaded(problems: list[str], load: Callable[..., T], *args) -> T | None:
    """``load(*args)``, or None after adding each line of its :class:`AnalysisError` to ``problems``
    (one problem per line, each naming file and row): a file that fails to load is a problem, never a
    silent fallback."""
    try:
        return load(*args)
    except AnalysisError as exc:
        problems.extend(str(exc).splitlines())
        return None


def _json_problems(json_path: Path, events: pd.DataFrame) -> list[str]:
    """``events.json`` missing, unreadable or not holding exactly what ``events`` holds."""
    if not json_path.is_file():
        return [f"{json_path}: missing; run `python -m analysis validate --write-json`"]
    try:
        doc = json.loads(json_path.read_text(encoding="utf-8"))
        same = doc.get("events") == events_mod.json_records(events)
    except (ValueError, AttributeError) as exc:
        return [f"{json_path}: not valid JSON ({exc})"]
    if not same:
        return [f"{json_path}: out of date with events.csv; run `python -m analysis validate --write-json`"]
    return []


def _coverage_problems(coverage: pd.DataFrame, exclusions_path: Path) -> list[str]:
    """Date mentions neither coded nor excluded, and exclusions that match no mention."""
    problems = [
        f"{exclusions_path}: date mention {rec.mention!r} in {rec.key} is neither coded in "
        f"events.csv nor excluded with a reason"
        for rec in coverage[coverage["status"] == "uncovered"].itertuples(index=False)
    ]
    problems += [
        f"{exclusions_path}: exclusion {item} matches no date mention" for item in coverage.attrs["unused_exclusions"]
    ]
    return problems


def _not_coded_yet(
    coverage: pd.DataFrame, events: pd.DataFrame, exclusions: pd.DataFrame
) -> tuple[pd.DataFrame, list[str]]:
    """The coverage of the seeds the ledger has started coding, and a note for each seed that no ledger
    row and no exclusion names yet (an article just added): its uncovered mentions await coding and are
    not problems; from its first coded row or exclusion on, every mention must be covered."""
    started = set(events["seed"]) | set(exclusions["seed"])
    pending = coverage[(coverage["status"] == "uncovered") & ~coverage["seed"].isin(started)]
    notes = [
        f"seed {seed}: not coded yet ({len(own)} date mention(s)); code it with `extract --review` and `accept`"
        for seed, own in pending.groupby("seed", sort=False)
    ]
    kept = coverage.drop(index=pending.index)
    kept.attrs = dict(coverage.attrs)
    return kept, notes


def _summary(events: pd.DataFrame, actors: pd.DataFrame, claims: pd.DataFrame, cov: pd.DataFrame) -> str:
    n = len(cov)
    share = 100.0 * (cov["status"] != "uncovered").sum() / n if n else 100.0
    return (
        f"ledger ok: {len(events)} events, {len(actors)} actors, {len(claims)} claims in "
        f"{claims['topic'].nunique()} topics, "
        f"coverage {share:.0f} % ({n} date mentions: {int((cov['status'] == 'covered').sum())} coded, "
        f"{int((cov['status'] == 'excluded').sum())} excluded)"
    )


def _notes(seeds_dir: Path, events: pd.DataFrame | None) -> list[str]:
    """Catalogue rows awaiting confirmation and chapters whose prose awaits review."""
    notes = [
        f"seed {seed}: its catalogue row was inferred by `add`; confirm it in seeds/catalog.csv (reviewed=yes)"
        for seed in unreviewed(seeds_dir)
    ]
    if events is not None:
        for chapter, ids in chapters_awaiting_review(paths.ROOT / "chapters", events).items():
            notes.append(f"chapters/{chapter}: prose awaiting review for {len(ids)} new event(s): {id_ranges(ids)}")
    return notes


def validate(data_dir: str | Path = paths.DATA_DIR, seeds_dir: str | Path = paths.SEEDS_DIR) -> Result:
    """Run every check on the ledger files in ``data_dir`` against the seeds in ``seeds_dir``."""
    data_dir, seeds_dir = Path(data_dir), Path(seeds_dir)
    result = Result()
    problems = result.problems
    paras = _loaded(problems, corpus.paragraphs, seeds_dir)
    catalog = _loaded(problems, corpus.load_catalog, seeds_dir) if paras is not None else None
    if catalog is None:
        return result
    problems.extend(corpus.checksum_problems(seeds_dir))  # every file's hash, a stray or missing line
    actors = _loaded(problems, actors_mod.load_actors, data_dir / "actors.csv")
    record = _loaded(problems, reference.load_public_record, data_dir / "public_record.csv")

    events = _loaded(problems, events_mod.load_events, data_dir / "events.csv")
    if events is not None:
        places = _loaded(problems, load_gazetteer, data_dir / "gazetteer.csv")
        problems.extend(
            events_mod.check_ledger(
                events,
                paras,
                catalog,
                actors if actors is not None else [],
                places if places is not None else set(),
                record_keys=record["key"] if record is not None else None,
            )
        )
        problems.extend(_json_problems(data_dir / "events.json", events))

    claims = _loaded(problems, claims_mod.load_claims, data_dir / "claims.csv", actors, paras, events)
    problems.extend(quantities.quantity_problems(data_dir / "quantities.csv", actors, paras, events))
    problems.extend(interests_mod.interest_problems(data_dir / "interests.csv", actors, paras))
    problems.extend(interests_mod.turning_point_problems(data_dir / "turning_points.csv", events))

    exclusions = _loaded(problems, load_exclusions, data_dir / EXCLUSIONS_NAME)
    if events is not None and exclusions is not None:
        result.coverage = date_coverage(paras, events, exclusions)
        coded, notes = _not_coded_yet(result.coverage, events, exclusions)
        result.notes.extend(notes)
        problems.extend(_coverage_problems(coded, data_dir / EXCLUSIONS_NAME))

    if not problems and events is not None and result.coverage is not None:
        result.summary = _summary(events, actors, claims, result.coverage)
    result.notes.extend(_notes(seeds_dir, events))
    return result


def run(data_dir: str | Path = paths.DATA_DIR, seeds_dir: str | Path = paths.SEEDS_DIR) -> list[str]:
    """Every problem found by :func:`validate`, one line each; empty when the ledger is sound."""
    return validate(data_dir, seeds_dir).problems
