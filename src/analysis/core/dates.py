"""Find date expressions in English and French text and turn them into ISO intervals.

:func:`find_dates` scans a string and returns one :class:`DateMention` per date expression, in text order.
Each mention keeps the exact matched substring and its character span, so a reader can check it against the
paragraph it came from.

Conventions (decisions, stated once here):

* **ISO strings.** ``start`` and ``end`` are ``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``: the named unit,
  not an invented day. :func:`parse_iso` expands them to first/last calendar days.
* **Precision.** ``"day"``, ``"month"``, ``"year"`` for plain calendar expressions; ``"approximate"`` for
  qualified ones ("late July 2023", "end of July 2023", "fin juillet 2023", "mid-2024", "early 2025",
  "the 1990s") and for every relative expression. A qualified expression keeps the unit it names as its
  interval (``"end of July 2023"`` → start = end = ``"2023-07"``); the qualifier is in ``note``.
* **Numeric dates are always day-first**: ``08/01/2025`` is 8 January 2025 (the seeds are European/African
  outlets; ``dd/mm/yyyy``, ``dd.mm.yyyy`` and ``dd-mm-yyyy`` are read the same way). ``yyyy-mm-dd`` is ISO.
* **Prepositions** ("in January 2024", "en juillet 2017", "le 5 janvier 2024") are not part of an absolute
  mention's text; they are part of a relative one ("in December", "on Tuesday"), where they carry the meaning.
* **Bare years** (1900–2099) count when they stand alone as a word: not inside a URL, an identifier, a number
  such as ``1,2015`` or ``800×455``, and not after "Resolution", "No.", "page" and the like.
  Decades ("the 1990s", "les années 1990") are approximate intervals over the ten years.
* **Relative expressions** ("4 months ago", "last week", "on Tuesday", "in December", "three months later",
  "hier", "il y a deux mois") are reported with ``relative=True``. With an ``anchor`` (usually the
  publication date) the deictic ones are resolved against it; those counted from another event
  ("three months later", "months earlier", "the next day") cannot be and keep ``start = end = None``.
  Without an anchor no relative mention is resolved. Vague adverbs ("today" in the sense of "nowadays",
  "recently", "soon", "overnight") are not date mentions.
* **Overlaps**: the longest match wins (then the more precise one), so "Thursday, August 26th 2021" is one
  mention and its "2021" is not counted again.
* **Invalid calendar dates** (``31/02/2024``, "February 30, 2024") are not returned, and they do not leave
  their year behind as a separate mention either.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Callable, Iterable

import pandas as pd

__all__ = ["DateMention", "find_dates", "parse_iso", "date_mentions", "PRECISIONS"]

PRECISIONS: tuple[str, ...] = ("day", "month", "year", "approximate")


@dataclass(frozen=True)
class DateMention:
    """One date expression found in a text.

    Attributes:
        text: the exact matched substring (``text == source[span[0]:span[1]]``).
        span: ``(start, end)`` character offsets in the source string.
        start, end: ISO strings ``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``; ``None`` for a relative
            mention that could not be resolved.
        precision: one of :data:`PRECISIONS`.
        relative: ``True`` when the expression depends on a reference point ("4 months ago").
        note: how the expression was read or resolved.
    """

    text: str
    span: tuple[int, int]
    start: str | None
    end: str | None
    precision: str
    relative: bool
    note: str

    @property
    def resolved(self) -> bool:
        """``True`` when the mention has a calendar interval."""
        return self.start is not None


# --------------------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------------------

_MONTHS_EN: dict[str, int] = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTHS_FR: dict[str, int] = {
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
    "janv": 1,
    "févr": 2,
    "fevr": 2,
    "avr": 4,
    "juil": 7,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "déc": 12,
    "dec": 12,
}
_WEEKDAYS_EN: dict[str, int] = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_WEEKDAYS_FR: dict[str, int] = {
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
}
_NUMBERS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple of": 2,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
}
_UNITS: dict[str, str] = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
    "decade": "decade",
    "decades": "decade",
    "jour": "day",
    "jours": "day",
    "semaine": "week",
    "semaines": "week",
    "mois": "month",
    "an": "year",
    "ans": "year",
    "année": "year",
    "années": "year",
}

# Words after which a four-digit number is a label, not a year ("Resolution 2085", "No. 2001").
_YEAR_BLOCKERS = frozenset(
    "resolution resolutions no nos number numbers n° nº article articles page pages p pp decree decrees law "
    "laws code route flight room vol ordonnance loi décret arrêté résolution numéro".split()
)


def _alt(words: Iterable[str]) -> str:
    """Regex alternation of ``words``, longest first, so that "Sept" is tried before "Sep"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_MON_EN = rf"(?:{_alt(_MONTHS_EN)})(?![^\W\d_])\.?"
