"""The reader's edition: articles named by outlet and date, one-sentence verdicts carrying their
likelihood, confidence with its reason, citations as markers with cards, and the built analytical pages
held to their limits (no paragraph key or internal id in the body, "seed" rarely, a short summary, the
first likelihood term early on the Key judgments page)."""

from __future__ import annotations

import re
import sys

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from readability import ANALYTICAL_PAGES, body_text, counts

from analysis.analytics import judgments as J
from analysis.core import paths
from analysis.present import briefing, tables
from analysis.sources.articles import article_labels, date_words

sys.path.insert(0, str(paths.ROOT / "_ext"))
import citation_cards  # noqa: E402

#: Limits the issue sets for the built analytical pages.
MAX_KEYS_PER_100_WORDS = 1.0
MAX_SEED_WORDS = 10
MAX_BOTTOM_LINE_WORDS = 250
FIRST_TERM_WITHIN = 120


# --- articles by outlet and date ------------------------------------------------------------------
@pytest.mark.parametrize(
    "earliest, latest, words",
    [
        ("2021-08-31", "2021-08-31", "31 August 2021"),
        ("2021-08-01", "2021-08-31", "August 2021"),
        ("2024-02-28", "2024-03-31", "February–March 2024"),
        ("2025-01-03", "2025-12-31", "2025"),
        ("2025-01-01", "2025-12-31", "2025"),
        ("2017-07-01", "2019-04-02", "2017–2019"),
    ],
)
def test_date_words(earliest, latest, words):
    assert date_words(pd.Timestamp(earliest), pd.Timestamp(latest)) == words


def test_date_words_refuses_a_reversed_interval():
    with pytest.raises(ValueError, match="ends before it starts"):
        date_words(pd.Timestamp("2024-03-02"), pd.Timestamp("2024-03-01"))


def test_article_labels_name_outlet_and_date_never_the_seed_id():
    catalog = pd.DataFrame(
        {
            "seed": ["007", "1000"],
            "title": ["A title", "Another"],
            "outlet": ["Maliweb", ""],
            "published_earliest": pd.to_datetime(["2025-01-02", "2021-08-31"]),
            "published_latest": pd.to_datetime(["2025-01-02", "2021-08-31"]),
        }
    )
    labels = article_labels(catalog).set_index("seed")
    assert labels.at["007", "short"] == "Maliweb, 2 January 2025"
    assert labels.at["007", "long"] == "Maliweb's article of 2 January 2025"
    assert labels.at["1000", "long"] == "an unnamed outlet's article of 31 August 2021"
    assert not labels[["short", "long"]].stack().str.contains("007|1000|seed").any()


# --- verdicts and confidence ------------------------------------------------------------------------
def test_a_retrospective_verdict_states_the_title_with_its_term_and_confidence():
    said = briefing.verdict("The rupture was a sequence of acts", "The break came as acts: x.", "likely", "high")
    assert said == "We judge it likely, with high confidence, that the rupture was a sequence of acts."
    # a proper noun keeps its capital
    assert "that Russia is an arena" in briefing.verdict("Russia is an arena", "Both court Moscow.", "likely", "low")


def test_a_forward_verdict_is_the_statement_s_head_with_its_window():
    statement = 'A return is very unlikely in the window: Bamako rejects it ({para}`003¶54 "rejects: any"`).'
    said = briefing.verdict("A return", statement, "very unlikely", "moderate", " in the 12 months to 3 January 2026")
    assert said == "A return is very unlikely in the 12 months to 3 January 2026 (moderate confidence)."
    # a head without the judgment's own term (near miss: "unlikely" inside "very unlikely") is not used
    said = briefing.verdict("A return", "A return is very unlikely: x.", "unlikely", "low")
    assert said.startswith("We judge it unlikely, with low confidence, that a return")


def test_statement_head_ignores_colons_inside_citations():
    assert briefing.statement_head('Acts ({para}`003¶1 "a: b"`) came: then more.') == 'Acts ({para}`003¶1 "a: b"`) came'
    assert briefing.statement_head("No colon here. Second.") == "No colon here"


@pytest.mark.parametrize(
    "args, expected",
    [
        (
            ("moderate", 2, 1, 3, False),
            "moderate: two independent sources, one of them a party to the events, in three articles",
        ),
        (("low", 1, 0, 1, False), "low: one independent source, none of them a party to the events, in one article"),
        (
            ("low", 1, 1, 1, True),
            "low: one independent source, itself a party to the events, in one article; one level lower because it looks beyond the evidence",
        ),
    ],
)
def test_confidence_reason_in_words(args, expected):
    assert briefing.confidence_reason(*args) == expected


