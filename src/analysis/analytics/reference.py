"""The reference pages' frames: the chronology (ledger events and public-record dates in one table,
turning points marked), the who's who (every actor the ledger names, grouped), and the matrix of
what each side wants. Pure functions: frames in, frames out.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.core.dates import format_date, parse_iso
from analysis.ledger.events import cited_keys
from analysis.ledger.interests import ASPECTS, NOT_STATED, PARTY_LABELS, matrix_parties
from analysis.sources.actors import find_actors

#: Who's who groups, in the page's order, and the actor kinds each holds.
STATES_GROUP = "states, alliances and international bodies"
GROUPS: dict[str, tuple[str, ...]] = {
    "people": ("person",),
    "state bodies": ("government body",),
    STATES_GROUP: ("state", "alliance", "organisation"),
    "armed and political groups": ("armed group", "political movement", "party"),
    "outlets": ("outlet",),
}
#: The chronology's columns (``excerpt`` is the words its ``source`` citation rests on, not shown).
CHRONOLOGY_COLUMNS = ["sort date", "date", "year", "kind", "actors", "what happened", "source", "turning point"]
PUBLIC_RECORD = "public record"
#: How the matrix names a seed's own, unnamed outlet (``outlet_003``).
UNNAMED_OUTLET = "the article (outlet not named)"
_ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_ROLES = ("actor1", "actor2", "claimed_by", "reported_by")


def _name(names: dict[str, str], value: object) -> str:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return names.get(text, text)


def _ledger_rows(events: pd.DataFrame, names: dict[str, str], turning: dict[str, str]) -> list[dict]:
    rows = []
    for _, rec in events.iterrows():
        start = parse_iso(str(rec["date_start"]))[0]
        rows.append(
            {
                "sort date": str(rec["date_start"]),
                "date": format_date(rec["date_start"], rec["date_end"], rec["date_precision"], rec["date_basis"]),
                "year": str(start.year),
                "kind": rec["event_type"],
                "actors": " \u2192 ".join(a for a in (_name(names, rec["actor1"]), _name(names, rec["actor2"])) if a),
                "what happened": rec["summary"],
                "source": cited_keys(rec)[0],
                "excerpt": rec["quote"],
                "turning point": turning.get(rec["event_id"], ""),
            }
        )
    return rows


def _record_rows(public_record: pd.DataFrame) -> list[dict]:
    rows = []
    for _, rec in public_record[public_record["kind"] == "date"].iterrows():
        days = _ISO_DAY.findall(str(rec["value"]))
        if not days:
            raise ValueError(f"public record {rec['key']!r}: a date row without an ISO day in {rec['value']!r}")
        what = rec["subject"] if rec["value"] == days[0] else f"{rec['subject']}: {rec['value']}"
        rows.append(
            {
                "sort date": days[0],
                "date": format_date(days[0]),
                "year": days[0][:4],
                "kind": PUBLIC_RECORD,
                "actors": "",
                "what happened": what,
                "source": f"public record: {rec['source']} (reliability {rec['reliability']})",
                "excerpt": None,
                "turning point": "",
            }
        )
    return rows


def chronology(
    events: pd.DataFrame, public_record: pd.DataFrame, names: dict[str, str], turning_points: pd.DataFrame
) -> pd.DataFrame:
    """Every ledger event and every dated public-record entry, one row each, in date order (ledger
    before public record on the same date): the ISO ``sort date``, the date for a reader, the year,
    the ``kind`` (the PLOVER type, or "public record"), the actors by name, what happened, the
    ``source`` (the ledger row's paragraph key, with its verified quote in ``excerpt``; for the public
    record its source and reliability grade) and the ``turning point`` label where
    ``turning_points`` names the event."""
    turning = dict(zip(turning_points["event_id"], turning_points["label"]))
    frame = pd.DataFrame(
        _ledger_rows(events, names, turning) + _record_rows(public_record),
        columns=[*CHRONOLOGY_COLUMNS, "excerpt"],
    )
    frame["_record"] = frame["kind"] == PUBLIC_RECORD
    frame = frame.sort_values(["sort date", "_record"], kind="stable").drop(columns="_record")
    return frame.reset_index(drop=True)


def group_of(kind: str) -> str:
    """The who's who group of an actor kind; raises on a kind no group holds."""
    for group, kinds in GROUPS.items():
        if kind in kinds:
            return group
    raise ValueError(f"actor kind {kind!r} is in no who's who group")


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_CODE_CELL = re.compile(r"^```\{code-cell\}.*?^```\s*$", re.S | re.M)
_TITLE = re.compile(r"^# (.+)$", re.M)


