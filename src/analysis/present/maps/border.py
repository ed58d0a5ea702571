"""The border map: the Algeria–Mali border zone, the events located there with their date, source paragraph
and distance to the border, the location uncertainty of Tinzaouaten, and the contested claims
(:func:`border_incidents`)."""

from __future__ import annotations

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
from analysis.core.dates import format_date
from analysis.core.keys import paragraph_key
from analysis.present import style
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
    _adjust,
    _countries,
    _country_labels,
    _draw_countries,
    _draw_line,
    _event_key,
    _finish,
    _frame,
    _gaz,
    _hollow_marker,
    _label,
    _locator,
    _new_figure,
    _place,
    _project_xy,
    _regional_base,
    _scalebar,
    _seed_marker,
    _short,
    _to,
    _uncertainty_circle,
    _wrap,
)
from analysis.sources import actors as actors_mod


def _claims_panel(
    ax: Axes, claims: pd.DataFrame, record: pd.DataFrame | None, title: str, names: dict[str, str]
) -> list[str]:
    """Write the claims (each attributed to its claimant and the outlet reporting it) and the public-record
    figures (labelled as such) as text; return alt-text fragments."""
    ax.set_axis_off()
    ax.set_gid("claims")
    lines: list[tuple[str, dict]] = [(title, dict(fontweight="bold", fontsize=8.5))]
    alt = []
    if claims.empty:
        lines.append(("No claims in the ledger for the events on this map.", dict(color=style.PALETTE["muted"])))
    for rec in claims.to_dict("records"):
        key = paragraph_key(rec.get("seed", ""), rec.get("paragraph", ""))
        who = names.get(str(rec.get("claimant", "")), str(rec.get("claimant", ""))) or "unnamed"
        via = names.get(str(rec.get("reported_by", "")), str(rec.get("reported_by", "")))
        lines.append((_wrap(f"{who}:", 52), dict(fontweight="bold", color=style.PALETTE["text"])))
        lines.append((_wrap(str(rec.get("claim", "")), 54), dict()))
        lines.append(
            (
                _wrap(f"as reported by {via or 'the seed'}, seed {key}", 58),
                dict(color=style.PALETTE["muted"], fontsize=6.8),
            )
        )
        alt.append(f"{who}: {rec.get('claim', '')} (reported by {via or 'the seed'}, {key})")
    if record is not None and not record.empty:
        lines.append(
            ("Public record, not the seeds:", dict(fontweight="bold", fontsize=8, color=style.PALETTE["muted"]))
        )
        for rec in record.to_dict("records"):
            for part in str(rec["value"]).split(";"):
                lines.append((_wrap(part.strip(), 56), dict(color=style.PALETTE["muted"])))
            lines.append(
                (
                    _wrap(f"sources: {rec['source']} (reliability {rec.get('reliability', '?')})", 60),
                    dict(color=style.PALETTE["muted"], fontsize=6.8),
                )
            )
            alt.append(f"public record ({rec['source']}): {rec['value']}")
    renderer = ax.figure.canvas.get_renderer()
    to_axes = ax.transAxes.inverted()
    y = 1.0
    for text, kw in lines:
        opts = dict(fontsize=7.4, va="top", ha="left", color=style.PALETTE["text"], transform=ax.transAxes)
        opts.update(kw)
        if kw.get("fontweight") == "bold" and kw.get("fontsize", 0) >= 8 and y < 1.0:
            y -= 0.03  # space before a section heading
        t = ax.text(0.0, y, text, **opts)
        t.set_gid("claim-text")
        box = t.get_window_extent(renderer)
        (_, y0), (_, y1) = to_axes.transform([(box.x0, box.y0), (box.x0, box.y1)])
        y -= (y1 - y0) + (0.02 if kw.get("fontsize") == 6.8 else 0.006)
    if y < 0:
        ax.text(
            0.0,
            y,
            "(panel truncated: see the claims table)",
            fontsize=6.5,
            color=style.PALETTE["muted"],
            transform=ax.transAxes,
            va="top",
        )
    return alt


