"""The period rule: on which side of the rupture an event falls, and whether that is certain.

Every count, figure and download that splits events at the rupture uses these functions (through
:func:`analysis.analytics.timeline.on_time_axis`, which adds their columns, and :func:`period_of`).
They are the whole of the rule, kept apart from the timeline's other computations so that
``make mutants`` mutates the rule and nothing else (see ``[tool.mutmut]`` in ``pyproject.toml``).
"""

from __future__ import annotations

import pandas as pd

#: The rupture: the Malian transitional authorities end the Algiers agreement in January 2024 (003¶10).
#: The seeds give the month only; the split is the first day of that month, and events of January 2024
#: count after it.
RUPTURE = pd.Timestamp("2024-01-01")

#: The label of an event whose side of the rupture the ledger cannot settle (see :func:`period_of`).
PERIOD_UNKNOWN = "period unknown"


def side_of_rupture(first_days: pd.Series) -> list[str]:
    """``"after rupture"`` for an event whose first possible day is on or after :data:`RUPTURE`, else
    ``"before rupture"``: the first day decides, so an event spanning the rupture is before it."""
    return ["after rupture" if t >= RUPTURE else "before rupture" for t in first_days]


def period_certain(last_days: pd.Series, dated: pd.Series) -> pd.Series:
    """True where the side of the rupture is certain: the event is dated, or the latest day it can have
    (an undated event's only bound) falls strictly before :data:`RUPTURE`."""
    return dated | (last_days < RUPTURE)


def period_of(events: pd.DataFrame) -> pd.Series:
    """The one rule for an event's period, on the columns of
    :func:`analysis.analytics.timeline.on_time_axis`: ``"before rupture"`` or ``"after rupture"`` where
    the period is certain (``period_known``, :func:`period_certain`), else :data:`PERIOD_UNKNOWN`."""
    return events["period"].where(events["period_known"], PERIOD_UNKNOWN)
