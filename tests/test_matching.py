"""Actor and place matching, one text and one whole article at a time (analysis.sources.actors and
places: ``matcher(text)`` and ``matcher.many(texts)``), on the frozen fixture tables: near misses (one
letter off, case, accents, a name as the prefix of a longer word), names cut by a sentence boundary,
and the one-pass run over an article giving what a run sentence by sentence gives."""

from __future__ import annotations

import pytest

from analysis.intake.extract import candidates, split_sentences
from analysis.sources.actors import actor_matcher
from analysis.sources.places import place_matcher
from tests import frozen


@pytest.fixture(scope="module")
def actors():
    return actor_matcher(frozen.actors())


@pytest.fixture(scope="module")
def places():
    return place_matcher(frozen.gazetteer())


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tebboune", ["tebboune"]),
        ("Tebbune", []),  # one letter off
        ("Tebbounes", []),  # the name as the prefix of a longer word
        ("TEBBOUNE", ["tebboune"]),  # case ignored for a name
        ("Goïta", ["goita"]),
        ("Goita", ["goita"]),  # accents ignored
        ("GOÏTA", ["goita"]),
        ("Goi\u0308ta", ["goita"]),  # the accent as a combining mark (NFD)
        ("Sergueï Lavrov", ["lavrov"]),
        ("Lavrovs", []),
        ("Malian", []),
        ("Malis", []),
        ("Mali's", ["mli"]),
        ("UN", ["un"]),
        ("Un", []),  # an acronym only in capitals: the French article is not the UN
        ("un", []),
        ("UNN", []),
        ("Algérie", ["dza"]),
        ("Algeriaa", []),
    ],
)
def test_actor_near_misses(actors, text, expected):
    assert actors(text) == expected
    assert actors.many(["Nothing here.", text, "Nor here."]) == [[], expected, []]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kidal", ["kidal"]),
        ("KIDAL", ["kidal"]),
        ("Kidalois", []),  # prefix of a longer word
        ("Gao", ["gao"]),
        ("Gaol", []),  # one letter more
        ("Tin Zaouatine", ["tin_zaouatine"]),
        ("Tin-Zaouatine", ["tin_zaouatine"]),  # a hyphen for the space
        ("TIN ZAOUATINE", ["tin_zaouatine"]),
        ("Tin Zaouatina", []),  # one letter off
        ("Tinzaouatène", ["tinzaouaten"]),
        ("Tinzaouatene", ["tinzaouaten"]),  # accent dropped
        ("Alger", ["algiers"]),
        ("Algers", []),
        ("Tombouctou", ["timbuktu"]),
        ("Tombouctu", []),
        ("the Algiers Agreement", []),  # a non-place phrase that holds a place's name
    ],
)
def test_place_near_misses(places, text, expected):
    assert places(text) == expected
    assert places.many(["Nothing here.", text, "Nor here."]) == [[], expected, []]


def test_a_name_cut_by_a_sentence_boundary_is_in_neither_sentence(actors, places):
    assert actors("the United Nations said") == ["un"]
    assert actors.many(["Then came the United", "Nations said nothing."]) == [[], []]
    assert places("near Tin Zaouatine") == ["tin_zaouatine"]
    assert places.many(["It was near Tin", "Zaouatine was quiet."]) == [[], []]
    # a phrase that is not a place only where it is whole: "Algiers" counts once the phrase is cut
    assert places.many(["They signed in Algiers", "Agreement followed."]) == [["algiers"], []]


def test_longest_alias_and_order_hold_in_each_text_of_a_batch(actors, places):
    texts = [
        "The United Nations Integrated Mission in Mali left.",
        "Mali and the United Nations met in Algiers, then Mali again.",
        "",
        "Moscow, Kidal and Moscow.",
    ]
    # the mission's full name is MINUSMA, not also the UN and Mali; each id once, in order of first mention
    assert actors.many(texts) == [["minusma"], ["mli", "un"], [], []]
    assert places.many(texts) == [[], ["mali", "algiers"], [], ["moscow", "kidal"]]
    assert actors.many(texts) == [actors(t) for t in texts]
    assert places.many(texts) == [places(t) for t in texts]


def test_the_join_character_in_a_text_is_an_ordinary_separator(actors, places):
    assert actors("Mali\x00Algeria") == ["mli", "dza"]
    assert actors.many(["Mali\x00Algeria", "Russia"]) == [["mli", "dza"], ["rus"]]
    assert places.many(["Mali\x00Algeria", "Gao"]) == [["mali", "algeria"], ["gao"]]


def test_one_pass_over_each_article_gives_what_each_sentence_alone_gives(actors, places):
    """The fixture corpus through candidates: matchers run over each article at once against the same
    matchers called sentence by sentence (plain functions, which candidates calls once per sentence)."""
    paras = frozen.paragraphs()
    one_pass = candidates(paras, actors=actors, places=places)
    by_sentence = candidates(paras, actors=lambda t: actors(t), places=lambda t: places(t))
    assert len(one_pass) > 50
    assert one_pass.drop(columns="date_mentions").equals(by_sentence.drop(columns="date_mentions"))
    # and sentence by sentence against the paragraphs' own sentences, for every sentence (kept or not)
    for text in paras.loc[paras["kind"] != "boilerplate", "text"]:
        sentences = [text[s:e] for s, e in split_sentences(text)]
        assert actors.many(sentences) == [actors(s) for s in sentences]
        assert places.many(sentences) == [places(s) for s in sentences]
