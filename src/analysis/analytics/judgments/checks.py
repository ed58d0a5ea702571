"""The judgments and indicators files checked and loaded: schema, evidence that exists, citations with
their excerpts, headlines that keep to their likelihood, and confidence that is the rule's."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.analytics.judgments.editions import is_stale, load_editions, window_problems
from analysis.analytics.judgments.terms import (
    _EVIDENCE,
    _HORIZON,
    _INDICATOR_ID,
    _JUDGMENT_ID,
    _RECORD_KEY,
    _TERMS,
    ANALYTICAL_CHAPTERS,
    CONFIDENCE,
    CONFIDENCE_WORD,
    DIRECTIONS,
    INDICATOR_COLUMNS,
    INDICATORS_PATH,
    JUDGMENT_COLUMNS,
    JUDGMENTS_PATH,
    LIKELIHOOD,
    JudgmentError,
)
from analysis.analytics.judgments.voices import evidence_items, voice_counts
from analysis.core.dates import iso_bounds
from analysis.core.keys import KEY, is_key
from analysis.core.quote import citations, verbatim
from analysis.core.schema import check_table, items_match, matches, one_of, raise_problems, row_check, table_schema
from analysis.ledger.events import split_list
from analysis.sources.grades import damaged_seeds


# --------------------------------------------------------------------------------------------------
# Horizons
# --------------------------------------------------------------------------------------------------
def corpus_end(events: pd.DataFrame) -> pd.Timestamp:
    """The last day of the last event the ledger dates (rows with only an upper bound excluded)."""
    dated = events[events["date_basis"] != "before"]
    return max(iso_bounds(str(v))[1] for v in dated["date_end"])


def horizon_months(horizon: str) -> int | None:
    """Months of a forward horizon (``next 12 months`` -> 12); None for ``retrospective``."""
    m = _HORIZON.match(horizon)
    return int(m["months"]) if m and m["months"] else None


# --------------------------------------------------------------------------------------------------
# Checks and loaders
# --------------------------------------------------------------------------------------------------
def citation_problems(text: str, paragraphs: pd.DataFrame) -> list[str]:
    """Problems of the citations in MyST ``text``: a key that is not a paragraph, a citation without
    its excerpt, an excerpt not verbatim in its paragraph (:func:`analysis.core.quote.verbatim`)."""
    texts = {k: (t, d) for k, t, d in zip(paragraphs["key"], paragraphs["text"], paragraphs["display"])}
    problems = []
    for key, excerpt in citations(text):
        if not KEY.match(key) or key not in texts:
            problems.append(f"cites {key!r}, which is not a paragraph of the corpus")
        elif excerpt is None:
            problems.append(f"cites {key} without an excerpt")
        elif not verbatim(excerpt, *texts[key]):
            problems.append(f"the excerpt {excerpt!r} is not in {key}")
    return problems


def _confidence_word(row: dict) -> dict:
    m = CONFIDENCE_WORD.search(row.get("statement", ""))
    return {"confidence_word": m[0] if m else ""}


def _terms_are_own(row: dict, column: str = "statement") -> bool:
    found = {t.lower() for t in _TERMS.findall(row[column])}
    return not found or found == {row["likelihood"]}


def headline_hedged(title: str, likelihood: str) -> bool:
    """Whether a judgment's headline keeps to its likelihood: a judgment rated below ``likely`` (roughly
    even chance or less) must say its term in the headline, so that the headline never states as fact
    what the judgment rates as uncertain or improbable; from ``likely`` up a headline may state it."""
    if LIKELIHOOD.index(likelihood) >= LIKELIHOOD.index("likely"):
        return True
    return {t.lower() for t in _TERMS.findall(title)} == {likelihood}


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

JUDGMENTS_SCHEMA = table_schema(
    JUDGMENT_COLUMNS,
    required=tuple(c for c in JUDGMENT_COLUMNS if c not in ("opens", "closes")),
    column_checks={
        "edition": [matches(re.compile(r"^[1-9]\d*$"), "edition {value!r} is not a number 1, 2, ...")],
        "issued": [matches(_DAY, "issued {value!r} is not a YYYY-MM-DD day")],
        "opens": [matches(_DAY, "opens {value!r} is not a YYYY-MM-DD day")],
        "closes": [matches(_DAY, "closes {value!r} is not a YYYY-MM-DD day")],
        "judgment_id": [matches(_JUDGMENT_ID, "judgment_id {value!r} is not like KJ1")],
        "chapter": [one_of(ANALYTICAL_CHAPTERS)],
        "horizon": [matches(_HORIZON, "horizon {value!r} is not 'retrospective' or 'next N months'")],
        "likelihood": [one_of(LIKELIHOOD)],
        "confidence": [one_of(CONFIDENCE)],
        "evidence": [items_match(_EVIDENCE, "evidence {value!r}: items must be E012, C01 or 003¶60, ';'-separated")],
    },
    row_checks=[
        row_check(
            lambda r: not CONFIDENCE_WORD.search(r["statement"]),
            "statement uses the confidence word {confidence_word!r}: the likelihood sentence states likelihood only",
        ),
        row_check(_terms_are_own, "statement uses a likelihood term other than its own ({likelihood!r})"),
        row_check(
            lambda r: r["likelihood"] not in LIKELIHOOD or headline_hedged(r["title"], r["likelihood"]),
            "title states as fact what the judgment rates {likelihood!r}: below 'likely' the title must say "
            "its own likelihood term, and no other",
        ),
    ],
    unique=("judgment_id",),
)

INDICATORS_SCHEMA = table_schema(
    INDICATOR_COLUMNS,
    required=("indicator_id", "judgment_id", "indicator", "direction", "record_checked"),
    column_checks={
        "record_checked": [one_of(("yes", "no"))],
        "indicator_id": [matches(_INDICATOR_ID, "indicator_id {value!r} is not like I01")],
        "judgment_id": [matches(_JUDGMENT_ID, "judgment_id {value!r} is not like KJ1")],
        "direction": [one_of(DIRECTIONS)],
        "record_keys": [items_match(_RECORD_KEY, "record_keys {value!r}: public-record keys, ';'-separated")],
    },
    unique=("indicator_id",),
)


def _where(path: Path, rid: str, line: int) -> str:
    return f"{path}: row {rid} (line {line})"


def judgment_problems(
    path: str | Path = JUDGMENTS_PATH,
    events: pd.DataFrame | None = None,
    claims: pd.DataFrame | None = None,
    paragraphs: pd.DataFrame | None = None,
    actors: pd.DataFrame | None = None,
    editions: pd.DataFrame | None = None,
) -> list[str]:
    """Every problem of the judgments file, one line each (``FILE: row KJ3 (line 4): problem``): the
    schema's (the seven terms, a known chapter and horizon, no confidence word in the statement, no
    likelihood term but its own, a headline that keeps to its likelihood); then, once the file is well
    formed, dates that do not fit the edition (:func:`~analysis.analytics.judgments.editions.window_problems`),
    evidence items that name no event, claim or paragraph, citations in ``statement`` and ``changes_if``
    without their verbatim excerpt, and a ``confidence`` that is not the rule's result for the evidence
    (a window opening long after the edition's evidence cut-off counts as stale; sources graded as in
    :mod:`analysis.sources.grades`). A judgment whose window closed before the latest edition keeps the
    confidence it was issued with: it is scored, not judged again."""
    path = Path(path)
    frame, problems = check_table(path, JUDGMENTS_SCHEMA, "judgment_id", JudgmentError, hints=_confidence_word)
    if problems:
        return problems
    events, claims, paragraphs, actors = _defaults(events, claims, paragraphs, actors)
    editions = load_editions() if editions is None else editions
    known_events, known_claims = set(events["event_id"]), set(claims["claim_id"])
    known_paras = set(paragraphs.loc[paragraphs["kind"] != "boilerplate", "key"])
    for rec in frame.itertuples(index=False):
        where = _where(path, rec.judgment_id, rec.line)
        problems += [f"{where}: {p}" for p in window_problems(rec, editions)]
        for item in split_list(rec.evidence):
            if item.startswith("E") and item not in known_events:
                problems.append(f"{where}: evidence {item} is not an event of the ledger")
            elif item.startswith("C") and item not in known_claims:
                problems.append(f"{where}: evidence {item} is not a claim of data/claims.csv")
            elif is_key(item) and item not in known_paras:
                problems.append(f"{where}: evidence {item} is not a (non-boilerplate) paragraph of the corpus")
        for column in ("statement", "changes_if"):
            problems += [f"{where}: {column} {p}" for p in citation_problems(getattr(rec, column), paragraphs)]
    if problems:
        return problems
    cutoff = dict(zip(editions["edition"], editions["evidence_cutoff"]))
    stale = {r.judgment_id for r in frame.itertuples(index=False) if is_stale(r.opens, cutoff[int(r.edition)])}
    catalog = _catalog()
    items = evidence_items(frame, events, claims, actors, catalog)
    counts = voice_counts(items, frame, stale, damaged_seeds(catalog)).set_index("judgment_id")
    latest = editions["issued"].max()
    for rec in frame.itertuples(index=False):
        got = counts.loc[rec.judgment_id]
        if rec.closes and pd.Timestamp(rec.closes) < latest:
            continue  # a closed window is scored, not judged again: it keeps the confidence it was issued with
        if rec.confidence != got["confidence"]:
            problems.append(
                f"{_where(path, rec.judgment_id, rec.line)}: confidence {rec.confidence!r} is not the rule's "
                f"{got['confidence']!r} ({got['voices']} independent voices, {got['first_hand']} first-hand, "
                f"{got['relays']} seeds)"
            )
    return problems


def _catalog() -> pd.DataFrame:
    """The seed catalogue with its grades (loaded lazily: a lower layer's loader)."""
    from analysis.sources.corpus import load_catalog

    return load_catalog()


def _defaults(events, claims, paragraphs, actors):
    """The real tables for those not given (loaded lazily: the loaders are of lower layers)."""
    from analysis.ledger import claims as claims_mod
    from analysis.ledger import events as events_mod
    from analysis.sources import actors as actors_mod
    from analysis.sources import corpus

    return (
        events_mod.load_events() if events is None else events,
        claims_mod.load_claims() if claims is None else claims,
        corpus.paragraphs() if paragraphs is None else paragraphs,
        actors_mod.load_actors() if actors is None else actors,
    )


def load_judgments(
    path: str | Path = JUDGMENTS_PATH,
    events: pd.DataFrame | None = None,
    claims: pd.DataFrame | None = None,
    paragraphs: pd.DataFrame | None = None,
    actors: pd.DataFrame | None = None,
    editions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The judgments, checked (:func:`judgment_problems`; the real ledger, claims, corpus, actors and
    editions where not given), in file order, columns :data:`JUDGMENT_COLUMNS` and ``line``. Raises
    :class:`JudgmentError` listing every problem, one per line, each naming the file and row."""
    problems = judgment_problems(path, events, claims, paragraphs, actors, editions)
    if problems:
        raise_problems(JudgmentError, path, problems)
    frame, _ = check_table(path, JUDGMENTS_SCHEMA, "judgment_id", JudgmentError, hints=_confidence_word)
    return frame


def indicator_problems(
    path: str | Path = INDICATORS_PATH,
    judgments: pd.DataFrame | None = None,
    public_record: pd.DataFrame | None = None,
) -> list[str]:
    """Every problem of the indicators file, one line each: the schema's; an indicator of an unknown
    judgment; a ``record_keys`` item that is not a key of the public record; a judgment with no
    indicator."""
    path = Path(path)
    frame, problems = check_table(path, INDICATORS_SCHEMA, "indicator_id", JudgmentError)
    if problems:
        return problems
    if judgments is None:
        judgments = load_judgments()
    if public_record is None:
        from analysis.ledger.reference import load_public_record

        public_record = load_public_record()
    known, keys = set(judgments["judgment_id"]), set(public_record["key"])
    for rec in frame.itertuples(index=False):
        where = _where(path, rec.indicator_id, rec.line)
        if rec.judgment_id not in known:
            problems.append(f"{where}: judgment {rec.judgment_id} is not in data/judgments.csv")
        for key in split_list(rec.record_keys):
            if key not in keys:
                problems.append(f"{where}: record key {key!r} is not in data/public_record.csv")
    for jid in sorted(known - set(frame["judgment_id"]), key=lambda j: int(j[2:])):
        problems.append(f"{path}: judgment {jid} has no indicator")
    return problems


def load_indicators(
    path: str | Path = INDICATORS_PATH,
    judgments: pd.DataFrame | None = None,
    public_record: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The indicators, checked (:func:`indicator_problems`), columns :data:`INDICATOR_COLUMNS` and
    ``line``. Raises :class:`JudgmentError` listing every problem."""
    problems = indicator_problems(path, judgments, public_record)
    if problems:
        raise_problems(JudgmentError, path, problems)
    frame, _ = check_table(path, INDICATORS_SCHEMA, "indicator_id", JudgmentError)
    return frame
