"""The drawing toolkit shared by the maps: projections, the Natural Earth countries, frame, graticule,
scale bar, locator inset, place markers and labels, label placement and the legend entries the maps share.

Projections: the regional maps use a Lambert azimuthal equal-area projection centred on 20°N 2°E
(:data:`REGION_CRS`, the middle of the Algeria–Mali border). Output is deterministic: label placement by a fixed number of adjustText iterations.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from adjustText import adjust_text
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.patheffects import withStroke
from matplotlib_scalebar.scalebar import ScaleBar
from pyproj import Geod, Transformer

from analysis.analytics import border
from analysis.present import style
from analysis.sources import places

#: Centre (lat, lon) of the regional maps' projection: the middle of the Algeria–Mali border.
REGION_CENTRE = (20.0, 2.0)
REGION_CRS = (
    f"+proj=laea +lat_0={REGION_CENTRE[0]:g} +lon_0={REGION_CENTRE[1]:g} +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"
)
LONLAT = "EPSG:4326"
GEOD = Geod(ellps="WGS84")

#: Extents (lon_min, lat_min, lon_max, lat_max) of the maps.
REGION_EXTENT = (-17.5, 8.5, 16.5, 38.0)
BORDER_EXTENT = border.ZONE_EXTENT  # the border map frames the border zone
DETAIL_HALF_KM = 28.0

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


#: How a graticule label is drawn, beside where its line leaves the frame.
_GRATICULE_LABEL = dict(
    textcoords="offset points", fontsize=6, color=style.PALETTE["muted"], annotation_clip=False, gid="graticule-label"
)


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
                ax.annotate(text, (pt.x, y0), xytext=(0, -2), ha="center", va="top", **_GRATICULE_LABEL)
            else:
                text = f"{abs(deg)}°{'N' if v > 0 else 'S' if v < 0 else ''}"
                ax.annotate(text, (x0, pt.y), xytext=(-2, 0), ha="right", va="center", **_GRATICULE_LABEL)


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
    draw_border(ax, border_width, zorder=3)
    return ax, window, frame


def draw_border(ax: Axes, linewidth: float, zorder: float) -> None:
    """The Algeria–Mali border (Natural Earth 1:10m) on a map in :data:`REGION_CRS`."""
    _draw_line(
        ax,
        border.shared_border(*BORDER_PAIR).iloc[0],
        REGION_CRS,
        "border",
        color=style.PALETTE["border"],
        linewidth=linewidth,
        zorder=zorder,
    )


def _uncertainty_circle(lon: float, lat: float, radius_km: float) -> shapely.Polygon:
    """A geodesic circle of ``radius_km`` around a point, as a lon/lat polygon."""
    aeqd = f"+proj=aeqd +lat_0={lat} +lon_0={lon} +ellps=WGS84 +units=m +no_defs"
    circle = shapely.Point(0, 0).buffer(radius_km * 1000.0, quad_segs=32)
    back = Transformer.from_crs(aeqd, LONLAT, always_xy=True)
    return shapely.transform(circle, lambda xy: np.column_stack(back.transform(xy[:, 0], xy[:, 1])))


def _actors(actors: pd.DataFrame | None) -> pd.DataFrame:
    if actors is not None:
        return actors
    from analysis.sources.actors import load_actors  # a loader, imported where the maps need names

    return load_actors()


# ----------------------------------------------------------------------------------------------------------
# Legend entries the maps share
# ----------------------------------------------------------------------------------------------------------
def _country_patch(role: str, label: str) -> Patch:
    """A legend entry for a country coloured as ``role`` on the map."""
    return Patch(facecolor=style.tint(style.PALETTE[role], 0.62), edgecolor=style.PALETTE["boundary"], label=label)


def _seed_marker(marker: str, label: str) -> Line2D:
    """A legend entry for a place named in the seeds (filled marker)."""
    return Line2D(
        [], [], marker=marker, linestyle="", color=style.PALETTE["text"], markeredgecolor="white", label=label
    )


def _hollow_marker(label: str) -> Line2D:
    """A legend entry for a place not in the seeds (hollow marker)."""
    return Line2D(
        [], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor=style.PALETTE["muted"], label=label
    )


def _bottom_legend(fig: Figure, handles: list) -> None:
    """The legend of a single map, in three columns under it."""
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
