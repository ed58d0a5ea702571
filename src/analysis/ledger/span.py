"""The years the corpus covers, as the book's title states them (``2017–2025``).

A catalogue row counts with its publication interval once a person has reviewed it (``reviewed = yes``).
A row ``add`` inferred and nobody has confirmed yet counts only through the dates of the events coded
from its article (the latest of them, which it was published after), never through its inferred upper
bound (the day it was added): an unreviewed article does not move the title to the year it was added.
"""

from __future__ import annotations

import pandas as pd


def corpus_years(catalog: pd.DataFrame, events: pd.DataFrame) -> tuple[int, int]:
    """``(first, last)`` years of the corpus: reviewed rows' publication intervals, and for each
    unreviewed row the year of the latest event coded from its article (if any)."""
    reviewed = catalog["reviewed"].astype(str).str.strip().str.lower() == "yes"
    years = [int(y) for y in catalog.loc[reviewed, "published_earliest"].dt.year]
    years += [int(y) for y in catalog.loc[reviewed, "published_latest"].dt.year]
    for seed in catalog.loc[~reviewed, "seed"]:
        own = events.loc[events["seed"] == seed, "end_day"]
        if not own.empty:
            years.append(int(own.max().year))
    if not years:
        raise ValueError("no reviewed catalogue row and no event to date the corpus by")
    return min(years), max(years)
