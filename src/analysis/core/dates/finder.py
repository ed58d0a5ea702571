"""The date-mention finder: date expressions in English and French text, turned into ISO intervals.

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

import re
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from analysis.core.dates.patterns import _PATTERNS
from analysis.core.dates.readers import _Reading
from analysis.core.dates.vocabulary import _YEAR_BLOCKERS

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
