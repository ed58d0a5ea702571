"""Editions, fixed windows, hindcasts and the scorecard (Brier score, calibration), on small frames with
hand-derived results, then invariants of the real data."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.analytics import judgments as J
from analysis.core.buildinfo import citation
from analysis.ledger.reference import load_public_record

T = pd.Timestamp


# ------------------------------------------------------------------------------------- probability
def test_probability_is_the_midpoint_of_the_icd_range():
    assert J.probability("likely") == pytest.approx(0.675)  # (55 + 80) / 2 %
    assert J.probability("roughly even chance") == pytest.approx(0.5)
    assert J.probability("very unlikely") == pytest.approx(0.125)  # (5 + 20) / 2 %
    assert J.probability("almost certain") == pytest.approx(0.97)
    with pytest.raises(KeyError):
        J.probability("Likely")  # the term exactly, not its case


# ------------------------------------------------------------------------------ hindcast labelling
@pytest.mark.parametrize(
    "opens, closes, issued, kind",
    [
        (None, None, "2026-12-01", "retrospective"),
        ("2025-01-04", "2026-01-03", "2026-12-01", "hindcast"),  # closed eleven months before issue
        ("2025-01-04", "2026-01-03", "2026-01-04", "hindcast"),  # one day after it closed
        ("2025-01-04", "2026-01-03", "2026-01-03", "forecast"),  # issued on its last day: still open
        ("2026-12-07", "2027-12-06", "2026-12-06", "forecast"),
    ],
)
def test_kind_of(opens, closes, issued, kind):
    assert J.kind_of(None if opens is None else T(opens), None if closes is None else T(closes), T(issued)) == kind


def test_window_end_and_months_between():
    assert J.window_end(T("2025-01-04"), 12) == T("2026-01-03")
    assert J.window_end(T("2026-12-07"), 12) == T("2027-12-06")
    assert J.months_between(T("2025-01-03"), T("2026-12-06")) == 23
    assert J.months_between(T("2025-01-03"), T("2026-01-03")) == 12
    assert J.months_between(T("2025-01-03"), T("2026-01-02")) == 11  # one day short
    assert not J.is_stale(T("2025-01-04"), T("2025-01-03"))
    assert not J.is_stale(T("2026-01-04"), T("2025-01-03"))  # 12 months: not more than STALE_MONTHS
    assert J.is_stale(T("2026-02-03"), T("2025-01-03"))  # 13 months
    assert J.is_stale(T("2026-12-07"), T("2025-01-03"))


# ------------------------------------------------------------------------------------ Brier score
def _card():
    # four closed forward judgments, hand-made: two forecasts, two hindcasts
    return pd.DataFrame(
        {
            "judgment_id": ["KJ1", "KJ2", "KJ3", "KJ4", "KJ5"],
            "kind": ["forecast", "forecast", "hindcast", "hindcast", "hindcast"],
            "likelihood": ["likely", "unlikely", "likely", "roughly even chance", "very unlikely"],
            "outcome": ["occurred", "did not occur", "did not occur", "occurred", "unresolved"],
            "brier": [
                J.brier(0.675, True),
                J.brier(0.325, False),
                J.brier(0.675, False),
                J.brier(0.5, True),
                float("nan"),
            ],
        }
    )


def test_brier_by_hand():
    assert J.brier(0.675, True) == pytest.approx(0.105625)  # (0.675 - 1)²
    assert J.brier(0.325, False) == pytest.approx(0.105625)  # 0.325²
    assert J.brier(0.675, False) == pytest.approx(0.455625)
    assert J.brier(0.5, True) == pytest.approx(0.25)


def test_brier_summary_scores_forecasts_and_hindcasts_apart():
    got = J.brier_summary(_card()).set_index("kind")
    assert got.loc["forecast", ["scored", "resolved", "occurred"]].tolist() == [2, 2, 1]
    assert got.loc["forecast", "brier"] == pytest.approx(0.105625)  # (0.105625 + 0.105625) / 2
    assert got.loc["hindcast", ["scored", "resolved", "occurred"]].tolist() == [3, 2, 1]  # unresolved not scored
    assert got.loc["hindcast", "brier"] == pytest.approx(0.352812, abs=1e-6)  # (0.455625 + 0.25) / 2
    empty = J.brier_summary(_card()[_card()["kind"] == "hindcast"]).set_index("kind")
    assert empty.loc["forecast", "scored"] == 0 and math.isnan(empty.loc["forecast", "brier"])


def test_calibration_by_hand():
    got = J.calibration(_card(), "hindcast")
    assert got.to_dict("records") == [
        {
            "term": "roughly even chance",
            "from (%)": 45,
            "to (%)": 55,
            "judged": 1,
            "occurred": 1,
            "observed (%)": 100.0,
        },
        {"term": "likely", "from (%)": 55, "to (%)": 80, "judged": 1, "occurred": 0, "observed (%)": 0.0},
    ]  # "very unlikely" is unresolved: not in the table
    assert J.calibration(_card(), "forecast")["term"].tolist() == ["unlikely", "likely"]  # least likely first


# -------------------------------------------------------------------------------------- outcomes
def _windows():
    return pd.DataFrame(
        {
            "judgment_id": ["KJ1", "KJ6", "KJ7"],
            "edition": [1, 1, 1],
            "issued": [T("2026-12-01")] * 3,
            "opens": [pd.NaT, T("2025-01-04"), T("2025-01-04")],
            "closes": [pd.NaT, T("2026-01-03"), T("2026-01-03")],
            "kind": ["retrospective", "hindcast", "hindcast"],
        }
    )


def _outcomes(tmp_path, rows):
    path = tmp_path / "outcomes.csv"
    lines = ["judgment_id,outcome,record_key,assessed,reasoning"] + rows
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = ["KJ6,occurred,drone_shot_down_2025,2026-12-06,Shot down.", "KJ7,unresolved,,2026-12-06,Nothing on it."]


def test_outcomes_load(tmp_path):
    got = J.load_outcomes(_windows(), load_public_record(), _outcomes(tmp_path, GOOD))
    assert got["outcome"].tolist() == ["occurred", "unresolved"]


@pytest.mark.parametrize(
    "rows, problem",
    [
        (["KJ6,Occurred,drone_shot_down_2025,2026-12-06,x", GOOD[1]], "outcome 'Occurred' not one of"),  # case
        (["KJ6,occurred,,2026-12-06,x", GOOD[1]], "needs the record_key"),
        (["KJ6,occurred,drone_shot_down_202,2026-12-06,x", GOOD[1]], "needs the record_key"),  # one letter off
        (["KJ6,occurred,kidal_retaken,2026-12-06,x", GOOD[1]], "not dated within the window"),
        (["KJ6,occurred,drone_shot_down_2025,2026-01-02,x", GOOD[1]], "before the window closes"),
        ([GOOD[0], "KJ7,unresolved,drone_shot_down_2025,2026-12-06,x"], "an unresolved outcome names no record row"),
        ([GOOD[0], GOOD[1], "KJ1,occurred,drone_shot_down_2025,2026-12-06,x"], "is retrospective"),
        ([GOOD[0]], "KJ7's window closed before 2026-12-06 and has no outcome"),
    ],
)
def test_bad_outcomes_fail_naming_the_problem(tmp_path, rows, problem):
    path = _outcomes(tmp_path, rows)
    with pytest.raises(J.JudgmentError) as exc:
        J.load_outcomes(_windows(), load_public_record(), path)
    assert str(path) in str(exc.value) and problem in str(exc.value)


# ------------------------------------------------------------------------------------ real data
@pytest.fixture(scope="module")
def kj():
    return J.assessment()


def test_editions_are_dated_and_the_citation_is_the_latest(kj):
    eds = kj["editions"]
    latest = eds.iloc[-1]
    cff = citation()
    assert str(cff["version"]) == latest["version"]
    assert str(cff["date-released"]) == f"{latest['issued']:%Y-%m-%d}"
    assert (eds["evidence_cutoff"] <= eds["issued"]).all()


def test_every_judgment_carries_its_edition_and_issue_day(kj):
    issued = dict(zip(kj["editions"]["edition"], kj["editions"]["issued"]))
    for rec in kj["windows"].itertuples(index=False):
        assert rec.issued == issued[rec.edition], rec.judgment_id


def test_hindcasts_are_never_current_and_every_closed_window_is_scored(kj):
    win = kj["windows"].set_index("judgment_id")
    assert set(kj["current"]["judgment_id"]).isdisjoint(set(win.index[win["kind"] == "hindcast"]))
    closed = set(win.index[win["closes"].notna() & (win["closes"] < kj["gap"]["issued"])])
    assert closed == set(kj["scorecard"]["judgment_id"])
    card = kj["scorecard"]
    assert set(card.loc[card["outcome"] != "unresolved", "record_key"]) <= set(load_public_record()["key"])
    assert card.loc[card["outcome"] == "unresolved", "brier"].isna().all()


def test_the_current_forward_judgments_look_past_the_issue_day(kj):
    win = kj["windows"].set_index("judgment_id")
    now = win.loc[kj["current"]["judgment_id"]]
    forward = now[now["kind"] != "retrospective"]
    assert len(forward) > 0 and (forward["kind"] == "forecast").all()
    assert (forward["opens"] > kj["gap"]["issued"]).all()
