"""The curated gazetteer (``data/gazetteer_curated.csv``) against the built one (``data/gazetteer.csv``),
and the curated loader's refusal of bad rows."""

from __future__ import annotations

import importlib.util
import re

import pandas as pd
import pytest

from analysis.core import paths
from analysis.sources import places
from analysis.sources.places import PlaceError

_SPEC = importlib.util.spec_from_file_location("build_geo", paths.ROOT / "scripts" / "build_geo.py")
build_geo = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(build_geo)

AS_GIVEN = ("place_id", "name", "kind", "role", "iso3", "aliases", "note")


@pytest.fixture(scope="module")
def curated():
    return build_geo.load_curated()


@pytest.fixture(scope="module")
def built():
    return pd.read_csv(places.GAZETTEER_PATH, dtype=str, keep_default_na=False)


def test_curated_and_built_gazetteer_agree_on_every_curated_field(curated, built):
    # same places, same order: the script writes the rows in the curated file's order
    assert curated["place_id"].tolist() == built["place_id"].tolist()
    assert curated[list(AS_GIVEN)].to_dict("records") == built[list(AS_GIVEN)].to_dict("records")
    for spec, rec in zip(curated.itertuples(index=False), built.itertuples(index=False), strict=True):
        how = spec.point_from
        assert rec.geonames_id == (spec.geonames_id if how == "geonames" else ""), spec.place_id
        if not pd.isna(spec.precision_km):
            assert int(rec.precision_km) == int(spec.precision_km), spec.place_id
        if how == "geonames":
            assert rec.source.startswith(f"{build_geo.GEONAMES_SOURCE}: "), spec.place_id
        elif how == "public_record":
            assert rec.source.startswith(f"public record ({spec.record_key}): "), spec.place_id
        elif how == "country":
            assert rec.source == f"{build_geo.NE_SOURCE}: representative point of the country", spec.place_id
        elif how == "part_of":
            assert rec.source.endswith(f"of {spec.iso3} north of {spec.north_of:g}°N"), spec.place_id
        else:
            assert rec.source == f"analyst: {spec.point_basis}", spec.place_id
            assert (float(rec.lat), float(rec.lon)) == (spec.lat, spec.lon), spec.place_id


def test_every_point_recipe_is_used(curated):
    # the real file exercises every way of locating a place, so each branch of the script is live
    assert set(curated["point_from"]) == set(build_geo.POINT_NEEDS)
    derived = curated["point_from"].isin(["country", "part_of"])
    assert curated.loc[derived, "precision_km"].isna().all()
    assert curated.loc[~derived, "precision_km"].notna().all()


def _bad(tmp_path, edit):
    raw = pd.read_csv(build_geo.CURATED_PATH, dtype=str, keep_default_na=False)
    line = {pid: i + 2 for i, pid in enumerate(raw["place_id"])}  # the header is line 1
    path = tmp_path / "gazetteer_curated.csv"
    edit(raw).to_csv(path, index=False)
    return path, line


