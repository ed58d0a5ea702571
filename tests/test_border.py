"""Borders from Natural Earth: the Algeria–Mali line, its length, distances to it, the committed files."""

from __future__ import annotations

import hashlib

import geopandas as gpd
import pytest
import shapely

from analysis.analytics import border
from analysis.analytics.border import BorderError
from analysis.core import paths
from analysis.sources import places


@pytest.fixture(scope="module")
def gaz():
    return places.load_gazetteer()


def _points(gaz, ids):
    rows = gaz[gaz["place_id"].isin(ids)].set_index("place_id").loc[ids].reset_index()
    return gpd.GeoDataFrame(rows, geometry=gpd.points_from_xy(rows["lon"], rows["lat"]), crs="EPSG:4326")


def test_committed_geodata_match_their_checksums():
    sums = (paths.GEO_DIR / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    outputs = {
        line.split()[1]: line.split()[0] for line in sums if not line.split()[1].startswith(("package/", "world-atlas"))
    }
    assert set(outputs) == set(border.LAYERS.values())
    for name, digest in outputs.items():
        path = paths.GEO_DIR / name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, name
        assert path.stat().st_size < 2_000_000, f"{name} should stay small"


def test_layers_carry_iso_codes_and_are_valid():
    region = border.load_countries("10m")
    assert {"DZA", "MLI", "NER", "BFA", "MRT", "LBY", "MAR", "TUN", "ESH"} <= set(region["iso3"])
    assert region.loc[region["iso3"] == "DZA", "iso_n3"].item() == "012"
    assert region.geometry.is_valid.all()
    world = border.load_countries("110m")
    assert {"DZA", "MLI", "RUS", "USA"} <= set(world["iso3"])
    assert world.geometry.is_valid.all()
    # rings crossing 180° were split: no Russian polygon part spans more than half the globe
    rus = world.loc[world["iso3"] == "RUS"].geometry.item()
    assert max(p.bounds[2] - p.bounds[0] for p in rus.geoms) < 180


def test_algeria_mali_border_is_one_line():
    line = border.shared_border("DZA", "MLI").iloc[0]
    assert line.geom_type == "LineString"
    # it runs from the Mauritania tripoint (about 4.8°W) to the Niger tripoint (about 4.2°E)
    xs = sorted(c[0] for c in (line.coords[0], line.coords[-1]))
    assert xs[0] == pytest.approx(-4.8, abs=0.3) and xs[1] == pytest.approx(4.25, abs=0.3)


def test_border_length_close_to_factbook():
    computed = border.border_length_km("DZA", "MLI")
    factbook = border.factbook_length_km("MLI", "DZA")
    assert factbook == 1359.0
    assert abs(computed - factbook) / factbook < 0.10
    assert computed == pytest.approx(1267, abs=5)  # the generalised 1:10m line is shorter than the Factbook's
    # the coarser the line, the shorter: 1:110m cuts more corners
    assert border.border_length_km("DZA", "MLI", "110m") < computed


def test_tin_zaouatine_is_about_2_km_from_the_border(gaz):
    pts = _points(gaz, ["tin_zaouatine", "tinzaouaten", "tessalit", "kidal"])
    table = border.border_table(pts, "DZA", "MLI")
    dist = dict(zip(table["place_id"], table["distance_km"]))
    assert dist["tin_zaouatine"] == pytest.approx(2.09, abs=0.3)
    assert dist["tessalit"] == pytest.approx(61.1, abs=1.0)
    assert dist["kidal"] == pytest.approx(194.5, abs=2.0)
    assert dist["tinzaouaten"] < 10.0  # within its own ~10 km uncertainty of the line
    inside = dict(zip(table["place_id"], table["in_country"]))
    assert inside["tin_zaouatine"] == "DZA" and inside["tessalit"] == "MLI"


def test_point_to_line_distance_is_geodesic():
    # a meridian segment; a point 1° of longitude east of it on the equator is ~111.32 km away
    line = shapely.LineString([(0, -1), (0, 1)])
    assert border.point_to_line_km(1.0, 0.0, line) == pytest.approx(111.32, abs=0.05)


def test_unknown_countries_and_scales_fail():
    with pytest.raises(BorderError, match="no country with iso3 'XXX'"):
        border.shared_border("DZA", "XXX")
    with pytest.raises(BorderError, match="share no border"):
        border.shared_border("DZA", "BFA")
    with pytest.raises(BorderError, match="unknown scale"):
        border.load_countries("1m")
    with pytest.raises(BorderError, match="no CRS"):
        border.distance_to_border(gpd.GeoSeries([shapely.Point(0, 0)]), "DZA", "MLI")
