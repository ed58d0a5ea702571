"""The Russia axis: Algiers, Bamako and Moscow on a wide map, with the ledger's meetings between Russia and
Algeria or Mali as links (:func:`russia_links`, :func:`russia_axis`)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

from analysis.core.dates import _is_iso, format_date, iso_bounds
from analysis.present import style
from analysis.present.maps.base import (
    NE110,
    WIDE_CRS,
    WIDE_EXTENT,
    _actors,
    _adjust,
    _bottom_legend,
    _countries,
    _country_labels,
    _country_patch,
    _draw_countries,
    _event_key,
    _extent_polygon,
    _finish,
    _frame,
    _gaz,
    _graticule,
    _label,
    _new_figure,
    _place,
    _project_xy,
    _scalebar,
    _seed_marker,
    _short,
    _wrap,
)
from analysis.sources import actors as actors_mod
from analysis.sources import places

HOME: dict[str, str] = {"DZA": "algiers", "MLI": "bamako", "RUS": "moscow"}
#: PLOVER types drawn as meetings on :func:`russia_axis` (consultations: visits, talks, hosting).
MEETING_TYPES: tuple[str, ...] = ("CONSULT",)


def russia_links(
    events: pd.DataFrame, gazetteer: pd.DataFrame | None = None, actors: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The ledger's meetings (:data:`MEETING_TYPES`) between Russia and Algeria or Mali, one row each:
    ``event_id``, ``date`` (label), ``date_start``, ``a``, ``b`` (ISO3 of the two sides), ``venue``
    (place_id or ""), ``located`` (the venue is a point place, not a country or region), ``key`` (source
    paragraph), ``actor1``, ``actor2`` (display names), ``event_type``, ``summary``."""
    gaz = _gaz(gazetteer)
    actors = _actors(actors)
    country = actors_mod.actor_countries(actors)
    names = actors_mod.actor_names(actors)
    kinds = dict(zip(gaz["place_id"], gaz["kind"]))
    rows = []
    for rec in events.to_dict("records"):
        if str(rec.get("event_type", "")).upper() not in MEETING_TYPES:
            continue
        a, b = country.get(rec.get("actor1", ""), ""), country.get(rec.get("actor2", ""), "")
        if not a or not b or a == b or "RUS" not in (a, b) or not {a, b} & {"DZA", "MLI"}:
            continue
        venue = str(rec.get("place") or "").split(";")[0].strip()
        if venue and venue not in kinds:
            venue = places.geocode(venue, gaz)["place_id"]
        rows.append(
            {
                "event_id": rec.get("event_id", ""),
                "date": format_date(
                    rec.get("date_start"), rec.get("date_end"), rec.get("date_precision"), rec.get("date_basis")
                ),
                "date_start": iso_bounds(str(rec["date_start"]))[0]
                if _is_iso(str(rec.get("date_start", "")))
                else pd.NaT,
                "a": a,
                "b": b,
                "venue": venue,
                "located": bool(venue) and kinds.get(venue) not in ("region", "country"),
                "key": _event_key(rec),
                "actor1": names.get(rec.get("actor1", ""), rec.get("actor1", "")),
                "actor2": names.get(rec.get("actor2", ""), rec.get("actor2", "")),
                "event_type": rec.get("event_type", ""),
                "summary": rec.get("summary", ""),
            }
        )
    cols = [
        "event_id",
        "date",
        "date_start",
        "a",
        "b",
        "venue",
        "located",
        "key",
        "actor1",
        "actor2",
        "event_type",
        "summary",
    ]
    return pd.DataFrame(rows, columns=cols).sort_values(["date_start", "event_id"], ignore_index=True)


def _arc(p: tuple[float, float], q: tuple[float, float], bulge: float, n: int = 60) -> np.ndarray:
    """A curved path from p to q in map coordinates (quadratic Bézier, bulging sideways by ``bulge``)."""
    p_, q_ = np.asarray(p, float), np.asarray(q, float)
    mid = (p_ + q_) / 2
    d = q_ - p_
    normal = np.array([-d[1], d[0]]) / (np.hypot(*d) or 1.0)
    ctrl = mid + normal * bulge * np.hypot(*d)
    t = np.linspace(0, 1, n)[:, None]
    return (1 - t) ** 2 * p_ + 2 * (1 - t) * t * ctrl + t**2 * q_


