"""Events per pair of actors (dyad), for the timelines that draw one lane per pair: each event with its
pair, how precisely it is dated, a label in plain words ("28 Feb 2024 Diop meets Lavrov, Moscow"), the
lane's turn from cooperation to conflict, and the titles that state what the lanes show.

Pure functions: frames in, frames and strings out; nothing is drawn here (:mod:`analysis.present.pairs`
draws). Sides are those of :func:`analysis.analytics.timeline.sides`: an actor counts with the state it
acts for; an armed group, a movement, an organisation or a person acting for no state is its own side.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.analytics import timeline
from analysis.core import wording
from analysis.core.dates import format_date
from analysis.ledger.codebook import PLOVER_TYPES

#: What each PLOVER type says an actor did, in plain words (present tense, before the second actor).
#: Every type of the codebook has its verb, so a new type cannot be labelled by its code.
VERBS: dict[str, str] = {
    "AGREE": "agrees with",
    "CONSULT": "meets",
    "SUPPORT": "backs",
    "CONCEDE": "concedes to",
    "COOPERATE": "works with",
    "AID": "aids",
    "RETREAT": "withdraws forces from",
    "REQUEST": "calls on",
    "ACCUSE": "accuses",
    "REJECT": "rebuffs",
    "THREATEN": "threatens",
    "PROTEST": "protests against",
    "SANCTION": "downgrades ties with",
    "MOBILIZE": "mobilises against",
    "COERCE": "coerces",
    "ASSAULT": "attacks",
}
#: Where the event's mode says more than its type: (type, mode) -> verb.
MODE_VERBS: dict[tuple[str, str], str] = {("ACCUSE", "disapprove"): "criticises"}

#: The columns of :func:`pair_events`, in order.
PAIR_COLUMNS = [
    "pair",
    "event_id",
    "date",
    "dating",
    "t_start",
    "t_end",
    "t_mark",
    "polarity",
    "event_type",
    "what",
    "label",
    "seed",
    "paragraph",
    "turn",
]

#: How an event's date is drawn: ``day`` (a day, perhaps approximate), ``span`` (a month, a year or an
#: interval: the event lies somewhere within it) and ``undated`` (the articles give no date; the ledger
#: puts it at the latest date it can have).
DATINGS = ("day", "span", "undated")

_ACRONYM = re.compile(r"^[A-Z]{2,8}$")


def _plain(name: str) -> str:
    """A name without its parenthesis and without the second of two names ("A / B")."""
    return name.split(" (")[0].split(" / ")[0].strip()


def side_names(actors: pd.DataFrame, longest: int = 26) -> dict[str, str]:
    """The short name of each side (keyed by the side's name as :func:`timeline.sides` gives it): the name
    without its parenthesis, or, when that is longer than ``longest`` characters, the actor's acronym
    among its aliases (ECOWAS) if it has one."""
    out = {}
    for rec in actors.to_dict("records"):
        short = _plain(rec["name"])
        if len(short) > longest:
            acronyms = [a for a in str(rec.get("aliases") or "").split("|") if _ACRONYM.match(a.strip())]
            short = acronyms[0].strip() if acronyms else short
        out[rec["name"]] = short
    return out


def actor_short_names(actors: pd.DataFrame, longest: int = 24) -> dict[str, str]:
    """How a label names each actor: a person by the one-word alias the actor table gives first (the
    surname), a state by its name, a state body by its plain name if no longer than ``longest``
    characters, else by its state; any other actor by its side's short name (:func:`side_names`)."""
    states = {rec["country"]: rec["name"] for rec in actors.to_dict("records") if rec["kind"] == "state"}
    sides = side_names(actors)
    out = {}
    for rec in actors.to_dict("records"):
        first_alias = str(rec.get("aliases") or "").split("|")[0].strip()
        acts_for = str(rec.get("acts_for") or "")
        if rec["kind"] == "person" and first_alias and " " not in first_alias:
            out[rec["actor_id"]] = first_alias
        elif rec["kind"] == "person" and len(rec["name"].split()) <= 3:
            out[rec["actor_id"]] = rec["name"].split()[-1]
        elif acts_for and (rec["kind"] == "person" or len(_plain(rec["name"])) > longest):
            out[rec["actor_id"]] = states.get(acts_for, _plain(rec["name"]))
        else:
            out[rec["actor_id"]] = sides.get(rec["name"], _plain(rec["name"]))
    return out


def plural_names(actors: pd.DataFrame) -> set[str]:
    """The short names (:func:`actor_short_names`) that take a plural verb: a group or a body whose name
    ends in a plural noun ("Northern Mali movements", "Malian Armed Forces"); never a state, a person or
    an organisation ("United Nations")."""
    short = actor_short_names(actors)
    return {
        short[rec["actor_id"]]
        for rec in actors.to_dict("records")
        if rec["kind"] not in ("state", "person", "organisation") and short[rec["actor_id"]].endswith("s")
    }


def what(rec: dict, short: dict[str, str], places: dict[str, str], plural_actors: frozenset[str] = frozenset()) -> str:
    """Who did what, where, in plain words: ``"Diop meets Lavrov, Moscow"``. ``rec`` is a ledger row,
    ``short`` the actors' short names, ``places`` the names of the places worth naming (a city, a town, a
    region: not a country, which the pair already names), ``plural_actors`` the names that take a
    plural verb (:func:`plural_names`)."""
    etype = str(rec["event_type"]).strip().upper()
    if etype not in PLOVER_TYPES:
        raise ValueError(f"{rec.get('event_id', '?')}: unknown PLOVER event type {rec['event_type']!r}")
    verb = MODE_VERBS.get((etype, str(rec.get("event_mode") or "").strip()), VERBS[etype])
    who1 = short.get(rec["actor1"], rec["actor1"])
    who2 = short.get(rec.get("actor2") or "", rec.get("actor2") or "")
    if who1 in plural_actors:  # "Northern Mali movements meet", not "meets"
        verb = verb.replace("s ", " ", 1) if " " in verb else verb[:-1]
    text = f"{who1} {verb} {who2}".strip() if who2 else f"{who1} {verb.split()[0]}"
    place_ids = [p.strip() for p in str(rec.get("place") or "").split(";") if p.strip()]
    where = [places[p] for p in place_ids if p in places]
    return f"{text}, {wording.join(where)}" if where else text


def country_sides(actors: pd.DataFrame, country: str) -> set[str]:
    """The sides (as :func:`timeline.sides` names them) of every actor from ``country`` (ISO3): the state,
    and each group from that country acting for no state ("RUS": Russia and the Wagner Group)."""
    states = {rec["country"]: rec["name"] for rec in actors.to_dict("records") if rec["kind"] == "state"}
    return {
        states.get(rec["acts_for"], rec["acts_for"]) if rec["acts_for"] else rec["name"]
        for rec in actors.to_dict("records")
        if rec["country"] == country
    }


def _dating(rec: dict) -> str:
    if not rec["dated"]:
        return "undated"
    return "day" if rec["t_end"] <= rec["t_start"] else "span"


def pair_events(
    events: pd.DataFrame,
    actors: pd.DataFrame,
    gazetteer: pd.DataFrame,
    involving: set[str] | None = None,
    min_events: int = 1,
) -> pd.DataFrame:
    """Every event between two different sides, one row each, for a timeline with a lane per pair:
    ``pair`` ("Algeria – Mali", the two sides' short names in alphabetical order), ``date`` (as a reader
    sees it, :func:`format_date`), ``dating`` (:data:`DATINGS`), ``t_start``/``t_end`` (the span the date
    covers), ``t_mark`` (where the marker goes: the middle of the span; for an undated event the latest
    date it can have), ``polarity``, ``what`` (:func:`what`), ``label`` (date and what), the source
    ``seed`` and ``paragraph``, and ``turn`` (:func:`turns`). ``events`` has the columns of
    :func:`timeline.on_time_axis`. Only pairs with at least ``min_events`` events are kept, and with
    ``involving`` only pairs one of whose sides is in it. Pairs are ordered by their number of events,
    then by name; events by date."""
    own = timeline.sides(events, actors)
    own = own[(own["side1"] != "") & (own["side2"] != "") & (own["side1"] != own["side2"])]
    if involving is not None:
        own = own[own["side1"].isin(involving) | own["side2"].isin(involving)]
    sides, short, plural_actors = side_names(actors), actor_short_names(actors), frozenset(plural_names(actors))
    named = gazetteer[gazetteer["kind"] != "country"]
    place_names = dict(zip(named["place_id"], named["name"]))
    rows = []
    for rec in own.to_dict("records"):
        date = format_date(rec["date_start"], rec["date_end"], rec["date_precision"], rec.get("date_basis"))
        dating = _dating(rec)
        rows.append(
            {
                "pair": " – ".join(
                    sorted((sides.get(rec["side1"], rec["side1"]), sides.get(rec["side2"], rec["side2"])))
                ),
                "event_id": rec["event_id"],
                "date": date,
                "dating": dating,
                "t_start": rec["t_start"],
                "t_end": rec["t_end"],
                "t_mark": rec["t_end"] if dating == "undated" else rec["t_mid"],
                "polarity": rec["polarity"],
                "event_type": rec["event_type"],
                "what": what(rec, short, place_names, plural_actors),
                "seed": rec["seed"],
                "paragraph": rec["paragraph"],
            }
        )
    frame = pd.DataFrame(rows, columns=[c for c in PAIR_COLUMNS if c != "turn"])
    sizes = frame["pair"].value_counts()
    frame = frame[frame["pair"].map(sizes).fillna(0) >= min_events]
    frame = frame.assign(label=frame["date"] + " " + frame["what"], n=frame["pair"].map(sizes))
    frame = frame.sort_values(["n", "pair", "t_mark", "event_id"], ascending=[False, True, True, True], kind="stable")
    frame = frame.drop(columns="n").reset_index(drop=True)
    frame["turn"] = frame["event_id"].isin(turns(frame)["event_id"])
    return frame[PAIR_COLUMNS]


def turns(frame: pd.DataFrame) -> pd.DataFrame:
    """Where each pair turned: its first conflictual event dated strictly after a cooperative one
    (undated events, whose day is unknown, neither turn a pair nor precede a turn), one row per pair
    that turned (``pair``, ``event_id``, ``date``, ``t_start``), in the order of the pairs in ``frame``."""
    rows = []
    for pair, lane in frame.groupby("pair", sort=False):
        dated = lane[lane["dating"] != "undated"].sort_values(["t_start", "event_id"], kind="stable")
        first_coop = dated.loc[dated["polarity"] == "cooperation", "t_end"].min()
        after = dated[(dated["polarity"] == "conflict") & (dated["t_start"] > first_coop)]
        if pd.notna(first_coop) and not after.empty:
            rows.append({"pair": pair, **after.iloc[0][["event_id", "date", "t_start"]].to_dict()})
    return pd.DataFrame(rows, columns=["pair", "event_id", "date", "t_start"])


def key_events(frame: pd.DataFrame, turning: set[str] = frozenset(), first: bool = True) -> set[str]:
    """The events a crowded timeline names: in each pair its last event, the event where it turned
    (:func:`turns`) and, with ``first``, its first; and any of ``turning`` (the chronology's turning
    points)."""
    keep = set(frame.loc[frame["turn"] | frame["event_id"].isin(turning), "event_id"])
    for _, lane in frame.groupby("pair", sort=False):
        keep |= {lane["event_id"].iloc[-1]} | ({lane["event_id"].iloc[0]} if first else set())
    return keep


def _when(date: str) -> str:
    """A reader's date after a verb: "on 5 Jan 2024", "in Dec 2023", "about 26 Aug 2021"."""
    if date[:1].isdigit() and len(date.split()) == 3 and "\u2013" not in date:
        return f"on {date}"
    return date if date.startswith(("about", "by")) else f"in {date}"


def _bare(pair: str) -> str:
    """ "Algeria – Mali" as a title writes it: "Algeria–Mali"."""
    return pair.replace(" – ", "\u2013")


def turn_title(frame: pd.DataFrame) -> str:
    """The finding of a timeline of pairs, from the frame it draws (:func:`pair_events`): which pairs
    turned from cooperation to conflict and when (:func:`turns`), and how many stayed cooperative
    throughout. E.g. "Two pairs turned from cooperation to conflict: Algeria–Mali in Dec 2023 and
    Mali–Northern Mali movements in Jan 2024; five stayed cooperative throughout"."""
    if frame.empty:
        return "No events between two sides in the ledger"
    turned = turns(frame)
    cooperative = frame.groupby("pair", sort=False)["polarity"].apply(lambda s: bool((s == "cooperation").all()))
    n_coop = int(cooperative.sum())
    head = wording.count(len(turned), "pair", words=True).capitalize()
    if turned.empty:
        first = f"{head} turned from cooperation to conflict"
    else:
        where = wording.join(f"{_bare(r.pair)} {_when(r.date)}" for r in turned.itertuples())
        first = f"{head} turned from cooperation to conflict: {where}"
    rest = wording.number(n_coop, words=True) if n_coop else "none"
    return f"{first}; {rest} stayed cooperative throughout"


def _first_dated(lane: pd.DataFrame) -> pd.Series | None:
    dated = lane[lane["dating"] != "undated"].sort_values(["t_start", "event_id"], kind="stable")
    return None if dated.empty else dated.iloc[0]


def lead(frame: pd.DataFrame, focus: str) -> dict:
    """Who dealt first with ``focus`` (e.g. "Russia"), from a timeline's frame (:func:`pair_events`), among
    the pairs with ``focus`` itself (not, say, with the Wagner Group): ``partners``, each partner with a
    dated event as ``(first day, name, its events, its first dated event)``, earliest first; ``before``,
    how many of the first partner's events certainly fell before the second partner's first dated one
    (0 with fewer than two partners); ``events`` and ``conflict``, how many events with ``focus`` there
    are, and how many of them are conflictual."""
    own = frame[frame["pair"].str.split(" – ").map(lambda p: focus in p)]
    partners = []
    for pair, lane in own.groupby("pair", sort=False):
        first = _first_dated(lane)
        if first is not None:
            partners.append((first["t_start"], [s for s in pair.split(" – ") if s != focus][0], lane, first))
    partners.sort(key=lambda p: (p[0], p[1]))
    before = int((partners[0][2]["t_end"] < partners[1][0]).sum()) if len(partners) > 1 else 0
    return {
        "partners": partners,
        "before": before,
        "events": len(own),
        "conflict": int((own["polarity"] == "conflict").sum()),
    }


def first_title(frame: pd.DataFrame, focus: str) -> str:
    """The finding of a timeline of one side's pairs (``focus``, e.g. "Russia"), from the frame it draws
    (:func:`lead`): which partner's events with ``focus`` came first, how many of them fell before the
    other partner's first dated one, and how many of all were conflictual. E.g. "Mali had five events
    with Russia before Algeria's first dated one (20 Dec 2024); none of the nine was conflictual"."""
    found = lead(frame, focus)
    partners, n_all, n_conf = found["partners"], found["events"], found["conflict"]
    if n_all == 1:
        tail = "it was conflictual" if n_conf else "it was cooperative"
    elif n_conf == 0:
        tail = (
            "neither was conflictual"
            if n_all == 2
            else f"none of the {wording.number(n_all, words=True)} was conflictual"
        )
    else:
        n, total = wording.number(n_conf, words=True), wording.number(n_all, words=True)
        tail = f"{n} of the {total} {wording.verb(n_conf, 'was', 'were')} conflictual"
    if not partners:
        return f"No dated event with {focus} in the ledger"
    if len(partners) == 1:
        _, who, lane, first = partners[0]
        n_dated = wording.count(int((lane["dating"] != "undated").sum()), "dated event", words=True)
        return f"Only {who} has {n_dated} with {focus}, the first {_when(first['date'])}; {tail}"
    (_, who1, _, _), (_, who2, _, first2) = partners[0], partners[1]
    if found["before"] == 0:
        return f"{who1} and {who2} first dealt with {focus} around the same time ({first2['date']}); {tail}"
    events = wording.count(found["before"], "event", words=True)
    return f"{who1} had {events} with {focus} before {who2}'s first dated one ({first2['date']}); {tail}"
