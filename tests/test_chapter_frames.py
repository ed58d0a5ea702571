"""Package functions that build the chapters' tables and frames (so chapters only call and show):
date comparisons with the public record, dyad tracks, the border zone's table, figures of one record."""

from __future__ import annotations

import pytest

from analysis.analytics import timeline
from analysis.ledger import events, reference
from analysis.sources import actors


@pytest.fixture(scope="module")
def ledger():
    return events.load_events()


def test_date_comparison_sets_each_dated_record_beside_the_ledger(ledger):
    record = reference.load_public_record()
    table = reference.date_comparison(ledger, record)
    dated = set(record.loc[record["kind"] == "date", "key"])
    assert set(table["event_id"]) == set(ledger.loc[ledger["record_key"].isin(dated), "event_id"])
    diff = reference.differences(ledger, record)
    differing = set(diff.loc[diff["aspect"] == "date", "event_id"])
    assert set(table.loc[table["agree"] == "no", "event_id"]) == differing & set(table["event_id"])
    assert len(differing & set(table["event_id"])) >= 1  # the Tebboune–Bogdanov meeting: a day apart


def test_tracks_hold_each_dyad_once(ledger):
    axis = timeline.on_time_axis(ledger)
    acts = actors.load_actors()
    both = timeline.tracks(axis, acts, {"A": ("DZA", "RUS"), "B": ("MLI", "RUS")})
    assert (both["track"] == "A").sum() == len(timeline.dyad(axis, acts, "DZA", "RUS"))
    assert (both["track"] == "B").sum() == len(timeline.dyad(axis, acts, "MLI", "RUS"))
    assert both["track"].is_monotonic_increasing


def test_zone_table_lists_each_zone_event_in_date_order(ledger):
    from analysis.analytics import border
    from analysis.present import tables
    from analysis.sources import places

    zone = border.zone_events(ledger, places.load_gazetteer())
    table = tables.zone_table(zone)
    assert len(table) == len(zone)
    assert set(table["event"]) == set(zone["event_id"])
    order = zone.set_index("event_id").loc[table["event"], "start_day"]
    assert order.is_monotonic_increasing
    text = dict(zip(ledger["event_id"], ledger["quote"]))
    assert all(text[e] == q for e, q in zip(table["event"], table["excerpt"]))
    # with the map's numbers, each row carries its event's number, first
    numbers = {e: i + 10 for i, e in enumerate(sorted(set(zone["event_id"])))}
    numbered = tables.zone_table(zone, numbers)
    assert list(numbered.columns[:2]) == ["no.", "event"]
    assert [numbers[e] for e in numbered["event"]] == list(numbered["no."])
    # an event the map does not number is an error naming it
    dropped = sorted(numbers)[0]
    with pytest.raises(ValueError, match=f"without a number on the map: {dropped}"):
        tables.zone_table(zone, {e: n for e, n in numbers.items() if e != dropped})


def test_record_figures_split_one_entry_by_claimant():
    from analysis.present import tables

    record = reference.load_public_record()
    entry = record[record["key"] == "tinzaouaten_strike_claims"].iloc[0]
    table = tables.record_figures(record, "tinzaouaten_strike_claims")
    assert len(table) == len([p for p in entry["value"].split(";") if p.strip()]) >= 2
    assert set(table["reliability"]) == {entry["reliability"]}
    with pytest.raises(KeyError, match="no entry 'nothing'"):
        tables.record_figures(record, "nothing")


def test_corpus_table_has_one_row_per_seed_with_its_interval(paras):
    from analysis.present import tables
    from analysis.sources import corpus

    docs = corpus.load_corpus()
    table = tables.corpus_table(docs)
    assert table["seed"].tolist() == docs["seed"].tolist()
    for rec, doc in zip(table.itertuples(), docs.itertuples()):
        lo, hi = doc.published_earliest, doc.published_latest
        assert rec.published == (f"{lo:%Y-%m-%d}" if lo == hi else f"{lo:%Y-%m-%d} to {hi:%Y-%m-%d}")
        assert rec.outlet == (doc.outlet or "not named")
    assert not any("_" in c for c in table.columns)  # reader-facing headers, no raw column names


def test_date_evidence_words_stand_in_their_paragraphs(paras):
    from analysis.core.text import normalise
    from analysis.present import tables
    from analysis.sources import corpus

    catalog = corpus.load_catalog()
    table = tables.date_evidence_table(catalog, paras)
    text = dict(zip(paras["key"], paras["display"]))
    assert len(table) == len(catalog)
    for rec in table.itertuples():
        keys = [k.strip() for k in rec.where.split(";") if k.strip()]
        assert len(keys) == len(rec.words)
        for key, words in zip(keys, rec.words):
            assert normalise(words) in normalise(text[key]), (rec.seed, key)


def test_boilerplate_table_counts_every_boilerplate_paragraph_once(paras):
    from analysis.present import tables

    table = tables.boilerplate_table(paras)
    boiler = paras[paras["kind"] == "boilerplate"]
    assert table["paragraphs"].sum() == len(boiler)
    assert sorted(k for w in table["where"] for k in w.split("; ")) == sorted(boiler["key"])
    assert set(table["rule"]) == set(boiler["rule"])


def test_codebook_tables_count_the_ledger(ledger):
    from analysis.ledger import codebook
    from analysis.present import tables

    types = tables.types_in_use(ledger)
    assert types["events in ledger"].sum() == len(ledger)
    assert set(types["event_type"]) == set(codebook.PLOVER_TYPES)
    modes = tables.modes_in_use(ledger)
    assert modes["events"].sum() == (ledger["event_mode"] != "").sum()
    prec = tables.terms_in_use(ledger, "date_precision", codebook.PRECISIONS, "meaning and form")
    assert prec["events"].sum() == len(ledger) and list(prec["date_precision"]) == list(codebook.PRECISIONS)
    kinds = tables.terms_in_use(actors.load_actors(), "kind", actors.KINDS, "covers", count="actors")
    assert kinds["actors"].sum() == len(actors.load_actors())


def test_ledger_source_names_the_seeds_of_the_rows_charted(ledger):
    from analysis.present import figures

    seeds = sorted(set(ledger["seed"]))
    assert f"seeds {seeds[0]}\u2013{seeds[-1]}" in figures.ledger_source(ledger)
    one = ledger[ledger["seed"] == seeds[0]]
    assert f"seed {seeds[0]};" in figures.ledger_source(one)