_MONFULL_EN = rf"(?:{_alt(k for k in _MONTHS_EN if len(k) > 4 or k in ('may', 'june', 'july'))})\b"
_MON_FR = rf"(?:{_alt(_MONTHS_FR)})(?![^\W\d_])\.?"
_WD_EN = rf"(?:{_alt(_WEEKDAYS_EN)})\b"
_WD_FR = rf"(?:{_alt(_WEEKDAYS_FR)})\b"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?![\d/×%]|[.,:-]\d)"
_DAY_EN = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d])"
_DAY_FR = r"(?P<day>1er|[0-3]?\d)(?![\d])"
_NUM_EN = (
    r"(?:\d{1,3}|"
    + _alt(
        "a an one two three four five six seven eight nine ten eleven twelve few several some many".split()
        + ["a couple of", "a few"]
    )
    + ")"
)
_NUM_FR = (
    r"(?:\d{1,3}|"
    + _alt("un une deux trois quatre cinq six sept huit neuf dix onze douze quelques plusieurs".split())
    + ")"
)
_UNIT_EN = r"(?:days?|weeks?|months?|years?|decades?)"
_UNIT_FR = r"(?:jours?|semaines?|mois|ans|années?)"
_NOT_AFTER_YEAR = r"(?!,?\s*(?:1[89]|20)\d\d\b)"  # a month or day not followed by a year
_L = r"(?<![^\W_])"  # left word boundary that also refuses a digit before (a letter or digit)

_APPROX_EN = {
    "early": "early part of",
    "late": "late part of",
    "mid": "middle of",
    "middle of": "middle of",
    "end of": "end of",
    "beginning of": "beginning of",
    "start of": "start of",
}
_APPROX_FR = {
    "début": "beginning of",
    "debut": "beginning of",
    "fin": "end of",
    "mi": "middle of",
    "courant": "during",
    "milieu": "middle of",
}
_QUAL_EN = rf"(?P<qual>{_alt(_APPROX_EN)})(?:\s+|\s*-\s*)"
_QUAL_FR = rf"(?P<qual>{_alt(_APPROX_FR)})(?:\s+|\s*-\s*)(?:de\s+|d')?"


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


# --------------------------------------------------------------------------------------------------------
# Readers: one per pattern. Each gets the match, the language and the anchor, and returns
# (start, end, precision, relative, note), or None when the text is not a valid date.
# --------------------------------------------------------------------------------------------------------

_Reading = tuple[str | None, str | None, str, bool, str]
_Reader = Callable[[re.Match, str, date | None], _Reading | None]


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


def _read_numeric(m: re.Match, lang: str, anchor: date | None) -> _Reading | None:
    try:
        day = date(int(m["year"]), int(m["mon"]), int(m["day"]))
    except ValueError:
        return None
    return day.isoformat(), day.isoformat(), "day", False, "numeric date read day-first (dd/mm/yyyy)"


def _read_iso(m: re.Match, lang: str, anchor: date | None) -> _Reading | None:
    try:
        day = date(int(m["year"]), int(m["mon"]), int(m["day"]))
    except ValueError:
        return None
    return day.isoformat(), day.isoformat(), "day", False, "ISO date yyyy-mm-dd"


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


# --------------------------------------------------------------------------------------------------------
# Pattern table
# --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pattern:
    name: str
    lang: str  # "en", "fr" or "any" (numeric)
    regex: re.Pattern
    reader: _Reader
    capitalised_month: bool = False  # English month/weekday names must start with a capital


