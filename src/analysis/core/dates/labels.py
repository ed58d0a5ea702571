"""Dates for readers: a ledger date as map labels and tables show it, no more precise than the ledger."""

from __future__ import annotations

import pandas as pd

from analysis.core.dates.iso import iso_bounds, iso_form


def _iso_label(value: str) -> str:
    """``2024-08-25`` -> ``25 Aug 2024``; ``2024-08`` -> ``Aug 2024``; ``2024`` -> ``2024``; anything that
    is not an ISO date is returned as it is."""
    value = str(value).strip()
    try:
        form = iso_form(value)
        first = iso_bounds(value)[0]
    except ValueError:
        return value
    return {"year": f"{first:%Y}", "month": f"{first:%b %Y}"}.get(form, f"{first.day} {first:%b %Y}")


def _is_iso(value: str) -> bool:
    try:
        iso_bounds(value)
    except ValueError:
        return False
    return True


def format_date(start: object, end: object = None, precision: object = "day", basis: object = "") -> str:
    """A date for a reader (map labels, tables), no more precise than the ledger writes it (``25 Aug 2024``, ``Jan 2024``,
    ``2021``); an interval as ``Jul 2017–Apr 2019``; ``by 31 Aug 2021`` when the ledger's date is only an
    upper bound (``date_basis`` ``before``); ``about`` before another approximate single date."""
    start_s = "" if start is None or (isinstance(start, float) and pd.isna(start)) else str(start).strip()
    if not start_s or not _is_iso(start_s):
        return "undated"
    end_s = "" if end is None or (isinstance(end, float) and pd.isna(end)) else str(end).strip()
    label = _iso_label(start_s)
    if str(basis or "").strip().lower() == "before":
        return f"by {_iso_label(end_s or start_s)}"
    if end_s and end_s != start_s and _is_iso(end_s):
        return f"{label}\u2013{_iso_label(end_s)}"
    return f"about {label}" if str(precision or "").strip().lower() == "approximate" else label
