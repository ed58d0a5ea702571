"""The event ledger: ``data/events.csv``, one row per event the seeds report, coded in PLOVER.

The codebook lives here as constants, so that the loader, the checks, the README and the book all use
one source:

* :data:`PLOVER_TYPES`: the sixteen PLOVER event types with their quad class, their modes and their
  conflict–cooperation score, from the PLOVER manual (:data:`PLOVER_SOURCE`, scores:
  :data:`SCORE_SOURCE`);
* :data:`CONTEXTS`: PLOVER's context codes;
* :data:`PRECISIONS` and :data:`DATE_BASES`: how a date is written and where it comes from.

:func:`load_events` reads and type-checks the file and raises :class:`LedgerError` (naming the file,
the row's ``event_id`` and CSV line, and the problem) on the first bad row; :func:`event_problems`
lists them all. :func:`check_ledger` checks the ledger against the corpus, the actors and the
gazetteer and returns every problem found. :func:`export_json` writes the JSON copy of the ledger.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.errors import AnalysisError
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
PLOVER_TYPES: dict[str, PloverType] = {t.name: t for t in (
    PloverType("AGREE", "verbal cooperation", 4.2,
               "agree to, offer or promise to cooperate, including promises to sign agreements"),
    PloverType("CONSULT", "verbal cooperation", 2.1,
               "consultations and meetings: visits, hosting, talks, negotiations, mediation", (
                   ("visit", "source actor is visiting, recipient is hosting"),
                   ("third-party", "meeting is hosted by a third party"),
                   ("multilateral", "meeting occurs in a multilateral context, typically an alliance or IGO"),
                   ("phone", "consultation occurs via phone or some other remote medium"),
               )),
    PloverType("SUPPORT", "verbal cooperation", 4.6,
               "initiate, resume or expand diplomatic cooperation; praise or endorse; sign or ratify an agreement"),
    PloverType("CONCEDE", "verbal cooperation", 5.0,
               "verbal concessions without immediate material consequence, including regret for one's own acts"),
    PloverType("COOPERATE", "material cooperation", 6.8,
               "initiate, resume or expand mutual material cooperation, military cooperation included"),
    PloverType("AID", "material cooperation", 7.4,
               "material aid benefiting mainly the recipient: money, arms and personnel, humanitarian aid, asylum"),
    PloverType("RETREAT", "material cooperation", 7.6,
               "yielding with immediate material consequence: withdrawal, release, ceasefire, access, resignation", (
                   ("withdraw", "retreat from territory or withdraw forces from an area"),
                   ("release", "release captives"),
                   ("return", "return property"),
                   ("disarm", "disarm militarily or give up weapons"),
                   ("ceasefire", "implement ceasefire"),
                   ("access", "allow third party (e.g., observers, peacekeepers, humanitarian workers) access"),
                   ("resign", "official resignation"),
               )),
    PloverType("REQUEST", "verbal conflict", -5.0,
               "demands and orders, verbal only", _DEMAND_MODES, manual_name="DEMAND"),
    PloverType("ACCUSE", "verbal conflict", -2.0,
               "disapprove, condemn, criticise; accuse or allege; sue; investigate", (
                   ("disapprove", "express disapproval; condemn; complain"),
                   ("investigate", "any investigation, including commissions, grand juries, judicial or political"),
                   ("allege", "formally or informally accuse; sue, indict, or charge; bring to trial"),
               )),
    PloverType("REJECT", "verbal conflict", -4.2,
               "rejections and refusals", _DEMAND_MODES),
    PloverType("THREATEN", "verbal conflict", -5.1,
               "threats and coercive warnings", (
                   ("restrict", "restrict movement of people or goods, including boycotts, strikes, blockades, and curfews"),
                   ("ban", "threaten to ban political activities of particular parties or individuals"),
                   ("arrest", "arrest, detain, imprison"),
                   ("relations", "threaten to suspend relations, talks"),
                   ("expel", "expel diplomats, peacekeepers, NGOs"),
                   ("territory", "threaten to occupy, seize control of the whole or part of a territory"),
                   ("violence", "threaten violence"),
               )),
    PloverType("PROTEST", "material conflict", -6.6,
               "civilian demonstrations and other collective protest", (
                   ("demo", "organized demonstration"),
                   ("riot", "violent riot"),
                   ("general", "general strike"),
                   ("strike", "limited strike"),
                   ("hunger", "hunger strike"),
                   ("boycott", "boycott"),
                   ("obstruct", "obstruct passage"),
               )),
    PloverType("SANCTION", "material conflict", -5.2,
               "reductions in existing relations: recalls and expulsions, ending aid or agreements, sanctions", (
                   ("convict", "find guilty or liable in a court of law"),
                   ("expel", "expel an actor from a group, organization or country; excluding individual deportations"),
                   ("withdraw", "withdraw oneself or one's non-military resources (e.g., aid, observers, diplomats, peacekeepers) from a group, mediation activity, organization, or country"),
                   ("discontinue", "curtail, decrease, break, or terminate diplomatic, commercial, or material exchanges in manners not specified above"),
               )),
    PloverType("MOBILIZE", "material conflict", -5.3,
               "military or police moves short of the use of force", (
                   ("troops", "mobilize armed personnel or units"),
                   ("weapons", "increase readiness of weapons systems"),
                   ("police", "mobilize or increase readiness of police or security units"),
                   ("militia", "mobilize or increase readiness of any non-state entity with significant military capability"),
               )),
    PloverType("COERCE", "material conflict", -7.2,
               "repression or restrictions on rights", (
                   ("confiscate", "confiscate property"),
                   ("restrict", "impose restrictions on political freedoms or movement"),
                   ("ban", "ban individuals or organizations"),
                   ("censor", "censor, ban or restrict access to publications or other information"),
                   ("curfew", "impose curfew"),
                   ("martial-law", "impose state of emergency or martial law"),
                   ("arrest", "arrest, detain, or charge with legal action"),
                   ("deport", "expel or deport individuals"),
                   ("withhold", "withhold public goods/services or food/medical supplies"),
               )),
    PloverType("ASSAULT", "material conflict", -9.3,
               "deliberate actions that can cause substantial physical harm, military force included", (
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
               )),
)}

#: PLOVER context codes (manual v0.8, tables 'General contexts' and 'Special contexts').
CONTEXTS: tuple[str, ...] = (
    "military", "intelligence", "peacekeeping", "economic", "diplomatic", "resource", "disease",
    "enviro_disaster", "migration", "humanitarian", "asylum", "legal", "human_rights", "rights_freedoms",
    "gender", "lgbt", "terrorism", "human_security", "religion_ethnicity", "executive", "election",
    "legislative", "cbrn", "cyber", "political_institutions", "corruption", "crime", "illegal_drugs",
    "historical", "future", "hypothetical", "negation",
)

#: How precise a date is, and the form ``date_start``/``date_end`` must then take.
PRECISIONS: dict[str, str] = {
    "day": "YYYY-MM-DD: the text gives the day",
    "month": "YYYY-MM: the text gives the month",
    "year": "YYYY: the text gives the year",
    "approximate": "any of the three forms: an interval or bound that the notes explain",
}
_FORM_OF_PRECISION = {"day": "day", "month": "month", "year": "year"}

#: Where a row's date comes from.
DATE_BASES: dict[str, str] = {
    "stated": "the cited paragraph states the date",
    "inherited": "the cited paragraph is part of an act dated in a neighbouring paragraph (named in the notes)",
    "resolved": "a relative or partial expression, or internal evidence, resolved against an anchor named in the notes",
    "report": "the event is an outlet's report, dated by its publication; the act it reports may be older",
    "before": "undated: only an upper bound is known; date_start = date_end = that bound, named in the notes",
}

#: Place ids agreed with the gazetteer; used when ``data/gazetteer.csv`` is not given.
AGREED_PLACE_IDS: tuple[str, ...] = (
    "algiers", "bamako", "kidal", "tessalit", "tin_zaouatine", "tinzaouaten", "moscow", "new_york",
    "niamey", "ouagadougou", "algeria", "mali", "russia", "niger", "burkina_faso", "northern_mali",
    "azawad", "sahel",
)

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id", "date_start", "date_end", "date_precision", "date_basis", "event_type", "event_mode",
    "context", "score", "actor1", "actor2", "place", "summary", "seed", "paragraph", "also_in", "quote",
    "claimed_by", "reported_by", "contested_with", "record_key", "notes",
)
REQUIRED: tuple[str, ...] = (
    "event_id", "date_start", "date_end", "date_precision", "date_basis", "event_type", "score",
    "summary", "seed", "paragraph", "quote", "claimed_by",
)

PILCROW = "\u00b6"
_EVENT_ID = re.compile(r"^E\d{3}$")
_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")
_KEY = re.compile(r"^(\d{3})\u00b6(\d+)$")
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
    own = f"{row['seed']}{PILCROW}{int(row['paragraph'])}"
    return [own] + [k for k in split_list(row.get("also_in", "")) if k != own]


# --------------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------------
def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and ``(line number, record)`` pairs of a CSV file, refusing unreadable files."""
    if not path.is_file():
        raise LedgerError(path, "file not found")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise LedgerError(path, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    reader = csv.DictReader(text.splitlines(keepends=True))
    header = list(reader.fieldnames or [])
    rows = []
    line = 1
    for rec in reader:
        rows.append((line + 1, rec))
        line = reader.line_num
    return header, rows


def _row_label(event_id: str, line: int) -> str:
    return f"{event_id or '?'} (line {line})"


def _row_problems(rec: dict[str, str]) -> list[str]:
    """Problems of one ledger row taken alone."""
    out: list[str] = []
    if None in rec:
        out.append("more cells than columns")
    for col in REQUIRED:
        if not (rec.get(col) or "").strip():
            out.append(f"{col} is empty")
    for col, value in rec.items():
        if isinstance(value, str) and value != value.strip():
            out.append(f"{col} has leading or trailing spaces")
    eid = rec.get("event_id") or ""
    if eid and not _EVENT_ID.match(eid):
        out.append(f"event_id {eid!r} is not E followed by three digits")
    forms: dict[str, str] = {}
    dates_ok = True
    for col in ("date_start", "date_end"):
        value = rec.get(col) or ""
        if not value:
            dates_ok = False
            continue
        try:
            iso_bounds(value)
            forms[col] = iso_form(value)
        except ValueError as exc:
            dates_ok = False
            out.append(f"{col}: {exc}")
    precision = rec.get("date_precision") or ""
    if precision and precision not in PRECISIONS:
        out.append(f"date_precision {precision!r} not one of {', '.join(PRECISIONS)}")
    elif precision in _FORM_OF_PRECISION:
        for col, form in forms.items():
            if form != _FORM_OF_PRECISION[precision]:
                out.append(f"date_precision {precision} but {col} {rec[col]!r} is written to the {form}")
    if dates_ok:
        if iso_bounds(rec["date_start"])[0] > iso_bounds(rec["date_end"])[1]:
            out.append(f"date_start {rec['date_start']} is after date_end {rec['date_end']}")
    basis = rec.get("date_basis") or ""
    if basis and basis not in DATE_BASES:
        out.append(f"date_basis {basis!r} not one of {', '.join(DATE_BASES)}")
    if basis == "before" and rec.get("date_start") != rec.get("date_end"):
        out.append("date_basis before needs date_start equal to date_end (the upper bound)")
    if basis in ("before", "resolved") and precision != "approximate":
        out.append(f"date_basis {basis} needs date_precision approximate")
    etype = rec.get("event_type") or ""
    ptype = PLOVER_TYPES.get(etype)
    if etype and ptype is None:
        out.append(f"event_type {etype!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})")
    mode = rec.get("event_mode") or ""
    if ptype is not None and mode and mode not in ptype.mode_names:
        allowed = ", ".join(ptype.mode_names) or "none"
        out.append(f"event_mode {mode!r} is not a mode of {etype} (allowed: {allowed})")
    context = rec.get("context") or ""
    if context and context not in CONTEXTS:
        out.append(f"context {context!r} is not a PLOVER context")
    score = rec.get("score") or ""
    if score:
        try:
            value = float(score)
        except ValueError:
            out.append(f"score {score!r} is not a number")
        else:
            if ptype is not None and abs(value - ptype.score) > 1e-9:
                out.append(f"score {score} differs from the codebook score of {etype} ({ptype.score:+.1f})")
    seed = rec.get("seed") or ""
    if seed and not re.fullmatch(r"\d{3}", seed):
        out.append(f"seed {seed!r} is not three digits")
    para = rec.get("paragraph") or ""
    if para and not re.fullmatch(r"[1-9]\d*", para):
        out.append(f"paragraph {para!r} is not a positive integer")
    for key in split_list(rec.get("also_in")):
        if not _KEY.match(key):
            out.append(f"also_in item {key!r} is not a paragraph key like 003{PILCROW}14")
    for col in ("actor1", "actor2", "claimed_by", "reported_by", "place", "record_key"):
        value = rec.get(col) or ""
        if value and not _SNAKE.match(value):
            out.append(f"{col} {value!r} is not a snake_case id")
    if not (rec.get("actor1") or rec.get("actor2")):
        out.append("no actor: actor1 and actor2 are both empty")
    for other in split_list(rec.get("contested_with")):
        if not _EVENT_ID.match(other):
            out.append(f"contested_with item {other!r} is not an event_id")
    return out


def event_problems(path: str | Path = EVENTS_PATH) -> list[str]:
    """Every problem of the ledger file taken alone (header, row types, codebook, ids and order), one
    line each: ``FILE: row E012 (line 13): problem``."""
    path = Path(path)
    try:
        header, rows = _read_rows(path)
    except LedgerError as exc:
        return [str(exc)]
    problems: list[str] = []
    missing = [c for c in EVENT_COLUMNS if c not in header]
    extra = [c for c in header if c not in EVENT_COLUMNS]
    if missing:
        problems.append(f"{path}: missing columns: {', '.join(missing)}")
    if extra:
        problems.append(f"{path}: unknown columns: {', '.join(extra)}")
    if missing or not rows:
        if not rows:
            problems.append(f"{path}: no rows")
        return problems
    seen: dict[str, int] = {}
    previous: tuple | None = None
    for i, (line, rec) in enumerate(rows, start=1):
        eid = rec.get("event_id") or ""
        label = _row_label(eid, line)
        for p in _row_problems(rec):
            problems.append(f"{path}: row {label}: {p}")
        if eid in seen:
            problems.append(f"{path}: row {label}: duplicate event_id (also line {seen[eid]})")
        seen.setdefault(eid, line)
        expected = f"E{i:03d}"
        if eid != expected:
            problems.append(f"{path}: row {label}: event_id out of sequence (expected {expected})")
        try:
            order = (iso_bounds(rec["date_start"])[0], rec["seed"], int(rec["paragraph"]))
        except (ValueError, KeyError, TypeError):
            continue
        if previous is not None and order < previous:
            problems.append(f"{path}: row {label}: not in chronological order (date_start, seed, paragraph)")
        previous = order
    return problems


def load_events(path: str | Path = EVENTS_PATH) -> pd.DataFrame:
    """The ledger, checked and typed.

    Columns :data:`EVENT_COLUMNS` (text as in the file, ``paragraph`` int64, ``score`` float64), plus
    ``line`` (the CSV line), ``key`` (citation key of the row's paragraph), ``start_day`` and
    ``end_day`` (first day of ``date_start`` and last day of ``date_end``, Timestamps). Raises
    :class:`LedgerError` naming the file, the row and the problem if any row is bad (see
    :func:`event_problems`).
    """
    path = Path(path)
    problems = event_problems(path)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more problem(s); run `python -m analysis validate`)" if len(problems) > 1 else ""
        prefix = f"{path}: "
        body = first[len(prefix):] if first.startswith(prefix) else first
        row = None
        m = re.match(r"row (.+? \(line \d+\)): (.*)$", body)
        if m:
            row, body = m.group(1), m.group(2)
        raise LedgerError(path, body + more, row=row)
    _header, rows = _read_rows(path)
    frame = pd.DataFrame([rec for _line, rec in rows], columns=list(EVENT_COLUMNS))
    frame["paragraph"] = frame["paragraph"].astype("int64")
    frame["score"] = frame["score"].astype("float64")
    frame["line"] = pd.Series([line for line, _rec in rows], dtype="int64")
    frame["key"] = frame["seed"] + PILCROW + frame["paragraph"].astype(str)
    frame["start_day"] = pd.to_datetime([iso_bounds(v)[0] for v in frame["date_start"]])
    frame["end_day"] = pd.to_datetime([iso_bounds(v)[1] for v in frame["date_end"]])
    frame.attrs["source"] = str(path)
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
    places: pd.DataFrame | Iterable[str] | None = None,
    record_keys: Iterable[str] | None = None,
) -> list[str]:
    """Problems of a loaded ledger against the rest of the project, one line each.

    Checks that each row's seed and paragraph (and ``also_in`` paragraphs) exist and are not
    boilerplate; that the quote occurs in the row's paragraph (both sides through
    :func:`analysis.text.normalise`); that ``actor1``, ``actor2``, ``claimed_by`` and ``reported_by``
    are actors; that no row starts after the latest possible publication date of a seed it cites;
    that ``contested_with`` points to other existing rows and is symmetric; that ``place`` is a
    gazetteer id (``places``: the gazetteer frame or a set of ids; ``None`` checks against
    :data:`AGREED_PLACE_IDS`); and that ``record_key`` names a public-record row when ``record_keys``
    is given.
    """
    source = events.attrs.get("source", str(EVENTS_PATH))
    problems: list[str] = []
    by_key = {r.key: r for r in paragraphs.itertuples(index=False)}
    latest = dict(zip(catalog["seed"], catalog["published_latest"]))
    actor_ids = _ids(actors, "actor_id") or set()
    place_ids = _ids(places, "place_id")
    if place_ids is None:
        place_ids = set(AGREED_PLACE_IDS)
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
            seed = key.split(PILCROW)[0]
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
                problems.append(f"{where}: contested_with {other} is not symmetric ({other} does not list {row['event_id']})")
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
    return pd.DataFrame([
        {"event_type": t.name, "quad class": t.quad, "score": t.score, "definition": t.definition,
         "modes": ", ".join(t.mode_names) or "(none)", "manual name": t.manual_name or t.name}
        for t in PLOVER_TYPES.values()
    ])


