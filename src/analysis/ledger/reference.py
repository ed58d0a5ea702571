"""The public record: ``data/public_record.csv``, facts from sources other than the seeds.

The file is a byte-for-byte copy of the team's reference file. Each row has a ``key``, a ``kind``
(``place``, ``date`` or ``claim``), the ``subject``, the ``value``, its ``source``, a ``reliability``
grade (A reliable ... F cannot be judged, after the Admiralty scale) and a ``note``.

The record is shown beside the seeds, never merged into them: the ledger keeps what the seed says,
and :func:`differences` lists where the record says otherwise, each difference labelled with the
record's source.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.core import paths
from analysis.core.dates import iso_bounds
from analysis.core.errors import AnalysisError
from analysis.core.keys import paragraph_key
from analysis.core.schema import check_table, matches, one_of, raise_problems, table_schema

PUBLIC_RECORD_PATH = paths.DATA_DIR / "public_record.csv"
COLUMNS: tuple[str, ...] = ("key", "kind", "subject", "value", "source", "reliability", "note")
KINDS: tuple[str, ...] = ("place", "date", "claim")
RELIABILITY: tuple[str, ...] = ("A", "B", "C", "D", "E", "F")
DIFFERENCE_COLUMNS: tuple[str, ...] = (
    "record_key",
    "aspect",
    "event_id",
    "seed_paragraph",
    "seed_value",
    "record_value",
    "record_source",
    "reliability",
    "record_note",
)
_ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_SETTLEMENT_KINDS = ("city", "town", "commune")


class PublicRecordError(AnalysisError):
    """The public-record file is unusable; the message names the file, the row and the problem."""


#: The public record as read (text, empty cells NA): keys, kinds, grades; a value and a source on every row.
PUBLIC_RECORD_SCHEMA = table_schema(
    COLUMNS,
    ("key", "kind", "subject", "value", "source", "reliability"),
    {
        "key": [matches(re.compile(r"^[a-z][a-z0-9_]*$"), "key {value!r} is not snake_case")],
        "kind": [one_of(KINDS)],
        "reliability": [one_of(RELIABILITY)],
    },
    unique=("key",),
)


def load_public_record(path: str | Path = PUBLIC_RECORD_PATH) -> pd.DataFrame:
    """The public record (columns :data:`COLUMNS`, text), validated by :data:`PUBLIC_RECORD_SCHEMA`:
    unique snake_case keys, known kinds and reliability grades, a subject, value and source on every
    row. Raises :class:`PublicRecordError` listing every problem, one per line, each naming the file
    and the row (``FILE: row tin_zaouatine_coords (line 2): problem``)."""
    frame, problems = check_table(path, PUBLIC_RECORD_SCHEMA, "key", PublicRecordError)
    if problems:
        raise_problems(PublicRecordError, path, problems)
    frame = frame.drop(columns="line")
    frame.attrs = {"source": str(Path(path))}
    return frame


def _date_difference(ev: pd.Series, rec: pd.Series) -> dict | None:
    days = [pd.Timestamp(d) for d in _ISO_DAY.findall(rec["value"])]
    if not days:
        return None
    if any(ev["start_day"] <= d <= ev["end_day"] for d in days):
        return None
    seed_value = ev["date_start"] if ev["date_start"] == ev["date_end"] else f"{ev['date_start']}..{ev['date_end']}"
    return {"aspect": "date", "seed_value": f"{seed_value} ({ev['date_precision']})", "record_value": rec["value"]}


def _place_difference(
    ev: pd.Series, rec: pd.Series, gazetteer: pd.DataFrame, paragraphs: pd.DataFrame | None
) -> dict | None:
    from analysis.sources.places import find_places  # a sibling loader, needed only here

    if not ev["place"]:
        return None
    kind = dict(zip(gazetteer["place_id"], gazetteer["kind"]))
    if kind.get(ev["place"]) not in _SETTLEMENT_KINDS:
        return None
    named = [p for p in find_places(rec["subject"], gazetteer) if kind.get(p) in _SETTLEMENT_KINDS]
    # What the seed names: the row's place, or, where that place is the public record's (a strike the
    # seed puts only "in the vicinity of" a town), the settlements the row's own paragraph names.
    seed_places, where = [ev["place"]], ev["key"]
    text = dict(zip(paragraphs["key"], paragraphs["text"])) if paragraphs is not None else {}
    role = dict(zip(gazetteer["place_id"], gazetteer["role"]))
    if role.get(ev["place"]) != "seed" and text:
        own = [p for p in find_places(text.get(ev["key"], ""), gazetteer) if kind.get(p) in _SETTLEMENT_KINDS]
        seed_places = own or seed_places
    if not named or set(named) & set(seed_places):
        return None
    if text:
        from analysis.ledger.events import cited_keys

        naming = [k for k in cited_keys(ev) if set(seed_places) & set(find_places(text.get(k, ""), gazetteer))]
        where = "; ".join(naming) or where
    names = dict(zip(gazetteer["place_id"], gazetteer["name"]))
    return {
        "aspect": "place",
        "seed_value": "; ".join(names.get(p, p) for p in seed_places),
        "seed_paragraph": where,
        "record_value": "; ".join(names.get(p, p) for p in named) + f" (record subject: {rec['subject']})",
    }


def _claim_difference(ev: pd.Series, rec: pd.Series, claims: pd.DataFrame | None) -> dict | None:
    if claims is None:
        return None
    own = claims[claims["event_id"] == ev["event_id"]]
    if own.empty:
        return None
    seed_value = "; ".join(f"{r.claimant} ({r.key}): \u201c{r.quote}\u201d" for r in own.itertuples(index=False))
    return {
        "aspect": "claim",
        "seed_value": seed_value,
        "record_value": rec["value"],
        "seed_paragraph": "; ".join(dict.fromkeys(own["key"])),
    }


def differences(
    events: pd.DataFrame,
    public_record: pd.DataFrame,
    claims: pd.DataFrame | None = None,
    gazetteer: pd.DataFrame | None = None,
    paragraphs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Where the public record differs from the seed version kept in the ledger.

    For each ledger row with a ``record_key``: a **date** difference when none of the ISO days in the
    record's value falls within the row's dates; a **place** difference when the record's subject
    names a town or city (found with :func:`analysis.sources.places.find_places`, only if ``gazetteer`` is
    given) other than the row's town or city (with ``paragraphs``, the seed paragraph cited is the one
    naming the row's place); a **claim** difference for ``claim`` records, setting the
    seed's claims about the event (from ``claims``, if given) beside the record's figures.

    Columns :data:`DIFFERENCE_COLUMNS`: the record's key, the aspect, the ledger row and the seed
    paragraph it cites, the seed's value, the record's value, the record's source and grade, and the
    record's note.
    """
    rows = []
    record = public_record.set_index("key")
    for _, ev in events[events["record_key"] != ""].iterrows():
        rec = record.loc[ev["record_key"]]
        found = []
        if rec["kind"] == "date":
            found.append(_date_difference(ev, rec))
            if gazetteer is not None:
                found.append(_place_difference(ev, rec, gazetteer, paragraphs))
        elif rec["kind"] == "claim":
            found.append(_claim_difference(ev, rec, claims))
            if gazetteer is not None:
                found.append(_place_difference(ev, rec, gazetteer, paragraphs))
        for diff in filter(None, found):
            rows.append(
                {
                    "record_key": ev["record_key"],
                    "aspect": diff["aspect"],
                    "event_id": ev["event_id"],
                    "seed_paragraph": diff.get("seed_paragraph", ev["key"]),
                    "seed_value": diff["seed_value"],
                    "record_value": diff["record_value"],
                    "record_source": rec["source"],
                    "reliability": rec["reliability"],
                    "record_note": rec["note"],
                }
            )
    frame = pd.DataFrame(rows, columns=list(DIFFERENCE_COLUMNS))
    return frame.drop_duplicates(["record_key", "aspect", "seed_value"], ignore_index=True)


