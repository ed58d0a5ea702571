"""The border map: the Algeria–Mali border zone, the events the articles place there as numbered markers
explained in a key below the map (date, place, distance to the border, what happened), the location
uncertainty of Tinzaouaten, and the contested claims (:func:`border_incidents`).

Drawn at the printed width (:data:`analysis.present.style.PRINT_WIDTH_IN`) and laid out downwards in
inches (:mod:`.panels`): its height follows the number of events and claims, so a text never runs off
the figure when articles add events. The image carries no event type code, paragraph key or id: those are
in the frame the map returns (its CSV) and in the chapter's citations.
"""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.ops
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.analytics import border
from analysis.core import wording
from analysis.present import style
from analysis.present.maps import panels
from analysis.present.maps.base import (
    _HALO,
    BORDER_EXTENT,
    BORDER_PAIR,
    BORDER_ZONE_PLACES,
    DETAIL_HALF_KM,
    LONLAT,
    NE10,
    REGION_CRS,
    REGION_ROLES,
    _actors,
    _countries,
    _country_labels,
    _draw_countries,
    _frame,
    _hollow_marker,
    _label,
    _locator,
    _new_figure,
    _place,
    _project_xy,
    _regional_base,
    _scalebar,
    _seed_marker,
    _to,
    _uncertainty_circle,
    draw_border,
)
from analysis.present.maps.border_text import (
    NEAR_KM,
    article_names,
    border_title,
    claim_lines,
    country_name,
    key_entries,
    km,
    record_lines,
)
from analysis.sources import actors as actors_mod

ZONE_COLUMNS = [
    "number",
    "event_id",
    "date_start",
    "date_end",
    "date_precision",
    "date_basis",
    "event_type",
    "place_id",
    "lat",
    "lon",
    "precision_km",
    "distance_km",
    "in_country",
    "summary",
    "key",
]

#: Where the country names stand on the main map (lon, lat), clear of the places and their labels.
_COUNTRY_AT = {"DZA": (4.3, 21.6), "MLI": (-0.5, 19.2), "NER": (5.0, 18.4)}
# The layout, in inches: the main map at the left, the detail and the legend at the right.
_MAP_X, _MAP_W, _GAP = 0.36, 3.62, 0.16


def zone_data(
    events: pd.DataFrame, claims: pd.DataFrame, gaz: pd.DataFrame
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, pd.DataFrame]:
    """The data of the border map: the events located in the border zone, numbered 1, 2... in date order
    (``number``); the places drawn (those of :data:`BORDER_ZONE_PLACES` and every place of an event in
    the zone) with their geodesic ``distance_km`` to the border and their position ``x``, ``y`` in
    :data:`REGION_CRS`; and the claims about the events drawn."""
    zone = border.zone_events(events, gaz)
    if not zone.empty:
        order = zone.sort_values(["date_start", "event_id"], kind="stable")["event_id"].drop_duplicates()
        zone["number"] = zone["event_id"].map({e: i + 1 for i, e in enumerate(order)})
        zone = zone.sort_values(["number", "place_id"], kind="stable").reset_index(drop=True)
    wanted = set(BORDER_ZONE_PLACES) | (set(zone["place_id"]) if not zone.empty else set())
    pts = gaz[gaz["place_id"].isin(wanted)].copy()
    pts_gdf = gpd.GeoDataFrame(pts, geometry=gpd.points_from_xy(pts["lon"], pts["lat"]), crs=LONLAT)
    pts_gdf["distance_km"] = border.distance_to_border(pts_gdf, *BORDER_PAIR)
    px, py = _project_xy(pts["lon"], pts["lat"], REGION_CRS)
    pts_gdf["x"], pts_gdf["y"] = px, py
    shown_ids = set(zone["event_id"]) if not zone.empty else set()
    if "event_id" in claims.columns:
        own_claims = claims[claims["event_id"].fillna("").astype(str).isin(shown_ids)]
    else:
        own_claims = claims.iloc[0:0]
    return zone, pts_gdf, own_claims


def _numbers_at(zone: pd.DataFrame, place_ids) -> list[int]:
    if zone.empty:
        return []
    return sorted(set(zone.loc[zone["place_id"].isin(list(place_ids)), "number"].astype(int)))


