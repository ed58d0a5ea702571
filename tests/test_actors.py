"""The actor table on the real data: ids, kinds, countries, roles, aliases, and bad input."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analysis.core import paths
from analysis.sources.actors import KINDS, ActorError, alias_key, alias_table, find_actors, load_actors

REQUIRED_IDS = {
    "dza",
    "mli",
    "rus",
    "ner",
    "bfa",
    "tur",
    "fra",
    "un",
    "minusma",
    "ecowas",
    "aes",
    "northern_movements",
    "wagner",
    "fama",
    "national_construction_movement",
    "rachad",
    "jeune_afrique",
    "maghreb_emergent",
    "maliweb",
    "arab21",
    "attaf",
    "lamamra",
    "messahel",
    "goita",
    "tebboune",
    "bouteflika",
    "ibk",
    "diop",
    "camara",
    "lavrov",
    "bogdanov",
    "putin",
    "zitout",
    "delmi",
    "diaw",
    "mali_government",
    "algeria_mfa",
}


@pytest.fixture(scope="module")
def actors():
    return load_actors()


def _write(rows: list[dict], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return path


def _rows() -> list[dict]:
    with (paths.DATA_DIR / "actors.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_table_size_and_required_actors(actors, expected):
    assert len(actors) == expected["actors"]
    assert REQUIRED_IDS <= set(actors["actor_id"])
    assert set(actors["kind"]) <= set(KINDS)


def test_countries_are_iso3(actors):
    country = dict(zip(actors["actor_id"], actors["country"]))
    assert country["dza"] == "DZA" and country["mli"] == "MLI" and country["tur"] == "TUR"
    assert country["goita"] == "MLI" and country["lavrov"] == "RUS"
    assert country["un"] == "" and country["ecowas"] == "" and country["aes"] == ""


def test_person_roles_are_as_the_seeds_attest_them(actors, paras):
    role = dict(zip(actors["actor_id"], actors["role"]))
    assert (
        role["attaf"] == "Foreign Minister of Algeria (in office at the end of 2024 and in January 2025, per the seeds)"
    )
    assert role["lamamra"] == "Foreign Minister of Algeria (in office in August 2021, per the seeds)"
    kinds = dict(zip(paras["key"], paras["kind"]))
    for rec in actors[actors["kind"] == "person"].itertuples():
        assert "public record" not in rec.role, rec.actor_id  # no term of office from outside the corpus
        keys = [k for k in rec.role_source.split(";") if k]
        assert all(kinds.get(k) not in (None, "boilerplate") for k in keys), rec.actor_id
        if rec.actor_id != "messahel":  # named only in a related-article link: no role to source
            assert keys, rec.actor_id


def test_alias_table_is_accent_and_case_insensitive(actors):
    table = alias_table(actors)
    for alias in ("Goïta", "Goita", "ASSIMI GOITA", "Assimi Goïta"):
        assert table[alias_key(alias)] == "goita"
    assert table[alias_key("Sergueï Lavrov")] == "lavrov"
    assert table[alias_key("Abdelmadjid Tebboune")] == "tebboune"
    assert table[alias_key("Sahel Confederation")] == "aes"
    assert alias_key("Algiers") not in table and alias_key("Bamako") not in table


def test_find_actors_on_real_paragraphs(actors, paras):
    text = dict(zip(paras["key"], paras["text"]))
    assert find_actors(text["004¶6"], actors) == ["diop", "camara", "lavrov", "mali_government", "fama"]
    assert find_actors(text["002¶19"], actors) == ["tebboune", "bogdanov"]
    assert find_actors(text["001¶2"], actors) == ["bouteflika", "ibk", "dza", "mli"]
    # longest alias wins: MINUSMA's full name is not also the UN and Mali
    assert find_actors(text["004¶10"], actors) == ["rus", "mli", "minusma"]


def test_find_actors_acronyms_and_places(actors):
    assert find_actors("le Mali est un pays voisin", actors) == ["mli"]  # French 'un' is not the UN
    assert find_actors("the UN and the AES", actors) == ["un", "aes"]
    assert find_actors("talks in Algiers and Bamako", actors) == []  # cities are places, not actors


def test_alias_claimed_twice_is_refused(tmp_path):
    rows = _rows()
    for r in rows:
        if r["actor_id"] == "rus":
            r["aliases"] += "|Mali"
    path = _write(rows, tmp_path / "actors.csv")
    with pytest.raises(ActorError) as exc:
        load_actors(path)
    msg = str(exc.value)
    assert msg.startswith(str(path)) and "'Mali'" in msg and "mli" in msg and "rus" in msg


@pytest.mark.parametrize(
    "column, value, expected",
    [
        ("country", "XXX", "country 'XXX' is not an ISO 3166 alpha-3 code"),
        ("kind", "tribe", "kind 'tribe' not one of"),
        ("actor_id", "Goita", "actor_id 'Goita' is not snake_case"),
        ("role", "", "a person needs a role"),
    ],
)
def test_bad_rows_are_named(tmp_path, column, value, expected):
    rows = _rows()
    target = next(r for r in rows if r["actor_id"] == "goita")
    target[column] = value
    path = _write(rows, tmp_path / "actors.csv")
    with pytest.raises(ActorError) as exc:
        load_actors(path)
    line = rows.index(target) + 2
    assert f"(line {line})" in str(exc.value) and expected in str(exc.value)


def test_schema_lists_every_problem_with_file_line_and_id(tmp_path):
    rows = _rows()
    ids = [r["actor_id"] for r in rows]
    goita, diop = ids.index("goita") + 2, ids.index("diop") + 2
    assert goita < diop
    rows[diop - 2].update(actor_id="goita", country="ML")
    path = _write(rows, tmp_path / "actors.csv")
    with pytest.raises(ActorError) as exc:
        load_actors(path)
    assert str(exc.value).splitlines() == [
        f"{path}: row goita (line {diop}): acts_for 'MLI' is not the actor's country 'ML'",
        f"{path}: row goita (line {diop}): country 'ML' is not an ISO 3166 alpha-3 code",
        f"{path}: row goita (line {diop}): duplicate actor_id (also line {goita})",
    ]


def test_missing_column_is_an_error(tmp_path):
    rows = [{k: v for k, v in r.items() if k != "kind"} for r in _rows()]
    path = _write(rows, tmp_path / "actors.csv")
    with pytest.raises(ActorError) as exc:
        load_actors(path)
    assert str(exc.value) == f"{path}: missing columns: kind"


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(ActorError, match="file not found"):
        load_actors(tmp_path / "nope.csv")
