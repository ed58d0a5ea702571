"""Ids that grow with the corpus: seed ids of three digits or more, event ids past E999."""

from __future__ import annotations

import re

from analysis.core import keys
from analysis.ledger.claims import CLAIM_PATTERN
from analysis.ledger.events import EVENT_PATTERN


def test_seed_ids_grow_past_three_digits():
    assert [keys.seed_id(n) for n in (0, 42, 999, 1000, 12345)] == ["000", "042", "999", "1000", "12345"]
    assert all(keys.is_seed_id(keys.seed_id(n)) for n in (0, 7, 999, 1000, 4999))
    assert not any(keys.is_seed_id(v) for v in ("03", "0003", "01000", "1a3", ""))
    assert sorted(["1000", "999", "003"], key=keys.seed_order) == ["003", "999", "1000"]


def test_keys_of_large_seeds_parse_and_link():
    key = keys.paragraph_key("1000", 7)
    assert key == "1000\u00b67" and keys.is_key(key) and keys.parse_key(key) == ("1000", 7)
    assert keys.anchor(key) == "p-1000-7"
    assert keys.paragraph_key(3, 14) == "003\u00b614"  # small ids stay zero-padded
    text = "see 003\u00b64, 1000\u00b62 and 12000\u00b65; not x0003\u00b61"
    assert keys.KEY_IN_TEXT.findall(text) == ["003\u00b64", "1000\u00b62", "12000\u00b65"]


def test_event_and_claim_ids_past_their_first_width():
    event = re.compile(rf"^{EVENT_PATTERN}$")
    assert all(event.match(f"E{n:03d}") for n in (1, 999, 1000, 25000))
    assert not any(event.match(v) for v in ("E01", "E0001", "E"))
    assert re.fullmatch(CLAIM_PATTERN, "C100") and re.fullmatch(CLAIM_PATTERN, "C01")
