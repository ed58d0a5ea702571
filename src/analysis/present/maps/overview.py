"""The regional overview: Algeria, Mali and the other Alliance of Sahel States members, capitals and every
point place the seeds name (:func:`regional_overview`)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.analytics import border
from analysis.core import wording
from analysis.present import style
from analysis.present.maps.base import (
    BORDER_PAIR,
    CAPITALS,
    LONLAT,
    NE10,
    REGION_CRS,
    REGION_EXTENT,
    _adjust,
    _bottom_legend,
    _country_labels,
    _country_patch,
    _extent_polygon,
    _finish,
    _gaz,
    _hollow_marker,
    _label,
    _locator,
    _new_figure,
    _place,
    _project_xy,
    _region_label,
    _regional_base,
    _scalebar,
    _seed_marker,
)

OVERVIEW_COLUMNS = [
    "place_id",
    "name",
    "kind",
    "role",
    "iso3",
    "lat",
    "lon",
    "precision_km",
    "source",
    "seed_refs",
    "shown",
    "distance_km",
]

#: A place this close to the Algeria–Mali border (km, geodesic) is "near" it in the title.
OVERVIEW_NEAR_KM = 200.0


def overview_title(drawn: pd.DataFrame, near_km: float = OVERVIEW_NEAR_KM) -> str:
    """The overview's finding, from the places it shows (columns ``name``, ``role``, ``shown``,
    ``distance_km``): how many of the places the articles name on the map lie within ``near_km`` of the
    Algeria–Mali border, and which the others are, e.g. "Three of the five places the articles name on
    this map lie within 200 km of the Algeria–Mali border; the others are Algiers and Bamako"."""
    named = drawn[(drawn["role"] == "seed") & (drawn["shown"] == "on the map")]
    n = len(named)
    if n == 0:
        return "The articles name no place on this map"
    near = named[named["distance_km"] <= near_km]
    k = len(near)
    within = f"within {near_km:g} km of the Algeria–Mali border"
    if n == 1:
        rec = named.iloc[0]
        where = within if k else f"{rec['distance_km']:,.0f} km from the Algeria–Mali border"
        return f"The one place the articles name on this map, {rec['name']}, lies {where}"
    places = wording.count(n, "place", words=True)
    subject = "None" if k == 0 else "All" if k == n else wording.number(k, words=True).capitalize()
    verb = "lies" if k <= 1 else "lie"
    head = f"{subject} of the {places} the articles name on this map {verb} {within}"
    others = named[named["distance_km"] > near_km]
    if 0 < len(others) <= 3 and k:
        return f"{head}; the {'other is' if len(others) == 1 else 'others are'} {wording.join(others['name'])}"
    return head


#: Regions the seeds name: italic labels (lon, lat, text), no point, no boundary.
REGION_LABELS = (
    (8.0, 25.0, "S a h a r a"),
    (-12.0, 16.2, "S a h e l"),
    (12.5, 14.9, "S a h e l"),
    (-3.2, 20.6, "northern Mali\n(Azawad)"),
)


