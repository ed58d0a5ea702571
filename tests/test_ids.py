"""Ids that grow with the corpus: seed ids of three digits or more, event ids past E999."""

from __future__ import annotations

import re

import pytest

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


def test_key_helpers_refuse_near_misses_and_say_why():
    with pytest.raises(ValueError, match=r"^a seed number is not negative: -1$"):
        keys.seed_id(-1)
    with pytest.raises(ValueError, match=r"^not a paragraph key \(expected like 003¶14\): '003¶60x'$"):
        keys.parse_key("003\u00b660x")
    # a seed that is not a number is kept as written, so its key is refused, never padded into an id
    assert keys.paragraph_key("3a", 1) == "3a\u00b61" and not keys.is_key("3a\u00b61")
    assert keys.anchor_of("3", 14) == keys.anchor_of("003", "14") == "p-003-14"
    assert keys.anchor_of("1000", 2.0) == "p-1000-2"
    assert keys.keys_column(["003", "1000"], [60, 2.0]) == ["003\u00b660", "1000\u00b62"]
