"""Counts and lists in generated sentences (analysis.core.wording): hand-derived expectations."""

from __future__ import annotations

import pytest

from analysis.core import wording


@pytest.mark.parametrize(
    "n, args, expected",
    [
        (0, ("event",), "no events"),
        (1, ("event",), "1 event"),
        (2, ("event",), "2 events"),
        (3, ("city",), "3 cities"),
        (2, ("day",), "2 days"),
        (2, ("process",), "2 processes"),
        (2, ("city and town", "cities and towns"), "2 cities and towns"),
        (1, ("city and town", "cities and towns"), "1 city and town"),
        (11, ("event",), "11 events"),
    ],
)
def test_count_agrees_with_its_number(n, args, expected):
    assert wording.count(n, *args) == expected


def test_count_in_words_and_zero_wording():
    assert wording.count(4, "meeting", words=True) == "four meetings"
    assert wording.count(13, "meeting", words=True) == "13 meetings"
    assert wording.count(0, "event", zero="none of the") == "none of the events"
    with pytest.raises(ValueError):
        wording.count(-1, "event")


def test_verb_agrees():
    assert [wording.verb(n, "is", "are") for n in (0, 1, 2)] == ["are", "is", "are"]


@pytest.mark.parametrize(
    "items, expected",
    [
        ([], "none"),
        (["Kidal"], "Kidal"),
        (["Kidal", "Tessalit"], "Kidal and Tessalit"),
        (["Kidal", "Tessalit", "Gao"], "Kidal, Tessalit and Gao"),
        (["003¶34", "003¶34"], "003¶34"),  # a repeat is dropped
        (["a", "", "b"], "a and b"),
    ],
)
def test_join(items, expected):
    assert wording.join(items) == expected


def test_join_with_or():
    assert wording.join(["a", "b", "c"], conjunction="or") == "a, b or c"


def test_counted_list_gives_every_category_its_number_and_drops_empty_ones():
    cats = [(6, "city and town", "cities and towns"), (0, "country"), (3, "region")]
    assert wording.counted_list(cats) == "6 cities and towns and 3 regions"
    assert wording.counted_list([(6, "city and town", "cities and towns"), (2, "country"), (1, "region")]) == (
        "6 cities and towns, 2 countries and 1 region"
    )
    assert wording.counted_list([(0, "country")]) == "none"


@pytest.mark.parametrize("noun, expected", [("y", "ys"), ("boy", "boys"), ("party", "parties"), ("box", "boxes")])
def test_plural_near_misses(noun, expected):
    assert wording.plural(noun) == expected


def test_of_which_never_says_zero():
    assert wording.of_which(0, "conflictual") == "none of them conflictual"
    assert wording.of_which(1, "conflictual") == "of which 1 is conflictual"
    assert wording.of_which(3, "conflictual") == "of which 3 are conflictual"
    with pytest.raises(ValueError):
        wording.of_which(-1, "conflictual")


@pytest.mark.parametrize(
    "text, found",
    [
        ("4 Algeria–Russia events, of which 0 is conflictual", ["which 0 is"]),
        ("of which 0 are", ["which 0 are"]),
        ("the Brier score (0 is perfect)", []),
        ("of which 0 isn't", []),
        ("of which 10 are", []),
        ("a score of 2.0 is", []),
        ("(003¶34, 003¶34)", ["003¶34, 003¶34"]),
        ("(003¶34, 003¶35)", []),
        ("(003¶34) and (003¶34)", []),
        ("(003¶34; 003¶8, 003¶34)", ["003¶34; 003¶8, 003¶34"]),
        (
            "16 places: 6 cities and towns, and countries and regions.",
            [": 6 cities and towns, and countries and regions."],
        ),
        ("16 places: 6 cities and towns, and 3 countries and regions.", []),
        ("16 places: 6 cities and towns, and two countries and regions.", []),
        ("(Table 1.3, 1 entries in this build)", ["1 entries"]),
        ("1 events", ["1 events"]),
        ("1 entry, 11 entries, 21 events, 1.1 events, 003¶1 events", []),
        ("1 has, 1 was, 1 status, 1 crisis, 1 class, 1 April", []),
        ("1 Events", []),
    ],
)
def test_sentence_glitches(text, found):
    assert wording.sentence_glitches(text) == found


def test_shift_title_states_the_finding():
    from analysis.present.figures import shift_title

    assert (
        shift_title("A–B events", 0.2, 0.8, "Jan 2024")
        == "A–B events turned from mostly cooperation to mostly conflict in Jan 2024"
    )
    assert shift_title("A–B events", 0.2, 0.4, "Jan 2024") == (
        "A–B events were mostly cooperation before and after Jan 2024 (20 % then 40 % conflict)"
    )
    assert shift_title("A–B events", 0.5, 0.51, "X").startswith("A–B events turned from mostly cooperation")
