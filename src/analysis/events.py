"""The event ledger: ``data/events.csv``, one row per event the seeds report, coded in PLOVER.

The codebook lives here as constants, so that the loader, the checks, the README and the book all use
one source:

* :data:`PLOVER_TYPES`: the sixteen PLOVER event types with their quad class, their modes and their
  conflict–cooperation score, from the PLOVER manual (:data:`PLOVER_SOURCE`, scores:
  :data:`SCORE_SOURCE`);
* :data:`CONTEXTS`: PLOVER's context codes;
* :data:`PRECISIONS` and :data:`DATE_BASES`: how a date is written and where it comes from.

:data:`EVENTS_SCHEMA` (a pandera ``DataFrameSchema`` built from these constants) states what a
well-formed ledger file is. :func:`load_events` validates the file with it and returns the typed
frame, or raises :class:`LedgerError` listing every problem, one per line, each naming the file, the
row's ``event_id`` and CSV line; :func:`event_problems` returns the same lines. :func:`check_ledger`
checks the ledger against the corpus, the actors and the gazetteer and returns every problem found.
:func:`export_json` writes the JSON copy of the ledger.
The schema is built with the loaders' helpers in :mod:`analysis.schema` (:func:`~analysis.schema.table_schema`,
:func:`~analysis.schema.check_table`), which word pandera's failures as ``FILE: row ID (line N): problem``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from analysis import paths
from analysis.errors import AnalysisError
from analysis.keys import EXAMPLE, KEY, keys_column, paragraph_key, seed_of
from analysis.schema import check_table, items_match, matches, one_of, positive, raise_problems, row_check, table_schema
from analysis.text import normalise

EVENTS_PATH = paths.DATA_DIR / "events.csv"
JSON_PATH = paths.DATA_DIR / "events.json"

# --------------------------------------------------------------------------------------------------
# Codebook
# --------------------------------------------------------------------------------------------------
PLOVER_SOURCE = (
    "PLOVER: Political Language Ontology for Verifiable Event Records, draft version 0.8, Open Event "
    "Data Alliance; file PLOVER_MANUAL.tex of github.com/openeventdata/PLOVER at commit "
    "6b85b9a7506bb372bf6828d68bf922f1e92e750a (event categories and their mode tables)"
)
SCORE_SOURCE = (
    "Table 'PLOVER conflict-cooperation scores' of the same manual (section 'Numeric "
    "conflict/cooperation scores'): for each PLOVER category, the average of the CAMEO Goldstein "
    "(1992) scores of its CAMEO codes weighted by their frequency in an October 2017 to March 2019 "
    "sample, with the COERCE and MOBILIZE values swapped by the authors"
)
MAPPING_SOURCE = (
    "CAMEO2PLOVER-2021.txt of github.com/openeventdata/PLOVER (CAMEO code to PLOVER category, mode and "
    "context), used where the manual's definitions leave a case open (e.g. CAMEO 195 'Employ aerial "
    "weapons' is ASSAULT with mode heavy-weapons)"
)
REQUEST_NOTE = (
    "The manual (v0.8) names this category DEMAND; the team's PLOVER list, like later PLOVER releases, "
    "calls it REQUEST. Its modes and score are DEMAND's."
)


@dataclass(frozen=True)
class PloverType:
    """One PLOVER event type: its quad class, score and modes, as the manual gives them."""

    name: str
    quad: str
    score: float
    definition: str
    modes: tuple[tuple[str, str], ...] = ()
    manual_name: str = ""

    @property
    def mode_names(self) -> tuple[str, ...]:
        return tuple(m for m, _ in self.modes)


_DEMAND_MODES = (
    ("assist", "any form of exchange, relations, or assistance"),
    ("change", "any changes in policy, government, or institutions that are not concessions"),
    ("yield", "release of prisoners, ending sanctions, easing curfews and boycotts, ceasefires"),
    ("meet", "meetings and negotiations"),
)

#: The sixteen PLOVER types. Definitions are short paraphrases of the manual's; modes and their
#: descriptions are the manual's mode tables (v0.8); scores are the manual's table (SCORE_SOURCE).
PLOVER_TYPES: dict[str, PloverType] = {
    t.name: t
    for t in (
        PloverType(
            "AGREE",
            "verbal cooperation",
            4.2,
            "agree to, offer or promise to cooperate, including promises to sign agreements",
        ),
        PloverType(
            "CONSULT",
            "verbal cooperation",
            2.1,
            "consultations and meetings: visits, hosting, talks, negotiations, mediation",
            (
                ("visit", "source actor is visiting, recipient is hosting"),
                ("third-party", "meeting is hosted by a third party"),
                ("multilateral", "meeting occurs in a multilateral context, typically an alliance or IGO"),
                ("phone", "consultation occurs via phone or some other remote medium"),
            ),
        ),
        PloverType(
            "SUPPORT",
            "verbal cooperation",
            4.6,
            "initiate, resume or expand diplomatic cooperation; praise or endorse; sign or ratify an agreement",
        ),
        PloverType(
            "CONCEDE",
            "verbal cooperation",
            5.0,
            "verbal concessions without immediate material consequence, including regret for one's own acts",
        ),
        PloverType(
            "COOPERATE",
            "material cooperation",
            6.8,
            "initiate, resume or expand mutual material cooperation, military cooperation included",
        ),
        PloverType(
            "AID",
            "material cooperation",
            7.4,
            "material aid benefiting mainly the recipient: money, arms and personnel, humanitarian aid, asylum",
        ),
        PloverType(
            "RETREAT",
            "material cooperation",
            7.6,
            "yielding with immediate material consequence: withdrawal, release, ceasefire, access, resignation",
            (
                ("withdraw", "retreat from territory or withdraw forces from an area"),
                ("release", "release captives"),
                ("return", "return property"),
                ("disarm", "disarm militarily or give up weapons"),
                ("ceasefire", "implement ceasefire"),
                ("access", "allow third party (e.g., observers, peacekeepers, humanitarian workers) access"),
                ("resign", "official resignation"),
            ),
        ),
        PloverType(
            "REQUEST", "verbal conflict", -5.0, "demands and orders, verbal only", _DEMAND_MODES, manual_name="DEMAND"
        ),
        PloverType(
            "ACCUSE",
            "verbal conflict",
            -2.0,
            "disapprove, condemn, criticise; accuse or allege; sue; investigate",
            (
                ("disapprove", "express disapproval; condemn; complain"),
                ("investigate", "any investigation, including commissions, grand juries, judicial or political"),
                ("allege", "formally or informally accuse; sue, indict, or charge; bring to trial"),
            ),
        ),
        PloverType("REJECT", "verbal conflict", -4.2, "rejections and refusals", _DEMAND_MODES),
        PloverType(
            "THREATEN",
            "verbal conflict",
            -5.1,
            "threats and coercive warnings",
            (
                (
                    "restrict",
                    "restrict movement of people or goods, including boycotts, strikes, blockades, and curfews",
                ),
                ("ban", "threaten to ban political activities of particular parties or individuals"),
                ("arrest", "arrest, detain, imprison"),
                ("relations", "threaten to suspend relations, talks"),
                ("expel", "expel diplomats, peacekeepers, NGOs"),
                ("territory", "threaten to occupy, seize control of the whole or part of a territory"),
                ("violence", "threaten violence"),
            ),
        ),
        PloverType(
            "PROTEST",
            "material conflict",
            -6.6,
            "civilian demonstrations and other collective protest",
            (
                ("demo", "organized demonstration"),
                ("riot", "violent riot"),
                ("general", "general strike"),
                ("strike", "limited strike"),
                ("hunger", "hunger strike"),
                ("boycott", "boycott"),
                ("obstruct", "obstruct passage"),
            ),
        ),
        PloverType(
            "SANCTION",
            "material conflict",
            -5.2,
            "reductions in existing relations: recalls and expulsions, ending aid or agreements, sanctions",
            (
                ("convict", "find guilty or liable in a court of law"),
                ("expel", "expel an actor from a group, organization or country; excluding individual deportations"),
                (
                    "withdraw",
                    "withdraw oneself or one's non-military resources (e.g., aid, observers, diplomats, peacekeepers) from a group, mediation activity, organization, or country",
                ),
                (
                    "discontinue",
                    "curtail, decrease, break, or terminate diplomatic, commercial, or material exchanges in manners not specified above",
                ),
            ),
        ),
        PloverType(
            "MOBILIZE",
            "material conflict",
            -5.3,
            "military or police moves short of the use of force",
            (
                ("troops", "mobilize armed personnel or units"),
                ("weapons", "increase readiness of weapons systems"),
                ("police", "mobilize or increase readiness of police or security units"),
                (
                    "militia",
                    "mobilize or increase readiness of any non-state entity with significant military capability",
                ),
            ),
        ),
        PloverType(
            "COERCE",
            "material conflict",
            -7.2,
            "repression or restrictions on rights",
            (
                ("confiscate", "confiscate property"),
                ("restrict", "impose restrictions on political freedoms or movement"),
                ("ban", "ban individuals or organizations"),
                ("censor", "censor, ban or restrict access to publications or other information"),
                ("curfew", "impose curfew"),
                ("martial-law", "impose state of emergency or martial law"),
                ("arrest", "arrest, detain, or charge with legal action"),
                ("deport", "expel or deport individuals"),
                ("withhold", "withhold public goods/services or food/medical supplies"),
            ),
        ),
        PloverType(
            "ASSAULT",
            "material conflict",
            -9.3,
            "deliberate actions that can cause substantial physical harm, military force included",
            (
                ("abduct", "abduct, kidnap, hijack"),
                ("beat", "physically assault"),
                ("torture", "torture"),
                ("execute", "judicially-sanctioned execution"),
                ("sexual", "sexual violence"),
                ("assassinate", "targeted assassinations with any weapon"),
                ("destroy", "destroy property"),
                ("primitive", "primitive weapons: fire, edged weapons, rocks, farm implements"),
                ("firearms", "rifles, pistols, light machine guns"),
                ("explosives", "any explosive not incorporated in a heavy weapon: mines, IEDS, car bombs"),
                ("suicide-attack", "individual and vehicular suicide attacks"),
                ("heavy-weapons", "crew-served weapons"),
                ("cleansing", "mass expulsions or deportations, ethnic cleansing"),
                ("massacre", "instances of mass killing or massacres"),
                ("unconventional", "chemical, biological, radiation, and nuclear weapons"),
                ("sideAB", "two-sided violence: source and recipient are Side A and Side B"),
            ),
        ),
    )
}

#: PLOVER context codes (manual v0.8, tables 'General contexts' and 'Special contexts').
CONTEXTS: tuple[str, ...] = (
    "military",
    "intelligence",
    "peacekeeping",
    "economic",
    "diplomatic",
    "resource",
    "disease",
    "enviro_disaster",
    "migration",
    "humanitarian",
    "asylum",
    "legal",
    "human_rights",
    "rights_freedoms",
    "gender",
    "lgbt",
    "terrorism",
    "human_security",
    "religion_ethnicity",
    "executive",
    "election",
    "legislative",
    "cbrn",
    "cyber",
    "political_institutions",
    "corruption",
    "crime",
    "illegal_drugs",
    "historical",
    "future",
    "hypothetical",
    "negation",
)

#: How precise a date is, and the form ``date_start``/``date_end`` must then take.
PRECISIONS: dict[str, str] = {
    "day": "YYYY-MM-DD: the text gives the day",
    "month": "YYYY-MM: the text gives the month",
    "year": "YYYY: the text gives the year",
    "approximate": "any of the three forms: an interval or bound that the notes explain",
}
_FORM_OF_PRECISION = {"day": "day", "month": "month", "year": "year"}  # precision -> form of its dates

#: Where a row's date comes from.
DATE_BASES: dict[str, str] = {
    "stated": "the cited paragraph states the date",
    "inherited": "the cited paragraph is part of an act dated in a neighbouring paragraph (named in the notes)",
    "resolved": "a relative or partial expression, or internal evidence, resolved against an anchor named in the notes",
    "report": "the event is an outlet's report, dated by its publication; the act it reports may be older",
    "before": "undated: only an upper bound is known; date_start = date_end = that bound, named in the notes",
}


EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "date_start",
    "date_end",
    "date_precision",
    "date_basis",
    "event_type",
    "event_mode",
    "context",
    "score",
    "actor1",
    "actor2",
    "place",
    "summary",
    "seed",
    "paragraph",
    "also_in",
    "quote",
    "claimed_by",
    "reported_by",
    "contested_with",
    "record_key",
    "notes",
)
REQUIRED: tuple[str, ...] = (
    "event_id",
    "date_start",
    "date_end",
    "date_precision",
    "date_basis",
    "event_type",
    "score",
    "summary",
    "seed",
    "paragraph",
    "quote",
    "claimed_by",
)

_EVENT_ID = re.compile(r"^E\d{3}$")
_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class LedgerError(AnalysisError):
    """The event ledger (or a claim) is unusable; the message names the file, the row and the problem."""


# --------------------------------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------------------------------
def iso_form(value: str) -> str:
    """``"day"``, ``"month"`` or ``"year"`` for an ISO date string; ValueError otherwise."""
    m = _ISO.match(value or "")
    if not m:
        raise ValueError(f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return "day" if m.group(3) else "month" if m.group(2) else "year"


def iso_bounds(value: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day covered by an ISO date string (``"2024-02"`` -> 1 and 29 February 2024)."""
    form = iso_form(value)
    y, *rest = (int(p) for p in value.split("-"))
    try:
        if form == "day":
            d = pd.Timestamp(date(y, rest[0], rest[1]))
            return d, d
        if form == "month":
            first = pd.Timestamp(date(y, rest[0], 1))
            return first, first + pd.offsets.MonthEnd(0)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a calendar date ({exc})") from None
    return pd.Timestamp(date(y, 1, 1)), pd.Timestamp(date(y, 12, 31))


