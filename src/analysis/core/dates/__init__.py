"""Dates: finding them in English and French text, the ISO intervals the ledger writes, and labels
for readers.

- :mod:`~analysis.core.dates.finder`: the date-mention finder (:func:`find_dates`, :class:`DateMention`,
  :func:`date_mentions`) and its conventions; it tries the expressions of
  :mod:`~analysis.core.dates.patterns`, each read by a function of :mod:`~analysis.core.dates.readers`
  (where relative dates are resolved against the anchor), built from the words of
  :mod:`~analysis.core.dates.vocabulary`;
- :mod:`~analysis.core.dates.iso`: ISO dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) and the calendar
  interval each covers (:func:`parse_iso`, :func:`iso_bounds`, :func:`iso_form`);
- :mod:`~analysis.core.dates.labels`: a ledger date for a reader (:func:`format_date`).

Every public name is importable from here (``from analysis.core.dates import find_dates``).
"""

from analysis.core.dates.finder import PRECISIONS, DateMention, date_mentions, find_dates
from analysis.core.dates.iso import ISO_DATE, iso_bounds, iso_form, parse_iso
from analysis.core.dates.labels import _is_iso, format_date

__all__ = [
    "ISO_DATE",
    "PRECISIONS",
    "DateMention",
    "_is_iso",
    "date_mentions",
    "find_dates",
    "format_date",
    "iso_bounds",
    "iso_form",
    "parse_iso",
]
