"""The pattern table of the date finder: one compiled expression per kind of date mention, each with
its reader (:mod:`analysis.core.dates.readers`). :func:`analysis.core.dates.finder.find_dates` tries
them all and keeps the longest match."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.core.dates.readers import (
    _read_ago,
    _read_approx_month,
    _read_approx_year,
    _read_day_no_year,
    _read_day_offset,
    _read_decade,
    _read_deictic,
    _read_event_relative,
    _read_full,
    _read_iso,
    _read_month_no_year,
    _read_month_year,
    _read_numeric,
    _read_weekday,
    _read_year,
    _Reader,
)
from analysis.core.dates.vocabulary import (
    _DAY_EN,
    _DAY_FR,
    _L,
    _MON_EN,
    _MON_FR,
    _MONFULL_EN,
    _NOT_AFTER_YEAR,
    _NUM_EN,
    _NUM_FR,
    _QUAL_EN,
    _QUAL_FR,
    _UNIT_EN,
    _UNIT_FR,
    _WD_EN,
    _WD_FR,
    _YEAR,
)


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
