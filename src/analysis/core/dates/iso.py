"""ISO dates as the ledger writes them (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``: the named unit, not an
invented day) and the calendar interval each covers."""

from __future__ import annotations

import calendar
import re
from datetime import date

import pandas as pd

#: An ISO date as the ledger writes it: YYYY, YYYY-MM or YYYY-MM-DD.
ISO_DATE = _ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def iso_form(value: str) -> str:
    """``"day"``, ``"month"`` or ``"year"`` for an ISO date string; ValueError otherwise."""
    m = _ISO.match(value or "")
    if not m:
        raise ValueError(f"{value!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return "day" if m.group(3) else "month" if m.group(2) else "year"


def iso_bounds(value: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """:func:`parse_iso` as Timestamps: first and last day covered (``"2024-02"`` -> 1 and 29 February
    2024). ValueError names the value and why it is not a date."""
    iso_form(value)
    try:
        first, last = parse_iso(value)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a calendar date ({exc})") from None
    return pd.Timestamp(first), pd.Timestamp(last)


def parse_iso(s: str) -> tuple[date, date]:
    """First and last calendar day of an ISO string ``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``.

    >>> parse_iso("2024-02")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))

    Raises ``ValueError`` for anything else (including impossible dates such as ``"2024-02-31"``).
    """
    if not isinstance(s, str):
        raise ValueError(f"not an ISO date string: {s!r}")
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", s.strip())
    if not m:
        raise ValueError(f"not an ISO date string (YYYY, YYYY-MM or YYYY-MM-DD): {s!r}")
    year = int(m.group(1))
    if m.group(3):
        day = date(year, int(m.group(2)), int(m.group(3)))
        return day, day
    if m.group(2):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"month out of range in {s!r}")
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(year, 1, 1), date(year, 12, 31)