def split_list(value: str) -> list[str]:
    """Items of a ``;``-separated cell, stripped, empty items dropped."""
    return [v.strip() for v in str(value or "").split(";") if v.strip()]


def cited_keys(row: pd.Series | dict) -> list[str]:
    """Paragraph keys a row cites: its own paragraph first, then ``also_in``."""
    own = paragraph_key(row['seed'], row['paragraph'])
    return [own] + [k for k in split_list(row.get("also_in", "")) if k != own]


# --------------------------------------------------------------------------------------------------
# The ledger's schema and loader
# --------------------------------------------------------------------------------------------------
_SEED = re.compile(r"^\d{3}$")
_ID_COLUMNS = ("actor1", "actor2", "claimed_by", "reported_by", "place", "record_key")
_APPROXIMATE_BASES = ("before", "resolved")  # date bases that only an approximate date can have


def _span(value: object) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """:func:`iso_bounds` of a cell, or None if it is not a valid ISO date."""
    try:
        return iso_bounds(value)
    except (ValueError, TypeError):
        return None


def _form(value: object) -> str:
    """:func:`iso_form` of a cell, or "" if it is not written as an ISO date."""
    try:
        return iso_form(value)
    except (ValueError, TypeError):
        return ""


def _event_hints(row: dict) -> dict:
    """What the ledger's problem messages quote beyond the row's own cells."""
    ptype = PLOVER_TYPES.get(row["event_type"])
    return {
        "modes": (", ".join(ptype.mode_names) or "none") if ptype else "",
        "codebook": f"{ptype.score:+.1f}" if ptype else "",
        "date_start_form": _form(row["date_start"]),
        "date_end_form": _form(row["date_end"]),
    }