def overview_places(gazetteer: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The data of the overview: the gazetteer's point places (Tinzaouaten, on the border map, left out)
    projected to :data:`REGION_CRS` (columns ``x``, ``y``), split into those inside the map's window and
    those outside it (listed in the note)."""
    gaz = _gaz(gazetteer)
    win_box = shapely.box(*_extent_polygon(REGION_EXTENT, REGION_CRS).bounds)
    pts = gaz[~gaz["kind"].isin(["region", "country"]) & (gaz["place_id"] != "tinzaouaten")].copy()
    px, py = _project_xy(pts["lon"], pts["lat"], REGION_CRS)
    pts["x"], pts["y"] = px, py
    inside = [shapely.Point(a, b).within(win_box) for a, b in zip(px, py)]
    return pts[inside], pts[[not i for i in inside]]


def _overview_labels(ax: Axes, shown: pd.DataFrame, static: list) -> None:
    """Layout: a marker and a name per place shown, the names placed clear of the country labels."""
    texts = []
    for rec in shown.itertuples():
        _place(ax, rec.x, rec.y, rec.place_id, rec.role)
        weight = "bold" if rec.place_id in CAPITALS else "normal"
        color = style.PALETTE["text"] if rec.role == "seed" else style.PALETTE["muted"]
        texts.append(
            _label(
                ax,
                rec.x + 30_000,
                rec.y + 25_000,
                rec.name,
                f"label-{rec.place_id}",
                fontweight=weight,
                color=color,
                ha="left",
            )
        )
    _adjust(ax, texts, list(shown["x"]), list(shown["y"]), objects=static)


def _overview_legend(fig: Figure) -> None:
    handles = [
        _country_patch("algeria", "Algeria"),
        _country_patch("mali", "Mali"),
        _country_patch("aes", "Niger, Burkina Faso (with Mali:\nAlliance of Sahel States)"),
        Patch(facecolor=style.PALETTE["land"], edgecolor=style.PALETTE["boundary"], label="other countries"),
        Line2D([], [], color=style.PALETTE["border"], linewidth=1.6, label="Algeria–Mali border"),
        _seed_marker("s", "capital the articles name"),
        _seed_marker("o", "town the articles name"),
        _hollow_marker("not in the articles (orientation)"),
    ]
    _bottom_legend(fig, handles)


def _overview_draw(shown: pd.DataFrame, far: str) -> Figure:
    """Drawing: the regional ground, country and region labels, the places, legend, scale bar, locator and
    the note naming the places outside the map (``far``)."""
    crs = REGION_CRS
    fig = _new_figure((style.PRINT_WIDTH_IN, 7.1))
    ax, window, frame = _regional_base(fig, (0.08, 0.211, 0.88, 0.701), REGION_EXTENT, 5.0, 1.6)
    win_box = shapely.box(*window.bounds)
    names = {"ESH": "W. Sahara", "CIV": "Côte d'Ivoire", "GNB": "G.-Bissau"}
    major = {"DZA": "ALGERIA", "MLI": "MALI", "NER": "NIGER", "BFA": "BURKINA FASO"}
    at = {"MLI": (-5.6, 17.3), "BFA": (-2.0, 10.6), "DZA": (2.5, 28.3)}
    static = _country_labels(ax, frame, win_box, major, names, min_share=0.012, at=at, crs=crs)
    for lon, lat, text in REGION_LABELS:
        x, y = _project_xy([lon], [lat], crs)
        _region_label(ax, x[0], y[0], text)
    _overview_labels(ax, shown, static)
    _overview_legend(fig)
    _scalebar_and_locator(ax)
    note = (
        "Regions in italics have no agreed boundary; their labels are approximate. Tinzaouaten (Mali), "
        "known from the public record only, is on the border map."
        + (f" Also named in the articles, outside this map: {far}." if far else "")
    )
    fig.text(
        0.02, 0.06, style.wrap_measured(note, 6.0, 7), fontsize=7, color=style.PALETTE["muted"], va="bottom", gid="note"
    )
    src = (
        f"{NE10}; GeoNames cities500; public record (Tin Zaouatine); places and paragraphs: data/gazetteer.csv. "
        "Lambert azimuthal equal-area, centre 20°N 2°E; scale true at the centre."
    )
    return _finish(fig, src, "")


def _scalebar_and_locator(ax: Axes) -> None:
    _scalebar(ax, "lower right")
    _locator(
        ax,
        (0.01, 0.775, 0.2, 0.215),
        shapely.box(*REGION_EXTENT),
        {"DZA": "algeria", "MLI": "mali", "NER": "aes", "BFA": "aes"},
    )


def regional_overview(gazetteer: pd.DataFrame | None = None) -> tuple[Figure, pd.DataFrame]:
    """Algeria, Mali and the other Alliance of Sahel States members (Niger, Burkina Faso) with their
    neighbours, the capitals, and every point place in the gazetteer inside the window (seed places filled,
    context places hollow). Regions the seeds name (Sahara, Sahel, northern Mali/Azawad) are italic labels.
    Places outside the window are listed in a note. Returns the figure (``fig.alt_text``) and the places it
    shows, each with ``shown``: "on the map" or "in the note"."""
    shown, outside = overview_places(gazetteer)
    far = ", ".join(f"{r.name}" for r in outside.itertuples())
    drawn = pd.DataFrame(pd.concat([shown.assign(shown="on the map"), outside.assign(shown="in the note")]))
    points = gpd.GeoDataFrame(drawn, geometry=gpd.points_from_xy(drawn["lon"], drawn["lat"]), crs=LONLAT)
    drawn["distance_km"] = list(border.distance_to_border(points, *BORDER_PAIR))
    drawn = drawn[OVERVIEW_COLUMNS].reset_index(drop=True)
    fig = _overview_draw(shown, far)
    style.finding_title(fig, overview_title(drawn))
    seed_names = ", ".join(shown.loc[shown["role"] == "seed", "name"])
    ctx_names = ", ".join(shown.loc[shown["role"] != "seed", "name"])
    fig.alt_text = (
        "Map of North Africa and the Sahel. Algeria is shaded green, Mali orange, Niger and Burkina Faso yellow "
        "(with Mali, the Alliance of Sahel States); the Algeria–Mali border is a thick black line. "
        f"Places the articles name: {seed_names}. For orientation only: {ctx_names}. "
        "Italic labels mark the Sahara, the Sahel and northern Mali (Azawad)."
        + (f" Outside the map: {far}." if far else "")
    )
    return fig, drawn
