"""Independent voices behind a judgment's evidence and the confidence rule (see the package docstring)."""

from __future__ import annotations

import pandas as pd

from analysis.analytics.judgments.terms import (
    CONFIDENCE,
    HIGH_FIRST_HAND,
    HIGH_RELAYS,
    HIGH_VOICES,
    MODERATE_FIRST_HAND,
    MODERATE_VOICES,
)
from analysis.core.keys import is_key, parse_key
from analysis.ledger.events import split_list
from analysis.sources.actors import actor_names
from analysis.sources.grades import unnamed_seeds


# --------------------------------------------------------------------------------------------------
# Voices
# --------------------------------------------------------------------------------------------------
def voice_of(actor_id: str, actors: pd.DataFrame) -> str:
    """The voice an actor speaks with: ``state:DZA`` for every actor acting for Algeria (the state, its
    bodies, its office-holders), the actor's own id for everyone else; "" for no actor."""
    if not actor_id:
        return ""
    acts_for = dict(zip(actors["actor_id"], actors["acts_for"]))
    state = acts_for.get(actor_id)  # None for an unknown actor: its own voice
    return f"state:{state}" if state else actor_id


def voice_names(actors: pd.DataFrame) -> dict[str, str]:  # pragma: no mutate block (display names, not the rule)
    """Reader's name of each voice: "Algeria (officials)" for ``state:DZA``, the actor's name otherwise."""
    names = actor_names(actors)
    states = actors[actors["kind"] == "state"]
    out = {f"state:{iso}": f"{name} (officials)" for iso, name in zip(states["acts_for"], states["name"])}
    return {**names, **out}


def _seed_voices(events: pd.DataFrame, actors: pd.DataFrame) -> dict[str, str]:  # pragma: no mutate block (input)
    """Each seed's own voice: the outlet the ledger names as asserting that seed's rows with no
    intermediary (``reported_by`` empty), the most frequent where several do."""
    kinds = dict(zip(actors["actor_id"], actors["kind"]))
    own = events[(events["reported_by"] == "") & events["claimed_by"].map(lambda a: kinds.get(a) == "outlet")]
    return {seed: group["claimed_by"].mode().iloc[0] for seed, group in own.groupby("seed")}


def evidence_items(
    judgments: pd.DataFrame,
    events: pd.DataFrame,
    claims: pd.DataFrame,
    actors: pd.DataFrame,
    catalog: pd.DataFrame | None = None,
) -> pd.DataFrame:  # pragma: no mutate block (the evidence table the rule reads; see pyproject)
    """One row per judgment, evidence item and voice: ``judgment_id``, ``item`` (``E046``, ``C01`` or
    ``003¶60``), ``kind`` (event, claim, paragraph), ``key`` (the paragraph the item rests on),
    ``quote`` (the ledger's or claim's verbatim words, "" for a paragraph), ``voice``, ``first_hand``
    (bool), ``seeds`` (the seeds that carry the item, ``;``-separated) and ``counted`` (bool): False for
    the own voice of a seed graded ``F`` in ``catalog`` (an outlet the text does not name: its own
    reading is shown, not counted as an independent voice; see :mod:`analysis.sources.grades`).
    Unknown items are skipped (:func:`judgment_problems` reports them)."""
    ev = events.set_index("event_id")
    cl = claims.set_index("claim_id")
    seed_voice = _seed_voices(events, actors)
    unnamed = unnamed_seeds(catalog) if catalog is not None else set()
    uncounted = {seed_voice[s] for s in unnamed if s in seed_voice} | {f"seed {s}" for s in unnamed}

    def parties(event_id: str) -> set[str]:
        if event_id not in ev.index:
            return set()
        row = ev.loc[event_id]
        return {voice_of(row["actor1"], actors), voice_of(row["actor2"], actors)} - {""}

    def event_seeds(row: pd.Series) -> set[str]:
        return {row["seed"], *(parse_key(k)[0] for k in split_list(row["also_in"]) if is_key(k))}

    rows = []
    for jid, evidence in zip(judgments["judgment_id"], judgments["evidence"]):
        for item in split_list(evidence):
            found: list[tuple[str, str, str, str, bool, set[str]]] = []
            if item in ev.index:
                row = ev.loc[item]
                voice = voice_of(row["claimed_by"], actors)
                found.append(("event", row["key"], row["quote"], voice, voice in parties(item), event_seeds(row)))
            elif item in cl.index:
                row = cl.loc[item]
                voice = voice_of(row["claimant"], actors)
                found.append(
                    ("claim", row["key"], row["quote"], voice, voice in parties(row["event_id"]), {row["seed"]})
                )
            elif is_key(item):
                cites = events[(events["key"] == item) | events["also_in"].map(lambda v: item in split_list(v))]
                for eid, row in cites.set_index("event_id").iterrows():
                    voice = voice_of(row["claimed_by"], actors)
                    found.append(("paragraph", item, "", voice, voice in parties(eid), {parse_key(item)[0]}))
                for _, row in claims[claims["key"] == item].iterrows():
                    voice = voice_of(row["claimant"], actors)
                    found.append(
                        ("paragraph", item, "", voice, voice in parties(row["event_id"]), {parse_key(item)[0]})
                    )
                if not found:
                    seed = parse_key(item)[0]
                    found.append(("paragraph", item, "", seed_voice.get(seed, f"seed {seed}"), False, {seed}))
            for kind, key, quote, voice, first, seeds in found:
                rows.append(
                    {
                        "judgment_id": jid,
                        "item": item,
                        "kind": kind,
                        "key": key,
                        "quote": quote,
                        "voice": voice,
                        "first_hand": bool(first),
                        "seeds": ";".join(sorted(seeds)),
                        "counted": voice not in uncounted,
                    }
                )
    columns = ["judgment_id", "item", "kind", "key", "quote", "voice", "first_hand", "seeds", "counted"]
    return pd.DataFrame(rows, columns=columns).astype({"first_hand": bool, "counted": bool})


