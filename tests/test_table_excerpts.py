"""Tables whose paragraph citations carry their verbatim excerpts (``Table(excerpts=...)``): the words
reach the ``{para}`` role, which the build checks against the paragraph; the excerpt column is not
shown; words holding a double quote or a backtick are cut to a stretch the role accepts."""

from __future__ import annotations

import re
import sys

import pandas as pd
import pytest

from analysis.analytics import border
from analysis.core import paths
from analysis.ledger import claims as claims_mod
from analysis.ledger import events as events_mod
from analysis.ledger import reference
from analysis.present.tables import (
    cite_keys,
    claims_table,
    difference_words,
    named_as,
    opening_words,
    places_table,
    reader_ledger,
    role_excerpt,
    show,
    words_found,
)
from analysis.sources import actors as actors_mod
from analysis.sources import places

sys.path.insert(0, str(paths.ROOT / "_ext"))
import report_roles  # noqa: E402


def _roles(myst: str) -> list[tuple[str, str | None]]:
    """Every (key, excerpt) the role parser reads in ``myst``'s ``{para}`` citations."""
    found = []
    for text in re.findall(r"\{para\}`([^`]*)`", myst):
        items = report_roles.split_items(text)
        assert items and len(items) == 1, text
        found.extend(items)
    return found


def test_one_key_with_its_excerpt(paras):
    text = dict(zip(paras["key"], paras["display"]))
    words = "in the vicinity of the border town of Tin Zaouatine"
    assert words in text["003¶60"]
    assert cite_keys("003¶60", words) == f'{{para}}`003¶60 "{words}"`'
    assert report_roles.excerpt_problem("003¶60", words) is None


def test_several_keys_take_a_list_aligned_with_them():
    assert cite_keys("003¶60; 003¶63", ["a b", None]) == '{para}`003¶60 "a b"`, {para}`003¶63`'
    with pytest.raises(ValueError, match="2 excerpts for 3 paragraph keys"):
        cite_keys("003¶60; 003¶63; 003¶64", ["a", "b"])
    with pytest.raises(ValueError, match="one excerpt for 2 paragraph keys"):
        cite_keys("003¶60; 003¶63", "a")
    with pytest.raises(ValueError, match="holds no paragraph keys"):
        cite_keys("not a key", "a")


def test_quotes_and_backticks_are_cut_to_a_verbatim_stretch():
    assert role_excerpt('opposing the classification as "terrorist groups."') == "opposing the classification as"
    assert role_excerpt("a `b` the longest  part") == "the longest part"
    assert role_excerpt("plain words") == "plain words"
    with pytest.raises(ValueError, match="no usable words"):
        role_excerpt('" `')


def test_every_ledger_quote_survives_as_a_role_excerpt():
    """Each quote of the ledger and of the claims, as a table writes it, parses back to one citation whose
    excerpt the build accepts: the quotes holding a double quote are among them."""
    ledger = events_mod.load_events()
    claims = claims_mod.load_claims()
    rows = list(zip(ledger["key"], ledger["quote"]))
    rows += list(zip(claims["key"], claims["quote"]))
    assert any('"' in q for _, q in rows), "the data hold quotes with a double quote: the case is tested"
    for key, quote in rows:
        [(parsed_key, excerpt)] = _roles(cite_keys(key, quote))
        assert parsed_key == key
        assert excerpt and excerpt in " ".join(quote.split())
        assert report_roles.excerpt_problem(key, excerpt) is None, (key, quote)


def test_the_excerpt_column_is_not_shown_and_reaches_the_citations():
    frame = pd.DataFrame(
        {
            "event": ["E1", "E2"],
            "source": ["003¶60", "003¶60; 003¶63"],
            "words": ["in the vicinity of", ["the border town", "about twenty militants"]],
        }
    )
    myst = show(frame, cite=("source",), excerpts={"source": "words"}).to_myst()
    assert _roles(myst) == [
        ("003¶60", "in the vicinity of"),
        ("003¶60", "the border town"),
        ("003¶63", "about twenty militants"),
    ]
    header = myst.split("\n* ")[1]
    assert "event" in header and "source" in header and "words" not in header