def _draw_uncertainty(ax: Axes, rec) -> None:
    """The uncertainty circle of a place known only to 5 km or worse."""
    if rec.precision_km < 5:
        return
    circle = gpd.GeoSeries([_uncertainty_circle(rec.lon, rec.lat, rec.precision_km)], crs=LONLAT).to_crs(REGION_CRS)
    circle.plot(
        ax=ax,
        facecolor=style.tint(style.PALETTE["uncertainty"], 0.75),
        alpha=0.6,
        edgecolor=style.PALETTE["uncertainty"],
        linestyle="--",
        linewidth=0.9,
        zorder=4,
    )
    ax.collections[-1].set_gid("uncertainty")


def _main_places(ax: Axes, pts_gdf: gpd.GeoDataFrame, zone: pd.DataFrame, detail_box: shapely.Polygon) -> None:
    """The places outside the detail rectangle: marker, name and distance on the left, the numbers of
    their events on the right; the places inside it share one label under the rectangle and one row of
    numbers beside it."""
    inside = pts_gdf[[detail_box.contains(shapely.Point(x, y)) for x, y in zip(pts_gdf["x"], pts_gdf["y"])]]
    for rec in pts_gdf.itertuples():
        _draw_uncertainty(ax, rec)
        _place(ax, rec.x, rec.y, rec.place_id, rec.role)
        if rec.place_id in set(inside["place_id"]):
            continue
        text = f"{rec.name}\n{km(rec.distance_km)} km to the border"
        t = _label(ax, rec.x, rec.y, text, f"label-{rec.place_id}", fontsize=panels.SMALL_PT, ha="right")
        t.set_position((rec.x - 12_000, rec.y))
        panels.badges(ax, (rec.x, rec.y), _numbers_at(zone, [rec.place_id]))
    bx0, by0, bx1, by1 = detail_box.bounds
    ax.plot(
        *detail_box.exterior.xy, color=style.PALETTE["text"], linewidth=0.7, linestyle=":", zorder=4.5, gid="detail-box"
    )
    names = wording.join(list(inside["name"]))
    _label(
        ax,
        (bx0 + bx1) / 2,
        by0 - 6_000,
        f"{names}:\nsee the detail",
        "label-detail",
        fontsize=panels.SMALL_PT,
        ha="center",
        va="top",
    )
    panels.badges(ax, (bx1, (by0 + by1) / 2), _numbers_at(zone, inside["place_id"]), start_pt=7.0)


def _detail_places(
    dax: Axes, pts_gdf: gpd.GeoDataFrame, zone: pd.DataFrame, box: shapely.Polygon, width_in: float
) -> None:
    """The places inside the detail square: marker, the measured distance to the nearest point of the
    border as a dashed line, a label (name, country, distance, public record) and the numbers of their
    events; a place west of the centre is labelled on the left, the others on the right."""
    line = border.shared_border(*BORDER_PAIR).iloc[0]
    local = shapely.transform(line, lambda xy: np.column_stack(_to(REGION_CRS).transform(xy[:, 0], xy[:, 1])))
    centre_x = box.centroid.x
    for rec in pts_gdf.itertuples():
        if not box.contains(shapely.Point(rec.x, rec.y)):
            continue
        _draw_uncertainty(dax, rec)
        _place(dax, rec.x, rec.y, rec.place_id, rec.role)
        near = shapely.ops.nearest_points(shapely.Point(rec.x, rec.y), local)[1]
        dax.plot(
            [rec.x, near.x],
            [rec.y, near.y],
            color=style.PALETTE["text"],
            linewidth=0.8,
            linestyle=(0, (2, 1.5)),
            zorder=4.6,
            gid="distance",
        )
        side = "left" if rec.x < centre_x - 1_000 else "right"
        extra = f"; public record, ±{rec.precision_km:g} km" if rec.role == "public_record" else ""
        # west of the centre: above the place, centred; otherwise below it, to the right
        left = side == "left"
        room = 2 * (rec.x - box.bounds[0]) if left else box.bounds[2] - rec.x
        text = f"{rec.name} ({country_name(rec.iso3)}), {km(rec.distance_km)} km to the border{extra}"
        text = panels.wrap_to(
            text, min(room / (box.bounds[2] - box.bounds[0]) * width_in - 0.12, 1.25), panels.SMALL_PT
        )
        dax.annotate(
            text,
            (rec.x, rec.y),
            xytext=(0, 11) if left else (5, -7),
            textcoords="offset points",
            ha="center" if left else "left",
            va="bottom" if left else "top",
            fontsize=panels.SMALL_PT,
            color=style.PALETTE["text"],
            path_effects=_HALO,
            zorder=6,
            gid=f"detail-label-{rec.place_id}",
            annotation_clip=False,
        )
        panels.badges(dax, (rec.x, rec.y), _numbers_at(zone, [rec.place_id]), side=side, start_pt=9.0)


