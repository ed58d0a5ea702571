"""The words of the border map, built from its frames: the finding of its title (:func:`border_title`),
the numbered key of its events (:func:`key_entries`), the attributed claims (:func:`claim_lines`) and the
public record's figures (:func:`record_lines`). Plain words for a reader: dates, places, who did what,
which outlet reports it and which article relays it; no event type code, paragraph key or id."""

from __future__ import annotations

import pandas as pd

from analysis.core import wording
from analysis.core.dates import format_date, iso_bounds
from analysis.present import style
from analysis.present.maps.panels import SMALL_PT, Line

#: An event this close to the border (km, geodesic, to the 1:10m line) is "near" it in the title.
NEAR_KM = 5.0

_COUNTRIES = {"DZA": "Algeria", "MLI": "Mali", "NER": "Niger", "BFA": "Burkina Faso", "MRT": "Mauritania"}


def country_name(iso3: str) -> str:
    return _COUNTRIES.get(str(iso3), str(iso3))


def km(distance: float) -> str:
    """A distance as the map writes it: one decimal under 10 km (``0.9``), whole km above (``61``)."""
    return f"{distance:.1f}" if distance < 10 else f"{distance:.0f}"


def _month(value: object) -> pd.Timestamp:
    return iso_bounds(str(value))[0]


def _when(dates: pd.Series, k: int) -> str:
    """When ``k`` events happened: "in August 2024" (preceded by "both"/"all" for several), or
    "between August 2021 and August 2024"."""
    months = sorted({_month(d).strftime("%Y-%m") for d in dates})
    first, last = pd.Timestamp(months[0] + "-01"), pd.Timestamp(months[-1] + "-01")
    if len(months) == 1:
        lead = "" if k == 1 else ("both " if k == 2 else "all ")
        return f"{lead}in {first:%B %Y}"
    return f"between {first:%B %Y} and {last:%B %Y}"


def border_title(drawn: pd.DataFrame, near_km: float = NEAR_KM) -> str:
    """The border map's finding, from the events it numbers (columns ``event_id``, ``date_start``,
    ``distance_km``): how many of them lie within ``near_km`` of the border, when, and how far the
    others lie, e.g. "Two of the five events the articles place in the border zone lie within 5 km of
    the border, both in August 2024; the other three lie 61 to 194 km from it"."""
    if drawn.empty:
        return "The articles place no event in the Algeria–Mali border zone"
    per = drawn.groupby("event_id").agg(distance_km=("distance_km", "min"), date_start=("date_start", "min"))
    n = len(per)
    near, far = per[per["distance_km"] <= near_km], per[per["distance_km"] > near_km]
    k = len(near)
    within = f"within {near_km:g} km of the border"
    if n == 1:
        d = float(per["distance_km"].iloc[0])
        where = within if k else f"{km(d)} km from the border"
        return f"The one event the articles place in the border zone lies {where}, {_when(per['date_start'], 1)}"
    events = wording.count(n, "event", words=True)
    if k == 0:
        return f"None of the {events} the articles place in the border zone lies {within}; the nearest lies {km(far['distance_km'].min())} km from it"
    subject = "All" if k == n else wording.number(k, words=True).capitalize()
    head = f"{subject} of the {events} the articles place in the border zone {wording.verb(k, 'lies', 'lie')} {within}, {_when(near['date_start'], k)}"
    if far.empty:
        return head
    lo, hi = km(far["distance_km"].min()), km(far["distance_km"].max())
    others = "the other lies" if len(far) == 1 else f"the other {wording.number(len(far), words=True)} lie"
    return f"{head}; {others} {lo if lo == hi else f'{lo} to {hi}'} km from it"