ZONE_COLUMNS = [
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


def zone_data(
    events: pd.DataFrame, claims: pd.DataFrame, gaz: pd.DataFrame
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, pd.DataFrame]:
    """The data of the border map: the events located in the border zone, the places of
    :data:`BORDER_ZONE_PLACES` with their geodesic ``distance_km`` to the border and their position ``x``,
    ``y`` in :data:`REGION_CRS`, and the claims about the events drawn."""
    zone = border.zone_events(events, gaz)
    pts = gaz[gaz["place_id"].isin(BORDER_ZONE_PLACES)].copy()
    pts_gdf = gpd.GeoDataFrame(pts, geometry=gpd.points_from_xy(pts["lon"], pts["lat"]), crs=LONLAT)
    pts_gdf["distance_km"] = border.distance_to_border(pts_gdf, *BORDER_PAIR)
    px, py = _project_xy(pts["lon"], pts["lat"], REGION_CRS)
    pts_gdf["x"], pts_gdf["y"] = px, py
    shown_ids = set(zone["event_id"]) if not zone.empty and "event_id" in zone.columns else set()
    if "event_id" in claims.columns:
        own_claims = claims[claims["event_id"].fillna("").astype(str).isin(shown_ids)]
    else:
        own_claims = claims.iloc[0:0]
    return zone, pts_gdf, own_claims


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


def _zone_label_text(rec, zone: pd.DataFrame, alt_events: list[str]) -> str:
    """The label of a place of the zone: name, distance to the border and the events there (each also
    appended to ``alt_events``)."""
    own = zone[zone["place_id"] == rec.place_id] if not zone.empty else zone
    country = "Algeria" if rec.iso3 == "DZA" else "Mali" if rec.iso3 == "MLI" else rec.iso3
    head = f"{rec.name} ({rec.kind} in {country})"
    lines = [f"{rec.distance_km:.1f} km from the border"]
    if rec.role == "public_record":
        lines.append(f"not in the seeds; located to ±{rec.precision_km:g} km")
    if len(own):
        # The ledger places an event at a town when the seed names the town, which may mean "near"
        # it (the strike of 25 August 2024 was "in the vicinity of" Tin Zaouatine, 003¶60): the map
        # does not say on which side of the border an event happened.
        lines.append("events reported at or near it:")
    for ev in own.sort_values(["date_start", "event_id"]).to_dict("records"):
        date = format_date(ev.get("date_start"), ev.get("date_end"), ev.get("date_precision"), ev.get("date_basis"))
        key = _event_key(ev)
        lines.append(f"{date} · {ev.get('event_type', '')} · {key}")
        lines.append(f"   {_short(ev.get('summary', ''), 40)}")
        alt_events.append(f"{rec.name}: {date}, {ev.get('event_type', '')}, {ev.get('summary', '')} ({key})")
    return head + "\n" + "\n".join(lines)


def _zone_labels(ax: Axes, pts_gdf: gpd.GeoDataFrame, zone: pd.DataFrame, static: list) -> list[str]:
    """Layout: a marker and a label per place of the zone, placed clear of the country labels; returns the
    alt-text fragments of the events."""
    texts = []
    alt_events: list[str] = []
    for rec in pts_gdf.itertuples():
        _place(ax, rec.x, rec.y, rec.place_id, rec.role)
        text = _zone_label_text(rec, zone, alt_events)
        texts.append(
            _label(ax, rec.x + 20_000, rec.y, text, f"label-{rec.place_id}", fontsize=7, ha="left", linespacing=1.25)
        )
    _adjust(ax, texts, list(pts_gdf["x"]), list(pts_gdf["y"]), objects=static)
    return alt_events


def _border_legend(ax: Axes) -> None:
    handles = [
        Line2D([], [], color=style.PALETTE["border"], linewidth=1.8, label="Algeria–Mali border (1:10m)"),
        _seed_marker("o", "town named in the seeds"),
        _hollow_marker("from the public record only"),
        Patch(
            facecolor=style.tint(style.PALETTE["uncertainty"], 0.75),
            edgecolor=style.PALETTE["uncertainty"],
            linestyle="--",
            label="location uncertainty (10 km)",
        ),
    ]
    leg = ax.legend(handles=handles, loc="lower left", fontsize=7, frameon=True, framealpha=0.92, edgecolor="#BBBBBB")
    leg.set_gid("legend")


def _main_map(fig: Figure, pts_gdf: gpd.GeoDataFrame, zone: pd.DataFrame) -> tuple[shapely.Polygon, list[str]]:
    """Drawing: the border zone with its places, legend, scale bar, locator and the detail rectangle around
    Tin Zaouatine. Returns the rectangle and the alt-text fragments of the events."""
    ax, window, frame = _regional_base(fig, (0.035, 0.085, 0.575, 0.85), BORDER_EXTENT, 1.0, 1.8)
    static = _country_labels(ax, frame, shapely.box(*window.bounds), {"DZA": "ALGERIA", "MLI": "MALI", "NER": "NIGER"})
    for rec in pts_gdf.itertuples():
        _draw_uncertainty(ax, rec)
    alt_events = _zone_labels(ax, pts_gdf, zone, static)
    _border_legend(ax)
    _scalebar(ax, "lower right")
    _locator(
        ax,
        (0.76, 0.77, 0.23, 0.22),
        shapely.box(*BORDER_EXTENT),
        {"DZA": "algeria", "MLI": "mali", "NER": "aes", "BFA": "aes"},
    )
    tz = pts_gdf.set_index("place_id").loc["tin_zaouatine"]
    half = DETAIL_HALF_KM * 1000.0
    detail_box = shapely.box(tz["x"] - half, tz["y"] - half, tz["x"] + half, tz["y"] + half)
    ax.plot(
        *detail_box.exterior.xy, color=style.PALETTE["text"], linewidth=0.7, linestyle=":", zorder=4.5, gid="detail-box"
    )
    ax.set_title("The Algeria–Mali border zone: incidents in the seeds", loc="left", fontsize=11, pad=8)
    return detail_box, alt_events


def _detail_places(dax: Axes, pts_gdf: gpd.GeoDataFrame, line: shapely.Geometry) -> None:
    """Layout of the detail panel: Tin Zaouatine and Tinzaouaten, each with its measured distance to the
    nearest point of the border and a label placed clear of the others."""
    crs = REGION_CRS
    dtexts = []
    for rec in pts_gdf[pts_gdf["place_id"].isin(["tin_zaouatine", "tinzaouaten"])].itertuples():
        _draw_uncertainty(dax, rec)
        _place(dax, rec.x, rec.y, rec.place_id, rec.role)
        local = shapely.transform(line, lambda xy: np.column_stack(_to(crs).transform(xy[:, 0], xy[:, 1])))
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
        extra = f"\n(±{rec.precision_km:g} km, public record)" if rec.role == "public_record" else ""
        text = f"{rec.name}\n{rec.distance_km:.1f} km to the border{extra}"
        dtexts.append(
            _label(dax, rec.x, rec.y - 3_000, text, f"detail-label-{rec.place_id}", fontsize=7, ha="center", va="top")
        )
    _adjust(dax, dtexts, list(pts_gdf["x"]), list(pts_gdf["y"]))


def _detail_panel(fig: Figure, detail_box: shapely.Polygon, pts_gdf: gpd.GeoDataFrame) -> Axes:
    """Drawing: the detail panel, a square of side 2 × :data:`DETAIL_HALF_KM` around Tin Zaouatine."""
    crs = REGION_CRS
    line = border.shared_border(*BORDER_PAIR).iloc[0]
    dax = fig.add_axes((0.645, 0.54, 0.34, 0.37))
    dax.set_gid("detail")
    _frame(dax, detail_box.bounds)
    dframe = _countries("10m", crs, detail_box)
    _draw_countries(dax, dframe, REGION_ROLES, lw=0.0)
    _draw_line(dax, line, crs, "border", color=style.PALETTE["border"], linewidth=1.8, zorder=4.2)
    _detail_places(dax, pts_gdf, line)
    for iso, text in (("DZA", "ALGERIA"), ("MLI", "MALI")):
        part = dframe.loc[dframe["iso3"] == iso, "geometry"]
        if not part.empty:
            anchor = part.union_all().representative_point()
            t = dax.text(
                anchor.x,
                anchor.y,
                text,
                fontsize=8,
                fontweight="bold",
                color=style.PALETTE["muted"],
                ha="center",
                va="center",
                zorder=2,
                path_effects=_HALO,
            )
            t.set_gid(f"country-label-{iso}")
    _scalebar(dax, "lower right", fontsize=6.5)
    side = 2 * DETAIL_HALF_KM
    dax.set_title(f"Detail: {side:.0f} × {side:.0f} km around Tin Zaouatine", fontsize=8.5, loc="left", pad=4)
    return dax


def border_incidents(
    events: pd.DataFrame,
    claims: pd.DataFrame,
    gazetteer: pd.DataFrame | None = None,
    public_record: pd.DataFrame | None = None,
    actors: pd.DataFrame | None = None,
) -> tuple[Figure, pd.DataFrame]:
    """The Algeria–Mali border zone (1:10m) with the ledger's events located there.

    Each place of :data:`BORDER_ZONE_PLACES` gets a label: its name, its geodesic distance to the border
    and, per event located there, the date (no more precise than the ledger), the PLOVER type, the source
    paragraph and the summary (shortened). Places known only to 5 km or worse (Tinzaouaten, 10 km) get an
    uncertainty circle. A detail panel shows the square of side 2 × :data:`DETAIL_HALF_KM` around Tin
    Zaouatine with the measured distances, and a text panel the claims (``claims`` rows whose
    ``event_id`` is among the events drawn), each attributed to its claimant and the outlet reporting it
    (names from ``actors``, default ``data/actors.csv``); ``public_record`` rows (columns key, value, source, reliability), if given,
    are shown below them, labelled as public record. Returns the figure (``fig.alt_text``) and the events
    it labels, one row per event and place (:data:`ZONE_COLUMNS`).
    """
    zone, pts_gdf, own_claims = zone_data(events, claims, _gaz(gazetteer))
    fig = _new_figure((11.0, 6.9))
    detail_box, alt_events = _main_map(fig, pts_gdf, zone)
    dax = _detail_panel(fig, detail_box, pts_gdf)
    dax.apply_aspect()
    dpos = dax.get_position()
    cax = fig.add_axes((dpos.x0, 0.085, 0.985 - dpos.x0, 0.40))
    alt_claims = _claims_panel(
        cax, own_claims, public_record, "Contested claims about these events", actors_mod.actor_names(_actors(actors))
    )
    keys = sorted({_event_key(e) for e in zone.to_dict("records")}) if not zone.empty else []
    src = (
        f"{NE10}; GeoNames cities500; public record (Tin Zaouatine, Tinzaouaten, Wikipedia); events and claims: "
        f"seeds {', '.join(keys) if keys else '(none)'}. Distances geodesic (WGS84) to the 1:10m line. "
        "Lambert azimuthal equal-area, centre 20°N 2°E."
    )
    _finish(fig, src, "")
    dist = "; ".join(f"{r.name} {r.distance_km:.1f} km" for r in pts_gdf.itertuples())
    fig.alt_text = (
        "Map of the Algeria–Mali border zone between Tessalit, Kidal and Tin Zaouatine, with the border as a thick "
        f"black line. Distances to the border: {dist}. Tinzaouaten, from the public record, is drawn with a 10 km "
        "uncertainty circle. Events: "
        + ("; ".join(alt_events) if alt_events else "none")
        + ". Claims: "
        + ("; ".join(alt_claims) if alt_claims else "none")
        + "."
    )
    return fig, pd.DataFrame(zone.drop(columns="geometry"))[[c for c in ZONE_COLUMNS if c in zone.columns]].reset_index(
        drop=True
    )
