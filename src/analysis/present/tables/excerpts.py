"""The verbatim words a table's paragraph citation carries: found in the paragraph itself, so the
build's excerpt check holds."""

from __future__ import annotations

import re

import pandas as pd

from analysis.core.quote import verbatim
from analysis.present.tables.myst import cell_text


def named_as(aliases: str, name: str, keys: str, texts: dict[str, str]) -> list[str | None]:
    """For a place named in the paragraphs ``keys`` (``;``-separated), the words naming it in each, as
    the paragraph writes them (``texts`` maps a key to its display text): the first of its name and
    ``|``-separated aliases, longest first, found there ignoring case; None where none is."""
    spellings = sorted({name, *(a for a in str(aliases).split("|") if a)}, key=len, reverse=True)
    found: list[str | None] = []
    for key in (k.strip() for k in str(keys).split(";") if k.strip()):
        text = texts.get(key, "")
        hit = next((m for a in spellings if (m := re.search(rf"(?<!\w){re.escape(a)}(?!\w)", text, re.I))), None)
        found.append(hit.group(0) if hit else None)
    return found


def _keys(cell: object) -> list[str]:
    return [k.strip() for k in re.split(r"[;,]", cell_text(cell)) if k.strip()]


def words_found(
    keys: object, candidates: list[object], texts: dict[str, str], or_opening: bool = False
) -> list[str | None]:
    """For each paragraph key in ``keys`` (``;``-separated), the first of ``candidates`` that stands
    verbatim in that paragraph (:func:`analysis.core.quote.verbatim`; ``texts`` maps a key to
    its display text), or None (with ``or_opening``, the paragraph's :func:`opening_words` instead):
    words a citation can carry because the paragraph is checked to hold them."""
    found: list[str | None] = []
    for key in _keys(keys):
        text = texts.get(key, "")
        hit = next((str(c) for c in candidates if cell_text(c) and verbatim(c, text)), None)
        if hit is None and or_opening and text:
            hit = opening_words(texts[key])
        found.append(hit)
    return found


def difference_words(
    differences: pd.DataFrame, events: pd.DataFrame, claims: pd.DataFrame | None, paragraphs: pd.DataFrame
) -> list[list[str | None]]:
    """For each row of :func:`analysis.ledger.reference.differences`, the words of each paragraph its
    ``seed_paragraph`` cites (see :func:`words_found`): the ledger row's quote, the seed's value (a
    place's name) or the quotes of the event's claims, whichever the paragraph holds. Pass as the
    excerpt column of ``seed_paragraph``."""
    texts = dict(zip(paragraphs["key"], paragraphs["display"]))
    quotes = dict(zip(events["event_id"], events["quote"]))
    out = []
    for _, rec in differences.iterrows():
        candidates: list[object] = [quotes.get(rec["event_id"], ""), rec["seed_value"]]
        if claims is not None:
            candidates += list(claims.loc[claims["event_id"] == rec["event_id"], "quote"])
        out.append(words_found(rec["seed_paragraph"], candidates, texts))
    return out


def opening_words(text: str, limit: int = 60) -> str:
    """The first words of ``text``, at most ``limit`` characters, cut at a word boundary: a verbatim
    excerpt of a paragraph too long to quote whole."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut or text[:limit]