def _detail_panel(
    fig: Figure, detail_box: shapely.Polygon, pts_gdf: gpd.GeoDataFrame, zone: pd.DataFrame, width_in: float
) -> Axes:
    """The detail panel, ``width_in`` wide: a square of side 2 × :data:`DETAIL_HALF_KM` around Tin Zaouatine."""
    dax = fig.add_axes((0, 0, 0.1, 0.1))
    dax.set_gid("detail")
    _frame(dax, detail_box.bounds)
    dframe = _countries("10m", REGION_CRS, detail_box)
    _draw_countries(dax, dframe, REGION_ROLES, lw=0.0)
    draw_border(dax, 1.8, zorder=4.2)
    _detail_places(dax, pts_gdf, zone, detail_box, width_in)
    for iso, text, (fx, fy) in (("DZA", "ALGERIA", (0.76, 0.93)), ("MLI", "MALI", (0.22, 0.12))):
        if (dframe["iso3"] == iso).any():
            t = dax.text(
                fx,
                fy,
                text,
                transform=dax.transAxes,
                fontsize=7.5,
                fontweight="bold",
                color=style.PALETTE["muted"],
                ha="center",
                va="center",
                zorder=2,
                path_effects=_HALO,
            )
            t.set_gid(f"country-label-{iso}")
    _scalebar(dax, "lower right", fontsize=panels.SMALL_PT)
    return dax


def _legend(fig: Figure, x_in: float, top_in: float) -> float:
    """The legend of both maps, from ``top_in`` at ``x_in``; returns the position under it."""
    handles = [
        Line2D([], [], color=style.PALETTE["border"], linewidth=1.8, label="Algeria–Mali border"),
        _seed_marker("o", "town the articles name"),
        _hollow_marker("place from the public record"),
        Patch(
            facecolor=style.tint(style.PALETTE["uncertainty"], 0.75),
            edgecolor=style.PALETTE["uncertainty"],
            linestyle="--",
            label="location uncertainty",
        ),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=8,
            color=style.PALETTE["text"],
            label="event, numbered as in the key",
        ),
    ]
    leg = fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0, 1),
        bbox_transform=style.at_top(fig, x_in, top_in),
        fontsize=panels.SMALL_PT,
        frameon=False,
        borderaxespad=0,
        borderpad=0,
        handlelength=1.6,
        labelspacing=0.35,
    )
    leg.set_gid("legend")
    return top_in + leg.get_window_extent(fig.canvas.get_renderer()).height / fig.dpi