def _start_not_after_end(row: dict) -> bool:
    start, end = _span(row["date_start"]), _span(row["date_end"])
    return start is None or end is None or start[0] <= end[1]


def _written_to_precision(column: str) -> Callable[[dict], bool]:
    """A row passes if its precision is day, month or year and ``column`` is written to that unit."""
    return lambda row: (
        row["date_precision"] not in _FORM_OF_PRECISION
        or _form(row[column]) in ("", _FORM_OF_PRECISION[row["date_precision"]])
    )


def _mode_of_type(row: dict) -> bool:
    ptype = PLOVER_TYPES.get(row["event_type"])
    return ptype is None or not row["event_mode"] or row["event_mode"] in ptype.mode_names


def _codebook_score(row: dict) -> bool:
    ptype = PLOVER_TYPES.get(row["event_type"])
    score = pd.to_numeric(row["score"], errors="coerce")
    return ptype is None or pd.isna(score) or abs(score - ptype.score) <= 1e-9


def _in_sequence(events: pd.DataFrame) -> pd.Series:
    """Row n has event_id E00n."""
    return events["event_id"].eq([f"E{i:03d}" for i in range(1, len(events) + 1)])


def _in_chronological_order(events: pd.DataFrame) -> pd.Series:
    """No row sorts before the previous datable row by (first day of date_start, seed, paragraph)."""
    ok, previous = [], None
    paragraphs = pd.to_numeric(events["paragraph"], errors="coerce")
    for start, seed, para in zip(events["date_start"], events["seed"], paragraphs):
        span = _span(start)
        if span is None or pd.isna(seed) or pd.isna(para):
            ok.append(True)
            continue
        order = (span[0], seed, int(para))
        ok.append(previous is None or order >= previous)
        previous = order
    return pd.Series(ok, index=events.index, dtype=bool)


