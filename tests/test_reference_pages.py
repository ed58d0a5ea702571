"""The reference pages' data and frames: interests.csv and turning_points.csv checks (with near
misses), the chronology, the who's who and the interests matrix, on small hand-made frames."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis.analytics import reference
from analysis.core import paths
from analysis.ledger import interests
from analysis.sources import actors as actors_mod


@pytest.fixture(scope="module")
def actors():
    return actors_mod.load_actors()


def _copy(tmp_path, name="interests.csv"):
    path = tmp_path / name
    shutil.copy(paths.DATA_DIR / name, path)
    return path


def test_the_interests_file_is_sound(actors, paras):
    frame = interests.load_interests(actors=actors, paragraphs=paras)
    assert set(frame["aspect"]) <= set(interests.ASPECTS)
    assert set(interests.CORE_PARTIES) <= set(frame["party"])


@pytest.mark.parametrize(
    "old, new, problem",
    [
        (
            "the peaceful solution has always proven",
            "the peaceful solution has always proved",
            "quote not found in 003¶28",
        ),
        ("W01,dza,aim", "W01,dzaa,aim", "party 'dzaa' is not in actors.csv"),
        ("W01,dza,aim", "W01,dza,aims", "aspect 'aims' not one of"),
        ("W01,dza,aim", "W01,Dza,aim", "party 'Dza' is not an actor id"),
        (",003,28,", ",003,3,", "paragraph 003¶3 is boilerplate"),
    ],
)
def test_a_bad_interest_row_is_named(tmp_path, actors, paras, old, new, problem):
    path = _copy(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = interests.interest_problems(path, actors, paras)
    assert any("row W01" in p and problem in p for p in problems), problems
    with pytest.raises(interests.InterestError):
        interests.load_interests(path, actors, paras)


def test_a_turning_point_must_be_a_ledger_event(tmp_path):
    path = _copy(tmp_path, "turning_points.csv")
    events = pd.DataFrame({"event_id": ["E003", "E027", "E028", "E031", "E046"]})
    problems = interests.turning_point_problems(path, events)
    assert problems == [f"{path}: row E065 (line 7): event_id E065 is not in the ledger"]


EVENTS = pd.DataFrame(
    {
        "event_id": ["E001", "E002"],
        "date_start": ["2023-12", "2024-08-25"],
        "date_end": ["2023-12", "2024-08-25"],
        "date_precision": ["month", "day"],
        "date_basis": ["stated", "stated"],
        "event_type": ["SANCTION", "ASSAULT"],
        "actor1": ["dza", "fama"],
        "actor2": ["mli", ""],
        "claimed_by": ["maliweb", "jeune_afrique"],
        "reported_by": ["maliweb", "jeune_afrique"],
        "summary": ["Recall.", "Strike."],
        "seed": ["003", "003"],
        "paragraph": [55, 60],
        "also_in": ["", ""],
        "quote": ["recall", "airstrike"],
        "end_day": pd.to_datetime(["2023-12-31", "2024-08-25"]),
    }
)
RECORD = pd.DataFrame(
    {
        "key": ["a", "b"],
        "kind": ["date", "place"],
        "subject": ["Ambassadors recalled", "Town"],
        "value": ["2023-12-22", "1, 2"],
        "source": ["Ouestaf", "Wikipedia"],
        "reliability": ["C", "B"],
    }
)
NAMES = {"dza": "Algeria", "mli": "Mali", "fama": "FAMa"}


def test_chronology_merges_ledger_and_public_record_in_date_order():
    frame = reference.chronology(EVENTS, RECORD, NAMES, pd.DataFrame({"event_id": ["E002"], "label": ["Strike"]}))
    assert frame["sort date"].tolist() == ["2023-12", "2023-12-22", "2024-08-25"]
    assert frame["kind"].tolist() == ["SANCTION", "public record", "ASSAULT"]
    assert frame["source"].tolist() == ["003¶55", "public record: Ouestaf (reliability C)", "003¶60"]
    assert frame["actors"].tolist() == ["Algeria \u2192 Mali", "", "FAMa"]
    assert frame["turning point"].tolist() == ["", "", "Strike"]
    assert frame["date"].tolist() == ["Dec 2023", "22 Dec 2023", "25 Aug 2024"]


def test_whos_who_spans_and_groups():
    actors = pd.DataFrame(
        {
            "actor_id": ["dza", "mli", "fama", "maliweb", "jeune_afrique", "tur"],
            "name": ["Algeria", "Mali", "FAMa", "Maliweb", "Jeune Afrique", "Türkiye"],
            "kind": ["state", "state", "government body", "outlet", "outlet", "state"],
            "country": ["DZA", "MLI", "MLI", "MLI", "FRA", "TUR"],
            "acts_for": ["DZA", "MLI", "MLI", "", "", "TUR"],
            "role": ["", "", "", "", "", ""],
            "role_source": ["", "", "", "", "", ""],
        }
    )
    mentions = reference.chapter_mentions({"One": "Algeria and Maliweb", "Two": "The Malian army (FAMa)"}, None)
    who = reference.whos_who(actors, EVENTS, {"dza": ["One"]}, NAMES)
    assert "Türkiye" not in set(who["name"])  # named by no event
    fama = who[who["name"] == "FAMa"].iloc[0]
    assert (fama["group"], fama["acts for"], fama["first event"], fama["events"]) == (
        "state bodies",
        "Mali",
        "25 Aug 2024",
        1,
    )
    assert who["group"].tolist()[0] == "state bodies" and who["group"].tolist()[-1] == "outlets"
    assert mentions["dza"] == ["One"]


def test_interests_matrix_fills_every_cell_and_names_the_voice():
    rows = pd.DataFrame(
        {
            "party": ["dza", "aes"],
            "aspect": ["aim", "aim"],
            "statement": ["Peace.", "Unity."],
            "claimant": ["attaf", "outlet_004"],
            "reported_by": ["maghreb_emergent", ""],
            "key": ["003¶28", "004¶14"],
            "quote": ["q", "r"],
        }
    )
    names = {
        "dza": "Algeria",
        "attaf": "Ahmed Attaf",
        "maghreb_emergent": "Maghreb Emergent",
        "aes": "AES",
        "mali_government": "Mali",
        "northern_movements": "Movements",
        "rus": "Russia",
    }
    m = reference.interests_matrix(rows, names)
    assert len(m) == 5 * 3  # four core sides and the AES, three aspects each
    assert (m["text"] == interests.NOT_STATED).sum() == 13
    first = m.iloc[0]["entries"][0]
    assert first["who"] == "Ahmed Attaf, through Maghreb Emergent"
    assert m[m["party"] == interests.PARTY_LABELS["aes"]].iloc[0]["entries"][0]["who"] == reference.UNNAMED_OUTLET


def test_strip_code_and_title():
    text = "---\nx: 1\n---\n# Title here\n\n```{code-cell} ipython3\nMali = 1\n```\nAlgeria.\n"
    assert "Mali" not in reference.strip_code(text)
    assert reference.title_of(text) == "Title here"
    with pytest.raises(ValueError):
        reference.title_of("no title")


def test_a_title_with_an_apostrophe_matches_its_typographic_bookmark():
    from analysis.present.printing import _title_key

    assert _title_key("Who's who") == _title_key("Who\u2019s  Who")
    assert _title_key("Who's who") != _title_key("Whos who")
