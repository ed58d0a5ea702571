"""Maps of the report, drawn from the committed Natural Earth layers (``data/geo``) and the gazetteer.

Four maps, each a function that takes frames and returns a matplotlib :class:`~matplotlib.figure.Figure`
in the house style (:mod:`analysis.present.style`), with a source line and its alt text as ``fig.alt_text`` (the
same convention as :mod:`analysis.present.figures`):

* :func:`regional_overview`: Algeria, Mali and the other Alliance of Sahel States members, capitals and
  every point place the seeds name;
* :func:`border_incidents`: the Algeria–Mali border zone, the events located there with their date, source
  paragraph and distance to the border, the location uncertainty of Tinzaouaten, and the contested claims;
* :func:`russia_axis`: Algiers, Bamako and Moscow, with the ledger's meetings between them as links;
* :func:`events_by_type`: every located event by PLOVER family, before and from the 2024 rupture.

Projections: the regional maps use a Lambert azimuthal equal-area projection centred on 20°N 2°E
(:data:`REGION_CRS`, the middle of the Algeria–Mali border), the wide map one centred on 35°N 15°E
(:data:`WIDE_CRS`). Both are in metres, so the scale bars are true at the centre of the map; at the edges of
the regional overview, about 2,000 km from the centre, the linear scale is off by about 2 %.

Regions and countries are never drawn as points: places of kind ``region`` or ``country`` appear as
italic labels (regions, no agreed boundary) or filled polygons (countries). Events located only to a region
or a country are counted in a note on the map instead.

Output is deterministic: no randomness, label placement by a fixed number of adjustText iterations, and
:func:`analysis.present.style.save` for the bytes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.ops
from adjustText import adjust_text
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch
from matplotlib.patheffects import withStroke
from matplotlib_scalebar.scalebar import ScaleBar
from pyproj import Geod, Transformer

from analysis.analytics import border, timeline
from analysis.core.dates import _is_iso, format_date, iso_bounds  # noqa: F401  (format_date: for the map labels)
from analysis.core.keys import paragraph_key
from analysis.present import style
from analysis.sources import actors as actors_mod
from analysis.sources import places

#: Centre (lat, lon) of the regional maps' projection: the middle of the Algeria–Mali border.
REGION_CENTRE = (20.0, 2.0)
REGION_CRS = (
    f"+proj=laea +lat_0={REGION_CENTRE[0]:g} +lon_0={REGION_CENTRE[1]:g} +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
)
WIDE_CRS = "+proj=laea +lat_0=35 +lon_0=15 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
LONLAT = "EPSG:4326"
GEOD = Geod(ellps="WGS84")

#: Split between the two periods of :func:`events_by_type`: the report's one rupture date,
#: :data:`analysis.analytics.timeline.RUPTURE` (1 January 2024). The seeds date Mali's termination of the Algiers
#: agreement only to the month, "in January 2024" (003¶10, 003¶33); the public record gives 25 January
#: 2024. Splitting on the first day of the month puts every event the seeds date to January 2024 after it.
RUPTURE_DATE = timeline.RUPTURE

#: Extents (lon_min, lat_min, lon_max, lat_max) of the maps.
REGION_EXTENT = (-17.5, 8.5, 16.5, 38.0)
BORDER_EXTENT = border.ZONE_EXTENT  # the border map frames the border zone
DETAIL_HALF_KM = 28.0
WIDE_EXTENT = (-17.0, 6.0, 50.0, 61.0)

CAPITALS = ("algiers", "bamako", "niamey", "ouagadougou", "moscow")
AES = ("MLI", "NER", "BFA")
BORDER_PAIR = ("DZA", "MLI")
BORDER_ZONE_PLACES = ("tin_zaouatine", "tinzaouaten", "tessalit", "kidal")
NE10 = "Natural Earth 1:10m (world-atlas 2.0.2)"
NE110 = "Natural Earth 1:110m (world-atlas 2.0.2)"

_HALO = [withStroke(linewidth=2.6, foreground="white")]
_ITER = 300  # adjustText iterations: fixed, so placement does not depend on the machine's speed


# ----------------------------------------------------------------------------------------------------------
# Small helpers
# ----------------------------------------------------------------------------------------------------------
def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(str(text), width=width, break_long_words=False)) or ""


def _short(text: str, width: int = 44) -> str:
    return textwrap.shorten(str(text), width=width, placeholder="\u2026")


def _new_figure(size: tuple[float, float]) -> Figure:
    style.apply_style()
    fig = Figure(figsize=size)
    FigureCanvasAgg(fig)  # a renderer for label placement, without pyplot's global state
    return fig


def _to(crs: str) -> Transformer:
    return Transformer.from_crs(LONLAT, crs, always_xy=True)


def _project_xy(lon: Iterable[float], lat: Iterable[float], crs: str) -> tuple[np.ndarray, np.ndarray]:
    x, y = _to(crs).transform(np.asarray(list(lon), dtype=float), np.asarray(list(lat), dtype=float))
    return np.asarray(x), np.asarray(y)


def _extent_polygon(extent: tuple[float, float, float, float], crs: str) -> shapely.Polygon:
    """The lon/lat rectangle ``extent`` densified and projected (its bounds frame the map)."""
    box = shapely.segmentize(shapely.box(*extent), 0.25)
    return shapely.transform(box, lambda xy: np.column_stack(_to(crs).transform(xy[:, 0], xy[:, 1])))


def _frame(ax: Axes, bounds: tuple[float, float, float, float]) -> None:
    ax.set_xlim(bounds[0], bounds[2])
    ax.set_ylim(bounds[1], bounds[3])
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color("#7F7F7F")
        spine.set_linewidth(0.6)
    ax.set_facecolor(style.PALETTE["water"])


def _countries(scale: str, crs: str, window: shapely.Polygon) -> gpd.GeoDataFrame:
    """Countries at ``scale`` projected to ``crs`` and clipped to a margin around ``window``."""
    frame = border.load_countries(scale)
    clip = shapely.box(*window.buffer(max(window.bounds[2] - window.bounds[0], 1) * 0.15).bounds)
    lonlat_clip = gpd.GeoSeries([clip], crs=crs).to_crs(LONLAT).iloc[0].envelope
    frame = frame[frame.intersects(lonlat_clip)]
    projected = frame.to_crs(crs)
    projected["geometry"] = projected.geometry.intersection(clip)
    return projected[~projected.geometry.is_empty].reset_index(drop=True)


def _fills(frame: gpd.GeoDataFrame, roles: dict[str, str]) -> list[str]:
    out = []
    for iso in frame["iso3"]:
        role = roles.get(iso)
        out.append(style.tint(style.PALETTE[role], 0.62) if role else style.PALETTE["land"])
    return out


def _draw_countries(ax: Axes, frame: gpd.GeoDataFrame, roles: dict[str, str], lw: float = 0.45) -> None:
    frame.plot(ax=ax, color=_fills(frame, roles), edgecolor=style.PALETTE["boundary"], linewidth=lw, zorder=1)
    ax.collections[-1].set_gid("countries")


def _draw_line(ax: Axes, geom_lonlat: shapely.Geometry, crs: str, gid: str, **kw) -> None:
    series = gpd.GeoSeries([geom_lonlat], crs=LONLAT).to_crs(crs)
    series.plot(ax=ax, **kw)
    ax.collections[-1].set_gid(gid)


def _graticule(ax: Axes, crs: str, extent: tuple[float, float, float, float], step: float) -> None:
    """Thin parallels and meridians every ``step`` degrees, labelled where they meet the frame."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    frame = shapely.box(x0, y0, x1, y1)
    lon_min, lat_min, lon_max, lat_max = extent
    pad = 15.0
    lons = np.arange(np.floor((lon_min - pad) / step) * step, lon_max + pad + step, step)
    lats = np.arange(np.floor((lat_min - pad) / step) * step, min(lat_max + pad, 85.0) + step, step)
    transform = _to(crs)
    for kind, values in (("lon", lons), ("lat", lats)):
        for v in values:
            if kind == "lon":
                ys = np.linspace(max(lat_min - pad, -85), min(lat_max + pad, 85), 200)
                xs = np.full_like(ys, v)
            else:
                if abs(v) > 85:
                    continue
                xs = np.linspace(lon_min - pad, lon_max + pad, 300)
                ys = np.full_like(xs, v)
            px, py = transform.transform(xs, ys)
            line = shapely.LineString(np.column_stack([px, py])).intersection(frame)
            if line.is_empty:
                continue
            for part in shapely.get_parts(line):
                cx, cy = part.xy
                ax.plot(cx, cy, color="#FFFFFF", linewidth=0.5, alpha=0.7, zorder=1.5, gid="graticule")
            # label where the line leaves the frame: meridians on the bottom edge, parallels on the left edge
            edge = (
                shapely.LineString([(x0, y0), (x1, y0)]) if kind == "lon" else shapely.LineString([(x0, y0), (x0, y1)])
            )
            hit = line.intersection(edge)
            if hit.is_empty:
                continue
            pt = shapely.get_parts(hit)[0]
            deg = int(v) if float(v).is_integer() else v
            if kind == "lon":
                text = f"{abs(deg)}°{'E' if v > 0 else 'W' if v < 0 else ''}"
                ax.annotate(
                    text,
                    (pt.x, y0),
                    xytext=(0, -2),
                    textcoords="offset points",
                    ha="center",
                    va="top",
                    fontsize=6,
                    color=style.PALETTE["muted"],
                    annotation_clip=False,
                    gid="graticule-label",
                )
            else:
                text = f"{abs(deg)}°{'N' if v > 0 else 'S' if v < 0 else ''}"
                ax.annotate(
                    text,
                    (x0, pt.y),
                    xytext=(-2, 0),
                    textcoords="offset points",
                    ha="right",
                    va="center",
                    fontsize=6,
                    color=style.PALETTE["muted"],
                    annotation_clip=False,
                    gid="graticule-label",
                )


