"""The words the date finder reads, in English and French (months, weekdays, numbers, units,
qualifiers), and the regular-expression fragments built from them for :mod:`analysis.core.dates.patterns`."""

from __future__ import annotations

import re
from typing import Iterable

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
