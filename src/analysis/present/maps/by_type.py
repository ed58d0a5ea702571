"""Events by type and period: small multiples of every located event by PLOVER family, before and from the
2024 rupture (:func:`events_by_type`)."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from analysis.analytics import border, timeline
from analysis.present import style
from analysis.present.maps.base import (
    BORDER_PAIR,
    NE10,
    REGION_CRS,
    _adjust,
    _countries,
    _draw_countries,
    _draw_line,
    _event_key,
    _extent_polygon,
    _finish,
    _frame,
    _gaz,
    _label,
    _new_figure,
    _project_xy,
    _scalebar,
    _wrap,
)
from analysis.sources import places

#: Split between the two periods of :func:`events_by_type`: the report's one rupture date,
#: :data:`analysis.analytics.timeline.RUPTURE` (1 January 2024). The seeds date Mali's termination of the Algiers
#: agreement only to the month, "in January 2024" (003¶10, 003¶33); the public record gives 25 January
#: 2024. Splitting on the first day of the month puts every event the seeds date to January 2024 after it.
RUPTURE_DATE = timeline.RUPTURE

#: Period labels of the small multiples, for the periods of :func:`analysis.analytics.timeline.period_of`.
PANEL_PERIODS = {"before rupture": "before 2024", "after rupture": "from 2024"}
BY_TYPE_COLUMNS = [
    "event_id",
    "date_start",
    "date_end",
    "date_basis",
    "event_type",
    "polarity",
    "period",
    "place_id",
    "place_name",
    "place_kind",
    "lat",
    "lon",
    "key",
    "drawn",
]
#: Extent (lon_min, lat_min, lon_max, lat_max) of each panel.
BY_TYPE_EXTENT = (-18.0, 9.0, 18.0, 37.5)
PERIODS = ("before 2024", "from 2024")
FAMILIES = ("cooperation", "conflict")


def _bubble(n: int) -> float:
    """Marker area (points²) for ``n`` events at a place: grows with the count."""
    return 40.0 + 55.0 * (n - 1)


def by_type_data(events: pd.DataFrame, gaz: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The data of the small multiples: one row per located event and place, with its ``period``
    (:func:`analysis.analytics.timeline.period_of`), ``polarity`` and ``family``, its position ``x``, ``y``
    in :data:`REGION_CRS` and ``inside`` (within the panels' window); and the number of events without a
    place."""
    axis = timeline.on_time_axis(events)
    axis["period"] = timeline.period_of(axis)
    located = places.locate_events(axis, gaz).copy()
    located["polarity"] = [timeline.polarity(t) for t in located["event_type"]]
    located["family"] = located["polarity"]
    n_unlocated = len(located.attrs.get("unlocated", []))
    win_box = shapely.box(*_extent_polygon(BY_TYPE_EXTENT, REGION_CRS).bounds)
    px, py = _project_xy(located["lon"], located["lat"], REGION_CRS)
    located["x"], located["y"] = px, py
    located["inside"] = [shapely.Point(a, b).within(win_box) for a, b in zip(px, py)]
    return located, n_unlocated


def _panel_bubbles(ax: Axes, pts: pd.DataFrame, fam: str, period: str, alt: list[str]) -> None:
    """Drawing and layout of a panel's bubbles: one per place, labelled with the place and the PLOVER types
    towards the middle of the panel, the labels then placed clear of the bubbles."""
    texts = []
    xs, ys = [], []
    for pid, grp in pts.groupby("place_id", sort=True):
        x, y = grp["x"].iloc[0], grp["y"].iloc[0]
        n = len(grp)
        ax.scatter(
            [x],
            [y],
            s=_bubble(n),
            color=style.PALETTE[fam],
            alpha=0.85,
            edgecolor="white",
            linewidth=0.8,
            zorder=5,
            gid="events",
        )
        counts = grp["event_type"].value_counts().sort_index()
        kinds = ", ".join(f"{t} {c}" if c > 1 else str(t) for t, c in counts.items())
        x0, x1 = ax.get_xlim()
        east = x > x0 + 0.55 * (x1 - x0)  # label towards the middle, so it stays inside the panel
        texts.append(
            _label(
                ax,
                x - 70_000 if east else x + 70_000,
                y,
                f"{grp['place_name'].iloc[0]}: {kinds}",
                f"label-{pid}",
                fontsize=6.8,
                ha="right" if east else "left",
            )
        )
        xs.append(x)
        ys.append(y)
        alt.append(f"{fam}, {period}: {grp['place_name'].iloc[0]} {n} ({kinds})")
    _adjust(ax, texts, xs, ys)