def test_bad_excerpt_options_fail_naming_the_table_row_and_column():
    frame = pd.DataFrame({"source": ["003¶60; 003¶63"], "words": ["one excerpt"]})
    with pytest.raises(ValueError, match=r"'tbl-x', row 1, column 'source': one excerpt for 2"):
        show(frame, name="tbl-x", cite=("source",), excerpts={"source": "words"}).to_myst()
    with pytest.raises(ValueError, match="no excerpt column 'quote'"):
        show(frame, name="tbl-x", cite=("source",), excerpts={"source": "quote"})
    with pytest.raises(ValueError, match="not a cite column"):
        show(frame, name="tbl-x", excerpts={"source": "words"})


def _checked(keys: str, words: list) -> None:
    """Every key of ``keys`` has words, and the build would accept them as its excerpt."""
    split = [k.strip() for k in re.split(r"[;,]", keys) if k.strip()]
    assert len(split) == len(words), (keys, words)
    for key, w in zip(split, words):
        assert w, (key, keys)
        assert report_roles.excerpt_problem(key, role_excerpt(w)) is None, (key, w)


def test_reader_ledger_carries_each_rows_quote():
    ledger = events_mod.load_events()
    names = dict(zip(actors_mod.load_actors()["actor_id"], actors_mod.load_actors()["name"]))
    short = reader_ledger(ledger, names)
    assert list(short["source"]) == list(ledger["key"])  # by default a row cites its own paragraph only
    assert [w for [w] in short["excerpt"]] == list(ledger["quote"])
    full = reader_ledger(ledger, names, also_in=True)
    with_also = full["source"].str.contains(";")
    assert with_also.sum() == (ledger["also_in"] != "").sum() > 0
    for keys, words in zip(full["source"], full["excerpt"]):
        assert len(words) == len(keys.split("; ")) and words[0] and all(w is None for w in words[1:])
    myst = show(short, cite=("source",), excerpts={"source": "excerpt"}).to_myst()
    assert len(_roles(myst)) == len(ledger) and all(e for _, e in _roles(myst))


def test_claims_table_carries_each_claims_quote():
    claims = claims_mod.load_claims()
    table = claims_table(claims, {}, quote=False)
    assert list(table["excerpt"]) == list(claims["quote"]) and "the article's words" not in table
    for key, words in zip(table["source"], table["excerpt"]):
        _checked(key, [words])


def test_places_are_cited_with_the_words_naming_them(paras):
    table = places_table(border.place_distances(places.load_gazetteer()), paragraphs=paras)
    named = table[table["named in"] != "not in the seeds"]
    assert len(named) > 0 and (table["named in"] == "not in the seeds").any()
    for keys, words in zip(named["named in"], named["named as"]):
        _checked(keys, words)
    text = dict(zip(paras["key"], paras["display"]))
    assert named_as("alger|Algiers", "Algiers", "001¶1", text) == ["Alger"]  # the French seed's spelling
    assert named_as("", "Tin Zaouatine", "001¶1", text) == [None]


def test_differences_and_found_words_are_checked_against_their_paragraphs(paras):
    ledger = events_mod.load_events()
    claims = claims_mod.load_claims()
    diffs = reference.differences(ledger, reference.load_public_record(), claims, places.load_gazetteer(), paras)
    assert len(diffs) > 0
    for keys, words in zip(diffs["seed_paragraph"], difference_words(diffs, ledger, claims, paras)):
        _checked(keys, words)
    text = dict(zip(paras["key"], paras["display"]))
    assert words_found("002¶5; 002¶7", ["[08/01/2025 21:45]"], text) == ["[08/01/2025 21:45]", None]
    opened = words_found("002¶5; 002¶7", ["[08/01/2025 21:45]"], text, or_opening=True)
    assert opened[1] and text["002¶7"].startswith(opened[1])
    assert opening_words("one two three", limit=9) == "one two" and opening_words("short") == "short"