def nice_length_km(width_km: float, fraction: float = 0.2) -> float:
    """A round scale-bar length (1, 2, 2.5 or 5 times a power of ten, km) close to ``fraction`` of a width."""
    target = max(width_km * fraction, 1e-3)
    power = 10 ** np.floor(np.log10(target))
    best = max(m * power for m in (1, 2, 2.5, 5, 10) if m * power <= target * 1.0001)
    return float(best)


def _scalebar(ax: Axes, location: str = "lower right", fontsize: float = 7) -> ScaleBar:
    """A scale bar in km. Valid because the map is in a projected CRS in metres (true at the centre)."""
    width_km = (ax.get_xlim()[1] - ax.get_xlim()[0]) / 1000.0
    length = nice_length_km(width_km)
    bar = ScaleBar(
        1.0,
        "m",
        location=location,
        box_alpha=0.85,
        border_pad=0.6,
        fixed_value=length,
        fixed_units="km",
        font_properties={"size": fontsize},
        color=style.PALETTE["text"],
        scale_loc="top",
        scale_formatter=lambda value, unit: f"{value:g} {unit}",
    )
    bar.set_gid("scalebar")
    ax.add_artist(bar)
    return bar


def _locator(
    parent: Axes, rect: tuple[float, float, float, float], window_lonlat: shapely.Polygon, highlight: dict[str, str]
) -> Axes:
    """An inset (``rect`` in the parent's axes fraction) showing where the map's window lies in Africa."""
    crs = "+proj=laea +lat_0=15 +lon_0=12 +ellps=WGS84 +units=m +no_defs"
    inset = parent.inset_axes(rect, zorder=8)
    inset.set_gid("locator")
    extent = (-22.0, -36.0, 55.0, 62.0)
    frame_poly = _extent_polygon(extent, crs)
    world = _countries("110m", crs, frame_poly)
    world.plot(ax=inset, color=_fills(world, highlight), edgecolor="#FFFFFF", linewidth=0.15, zorder=1)
    win = gpd.GeoSeries([shapely.segmentize(window_lonlat, 0.5)], crs=LONLAT).to_crs(crs)
    win.boundary.plot(ax=inset, color=style.PALETTE["text"], linewidth=1.0, zorder=3)
    inset.collections[-1].set_gid("locator-window")
    _frame(inset, frame_poly.bounds)
    inset.set_xlabel("")
    inset.set_ylabel("")
    inset.set_facecolor("#FFFFFF")
    for spine in inset.spines.values():
        spine.set_color("#4D4D4D")
    return inset