def _maps(fig: Figure, pts_gdf: gpd.GeoDataFrame, zone: pd.DataFrame, top_in: float) -> tuple[float, list]:
    """The row of maps from ``top_in``: the border zone, and at its right the detail around Tin Zaouatine
    with its heading and the legend. Returns the position under the row and where each map's axes go
    (axes, left, top, width, height, in inches) once the figure has its height."""
    ax, window, frame = _regional_base(fig, (0, 0, 0.1, 0.1), BORDER_EXTENT, 1.0, 1.6)
    wx0, wy0, wx1, wy1 = window.bounds
    map_h = _MAP_W * (wy1 - wy0) / (wx1 - wx0)
    _country_labels(
        ax, frame, shapely.box(*window.bounds), {"DZA": "ALGERIA", "MLI": "MALI", "NER": "NIGER"}, at=_COUNTRY_AT
    )
    tz = pts_gdf.set_index("place_id").loc["tin_zaouatine"]
    half = DETAIL_HALF_KM * 1000.0
    detail_box = shapely.box(tz["x"] - half, tz["y"] - half, tz["x"] + half, tz["y"] + half)
    _main_places(ax, pts_gdf, zone, detail_box)
    _scalebar(ax, "lower right", fontsize=panels.SMALL_PT)
    _locator(
        ax,
        (0.01, 0.01, 0.2, 0.2),
        shapely.box(*BORDER_EXTENT),
        {"DZA": "algeria", "MLI": "mali", "NER": "aes", "BFA": "aes"},
    )
    right_x = _MAP_X + _MAP_W + _GAP
    right_w = style.PRINT_WIDTH_IN - right_x - 0.04
    side = 2 * DETAIL_HALF_KM
    below_heading = panels.text_block(
        fig,
        right_x,
        top_in,
        right_w,
        [(f"Tin Zaouatine area, {side:.0f} × {side:.0f} km", dict(fontweight="bold", fontsize=7.0))],
        "detail-heading",
    )
    dax = _detail_panel(fig, detail_box, pts_gdf, zone, right_w)
    under_legend = _legend(fig, right_x, below_heading + right_w + 0.1)
    layout = [(ax, _MAP_X, top_in, _MAP_W, map_h), (dax, right_x, below_heading + 0.02, right_w, right_w)]
    return max(top_in + map_h + 0.22, under_legend + 0.08), layout


def border_incidents(
    events: pd.DataFrame,
    claims: pd.DataFrame,
    gazetteer: pd.DataFrame | None = None,
    public_record: pd.DataFrame | None = None,
    actors: pd.DataFrame | None = None,
    catalog: pd.DataFrame | None = None,
    key_limit: int | None = None,
) -> tuple[Figure, pd.DataFrame]:
    """The Algeria–Mali border zone (1:10m) with the ledger's events located there.

    Each event is a numbered marker beside its place (numbered in date order); the key under the map
    says, per number, the date (no more precise than the ledger), the place, its geodesic distance to
    the border and what happened, in the ledger's words. Places known only to 5 km or worse (Tinzaouaten,
    10 km) get an uncertainty circle. A detail panel shows the square of side 2 × :data:`DETAIL_HALF_KM`
    around Tin Zaouatine with the measured distances. Below, the claims (``claims`` rows whose
    ``event_id`` is among the events drawn), each attributed to its claimant, the outlet reporting it and
    the article relaying it (names from ``actors`` and ``catalog``, default ``data/actors.csv`` and the
    seed catalogue); ``public_record`` rows (columns key, value, source, reliability), if given, beside
    them, labelled as public record. The title states the finding (:func:`border_title`). Returns the
    figure (``fig.alt_text``, ``fig.finding``) and the events it numbers, one row per event and place
    (:data:`ZONE_COLUMNS`).

    The figure grows with its content; where the key would make it taller than the PDF prints at full
    size (:data:`analysis.present.style.PRINT_MAX_HEIGHT_IN`), the key explains the first ``key_limit``
    numbers (found here, largest first) and sends the reader to the chapter's table of the border zone's
    events, which carries every number, for the rest: added articles shorten the key, never the text.
    """
    from analysis.present.maps.base import _gaz

    zone, pts_gdf, own_claims = zone_data(events, claims, _gaz(gazetteer))
    drawn = pd.DataFrame(zone.drop(columns="geometry")) if not zone.empty else pd.DataFrame(columns=ZONE_COLUMNS)
    drawn = drawn[[c for c in ZONE_COLUMNS if c in drawn.columns]].reset_index(drop=True)
    names = actors_mod.actor_names(_actors(actors))
    articles = article_names(catalog)
    width = style.PRINT_WIDTH_IN
    fig = _new_figure((width, 9.0))  # the height is set at the end, from the content
    title = style.finding_title(fig, border_title(drawn))
    top = 0.08 + title.get_window_extent(fig.canvas.get_renderer()).height / fig.dpi + 0.12
    top, layout = _maps(fig, pts_gdf, zone, top)
    entries = key_entries(drawn, pts_gdf)
    shown = entries if key_limit is None else entries[: max(key_limit, 0)]
    top, per_entry = _key(fig, top, entries, shown)
    top = _claims(fig, top, drawn, own_claims, public_record, names, articles)
    used = sorted({s for s in zone["seed"]}) if not zone.empty else []
    outlets = "; ".join(articles["short"].get(s, s) for s in used) or "none"
    src = (
        f"{NE10}; GeoNames cities500; public record (Tin Zaouatine, Tinzaouaten: Wikipedia). Events and claims: "
        f"the report's event ledger, from the articles of {outlets}. Distances geodesic (WGS84) to the 1:10m line; "
        "Lambert azimuthal equal-area projection centred on 20°N 2°E."
    )
    source = style.source_line(fig, panels.wrap_to(src, width - 0.12, panels.SMALL_PT), fontsize=panels.SMALL_PT)
    source.set_position((0, 1))
    source.set_transform(style.at_top(fig, 0.06, top))
    source.set_va("top")
    top += source.get_window_extent(fig.canvas.get_renderer()).height / fig.dpi + 0.08
    if top > style.PRINT_MAX_HEIGHT_IN and shown:
        drop = max(1, math.ceil((top - style.PRINT_MAX_HEIGHT_IN) / per_entry) + (len(shown) == len(entries)))
        return border_incidents(
            events, claims, gazetteer, public_record, actors, catalog, key_limit=max(len(shown) - drop, 0)
        )
    fig.set_size_inches(width, top)
    for ax, x, t, w, h in layout:
        panels.place_axes(ax, x, t, w, h)
    for ax in fig.axes:
        ax.set_xlabel("")
        ax.set_ylabel("")
    fig.alt_text = _alt(pts_gdf, entries, own_claims, names)
    return fig, drawn


