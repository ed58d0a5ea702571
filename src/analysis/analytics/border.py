"""International borders from Natural Earth, and geodesic lengths and distances to them.

The country layers are the committed files under ``data/geo/`` built by ``scripts/build_geo.py`` from the npm
package world-atlas 2.0.2 (Natural Earth 4.1.0 admin-0). Both layers are in WGS84 longitude/latitude:

* scale ``"10m"``: 1:10m, the countries of North Africa and the Sahel (20°W–32°E, 2°N–40°N), whole;
* scale ``"110m"``: 1:110m, the world without Antarctica.

A shared border is the intersection of the two countries' boundaries (world-atlas is topological, so the
two countries share exactly the same vertices along the border). Lengths are geodesic on the WGS84 ellipsoid
(:class:`pyproj.Geod`); a distance from a point to a border is measured in an azimuthal equidistant
projection centred on the point, where distances from the centre are true geodesic distances.

The border's length depends on the scale: a generalised line cuts corners, so 1:10m gives a shorter
Algeria–Mali border than the CIA World Factbook (:data:`FACTBOOK_BORDERS_KM`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Geod, Transformer
from shapely.geometry.base import BaseGeometry

from analysis.core import paths
from analysis.core.errors import AnalysisError

LAYERS: dict[str, str] = {
    "10m": "ne_10m_north_africa_sahel.geojson",
    "110m": "ne_110m_world.geojson",
}
GEOD = Geod(ellps="WGS84")
CRS_LONLAT = "EPSG:4326"

#: Land-border lengths from the public record (not from the seeds), km, keyed by the sorted pair of ISO3
#: codes. Source: CIA World Factbook, Algeria, "Geography: Land boundaries" (Algeria–Mali 1,359 km).
FACTBOOK_BORDERS_KM: dict[tuple[str, str], float] = {
    ("DZA", "MLI"): 1359.0,
}
FACTBOOK_SOURCE = 'CIA World Factbook, "Algeria", Geography: Land boundaries'


class BorderError(AnalysisError):
    """A country or border that the layers do not have, or points that cannot be measured."""


def layer_path(scale: str = "10m", geo_dir: Path | None = None) -> Path:
    """Path of the country layer at ``scale`` ("10m" or "110m")."""
    if scale not in LAYERS:
        raise BorderError(f"data/geo/{scale}", f"unknown scale {scale!r}; use one of {', '.join(LAYERS)}")
    return (geo_dir or paths.GEO_DIR) / LAYERS[scale]


@lru_cache(maxsize=4)
def _read(path: str, mtime: float) -> gpd.GeoDataFrame:
    frame = gpd.read_file(path)
    missing = [c for c in ("iso_n3", "iso3", "name") if c not in frame.columns]
    if missing:
        raise BorderError(path, f"country layer lacks columns {missing} (rebuild with scripts/build_geo.py)")
    if frame.crs is None or not frame.crs.equals(CRS(CRS_LONLAT)):
        raise BorderError(path, f"country layer must be in WGS84 lon/lat, found {frame.crs}")
    return frame


def load_countries(scale: str = "10m", geo_dir: Path | None = None) -> gpd.GeoDataFrame:
    """The country polygons at ``scale``: columns ``iso_n3``, ``iso3``, ``name``, ``geometry`` (EPSG:4326).

    Raises :class:`BorderError` if the file is missing or malformed."""
    path = layer_path(scale, geo_dir)
    if not path.exists():
        raise BorderError(path, "country layer not found (run scripts/build_geo.py)")
    return _read(str(path), path.stat().st_mtime).copy()


def country(iso3: str, scale: str = "10m", geo_dir: Path | None = None) -> BaseGeometry:
    """The polygon (or multipolygon) of one country by ISO 3166-1 alpha-3 code."""
    frame = load_countries(scale, geo_dir)
    hit = frame[frame["iso3"] == iso3]
    if hit.empty:
        raise BorderError(layer_path(scale, geo_dir), f"no country with iso3 {iso3!r} at scale {scale}")
    return hit.geometry.union_all()


def shared_border(a_iso3: str, b_iso3: str, scale: str = "10m", geo_dir: Path | None = None) -> gpd.GeoSeries:
    """The border between two countries as a one-element GeoSeries (EPSG:4326), indexed ``"A–B"``.

    The geometry is the intersection of the two boundaries, merged into as few lines as possible
    (a LineString when the border is one piece). Raises :class:`BorderError` if the countries do not touch.
    """
    a, b = country(a_iso3, scale, geo_dir), country(b_iso3, scale, geo_dir)
    line = a.boundary.intersection(b.boundary)
    parts = [g for g in shapely.get_parts(line) if g.geom_type in ("LineString", "MultiLineString") and not g.is_empty]
    if not parts:
        raise BorderError(layer_path(scale, geo_dir), f"{a_iso3} and {b_iso3} share no border at scale {scale}")
    merged = shapely.line_merge(shapely.MultiLineString([p for g in parts for p in shapely.get_parts(g)]))
    return gpd.GeoSeries([merged], index=[f"{a_iso3}\u2013{b_iso3}"], crs=CRS_LONLAT)


def border_length_km(a_iso3: str, b_iso3: str, scale: str = "10m", geo_dir: Path | None = None) -> float:
    """Geodesic length (WGS84) of the border between two countries, km."""
    line = shared_border(a_iso3, b_iso3, scale, geo_dir).iloc[0]
    return float(GEOD.geometry_length(line) / 1000.0)


def factbook_length_km(a_iso3: str, b_iso3: str) -> float:
    """The public-record (CIA World Factbook) length of a border, km; KeyError if not recorded."""
    return FACTBOOK_BORDERS_KM[tuple(sorted((a_iso3, b_iso3)))]


def _aeqd(lon: float, lat: float) -> Transformer:
    crs = CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +ellps=WGS84 +units=m +no_defs")
    return Transformer.from_crs(CRS_LONLAT, crs, always_xy=True)


def point_to_line_km(lon: float, lat: float, line: BaseGeometry) -> float:
    """Shortest geodesic distance (km) from a point to a line given in lon/lat.

    The line is projected to an azimuthal equidistant projection centred on the point; there, the distance
    from the origin to any point of the line equals the geodesic distance, so the planar nearest distance is
    the geodesic one (to within the straightness of the line between its vertices, metres at this scale)."""
    project = _aeqd(lon, lat)
    local = shapely.transform(line, lambda xy: np.column_stack(project.transform(xy[:, 0], xy[:, 1])))
    return float(local.distance(shapely.Point(0.0, 0.0)) / 1000.0)


def _points(points: gpd.GeoDataFrame | gpd.GeoSeries, src: str) -> gpd.GeoSeries:
    geoms = points.geometry if isinstance(points, gpd.GeoDataFrame) else points
    if geoms.crs is None:
        raise BorderError(src, "points have no CRS; expected EPSG:4326")
    geoms = geoms.to_crs(CRS_LONLAT)
    bad = [i for i, g in geoms.items() if g is None or g.is_empty or g.geom_type != "Point"]
    if bad:
        raise BorderError(src, f"rows {bad} are not points")
    return geoms


def distance_to_border(
    points: gpd.GeoDataFrame | gpd.GeoSeries,
    a_iso3: str,
    b_iso3: str,
    scale: str = "10m",
    geo_dir: Path | None = None,
) -> pd.Series:
    """Geodesic distance (km, float) from each point to the border between two countries, same index."""
    geoms = _points(points, points.attrs.get("path", "points"))
    line = shared_border(a_iso3, b_iso3, scale, geo_dir).iloc[0]
    values = [point_to_line_km(g.x, g.y, line) for g in geoms]
    return pd.Series(values, index=geoms.index, name="distance_km", dtype="float64")


def country_of(points: gpd.GeoDataFrame | gpd.GeoSeries, scale: str = "10m", geo_dir: Path | None = None) -> pd.Series:
    """ISO3 of the country each point falls in at ``scale`` ("" when in none of the layer's countries)."""
    geoms = _points(points, points.attrs.get("path", "points"))
    frame = load_countries(scale, geo_dir)
    hits = gpd.sjoin(gpd.GeoDataFrame(geometry=geoms), frame[["iso3", "geometry"]], how="left", predicate="within")
    hits = hits[~hits.index.duplicated(keep="first")]
    return hits["iso3"].fillna("").astype(str).reindex(geoms.index).rename("in_country")


def border_table(
    points: gpd.GeoDataFrame,
    a_iso3: str,
    b_iso3: str,
    scale: str = "10m",
    geo_dir: Path | None = None,
) -> gpd.GeoDataFrame:
    """``points`` with two added columns: ``distance_km`` to the a–b border and ``in_country`` (ISO3 of the
    country the point falls in at ``scale``, which may differ from the gazetteer's iso3 for points within a
    few km of a generalised border)."""
    out = points.copy()
    out["distance_km"] = distance_to_border(points, a_iso3, b_iso3, scale, geo_dir)
    out["in_country"] = country_of(points, scale, geo_dir)
    return out


def place_distances(
    gazetteer: pd.DataFrame, a_iso3: str = "DZA", b_iso3: str = "MLI", scale: str = "10m", geo_dir: Path | None = None
) -> pd.DataFrame:
    """Every point place of the gazetteer (not a country or region) with its geodesic distance to the
    ``a``–``b`` border and the country its point falls in (see :func:`border_table`), indexed by
    ``place_id``."""
    pts = gazetteer[~gazetteer["kind"].isin(["region", "country"])].copy()
    pts = gpd.GeoDataFrame(pts, geometry=gpd.points_from_xy(pts["lon"], pts["lat"]), crs=CRS_LONLAT)
    table = border_table(pts, a_iso3, b_iso3, scale, geo_dir)
    return pd.DataFrame(table.drop(columns="geometry")).set_index("place_id")


def apart_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance between two points, in km (WGS84)."""
    return float(GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000)


#: The border zone (lon_min, lat_min, lon_max, lat_max): from Tessalit and Kidal to Tin Zaouatine.
ZONE_EXTENT = (-1.4, 16.9, 5.9, 22.6)


def zone_events(
    events: pd.DataFrame, gazetteer: pd.DataFrame, a_iso3: str = "DZA", b_iso3: str = "MLI"
) -> gpd.GeoDataFrame:
    """The events located at a point place inside :data:`ZONE_EXTENT`, with ``distance_km`` to the
    ``a``–``b`` border (1:10m, geodesic) and ``in_country`` added (see :func:`border_table`)."""
    from analysis.sources.places import locate_events

    located = locate_events(events, gazetteer)
    located = located[~located["is_area"]]
    located = located[located.geometry.within(shapely.box(*ZONE_EXTENT))].reset_index(drop=True)
    if located.empty:
        return located
    return border_table(located, a_iso3, b_iso3)
