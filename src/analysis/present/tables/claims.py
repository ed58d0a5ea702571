"""Who claims what: the contested claims and the public record's figures by claimant."""

from __future__ import annotations

import pandas as pd


def claims_table(claims: pd.DataFrame, names: dict[str, str], quote: bool = True) -> pd.DataFrame:
    """Contested claims for a reader: who makes each claim (by name), the position it takes, the claim,
    optionally the article's words, the outlet that reports it (by name) and the paragraph. ``excerpt``
    (not for display: pass ``excerpts={"source": "excerpt"}`` to :func:`show`) holds the claim's
    verified quote, the words its paragraph citation rests on."""

    def name(value: object) -> str:
        text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
        return names.get(text, text)

    table = pd.DataFrame(
        {
            "claim": claims["claim_id"].to_numpy(),
            "who claims": [name(v) for v in claims["claimant"]],
            "position": claims["side"].str.replace("_", " ").to_numpy(),
            "claim (paraphrase)": claims["claim"].to_numpy(),
            "the article's words": claims["quote"].to_numpy(),
            "reported by": [name(v) for v in claims["reported_by"]],
            "source": claims["key"].to_numpy(),
            "excerpt": claims["quote"].to_numpy(),
        }
    )
    return table if quote else table.drop(columns="the article's words")


def record_figures(record: pd.DataFrame, key: str) -> pd.DataFrame:
    """One public-record entry whose value lists figures by claimant (``"A: x; B: y"``), one row per
    figure, with the entry's sources and reliability. Raises KeyError naming ``key`` if the record has no
    such entry."""
    entry = record[record["key"] == key]
    if entry.empty:
        raise KeyError(f"the public record has no entry {key!r}")
    rec = entry.iloc[0]
    figures = [p.strip() for p in str(rec["value"]).split(";") if p.strip()]
    return pd.DataFrame(
        {
            "claimant: figure": figures,
            "sources (public record)": [rec["source"]] * len(figures),
            "reliability": [rec["reliability"]] * len(figures),
        }
    )