_ISO_DATE = [
    matches(_ISO, "{column}: {value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"),
    pa.Check(
        lambda v: not _ISO.match(v) or _span(v) is not None,
        element_wise=True,
        error="{column}: {value!r} is not a calendar date",
    ),
]

#: The ledger file as read (text, empty cells NA): columns, types, codebook values, ISO dates, ids,
#: order, and the rules between a row's cells. :func:`event_problems` words its failures.
EVENTS_SCHEMA = table_schema(
    EVENT_COLUMNS,
    REQUIRED,
    {
        "event_id": [matches(_EVENT_ID, "event_id {value!r} is not E followed by three digits")],
        "date_start": _ISO_DATE,
        "date_end": _ISO_DATE,
        "date_precision": [one_of(PRECISIONS)],
        "date_basis": [one_of(DATE_BASES)],
        "event_type": [
            pa.Check.isin(
                list(PLOVER_TYPES), error="event_type {value!r} is not a PLOVER type (" + ", ".join(PLOVER_TYPES) + ")"
            )
        ],
        "context": [pa.Check.isin(list(CONTEXTS), error="context {value!r} is not a PLOVER context")],
        "seed": [matches(_SEED, "seed {value!r} is not three digits")],
        "paragraph": [positive()],
        "also_in": [
            items_match(KEY, f"also_in {{value!r}} is not a ;-separated list of paragraph keys like {EXAMPLE}")
        ],
        "contested_with": [items_match(_EVENT_ID, "contested_with {value!r} is not a ;-separated list of event_ids")],
        **{c: [matches(_SNAKE, "{column} {value!r} is not a snake_case id")] for c in _ID_COLUMNS},
    },
    row_checks=[
        row_check(_start_not_after_end, "date_start {date_start} is after date_end {date_end}"),
        row_check(
            _written_to_precision("date_start"),
            "date_precision {date_precision} but date_start {date_start!r} is written to the {date_start_form}",
        ),
        row_check(
            _written_to_precision("date_end"),
            "date_precision {date_precision} but date_end {date_end!r} is written to the {date_end_form}",
        ),
        row_check(
            lambda r: r["date_basis"] != "before" or r["date_start"] == r["date_end"],
            "date_basis before needs date_start equal to date_end (the upper bound)",
        ),
        row_check(
            lambda r: r["date_basis"] not in _APPROXIMATE_BASES or r["date_precision"] == "approximate",
            "date_basis {date_basis} needs date_precision approximate",
        ),
        row_check(_mode_of_type, "event_mode {event_mode!r} is not a mode of {event_type} (allowed: {modes})"),
        row_check(_codebook_score, "score {score} differs from the codebook score of {event_type} ({codebook})"),
        row_check(lambda r: bool(r["actor1"] or r["actor2"]), "no actor: actor1 and actor2 are both empty"),
        pa.Check(_in_sequence, error="event_id out of sequence (expected E{position:03d})"),
        pa.Check(_in_chronological_order, error="not in chronological order (date_start, seed, paragraph)"),
    ],
    numbers={"score": "float64", "paragraph": "int64"},
    unique=("event_id",),
)