def _p(name: str, lang: str, pattern: str, reader: _Reader, cap: bool = False) -> _Pattern:
    return _Pattern(name, lang, re.compile(pattern, re.IGNORECASE), reader, cap)


_PATTERNS: tuple[_Pattern, ...] = (
    # --- absolute, numeric ------------------------------------------------------------------------------
    _p("iso", "any", r"(?<![\w/.-])(?P<year>\d{4})-(?P<mon>\d\d)-(?P<day>\d\d)(?!\d|[/.-]\d)", _read_iso),
    _p(
        "numeric_dmy",
        "any",
        r"(?<![\w/.-])(?P<day>[0-3]?\d)(?P<sep>[/.-])(?P<mon>[01]?\d)(?P=sep)(?P<year>\d{4})(?!\d|[/.-]\d)",
        _read_numeric,
    ),
    # --- absolute, English ----------------------------------------------------------------------------
    _p(
        "en_mdy",
        "en",
        rf"{_L}(?:(?P<wd>{_WD_EN}),?\s+)?(?P<mon>{_MON_EN})\s+{_DAY_EN},?\s+{_YEAR}",
        _read_full,
        cap=True,
    ),
    _p(
        "en_dmy",
        "en",
        rf"{_L}(?:(?P<wd>{_WD_EN}),?\s+)?(?:the\s+)?{_DAY_EN}\s+(?:of\s+)?(?P<mon>{_MON_EN}),?\s+{_YEAR}",
        _read_full,
        cap=True,
    ),
    _p("en_approx_month", "en", rf"{_L}{_QUAL_EN}(?P<mon>{_MON_EN}),?\s+{_YEAR}", _read_approx_month, cap=True),
    _p("en_approx_year", "en", rf"{_L}{_QUAL_EN}{_YEAR}", _read_approx_year),
    _p("en_month_year", "en", rf"{_L}(?P<mon>{_MON_EN}),?\s+{_YEAR}", _read_month_year, cap=True),
    _p("en_decade", "en", r"(?<![\w/.-])(?P<year>(?:1[89]|20)\d0)'?s\b", _read_decade),
    # --- absolute, French -----------------------------------------------------------------------------
    _p("fr_dmy", "fr", rf"{_L}(?:(?P<wd>{_WD_FR}),?\s+)?{_DAY_FR}\s+(?P<mon>{_MON_FR})\s+{_YEAR}", _read_full),
    _p("fr_approx_month", "fr", rf"{_L}{_QUAL_FR}(?P<mon>{_MON_FR})\s+{_YEAR}", _read_approx_month),
    _p("fr_approx_year", "fr", rf"{_L}{_QUAL_FR}(?:l'année\s+|l’année\s+)?{_YEAR}", _read_approx_year),
    _p("fr_month_year", "fr", rf"{_L}(?P<mon>{_MON_FR})\s+{_YEAR}", _read_month_year),
    _p("fr_decade", "fr", r"(?<![\w])années\s+(?P<year>(?:1[89]|20)\d0)\b", _read_decade),
    # --- a year on its own ------------------------------------------------------------------------------
    _p("year", "any", rf"(?<![\w/.,:#×$€£+-]){_YEAR}(?!\w|\s*[×x]\s*\d)", _read_year),
    # --- relative, English ------------------------------------------------------------------------------
    _p("en_ago", "en", rf"{_L}(?:(?P<num>{_NUM_EN})\s+)?(?P<unit>{_UNIT_EN})\s+ago\b", _read_ago),
    _p(
        "en_event_relative",
        "en",
        rf"{_L}(?:(?P<num>{_NUM_EN})\s+)?(?P<unit>{_UNIT_EN})\s+(?:later|earlier|afterwards|before|after|prior)\b",
        _read_event_relative,
    ),
    _p(
        "en_event_day",
        "en",
        r"\bthe\s+(?:(?:following|next|previous|preceding|same)\s+(?:day|week|month|year|morning|evening)"
        r"|day\s+(?:before|after)(?!\s+(?:yesterday|tomorrow)))\b",
        _read_event_relative,
    ),
    _p(
        "en_deictic",
        "en",
        r"\b(?P<rel>last|next|this|past|coming)\s+(?P<unit>week|weekend|month|year)\b",
        _read_deictic,
    ),
    _p(
        "en_weekday",
        "en",
        rf"\b(?:(?P<rel>last|next|this)|on|since|by|until)\s+(?P<wd>{_WD_EN})",
        _read_weekday,
        cap=True,
    ),
    _p(
        "en_month_no_year",
        "en",
        rf"\b(?:(?P<rel>last|next)|in|since|until|by|during|early|late|mid|end\s+of|beginning\s+of|start\s+of)"
        rf"(?:\s+|\s*-\s*)(?P<mon>{_MONFULL_EN}){_NOT_AFTER_YEAR}(?!\s+[0-3]?\d\b)",
        _read_month_no_year,
        cap=True,
    ),
    _p(
        "en_month_day_no_year",
        "en",
        rf"{_L}(?P<mon>{_MON_EN})\s+{_DAY_EN}{_NOT_AFTER_YEAR}",
        _read_day_no_year,
        cap=True,
    ),
    _p(
        "en_day_month_no_year",
        "en",
        rf"{_L}{_DAY_EN}\s+(?:of\s+)?(?P<mon>{_MON_EN}){_NOT_AFTER_YEAR}",
        _read_day_no_year,
        cap=True,
    ),
    _p(
        "en_day_offset",
        "en",
        r"\b(?:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|tomorrow)\b",
        _read_day_offset,
    ),
    # --- relative, French -------------------------------------------------------------------------------
    _p("fr_ago", "fr", rf"{_L}il\s+y\s+a\s+(?P<num>{_NUM_FR})\s+(?P<unit>{_UNIT_FR})(?![^\W_])", _read_ago),
    _p(
        "fr_event_relative",
        "fr",
        rf"{_L}(?P<num>{_NUM_FR})\s+(?P<unit>{_UNIT_FR})\s+(?:plus\s+tard|plus\s+tôt|après|auparavant|avant)(?![^\W_])",
        _read_event_relative,
    ),
    _p(
        "fr_event_day",
        "fr",
        r"(?<![^\W_])(?:le\s+lendemain|la\s+veille|le\s+jour\s+même)(?![^\W_])",
        _read_event_relative,
    ),
    _p(
        "fr_deictic",
        "fr",
        r"(?<![^\W_])(?P<unit>la\s+semaine|le\s+mois|l['’]année|l['’]an)\s+(?P<rel>dernière|dernier|prochaine|prochain|passée|passé)(?![^\W_])",
        _read_deictic,
    ),
    _p("fr_weekday", "fr", rf"(?<![^\W_])(?P<wd>{_WD_FR})(?:\s+(?P<rel>dernier|prochain))?(?![^\W_])", _read_weekday),
    _p(
        "fr_month_no_year",
        "fr",
        rf"(?<![^\W_])(?:en|depuis|jusqu['’]en|dès|début|fin|mi|courant)(?:\s+|\s*-\s*)(?P<mon>{_MON_FR}){_NOT_AFTER_YEAR}",
        _read_month_no_year,
    ),
    _p("fr_day_no_year", "fr", rf"{_L}{_DAY_FR}\s+(?P<mon>{_MON_FR}){_NOT_AFTER_YEAR}", _read_day_no_year),
    _p("fr_day_offset", "fr", r"(?<![^\W_])(?:avant-hier|après-demain|hier|demain)(?![^\W_])", _read_day_offset),
)