def test_every_summary_sentence_carries_its_judgment_s_likelihood_term():
    kj = J.assessment()
    said = briefing.verdicts(kj["judgments"], kj["windows"])
    for (term, conf), sentence in zip(zip(kj["judgments"]["likelihood"], kj["judgments"]["confidence"]), said):
        terms = briefing.terms_in(sentence)
        assert terms == {term}, sentence
        assert f"{conf} confidence" in sentence
    text = briefing.summary_judgments(kj["judgments"], kj["windows"]).text
    assert all(s in text for s in said)


@pytest.mark.parametrize(
    "levels, expected",
    [
        ([], "not stated"),
        (["low"], "low"),
        (["moderate"] * 5, "moderate for all five"),
        (["moderate", "moderate", "moderate", "low"], "mostly moderate (three of four)"),
        (["moderate", "low", "moderate"], "mostly moderate (two of three)"),
        (["high", "low"], "high for one and low for one"),
        (["low", "moderate", "moderate", "low"], "moderate for two and low for two"),
    ],
)
def test_confidence_spread_in_words(levels, expected):
    assert briefing.confidence_spread(pd.Series(levels, dtype="object")) == expected


@pytest.mark.parametrize(
    "tally, expected",
    [
        ((2, 2, 2), "two are resolved, and in two of them the event occurred; two are unresolved"),
        ((1, 0, 3), "one is resolved, and its event did not occur; three are unresolved"),
        ((1, 1, 1), "one is resolved, and its event occurred; one is unresolved"),
        ((2, 0, 0), "two are resolved, and in none of them the event occurred; none is unresolved"),
        ((0, 0, 4), "none is resolved; four are unresolved"),
        ((3, 1, 0), "three are resolved, and in one of them the event occurred; none is unresolved"),
    ],
)
def test_hindcast_tally_agrees_with_its_numbers(tally, expected):
    assert briefing.hindcast_tally(*tally) == expected


def test_hindcast_tally_refuses_an_impossible_tally():
    with pytest.raises(ValueError, match="impossible tally"):
        briefing.hindcast_tally(1, 2, 0)


def test_reader_voice_names_an_unnamed_outlet_by_its_article():
    articles = pd.DataFrame({"seed": ["003"], "outlet": [""], "date": ["2025"], "long": ["x"]})
    assert briefing.reader_voice("outlet_003", {}, articles) == "an unnamed outlet (its article of 2025)"
    assert briefing.reader_voice("seed 003", {}, articles) == "an unnamed outlet (its article of 2025)"
    assert briefing.reader_voice("state:MLI", {"state:MLI": "Mali (officials)"}, articles) == "Mali (officials)"


# --- citation markers -------------------------------------------------------------------------------
def test_brackets_around_citations_are_dropped_with_the_space_before_them():
    para = nodes.paragraph()
    a, b = nodes.inline("a", "a"), nodes.inline("b", "b")
    para += [nodes.Text("months"), nodes.Text("\n"), nodes.Text("("), a, nodes.Text(", "), b, nodes.Text("), and")]
    citation_cards.unbracket([a, b])
    assert para.astext() == "monthsa, b, and"
    # no closing bracket: nothing changes
    para = nodes.paragraph()
    c = nodes.inline("c", "c")
    para += [nodes.Text("see ("), c, nodes.Text(" and more)")]
    citation_cards.unbracket([c])
    assert para.astext() == "see (c and more)"


def test_a_card_escapes_the_seed_s_words():
    facts = {
        "outlet": "O<b>",
        "title": "T&",
        "date": "2025",
        "n": 3,
        "excerpt": '<script>"x"',
        "opening": False,
        "key": "003¶3",
    }
    html = citation_cards.marker_html(4, facts, "seeds.html#p-003-3", "cite-card-0")
    assert "<script>" not in html and "&lt;script&gt;" in html and "O&lt;b&gt;" in html and "T&amp;" in html
    assert '<sup>4</sup>' in html and 'aria-describedby="cite-card-0"' in html and 'id="cite-card-0"' in html
    assert 'href="seeds.html#p-003-3"' in html


