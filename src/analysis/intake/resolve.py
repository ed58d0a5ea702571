"""Relative dates an article itself settles, resolved while ``extract`` reads it.

Two kinds of mention :func:`analysis.core.dates.find_dates` leaves open (``start = None``) can be settled
from the article's own text, with no anchor:

* a day counted from the event just reported ("le lendemain", "la veille", "le jour même", "the next
  day", "the following day", "the day before", "the same day"): counted from the last mention of a
  single day before it in the article, in reading order (an earlier sentence, or earlier in the same
  sentence);
* a day and month without a year ("le 31 mars", "on 31 March") in a sentence that names one year, and
  only one: read as that day of that year.

Each resolution is returned with a sentence saying what was read and from what, which ``extract`` writes
into the review row's ``notes`` (and ``accept`` keeps in the ledger row's notes, where the coverage rule
of ``validate`` finds the mention). Anything else stays unresolved.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from analysis.core.dates import DateMention, find_dates

#: Day offsets of the event-relative expressions, by their words (lower case, single spaces).
DAY_OFFSETS: dict[str, int] = {
    "le lendemain": 1,
    "la veille": -1,
    "le jour même": 0,
    "the next day": 1,
    "the following day": 1,
    "the day after": 1,
    "the day before": -1,
    "the previous day": -1,
    "the same day": 0,
}
_EVENT_NOTE = "counted from another event"
_DAY_MONTH_NOTE = "day and month without a year"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _offset(text: str) -> int | None:
    return DAY_OFFSETS.get(" ".join(text.lower().split()))


class Resolver:
    """Reads one article's date mentions in order, resolving what the article settles; one per article."""

    def __init__(self) -> None:
        self.last_day: tuple[DateMention, str] | None = None  # the last single day mentioned, and where

    def sentence(self, mentions: list[DateMention], key: str, lang: str | None) -> tuple[list[DateMention], list[str]]:
        """``mentions`` of one sentence (in text order) with those the article settles resolved, and one
        note per resolution."""
        years = {m.start[:4] for m in mentions if m.start and not m.relative}
        out, notes = [], []
        for m in mentions:
            resolved = self._resolve(m, years, key, lang) if m.start is None else None
            if resolved is not None:
                m, note = resolved
                notes.append(note)
            out.append(m)
            if m.start and m.start == m.end and _DAY.match(m.start):
                self.last_day = (m, key)
        return out, notes

    def _resolve(self, m: DateMention, years: set[str], key: str, lang: str | None):
        offset = _offset(m.text)
        if offset is not None and _EVENT_NOTE in m.note and self.last_day is not None:
            ref, where = self.last_day
            day = (date.fromisoformat(ref.start) + timedelta(days=offset)).isoformat()
            note = (
                f"extract read {m.text!r} ({key}) as {day}: {abs(offset)} day(s) "
                f"{'after' if offset > 0 else 'before' if offset < 0 else 'on'} {ref.text!r} ({where})"
            ).replace("0 day(s) on", "the day of")
            return replace(m, start=day, end=day, precision="day", note=note), note
        if _DAY_MONTH_NOTE in m.note and len(years) == 1:
            [year] = years
            found = [d for d in find_dates(f"{m.text} {year}", lang=lang) if d.precision == "day" and d.start]
            if len(found) == 1:
                day = found[0].start
                note = f"extract read {m.text!r} ({key}) as {day}: the year {year} named in the same sentence"
                return replace(m, start=day, end=day, precision="day", note=note), note
        return None