def _panel_note(ax: Axes, sub: pd.DataFrame, n_pts: int, fam: str, period: str, alt: list[str]) -> None:
    """A panel's note: its events located only to a region or country, or outside the map; "no events"
    on an empty panel."""
    area = sub[sub["is_area"]]["place_name"].value_counts().sort_index()
    far = sub[~sub["is_area"] & ~sub["inside"]]["place_name"].value_counts().sort_index()
    note = []
    if len(area):
        note.append("located only to " + ", ".join(f"{k} {v}" for k, v in area.items()))
    if len(far):
        note.append("outside the map: " + ", ".join(f"{k} {v}" for k, v in far.items()))
    if note:
        ax.text(
            0.015,
            0.015,
            _wrap("; ".join(note), 62),
            transform=ax.transAxes,
            fontsize=6.3,
            va="bottom",
            ha="left",
            color=style.PALETTE["text"],
            zorder=7,
            gid="panel-note",
            bbox=dict(facecolor="white", edgecolor="#BBBBBB", alpha=0.9, boxstyle="round,pad=0.3"),
        )
        alt.append(f"{fam}, {period}: {'; '.join(note)}")
    if n_pts == 0 and not note:
        ax.text(
            0.5, 0.5, "no events", transform=ax.transAxes, ha="center", color=style.PALETTE["muted"], gid="panel-note"
        )


def _panel(
    fig: Figure, i: int, j: int, window: shapely.Polygon, frame: gpd.GeoDataFrame, sub: pd.DataFrame, alt: list[str]
) -> Axes:
    """Drawing: the panel of family ``FAMILIES[i]`` and period ``PERIODS[j]`` with its events ``sub``."""
    fam, period = FAMILIES[i], PERIODS[j]
    ax = fig.add_axes((0.02 + j * 0.49, 0.515 - i * 0.41, 0.47, 0.35))
    ax.set_gid(f"panel-{fam}-{period.replace(' ', '-')}")
    _frame(ax, window.bounds)
    _draw_countries(ax, frame, {"DZA": "algeria", "MLI": "mali"}, lw=0.3)
    line = border.shared_border(*BORDER_PAIR).iloc[0]
    _draw_line(ax, line, REGION_CRS, "border", color=style.PALETTE["border"], linewidth=1.0, zorder=3)
    pts = sub[~sub["is_area"] & sub["inside"]]
    _panel_bubbles(ax, pts, fam, period, alt)
    n_events = int(sub["event_id"].nunique()) if "event_id" in sub.columns else len(sub)
    ax.set_title(
        f"{fam.capitalize()}, {period}: {n_events} event{'s' if n_events != 1 else ''}",
        loc="left",
        fontsize=9,
        pad=3,
        color=style.PALETTE[fam],
    )
    _panel_note(ax, sub, int(len(pts)), fam, period, alt)
    return ax


def _by_type_legend(fig: Figure) -> None:
    fam_types = {
        f: ", ".join(t.lower() for k, v in style.PLOVER_FAMILIES.items() if k.endswith(f) for t in v) for f in FAMILIES
    }

    def dot(color: str, size: float, label: str) -> Line2D:
        return Line2D([], [], marker="o", linestyle="", color=color, markersize=size, label=label)

    handles = [
        dot(style.PALETTE["cooperation"], 7, f"cooperation (PLOVER: {fam_types['cooperation']})"),
        dot(style.PALETTE["conflict"], 7, f"conflict ({fam_types['conflict']})"),
        dot("#999999", float(np.sqrt(_bubble(1))), "1 event at a place"),
        dot("#999999", float(np.sqrt(_bubble(3))), "3 events at a place"),
    ]
    leg = fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.02, 0.035), ncol=2, fontsize=7, frameon=False)
    leg.set_gid("legend")