def _check_events(path: str | Path) -> tuple[pd.DataFrame | None, list[str]]:
    return check_table(path, EVENTS_SCHEMA, "event_id", LedgerError, _event_hints)


def event_problems(path: str | Path = EVENTS_PATH) -> list[str]:
    """Every problem of the ledger file taken alone (:data:`EVENTS_SCHEMA`), one line each:
    ``FILE: row E012 (line 13): problem``."""
    try:
        return _check_events(path)[1]
    except LedgerError as exc:
        return [str(exc)]


def load_events(path: str | Path = EVENTS_PATH) -> pd.DataFrame:
    """The ledger, validated by :data:`EVENTS_SCHEMA` and typed.

    Columns :data:`EVENT_COLUMNS` (text as in the file, empty cells "", ``paragraph`` int64,
    ``score`` float64), plus ``line`` (the CSV line), ``key`` (citation key of the row's paragraph),
    ``start_day`` and ``end_day`` (first day of ``date_start`` and last day of ``date_end``,
    Timestamps). Raises :class:`LedgerError` listing every problem, one per line, each naming the
    file, the row's ``event_id`` and CSV line (see :func:`event_problems`).
    """
    frame, problems = _check_events(path)
    if problems:
        raise_problems(LedgerError, path, problems)
    frame["key"] = keys_column(frame["seed"], frame["paragraph"])
    frame["start_day"] = pd.to_datetime([iso_bounds(v)[0] for v in frame["date_start"]])
    frame["end_day"] = pd.to_datetime([iso_bounds(v)[1] for v in frame["date_end"]])
    return frame


