"""Readers: one per pattern of :mod:`analysis.core.dates.patterns`. Each gets the match, the language
and the anchor, and returns (start, end, precision, relative, note), or None when the text is not a
valid date. Relative expressions are resolved against the anchor here."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Callable

from analysis.core.dates.vocabulary import (
    _APPROX_EN,
    _APPROX_FR,
    _MONTHS_EN,
    _MONTHS_FR,
    _NUMBERS,
    _UNITS,
    _WEEKDAYS_EN,
    _WEEKDAYS_FR,
)

_Reading = tuple[str | None, str | None, str, bool, str]
_Reader = Callable[[re.Match, str, date | None], _Reading | None]


# --------------------------------------------------------------------------------------------------------
# Small calendar helpers
# --------------------------------------------------------------------------------------------------------


def _month_number(token: str, lang: str) -> int:
    key = token.rstrip(".").casefold()
    table = _MONTHS_FR if lang == "fr" else _MONTHS_EN
    return table[key]


def _day_number(token: str) -> int:
    return 1 if token.casefold() == "1er" else int(token)


def _quantity(token: str | None) -> int | None:
    """Number of units named by ``token`` ("4", "three", "a"); ``None`` when vague or absent."""
    if token is None:
        return None
    t = " ".join(token.casefold().split())
    if t.isdigit():
        return int(t)
    return _NUMBERS.get(t)


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


# --------------------------------------------------------------------------------------------------------
# Absolute readers (the relative ones below)
# --------------------------------------------------------------------------------------------------------


def _weekday_note(m: re.Match, lang: str, day: date) -> str:
    wd = m.groupdict().get("wd")
    if not wd:
        return ""
    table = _WEEKDAYS_FR if lang == "fr" else _WEEKDAYS_EN
    named = table[wd.casefold()]
    if named == day.weekday():
        return "; weekday agrees"
    actual = calendar.day_name[day.weekday()]
    return f"; WARNING weekday '{wd}' does not match ({day.isoformat()} is a {actual})"


def _read_full(m: re.Match, lang: str, anchor: date | None) -> _Reading | None:
    try:
        day = date(int(m["year"]), _month_number(m["mon"], lang), _day_number(m["day"]))
    except ValueError:
        return None
    return day.isoformat(), day.isoformat(), "day", False, "calendar date" + _weekday_note(m, lang, day)


def _numeric_day(m: re.Match, note: str) -> _Reading | None:
    """The day of a match whose ``year``, ``mon`` and ``day`` are all digits; None if there is no such day."""
    try:
        day = date(int(m["year"]), int(m["mon"]), int(m["day"]))
    except ValueError:
        return None
    return day.isoformat(), day.isoformat(), "day", False, note


def _read_numeric(m: re.Match, lang: str, anchor: date | None) -> _Reading | None:
    return _numeric_day(m, "numeric date read day-first (dd/mm/yyyy)")


def _read_iso(m: re.Match, lang: str, anchor: date | None) -> _Reading | None:
    return _numeric_day(m, "ISO date yyyy-mm-dd")


def _read_month_year(m: re.Match, lang: str, anchor: date | None) -> _Reading | None:
    iso = _iso_month(int(m["year"]), _month_number(m["mon"], lang))
    return iso, iso, "month", False, "month and year"


def _qualifier(m: re.Match, lang: str) -> str:
    table = _APPROX_FR if lang == "fr" else _APPROX_EN
    return table[" ".join(m["qual"].casefold().split())]


def _read_approx_month(m: re.Match, lang: str, anchor: date | None) -> _Reading | None:
    iso = _iso_month(int(m["year"]), _month_number(m["mon"], lang))
    return iso, iso, "approximate", False, f"{_qualifier(m, lang)} {iso}; interval is the whole month"


def _read_approx_year(m: re.Match, lang: str, anchor: date | None) -> _Reading | None:
    return m["year"], m["year"], "approximate", False, f"{_qualifier(m, lang)} {m['year']}; interval is the whole year"


def _read_decade(m: re.Match, lang: str, anchor: date | None) -> _Reading | None:
    first = int(m["year"])
    return str(first), str(first + 9), "approximate", False, "decade"


def _read_year(m: re.Match, lang: str, anchor: date | None) -> _Reading | None:
    return m["year"], m["year"], "year", False, "year standing alone"


# ---- relative readers -------------------------------------------------------------------------------------


def _unresolved(why: str) -> _Reading:
    return None, None, "approximate", True, why


def _read_ago(m: re.Match, lang: str, anchor: date | None) -> _Reading | None:
    unit = _UNITS[m["unit"].casefold()]
    num = m.groupdict().get("num")
    # "4 months ago" → 4; "a month ago" → 1; "months ago" → unknown; a bare singular unit counts one.
    n = _quantity(num) if num is not None else (None if m["unit"].casefold().endswith("s") else 1)
    if anchor is None:
        return _unresolved(f"{unit}s before the reference date; no anchor given")
    if n is None:
        return _unresolved(f"an unstated number of {unit}s before anchor {anchor.isoformat()}")
    note = f"{n} {unit}(s) before anchor {anchor.isoformat()}"
    if unit == "day":
        d = anchor - timedelta(days=n)
        return d.isoformat(), d.isoformat(), "approximate", True, note
    if unit == "week":
        d = anchor - timedelta(weeks=n)
        return d.isoformat(), d.isoformat(), "approximate", True, note + " (that day, give or take a week)"
    if unit == "month":
        iso = _iso_month(*_add_months(anchor.year, anchor.month, -n))
        return iso, iso, "approximate", True, note
    years = n * (10 if unit == "decade" else 1)
    y = str(anchor.year - years)
    return y, y, "approximate", True, note


def _read_event_relative(m: re.Match, lang: str, anchor: date | None) -> _Reading | None:
    return _unresolved("counted from another event in the text, not from the anchor; needs an event date")


def _read_deictic(m: re.Match, lang: str, anchor: date | None) -> _Reading | None:
    """ "last week", "next month", "this year", "la semaine dernière", "l'année prochaine"."""
    rel = m["rel"].casefold()
    step = (
        -1
        if rel.startswith(("last", "past", "previous", "derni", "pass"))
        else (1 if rel.startswith(("next", "coming", "prochain")) else 0)
    )
    unit_word = " ".join(m["unit"].casefold().replace("\u2019", "'").split())
    unit = {
        "week": "week",
        "semaine": "week",
        "la semaine": "week",
        "month": "month",
        "le mois": "month",
        "mois": "month",
        "year": "year",
        "l'année": "year",
        "l'an": "year",
        "année": "year",
        "weekend": "weekend",
    }.get(unit_word, unit_word)
    if anchor is None:
        return _unresolved(f"{unit} relative to the reference date; no anchor given")
    note = f"{'previous' if step < 0 else 'next' if step > 0 else 'current'} {unit} from anchor {anchor.isoformat()}"
    if unit in ("week", "weekend"):
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
        first, last = (
            (monday, monday + timedelta(days=6))
            if unit == "week"
            else (monday + timedelta(days=5), monday + timedelta(days=6))
        )
        span = " (Monday to Sunday)" if unit == "week" else " (Saturday and Sunday)"
        return first.isoformat(), last.isoformat(), "approximate", True, note + span
    if unit == "month":
        iso = _iso_month(*_add_months(anchor.year, anchor.month, step))
        return iso, iso, "approximate", True, note
    y = str(anchor.year + step)
    return y, y, "approximate", True, note


def _read_weekday(m: re.Match, lang: str, anchor: date | None) -> _Reading | None:
    """ "on Tuesday", "last Tuesday", "next Friday", "mardi", "mardi dernier"."""
    table = _WEEKDAYS_FR if lang == "fr" else _WEEKDAYS_EN
    target = table[m["wd"].casefold()]
    rel = (m.groupdict().get("rel") or "").casefold()
    if anchor is None:
        return _unresolved("weekday without a date; no anchor given")
    if rel.startswith(("next", "prochain")):
        delta = (target - anchor.weekday()) % 7 or 7
        d = anchor + timedelta(days=delta)
        note = f"first {calendar.day_name[target]} after anchor {anchor.isoformat()}"
    elif rel.startswith(("last", "derni")):
        delta = (anchor.weekday() - target) % 7 or 7
        d = anchor - timedelta(days=delta)
        note = f"last {calendar.day_name[target]} before anchor {anchor.isoformat()}"
    else:
        d = anchor - timedelta(days=(anchor.weekday() - target) % 7)
        note = f"most recent {calendar.day_name[target]} on or before anchor {anchor.isoformat()}"
    return d.isoformat(), d.isoformat(), "approximate", True, note


def _read_month_no_year(m: re.Match, lang: str, anchor: date | None) -> _Reading | None:
    """ "in December", "en décembre", "early March": the most recent such month on or before the anchor
    ("next December" looks forward)."""
    month = _month_number(m["mon"], lang)
    if anchor is None:
        return _unresolved("month without a year; no anchor given")
    rel = (m.groupdict().get("rel") or "").casefold()
    if rel.startswith(("next", "prochain")):
        year = anchor.year if month > anchor.month else anchor.year + 1
        how = "next"
    elif rel.startswith(("last", "derni")):
        year = anchor.year if month < anchor.month else anchor.year - 1
        how = "last"
    else:
        year = anchor.year if month <= anchor.month else anchor.year - 1
        how = "most recent"
    iso = _iso_month(year, month)
    where = "on or before" if how == "most recent" else "relative to"
    return iso, iso, "approximate", True, f"{how} {calendar.month_name[month]} {where} anchor {anchor.isoformat()}"


def _read_day_no_year(m: re.Match, lang: str, anchor: date | None) -> _Reading | None:
    """ "on August 25", "le 5 janvier": the most recent such day on or before the anchor."""
    month, day = _month_number(m["mon"], lang), _day_number(m["day"])
    try:
        date(2000, month, day)  # a leap year: is the day possible at all?
    except ValueError:
        return None
    if anchor is None:
        return _unresolved("day and month without a year; no anchor given")
    year = anchor.year
    while True:
        try:
            d = date(year, month, day)
        except ValueError:  # 29 February in a common year
            year -= 1
            continue
        if d <= anchor:
            break
        year -= 1
    note = f"most recent {d.day} {d:%B} on or before anchor {anchor.isoformat()}"
    return d.isoformat(), d.isoformat(), "approximate", True, note


def _read_day_offset(m: re.Match, lang: str, anchor: date | None) -> _Reading | None:
    word = " ".join(m.group(0).casefold().split())
    offset = {
        "yesterday": -1,
        "tomorrow": 1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
        "hier": -1,
        "demain": 1,
        "avant-hier": -2,
        "après-demain": 2,
    }[word]
    if anchor is None:
        return _unresolved("day relative to the reference date; no anchor given")
    d = anchor + timedelta(days=offset)
    return d.isoformat(), d.isoformat(), "approximate", True, f"{offset:+d} day(s) from anchor {anchor.isoformat()}"