def _key(fig: Figure, top: float, entries: list, shown: list) -> tuple[float, float]:
    """The key under the map: its heading, the ``shown`` entries and, where fewer than all
    ``entries`` are shown, where to find the rest; returns the position under it and the height one
    entry takes."""
    width = style.PRINT_WIDTH_IN
    heading = [("The events, numbered as on the map", dict(fontweight="bold", fontsize=7.5))]
    key_top = panels.text_block(fig, 0.06, top, width - 0.1, heading, "key-heading")
    top = panels.numbered_key(fig, 0.06, key_top, width - 0.1, shown) + 0.08
    per_entry = (top - key_top) / max(len(shown), 1)
    if len(shown) < len(entries):
        first, last = entries[len(shown)][0], entries[-1][0]
        rest = f"Event {first}" if first == last else f"Events {first} to {last}"
        more = f"{rest}: see the table of the border zone's events in the Border incidents chapter."
        top = panels.text_block(fig, 0.06, top - 0.04, width - 0.1, [(more, dict(fontstyle="italic"))], "key-more")
        top += 0.08
    return top, per_entry


def _claims(fig, top, drawn, own_claims, record, names, articles) -> float:
    """The claims about the events drawn (left) and the public record's figures (right, labelled as
    such); returns the position under the longer column."""
    width = style.PRINT_WIDTH_IN
    has_record = record is not None and not record.empty
    left_w = width * 0.63 if has_record else width - 0.1
    bottom = panels.text_block(fig, 0.06, top, left_w, claim_lines(drawn, own_claims, names, articles), "claim-text")
    if has_record:
        right = panels.text_block(
            fig, 0.06 + left_w + 0.15, top, width - left_w - 0.27, record_lines(record), "record-text"
        )
        bottom = max(bottom, right)
    return bottom + 0.06


def _alt(pts_gdf, entries, own_claims, names) -> str:
    dist = "; ".join(f"{r.name} {r.distance_km:.1f} km" for r in pts_gdf.itertuples())
    events = "; ".join(f"{n}: {text}" for n, text in entries) or "none"
    claims = (
        "; ".join(f"{names.get(str(r.claimant), str(r.claimant))}: {r.claim}" for r in own_claims.itertuples())
        or "none"
    )
    return (
        "Map of the Algeria–Mali border zone between Tessalit, Kidal and Tin Zaouatine, with the border as a thick "
        f"black line and each event as a numbered marker. Distances to the border: {dist}. Tinzaouaten, from the "
        f"public record, is drawn with its uncertainty circle. Events: {events}. Claims: {claims}."
    )


__all__ = ["NEAR_KM", "ZONE_COLUMNS", "border_incidents", "border_title", "zone_data"]