def _label(ax: Axes, x: float, y: float, text: str, gid: str, **kw) -> object:
    opts = dict(fontsize=7.5, color=style.PALETTE["text"], zorder=6, path_effects=_HALO, va="center")
    opts.update(kw)
    t = ax.text(x, y, text, **opts)
    t.set_gid(gid)
    return t


def _place(ax: Axes, x: float, y: float, pid: str, role: str, gid: str = "place") -> None:
    capital = pid in CAPITALS
    marker = "s" if capital else "o"
    size = 30 if capital else 22
    if role == "seed":
        ax.scatter(
            [x],
            [y],
            s=size,
            marker=marker,
            color=style.PALETTE["text"],
            edgecolor="white",
            linewidth=0.7,
            zorder=5,
            gid=gid,
        )
    else:
        ax.scatter(
            [x],
            [y],
            s=size,
            marker=marker,
            facecolor="white",
            edgecolor=style.PALETTE["muted"],
            linewidth=1.0,
            zorder=5,
            gid=gid,
        )


def _adjust(ax: Axes, texts: list, xs: list[float], ys: list[float], objects: list | None = None) -> None:
    if not texts:
        return
    ax.figure.canvas.draw()
    adjust_text(
        texts,
        x=xs,
        y=ys,
        objects=objects,
        ax=ax,
        iter_lim=_ITER,
        ensure_inside_axes=True,
        expand=(1.15, 1.35),
        force_text=(0.2, 0.35),
        force_static=(0.2, 0.4),
        arrowprops=dict(arrowstyle="-", color="#555555", linewidth=0.5, shrinkA=0, shrinkB=3),
    )


def _country_labels(
    ax: Axes,
    frame: gpd.GeoDataFrame,
    window: shapely.Polygon,
    major: dict[str, str],
    names: dict[str, str] | None = None,
    min_share: float = 0.02,
    size: float = 6.5,
    at: dict[str, tuple[float, float]] | None = None,
    crs: str = REGION_CRS,
) -> list:
    """Country names at a representative point of their visible part (or at ``at[iso3]``, lon/lat, where
    the middle of the country is taken by a capital); major countries bold and larger."""
    texts = []
    total = window.area
    names = names or {}
    at = at or {}
    for rec in frame.itertuples():
        visible = rec.geometry.intersection(window)
        if visible.is_empty or visible.area < total * min_share and rec.iso3 not in major:
            continue
        if rec.iso3 in at:
            x, y = _project_xy([at[rec.iso3][0]], [at[rec.iso3][1]], crs)
            pt = shapely.Point(x[0], y[0])
        else:
            pt = visible.representative_point()
        name = names.get(rec.iso3, rec.name)
        if rec.iso3 in major:
            t = ax.text(
                pt.x,
                pt.y,
                major[rec.iso3],
                fontsize=9.5,
                fontweight="bold",
                ha="center",
                va="center",
                color=style.PALETTE["text"],
                zorder=4,
                path_effects=_HALO,
            )
        else:
            t = ax.text(
                pt.x,
                pt.y,
                name.upper(),
                fontsize=size,
                ha="center",
                va="center",
                color=style.PALETTE["muted"],
                zorder=4,
                path_effects=_HALO,
            )
        t.set_gid(f"country-label-{rec.iso3 or rec.name}")
        texts.append(t)
    return texts