def key_entries(drawn: pd.DataFrame, places: pd.DataFrame) -> list[tuple[int, str]]:
    """One entry per numbered event: its number and "<date>, <place> (<country>, <d> km from the border):
    <what happened>", in the ledger's words (its summary); an event at several places names each."""
    if drawn.empty:
        return []
    where = places.set_index("place_id")
    out = []
    for number, rows in drawn.groupby("number", sort=True):
        first = rows.iloc[0]
        date = format_date(first["date_start"], first["date_end"], first["date_precision"], first["date_basis"])
        at = wording.join(
            f"{where.loc[p, 'name']} ({country_name(where.loc[p, 'iso3'])}, {km(where.loc[p, 'distance_km'])} km from the border)"
            for p in rows["place_id"]
        )
        out.append((int(number), f"{date}, {at}: {str(first['summary']).strip()}"))
    return out


def article_names(catalog: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each seed's article as a reader names it, indexed by seed: ``short`` ("Une Plume du Mali,
    February–March 2024") and ``long`` ("an unnamed outlet's article of 2025"), from the catalogue
    (default: the seed catalogue; :func:`analysis.sources.articles.article_labels`)."""
    from analysis.sources import corpus
    from analysis.sources.articles import article_labels

    return article_labels(corpus.load_catalog() if catalog is None else catalog).set_index("seed")


def claim_lines(drawn: pd.DataFrame, claims: pd.DataFrame, names: dict[str, str], articles: pd.DataFrame) -> list[Line]:
    """The claims about the events drawn, under a heading per event naming its number and date: each
    claimant in bold, the claim, and, small, the outlet reporting it and the article relaying it."""
    muted = style.PALETTE["muted"]
    if claims.empty:
        return [("No claim in the ledger about the events on this map.", dict(color=muted))]
    numbers = drawn.drop_duplicates("event_id").set_index("event_id")
    lines: list[Line] = []
    for event_id, group in claims.groupby(claims["event_id"].astype(str), sort=False):
        rec = numbers.loc[event_id]
        date = format_date(rec["date_start"], rec["date_end"], rec["date_precision"], rec["date_basis"])
        relays = [_relay(c, names, articles) for c in group.itertuples()]
        shared = len(set(relays)) == 1
        heading = f"Who says what about event {int(rec['number'])} ({date})"
        lines.append((heading, dict(fontweight="bold", fontsize=7.5, gap=0.05 if lines else 0.0)))
        if shared:
            lines.append(
                (
                    f"All {relays[0]}:" if len(relays) > 1 else f"{relays[0][0].upper()}{relays[0][1:]}:",
                    dict(color=muted, fontsize=SMALL_PT),
                )
            )
        for c, relay in zip(group.itertuples(), relays):
            who = names.get(str(c.claimant), str(c.claimant)) or "unnamed"
            lines.append((f"{who}: {str(c.claim).strip()}", dict(gap=0.02)))
            if not shared:
                lines.append((relay, dict(color=muted, fontsize=SMALL_PT)))
    return lines


def _relay(claim, names: dict[str, str], articles: pd.DataFrame) -> str:
    """Who reports a claim and which article relays it: "reported by Jeune Afrique, relayed in an
    unnamed outlet's article of 2025"."""
    via = names.get(str(claim.reported_by), str(claim.reported_by)) if str(claim.reported_by or "").strip() else ""
    article = articles["long"].get(str(claim.seed), "an article of the corpus")
    return f"reported by {via}, relayed in {article}" if via else f"reported in {article}"


def record_lines(record: pd.DataFrame) -> list[Line]:
    """The public record's figures (``record`` rows: value, ``;``-separated, source, reliability), under
    a heading that says they are not from the articles."""
    muted = style.PALETTE["muted"]
    lines: list[Line] = [("Public record, not the articles:", dict(fontweight="bold", fontsize=7.5, color=muted))]
    for rec in record.to_dict("records"):
        for part in str(rec["value"]).split(";"):
            if part.strip():
                lines.append((part.strip(), dict(color=muted)))
        lines.append(
            (
                f"sources: {rec['source']} (reliability {rec.get('reliability', '?')})",
                dict(color=muted, fontsize=SMALL_PT, gap=0.02),
            )
        )
    return lines