# --------------------------------------------------------------------------------------------------
# Integrity against the corpus, the actors and the places
# --------------------------------------------------------------------------------------------------
def _ids(table: pd.DataFrame | Iterable[str] | None, column: str) -> set[str] | None:
    if table is None:
        return None
    if isinstance(table, pd.DataFrame):
        return set(table[column].astype(str))
    return set(table)


def check_ledger(
    events: pd.DataFrame,
    paragraphs: pd.DataFrame,
    catalog: pd.DataFrame,
    actors: pd.DataFrame | Iterable[str],
    places: pd.DataFrame | Iterable[str],
    record_keys: Iterable[str] | None = None,
) -> list[str]:
    """Problems of a loaded ledger against the rest of the project, one line each.

    Checks that each row's seed and paragraph (and ``also_in`` paragraphs) exist and are not
    boilerplate; that the quote occurs in the row's paragraph (both sides through
    :func:`analysis.text.normalise`); that ``actor1``, ``actor2``, ``claimed_by`` and ``reported_by``
    are actors; that no row starts after the latest possible publication date of a seed it cites;
    that ``contested_with`` points to other existing rows and is symmetric; that ``place`` is a
    gazetteer id (``places``: the gazetteer frame or a set of ids); and that ``record_key`` names a
    public-record row when ``record_keys`` is given.
    """
    source = events.attrs.get("source", str(EVENTS_PATH))
    problems: list[str] = []
    by_key = {r.key: r for r in paragraphs.itertuples(index=False)}
    latest = dict(zip(catalog["seed"], catalog["published_latest"]))
    actor_ids = _ids(actors, "actor_id") or set()
    place_ids = _ids(places, "place_id") or set()
    records = set(record_keys) if record_keys is not None else None
    ids = set(events["event_id"])
    contested = {r["event_id"]: set(split_list(r["contested_with"])) for _, r in events.iterrows()}

    for _, row in events.iterrows():
        line = row["line"] if "line" in row else "?"
        where = f"{source}: row {row['event_id']} (line {line})"
        if row["seed"] not in latest:
            problems.append(f"{where}: seed {row['seed']} is not in the catalogue")
        for n, key in enumerate(cited_keys(row)):
            para = by_key.get(key)
            what = "paragraph" if n == 0 else "also_in paragraph"
            if para is None:
                problems.append(f"{where}: {what} {key} does not exist")
                continue
            if para.kind == "boilerplate":
                problems.append(f"{where}: {what} {key} is boilerplate ({para.rule}), not evidence")
            seed = seed_of(key)
            if seed in latest and row["start_day"] > latest[seed]:
                problems.append(
                    f"{where}: dated {row['date_start']}, after the latest possible publication of its "
                    f"source {seed} ({latest[seed]:%Y-%m-%d})"
                )
            if n == 0 and normalise(row["quote"]) not in normalise(para.text):
                problems.append(f"{where}: quote not found in {key}: {row['quote'][:60]!r}")
        for col in ("actor1", "actor2", "claimed_by", "reported_by"):
            value = row[col]
            if value and value not in actor_ids:
                problems.append(f"{where}: {col} {value!r} is not in actors.csv")
        if row["place"] and row["place"] not in place_ids:
            problems.append(f"{where}: place {row['place']!r} is not in the gazetteer")
        if records is not None and row["record_key"] and row["record_key"] not in records:
            problems.append(f"{where}: record_key {row['record_key']!r} is not in public_record.csv")
        for other in sorted(contested[row["event_id"]]):
            if other == row["event_id"]:
                problems.append(f"{where}: contested_with names the row itself")
            elif other not in ids:
                problems.append(f"{where}: contested_with {other} does not exist")
            elif row["event_id"] not in contested.get(other, set()):
                problems.append(
                    f"{where}: contested_with {other} is not symmetric ({other} does not list {row['event_id']})"
                )
    return problems