def _gaz(gazetteer: pd.DataFrame | None) -> pd.DataFrame:
    return places.load_gazetteer() if gazetteer is None else gazetteer


def _region_label(ax: Axes, x: float, y: float, text: str) -> None:
    t = ax.text(
        x,
        y,
        text,
        fontsize=10,
        fontstyle="italic",
        color="#8A7A5C",
        ha="center",
        va="center",
        zorder=2.5,
        path_effects=[withStroke(linewidth=2.0, foreground=style.PALETTE["land"])],
    )
    t.set_gid("region-label")


def _finish(fig: Figure, source: str, alt: str) -> Figure:
    for ax in fig.axes:  # geopandas names the projected axes; a map needs no axis titles
        ax.set_xlabel("")
        ax.set_ylabel("")
    style.source_line(fig, _wrap(source, int(fig.get_figwidth() * 17)))
    fig.alt_text = alt
    return fig


# ----------------------------------------------------------------------------------------------------------
# 1. Regional overview
# ----------------------------------------------------------------------------------------------------------
#: Country colours of the regional maps: Algeria, Mali, and the other Alliance of Sahel States members.
REGION_ROLES = {"DZA": "algeria", "MLI": "mali", "NER": "aes", "BFA": "aes"}


def _regional_base(
    fig: Figure,
    rect: tuple[float, float, float, float],
    extent: tuple[float, float, float, float],
    graticule_step: float,
    border_width: float,
) -> tuple[Axes, shapely.Polygon, gpd.GeoDataFrame]:
    """The shared ground of the regional maps: an axes at ``rect`` framing ``extent`` in
    :data:`REGION_CRS`, Natural Earth 1:10m countries (Algeria, Mali and the other AES members
    coloured), a graticule and the Algeria–Mali border. Returns the axes, the window and the countries."""
    crs = REGION_CRS
    ax = fig.add_axes(rect)
    ax.set_gid("map")
    window = _extent_polygon(extent, crs)
    _frame(ax, window.bounds)
    frame = _countries("10m", crs, window)
    _draw_countries(ax, frame, REGION_ROLES)
    _graticule(ax, crs, extent, graticule_step)
    _draw_line(
        ax,
        border.shared_border(*BORDER_PAIR).iloc[0],
        crs,
        "border",
        color=style.PALETTE["border"],
        linewidth=border_width,
        zorder=3,
    )
    return ax, window, frame


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
]


def regional_overview(gazetteer: pd.DataFrame | None = None) -> tuple[Figure, pd.DataFrame]:
    """Algeria, Mali and the other Alliance of Sahel States members (Niger, Burkina Faso) with their
    neighbours, the capitals, and every point place in the gazetteer inside the window (seed places filled,
    context places hollow). Regions the seeds name (Sahara, Sahel, northern Mali/Azawad) are italic labels.
    Places outside the window are listed in a note. Returns the figure (``fig.alt_text``) and the places it
    shows, each with ``shown``: "on the map" or "in the note"."""
    gaz = _gaz(gazetteer)
    crs = REGION_CRS
    fig = _new_figure((8.6, 8.6))
    ax, window, frame = _regional_base(fig, (0.05, 0.2, 0.9, 0.74), REGION_EXTENT, 5.0, 1.6)
    win_box = shapely.box(*window.bounds)
    names = {"ESH": "W. Sahara", "CIV": "Côte d'Ivoire", "GNB": "G.-Bissau"}
    major = {"DZA": "ALGERIA", "MLI": "MALI", "NER": "NIGER", "BFA": "BURKINA FASO"}
    at = {"MLI": (-5.6, 17.3), "BFA": (-1.2, 13.75), "DZA": (2.5, 28.3)}
    static = _country_labels(ax, frame, win_box, major, names, min_share=0.012, at=at, crs=crs)

    # regions: italic labels, no point, no boundary
    for lon, lat, text in (
        (8.0, 25.0, "S a h a r a"),
        (-12.0, 16.2, "S a h e l"),
        (12.5, 14.9, "S a h e l"),
        (-3.2, 20.6, "northern Mali\n(Azawad)"),
    ):
        x, y = _project_xy([lon], [lat], crs)
        _region_label(ax, x[0], y[0], text)

    pts = gaz[~gaz["kind"].isin(["region", "country"]) & (gaz["place_id"] != "tinzaouaten")].copy()
    px, py = _project_xy(pts["lon"], pts["lat"], crs)
    pts["x"], pts["y"] = px, py
    inside = [shapely.Point(a, b).within(win_box) for a, b in zip(px, py)]
    shown, outside = pts[inside], pts[[not i for i in inside]]
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

    handles = [
        Patch(
            facecolor=style.tint(style.PALETTE["algeria"], 0.62), edgecolor=style.PALETTE["boundary"], label="Algeria"
        ),
        Patch(facecolor=style.tint(style.PALETTE["mali"], 0.62), edgecolor=style.PALETTE["boundary"], label="Mali"),
        Patch(
            facecolor=style.tint(style.PALETTE["aes"], 0.62),
            edgecolor=style.PALETTE["boundary"],
            label="Niger, Burkina Faso (with Mali:\nAlliance of Sahel States)",
        ),
        Patch(facecolor=style.PALETTE["land"], edgecolor=style.PALETTE["boundary"], label="other countries"),
        Line2D([], [], color=style.PALETTE["border"], linewidth=1.6, label="Algeria–Mali border"),
        Line2D(
            [],
            [],
            marker="s",
            linestyle="",
            color=style.PALETTE["text"],
            markeredgecolor="white",
            label="capital named in the seeds",
        ),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            color=style.PALETTE["text"],
            markeredgecolor="white",
            label="town named in the seeds",
        ),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor="white",
            markeredgecolor=style.PALETTE["muted"],
            label="hollow: not in the seeds (orientation)",
        ),
    ]
    leg = fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.05, 0.19),
        ncol=3,
        fontsize=7,
        frameon=False,
        columnspacing=1.6,
    )
    leg.set_gid("legend")
    _scalebar(ax, "lower right")
    _locator(
        ax,
        (0.01, 0.775, 0.2, 0.215),
        shapely.box(*REGION_EXTENT),
        {"DZA": "algeria", "MLI": "mali", "NER": "aes", "BFA": "aes"},
    )
    ax.set_title(
        "Algeria, Mali and the Alliance of Sahel States: places named in the seeds", loc="left", fontsize=11, pad=8
    )
    far = ", ".join(f"{r.name}" for r in outside.itertuples())
    note = (
        "Regions in italics have no agreed boundary; their labels are approximate. Tinzaouaten (Mali), "
        "known from the public record only, is on the border map."
        + (f" Also named in the seeds, outside this map: {far}." if far else "")
    )
    fig.text(0.05, 0.055, _wrap(note, 150), fontsize=7, color=style.PALETTE["muted"], va="bottom", gid="note")
    src = (
        f"{NE10}; GeoNames cities500; public record (Tin Zaouatine); places and paragraphs: data/gazetteer.csv. "
        "Lambert azimuthal equal-area, centre 20°N 2°E; scale true at the centre."
    )
    _finish(fig, src, "")
    seed_names = ", ".join(shown.loc[shown["role"] == "seed", "name"])
    ctx_names = ", ".join(shown.loc[shown["role"] != "seed", "name"])
    fig.alt_text = (
        "Map of North Africa and the Sahel. Algeria is shaded green, Mali orange, Niger and Burkina Faso yellow "
        "(with Mali, the Alliance of Sahel States); the Algeria–Mali border is a thick black line. "
        f"Places named in the seeds: {seed_names}. For orientation only: {ctx_names}. "
        "Italic labels mark the Sahara, the Sahel and northern Mali (Azawad)."
        + (f" Outside the map: {far}." if far else "")
    )
    return fig, pd.DataFrame(pd.concat([shown.assign(shown="on the map"), outside.assign(shown="in the note")]))[
        OVERVIEW_COLUMNS
    ].reset_index(drop=True)