def _russia_ground(fig: Figure) -> tuple[Axes, list]:
    """Drawing: the wide map's axes, countries (1:110m), graticule and country labels (returned, for the
    label placement to avoid)."""
    crs = WIDE_CRS
    ax = fig.add_axes((0.05, 0.2, 0.9, 0.74))
    ax.set_gid("map")
    window = _extent_polygon(WIDE_EXTENT, crs)
    _frame(ax, window.bounds)
    frame = _countries("110m", crs, window)
    _draw_countries(ax, frame, {"DZA": "algeria", "MLI": "mali", "RUS": "russia", "NER": "aes", "BFA": "aes"}, lw=0.35)
    _graticule(ax, crs, WIDE_EXTENT, 10.0)
    static = _country_labels(
        ax,
        frame,
        shapely.box(*window.bounds),
        {"DZA": "ALGERIA", "MLI": "MALI", "RUS": "RUSSIA"},
        min_share=0.05,
        size=6,
        at={"RUS": (46.0, 57.5), "DZA": (3.0, 27.0), "MLI": (-3.5, 19.0)},
        crs=crs,
    )
    return ax, static


def _russia_nodes(ax: Axes, g: pd.DataFrame, nodes: list[str], static: list) -> dict[str, tuple[float, float]]:
    """Drawing: the capitals and venues with their names (appended to ``static``); returns their positions."""
    xy = {}
    for pid in nodes:
        x, y = _project_xy([g.loc[pid, "lon"]], [g.loc[pid, "lat"]], WIDE_CRS)
        xy[pid] = (float(x[0]), float(y[0]))
        _place(ax, xy[pid][0], xy[pid][1], pid, g.loc[pid, "role"])
        static.append(
            _label(
                ax,
                xy[pid][0] - 70_000,
                xy[pid][1],
                g.loc[pid, "name"],
                f"label-{pid}",
                fontsize=8.5,
                fontweight="bold",
                ha="right",
                zorder=7,
            )
        )
    return xy


def _link_routes(drawn: pd.DataFrame, g: pd.DataFrame, xy: dict[str, tuple[float, float]]) -> list:
    """Layout: the curved path (map coordinates) of each meeting from the visitor's capital to the venue,
    bending away from the other capitals and further for each repeated pair; ``(record, path)`` each."""
    pair_count: dict[tuple[str, str], int] = {}
    routes = []
    for rec in drawn.itertuples():
        venue = rec.venue
        venue_iso = g.loc[venue, "iso3"]
        visitor = rec.b if venue_iso == rec.a else rec.a
        origin = HOME.get(visitor)
        if origin is None or origin == venue:
            continue
        pair = tuple(sorted((origin, venue)))
        k = pair_count.get(pair, 0)
        pair_count[pair] = k + 1
        bulge = 0.14 + 0.09 * k
        # bend away from the other capitals, so that the links between three capitals do not overlap
        others = [np.array(v) for kk, v in xy.items() if kk not in (origin, venue)]
        if others:
            d = np.array(xy[venue]) - np.array(xy[origin])
            rel = np.mean(others, axis=0) - np.array(xy[origin])
            if d[0] * rel[1] - d[1] * rel[0] > 0:  # the others lie to the left, where a positive bulge goes
                bulge = -bulge
        routes.append((rec, _arc(xy[origin], xy[venue], bulge)))
    return routes