def modes_table(types: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per (type, mode) with the manual's description; only ``types`` when given."""
    wanted = set(types) if types is not None else None
    return pd.DataFrame([
        {"event_type": t.name, "event_mode": m, "description": d}
        for t in PLOVER_TYPES.values() if wanted is None or t.name in wanted
        for m, d in t.modes
    ])


def ledger_html(
    events: pd.DataFrame,
    seeds_page: str = "appendix_seeds.html",
    css_class: str = "ledger-table",
) -> str:
    """The ledger as one HTML table (class ``css_class``, which the book's script makes sortable and
    searchable). Each cited paragraph links to its anchor on the seed-text page
    (``appendix_seeds.html#p-003-14``); each row has the id ``ledger-E012`` so that ``contested_with``
    can link to it. All text from the data is escaped with :func:`html.escape`: seed text is data."""
    import html

    def esc(value: object) -> str:
        return html.escape(str(value), quote=True)

    def para_link(key: str) -> str:
        seed, n = _KEY.match(key).groups()
        return f'<a href="{esc(seeds_page)}#p-{seed}-{int(n)}">{esc(key)}</a>'

    headers = ["ID", "Date", "Precision", "Basis", "Type", "Mode", "Score", "Actor 1", "Actor 2", "Place",
               "Summary", "Source", "Quote", "Claimed by", "Reported by", "Contested with", "Notes"]
    out = [f'<table class="{esc(css_class)}">', "<thead><tr>"]
    out += [f"<th>{esc(h)}</th>" for h in headers]
    out += ["</tr></thead>", "<tbody>"]
    for _, row in events.iterrows():
        when = row["date_start"] if row["date_start"] == row["date_end"] else f"{row['date_start']} – {row['date_end']}"
        sources = ", ".join(para_link(k) for k in cited_keys(row))
        contested = ", ".join(
            f'<a href="#ledger-{esc(e)}">{esc(e)}</a>' for e in split_list(row["contested_with"])
        )
        cells = [esc(row["event_id"]), esc(when), esc(row["date_precision"]), esc(row["date_basis"]),
                 esc(row["event_type"]), esc(row["event_mode"]), f"{float(row['score']):+.1f}",
                 esc(row["actor1"]), esc(row["actor2"]), esc(row["place"]), esc(row["summary"]), sources,
                 "\u201c" + esc(row["quote"]) + "\u201d", esc(row["claimed_by"]), esc(row["reported_by"]),
                 contested, esc(row["notes"])]
        out.append(f'<tr id="ledger-{esc(row["event_id"])}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)
