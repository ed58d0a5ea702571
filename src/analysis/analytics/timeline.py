"""Computations over the event ledger that the chapters chart and quote: events placed on a time
axis, the Algeria–Mali dyad, counts by period and by PLOVER family, and the cooperation–conflict
balance. Pure functions: frames in, frames out; nothing is drawn here. The period rule (which side of
the rupture an event falls on) is :mod:`analysis.analytics.periods`; its names are re-exported here.
"""

from __future__ import annotations

import pandas as pd

from analysis.analytics.periods import (  # noqa: F401  (the period rule, re-exported for the timeline's users)
    PERIOD_UNKNOWN,
    RUPTURE,
    period_certain,
    period_of,
    side_of_rupture,
)
from analysis.core.dates import parse_iso
from analysis.ledger.codebook import PLOVER_TYPES

#: PLOVER event types by quad class (cooperation/conflict, verbal/material), in the ledger codebook's
#: order. The one definition is the codebook's (:data:`analysis.ledger.events.PLOVER_TYPES`, after the PLOVER
#: manual); this is a view of it.
QUADS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
FAMILIES: dict[str, tuple[str, ...]] = {
    quad: tuple(name for name, t in PLOVER_TYPES.items() if t.quad == quad) for quad in QUADS
}


def family(event_type: str) -> str:
    """Quad class of a PLOVER type (``"ASSAULT"`` -> ``"material conflict"``); raises on an unknown
    type, so no event is silently left out of a count."""
    key = str(event_type).strip().upper()
    for fam, types in FAMILIES.items():
        if key in types:
            return fam
    raise ValueError(f"unknown PLOVER event type {event_type!r}")


def polarity(event_type: str) -> str:
    """``"cooperation"`` or ``"conflict"`` for a PLOVER type (the second word of its quad class); raises on
    an unknown type, as :func:`family` does."""
    return family(event_type).split()[1]


def on_time_axis(events: pd.DataFrame) -> pd.DataFrame:
    """``events`` with ``t_start`` and ``t_end`` (Timestamps spanning the coded date: a month-precision
    date spans the month), ``t_mid`` (the middle, for plotting), ``year``, ``period`` (before/after
    :data:`RUPTURE`), ``family``, ``polarity`` (cooperation/conflict) and ``dated``: False for events
    the seeds do not date, which the ledger places at the latest date they can have
    (``date_basis == "before"``), so charts leave them out; ``period_known``: True where the period is
    certain, as for an undated event whose latest possible date falls before the rupture."""
    out = events.copy()
    spans = [parse_iso(str(s)) for s in out["date_start"]]
    ends = [parse_iso(str(e))[1] if isinstance(e, str) and e else sp[1] for e, sp in zip(out["date_end"], spans)]
    out["t_start"] = pd.to_datetime([s[0] for s in spans])
    out["t_end"] = pd.to_datetime(ends)
    out["t_mid"] = out["t_start"] + (out["t_end"] - out["t_start"]) / 2
    out["year"] = out["t_start"].dt.year.astype("int64")
    out["period"] = side_of_rupture(out["t_start"])
    out["family"] = [family(t) for t in out["event_type"]]
    out["polarity"] = [polarity(t) for t in out["event_type"]]
    basis = out["date_basis"] if "date_basis" in out else pd.Series("", index=out.index)
    out["dated"] = (basis.fillna("") != "before").to_numpy()
    # An undated event whose latest possible date falls before the rupture is before it too.
    out["period_known"] = period_certain(out["t_end"], out["dated"])
    return out.sort_values(["t_start", "event_id"], ignore_index=True)


def dyad(events: pd.DataFrame, actors: pd.DataFrame, a: str = "DZA", b: str = "MLI") -> pd.DataFrame:
    """Events between an actor acting for state ``a`` and one acting for state ``b``, in either direction
    (the actor table's ``acts_for``: the state, its bodies and its office holders). An armed group, a
    movement, an outlet or an opposition figure is a third party even where it has a country, so
    Algeria hosting Mali's northern movements is not an Algeria–Mali event."""
    country = actors.set_index("actor_id")["acts_for"].fillna("").to_dict()
    c1 = events["actor1"].map(lambda x: country.get(x, ""))
    c2 = events["actor2"].map(lambda x: country.get(x, ""))
    mask = ((c1 == a) & (c2 == b)) | ((c1 == b) & (c2 == a))
    return events[mask.to_numpy()].copy()


def counts_by(events: pd.DataFrame, by: str = "year") -> pd.DataFrame:
    """Events per ``by`` value (``year`` or ``period``) and quad class, with the mean score; expects
    the columns of :func:`on_time_axis`."""
    table = (
        events.pivot_table(index=by, columns="family", values="event_id", aggfunc="count", fill_value=0)
        .reindex(columns=list(FAMILIES), fill_value=0)
        .astype("int64")
    )
    table["events"] = table.sum(axis=1)
    table["mean score"] = events.groupby(by)["score"].mean().round(2)
    table.columns.name = None
    return table.reset_index()


