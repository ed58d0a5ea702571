"""The checks added after the independent re-read of the cited sentences: a table cell's quoted words
must stand in the paragraph it cites, a headline must not state as fact what its judgment rates below
likely, and an indicator nobody checked says so. Frozen fixtures with hand-derived results, near misses
included, then invariants of the live data."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.analytics import ach
from analysis.analytics import judgments as J
from analysis.core.quote import misquoted, quoted_spans
from analysis.ledger import claims as claims_mod
from analysis.ledger import events as events_mod
from analysis.ledger.events import cited_keys

PARA = "We have set up a mechanism, a mechanism that has the nature of an institution that meets every three months."


# ---------------------------------------------------------------------------------------- quotations
def test_quoted_spans_skip_apostrophes():
    text = "Algeria's support for the 'Azawad' movement, \u201cdouble\u201d, \u2018curly\u2019 and \"straight\"; the countries' links"
    assert quoted_spans(text) == ["Azawad", "double", "curly", "straight"]
    assert quoted_spans("Mali's and Algeria's positions") == []


@pytest.mark.parametrize(
    "summary, missing",
    [
        ("A mechanism that 'has the nature of an institution'.", []),
        ("A mechanism 'of the nature of an institution'.", ["of the nature of an institution"]),  # the audit's case
        ("A mechanism that 'has the nature of an Institution'.", ["has the nature of an Institution"]),  # case
        ("A mechanism that 'has the nature of an institutio'.", []),  # a prefix of the words stands in the text
        ("A mechanism that 'has the natüre of an institution'.", ["has the natüre of an institution"]),  # accent
        ('It "meets every three months".', []),
        ('It "meets every 3 months".', ["meets every 3 months"]),
    ],
)
def test_misquoted_near_misses(summary, missing):
    assert misquoted(summary, PARA) == missing


def test_misquoted_accepts_any_of_the_cited_paragraphs():
    assert misquoted("'four regular meetings'", PARA, "the mechanism has held four regular meetings") == []


def test_a_summary_misquoting_its_paragraph_is_refused(paras, tmp_path):
    events = events_mod.load_events()
    events.loc[events["event_id"] == "E059", "summary"] = "A mechanism 'of the nature of an institution'."
    from analysis.sources import actors, corpus, places

    problems = events_mod.check_ledger(
        events, paras, corpus.load_catalog(), actors.load_actors(), places.load_gazetteer()
    )
    assert any(
        "row E059" in p and "summary quotes 'of the nature of an institution', not in 002¶10" in p for p in problems
    )


def test_a_claim_paraphrase_misquoting_its_paragraph_is_refused(paras):
    row = next(claims_mod.load_claims().itertuples(index=False))._replace(claim="Bamako speaks of 'twenty terrorists'.")
    by_key = {r.key: r for r in paras.itertuples(index=False)}
    problems = claims_mod.quoted_row_problems("claims.csv: row C01", row, None, by_key)
    assert problems == ["claims.csv: row C01: claim quotes 'twenty terrorists', not in 003¶63"]


def test_live_ledger_summaries_and_ach_rationales_quote_their_paragraphs(paras):
    texts = dict(zip(paras["key"], paras["text"]))
    events = events_mod.load_events()
    for rec in events.itertuples(index=False):
        assert misquoted(rec.summary, texts[rec.key]) == [], rec.event_id
    claims = claims_mod.load_claims()
    keys = {r.event_id: cited_keys(r._asdict()) for r in events.itertuples(index=False)}
    keys |= {r.claim_id: [r.key] for r in claims.itertuples(index=False)}
    matrix = ach.load_matrix()
    for rec in matrix.itertuples(index=False):
        assert misquoted(rec.rationale, *(texts[k] for k in keys[rec.evidence])) == [], (rec.evidence, rec.hypothesis)


# ----------------------------------------------------------------------------------------- headlines
@pytest.mark.parametrize(
    "title, likelihood, ok",
    [
        ("Algeria's Russia channel will not move Moscow to press Bamako", "unlikely", False),  # the audit's case
        ("Algeria's Russia channel unlikely to move Moscow to press Bamako", "unlikely", True),
        ("Algeria's Russia channel very unlikely to move Moscow", "unlikely", False),  # another term
        ("Algeria's Russia channel Unlikely to move Moscow", "unlikely", True),  # case does not matter
        ("The Alliance of Sahel States drawn into the dispute", "roughly even chance", False),  # the audit's case
        ("The Alliance of Sahel States as a bloc: roughly even chance", "roughly even chance", True),
        ("The Alliance of Sahel States as a bloc: roughly even", "roughly even chance", False),  # a prefix
        ("Further armed incidents near the border", "likely", True),  # from likely up a headline may state it
        ("Further armed incidents near the border", "almost certain", True),
    ],
)
def test_headline_hedged(title, likelihood, ok):
    assert J.headline_hedged(title, likelihood) is ok


def test_live_headlines_keep_to_their_likelihood():
    for rec in J.load_judgments().itertuples(index=False):
        assert J.headline_hedged(rec.title, rec.likelihood), rec.judgment_id


# ---------------------------------------------------------------------------------------- indicators
def test_watch_says_not_checked_or_no_record_found():
    judgments = pd.DataFrame(
        {"judgment_id": ["KJ1"], "chapter": ["rupture_2024"], "title": ["t"], "likelihood": ["likely"]}
    )
    indicators = pd.DataFrame(
        {
            "indicator_id": ["I01", "I02", "I03"],
            "judgment_id": ["KJ1"] * 3,
            "indicator": ["a", "b", "c"],
            "direction": ["raises"] * 3,
            "record_keys": ["", "", "x"],
            "record_checked": ["yes", "no", "yes"],
        }
    )
    scored = pd.DataFrame(
        {"indicator_id": ["I03"], "day": [pd.Timestamp("2025-04-01")], "subject": ["Drone shot down"]}
    )
    got = J.watch(judgments, indicators, scored)
    assert got["record"].tolist() == ["no record found", "not checked", "2025-04-01 Drone shot down"]


def test_the_unchecked_russian_deliveries_indicator_reads_not_checked():
    a = J.assessment()
    watch = a["watch"]
    row = watch[
        (watch["indicator"] == "New Russian military deliveries or deployments to Mali")
        & (watch["judgment_id"] == "KJ8")
    ]
    assert row["record"].tolist() == ["not checked"]
    assert "" not in set(a["watch"]["record"])