def test_bad_curated_rows_are_all_reported_naming_file_and_line(tmp_path):
    def edit(raw):
        at = raw["place_id"]
        raw.loc[at == "kidal", "geonames_id"] = ""  # a GeoNames point without its id
        raw.loc[at == "mali", "precision_km"] = "631"  # a derived precision typed in
        raw.loc[at == "sahara", "point_from"] = "guess"
        raw.loc[at == "gao", "kind"] = "village"
        return raw

    path, line = _bad(tmp_path, edit)
    with pytest.raises(PlaceError) as err:
        build_geo.load_curated(path)
    assert err.value.file == str(path)
    assert str(err.value).splitlines() == [
        f"{path}: row kidal (line {line['kidal']}): point_from 'geonames' needs geonames_id",
        f"{path}: row gao (line {line['gao']}): kind 'village' not one of " + ", ".join(places.KINDS),
        f"{path}: row mali (line {line['mali']}): precision_km '631' must be empty when point_from is 'country'",
        f"{path}: row sahara (line {line['sahara']}): point_from 'guess' not one of "
        + ", ".join(build_geo.POINT_NEEDS),
    ]


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda r: r.drop(columns=["point_from"]), "missing columns: point_from"),
        (lambda r: pd.concat([r, r.iloc[[1]]]), "row bamako (line {last}): duplicate place_id (also line 3)"),
        (
            lambda r: r.assign(aliases=r["aliases"].where(r["place_id"] != "gao", "Tombouctou")),
            "row gao (line 12): alias 'Tombouctou' of 'gao' is also an alias of 'timbuktu'",
        ),
        (
            lambda r: r.assign(lat=r["lat"].where(r["place_id"] != "sahel", "")),
            "row sahel (line 21): point_from 'analyst' needs lat",
        ),
    ],
)
def test_one_bad_curated_change_fails_naming_the_row(tmp_path, edit, message):
    path, line = _bad(tmp_path, edit)
    last = len(pd.read_csv(path, dtype=str)) + 1
    with pytest.raises(PlaceError, match=re.escape(message.format(last=last))) as err:
        build_geo.load_curated(path)
    assert str(path) in str(err.value)


@pytest.mark.parametrize(
    "place, column, value, message",
    [
        ("algiers", "geonames_id", "2460596", "row algiers (line 2): GeoNames id 2460596 is 'Bamako', none of"),
        ("kidal", "geonames_id", "1", "row kidal (line 4): GeoNames id 1 is not in cities500"),
        ("tin_zaouatine", "record_key", "no_such_key", "no row with key 'no_such_key' (record_key of "),
    ],
)
def test_a_point_that_cannot_be_derived_names_the_curated_row(tmp_path, place, column, value, message):
    path, _ = _bad(tmp_path, lambda r: r.assign(**{column: r[column].where(r["place_id"] != place, value)}))
    # these rows come before the first country, so no Natural Earth layer is needed to reach them
    with pytest.raises(PlaceError, match=re.escape(message)) as err:
        build_geo.build_gazetteer(None, paths.DATA_DIR / "public_record.csv", path)
    assert str(path) in str(err.value)


def test_every_non_place_phrase_holds_the_name_of_its_place_and_is_blanked():
    phrases = places.load_non_place_phrases()
    gaz = places.load_gazetteer()
    table = places.alias_table(gaz)
    assert places.non_place_phrases() == tuple(phrases["phrase"]) == places.NON_PLACE_PHRASES
    assert set(phrases["place_id"]) <= set(gaz["place_id"])
    for rec in phrases.itertuples(index=False):
        folded = places.alias_key(rec.phrase)
        named = {
            a.place_id
            for a in table.itertuples(index=False)
            if re.search(rf"(?<!\w){places._pattern(a.key)}(?!\w)", folded)
        }
        # without the blanking the phrase would count as a mention of its place; with it, of none
        assert rec.place_id in named, rec.phrase
        assert places.find_places(rec.phrase, gaz) == [], rec.phrase


def test_bad_non_place_phrases_are_all_reported_naming_the_line(tmp_path):
    raw = pd.read_csv(places.NON_PLACE_PATH, dtype=str, keep_default_na=False)
    bad = pd.concat([raw, raw.iloc[[0]]], ignore_index=True)
    bad.loc[1, "what"] = "treaty"
    bad.loc[7, "place_id"] = "Sahel"
    path = tmp_path / "non_place_phrases.csv"
    bad.to_csv(path, index=False)
    last = len(bad) + 1
    with pytest.raises(PlaceError) as err:
        places.load_non_place_phrases(path)
    assert err.value.file == str(path)
    assert str(err.value).splitlines() == [
        f"{path}: row {raw['phrase'][1]} (line 3): what 'treaty' not one of " + ", ".join(places.NON_PLACE_KINDS),
        f"{path}: row {raw['phrase'][7]} (line 9): place_id 'Sahel' must be lower-case letters, digits and underscores",
        f"{path}: row {raw['phrase'][0]} (line {last}): duplicate phrase (also line 2)",
    ]