_RANK = {"day": 4, "month": 3, "year": 2, "approximate": 1}

# Spans that are never searched for dates: web addresses and e-mail addresses.
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|net|fr|dz|ml|info|io)/\S*|\S+@\S+\.\w+", re.IGNORECASE)


def _capital_ok(m: re.Match, text: str) -> bool:
    """English month and weekday names must be written with a capital ("may" the verb is not May)."""
    for name in ("mon", "wd"):
        if name in m.re.groupindex and m.group(name) and not m.group(name)[0].isupper():
            return False
    return True


def _year_label(text: str, start: int) -> bool:
    """``True`` when the word before position ``start`` makes a four-digit number a label."""
    before = re.search(r"([^\W\d_][\w°º]*)\.?\s*$", text[max(0, start - 30) : start])
    return bool(before) and before.group(1).casefold() in _YEAR_BLOCKERS


def find_dates(text: str, lang: str | None = None, anchor: date | None = None) -> list[DateMention]:
    """All date mentions in ``text``, in order of position.

    Args:
        text: any string (a paragraph, a sentence, a whole article).
        lang: ``"en"`` or ``"fr"`` to use only that language's word patterns (numeric and ISO dates and
            bare years are always read); ``None`` uses both.
        anchor: reference date (normally the publication date) against which relative expressions are
            resolved; without it relative mentions come back with ``start = end = None``.

    Returns:
        A list of :class:`DateMention`; overlapping candidates are reduced to the longest (then most
        precise) one. Invalid calendar dates are left out.
    """
    if not isinstance(text, str):
        raise TypeError(f"find_dates expects a string, got {type(text).__name__}")
    if lang not in (None, "en", "fr"):
        raise ValueError(f"lang must be 'en', 'fr' or None, not {lang!r}")
    if anchor is not None and not isinstance(anchor, date):
        raise TypeError(f"anchor must be a datetime.date, got {type(anchor).__name__}")
    if isinstance(anchor, datetime):  # pandas Timestamp included: keep the calendar day only
        anchor = anchor.date()

    blocked = [m.span() for m in _URL.finditer(text)]
    # (length, rank, -start, span, reading or None for an invalid date)
    candidates: list[tuple[int, int, int, tuple[int, int], _Reading | None]] = []
    for pat in _PATTERNS:
        if pat.lang != "any" and lang is not None and pat.lang != lang:
            continue
        reader_lang = "fr" if pat.lang == "fr" else "en"
        for m in pat.regex.finditer(text):
            span = m.span()
            if span[0] == span[1]:
                continue
            if any(span[0] < b_end and b_start < span[1] for b_start, b_end in blocked):
                continue
            if pat.capitalised_month and not _capital_ok(m, text):
                continue
            if pat.name == "year" and _year_label(text, span[0]):
                continue
            reading = pat.reader(m, reader_lang, anchor)
            rank = _RANK[reading[2]] if reading else 0
            candidates.append((span[1] - span[0], rank, -span[0], span, reading))

    # Longest first, then most precise, then leftmost; an accepted span hides everything it overlaps.
    candidates.sort(key=lambda c: (-c[0], -c[1], -c[2]))
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for _length, _rank, _neg_start, (s, e), reading in candidates:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        if reading is None:  # an impossible date such as 31/02/2024: claimed, not reported
            continue
        start, end, precision, relative, note = reading
        found.append(DateMention(text[s:e], (s, e), start, end, precision, relative, note))
    found.sort(key=lambda d: d.span)
    return found


