"""The period rule (analysis.analytics.timeline): an event's side of the rupture (1 January 2024) is
taken from the first day it can have; an event the seeds do not date (``date_basis`` ``before``: the
ledger holds only its latest possible day) has a known period only when that day falls strictly
before the rupture. Hand-made rows at the boundary, so a loosened rule (``<=``, the period taken from
the last day) fails here."""

from __future__ import annotations

import pandas as pd

from analysis.analytics.timeline import PERIOD_UNKNOWN, RUPTURE, on_time_axis, period_of


def _events(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"event_id": eid, "date_start": start, "date_end": end, "date_basis": basis}
            | {"event_type": "CONSULT", "score": 2.1}
            for eid, start, end, basis in rows
        ]
    )


def _periods(*rows) -> dict[str, str]:
    axis = on_time_axis(_events(*rows))
    return dict(zip(axis["event_id"], period_of(axis)))


def test_the_rupture_is_the_first_of_january_2024():
    assert RUPTURE == pd.Timestamp("2024-01-01")


def test_dated_events_take_their_first_day():
    assert _periods(
        ("E001", "2023-12-31", "2023-12-31", "stated"),
        ("E002", "2024-01-01", "2024-01-01", "stated"),
        ("E003", "2023-12-15", "2024-01-10", "stated"),  # spans the rupture: its first day decides
        ("E004", "2023-12", "2024-02", "stated"),
        ("E005", "2023", "2023", "stated"),  # the whole of 2023, ending the day before the rupture
    ) == {
        "E001": "before rupture",
        "E002": "after rupture",
        "E003": "before rupture",
        "E004": "before rupture",
        "E005": "before rupture",
    }


def test_undated_events_are_placed_only_when_their_last_possible_day_is_before_the_rupture():
    assert _periods(
        ("E001", "2023-12-31", "2023-12-31", "before"),
        ("E002", "2024-01-01", "2024-01-01", "before"),  # the boundary itself: the event may be on it
        ("E003", "2024-06-30", "2024-06-30", "before"),
        ("E004", "2023-12", "2023-12", "before"),
        ("E005", "2024-01", "2024-01", "before"),
    ) == {
        "E001": "before rupture",
        "E002": PERIOD_UNKNOWN,
        "E003": PERIOD_UNKNOWN,
        "E004": "before rupture",
        "E005": PERIOD_UNKNOWN,
    }
