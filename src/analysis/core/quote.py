"""One check, one parser: whether words stand verbatim in a paragraph, and what a citation role holds.

Every quote the project keeps (a ledger row's ``quote``, a claim's or a stated quantity's ``quote``, a
glossary term's ``seed_quote``, a judgment's or a chapter's ``{para}`` excerpt, a table's cited words)
is checked by :func:`verbatim`, with one rule: the words, through :func:`analysis.core.text.normalise`
(NFC, curly quotes and dashes folded, runs of white space made one), occur as they are in the
paragraph's text, or in its display form, through the same normalisation. Nothing else is forgiven:
not case, not accents, not a missing letter. Words that normalise to nothing are refused (an empty
excerpt proves nothing).

It lives in ``core`` because the sources layer (the glossary) and the book's extension
(``_ext/report_roles.py``, which may import only the package's lower layers) need it as much as the
ledger does.

A citation role's text (``{para}`003¶14 "excerpt"``` or ``{paras}`003¶14 "a", 001¶3```) is read by
:func:`citation_items` alone: items separated by commas outside the double quotes, each a key and
optionally its excerpt. The key is checked with :data:`analysis.core.keys.KEY` by the caller.
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.core.text import normalise

#: A citation role in MyST text, with its name (``para`` or ``paras``) and its body.
ROLE = re.compile(r"\{(?P<role>paras?)\}`(?P<body>[^`]*)`")
#: Words in quotation marks: double (straight or curly), or single (curly, or straight not inside a word,
#: so that an apostrophe never opens or closes a quotation).
_QUOTED = re.compile(r'"([^"]+)"|\u201c([^\u201d]+)\u201d|\u2018([^\u2019]+)\u2019|(?<!\w)\'([^\']+)\'(?!\w)')
#: One item of a role's body: a key (no space, comma or quote), optionally a double-quoted excerpt.
ITEM = re.compile(r'\s*(?P<key>[^\s,"]+)(?:\s+"(?P<excerpt>[^"]*)")?\s*(?:,|$)')


@lru_cache(maxsize=8192)
def _normalised(text: str) -> str:
    return normalise(text)


def verbatim(words: object, *texts: object) -> bool:
    """True when ``words``, normalised, are not empty and occur in one of ``texts`` (a paragraph's text,
    its display form), normalised the same way. Case, accents and every letter count."""
    wanted = _normalised(str(words))
    return bool(wanted) and any(wanted in _normalised(str(t)) for t in texts if t is not None)


def quote_problem(words: object, key: str, *texts: object) -> str | None:
    """Why ``words`` cannot stand as the words of paragraph ``key`` (whose ``texts`` are given), or None:
    ``"is empty"`` or ``"is not verbatim in KEY"``."""
    if not _normalised(str(words)):
        return "is empty"
    if not verbatim(words, *texts):
        return f"is not verbatim in {key}"
    return None


def citation_items(body: str) -> list[tuple[str, str | None]] | None:
    """``[(key, excerpt or None), …]`` for a role's body, or None when it does not parse (or is empty)."""
    items: list[tuple[str, str | None]] = []
    body, pos = body.strip(), 0
    while pos < len(body):
        m = ITEM.match(body, pos)
        if not m or m.end() == pos:
            return None
        items.append((m["key"], m["excerpt"]))
        pos = m.end()
    return items or None


def citations(text: str) -> list[tuple[str, str | None]]:
    """The ``(key, excerpt or None)`` of every ``{para}``/``{paras}`` citation in MyST ``text``; a role
    whose body does not parse is returned whole as ``(body, None)``."""
    out: list[tuple[str, str | None]] = []
    for m in ROLE.finditer(text):
        items = citation_items(m["body"])
        out += items if items is not None else [(m["body"].strip(), None)]
    return out


def quoted_spans(text: str) -> list[str]:
    """The words ``text`` puts in quotation marks, in order (see :data:`_QUOTED`)."""
    return [next(g for g in m.groups() if g) for m in _QUOTED.finditer(str(text))]


def misquoted(text: str, *sources: str) -> list[str]:
    """The quotations of ``text`` (:func:`quoted_spans`) that stand verbatim in none of ``sources``
    (:func:`verbatim`): words a table cell presents as a source's that its cited
    paragraphs do not hold."""
    return [q for q in quoted_spans(text) if not verbatim(q, *sources)]
