"""Everything the Key judgments page, the Changes page and the chapters' "What to watch" need, from the
real data."""

from __future__ import annotations

import pandas as pd

from analysis.analytics.judgments.checks import (
    _catalog,
    _defaults,
    corpus_end,
    horizon_months,
    load_indicators,
    load_judgments,
)
from analysis.analytics.judgments.editions import current_edition, is_stale, load_editions, months_between, windows
from analysis.analytics.judgments.scorecard import brier_summary, calibration, load_outcomes, scorecard
from analysis.analytics.judgments.scoring import score_after_corpus, watch
from analysis.analytics.judgments.voices import evidence_items, voice_counts, voice_names
from analysis.sources.grades import damaged_seeds


def current(judgments: pd.DataFrame, wins: pd.DataFrame, issued: pd.Timestamp) -> pd.DataFrame:
    """The judgments the current edition (issued on ``issued``) stands by: every retrospective one, and
    the forward ones whose window had not closed on that day; in file order."""
    kind = wins.set_index("judgment_id")
    keep = [kind.loc[j, "kind"] == "retrospective" or kind.loc[j, "closes"] >= issued for j in judgments["judgment_id"]]
    return judgments[keep].reset_index(drop=True)


def evidence_gap(editions: pd.DataFrame) -> dict:
    """The current edition's dates: ``edition`` (int), ``version``, ``issued`` and ``cutoff``
    (Timestamps) and ``gap_months`` (whole months from the evidence cut-off to the issue day)."""
    ed = current_edition(editions)
    return {
        "edition": int(ed["edition"]),
        "version": str(ed["version"]),
        "issued": ed["issued"],
        "cutoff": ed["evidence_cutoff"],
        "gap_months": int(months_between(ed["evidence_cutoff"], ed["issued"])),
    }


def assessment() -> dict:
    """Everything the pages need, from the real data: ``judgments`` (all editions), ``current``
    (:func:`current`), ``indicators``, ``items`` (:func:`evidence_items`), ``counts``
    (:func:`voice_counts`, stale windows counted), ``windows`` (the stored dates and kind), ``editions``,
    ``gap`` (:func:`evidence_gap`), ``outcomes``, ``scorecard``, ``brier`` (:func:`brier_summary`),
    ``calibration`` (kind -> :func:`calibration`), ``after`` (the public record after the corpus),
    ``scored`` (:func:`score_after_corpus`), ``watch`` (:func:`watch`), ``voice_names``, ``texts``
    (paragraph key to text) and ``end`` (:func:`corpus_end`: the ledger's last dated day now)."""
    events, claims, paragraphs, actors = _defaults(None, None, None, None)
    from analysis.ledger.reference import after_corpus, load_public_record

    record, editions = load_public_record(), load_editions()
    judgments = load_judgments(events=events, claims=claims, paragraphs=paragraphs, actors=actors, editions=editions)
    indicators = load_indicators(judgments=judgments, public_record=record)
    catalog = _catalog()
    items = evidence_items(judgments, events, claims, actors, catalog)
    wins = windows(judgments)
    cutoff = dict(zip(editions["edition"], editions["evidence_cutoff"]))
    stale = {r.judgment_id for r in wins.itertuples(index=False) if is_stale(r.opens, cutoff[r.edition])}
    outcomes = load_outcomes(wins, record)
    card = scorecard(judgments, wins, outcomes, record)
    after = after_corpus(record, events)
    scored = score_after_corpus(indicators, judgments, after)
    gap = evidence_gap(editions)
    return {
        "judgments": judgments,
        "current": current(judgments, wins, gap["issued"]),
        "indicators": indicators,
        "items": items,
        "counts": voice_counts(items, judgments, stale, damaged_seeds(catalog)),
        "catalog": catalog,
        "windows": wins,
        "editions": editions,
        "gap": gap,
        "outcomes": outcomes,
        "scorecard": card,
        "brier": brier_summary(card),
        "calibration": {kind: calibration(card, kind) for kind in ("forecast", "hindcast")},
        "after": after,
        "scored": scored,
        "watch": watch(judgments, indicators, scored),
        "voice_names": voice_names(actors),
        "texts": dict(zip(paragraphs["key"], paragraphs["text"])),
        "end": corpus_end(events),
    }


def watch_for(chapter: str) -> pd.DataFrame:
    """:func:`watch` for one analytical chapter, the current edition's judgments only, from the real data."""
    a = assessment()
    return watch(a["current"], a["indicators"], a["scored"], chapter)


def forward_months(judgments: pd.DataFrame) -> int:
    """The months over which the forward judgments look ahead; ValueError when they differ (the page
    states one window) or when there is no forward judgment."""
    months = {m for m in map(horizon_months, judgments["horizon"]) if m is not None}
    if len(months) != 1:
        raise ValueError(f"the forward judgments look {sorted(months) or 'no'} months ahead: expected one horizon")
    return months.pop()