# --------------------------------------------------------------------------------------------------
# Export and codebook tables
# --------------------------------------------------------------------------------------------------
LIST_COLUMNS = ("also_in", "contested_with")


def json_records(events: pd.DataFrame) -> list[dict]:
    """The ledger's columns as JSON-ready records: text as in the CSV, ``paragraph`` an int, ``score``
    a float, ``also_in`` and ``contested_with`` lists."""
    out = []
    for _, row in events.iterrows():
        rec: dict = {}
        for col in EVENT_COLUMNS:
            value = row[col]
            if col == "paragraph":
                rec[col] = int(value)
            elif col == "score":
                rec[col] = float(value)
            elif col in LIST_COLUMNS:
                rec[col] = split_list(value)
            else:
                rec[col] = str(value)
        out.append(rec)
    return out


def export_json(events: pd.DataFrame, path: str | Path = JSON_PATH) -> Path:
    """Write the ledger as JSON (``{"source", "codebook", "events": [...]}``); returns the path."""
    path = Path(path)
    doc = {
        "source": "data/events.csv",
        "codebook": {"types_and_modes": PLOVER_SOURCE, "scores": SCORE_SOURCE},
        "events": json_records(events),
    }
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def types_table() -> pd.DataFrame:
    """One row per PLOVER type: quad class, score, modes and the manual's name where it differs."""
    return pd.DataFrame(
        [
            {
                "event_type": t.name,
                "quad class": t.quad,
                "score": t.score,
                "definition": t.definition,
                "modes": ", ".join(t.mode_names) or "(none)",
                "manual name": t.manual_name or t.name,
            }
            for t in PLOVER_TYPES.values()
        ]
    )


def modes_table(types: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per (type, mode) with the manual's description; only ``types`` when given."""
    wanted = set(types) if types is not None else None
    return pd.DataFrame(
        [
            {"event_type": t.name, "event_mode": m, "description": d}
            for t in PLOVER_TYPES.values()
            if wanted is None or t.name in wanted
            for m, d in t.modes
        ]
    )