def test_a_card_names_outlet_date_and_paragraph_but_no_key_and_no_seed():
    facts = {
        "outlet": "Jeune Afrique",
        "title": "T",
        "date": "2 January 2025",
        "n": 60,
        "excerpt": "x",
        "opening": False,
        "key": "003¶60",
    }
    card = citation_cards.card_html(facts, "appendix_seeds.html#p-003-60", "cite-card-1")
    visible = re.sub(r"<[^>]+>", " ", card)
    assert "Jeune Afrique" in visible and "2 January 2025" in visible and "paragraph 60" in visible
    got = counts(visible)
    assert got["keys"] == 0 and got["seed"] == 0, got
    assert 'href="appendix_seeds.html#p-003-60"' in card  # the key stays in the address


# --- the page detectors, on fixtures ----------------------------------------------------------------
def test_counts_find_keys_ids_and_the_word_seed_and_nothing_else():
    text = "As 003¶60 says, E017 and C11 back KJ3; Seeds and a seed. Not E01, C1, KJ, seedling, 1003¶, ¶60."
    got = counts(text)
    assert got["keys"] == 1 and got["ids"] == ["E017", "C11", "KJ3"] and got["seed"] == 2


def test_body_text_leaves_out_cards_and_the_list_of_sources():
    html = (
        '<article class="bd-article"><p>Words here<span class="cite"><a><sup>1</sup></a>'
        '<span class="cite-card">003¶60 card</span></span>.</p>'
        '<section id="sources"><ol><li>003¶60</li></ol></section></article>'
    )
    assert body_text(html) == "Words here 1 ."


# --- the built pages --------------------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("page", ANALYTICAL_PAGES[1:] + ("intro.html",))
def test_analytical_pages_show_no_key_no_internal_id_and_seldom_seed(built_book, page):
    got = counts(body_text((built_book / page).read_text(encoding="utf-8")))
    assert got["keys_per_100"] <= MAX_KEYS_PER_100_WORDS, got
    assert got["ids"] == [], got["ids"]
    assert got["seed"] <= MAX_SEED_WORDS, got


@pytest.mark.slow
@pytest.mark.parametrize("page", ANALYTICAL_PAGES[1:] + ("intro.html",))
def test_with_cards_and_sources_counted_keys_stay_rare_and_seed_seldom(built_book, page):
    """A reader who opens every card and reads the list of sources still meets at most one key per
    hundred words: cards name outlet, date and paragraph; only the list of sources shows keys."""
    soup = BeautifulSoup((built_book / page).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article")
    for el in article.select("script, style"):
        el.decompose()
    got = counts(re.sub(r"\s+", " ", article.get_text(" ")))
    assert got["keys_per_100"] <= MAX_KEYS_PER_100_WORDS, got
    assert got["ids"] == [], got["ids"]
    assert got["seed"] <= MAX_SEED_WORDS, got


@pytest.mark.slow
def test_the_summary_is_short_and_says_what_the_key_judgments_page_says(built_book):
    summary = body_text((built_book / "intro.html").read_text(encoding="utf-8")).replace("\u2019", "'")
    bottom = summary[summary.index("Bottom line.") : summary.index("The key judgments in brief.")]
    assert counts(bottom)["words"] <= MAX_BOTTOM_LINE_WORDS
    judgments_page = body_text((built_book / "chapters" / "key_judgments.html").read_text(encoding="utf-8"))
    judgments_page = judgments_page.replace("\u2019", "'")  # Sphinx's smart quotes
    kj = J.assessment()
    for sentence in briefing.verdicts(kj["current"], kj["windows"]):
        plain = re.sub(r"\s+", " ", sentence.replace("\\", ""))
        assert plain in summary and plain in judgments_page, plain
    assert "Evidence cut-off:" in summary and "Edition:" in summary


@pytest.mark.slow
def test_the_first_likelihood_term_comes_early_on_the_key_judgments_page(built_book):
    text = body_text((built_book / "chapters" / "key_judgments.html").read_text(encoding="utf-8"))
    m = briefing.LIKELIHOOD_TERMS.search(text)
    assert m, "no likelihood term on the page"
    assert counts(text[: m.start()])["words"] <= FIRST_TERM_WITHIN


@pytest.mark.parametrize(
    "ids, expected",
    [
        (["KJ6", "KJ7", "KJ8", "KJ9"], "6 to 9"),
        (["KJ9", "KJ6", "KJ8", "KJ7"], "6 to 9"),
        (["KJ6", "KJ8", "KJ9"], "6, 8 and 9"),
        (["KJ6", "KJ7"], "6 and 7"),
        (["KJ10"], "10"),
        ([], "none"),
    ],
)
def test_judgment_numbers_name_a_run_as_a_range(ids, expected):
    assert tables.judgment_numbers(ids) == expected
