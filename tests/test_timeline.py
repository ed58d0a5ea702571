"""Computations over the ledger: time axis, dyads, periods, balance. Exact values on the frozen fixture
ledger (tests/fixtures, see frozen.py), checked by hand against its rows; invariants on the live one."""

from __future__ import annotations

import frozen
import pandas as pd
import pytest
from scopes import per_module

from analysis.analytics import timeline
from analysis.ledger import events
from analysis.sources import actors


@pytest.fixture(scope=per_module)
def axis():
    return timeline.on_time_axis(frozen.events())


@pytest.fixture(scope=per_module)
def dyad(axis):
    return timeline.dyad(axis, frozen.actors())


def test_live_ledger_invariants():
    live = timeline.on_time_axis(events.load_events())
    assert live["t_start"].is_monotonic_increasing and (live["t_start"] <= live["t_end"]).all()
    assert set(timeline.period_of(live)) <= {"before rupture", "after rupture", timeline.PERIOD_UNKNOWN}
    dyad = timeline.dyad(live, actors.load_actors())
    bal = timeline.balance(dyad)
    assert int(bal["events"].sum()) == int((timeline.period_of(dyad) != timeline.PERIOD_UNKNOWN).sum())
    pairs = timeline.pair_counts(live, actors.load_actors())
    assert (pairs["events"] == pairs["cooperation"] + pairs["conflict"]).all()


def test_time_axis_spans(axis):
    row = axis.set_index("event_id").loc["E028"]  # ambassador recalled, "December 2023" (003¶55)
    assert row["t_start"] == pd.Timestamp("2023-12-01") and row["t_end"] == pd.Timestamp("2023-12-31")
    assert row["period"] == "before rupture" and row["family"] == "material conflict"
    strike = axis.set_index("event_id").loc["E046"]
    assert strike["t_start"] == strike["t_end"] == pd.Timestamp("2024-08-25")
    assert strike["polarity"] == "conflict"


def test_undated_events_are_flagged(axis):
    # 24: French troops leaving Kidal and Tessalit (E024, E025) are an interval from the article to the
    # handover in the public record, not "on or before" a bound
    assert int((~axis["dated"]).sum()) == 24
    ev = axis.set_index("event_id")
    assert not ev.loc["E020", "dated"]  # UN forces arrive: only "before 2021-08-31"
    assert ev.loc["E020", "period_known"]  # ... which is before the rupture all the same
    assert not ev.loc["E064", "period_known"]  # Algeria's support for "Azawad": only "before 2025-01-02"


def test_algeria_mali_dyad(dyad):
    assert len(dyad) == 27
    assert int(dyad["dated"].sum()) == 26
    assert {"E028", "E029", "E065", "E034"} <= set(dyad["event_id"])
    assert "E036" not in set(dyad["event_id"])  # Diop meets Lavrov: Mali–Russia
    # the northern movements and an Algerian party are third parties, not Mali or Algeria: Algeria hosting
    # the movements (E030, 003¶68) and backing them (E057, E064) are not Algeria–Mali cooperation
    assert not {"E030", "E057", "E064", "E076"} & set(dyad["event_id"])


def test_balance_before_and_after(dyad):
    bal = timeline.balance(dyad).set_index("period")
    assert bal.loc["before rupture", ["events", "cooperation", "conflict"]].tolist() == [16, 14, 2]
    assert bal.loc["after rupture", ["events", "cooperation", "conflict"]].tolist() == [10, 1, 9]
    assert bal.loc["before rupture", "mean score"] == pytest.approx(2.46875)
    assert bal.loc["after rupture", "mean score"] == pytest.approx(-1.78)


def test_counts_by_year(dyad):
    table = timeline.counts_by(dyad[dyad["dated"]], "year").set_index("year")
    assert table["events"].to_dict() == {2017: 7, 2021: 7, 2023: 2, 2024: 7, 2025: 3}


def test_family_rejects_unknown_type():
    assert timeline.family("sanction") == "material conflict"
    with pytest.raises(ValueError, match="unknown PLOVER event type 'YIELD'"):
        timeline.family("YIELD")


def test_pair_counts(axis):
    table = timeline.pair_counts(axis, frozen.actors()).set_index("pair")
    assert table.index[:3].tolist() == ["Algeria – Mali", "Mali – Russia", "Algeria – Russia"]
    assert table.loc["Algeria – Mali", ["events", "cooperation", "conflict"]].tolist() == [27, 16, 11]
    assert table.loc["Mali – Russia", ["events", "cooperation", "conflict"]].tolist() == [5, 5, 0]
    assert table.loc["Algeria – Russia", ["events", "cooperation", "conflict"]].tolist() == [4, 4, 0]
    assert int(table["events"].sum()) == 68 and len(table) == 21
    assert "Algeria – Northern Mali movements (signatories of the 2015 agreement)" in table.index
