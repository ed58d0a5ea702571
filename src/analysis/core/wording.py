"""Counts and lists in generated sentences: the one place where a number meets its noun.

- :func:`count` — ``count(0, "event")`` is ``"no events"``, ``count(1, "event")`` ``"1 event"``,
  ``count(3, "city", "cities")`` ``"3 cities"``; with ``words=True`` numbers up to twelve are spelt.
- :func:`join` — ``["a", "b", "c"]`` is ``"a, b and c"`` (``conjunction="or"`` for alternatives);
  an empty list is ``"none"``.
- :func:`counted_list` — ``"6 cities and towns, 2 countries and 1 region"``: each category with its
  own number, zero categories left out, nothing when every count is zero.
- :func:`verb` — the verb agreeing with a count (``verb(1, "is", "are")``); :func:`of_which` —
  ``"none of them conflictual"``, ``"of which 1 is conflictual"``.

Plain Python, no dependency: the rules are English's regular ones plus the irregular plurals passed
by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


def plural(noun: str) -> str:
    """The regular English plural of ``noun`` (``city`` → ``cities``, ``process`` → ``processes``,
    ``day`` → ``days``); pass irregular plurals to :func:`count` yourself."""
    if not noun:
        return noun
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def number(n: int, words: bool = False) -> str:
    """``n`` as written in a sentence: digits, or with ``words`` the word for 0 to 12 (``no`` for 0)."""
    n = int(n)
    if words and 0 <= n < len(_WORDS):
        return _WORDS[n]
    return str(n)


def count(n: int, singular: str, plural_form: str | None = None, words: bool = False, zero: str = "no") -> str:
    """``n`` with its noun in the right number: ``"no events"`` (``zero`` replaces "no", e.g.
    ``"none of the"``), ``"1 event"``, ``"4 events"``. Negative counts are an error."""
    n = int(n)
    if n < 0:
        raise ValueError(f"a count cannot be negative: {n}")
    noun = singular if n == 1 else (plural_form or plural(singular))
    if n == 0:
        return f"{zero} {noun}"
    return f"{number(n, words)} {noun}"


def verb(n: int, singular: str, plural_form: str) -> str:
    """The verb form agreeing with ``n`` things: ``singular`` for exactly one, else ``plural_form``."""
    return singular if int(n) == 1 else plural_form


def of_which(n: int, adjective: str) -> str:
    """The tail of "N things, …": ``"none of them conflictual"``, ``"of which 1 is conflictual"``,
    ``"of which 3 are conflictual"`` (never "of which 0 is")."""
    n = int(n)
    if n < 0:
        raise ValueError(f"a count cannot be negative: {n}")
    if n == 0:
        return f"none of them {adjective}"
    return f"of which {n} {verb(n, 'is', 'are')} {adjective}"


def join(items: Iterable[object], conjunction: str = "and", empty: str = "none") -> str:
    """``a``, ``a and b``, ``a, b and c`` (no serial comma); ``empty`` for no items. Items are kept
    in order; an exact repeat is dropped, so no list names a thing twice."""
    seen = list(dict.fromkeys(str(i) for i in items if str(i)))
    if not seen:
        return empty
    if len(seen) == 1:
        return seen[0]
    return f"{', '.join(seen[:-1])} {conjunction} {seen[-1]}"


def counted_list(
    categories: Sequence[tuple[int, str] | tuple[int, str, str]], words: bool = False, empty: str = "none"
) -> str:
    """Categories each with its own count (``(n, singular)`` or ``(n, singular, plural)``), joined with
    "and"; a category with no members is left out rather than written "0 …" or left without its
    number; ``empty`` when all are zero."""
    parts = [count(c[0], *c[1:], words=words) for c in categories if int(c[0]) > 0]
    return join(parts, empty=empty)


# "of which 0 is conflictual": a count of things that came out zero; "(0 is perfect)", a value on a
# scale, is not a count and passes.
_ZERO_COUNT = re.compile(r"\b(?:which|whom|them|these|those|and)\s+0\s+(?:is|are|was|were)\b")
_KEY_RUN = re.compile(r"\d{3,}¶\d+(?:[,;] ?\d{3,}¶\d+)+")
_KEY = re.compile(r"\d{3,}¶\d+")
_NUMBER_WORD = r"(?:\d|no\b|none\b|" + r"\b|".join(_WORDS[1:]) + r"\b)"
# "16 places: 6 cities and towns, and countries and regions": a counted list whose last category has no number.
_UNCOUNTED = re.compile(r":\s\d+\s[^.:;()]*?,\sand\s(?!" + _NUMBER_WORD + r")[a-z]+\sand\s[a-z]+[.;]")

# "1 entries": the count one with a plural noun (a plural here ends in -s but not -ss, -us or -is, which
# are mostly singular: class, status, crisis); the verbs a count can take are not nouns.
_ONE_PLURAL = re.compile(r"(?<![\d.,:/–¶-])\b1 (?!(?:has|was|does|says|goes)\b)(?:[a-z]+[^siu\W]s|[a-z]*ies)\b")


def sentence_glitches(text: str) -> list[str]:
    """The generated-sentence glitches found in ``text`` (a page's words): a zero count with a verb
    ("0 is"), a paragraph key repeated within one run of citations ("003¶34, 003¶34"), a counted
    list whose last category lost its number, and the count 1 with a plural noun ("1 entries"); each
    as the offending words."""
    found = [m.group(0) for m in _ZERO_COUNT.finditer(text)]
    for m in _KEY_RUN.finditer(text):
        keys = _KEY.findall(m.group(0))
        if len(keys) != len(set(keys)):
            found.append(m.group(0))
    found += [m.group(0) for m in _UNCOUNTED.finditer(text)]
    found += [m.group(0) for m in _ONE_PLURAL.finditer(text)]
    return found
