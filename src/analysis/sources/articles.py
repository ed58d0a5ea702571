"""How a reader names an article of the corpus: by its outlet and its date, never by its seed id.

``seed 003`` is the report's internal name for an article; a reader meets it as "Une Plume du Mali,
February–March 2024" or, where the text names no outlet, "an unnamed outlet's article of 31 August
2021". The date is said as precisely as the catalogue knows it (:func:`date_words`). Citation cards,
lists of sources and generated sentences take their words from :func:`article_labels`.
"""

from __future__ import annotations

import pandas as pd

UNNAMED = "an unnamed outlet"


def date_words(earliest: pd.Timestamp, latest: pd.Timestamp) -> str:
    """A publication date or interval in words, as precise as its bounds: ``31 August 2021`` (one day),
    ``August 2021`` (within one month), ``February–March 2024`` (within one year; ``2025`` when they
    fall in its first and last months), ``2017–2019`` (over several years)."""
    earliest, latest = pd.Timestamp(earliest), pd.Timestamp(latest)
    if latest < earliest:
        raise ValueError(f"publication interval ends before it starts: {earliest:%Y-%m-%d} > {latest:%Y-%m-%d}")
    if earliest == latest:
        return f"{earliest.day} {earliest:%B %Y}"
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        return f"{earliest:%B %Y}"
    if earliest.year == latest.year:
        if (earliest.month, latest.month) == (1, 12):
            return f"{earliest.year}"
        return f"{earliest:%B}–{latest:%B %Y}"
    return f"{earliest.year}–{latest.year}"


def article_labels(catalog: pd.DataFrame) -> pd.DataFrame:
    """One row per seed of ``catalog`` (:func:`analysis.sources.corpus.load_catalog`): ``seed``,
    ``outlet`` (the name, "" where the text names none), ``title``, ``date`` (:func:`date_words`),
    ``short`` ("Une Plume du Mali, February–March 2024"; "unnamed outlet, 8 January 2025") and
    ``long`` ("Une Plume du Mali's article of February–March 2024"; "an unnamed outlet's article of 8
    January 2025"), each naming the article by outlet and date."""
    rows = []
    for rec in catalog.itertuples(index=False):
        when = date_words(rec.published_earliest, rec.published_latest)
        outlet = str(rec.outlet).strip()
        rows.append(
            {
                "seed": rec.seed,
                "outlet": outlet,
                "title": str(rec.title).strip(),
                "date": when,
                "short": f"{outlet or 'unnamed outlet'}, {when}",
                "long": f"{outlet or UNNAMED}'s article of {when}",
            }
        )
    return pd.DataFrame(rows, columns=["seed", "outlet", "title", "date", "short", "long"])