def after_corpus(public_record: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The public record's dated events that fall after the last event the ledger dates and that no
    ledger row covers (``record_key``): what the record adds beyond the articles. Once a new article
    reports such an event (its ledger row citing the record, or dated later), the row drops out.
    Columns: ``key``, ``day``, ``subject``, ``source``, ``reliability``."""
    dated = events[events["date_basis"] != "before"]
    end = max(iso_bounds(str(v))[1] for v in dated["date_end"])
    covered = set(events["record_key"])
    rows = []
    for rec in public_record[public_record["kind"] == "date"].itertuples(index=False):
        days = re.findall(r"\d{4}-\d{2}-\d{2}", str(rec.value))
        if not days or rec.key in covered:
            continue
        day = pd.Timestamp(days[0])
        if day > end:
            rows.append(
                {
                    "key": rec.key,
                    "day": day,
                    "subject": rec.subject,
                    "source": rec.source,
                    "reliability": rec.reliability,
                }
            )
    frame = pd.DataFrame(rows, columns=["key", "day", "subject", "source", "reliability"])
    return frame.astype({"day": "datetime64[ns]"})  # typed even when empty


def date_comparison(
    events: pd.DataFrame, public_record: pd.DataFrame, among: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The ledger's dates beside the public record's, for every event whose ``record_key`` names a
    dated record entry (only the events of ``among``, a subset of the ledger, when given): ``event_id``,
    ``subject`` (the record's), ``seed_date`` (the ledger's ``date_start``), ``key`` and ``quote`` (the
    paragraph and words the date rests on), ``record_date``, ``source``, ``reliability`` and ``agree``
    ("yes"/"no", from :func:`differences`)."""
    record = public_record.set_index("key")
    dated = set(public_record.loc[public_record["kind"] == "date", "key"])
    chosen = events[events["record_key"].isin(dated)]
    if among is not None:
        chosen = chosen[chosen["event_id"].isin(among["event_id"])]
    differing = differences(events, public_record)
    differing = set(differing.loc[differing["aspect"] == "date", "event_id"])
    rows = []
    for ev in chosen.itertuples(index=False):
        rec = record.loc[ev.record_key]
        rows.append(
            {
                "event_id": ev.event_id,
                "subject": rec["subject"],
                "seed_date": ev.date_start,
                "key": paragraph_key(ev.seed, ev.paragraph),
                "quote": ev.quote,
                "record_date": rec["value"],
                "source": rec["source"],
                "reliability": rec["reliability"],
                "agree": "no" if ev.event_id in differing else "yes",
            }
        )
    columns = ["event_id", "subject", "seed_date", "key", "quote", "record_date", "source", "reliability", "agree"]
    return pd.DataFrame(rows, columns=columns)
