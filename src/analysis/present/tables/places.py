"""Places for a reader: the gazetteer's places with their distance to the border, and the border
zone's events."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis.core.dates import format_date
from analysis.present.tables.excerpts import named_as


def places_table(
    distances: pd.DataFrame,
    with_distance: tuple[str, ...] = ("DZA", "MLI", "NER", "BFA"),
    paragraphs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The cities and towns the seeds name (gazetteer role ``seed``) and the public-record places, for a
    reader: name, kind, country, coordinates, precision, distance to the border (only for places in
    ``with_distance`` countries, where it means something), source and the paragraphs naming each.
    ``distances`` is :func:`analysis.analytics.border.place_distances`. With ``paragraphs`` (the corpus's
    paragraphs), ``named as`` (not for display: pass ``excerpts={"named in": "named as"}`` to
    :func:`show`) holds the words naming the place in each paragraph (see :func:`named_as`)."""
    table = distances.reset_index()
    table = table[table["role"].isin(["seed", "public_record"])].copy()
    table.loc[~table["iso3"].isin(list(with_distance)), "distance_km"] = float("nan")
    columns = ["name", "kind", "country", "coordinates", "± km", "to border, km", "source", "named in"]
    if paragraphs is not None:
        texts = dict(zip(paragraphs["key"], paragraphs["display"]))
        table["named as"] = [
            named_as(a, n, k, texts) for a, n, k in zip(table["aliases"], table["name"], table["seed_refs"])
        ]
        columns.append("named as")
    return table.assign(
        country=table["iso3"],
        **{
            "coordinates": [f"{la:.4f}, {lo:.4f}" for la, lo in zip(table["lat"], table["lon"])],
            "± km": table["precision_km"],
            "to border, km": table["distance_km"].round(1),
            "named in": table["seed_refs"].replace("", "not in the seeds"),
        },
    )[columns]


def zone_table(zone: pd.DataFrame, numbers: Mapping[str, int] | None = None) -> pd.DataFrame:
    """The border zone's events (:func:`analysis.analytics.border.zone_events`) for a reader: with
    ``numbers`` (event id → its number on the border map) first the number (``no.``), then event, date
    as the ledger states it, place, PLOVER type, summary, distance to the border (km, one decimal), the
    paragraph and its verbatim excerpt (``source``, ``excerpt``), in date order. An event the map does
    not number is an error, not a blank."""
    rows = zone.sort_values(["start_day", "event_id"])
    first = {}
    if numbers is not None:
        missing = sorted(set(rows["event_id"]) - set(numbers))
        if missing:
            raise ValueError(f"events of the border zone without a number on the map: {', '.join(missing)}")
        first = {"no.": [int(numbers[e]) for e in rows["event_id"]]}
    return pd.DataFrame(
        {
            **first,
            "event": rows["event_id"],
            "date": [
                format_date(s, e, p, b)
                for s, e, p, b in zip(rows["date_start"], rows["date_end"], rows["date_precision"], rows["date_basis"])
            ],
            "place": rows["place_name"],
            "type": rows["event_type"],
            "what the article reports": rows["summary"],
            "to border, km": rows["distance_km"].round(1),
            "source": rows["key"],
            "excerpt": rows["quote"],
        }
    ).reset_index(drop=True)
