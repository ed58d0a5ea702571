"""What a reader sees on a built page: the visible text of its body and the apparatus counts the reader's
edition holds to (paragraph keys, internal ids, the word "seed" per page).

The body is the page's article with what is not read as prose removed: scripts and styles, citation
cards (shown only on hover or focus), the closing list of sources, and the review notice. A key in a
card or in the list of sources is the apparatus the issue keeps; a key in the body is not.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from analysis.core.keys import KEY_IN_TEXT

#: The analytical pages (HTML paths under the site's root).
ANALYTICAL_PAGES = (
    "index.html",
    "chapters/key_judgments.html",
    "chapters/algiers_process.html",
    "chapters/rupture_2024.html",
    "chapters/russia_mechanism.html",
    "chapters/border_incidents.html",
)
#: Internal ids: ledger events (E017), contested claims (C11), key judgments (KJ3), indicators (I01).
INTERNAL_ID = re.compile(r"(?<![\w¶])(?:E\d{3,}|C\d{2,}|KJ\d+|I\d{2,3})(?![\w¶])")
SEED_WORD = re.compile(r"\bseeds?\b", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,]*", re.UNICODE)
HIDDEN = (".cite-card", "#sources", "script", "style", ".review-notice", ".headerlink", "nav", "form")


def body_soup(html: str) -> BeautifulSoup:
    """The page's article without what a reader does not read as its prose (see :data:`HIDDEN`)."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.bd-article") or soup.select_one("main") or soup
    for selector in HIDDEN:
        for el in article.select(selector):
            el.decompose()
    return article


def body_text(html: str) -> str:
    return re.sub(r"\s+", " ", body_soup(html).get_text(" ")).strip()


def counts(text: str) -> dict:
    """``words``, ``keys`` (paragraph keys), ``keys_per_100``, ``ids`` (the internal ids found) and
    ``seed`` (occurrences of the word "seed" or "seeds", any case) of a visible text."""
    words = len(WORD.findall(text))
    keys = len(KEY_IN_TEXT.findall(text))
    return {
        "words": words,
        "keys": keys,
        "keys_per_100": round(100 * keys / words, 2) if words else 0.0,
        "ids": INTERNAL_ID.findall(text),
        "seed": len(SEED_WORD.findall(text)),
    }


def page_counts(path: Path) -> dict:
    return counts(body_text(Path(path).read_text(encoding="utf-8")))
