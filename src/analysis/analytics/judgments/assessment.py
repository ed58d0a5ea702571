"""Everything the Key judgments page and the chapters' "What to watch" need, from the real data."""

from __future__ import annotations

import pandas as pd

from analysis.analytics.judgments.checks import (
    _defaults,
    corpus_end,
    horizon_months,
    load_indicators,
    load_judgments,
    windows,
)
from analysis.analytics.judgments.scoring import score_after_corpus, watch
from analysis.analytics.judgments.voices import evidence_items, voice_counts, voice_names


def assessment() -> dict:
    """Everything the Key judgments page and the chapters' "What to watch" need, from the real data:
    ``judgments``, ``indicators``, ``items`` (:func:`evidence_items`), ``counts``
    (:func:`voice_counts`), ``windows``, ``after`` (the public record after the corpus), ``scored``
    (:func:`score_after_corpus`), ``watch`` (:func:`watch`, all chapters), ``voice_names``, ``texts``
    (paragraph key to text) and ``end`` (:func:`corpus_end`)."""
    events, claims, paragraphs, actors = _defaults(None, None, None, None)
    from analysis.ledger.reference import after_corpus, load_public_record

    record = load_public_record()
    judgments = load_judgments(events=events, claims=claims, paragraphs=paragraphs, actors=actors)
    indicators = load_indicators(judgments=judgments, public_record=record)
    items = evidence_items(judgments, events, claims, actors)
    after = after_corpus(record, events)
    scored = score_after_corpus(indicators, judgments, after, events)
    return {
        "judgments": judgments,
        "indicators": indicators,
        "items": items,
        "counts": voice_counts(items, judgments),
        "windows": windows(judgments, events),
        "after": after,
        "scored": scored,
        "watch": watch(judgments, indicators, scored),
        "voice_names": voice_names(actors),
        "texts": dict(zip(paragraphs["key"], paragraphs["text"])),
        "end": corpus_end(events),
    }


def watch_for(chapter: str) -> pd.DataFrame:
    """:func:`watch` for one analytical chapter, from the real data."""
    a = assessment()
    return watch(a["judgments"], a["indicators"], a["scored"], chapter)


def forward_months(judgments: pd.DataFrame) -> int:
    """The months over which the forward judgments look ahead; ValueError when they differ (the page
    states one window) or when there is no forward judgment."""
    months = {m for m in map(horizon_months, judgments["horizon"]) if m is not None}
    if len(months) != 1:
        raise ValueError(f"the forward judgments look {sorted(months) or 'no'} months ahead: expected one horizon")
    return months.pop()