def confidence_of(
    voices: int, first_hand: int, relays: int = HIGH_RELAYS, forward: bool = False, stale: bool = False
) -> str:
    """The confidence rule: the evidence supports ``high`` with at least :data:`HIGH_VOICES`
    independent voices of which at least :data:`HIGH_FIRST_HAND` are first-hand, carried by at least
    :data:`HIGH_RELAYS` seeds; ``moderate`` with at least :data:`MODERATE_VOICES` voices of which at
    least :data:`MODERATE_FIRST_HAND` is first-hand; ``low`` otherwise. A ``forward`` judgment is one
    level below, and a ``stale`` one (its window opens more than
    :data:`~analysis.analytics.judgments.terms.STALE_MONTHS` months after the evidence ends) one more;
    never below ``low``."""
    if first_hand >= HIGH_FIRST_HAND and voices >= HIGH_VOICES and relays >= HIGH_RELAYS:
        level = 2
    elif first_hand >= MODERATE_FIRST_HAND and voices >= MODERATE_VOICES:
        level = 1
    else:
        level = 0
    return CONFIDENCE[max(0, level - int(forward) - int(forward and stale))]


def voice_counts(
    items: pd.DataFrame,
    judgments: pd.DataFrame,
    stale: set[str] | frozenset = frozenset(),
    damaged: set[str] | frozenset = frozenset(),
) -> pd.DataFrame:
    """Per judgment (in the judgments' order): ``voices`` (distinct independent voices), ``first_hand``
    (how many of them are first-hand for at least one item), ``relays`` (distinct seeds carrying the
    evidence), ``items`` (evidence items), ``voice_list`` (the voices, first-hand ones first) and
    ``confidence`` (:func:`confidence_of`; a judgment whose ``horizon`` is not ``retrospective`` looks
    forward; those in ``stale``, flagged in ``stale``, have a window that opens long after the evidence
    ends). Only ``counted`` voices count (all, when ``items`` has no such column), and seeds in
    ``damaged`` (a copy that is not intact) are not counted as relays."""
    forward = set(judgments.loc[judgments["horizon"] != "retrospective", "judgment_id"])
    rows = []
    for jid in judgments["judgment_id"]:
        own = items[items["judgment_id"] == jid]
        own = own[own["counted"]] if "counted" in own else own
        first = set(own.loc[own["first_hand"], "voice"])
        voices = list(dict.fromkeys(own["voice"]))
        seeds = {s for v in own["seeds"] for s in v.split(";") if s} - set(damaged)
        rows.append(
            {
                "judgment_id": jid,
                "voices": int(len(voices)),
                "first_hand": int(len(first)),
                "relays": int(len(seeds)),
                "items": int(own["item"].nunique()),
                "voice_list": [v for v in voices if v in first] + [v for v in voices if v not in first],
                "stale": jid in stale,
                "confidence": confidence_of(
                    len(voices), len(first), len(seeds), forward=jid in forward, stale=jid in stale
                ),
            }
        )
    return pd.DataFrame(
        rows, columns=["judgment_id", "voices", "first_hand", "relays", "items", "voice_list", "stale", "confidence"]
    )