# ----------------------------------------------------------------------------------------------------------
# 2. Border incidents
# ----------------------------------------------------------------------------------------------------------
def _event_key(rec: dict) -> str:
    return paragraph_key(rec.get("seed", ""), rec.get("paragraph", ""))


def _uncertainty_circle(lon: float, lat: float, radius_km: float) -> shapely.Polygon:
    """A geodesic circle of ``radius_km`` around a point, as a lon/lat polygon."""
    aeqd = f"+proj=aeqd +lat_0={lat} +lon_0={lon} +ellps=WGS84 +units=m +no_defs"
    circle = shapely.Point(0, 0).buffer(radius_km * 1000.0, quad_segs=32)
    back = Transformer.from_crs(aeqd, LONLAT, always_xy=True)
    return shapely.transform(circle, lambda xy: np.column_stack(back.transform(xy[:, 0], xy[:, 1])))


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
    gaz = _gaz(gazetteer)
    crs = REGION_CRS
    zone = border.zone_events(events, gaz)
    fig = _new_figure((11.0, 6.9))
    ax, window, frame = _regional_base(fig, (0.035, 0.085, 0.575, 0.85), BORDER_EXTENT, 1.0, 1.8)
    line = border.shared_border(*BORDER_PAIR).iloc[0]
    static = _country_labels(ax, frame, shapely.box(*window.bounds), {"DZA": "ALGERIA", "MLI": "MALI", "NER": "NIGER"})

    # places of the zone, with or without events
    pts = gaz[gaz["place_id"].isin(BORDER_ZONE_PLACES)].copy()
    pts_gdf = gpd.GeoDataFrame(pts, geometry=gpd.points_from_xy(pts["lon"], pts["lat"]), crs=LONLAT)
    pts_gdf["distance_km"] = border.distance_to_border(pts_gdf, *BORDER_PAIR)
    px, py = _project_xy(pts["lon"], pts["lat"], crs)
    pts_gdf["x"], pts_gdf["y"] = px, py

    for rec in pts_gdf.itertuples():
        if rec.precision_km >= 5:
            circle = gpd.GeoSeries([_uncertainty_circle(rec.lon, rec.lat, rec.precision_km)], crs=LONLAT).to_crs(crs)
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

    texts = []
    alt_events = []
    for rec in pts_gdf.itertuples():
        _place(ax, rec.x, rec.y, rec.place_id, rec.role)
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
        texts.append(
            _label(
                ax,
                rec.x + 20_000,
                rec.y,
                head + "\n" + "\n".join(lines),
                f"label-{rec.place_id}",
                fontsize=7,
                ha="left",
                linespacing=1.25,
            )
        )
    _adjust(ax, texts, list(pts_gdf["x"]), list(pts_gdf["y"]), objects=static)

    handles = [
        Line2D([], [], color=style.PALETTE["border"], linewidth=1.8, label="Algeria–Mali border (1:10m)"),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            color=style.PALETTE["text"],
            markeredgecolor="white",
            label="town named in the seeds",
        ),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor="white",
            markeredgecolor=style.PALETTE["muted"],
            label="from the public record only",
        ),
        Patch(
            facecolor=style.tint(style.PALETTE["uncertainty"], 0.75),
            edgecolor=style.PALETTE["uncertainty"],
            linestyle="--",
            label="location uncertainty (10 km)",
        ),
    ]
    leg = ax.legend(handles=handles, loc="lower left", fontsize=7, frameon=True, framealpha=0.92, edgecolor="#BBBBBB")
    leg.set_gid("legend")
    _scalebar(ax, "lower right")
    _locator(
        ax,
        (0.76, 0.77, 0.23, 0.22),
        shapely.box(*BORDER_EXTENT),
        {"DZA": "algeria", "MLI": "mali", "NER": "aes", "BFA": "aes"},
    )
    # detail rectangle on the main map
    tz = pts_gdf.set_index("place_id").loc["tin_zaouatine"]
    half = DETAIL_HALF_KM * 1000.0
    detail_box = shapely.box(tz["x"] - half, tz["y"] - half, tz["x"] + half, tz["y"] + half)
    ax.plot(
        *detail_box.exterior.xy, color=style.PALETTE["text"], linewidth=0.7, linestyle=":", zorder=4.5, gid="detail-box"
    )

    # detail panel
    dax = fig.add_axes((0.645, 0.54, 0.34, 0.37))
    dax.set_gid("detail")
    _frame(dax, detail_box.bounds)
    dframe = _countries("10m", crs, detail_box)
    _draw_countries(dax, dframe, REGION_ROLES, lw=0.0)
    _draw_line(dax, line, crs, "border", color=style.PALETTE["border"], linewidth=1.8, zorder=4.2)
    dtexts = []
    for rec in pts_gdf[pts_gdf["place_id"].isin(["tin_zaouatine", "tinzaouaten"])].itertuples():
        if rec.precision_km >= 5:
            circle = gpd.GeoSeries([_uncertainty_circle(rec.lon, rec.lat, rec.precision_km)], crs=LONLAT).to_crs(crs)
            circle.plot(
                ax=dax,
                facecolor=style.tint(style.PALETTE["uncertainty"], 0.75),
                alpha=0.6,
                edgecolor=style.PALETTE["uncertainty"],
                linestyle="--",
                linewidth=0.9,
                zorder=4,
            )
            dax.collections[-1].set_gid("uncertainty")
        _place(dax, rec.x, rec.y, rec.place_id, rec.role)
        # nearest point of the border, and the measured distance
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
        dtexts.append(
            _label(
                dax,
                rec.x,
                rec.y - 3_000,
                f"{rec.name}\n{rec.distance_km:.1f} km to the border{extra}",
                f"detail-label-{rec.place_id}",
                fontsize=7,
                ha="center",
                va="top",
            )
        )
    _adjust(dax, dtexts, list(pts_gdf["x"]), list(pts_gdf["y"]))
    for iso, text in (("DZA", "ALGERIA"), ("MLI", "MALI")):
        part = dframe.loc[dframe["iso3"] == iso, "geometry"]
        if not part.empty:
            p = part.union_all()
            anchor = p.representative_point()
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

    # claims
    shown_ids = set(zone["event_id"]) if not zone.empty and "event_id" in zone.columns else set()
    if "event_id" in claims.columns:
        own_claims = claims[claims["event_id"].fillna("").astype(str).isin(shown_ids)]
    else:
        own_claims = claims.iloc[0:0]
    dax.apply_aspect()
    dpos = dax.get_position()
    cax = fig.add_axes((dpos.x0, 0.085, 0.985 - dpos.x0, 0.40))
    alt_claims = _claims_panel(
        cax, own_claims, public_record, "Contested claims about these events", actor_names(actors)
    )

    ax.set_title("The Algeria–Mali border zone: incidents in the seeds", loc="left", fontsize=11, pad=8)
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


