"""The codebook's vocabularies with how often the ledger uses each term."""

from __future__ import annotations

import pandas as pd


def types_in_use(events: pd.DataFrame) -> pd.DataFrame:
    """The codebook's PLOVER types (:func:`analysis.ledger.codebook.types_table`) with the number of ledger
    events of each (``events in ledger``, 0 for a type the ledger does not use)."""
    from analysis.ledger.codebook import types_table

    types = types_table()
    used = events["event_type"].value_counts()
    types["events in ledger"] = [int(used.get(t, 0)) for t in types["event_type"]]
    return types


def modes_in_use(events: pd.DataFrame) -> pd.DataFrame:
    """The (type, mode) pairs the ledger uses, with the manual's description and the number of events
    (``events``); a mode the codebook does not list for its type is refused by the ledger's loader."""
    from analysis.ledger.codebook import modes_table

    pairs = events[events["event_mode"] != ""].groupby(["event_type", "event_mode"]).size()
    modes = modes_table(sorted(events["event_type"].unique()))
    keep = [(t, m) in pairs.index for t, m in zip(modes["event_type"], modes["event_mode"])]
    modes = modes[keep].reset_index(drop=True)
    modes["events"] = [int(pairs[(t, m)]) for t, m in zip(modes["event_type"], modes["event_mode"])]
    return modes


def terms_in_use(
    rows: pd.DataFrame, column: str, terms: dict[str, str], meaning: str = "meaning", count: str = "events"
) -> pd.DataFrame:
    """A codebook vocabulary (``terms``: value -> meaning, e.g. :data:`analysis.ledger.codebook.PRECISIONS`)
    with the number of ``rows`` (ledger events, actors) holding each value in ``column`` (header
    ``count``)."""
    counts = rows[column].value_counts()
    return pd.DataFrame(
        {
            column: list(terms),
            meaning: list(terms.values()),
            count: [int(counts.get(t, 0)) for t in terms],
        }
    )
