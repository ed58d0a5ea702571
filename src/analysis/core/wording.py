"""Counts and lists in generated sentences: the one place where a number meets its noun.

- :func:`count` — ``count(0, "event")`` is ``"no events"``, ``count(1, "event")`` ``"1 event"``,
  ``count(3, "city", "cities")`` ``"3 cities"``; with ``words=True`` numbers up to twelve are spelt.
- :func:`join` — ``["a", "b", "c"]`` is ``"a, b and c"`` (``conjunction="or"`` for alternatives);
  an empty list is ``"none"``.
- :func:`counted_list` — ``"6 cities and towns, 2 countries and 1 region"``: each category with its
  own number, zero categories left out, nothing when every count is zero.
- :func:`verb` — the verb agreeing with a count (``verb(1, "is", "are")``).

Plain Python, no dependency: the rules are English's regular ones plus the irregular plurals passed
by the caller.
"""

from __future__ import annotations

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