def date_mentions(paragraphs: pd.DataFrame, anchor: date | None = None) -> pd.DataFrame:
    """One row per date mention in a paragraph table (columns ``key`` and ``text``; ``lang`` used when
    present). Columns: ``key``, ``text`` (the mention), ``span_start``, ``span_end``, ``start``, ``end``,
    ``precision``, ``relative``, ``note``. Paragraphs without a mention give no row."""
    missing = {"key", "text"} - set(paragraphs.columns)
    if missing:
        raise KeyError(f"paragraph table lacks column(s): {', '.join(sorted(missing))}")
    rows = []
    has_lang = "lang" in paragraphs.columns
    for rec in paragraphs.itertuples(index=False):
        lang = getattr(rec, "lang") if has_lang else None
        lang = lang if lang in ("en", "fr") else None
        for d in find_dates(str(rec.text), lang=lang, anchor=anchor):
            rows.append(
                {
                    "key": rec.key,
                    "text": d.text,
                    "span_start": d.span[0],
                    "span_end": d.span[1],
                    "start": d.start,
                    "end": d.end,
                    "precision": d.precision,
                    "relative": d.relative,
                    "note": d.note,
                }
            )
    columns = ["key", "text", "span_start", "span_end", "start", "end", "precision", "relative", "note"]
    return pd.DataFrame(rows, columns=columns)


# --------------------------------------------------------------------------------------------------------
# Dates for readers
# --------------------------------------------------------------------------------------------------------
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