def _draw_link(ax: Axes, rec, path: np.ndarray, venue_name: str) -> object:
    """Drawing: one meeting's link, its arrow at the venue and its label (returned, to be placed)."""
    ax.plot(path[:, 0], path[:, 1], color=style.PALETTE["russia"], linewidth=1.6, zorder=4, gid="link")
    arrow = FancyArrowPatch(
        tuple(path[-6]),
        tuple(path[-1]),
        arrowstyle="-|>",
        mutation_scale=12,
        color=style.PALETTE["russia"],
        linewidth=1.2,
        zorder=4.5,
        shrinkA=0,
        shrinkB=5,
    )
    arrow.set_gid("link-arrow")
    ax.add_patch(arrow)
    mid = path[len(path) // 2]
    who = f"{_short(rec.actor1, 34)} –\n{_short(rec.actor2, 34)}"
    text = f"{rec.date}, {venue_name} ({rec.key})\n{who}"
    box = dict(facecolor="white", edgecolor=style.PALETTE["russia"], alpha=0.9, boxstyle="round,pad=0.3", linewidth=0.6)
    return _label(ax, mid[0], mid[1], text, f"link-label-{rec.event_id}", fontsize=7, ha="center", bbox=box)


def _draw_links(ax: Axes, routes: list, g: pd.DataFrame, xy: dict, static: list) -> list[str]:
    """Drawing and label placement of the links (labels clear of the places, paths and country labels);
    returns the alt-text fragments."""
    link_texts = []
    avoid_x = [p[0] for p in xy.values()]
    avoid_y = [p[1] for p in xy.values()]
    alt_links = []
    for rec, path in routes:
        link_texts.append(_draw_link(ax, rec, path, g.loc[rec.venue, "name"]))
        avoid_x.extend(path[::4, 0])
        avoid_y.extend(path[::4, 1])
        alt_links.append(f"{rec.date}: {rec.actor1} and {rec.actor2} in {g.loc[rec.venue, 'name']} ({rec.key})")
    _adjust(ax, link_texts, avoid_x, avoid_y, objects=static)
    return alt_links


def _russia_legend(fig: Figure) -> None:
    meeting = Line2D(
        [],
        [],
        color=style.PALETTE["russia"],
        linewidth=1.6,
        marker=">",
        markevery=[-1],
        label="meeting: visitor's capital → venue",
    )
    handles = [
        _country_patch("algeria", "Algeria"),
        _country_patch("mali", "Mali"),
        _country_patch("aes", "Niger, Burkina Faso"),
        _country_patch("russia", "Russia"),
        meeting,
        _seed_marker("s", "capital"),
    ]
    _bottom_legend(fig, handles)


def _undrawn_note(fig: Figure, links: pd.DataFrame) -> str:
    """The note listing the meetings without a venue in the seeds (not drawn); "" when there are none."""
    undrawn = links[~links["located"]]
    if undrawn.empty:
        return ""
    parts = [f"{r.date}: {_short(r.actor1, 28)} – {_short(r.actor2, 28)} ({r.key})" for r in undrawn.itertuples()]
    note = "Not drawn, no venue in the seeds: " + "; ".join(parts) + "."
    fig.text(0.05, 0.06, _wrap(note, 150), fontsize=7, color=style.PALETTE["muted"], va="bottom", gid="note")
    return note


def russia_axis(
    events: pd.DataFrame, gazetteer: pd.DataFrame | None = None, actors: pd.DataFrame | None = None
) -> tuple[Figure, pd.DataFrame]:
    """Algiers, Bamako and Moscow on a wide map (1:110m), with the ledger's meetings between Russia and
    Algeria or Mali drawn as curved links from the visitor's capital to the venue (arrow at the venue),
    each labelled with date, who met whom, and the source paragraph. Meetings whose venue the seeds do not
    give are listed in a note, not drawn. Returns the figure (``fig.alt_text``) and the meetings, one row
    each, ``located`` saying whether it is drawn as a link or listed in the note."""
    gaz = _gaz(gazetteer)
    links = russia_links(events, gaz, actors)
    fig = _new_figure((9.0, 8.0))
    ax, static = _russia_ground(fig)
    g = gaz.set_index("place_id")
    nodes = sorted({*HOME.values(), *[v for v in links.loc[links["located"], "venue"]]})
    xy = _russia_nodes(ax, g, nodes, static)
    alt_links = _draw_links(ax, _link_routes(links[links["located"]], g, xy), g, xy, static)
    _russia_legend(fig)
    _scalebar(ax, "lower right")
    ax.set_title("Algiers, Bamako and Moscow: meetings with Russia in the seeds", loc="left", fontsize=11, pad=8)
    note = _undrawn_note(fig, links)
    keys = sorted(set(links["key"]))
    src = (
        f"{NE110}; GeoNames cities500; events: seeds {', '.join(keys) if keys else '(none)'}. "
        "Lambert azimuthal equal-area, centre 35°N 15°E."
    )
    _finish(fig, src, "")
    fig.alt_text = (
        "Map of Africa, Europe and western Russia with Algiers, Bamako and Moscow marked. "
        + (
            f"Links show {len(alt_links)} meetings: " + "; ".join(alt_links) + ". "
            if alt_links
            else "No meeting has a venue in the seeds. "
        )
        + (note if note else "")
    ).strip()
    return fig, links.drop(columns=["date_start"]).reset_index(drop=True)