def strip_code(text: str) -> str:
    """A MyST notebook's text without its front matter and code cells: what a reader reads."""
    return _CODE_CELL.sub("", _FRONT_MATTER.sub("", text))


def title_of(text: str) -> str:
    """The first level-one heading of a MyST page; raises when there is none."""
    m = _TITLE.search(strip_code(text))
    if m is None:
        raise ValueError("a chapter without a '# ' title")
    return m.group(1).strip()


def chapter_mentions(chapters: dict[str, str], actors: pd.DataFrame) -> dict[str, list[str]]:
    """actor_id -> the titles of the ``chapters`` (title -> prose) that name it (by name or alias,
    :func:`analysis.sources.actors.find_actors`), in the order given."""
    found: dict[str, list[str]] = {}
    for title, text in chapters.items():
        for actor in dict.fromkeys(find_actors(text, actors)):
            found.setdefault(actor, []).append(title)
    return found


def _span(events: pd.DataFrame, actor: str) -> tuple[str, str, int]:
    own = events[events[list(_ROLES)].eq(actor).any(axis=1)]
    if own.empty:
        return "", "", 0
    first = own.iloc[0]
    last = own.sort_values("end_day", kind="stable").iloc[-1] if "end_day" in own else own.iloc[-1]
    label = lambda r: format_date(r["date_start"], r["date_end"], r["date_precision"], r["date_basis"])  # noqa: E731
    return label(first), label(last), int(len(own))


def whos_who(
    actors: pd.DataFrame, events: pd.DataFrame, mentions: dict[str, list[str]], names: dict[str, str]
) -> pd.DataFrame:
    """Every actor the ledger names (as an actor, a claimant or a reporting outlet), one row each,
    grouped (:data:`GROUPS`) and by name: who they are (the role, with the paragraphs that give it in
    ``role source``), the state they act for, the chapters that name them (``mentions``, from
    :func:`chapter_mentions`), and their first and last event in the ledger with the number of events."""
    named = set(events[list(_ROLES)].to_numpy().ravel()) - {""}
    states = actors[actors["kind"] == "state"]
    state_names = dict(zip(states["country"], states["name"]))
    rows = []
    for _, rec in actors[actors["actor_id"].isin(named)].iterrows():
        first, last, n = _span(events, rec["actor_id"])
        acts_for = str(rec.get("acts_for") or "")
        state = state_names.get(acts_for, acts_for)
        rows.append(
            {
                "group": group_of(rec["kind"]),
                "name": rec["name"],
                "who they are": rec["role"] or rec["kind"],
                "role source": rec["role_source"] or "",
                "acts for": state,
                "chapters": "; ".join(mentions.get(rec["actor_id"], [])),
                "first event": first,
                "last event": last,
                "events": n,
            }
        )
    frame = pd.DataFrame(rows)
    order = {g: i for i, g in enumerate(GROUPS)}
    frame = frame.sort_values(["group", "name"], key=lambda s: s.map(order) if s.name == "group" else s.str.lower())
    return frame.reset_index(drop=True)


def interests_matrix(interests: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """One row per party and aspect (:data:`ASPECTS`) of the parties
    :func:`analysis.ledger.interests.matrix_parties` shows: ``entries``, a list of dicts (statement,
    who says it, key, quote), empty where the articles say nothing; ``text`` is :data:`NOT_STATED` for
    an empty cell."""

    def who(r) -> str:
        voice = lambda a: UNNAMED_OUTLET if str(a).startswith("outlet_") else _name(names, a)  # noqa: E731
        through = r["reported_by"] and r["reported_by"] != r["claimant"]
        return voice(r["claimant"]) + (f", through {voice(r['reported_by'])}" if through else "")

    rows = []
    for party in matrix_parties(interests):
        for aspect, heading in ASPECTS.items():
            own = interests[(interests["party"] == party) & (interests["aspect"] == aspect)]
            entries = [
                {
                    "statement": r["statement"],
                    "who": who(r),
                    "key": r["key"],
                    "quote": r["quote"],
                }
                for _, r in own.iterrows()
            ]
            rows.append(
                {
                    "party": PARTY_LABELS.get(party, _name(names, party)),
                    "aspect": heading,
                    "entries": entries,
                    "text": "" if entries else NOT_STATED,
                }
            )
    return pd.DataFrame(rows, columns=["party", "aspect", "entries", "text"])
