"""Key judgments as data (data/judgments.csv, data/indicators.csv): the ICD 203 terms, no confidence
word in a likelihood sentence, evidence that exists, confidence that follows the voice rule, indicators
scored against the public record after the corpus, and the MyST the Key judgments page shows."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest
from scopes import per_module

from analysis.analytics import judgments as J
from analysis.core.wording import count
from analysis.ledger import claims as claims_mod
from analysis.ledger import events as events_mod
from analysis.ledger import reference
from analysis.present.tables import key_judgments, scored_table, watch_table
from analysis.sources import actors as actors_mod
from analysis.sources.articles import article_labels
from analysis.sources.corpus import load_catalog


@pytest.fixture(scope=per_module)
def ledger(paras):
    return {
        "events": events_mod.load_events(),
        "claims": claims_mod.load_claims(),
        "paragraphs": paras,
        "actors": actors_mod.load_actors(),
    }


@pytest.fixture(scope=per_module)
def kj():
    return J.assessment()


# --------------------------------------------------------------------------------------------------
# The real files
# --------------------------------------------------------------------------------------------------
def test_the_real_files_have_no_problem(ledger):
    assert J.judgment_problems(**ledger) == []
    judgments = J.load_judgments(**ledger)
    assert J.indicator_problems(judgments=judgments) == []


def test_only_the_seven_icd_terms(kj):
    assert len(J.LIKELIHOOD) == 7 and len(set(J.LIKELIHOOD)) == 7
    assert set(kj["judgments"]["likelihood"]) <= set(J.LIKELIHOOD)
    assert list(J.LIKELIHOOD_RANGES) == list(J.LIKELIHOOD)


def test_no_confidence_word_and_no_other_term_in_a_likelihood_sentence(kj):
    for rec in kj["judgments"].itertuples(index=False):
        assert not J.CONFIDENCE_WORD.search(rec.statement), rec.judgment_id
        terms = {t.lower() for t in re.findall("|".join(sorted(J.LIKELIHOOD, key=len, reverse=True)), rec.statement)}
        assert terms <= {rec.likelihood}, rec.judgment_id


def test_forward_judgments_state_their_term(kj):
    # a forward judgment says how likely the event is in the sentence itself
    forward = kj["judgments"][kj["judgments"]["horizon"] != "retrospective"]
    assert len(forward) >= 4
    for rec in forward.itertuples(index=False):
        assert rec.likelihood in rec.statement.lower(), rec.judgment_id


def test_evidence_ids_exist(kj, ledger):
    known = set(ledger["events"]["event_id"]) | set(ledger["claims"]["claim_id"]) | set(ledger["paragraphs"]["key"])
    for rec in kj["judgments"].itertuples(index=False):
        items = events_mod.split_list(rec.evidence)
        assert items and set(items) <= known, rec.judgment_id


def test_stated_confidence_is_the_rules(kj):
    """The file's own confidence column (read raw, not through the loader that enforces it) is the
    rule's result on each judgment's counted voices."""
    _, rows = _rows(J.JUDGMENTS_PATH)
    counts = kj["counts"].set_index("judgment_id")
    latest = kj["editions"]["issued"].max()
    for row in rows:
        if row["closes"] and pd.Timestamp(row["closes"]) < latest:
            continue  # scored, not judged again: it keeps the confidence it was issued with
        c = counts.loc[row["judgment_id"]]
        forward = row["horizon"] != "retrospective"
        cutoff = kj["editions"].set_index("edition").loc[int(row["edition"]), "evidence_cutoff"]
        stale = J.is_stale(row["opens"], cutoff)
        rule = J.confidence_of(int(c["voices"]), int(c["first_hand"]), int(c["relays"]), forward=forward, stale=stale)
        assert row["confidence"] == rule, row["judgment_id"]


def test_the_confidence_rule():
    assert J.confidence_of(1, 1) == "low"  # one voice, however first-hand
    assert J.confidence_of(5, 0) == "low"  # only second-hand voices
    assert J.confidence_of(2, 1) == "moderate"
    assert J.confidence_of(3, 1) == "moderate"  # high needs two first-hand voices
    assert J.confidence_of(3, 2) == "high"
    assert J.confidence_of(3, 2, relays=1) == "moderate"  # one article's summaries are one reporting chain
    assert J.confidence_of(3, 2, relays=2, forward=True) == "moderate"  # a forecast is one level below
    assert J.confidence_of(2, 1, forward=True) == "low"
    assert J.confidence_of(1, 1, forward=True) == "low"  # never below low
    # one short of each threshold (near misses of the rule)
    assert J.confidence_of(2, 2, relays=2) == "moderate"  # high needs three voices
    assert J.confidence_of(2, 0) == "low"  # moderate needs one first-hand voice
    assert J.confidence_of(1, 1, relays=5) == "low"  # moderate needs two voices
    assert J.confidence_of(4, 3, relays=3) == "high"
    # the evidence gap: a forward window opening long after the evidence is one level further down
    assert J.confidence_of(3, 2, relays=2, forward=True, stale=True) == "low"
    assert J.confidence_of(3, 2, relays=2, forward=False, stale=True) == "high"  # only a forward judgment
    assert J.confidence_of(2, 1, forward=True, stale=True) == "low"  # never below low
    assert J.confidence_of(4, 3, relays=3, forward=False) == "high"


def test_every_citation_of_the_judgments_carries_its_excerpt(kj, paras):
    for rec in kj["judgments"].itertuples(index=False):
        assert J.citations(rec.statement), rec.judgment_id
        for text in (rec.statement, rec.changes_if):
            assert J.citation_problems(text, paras) == [], rec.judgment_id


# --------------------------------------------------------------------------------------------------
# Independent voices, computed by hand from the ledger
# --------------------------------------------------------------------------------------------------
def test_voice_count_of_the_russia_judgment_by_hand(kj, ledger):
    """KJ4 rests on E061, E059, E037, E040. By hand from data/events.csv:
    E061 claimed_by attaf, carried by 003¶24 and (also_in) 002¶6, 002¶10: two seeds relaying the same
    remarks, one voice; E059 claimed_by attaf again; attaf acts_for DZA, so both are "Algeria
    (officials)", first-hand since actor1 is dza. E037 and E040 are claimed_by diop, acts_for MLI: "Mali
    (officials)", first-hand (diop is actor1 of E037, mli actor2 of E040). Voices 2, first-hand 2, seeds
    002, 003, 004, but seed 002's copy is not intact (seeds/catalog.csv: orphan footnote markers), so it
    is not counted as a relay: relays 2. Rule: 2 voices, 1+ first-hand -> moderate (high would need 3)."""
    ev = ledger["events"].set_index("event_id")
    assert ev.loc["E061", "claimed_by"] == ev.loc["E059", "claimed_by"] == "attaf"
    assert {k[:3] for k in [ev.loc["E061", "key"], *events_mod.split_list(ev.loc["E061", "also_in"])]} == {"002", "003"}
    assert ev.loc["E037", "claimed_by"] == ev.loc["E040", "claimed_by"] == "diop"
    acts_for = dict(zip(ledger["actors"]["actor_id"], ledger["actors"]["acts_for"]))
    assert acts_for["attaf"] == "DZA" and acts_for["diop"] == "MLI"
    kj4 = kj["judgments"].set_index("judgment_id").loc["KJ4"]
    assert events_mod.split_list(kj4["evidence"]) == ["E061", "E059", "E037", "E040"]
    c = kj["counts"].set_index("judgment_id").loc["KJ4"]
    assert (c["voices"], c["first_hand"], c["relays"], c["items"]) == (2, 2, 2, 4)
    assert set(c["voice_list"]) == {"state:DZA", "state:MLI"}
    assert c["confidence"] == kj4["confidence"] == "moderate"


def test_voice_count_of_the_border_judgment_by_hand(kj, ledger):
    """KJ5 rests on E046, E047, E048, E049, E051. By hand: E046, E047 and E051 are claimed_by
    jeune_afrique, an outlet reporting others' acts (E046's actor1 is fama): one voice, second-hand.
    E048 is claimed_by dza about algeria_un_rep's act (acts_for DZA): Algeria, first-hand. E049 is
    claimed_by mali_government about its own rejection: Mali, first-hand. Voices 3, first-hand 2, all
    through seed 003: relays 1. Rule: 3 voices, 2 first-hand, but one seed -> moderate."""
    ev = ledger["events"].set_index("event_id")
    assert {ev.loc[e, "claimed_by"] for e in ("E046", "E047", "E051")} == {"jeune_afrique"}
    assert ev.loc["E046", "actor1"] == "fama"
    assert (ev.loc["E048", "claimed_by"], ev.loc["E048", "actor1"]) == ("dza", "algeria_un_rep")
    assert ev.loc["E049", "claimed_by"] == ev.loc["E049", "actor1"] == "mali_government"
    c = kj["counts"].set_index("judgment_id").loc["KJ5"]
    assert (c["voices"], c["first_hand"], c["relays"]) == (3, 2, 1)
    assert list(c["voice_list"])[:2] == ["state:DZA", "state:MLI"] and c["voice_list"][2] == "jeune_afrique"
    assert c["confidence"] == "moderate"


def test_relaying_seeds_do_not_add_voices(ledger):
    # E061 alone: carried by two seeds, one voice
    one = pd.DataFrame({"judgment_id": ["KJ1"], "horizon": ["retrospective"], "evidence": ["E061"]})
    items = J.evidence_items(one, ledger["events"], ledger["claims"], ledger["actors"])
    c = J.voice_counts(items, one).iloc[0]
    assert (c["voices"], c["relays"], c["confidence"]) == (1, 2, "low")


def test_a_paragraph_key_takes_the_voices_of_what_cites_it(ledger):
    # 003¶63: the claims of Bamako (C01), local sources (C02) and Algeria (C03), and the ledger's E046
    one = pd.DataFrame({"judgment_id": ["KJ1"], "horizon": ["retrospective"], "evidence": ["003¶63"]})
    items = J.evidence_items(one, ledger["events"], ledger["claims"], ledger["actors"])
    claimants = set(ledger["claims"].loc[ledger["claims"]["key"] == "003¶63", "claimant"])
    expected = {J.voice_of(a, ledger["actors"]) for a in claimants} | {"jeune_afrique"}
    assert set(items["voice"]) == expected and "local_sources" in expected


def test_one_voice_per_state_and_every_other_actor_its_own():
    actors = pd.DataFrame({"actor_id": ["attaf", "dza", "jeune_afrique"], "acts_for": ["DZA", "DZA", ""]})
    assert J.voice_of("attaf", actors) == J.voice_of("dza", actors) == "state:DZA"
    assert J.voice_of("jeune_afrique", actors) == "jeune_afrique"  # acts for no state: its own voice
    assert J.voice_of("unknown_actor", actors) == "unknown_actor"
    assert J.voice_of("", actors) == ""  # no actor, no voice


def _items(*rows: tuple[str, str, str, bool, str, bool]) -> pd.DataFrame:
    names = ["judgment_id", "item", "voice", "first_hand", "seeds", "counted"]
    return pd.DataFrame([dict(zip(names, r)) for r in rows])


def test_voice_counts_by_hand():
    """KJ1: outlet_a (second-hand, seed 001), Algeria first-hand (E002, seeds 002 and 003), Mali
    second-hand (E002, seed 003), outlet_b first-hand but not counted (seed 004). Counted: 3 voices, 1
    first-hand; relays 001, 003 (002 is damaged): 2; items E001, E002: 2; moderate (high needs 2
    first-hand). KJ2 looks forward and is stale: 1 voice, second-hand, low."""
    items = _items(
        ("KJ1", "E001", "outlet_a", False, "001", True),
        ("KJ1", "E002", "state:DZA", True, "002;003", True),
        ("KJ1", "E002", "state:MLI", False, "003", True),
        ("KJ1", "E003", "outlet_b", True, "004", False),
        ("KJ2", "E004", "outlet_a", False, "001", True),
    )
    judgments = pd.DataFrame({"judgment_id": ["KJ1", "KJ2"], "horizon": ["retrospective", "next 12 months"]})
    out = J.voice_counts(items, judgments, stale={"KJ2"}, damaged={"002"})
    assert list(out.columns) == [
        "judgment_id", "voices", "first_hand", "relays", "items", "voice_list", "stale", "confidence"
    ]  # fmt: skip
    assert out.to_dict("records") == [
        {
            "judgment_id": "KJ1",
            "voices": 3,
            "first_hand": 1,
            "relays": 2,
            "items": 2,
            "voice_list": ["state:DZA", "outlet_a", "state:MLI"],  # first-hand voices first
            "stale": False,
            "confidence": "moderate",
        },
        {
            "judgment_id": "KJ2",
            "voices": 1,
            "first_hand": 0,
            "relays": 1,
            "items": 1,
            "voice_list": ["outlet_a"],
            "stale": True,
            "confidence": "low",
        },
    ]
    # without a ``counted`` column every voice counts: outlet_b adds a first-hand voice and seed 004
    every = J.voice_counts(items.drop(columns="counted"), judgments.iloc[:1]).iloc[0]
    assert (every["voices"], every["first_hand"], every["relays"], every["items"]) == (4, 2, 4, 3)
    assert every["confidence"] == "high" and not every["stale"]
    # no judgment: no row, the same columns
    none = J.voice_counts(items.iloc[:0], judgments.iloc[:0])
    assert none.empty and list(none.columns) == list(out.columns)


# --------------------------------------------------------------------------------------------------
# Horizons, indicators, scoring
# --------------------------------------------------------------------------------------------------
def test_first_edition_windows_are_twelve_months_after_the_last_dated_event(kj, ledger):
    # Edition 1's windows, stored in the data, are what its rule gave: the 12 months after the last day
    # of an event the ledger dates (4 January 2025 to 3 January 2026).
    events = ledger["events"]
    end = events.loc[events["date_basis"] != "before", "end_day"].max()
    assert kj["end"] == end == pd.Timestamp("2025-01-03")
    first = kj["windows"][(kj["windows"]["edition"] == 1) & (kj["windows"]["kind"] != "retrospective")]
    assert len(first) > 0
    assert (first["opens"] == end + pd.Timedelta(days=1)).all()
    assert (first["closes"] == end + pd.DateOffset(months=12)).all()
    assert (first["kind"] == "hindcast").all()  # issued on 1 December 2026, after the windows closed


def test_windows_do_not_move_when_an_article_adds_a_later_event(kj, ledger):
    later = ledger["events"].copy()
    row = later[later["event_id"] == "E073"].iloc[0].copy()
    row["event_id"], row["date_start"], row["date_end"] = "E999", "2025-04-01", "2025-04-01"
    later = pd.concat([later, row.to_frame().T], ignore_index=True)
    again = J.load_judgments(**{**ledger, "events": later})
    pd.testing.assert_frame_equal(J.windows(again), kj["windows"])


def test_one_forward_horizon(kj):
    months = {J.horizon_months(h) for h in kj["judgments"]["horizon"]} - {None}
    assert J.forward_months(kj["judgments"]) == months.pop()
    with pytest.raises(ValueError, match="expected one horizon"):
        J.forward_months(kj["judgments"].assign(horizon="retrospective"))


def test_every_judgment_has_indicators_both_ways_or_one(kj):
    ind = kj["indicators"]
    assert set(ind["judgment_id"]) == set(kj["judgments"]["judgment_id"])
    assert set(ind["direction"]) == {"raises", "lowers"}


def test_after_corpus_events_are_all_scored(kj):
    after, scored = kj["after"], kj["scored"]
    assert not after.empty
    assert set(scored["key"]) == set(after["key"])
    for rec in scored[scored["indicator_id"] != ""].itertuples(index=False):
        listed = kj["indicators"].set_index("indicator_id").loc[rec.indicator_id, "record_keys"]
        assert rec.key in events_mod.split_list(listed)
        assert rec.bearing == J.bearing(
            rec.direction, kj["judgments"].set_index("judgment_id").loc[rec.judgment_id, "likelihood"]
        )
    # an after-corpus event inside a forward window is flagged so
    win = kj["windows"].set_index("judgment_id")
    for rec in scored[scored["in_window"]].itertuples(index=False):
        assert win.loc[rec.judgment_id, "opens"] <= rec.day <= win.loc[rec.judgment_id, "closes"]
    assert scored["in_window"].any()


def test_bearing():
    assert J.bearing("raises", "likely") == "consistent"
    assert J.bearing("lowers", "likely") == "against"
    assert J.bearing("lowers", "very unlikely") == "consistent"
    assert J.bearing("raises", "roughly even chance") == "raises"


def test_watch_per_chapter(kj):
    for chapter in J.ANALYTICAL_CHAPTERS:
        frame = J.watch(kj["judgments"], kj["indicators"], kj["scored"], chapter)
        own = set(kj["judgments"].loc[kj["judgments"]["chapter"] == chapter, "judgment_id"])
        assert own and set(frame["judgment_id"]) == own
        assert len(frame) == kj["indicators"]["judgment_id"].isin(own).sum()
        table = watch_table(frame)
        assert list(table.columns)[0] == "judgment" and not table["judgment"].str.contains("KJ").any()
        assert table["judgment"].str.startswith("Key judgment ").all()
    with pytest.raises(ValueError, match="unknown chapter"):
        J.watch(kj["judgments"], kj["indicators"], kj["scored"], "appendix_ledger")


def test_the_page_shows_every_judgment_with_its_count_and_only_excerpted_citations(kj, paras):
    myst = key_judgments(
        kj["judgments"],
        kj["counts"],
        kj["items"],
        kj["windows"],
        kj["watch"],
        kj["voice_names"],
        kj["texts"],
        J.LIKELIHOOD_RANGES,
        article_labels(load_catalog()),
    )._repr_markdown_()
    assert J.citation_problems(myst, paras) == []
    assert len(J.citations(myst)) > len(kj["judgments"])
    for rec in kj["counts"].drop(columns="confidence").merge(kj["judgments"], on="judgment_id").itertuples(index=False):
        sources = count(rec.voices, "independent source", words=True)
        assert f"confidence *{rec.confidence}*: {sources}" in myst
        assert f"*{rec.likelihood.capitalize()}* (" in myst
    assert "mali_government" not in myst and "state:" not in myst
    # evidence is named by who says it and where, never by a ledger, claim or seed id
    assert not re.search(r"(?<![\w¶])(?:E\d{3,}|C\d{2,})(?![\w¶])", myst) and not re.search(r"\bseeds? \d", myst)
    table = scored_table(kj["scored"], kj["judgments"])
    assert len(table) == len(kj["scored"]) and set(table["in the window"]) <= {"yes", "no", "retrospective", ""}


# --------------------------------------------------------------------------------------------------
# Bad input fails naming file, row and problem
# --------------------------------------------------------------------------------------------------
def _rows(path) -> tuple[list[str], list[dict]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames), list(reader)


def _write(tmp_path, name, header, rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def _bad_judgments(tmp_path, change):
    header, rows = _rows(J.JUDGMENTS_PATH)
    change(rows[2])  # the third judgment: line 4 of the file
    return _write(tmp_path, "judgments.csv", header, rows), rows[2]["judgment_id"]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda r: r.update(likelihood="probable"), "likelihood 'probable' not one of almost no chance"),
        (lambda r: r.update(evidence=r["evidence"] + ";E999"), "evidence E999 is not an event of the ledger"),
        (lambda r: r.update(evidence=r["evidence"] + ";C99"), "evidence C99 is not a claim"),
        (
            lambda r: r.update(evidence=r["evidence"] + ";003¶999"),
            "evidence 003¶999 is not a (non-boilerplate) paragraph",
        ),
        (
            lambda r: r.update(confidence={"low": "high", "moderate": "low", "high": "low"}[r["confidence"]]),
            "is not the rule's",
        ),
        (
            lambda r: r.update(statement="With high confidence, " + r["statement"]),
            "statement uses the confidence word 'high'",
        ),
        (
            lambda r: r.update(statement=r["statement"] + " It is almost certain."),
            "statement uses a likelihood term other than its own",
        ),
        (
            lambda r: r.update(statement=r["statement"] + " See {para}`003¶60`."),
            "statement cites 003¶60 without an excerpt",
        ),
        (
            lambda r: r.update(changes_if=r["changes_if"] + ' {para}`003¶60 "on Algerian territory"`'),
            "changes_if the excerpt 'on Algerian territory' is not in 003¶60",
        ),
        (lambda r: r.update(horizon="next year"), "horizon 'next year' is not 'retrospective' or 'next N months'"),
    ],
)
def test_bad_judgment_fails_naming_file_row_and_problem(tmp_path, ledger, change, problem):
    path, jid = _bad_judgments(tmp_path, change)
    problems = J.judgment_problems(path, **ledger)
    assert any(p.startswith(f"{path}: row {jid} (line 4): ") and problem in p for p in problems), problems
    with pytest.raises(J.JudgmentError) as exc:
        J.load_judgments(path, **ledger)
    assert str(path) in str(exc.value) and problem in str(exc.value)


def test_bad_indicators_fail_naming_file_row_and_problem(tmp_path, kj):
    header, rows = _rows(J.INDICATORS_PATH)
    rows[0]["record_keys"] = "no_such_record"
    rows[1]["judgment_id"] = "KJ99"
    rows[2]["direction"] = "confirms"
    path = _write(tmp_path, "indicators.csv", header, rows)
    problems = J.indicator_problems(path, judgments=kj["judgments"])
    assert any(
        f"row {rows[2]['indicator_id']} (line 4): direction 'confirms' not one of raises, lowers" in p for p in problems
    )
    fixed = [dict(r) for r in rows]
    fixed[2]["direction"] = "raises"
    path = _write(tmp_path, "indicators.csv", header, fixed)
    problems = J.indicator_problems(path, judgments=kj["judgments"])
    assert (
        f"{path}: row {rows[0]['indicator_id']} (line 2): record key 'no_such_record' is not in data/public_record.csv"
        in problems
    )
    assert f"{path}: row {rows[1]['indicator_id']} (line 3): judgment KJ99 is not in data/judgments.csv" in problems


def test_a_judgment_without_indicators_is_a_problem(tmp_path, kj):
    header, rows = _rows(J.INDICATORS_PATH)
    last = kj["judgments"]["judgment_id"].iloc[-1]
    path = _write(tmp_path, "indicators.csv", header, [r for r in rows if r["judgment_id"] != last])
    assert f"{path}: judgment {last} has no indicator" in J.indicator_problems(path, judgments=kj["judgments"])


def test_the_public_record_after_the_corpus_is_the_references(kj, ledger):
    after = reference.after_corpus(reference.load_public_record(), ledger["events"])
    assert list(after["key"]) == list(kj["after"]["key"])
    assert (after["day"] > kj["end"]).all()