# ----------------------------------------------------------------------------------------------------------
# 3. Russia axis
# ----------------------------------------------------------------------------------------------------------
HOME: dict[str, str] = {"DZA": "algiers", "MLI": "bamako", "RUS": "moscow"}
#: PLOVER types drawn as meetings on :func:`russia_axis` (consultations: visits, talks, hosting).
MEETING_TYPES: tuple[str, ...] = ("CONSULT",)


def _actors(actors: pd.DataFrame | None) -> pd.DataFrame:
    if actors is not None:
        return actors
    from analysis.sources.actors import load_actors  # a loader, imported where the maps need names

    return load_actors()


def actor_names(actors: pd.DataFrame | None = None) -> dict[str, str]:
    """actor_id -> display name (see :func:`analysis.sources.actors.actor_names`)."""
    return actors_mod.actor_names(_actors(actors))


def actor_countries(actors: pd.DataFrame | None = None) -> dict[str, str]:
    """actor_id -> ISO3 country (see :func:`analysis.sources.actors.actor_countries`)."""
    return actors_mod.actor_countries(_actors(actors))


def russia_links(
    events: pd.DataFrame, gazetteer: pd.DataFrame | None = None, actors: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The ledger's meetings (:data:`MEETING_TYPES`) between Russia and Algeria or Mali, one row each:
    ``event_id``, ``date`` (label), ``date_start``, ``a``, ``b`` (ISO3 of the two sides), ``venue``
    (place_id or ""), ``located`` (the venue is a point place, not a country or region), ``key`` (source
    paragraph), ``actor1``, ``actor2`` (display names), ``event_type``, ``summary``."""
    gaz = _gaz(gazetteer)
    country = actor_countries(actors)
    names = actor_names(actors)
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


def russia_axis(
    events: pd.DataFrame, gazetteer: pd.DataFrame | None = None, actors: pd.DataFrame | None = None
) -> tuple[Figure, pd.DataFrame]:
    """Algiers, Bamako and Moscow on a wide map (1:110m), with the ledger's meetings between Russia and
    Algeria or Mali drawn as curved links from the visitor's capital to the venue (arrow at the venue),
    each labelled with date, who met whom, and the source paragraph. Meetings whose venue the seeds do not
    give are listed in a note, not drawn. Returns the figure (``fig.alt_text``) and the meetings, one row
    each, ``located`` saying whether it is drawn as a link or listed in the note."""
    gaz = _gaz(gazetteer)
    crs = WIDE_CRS
    links = russia_links(events, gaz, actors)
    fig = _new_figure((9.0, 8.0))
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
    g = gaz.set_index("place_id")
    nodes = sorted({*HOME.values(), *[v for v in links.loc[links["located"], "venue"]]})
    xy = {}
    for pid in nodes:
        x, y = _project_xy([g.loc[pid, "lon"]], [g.loc[pid, "lat"]], crs)
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
    drawn = links[links["located"]]
    pair_count: dict[tuple[str, str], int] = {}
    link_texts = []
    avoid_x = [p[0] for p in xy.values()]
    avoid_y = [p[1] for p in xy.values()]
    alt_links = []
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
        path = _arc(xy[origin], xy[venue], bulge)
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
        text = f"{rec.date}, {g.loc[venue, 'name']} ({rec.key})\n{who}"
        link_texts.append(
            _label(
                ax,
                mid[0],
                mid[1],
                text,
                f"link-label-{rec.event_id}",
                fontsize=7,
                ha="center",
                bbox=dict(
                    facecolor="white",
                    edgecolor=style.PALETTE["russia"],
                    alpha=0.9,
                    boxstyle="round,pad=0.3",
                    linewidth=0.6,
                ),
            )
        )
        avoid_x.extend(path[::4, 0])
        avoid_y.extend(path[::4, 1])
        alt_links.append(f"{rec.date}: {rec.actor1} and {rec.actor2} in {g.loc[venue, 'name']} ({rec.key})")
    _adjust(ax, link_texts, avoid_x, avoid_y, objects=static)
    handles = [
        Patch(
            facecolor=style.tint(style.PALETTE["algeria"], 0.62), edgecolor=style.PALETTE["boundary"], label="Algeria"
        ),
        Patch(facecolor=style.tint(style.PALETTE["mali"], 0.62), edgecolor=style.PALETTE["boundary"], label="Mali"),
        Patch(
            facecolor=style.tint(style.PALETTE["aes"], 0.62),
            edgecolor=style.PALETTE["boundary"],
            label="Niger, Burkina Faso",
        ),
        Patch(facecolor=style.tint(style.PALETTE["russia"], 0.62), edgecolor=style.PALETTE["boundary"], label="Russia"),
        Line2D(
            [],
            [],
            color=style.PALETTE["russia"],
            linewidth=1.6,
            marker=">",
            markevery=[-1],
            label="meeting: visitor's capital → venue",
        ),
        Line2D([], [], marker="s", linestyle="", color=style.PALETTE["text"], markeredgecolor="white", label="capital"),
    ]
    leg = fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.05, 0.19),
        ncol=3,
        fontsize=7,
        frameon=False,
        columnspacing=1.6,
    )
    leg.set_gid("legend")
    _scalebar(ax, "lower right")
    ax.set_title("Algiers, Bamako and Moscow: meetings with Russia in the seeds", loc="left", fontsize=11, pad=8)
    undrawn = links[~links["located"]]
    note = ""
    if not undrawn.empty:
        parts = [f"{r.date}: {_short(r.actor1, 28)} – {_short(r.actor2, 28)} ({r.key})" for r in undrawn.itertuples()]
        note = "Not drawn, no venue in the seeds: " + "; ".join(parts) + "."
        fig.text(0.05, 0.06, _wrap(note, 150), fontsize=7, color=style.PALETTE["muted"], va="bottom", gid="note")
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


# ----------------------------------------------------------------------------------------------------------
# 4. Events by type and period
# ----------------------------------------------------------------------------------------------------------
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


def _bubble(n: int) -> float:
    """Marker area (points²) for ``n`` events at a place: grows with the count."""
    return 40.0 + 55.0 * (n - 1)


def events_by_type(events: pd.DataFrame, gazetteer: pd.DataFrame | None = None) -> tuple[Figure, pd.DataFrame]:
    """Small multiples: every located event, by polarity (rows: cooperation, conflict) and period
    (columns: before 2024 and from 2024, split at :data:`RUPTURE_DATE` by the one rule of
    :func:`analysis.analytics.timeline.period_of`). A bubble per place, its area proportional to the number of
    events, labelled with the place and the PLOVER types. Events located only to a country or region,
    outside the window, or whose period the ledger cannot settle are counted in the notes.
    Returns the figure (``fig.alt_text``) and one row per located event and place, with its ``period``
    and ``drawn``: "bubble", "note: located to a region", "note: outside the map" or "not on a panel:
    period unknown"."""
    gaz = _gaz(gazetteer)
    crs = REGION_CRS
    axis = timeline.on_time_axis(events)
    axis["period"] = timeline.period_of(axis)
    located = places.locate_events(axis, gaz).copy()
    located["polarity"] = [timeline.polarity(t) for t in located["event_type"]]
    located["family"] = located["polarity"]
    n_unlocated = len(located.attrs.get("unlocated", []))
    extent = (-18.0, 9.0, 18.0, 37.5)
    window = _extent_polygon(extent, crs)
    win_box = shapely.box(*window.bounds)
    px, py = _project_xy(located["lon"], located["lat"], crs)
    located["x"], located["y"] = px, py
    located["inside"] = [shapely.Point(a, b).within(win_box) for a, b in zip(px, py)]
    frame = _countries("10m", crs, window)
    fig = _new_figure((9.2, 8.6))
    periods = ("before 2024", "from 2024")
    families = ("cooperation", "conflict")
    alt = []
    axes = {}
    for i, fam in enumerate(families):
        for j, period in enumerate(periods):
            ax = fig.add_axes((0.02 + j * 0.49, 0.515 - i * 0.41, 0.47, 0.35))
            ax.set_gid(f"panel-{fam}-{period.replace(' ', '-')}")
            axes[(fam, period)] = ax
            _frame(ax, window.bounds)
            _draw_countries(ax, frame, {"DZA": "algeria", "MLI": "mali"}, lw=0.3)
            _draw_line(
                ax,
                border.shared_border(*BORDER_PAIR).iloc[0],
                crs,
                "border",
                color=style.PALETTE["border"],
                linewidth=1.0,
                zorder=3,
            )
            sub = located[(located["family"] == fam) & (located["period"].map(PANEL_PERIODS) == period)]
            pts = sub[~sub["is_area"] & sub["inside"]]
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
            area = sub[sub["is_area"]]["place_name"].value_counts().sort_index()
            far = sub[~sub["is_area"] & ~sub["inside"]]["place_name"].value_counts().sort_index()
            note = []
            if len(area):
                note.append("located only to " + ", ".join(f"{k} {v}" for k, v in area.items()))
            if len(far):
                note.append("outside the map: " + ", ".join(f"{k} {v}" for k, v in far.items()))
            n_pts = int(len(pts))
            n_events = int(sub["event_id"].nunique()) if "event_id" in sub.columns else len(sub)
            ax.set_title(
                f"{fam.capitalize()}, {period}: {n_events} event{'s' if n_events != 1 else ''}",
                loc="left",
                fontsize=9,
                pad=3,
                color=style.PALETTE[fam],
            )
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
                    0.5,
                    0.5,
                    "no events",
                    transform=ax.transAxes,
                    ha="center",
                    color=style.PALETTE["muted"],
                    gid="panel-note",
                )
    _scalebar(axes[("conflict", "from 2024")], "lower right")
    undated = located[located["period"] == timeline.PERIOD_UNKNOWN]
    fam_types = {
        f: ", ".join(t.lower() for k, v in style.PLOVER_FAMILIES.items() if k.endswith(f) for t in v) for f in families
    }
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            color=style.PALETTE["cooperation"],
            markersize=7,
            label=f"cooperation (PLOVER: {fam_types['cooperation']})",
        ),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            color=style.PALETTE["conflict"],
            markersize=7,
            label=f"conflict ({fam_types['conflict']})",
        ),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            color="#999999",
            markersize=float(np.sqrt(_bubble(1))),
            label="1 event at a place",
        ),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            color="#999999",
            markersize=float(np.sqrt(_bubble(3))),
            label="3 events at a place",
        ),
    ]
    leg = fig.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.02, 0.035), ncol=2, fontsize=7, frameon=False)
    leg.set_gid("legend")
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
        + (f", {len(undated)} undated in the text and possibly on either side of the split" if len(undated) else "")
        + "."
    )
    fig.text(0.02, 0.935, _wrap(sub, 150), fontsize=7.5, color=style.PALETTE["muted"], va="top", gid="subtitle")
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
    located["drawn"] = np.select(
        [located["period"] == timeline.PERIOD_UNKNOWN, located["is_area"], ~located["inside"]],
        ["not on a panel: period unknown", "note: located to a region", "note: outside the map"],
        "bubble",
    )
    located["period"] = located["period"].map(PANEL_PERIODS).fillna(located["period"])
    return fig, pd.DataFrame(located.drop(columns="geometry", errors="ignore"))[
        [c for c in BY_TYPE_COLUMNS if c in located.columns]
    ].reset_index(drop=True)
