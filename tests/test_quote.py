"""One check, one parser (analysis.core.quote): a quote stands verbatim in its paragraph or it is
refused, with the same rule wherever the project keeps a quote (ledger, claims, quantities, glossary,
judgments, the book's {para} role, the tables' cited words), and one reader of the citation role.

Each rule is tried with near misses (one letter off, case, accents, a prefix of the key, an empty
excerpt, a change past the 60th character), on a paragraph written here, so the expected values are
derived by hand and never move with the data."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.core import paths
from analysis.core.keys import is_key, paragraph_key, parse_key
from analysis.core.quote import citation_items, citations, misquoted, quote_problem, quoted_spans, verbatim

sys.path.insert(0, str(paths.ROOT / "_ext"))
import report_roles  # noqa: E402

KEY = "003¶60"
TEXT = (
    "Officials said an airstrike carried out by the Malian military using drones on August 25, 2024, "
    "in the vicinity of the border town of Tin Zaouatine, killed \u201cfighters\u201d in the r\u00e9gion."
)
QUOTE = "carried out by the Malian military using drones on August 25, 2024, in the vicinity of the border town"
# Near misses of QUOTE: each must be refused by every check.
NEAR_MISSES = {
    "one letter off": QUOTE.replace("Malian", "Malien"),
    "case": QUOTE.replace("Malian", "malian"),
    "all upper case": QUOTE.upper(),
    "a change past the 60th character": QUOTE[:-4] + "city",
    "a word added": QUOTE + " of Kidal",
}


def _paras(text: str = TEXT, display: str | None = None) -> pd.DataFrame:
    return pd.DataFrame(
        {"key": [KEY], "seed": ["003"], "n": [60], "text": [text], "display": [display or text]}
        | {"kind": ["body"], "rule": [""]}
    )


# ------------------------------------------------------------------------------------ the one rule
def test_the_rule_takes_the_words_as_they_are_after_normalisation():
    assert verbatim(QUOTE, TEXT)
    assert verbatim("killed \"fighters\" in the r\u00e9gion.", TEXT)  # straight quotes match curly ones
    assert verbatim("in  the\u00a0vicinity", TEXT)  # runs of white space are one space
    assert verbatim("re\u0301gion", TEXT)  # NFD and NFC forms of é are one letter
    assert verbatim("the r\u00e9gion", "unrelated", TEXT)  # any of several forms (text, display)


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_the_rule_refuses_near_misses(name):
    assert len(QUOTE) > 60
    assert not verbatim(NEAR_MISSES[name], TEXT)
    assert quote_problem(NEAR_MISSES[name], KEY, TEXT) == f"is not verbatim in {KEY}"


def test_the_rule_refuses_accents_folded_and_empty_words():
    assert not verbatim("in the region.", TEXT)  # an accent dropped
    assert not verbatim("Tin Zaouatiné", TEXT)  # an accent added
    for empty in ("", " ", "\u00a0\n"):
        assert not verbatim(empty, TEXT)
        assert quote_problem(empty, KEY, TEXT) == "is empty"
    assert quote_problem(QUOTE, KEY, TEXT) is None
    assert not verbatim(QUOTE)  # no paragraph, no match


def test_quotations_are_found_in_every_mark_and_checked_against_the_sources():
    text = "He said \"a truce\", then \u201cno deal\u201d and \u2018not yet\u2019; l'Alg\u00e9rie 'sides' ok"
    # double, curly double, curly single and straight single marks; an apostrophe opens nothing
    assert quoted_spans(text) == ["a truce", "no deal", "not yet", "sides"]
    assert misquoted(text, "a truce and no deal, not yet") == ["sides"]
    assert misquoted(text, "unrelated", "a truce, no deal, not yet, sides") == []
    assert misquoted('"a Truce"', "a truce") == ["a Truce"]  # case counts, as in verbatim


# ------------------------------------------------------------------------------------ keys
@pytest.mark.parametrize("bad", ["003¶60x", "003¶60¶1", "x003¶60", "03¶60", "003¶", "003¶6.0", "003¶-1", "0003¶60"])
def test_a_key_is_whole(bad):
    assert is_key(KEY) and not is_key(bad)
    with pytest.raises(ValueError):
        parse_key(bad)


def test_keys_parse_and_print():
    assert parse_key(KEY) == ("003", 60) and parse_key("1000¶2") == ("1000", 2)
    assert paragraph_key("3", 60) == paragraph_key("003", "60") == KEY
    # a number read from a CSV column holding blanks is a float, or its text
    assert paragraph_key("003", 60.0) == paragraph_key("003", "60.0") == KEY


# ------------------------------------------------------------------------------------ one parser
def test_the_one_parser_reads_a_role_body():
    assert citation_items(f'{KEY} "a, b", 001¶3, 003¶9 "c"') == [(KEY, "a, b"), ("001¶3", None), ("003¶9", "c")]
    assert citation_items(f'{KEY} ""') == [(KEY, "")]
    assert citation_items("") is None and citation_items(f'{KEY} "unclosed') is None
    text = f'As reported {{para}}`{KEY} "the border town"` and {{paras}}`000¶4 "x", 001¶3`.'
    assert citations(text) == [(KEY, "the border town"), ("000¶4", "x"), ("001¶3", None)]
    assert citations(f'{{para}}`{KEY} "unclosed`') == [(f'{KEY} "unclosed', None)]
    # the book's extension and the judgments read roles with this very parser
    from analysis.analytics import judgments

    assert report_roles.split_items is citation_items and judgments.citations is citations


# ------------------------------------------------------------------------------------ every consumer
@pytest.fixture
def real_texts(monkeypatch):
    """The book's extension reads the corpus; here it reads the paragraph written above."""
    monkeypatch.setattr(report_roles, "_paragraph_texts", lambda: {KEY: (TEXT, TEXT)})


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_the_book_refuses_near_miss_excerpts(real_texts, name):
    assert report_roles.excerpt_problem(KEY, QUOTE) is None
    assert report_roles.excerpt_problem(KEY, NEAR_MISSES[name]) == (
        f"para: the excerpt is not in {KEY}: {NEAR_MISSES[name]!r}"
    )


