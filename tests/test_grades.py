"""Source grades (analysis.sources.grades): the rule on hand-made facts with near misses, the catalogue's
grades, and how grades count in the confidence rule."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.analytics import judgments as J
from analysis.sources import grades
from analysis.sources.corpus import load_catalog


@pytest.mark.parametrize(
    "named, relayed, first, intact, grade",
    [
        ("yes", "no", "yes", "yes", "B2"),  # a named outlet's own reporting, quoting a party
        ("yes", "yes", "yes", "yes", "C3"),  # the same outlet relaying others
        ("yes", "no", "no", "yes", "B3"),  # its own reporting, no party quoted
        ("no", "no", "yes", "yes", "F2"),  # an unnamed outlet cannot be judged
        ("no", "yes", "yes", "no", "F4"),  # seed 002: relayed, damaged copy
        ("yes", "no", "yes", "no", "B4"),  # a damaged copy is doubtful whoever published it
        ("Yes", "no", "yes", "yes", "F2"),  # case: not a recorded fact, so not graded as named
        ("yes", "no", "yes", "", "B6"),  # one fact missing: credibility cannot be judged
        ("", "", "", "", "F6"),  # an article just added, not yet graded
    ],
)
def test_grade_rule(named, relayed, first, intact, grade):
    row = {"outlet_named": named, "relayed": relayed, "first_hand": first, "copy_intact": intact}
    assert grades.grade_of(row) == grade


def test_grade_consistency_near_misses():
    row = {"outlet_named": "yes", "relayed": "no", "first_hand": "yes", "copy_intact": "yes"}
    assert grades.grade_consistent({**row, "reliability": "B", "credibility": "2"})
    assert not grades.grade_consistent({**row, "reliability": "B", "credibility": "3"})  # one grade off
    assert not grades.grade_consistent({**row, "reliability": "b", "credibility": "2"})  # case
    damaged = {**row, "copy_intact": "no", "reliability": "B", "credibility": "4"}
    assert not grades.grade_consistent(damaged)  # a damaged copy must say why
    assert grades.grade_consistent({**damaged, "copy_note": "footnote markers point to no note"})
    assert grades.grade_consistent({})  # an ungraded row stated as ungraded
    assert not grades.grade_consistent({"reliability": "B", "credibility": "2"})  # a grade with no facts


def test_the_catalogue_is_graded():
    cat = load_catalog()
    cat = cat[cat["seed"].isin(["000", "001", "002", "003", "004"])]  # the five graded by hand; later rows vary
    got = dict(zip(cat["seed"], cat["reliability"] + cat["credibility"]))
    assert got == {"000": "F2", "001": "F2", "002": "F4", "003": "F3", "004": "B2"}
    assert grades.unnamed_seeds(cat) == {"000", "001", "002", "003"}
    assert grades.damaged_seeds(cat) == {"002"}
    assert "[1]" in cat.set_index("seed").loc["002", "copy_note"]


def test_an_unnamed_outlets_own_reading_is_not_an_independent_voice(paras):
    from analysis.ledger.claims import load_claims
    from analysis.ledger.events import load_events
    from analysis.sources.actors import load_actors

    events, claims, actors = load_events(), load_claims(), load_actors()
    one = pd.DataFrame({"judgment_id": ["KJ1"], "horizon": ["retrospective"], "evidence": ["E064;E065"]})
    graded = J.evidence_items(one, events, claims, actors, load_catalog())
    assert graded.set_index("item").loc["E064", "voice"] == "outlet_003"
    assert not graded.set_index("item").loc["E064", "counted"]  # seed 003's unnamed outlet: shown, not counted
    assert graded.set_index("item").loc["E065", "counted"]
    assert J.voice_counts(graded, one).loc[0, "voices"] == 1
    ungraded = J.evidence_items(one, events, claims, actors)  # no catalogue: every voice counts
    assert J.voice_counts(ungraded, one).loc[0, "voices"] == 2


def test_a_damaged_copy_is_not_a_relay():
    items = pd.DataFrame(
        {
            "judgment_id": ["KJ1", "KJ1", "KJ1"],
            "item": ["E1", "E2", "E3"],
            "voice": ["a", "b", "c"],
            "first_hand": [True, True, False],
            "seeds": ["002", "003", "004"],
            "counted": [True, True, True],
        }
    )
    one = pd.DataFrame({"judgment_id": ["KJ1"], "horizon": ["retrospective"]})
    assert J.voice_counts(items, one).loc[0, ["relays", "confidence"]].tolist() == [3, "high"]
    got = J.voice_counts(items, one, damaged={"002"}).loc[0]
    assert (got["relays"], got["confidence"]) == (2, "high")
    got = J.voice_counts(items, one, damaged={"002", "003"}).loc[0]
    assert (got["relays"], got["confidence"]) == (1, "moderate")  # one seed: one reporting chain