def _by_type_titles(fig: Figure, n_unlocated: int, n_undated: int) -> None:
    fig.text(
        0.02,
        0.965,
        "Events of the ledger by PLOVER family, before and from the 2024 rupture",
        fontsize=11,
        fontweight="bold",
        va="top",
        gid="title",
    )
    sub = (
        f"Split at {RUPTURE_DATE.day} {RUPTURE_DATE:%B %Y}: the seeds date the end of the Algiers agreement to January 2024 "
        f"(003¶10). An event at two places counts at both. Not on any panel: {n_unlocated} event(s) without a place"
        + (f", {n_undated} undated in the text and possibly on either side of the split" if n_undated else "")
        + "."
    )
    fig.text(0.02, 0.935, _wrap(sub, 150), fontsize=7.5, color=style.PALETTE["muted"], va="top", gid="subtitle")


def _by_type_frame(located: pd.DataFrame) -> pd.DataFrame:
    """The frame drawn: each located event and place with its panel period and how it is shown."""
    located = located.copy()
    located["drawn"] = np.select(
        [located["period"] == timeline.PERIOD_UNKNOWN, located["is_area"], ~located["inside"]],
        ["not on a panel: period unknown", "note: located to a region", "note: outside the map"],
        "bubble",
    )
    located["period"] = located["period"].map(PANEL_PERIODS).fillna(located["period"])
    return pd.DataFrame(located.drop(columns="geometry", errors="ignore"))[
        [c for c in BY_TYPE_COLUMNS if c in located.columns]
    ].reset_index(drop=True)


def events_by_type(events: pd.DataFrame, gazetteer: pd.DataFrame | None = None) -> tuple[Figure, pd.DataFrame]:
    """Small multiples: every located event, by polarity (rows: cooperation, conflict) and period
    (columns: before 2024 and from 2024, split at :data:`RUPTURE_DATE` by the one rule of
    :func:`analysis.analytics.timeline.period_of`). A bubble per place, its area proportional to the number of
    events, labelled with the place and the PLOVER types. Events located only to a country or region,
    outside the window, or whose period the ledger cannot settle are counted in the notes.
    Returns the figure (``fig.alt_text``) and one row per located event and place, with its ``period``
    and ``drawn``: "bubble", "note: located to a region", "note: outside the map" or "not on a panel:
    period unknown"."""
    located, n_unlocated = by_type_data(events, _gaz(gazetteer))
    window = _extent_polygon(BY_TYPE_EXTENT, REGION_CRS)
    frame = _countries("10m", REGION_CRS, window)
    fig = _new_figure((9.2, 8.6))
    alt: list[str] = []
    axes = {}
    for i, fam in enumerate(FAMILIES):
        for j, period in enumerate(PERIODS):
            sub = located[(located["family"] == fam) & (located["period"].map(PANEL_PERIODS) == period)]
            axes[(fam, period)] = _panel(fig, i, j, window, frame, sub, alt)
    _scalebar(axes[("conflict", "from 2024")], "lower right")
    undated = located[located["period"] == timeline.PERIOD_UNKNOWN]
    _by_type_legend(fig)
    _by_type_titles(fig, n_unlocated, len(undated))
    keys = sorted({_event_key(r) for r in located.to_dict("records")})
    src = (
        f"{NE10}; GeoNames cities500; public record; events: data/events.csv ({len(keys)} seed paragraphs, cited per event in the ledger). "
        "Lambert azimuthal equal-area, centre 20°N 2°E."
    )
    _finish(fig, src, "")
    fig.alt_text = (
        "Four small maps of Algeria, Mali and neighbours: cooperation events (top) and conflict events (bottom), "
        f"before 2024 (left) and from 2024 (right). {'; '.join(alt)}."
        + f" {n_unlocated} events have no place and are not drawn."
    )
    return fig, _by_type_frame(located)