def test_the_book_refuses_an_empty_excerpt_and_folded_accents(real_texts):
    assert report_roles.excerpt_problem(KEY, "") == f"para: empty excerpt for {KEY}"
    assert report_roles.excerpt_problem(KEY, "  ") == f"para: empty excerpt for {KEY}"
    assert "not in" in report_roles.excerpt_problem(KEY, "in the region")


def test_judgment_citations_refuse_near_misses_and_empty_excerpts():
    from analysis.analytics.judgments import citation_problems

    paras = _paras()
    assert citation_problems(f'{{para}}`{KEY} "{QUOTE}"`', paras) == []
    for words in [*NEAR_MISSES.values(), "in the region", ""]:
        assert citation_problems(f'{{para}}`{KEY} "{words}"`', paras) == [f"the excerpt {words!r} is not in {KEY}"]
    assert citation_problems(f"{{para}}`{KEY}`", paras) == [f"cites {KEY} without an excerpt"]
    assert citation_problems('{para}`003¶60x "the border town"`', paras) == [
        "cites '003¶60x', which is not a paragraph of the corpus"
    ]


def _claim(**cells):
    from types import SimpleNamespace

    base = {"seed": "003", "paragraph": 60, "quote": QUOTE, "claimant": "fama", "reported_by": "jeune_afrique"}
    return SimpleNamespace(**(base | cells))


def test_claims_and_quantities_refuse_near_misses_and_unknown_reporters():
    from analysis.ledger.claims import quoted_row_problems

    by_key = {r.key: r for r in _paras().itertuples(index=False)}
    actors = {"fama", "jeune_afrique"}
    assert quoted_row_problems("w", _claim(), actors, by_key) == []
    for words in [*NEAR_MISSES.values(), "in the region."]:
        assert quoted_row_problems("w", _claim(quote=words), actors, by_key) == [
            f"w: quote not found in {KEY}: {words[:60]!r}"
        ]
    assert quoted_row_problems("w", _claim(reported_by="jeune_afriqu"), actors, by_key) == [
        "w: reported_by 'jeune_afriqu' is not in actors.csv"
    ]
    assert quoted_row_problems("w", _claim(claimant="FAMa"), actors, by_key) == [
        "w: claimant 'FAMa' is not in actors.csv"
    ]


def _ledger(tmp_path: Path, **cells) -> Path:
    from analysis.ledger.events import EVENT_COLUMNS

    row = dict.fromkeys(EVENT_COLUMNS, "") | {
        "event_id": "E001",
        "date_start": "2024-08-25",
        "date_end": "2024-08-25",
        "date_precision": "day",
        "date_basis": "stated",
        "event_type": "ASSAULT",
        "event_mode": "heavy-weapons",
        "context": "military",
        "score": "-9.3",
        "actor1": "fama",
        "summary": "The Malian army strikes near Tin Zaouatine.",
        "seed": "003",
        "paragraph": "60",
        "quote": QUOTE,
        "claimed_by": "jeune_afrique",
        "reported_by": "jeune_afrique",
    }
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(EVENT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerow(row | cells)
    path = tmp_path / "events.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def test_the_ledger_refuses_near_miss_quotes(tmp_path):
    from analysis.ledger.events import check_ledger, load_events

    catalog = pd.DataFrame({"seed": ["003"], "published_latest": [pd.Timestamp("2025-06-30")]})
    actors, places = {"fama", "jeune_afrique"}, {"tin_zaouatine"}

    def problems(**cells):
        return check_ledger(load_events(_ledger(tmp_path, **cells)), _paras(), catalog, actors, places)

    assert problems() == []
    for words in [*NEAR_MISSES.values(), "in the region."]:
        assert problems(quote=words) == [
            f"{tmp_path / 'events.csv'}: row E001 (line 2): quote not found in {KEY}: {words[:60]!r}"
        ]
    assert problems(reported_by="jeune_afriqu") == [
        f"{tmp_path / 'events.csv'}: row E001 (line 2): reported_by 'jeune_afriqu' is not in actors.csv"
    ]


def test_the_glossary_refuses_near_miss_quotes(tmp_path):
    from analysis.sources.glossary import COLUMNS, GlossaryError, load_glossary

    def write(quote: str) -> Path:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(COLUMNS), lineterminator="\n")
        writer.writeheader()
        writer.writerow(
            {"term": "FAMa", "expansion": "Malian Armed Forces", "definition": "Mali's army."}
            | {"seed_source": KEY, "seed_quote": quote, "reference": ""}
        )
        path = tmp_path / "glossary.csv"
        path.write_text(buf.getvalue(), encoding="utf-8")
        return path

    assert list(load_glossary(write(QUOTE), _paras())["term"]) == ["FAMa"]
    for words in [*NEAR_MISSES.values(), "in the region."]:
        with pytest.raises(GlossaryError, match="seed_quote not found in 003¶60"):
            load_glossary(write(words), _paras())


def test_tables_cite_only_words_that_are_verbatim():
    from analysis.present.tables import words_found

    texts = {KEY: TEXT}
    assert words_found(KEY, [NEAR_MISSES["case"], QUOTE], texts) == [QUOTE]
    assert words_found(KEY, [NEAR_MISSES["one letter off"], "in the region."], texts) == [None]