def balance(events: pd.DataFrame) -> pd.DataFrame:
    """Cooperation and conflict before and after the rupture, among events whose period is certain
    (``period_known``): number of events of each polarity, the share of conflict, and the mean score,
    one row per period."""
    rows = []
    for period in ("before rupture", "after rupture"):
        own = events[(events["period"] == period) & events["period_known"]]
        n = len(own)
        conflict = int((own["polarity"] == "conflict").sum())
        rows.append(
            {
                "period": period,
                "events": int(n),
                "cooperation": int(n - conflict),
                "conflict": conflict,
                "conflict share": conflict / n if n else float("nan"),  # unrounded: the page rounds once
                "mean score": float(own["score"].mean()) if n else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def sides(events: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """``events`` with ``side1`` and ``side2``: the state each actor acts for (``acts_for``, named as the
    state actor is), or for an actor acting for no state (an armed group, a movement, an organisation,
    an outlet) its own name, so that Algeria's foreign minister and the Algerian state count as one
    side and Mali's northern movements as a side of their own. Empty where the event has no second
    actor."""
    table = actors.set_index("actor_id")
    state_name = {rec["country"]: rec["name"] for _, rec in table.iterrows() if rec["kind"] == "state"}
    label = {
        aid: (state_name.get(rec["acts_for"], rec["acts_for"]) if rec["acts_for"] else rec["name"])
        for aid, rec in table.iterrows()
    }
    out = events.copy()
    out["side1"] = [label.get(a, "") if a else "" for a in out["actor1"]]
    out["side2"] = [label.get(a, "") if a else "" for a in out["actor2"]]
    return out


def pair_counts(events: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Events between two different sides (see :func:`sides`), counted per unordered pair and polarity,
    most frequent pair first: ``pair``, ``events``, ``cooperation``, ``conflict``. Events with one
    side only, or within one side, are left out."""
    own = sides(events, actors)
    own = own[(own["side1"] != "") & (own["side2"] != "") & (own["side1"] != own["side2"])]
    own = own.assign(pair=[" – ".join(sorted((a, b))) for a, b in zip(own["side1"], own["side2"])])
    grouped = own.groupby("pair")
    table = pd.DataFrame(
        {
            "events": grouped.size(),
            "cooperation": grouped["polarity"].apply(lambda s: int((s == "cooperation").sum())),
            "conflict": grouped["polarity"].apply(lambda s: int((s == "conflict").sum())),
        }
    ).reset_index()
    return table.sort_values(["events", "pair"], ascending=[False, True], ignore_index=True)


def first_meeting_estimates(quantities: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """When a regularly meeting mechanism would have first met, for each number of meetings the seeds
    give: the report's inference, not a date any source gives. ``quantities`` is
    :func:`analysis.ledger.quantities.load_quantities`; the cadence is the ``mechanism_cadence`` rows (they must
    agree: a disagreement is reported, not resolved silently), the counts the ``mechanism_meetings`` rows
    (each integer from ``low`` to ``high``), and the anchor the latest ``date_end`` of the ledger rows
    that date those statements (``as_of_event``), the last meeting taken to fall shortly before it.

    One row per count: ``meetings``, ``cadence_months``, ``span_months`` ((meetings − 1) × cadence),
    ``anchor`` (Timestamp), ``first_meeting`` (Timestamp, anchor − span), ``keys`` (the paragraphs that
    give the count, "; "-joined)."""
    cadence = quantities[quantities["subject"] == "mechanism_cadence"]
    counts = quantities[quantities["subject"] == "mechanism_meetings"]
    values = set(cadence["low"]) | set(cadence["high"])
    if len(values) != 1:
        raise ValueError(f"the seeds give different cadences for the mechanism ({sorted(values)}): no single inference")
    months = int(values.pop())
    as_of = set(counts["as_of_event"]) | set(cadence["as_of_event"])
    ends = events.loc[events["event_id"].isin(as_of), "date_end"]
    if ends.empty:
        raise ValueError("no ledger row dates the statements of the mechanism's meetings")
    anchor = max(parse_iso(str(v))[1] for v in ends)
    rows = []
    for n in sorted({m for rec in counts.itertuples() for m in range(int(rec.low), int(rec.high) + 1)}):
        span = (n - 1) * months
        keys = counts.loc[(counts["low"] <= n) & (counts["high"] >= n), "key"]
        rows.append(
            {
                "meetings": n,
                "cadence_months": months,
                "span_months": span,
                "anchor": pd.Timestamp(anchor),
                "first_meeting": pd.Timestamp(anchor) - pd.DateOffset(months=span),
                "keys": "; ".join(dict.fromkeys(keys)),
            }
        )
    return pd.DataFrame(rows, columns=["meetings", "cadence_months", "span_months", "anchor", "first_meeting", "keys"])


def tracks(events: pd.DataFrame, actors: pd.DataFrame, pairs: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """The events of several dyads in one frame, each with its ``track`` label (``pairs`` maps a label
    to two countries, as :func:`dyad` takes them), sorted by track and date."""
    parts = [dyad(events, actors, a, b).assign(track=label) for label, (a, b) in pairs.items()]
    if not parts:
        return events.iloc[0:0].assign(track=pd.Series(dtype="str"))
    return pd.concat(parts, ignore_index=True).sort_values(["track", "t_start"], kind="stable", ignore_index=True)
