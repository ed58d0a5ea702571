"""Paragraph keys: the one definition of how the report names and links a paragraph.

A key is a seed id, the pilcrow and the paragraph's number: ``003¶14`` is the 14th non-blank line of
seed 003. Its anchor on the "Article texts" appendix is ``p-003-14``. Every module that writes, reads,
checks or links a key uses this module; nothing else spells the pilcrow or the pattern.

A seed id is its number written with at least three digits (``003``, ``042``, ``999``, ``1000``): the
width grows past 999, so a corpus is not capped at a thousand articles. Ids compare by number
(:func:`seed_order`), never as text, since ``"1000" < "999"``.
"""

from __future__ import annotations

import re

PILCROW = "\u00b6"
#: A seed id as a regular-expression fragment: three digits, or more without a leading zero.
SEED_PATTERN = r"(?:\d{3}|[1-9]\d{3,})"
#: A whole seed id.
SEED_ID = re.compile(rf"^{SEED_PATTERN}$")
#: A whole key, with the seed id and the number as groups.
KEY = re.compile(rf"^({SEED_PATTERN})\u00b6(\d+)$")
#: A key inside running text (a citation role, a cell of keys).
KEY_IN_TEXT = re.compile(rf"(?<!\d){SEED_PATTERN}\u00b6\d+")
EXAMPLE = f"003{PILCROW}14"


def seed_id(number: int) -> str:
    """The id of seed ``number``: ``seed_id(3) == "003"``, ``seed_id(1000) == "1000"``."""
    if number < 0:
        raise ValueError(f"a seed number is not negative: {number}")
    return f"{number:03d}"


def is_seed_id(value: object) -> bool:
    return bool(SEED_ID.match(str(value)))


def seed_order(seed: str) -> int:
    """Sort key of a seed id: its number (``sorted(ids, key=seed_order)``)."""
    return int(seed)


def paragraph_key(seed: object, n: object) -> str:
    """``paragraph_key("003", 14) == "003¶14"``; a seed id is zero-padded (``3`` -> ``003``), a number
    may come as text or a float read from a CSV (``"14"``, ``14.0``); a value already a key is returned."""
    text = str(n).strip()
    if PILCROW in text:
        return text
    seed_text = str(seed).strip()
    seed_text = seed_text.zfill(3) if seed_text.isdigit() else seed_text
    return f"{seed_text}{PILCROW}{int(float(text))}"


def is_key(value: object) -> bool:
    return bool(KEY.match(str(value).strip()))


def parse_key(key: str) -> tuple[str, int]:
    """Inverse of :func:`paragraph_key`: ``("003", 14)``; raises ValueError on a malformed key."""
    match = KEY.match(str(key).strip())
    if not match:
        raise ValueError(f"not a paragraph key (expected like {EXAMPLE}): {key!r}")
    return match.group(1), int(match.group(2))


def seed_of(key: str) -> str:
    return parse_key(key)[0]


def anchor(key: str) -> str:
    """Label of the paragraph's anchor on the seed-text appendix: ``003¶14`` -> ``p-003-14``."""
    seed, n = parse_key(key)
    return f"p-{seed}-{n}"


def anchor_of(seed: str, n: int) -> str:
    """``anchor_of("003", 14) == "p-003-14"``."""
    return anchor(paragraph_key(seed, n))


def keys_column(seeds, paragraphs) -> list[str]:
    """Keys for two aligned columns (seed ids and paragraph numbers), e.g. of a loaded ledger."""
    return [paragraph_key(s, p) for s, p in zip(seeds, paragraphs)]
